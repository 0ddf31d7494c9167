//! `marginalia suggest`: the suggested entities and claims of each document, one JSON object a line,
//! offsets in code points. Documents come from files and folders, or as a stream — standard input
//! (`-`) or a `.jsonl` file — of JSON Lines (`{"id", "text", "meta"}` a line, as `import` reads
//! them) or, when its first non-blank byte is not `{`, of one plain text.
//!
//! It is written as a line filter, so that GNU parallel, Spark's `RDD.pipe` or Hadoop streaming can
//! run it over an archive: what it prints depends on its input alone, in the input's order (the same
//! input gives byte-identical output); a stream is read a line at a time, so memory stays bounded by
//! the longest line (itself refused past an article's limit, without being held); each output line is
//! built whole and goes out in one write, flushed, so that runs appending to one file never interleave
//! and the next program sees each document as soon as it is done; a bad line is reported with its
//! number and the others still go out (exit code 1 at the end).

use super::progress::Progress;
use crate::article::MAX_ARTICLE_BYTES;
use crate::doc::Document;
use crate::engines::{Engines, Notice};
use crate::input::{self, Line};
use crate::store;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

/// The argument that names standard input.
pub const STDIN: &str = "-";

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    score: f32,
    source: &'a str,
}

#[derive(Serialize)]
struct DocOut<'a> {
    /// The path of a file; for a line of JSON Lines, its `id` (or `ARG:LINE` without one).
    id: Value,
    text: &'a str,
    /// A line's `meta`, as it came.
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Value>,
    spans: Vec<SpanOut<'a>>,
    claims: Vec<ClaimOut<'a>>,
}

#[derive(Serialize)]
struct RangeOut {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ClaimantOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// For a pronoun: the entity it refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    refers_to: Option<MentionOut<'a>>,
}

/// A claim: `start`/`end` cover what is claimed (the content).
#[derive(Serialize)]
struct ClaimOut<'a> {
    start: usize,
    end: usize,
    cue: Option<RangeOut>,
    claimant: Option<ClaimantOut<'a>>,
    checkworthy: f32,
    score: f32,
}

fn claim_out<'a>(doc: &'a Document, c: &crate::claims::ClaimSuggestion) -> Option<ClaimOut<'a>> {
    let cp = |r: std::ops::Range<usize>| doc.chars().chars_of(doc.text(), r.into());
    let mention = |r: std::ops::Range<usize>| {
        let chars = cp(r.clone())?;
        Some(MentionOut { start: chars.start, end: chars.end, text: &doc.text()[r] })
    };
    let content = cp(c.content.clone())?;
    let claimant = c.claimant.as_ref().and_then(|w| {
        let m = mention(w.range.clone())?;
        Some(ClaimantOut { start: m.start, end: m.end, text: m.text, refers_to: w.refers_to.clone().and_then(mention) })
    });
    Some(ClaimOut {
        start: content.start,
        end: content.end,
        cue: c.cue.clone().and_then(cp).map(|r| RangeOut { start: r.start, end: r.end }),
        claimant,
        checkworthy: c.checkworthy,
        score: c.score,
    })
}

fn document_text(path: &Path) -> anyhow::Result<String> {
    if store::is_annotation_file(path) {
        Ok(store::load(path)?.doc.text().to_string())
    } else {
        Ok(crate::article::read(path)?.text)
    }
}

/// The documents `suggest` works on: files as given, folders as the articles and annotation files in
/// them (by name; an article whose annotation file is there too is taken once, from the file).
fn documents_in(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == STDIN || !input.is_dir() {
            out.push(input.clone());
            continue;
        }
        let corpus = crate::corpus::Corpus::list(input)
            .map_err(|e| anyhow::anyhow!("could not read the folder {}: {e}", input.display()))?;
        out.extend(corpus.documents.into_iter().map(|d| match d.known {
            crate::corpus::Known::NoAnnotations => d.article.unwrap_or(d.annotations),
            _ => d.annotations,
        }));
    }
    Ok(out)
}

/// One line of a JSON Lines stream: what `suggest` reads of it (other fields are ignored).
#[derive(Deserialize)]
struct LineIn {
    id: Option<Value>,
    text: String,
    meta: Option<Value>,
}

/// The shipped engines, loaded once for a run; what could not be loaded is said on `err` (without the
/// entity model, entities come from the rules only; without the claim models, there are no claims).
pub(crate) fn shipped_engines(err: &mut impl Write) -> Engines {
    let (engines, notices) = Engines::shipped();
    for notice in notices {
        let _ = writeln!(err, "marginalia: {}", say(&notice));
    }
    engines
}

/// What the command line says about something the engines report.
fn say(notice: &Notice) -> String {
    match notice {
        Notice::NoEntityModel(e) => format!("the shipped entity model could not be loaded ({e}); using rules only"),
        Notice::NoClaimModels(e) => format!("the claim models could not be loaded ({e}); no claims"),
        Notice::LearnedUnreadable(e) => format!("{e}; the shipped model is used instead (the file was left as it is)"),
        Notice::LearnedUnsaved { path, error } => {
            format!("the learned model could not be saved to {}: {error}", path.display())
        }
        Notice::Reset => "the learned models were reset to the shipped ones".into(),
    }
}

/// The JSON line of one document, with its `\n`, into `line`.
fn line(
    engines: &Engines,
    id: Value,
    text: String,
    meta: Option<&Value>,
    line: &mut Vec<u8>,
) -> serde_json::Result<()> {
    let doc = Document::new(text);
    let found = engines.predict(&doc, &[]);
    let spans = found
        .entities
        .iter()
        .filter_map(|s| {
            let r = doc.chars().chars_of(doc.text(), (&s.range).into())?;
            Some(SpanOut { start: r.start, end: r.end, label: &s.label, score: s.score, source: &s.source })
        })
        .collect();
    let claims = found.claims.iter().filter_map(|c| claim_out(&doc, c)).collect();
    line.clear();
    serde_json::to_writer(&mut *line, &DocOut { id, text: doc.text(), meta, spans, claims })?;
    line.push(b'\n');
    Ok(())
}

/// A run over the inputs: where it prints, and what it has done so far.
struct Run<'o, O: Write, E: Write> {
    engines: &'o Engines,
    out: &'o mut O,
    err: &'o mut E,
    progress: Progress,
    /// Every document was read and suggested for.
    ok: bool,
    /// The line being built (kept between documents, for its capacity).
    line: Vec<u8>,
}

impl<O: Write, E: Write> Run<'_, O, E> {
    /// Suggests for one document and prints its line: whole, in one write, flushed.
    fn document(&mut self, id: Value, text: String, meta: Option<Value>) -> anyhow::Result<()> {
        line(self.engines, id, text, meta.as_ref(), &mut self.line)?;
        self.out.write_all(&self.line)?;
        self.out.flush()?;
        self.progress.inc();
        Ok(())
    }

    /// Reports what could not be done (above the progress bar); the run will end with exit code 1.
    fn failed(&mut self, why: &str) -> std::io::Result<()> {
        self.ok = false;
        let err = &mut *self.err;
        self.progress.suspend(|| writeln!(err, "marginalia: {why}"))
    }

    /// A file or folder's document, named by its path.
    fn file(&mut self, path: &Path) -> anyhow::Result<()> {
        match document_text(path) {
            Ok(text) => self.document(Value::String(path.display().to_string()), text, None),
            Err(e) => Ok(self.failed(&e.to_string())?),
        }
    }

    /// The documents of a stream: JSON Lines when its first non-blank byte is `{`, else one plain
    /// text. `arg` is how the stream was named (`-` or the file), `name` how messages name it.
    fn stream(&mut self, mut reader: impl BufRead, arg: &str, name: &str) -> anyhow::Result<()> {
        let read = |e: std::io::Error| anyhow::Error::from(e).context(format!("could not read {name}"));
        let blanks = leading_blanks(&mut reader).map_err(read)?;
        let json = reader.fill_buf().map_err(read)?.first() == Some(&b'{');
        let mut reader = std::io::Cursor::new(blanks).chain(reader);
        if !json {
            let mut bytes = Vec::new();
            reader.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes).map_err(read)?;
            if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                return Ok(self.failed(&format!(
                    "{name} is not JSON Lines, and as one text it is larger than {} MB, the most an article may be",
                    MAX_ARTICLE_BYTES >> 20
                ))?);
            }
            return match crate::article::decode_article(Path::new(name), bytes) {
                Ok(text) => self.document(Value::String(arg.to_string()), text, None),
                Err(e) => Ok(self.failed(&e.to_string())?),
            };
        }
        let mut buf = Vec::new();
        for n in 1.. {
            let at = || format!("{name}, line {n}");
            match input::read_line(&mut reader, &mut buf, MAX_ARTICLE_BYTES as usize).map_err(read)? {
                Line::End => break,
                Line::TooLong => self.failed(&format!(
                    "{}: longer than {} MB, the most a document may be; skipped",
                    at(),
                    MAX_ARTICLE_BYTES >> 20
                ))?,
                Line::Read if buf.trim_ascii().is_empty() => {}
                Line::Read => match serde_json::from_slice::<LineIn>(&buf) {
                    Ok(l) => self.document(l.id.unwrap_or_else(|| format!("{arg}:{n}").into()), l.text, l.meta)?,
                    Err(e) => self.failed(&format!("{}, {}; skipped", at(), not_a_document(&e)))?,
                },
            }
        }
        Ok(())
    }
}

/// What is wrong with a line, where in it: `column 12: missing field `text``.
fn not_a_document(e: &serde_json::Error) -> String {
    let said = e.to_string();
    let said = said.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&said);
    let what = match e.classify() {
        serde_json::error::Category::Data => "not a document (a JSON object with a \"text\" string)",
        _ => "not JSON",
    };
    format!("column {}: {what}: {said}", e.column())
}

/// Reads past a byte-order mark and the blanks before the first byte that tells what a stream holds;
/// returns the blanks (they are part of a plain text, and of the count of lines).
fn leading_blanks(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    if reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    let mut blanks = Vec::new();
    loop {
        let piece = reader.fill_buf()?;
        let n = piece.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let (more, held) = (n == piece.len() && n > 0, blanks.len() as u64);
        blanks.extend_from_slice(&piece[..n]);
        reader.consume(n);
        // Past an article's worth of blanks, what follows is read as text (and refused as too large).
        if !more || held > MAX_ARTICLE_BYTES {
            return Ok(blanks);
        }
    }
}

/// A `.jsonl` file: read as a stream of documents.
fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// `marginalia suggest`: one JSON object per document, in the order given. Documents that cannot be
/// read are reported on stderr and the others still printed; the exit code says whether all were.
/// `out` should be unbuffered (each line is flushed as it is written).
pub fn suggest(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> anyhow::Result<bool> {
    let inputs = documents_in(files)?;
    let streams = inputs.iter().any(|p| p.as_os_str() == STDIN || is_jsonl(p));
    let progress = match (streams, inputs.len()) {
        (true, _) => Progress::documents(None),
        (false, 1) => Progress::hidden(),
        (false, n) => Progress::documents(Some(n as u64)),
    };
    let engines = shipped_engines(err);
    let mut run = Run { engines: &engines, out, err, progress, ok: true, line: Vec::new() };
    for path in &inputs {
        if path.as_os_str() == STDIN {
            run.stream(std::io::stdin().lock(), STDIN, "standard input")?;
        } else if is_jsonl(path) {
            let name = path.display().to_string();
            match input::open_regular(path) {
                Ok((file, _)) => run.stream(std::io::BufReader::new(file), &name, &name)?,
                Err(e) => run.failed(&e.to_string())?,
            }
        } else {
            run.file(path)?;
        }
    }
    run.progress.finish();
    Ok(run.ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// Runs `suggest` over `input` as a stream: the lines printed, and the messages.
    fn stream(engines: &Engines, input: &[u8]) -> (Vec<Value>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut run =
            Run { engines, out: &mut out, err: &mut err, progress: Progress::hidden(), ok: true, line: vec![] };
        run.stream(input, STDIN, "standard input").expect("a stream in memory reads");
        let lines = out.split(|&b| b == b'\n').filter(|l| !l.is_empty());
        let lines = lines.map(|l| serde_json::from_slice(l).expect("every line printed is JSON")).collect();
        (lines, String::from_utf8(err).expect("messages are text"))
    }

    /// A document's line as a user would write it, or garbage.
    fn input_line() -> impl Strategy<Value = Vec<u8>> {
        let doc = (crate::test_support::unicode_text(), any::<u32>()).prop_map(|(text, id)| {
            serde_json::json!({"id": id, "text": text, "meta": {"n": id}}).to_string().into_bytes()
        });
        prop_oneof![3 => doc, 1 => prop::collection::vec(any::<u8>(), 0..60), 1 => Just(b"{\"text\": 5}".to_vec())]
    }

    #[test]
    fn a_garbled_stream_never_panics_and_every_line_is_printed_or_reported() {
        let engines = shipped_engines(&mut std::io::sink());
        let lines = prop::collection::vec((input_line(), prop::bool::ANY), 1..12);
        let case = (lines, any::<prop::sample::Index>());
        TestRunner::new(Config::with_cases(48))
            .run(&case, |(lines, cut)| {
                let mut input = br#"{"text": "Ana Lima said prices fell."}"#.to_vec();
                for (line, crlf) in lines {
                    input.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
                    input.extend(line);
                }
                input.truncate(cut.index(input.len()) + 1);
                let (printed, said) = stream(&engines, &input);
                let given = input.split(|&b| b == b'\n').filter(|l| !l.trim_ascii().is_empty()).count();
                prop_assert_eq!(printed.len() + said.lines().count(), given, "{}", said);
                for doc in &printed {
                    let chars = doc["text"].as_str().map(|t| t.chars().count()).unwrap_or(0) as u64;
                    for s in doc["spans"].as_array().into_iter().flatten() {
                        prop_assert!(s["start"].as_u64() <= s["end"].as_u64() && s["end"].as_u64() <= Some(chars));
                    }
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn any_bytes_are_one_text_or_a_message() {
        let engines = shipped_engines(&mut std::io::sink());
        TestRunner::new(Config::with_cases(48))
            .run(&prop::collection::vec(any::<u8>(), 0..300), |bytes| {
                let (printed, said) = stream(&engines, &bytes);
                prop_assert!(printed.len() + said.lines().count() >= 1);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_line_says_where_it_is_wrong() {
        let engines = shipped_engines(&mut std::io::sink());
        let (printed, said) =
            stream(&engines, b"\n\n{\"id\": \"a\", \"text\": \"Paris.\"}\n{\"id\": 2}\n{\"text\": \"x\"\n");
        assert_eq!(printed.len(), 1);
        assert!(said.contains("standard input, line 4, column 9: not a document"), "{said}");
        assert!(said.contains("missing field `text`"), "{said}");
        assert!(said.contains("standard input, line 5, column 12: not JSON"), "{said}");
    }
}
