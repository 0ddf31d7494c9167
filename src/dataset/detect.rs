//! What a file given to `import` holds, told by its content before its name: CoNLL-2003's own
//! `test.txt` and `eng.train` are CoNLL whatever they are called, a Label Studio export is a `.json`
//! like many others, and a file Marginalia cannot read is refused naming what it looks like (a UIMA
//! CAS XMI file, spaCy v2 JSON) instead of being imported as an article whose text is markup.
//!
//! Only the first [`HEAD`] bytes are looked at; the extension decides only where the content does
//! not (an article is text of any shape).

use std::path::Path;

/// How much of a file is looked at to tell its format.
pub const HEAD: usize = 64 * 1024;

/// A format `import` reads (`--format` names one to skip detection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// An article: plain text or Markdown.
    Text,
    /// A saved web page.
    Html,
    /// A PDF's text layer.
    Pdf,
    /// JSON Lines: spaCy / Prodigy, doccano, or `{"text", "meta"}`.
    Jsonl,
    /// CoNLL columns: a token first, its tag last.
    Conll,
    /// A brat `.ann` file beside its `.txt`.
    Brat,
    /// A Label Studio JSON export (or its `JSON_MIN`).
    LabelStudio,
    /// A WebAnno TSV 3 file (INCEpTION's and WebAnno's text export).
    WebannoTsv,
    /// A spaCy `DocBin` (`.spacy`, what `spacy train` reads).
    SpacyDocbin,
    /// A Marginalia annotation file (`.ann.ron`): read as it is, suggestions and decisions included.
    Annotations,
    /// A Marginalia dataset file (`export --format ron`).
    Dataset,
}

/// A file whose format Marginalia does not read, as it looks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path} looks like {what}: Marginalia cannot import it{advice}")]
pub struct Unsupported {
    pub path: String,
    pub what: &'static str,
    pub advice: &'static str,
}

/// The format of the file at `path` whose first bytes are `head`.
pub fn detect(path: &Path, head: &[u8]) -> Result<InputFormat, Unsupported> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let unsupported = |(what, advice)| Unsupported { path: path.display().to_string(), what, advice };
    by_content(&name, head).map_err(unsupported)
}

/// What a file refused looks like, and what to do instead.
type LooksLike = (&'static str, &'static str);

fn by_content(name: &str, head: &[u8]) -> Result<InputFormat, LooksLike> {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    if head.starts_with(b"%PDF") {
        return Ok(InputFormat::Pdf);
    }
    // zlib's header (what spaCy compresses a DocBin with): CMF 0x78, and a check over both bytes.
    if head.len() > 2 && head[0] == 0x78 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0 {
        return Ok(InputFormat::SpacyDocbin);
    }
    let mut head = head;
    if head.starts_with(b"\xEF\xBB\xBF") {
        head = &head[3..];
    }
    // A head cut inside a character is still text: look at what decodes.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        // Binary: the article reader names what it is.
        Err(_) => return Ok(InputFormat::Text),
    };
    let start = text.trim_start();
    if start.starts_with("#FORMAT=WebAnno TSV 3") {
        return Ok(InputFormat::WebannoTsv);
    }
    if start.starts_with("#FORMAT=WebAnno TSV") {
        return Err(("an older WebAnno TSV (before 3)", ": export it again as WebAnno TSV 3.3"));
    }
    if start.starts_with('<') {
        return xml(start, ext);
    }
    if start.starts_with('(') && name.ends_with(".ron") {
        return Ok(if text.contains("marginalia-dataset") { InputFormat::Dataset } else { InputFormat::Annotations });
    }
    if start.starts_with('[') && start[1..].trim_start().starts_with(['{', ']', '[', '"']) {
        return json_array(start);
    }
    if start.starts_with('{') {
        return Ok(InputFormat::Jsonl);
    }
    if looks_like_brat(start) {
        return Ok(InputFormat::Brat);
    }
    if looks_like_conllu(start) {
        return Err((
            "CoNLL-U (Universal Dependencies: ten columns of syntax, no entity tags)",
            ": give CoNLL with entity tags in the last column",
        ));
    }
    if looks_like_conll(start) {
        return Ok(InputFormat::Conll);
    }
    Ok(match ext {
        "html" | "htm" => InputFormat::Html,
        _ => InputFormat::Text,
    })
}

fn xml(start: &str, ext: &str) -> Result<InputFormat, LooksLike> {
    let lower = start.get(..start.len().min(4096)).unwrap_or(start).to_lowercase();
    if lower.contains("xmi:xmi") || lower.contains("http:///uima/") || lower.contains("cas:sofa") {
        return Err((
            "a UIMA CAS XMI file (INCEpTION's or DKPro's XMI export)",
            ": not supported yet; export it from INCEpTION as WebAnno TSV 3.3",
        ));
    }
    if lower.contains("<tei") {
        return Err(("a TEI XML document", ": not supported yet; give its text"));
    }
    if lower.contains("<html") || lower.contains("<!doctype html") || matches!(ext, "html" | "htm" | "xhtml") {
        return Ok(InputFormat::Html);
    }
    Err(("an XML file", ": not supported yet; give its text"))
}

fn json_array(start: &str) -> Result<InputFormat, LooksLike> {
    if start[1..].trim_start().starts_with([']', '{']) {
        if start.contains("\"paragraphs\"") && !start.contains("\"data\"") {
            return Err((
                "spaCy v2 JSON training data",
                ": convert it with `python -m spacy convert FILE . --converter json` and import the .spacy file",
            ));
        }
        return Ok(InputFormat::LabelStudio);
    }
    Err(("a JSON array of something other than tasks", ": give Label Studio's JSON export or JSON Lines"))
}

/// brat standoff: lines like `T1\tPERSON 0 8\tEd Davey` (or `R`, `E`, `A`, `M`, `N` and `#` lines).
fn looks_like_brat(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(50).collect();
    let brat_line = |l: &&str| {
        let mut id = l.split('\t');
        let Some(first) = id.next() else { return false };
        let mut chars = first.chars();
        matches!(chars.next(), Some('T' | 'R' | 'E' | 'A' | 'M' | 'N' | '*' | '#'))
            && chars.all(|c| c.is_ascii_digit())
            && id.next().is_some()
    };
    !lines.is_empty() && lines.iter().all(brat_line)
}

/// CoNLL-U: `# sent_id` / `# text` comments and ten tab-separated columns, a number first.
fn looks_like_conllu(text: &str) -> bool {
    let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).take(50).collect();
    !rows.is_empty()
        && rows.iter().all(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            cols.len() == 10 && cols[0].split(['-', '.']).all(|n| n.parse::<u32>().is_ok())
        })
}

/// CoNLL columns: nearly every non-blank line is a token and a tag (`O`, `B-PER`, `I-LOC`, `E-`,
/// `S-`, `L-`, `U-`) in its last column, or `-DOCSTART-`; an article's lines are sentences.
fn looks_like_conll(text: &str) -> bool {
    let rows: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(200).collect();
    let tagged = |l: &&&str| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            return true;
        }
        cols.len() >= 2 && cols.last().is_some_and(|t| looks_like_tag(t))
    };
    let n = rows.iter().filter(tagged).count();
    rows.len() >= 2 && n * 10 >= rows.len() * 9
}

fn looks_like_tag(t: &str) -> bool {
    t == "O"
        || t.split_once('-').is_some_and(|(p, ty)| matches!(p, "B" | "I" | "E" | "S" | "L" | "U") && !ty.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(name: &str, content: &str) -> Result<InputFormat, Unsupported> {
        detect(Path::new(name), content.as_bytes())
    }

    #[test]
    fn conll_2003_files_are_conll_whatever_their_name() {
        let test_txt = "-DOCSTART- -X- -X- O\n\nSOCCER NN B-NP O\n- : O O\nJAPAN NNP B-NP B-LOC\nGET VB B-VP O\n";
        assert_eq!(of("test.txt", test_txt), Ok(InputFormat::Conll));
        assert_eq!(of("eng.train", test_txt), Ok(InputFormat::Conll));
        assert_eq!(of("\u{feff}x.txt", &format!("\u{feff}{test_txt}")), Ok(InputFormat::Conll));
    }

    #[test]
    fn an_article_stays_an_article() {
        let article = "Syria's Kurds said on Monday that they would hold talks.\nO\nThe talks begin today.\n";
        assert_eq!(of("report.txt", article), Ok(InputFormat::Text));
        assert_eq!(of("notes.md", "# Notes\n\nB-roll of the O-levels\n"), Ok(InputFormat::Text));
    }

    #[test]
    fn other_tools_files_are_told_by_their_content() {
        assert_eq!(of("a.json", "[{\"data\": {\"text\": \"x\"}, \"annotations\": []}]"), Ok(InputFormat::LabelStudio));
        assert_eq!(of("a.tsv", "\u{feff}#FORMAT=WebAnno TSV 3.3\n"), Ok(InputFormat::WebannoTsv));
        assert_eq!(of("a.txt", "{\"text\": \"x\"}\n"), Ok(InputFormat::Jsonl));
        assert_eq!(of("a.ann", "T1\tORG 0 4\tACME\n#1\tAnnotatorNotes T1\tx\n"), Ok(InputFormat::Brat));
        assert_eq!(of("a.txt.ann.ron", "(\n    format: \"marginalia-annotations\",\n"), Ok(InputFormat::Annotations));
        assert_eq!(of("d.ron", "(format: \"marginalia-dataset\", version: 1,"), Ok(InputFormat::Dataset));
        assert_eq!(detect(Path::new("train.spacy"), &[0x78, 0x9c, 0x01]), Ok(InputFormat::SpacyDocbin));
        assert_eq!(of("page.html", "<!DOCTYPE html><html><body>Hi</body></html>"), Ok(InputFormat::Html));
        assert_eq!(of("annotation.conf", "[entities]\nPERSON\n"), Ok(InputFormat::Text), "brat's configuration");
    }

    #[test]
    fn what_cannot_be_read_is_refused_naming_what_it_looks_like() {
        let xmi = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xmi:XMI xmlns:cas=\"http:///uima/cas.ecore\">";
        let e = of("doc.xmi", xmi).unwrap_err();
        assert!(e.to_string().contains("a UIMA CAS XMI file"), "{e}");
        let conllu =
            "# sent_id = 1\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n";
        assert!(of("ud.conllu", conllu).unwrap_err().to_string().contains("CoNLL-U"));
        let v2 = "[{\"id\": 0, \"paragraphs\": [{\"raw\": \"x\", \"sentences\": []}]}]";
        assert!(of("train.json", v2).unwrap_err().to_string().contains("spaCy v2 JSON"));
    }
}
