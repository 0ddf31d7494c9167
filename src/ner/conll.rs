//! CoNLL-style files: one token per line with columns, a blank line between sentences, `-DOCSTART-`
//! lines between documents. The reader keeps every line so that `marginalia tag` can print the file
//! back exactly, with a predicted column appended.

use std::path::Path;

/// One line of a CoNLL file.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A token line, split on whitespace.
    Token(Vec<String>),
    Blank,
    /// `-DOCSTART- …`, kept verbatim.
    DocStart(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub words: Vec<String>,
    /// The gold tag column, when asked for and present.
    pub gold: Vec<String>,
    /// Index of the document (counting `-DOCSTART-` lines) this sentence belongs to.
    pub doc: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ConllError {
    /// Not a regular file, too large, or unreadable (see [`crate::input`]).
    #[error(transparent)]
    Read(#[from] crate::input::ReadError),
    #[error("{path}, line {line}: expected at least {need} columns, found {found}")]
    Columns { path: String, line: usize, need: usize, found: usize },
}

pub fn read_lines(path: &Path) -> Result<Vec<Line>, ConllError> {
    Ok(parse_lines(&crate::input::read_text(path, crate::input::MAX_DATA_FILE)?))
}

pub fn parse_lines(text: &str) -> Vec<Line> {
    text.lines()
        .map(|l| {
            let cols: Vec<String> = l.split_whitespace().map(String::from).collect();
            match cols.first().map(String::as_str) {
                None => Line::Blank,
                Some("-DOCSTART-") => Line::DocStart(l.to_string()),
                Some(_) => Line::Token(cols),
            }
        })
        .collect()
}

/// Column `c` of a token line (negative counts from the end).
pub fn column(cols: &[String], c: isize) -> Option<&String> {
    let i = if c < 0 { cols.len() as isize + c } else { c };
    usize::try_from(i).ok().and_then(|i| cols.get(i))
}

/// Splits lines into documents, each starting at a `-DOCSTART-` line (the first may start without one).
pub fn documents(lines: &[Line]) -> Vec<&[Line]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if matches!(l, Line::DocStart(_)) && i > start {
            out.push(&lines[start..i]);
            start = i;
        }
    }
    if start < lines.len() {
        out.push(&lines[start..]);
    }
    out
}

/// Groups token lines into sentences; `gold` is the column holding the tags (negative counts from the
/// end), or `None` to read words only.
pub fn sentences(path: &Path, lines: &[Line], gold: Option<isize>) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut cur = Sentence { words: Vec::new(), gold: Vec::new(), doc: 0 };
    let mut doc = 0;
    for (n, line) in lines.iter().enumerate() {
        match line {
            Line::Token(cols) => {
                cur.words.push(cols[0].clone());
                if let Some(c) = gold {
                    let tag = column(cols, c).ok_or(ConllError::Columns {
                        path: path.display().to_string(),
                        line: n + 1,
                        need: if c < 0 { c.unsigned_abs() } else { c as usize + 1 },
                        found: cols.len(),
                    })?;
                    cur.gold.push(tag.clone());
                }
            }
            Line::Blank | Line::DocStart(_) => {
                if !cur.words.is_empty() {
                    out.push(std::mem::replace(&mut cur, Sentence { words: Vec::new(), gold: Vec::new(), doc }));
                }
                if matches!(line, Line::DocStart(_)) {
                    doc += 1;
                }
                cur.doc = doc;
            }
        }
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The words of each sentence in a run of lines.
pub fn sentence_tokens(lines: &[Line]) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in lines {
        match line {
            Line::Token(cols) => cur.push(&cols[0]),
            _ if !cur.is_empty() => out.push(std::mem::take(&mut cur)),
            _ => {}
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_documents() {
        let lines = parse_lines(
            "-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n-DOCSTART- -X- O O\nHi X X O\n",
        );
        let s = sentences(Path::new("t"), &lines, Some(3)).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].words, ["EU", "rejects"]);
        assert_eq!(s[0].gold, ["B-ORG", "O"]);
        assert_eq!((s[0].doc, s[1].doc, s[2].doc), (1, 1, 2));
        let last = sentences(Path::new("t"), &lines, Some(-1)).unwrap();
        assert_eq!(last[1].gold, ["B-PER"]);
        assert!(sentences(Path::new("t"), &parse_lines("a b\n"), Some(5)).is_err());
    }
}
