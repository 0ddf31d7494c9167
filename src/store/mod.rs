//! The RON annotation file: one self-contained file per document (see `docs/FORMAT.md`).
//!
//! The file holds the text itself (a dataset never depends on the source still existing), the source
//! path and the text's hash, the label set, and every span with code-point offsets *and* its quoted
//! text. Output is deterministic — spans in document order, one per line — so files diff and merge
//! cleanly in git. Loading is strict and total: any problem is an error value that names the line and
//! column or the span at fault; the caller never overwrites a file that failed to load.

pub mod atomic;

use crate::annotation::{Annotations, Label, LabelSet, Origin, Review, Span, SpanId, Status, Timestamp};
use crate::doc::Document;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FORMAT_NAME: &str = "marginalia-annotations";
pub const FORMAT_VERSION: u32 = 1;
pub const EXTENSION: &str = ".ann.ron";

/// Where the annotations of `article` are kept: beside it, as `<file name>.ann.ron`.
pub fn annotation_path_for(article: &Path) -> PathBuf {
    let mut name = article.file_name().unwrap_or_default().to_os_string();
    name.push(EXTENSION);
    article.with_file_name(name)
}

pub fn is_annotation_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The article this was made from, as given when it was opened (may no longer exist).
    pub path: Option<String>,
    /// SHA-256 of `text`, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub id: u64,
    /// Code points, end exclusive.
    pub start: usize,
    pub end: usize,
    /// `text[start..end]`, so a reader can verify the offsets.
    pub text: String,
    pub label: String,
    pub status: Status,
    pub origin: Origin,
    pub created: Timestamp,
    #[serde(default)]
    pub reviewed: Option<Review>,
}

/// The file, exactly as serialized (version 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationFile {
    pub format: String,
    pub version: u32,
    pub source: SourceRecord,
    pub labels: Vec<Label>,
    pub spans: Vec<SpanRecord>,
    pub text: String,
}

/// Only the header, read first so that a newer or foreign file is named as such.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: String,
    /// 0 when missing.
    #[serde(default)]
    version: u32,
}

/// A loaded annotation file: the document, its annotations and where its text came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: Document,
    pub annotations: Annotations,
    pub source_path: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("could not read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is not UTF-8 text (first bad byte at offset {at}); it is not an annotation file")]
    NotUtf8 { path: PathBuf, at: usize },
    #[error("{path}, line {line}, column {col}: {message}")]
    Syntax { path: PathBuf, line: usize, col: usize, message: String },
    #[error("{path} is not a Marginalia annotation file (its `format` is {found:?}, expected \"{FORMAT_NAME}\")")]
    Foreign { path: PathBuf, found: String },
    #[error(
        "{path} was written by a newer Marginalia (format version {found}; this one reads up to {FORMAT_VERSION}). Update Marginalia to open it"
    )]
    Newer { path: PathBuf, found: u32 },
    #[error("{path}: {problem}")]
    Invalid { path: PathBuf, problem: String },
}

impl LoadError {
    /// What the user can do about it; shown under the error.
    pub fn advice(&self) -> &'static str {
        match self {
            LoadError::Syntax { .. } | LoadError::Invalid { .. } => {
                "The file was left exactly as it is. Fix it at the place named (or restore it from version control), then open it again."
            }
            LoadError::Newer { .. } => "The file was left exactly as it is.",
            _ => "Nothing was changed on disk.",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("could not save {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("could not serialize the annotations: {0}")]
    Serialize(#[from] ron::Error),
}

/// Builds the file record for a document and its annotations.
pub fn to_file(doc: &Document, ann: &Annotations, source_path: Option<&Path>) -> AnnotationFile {
    let text = doc.text();
    let chars = doc.chars();
    let spans = ann
        .spans()
        .iter()
        .filter_map(|s| {
            let r = chars.char_range(text, s.range.clone())?;
            Some(SpanRecord {
                id: s.id.0,
                start: r.start,
                end: r.end,
                text: text[s.range.clone()].to_string(),
                label: s.label.clone(),
                status: s.status,
                origin: s.origin.clone(),
                created: s.created,
                reviewed: s.reviewed.clone(),
            })
        })
        .collect();
    AnnotationFile {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        source: SourceRecord { path: source_path.map(|p| p.display().to_string()), sha256: doc.hash() },
        labels: ann.labels.iter().cloned().collect(),
        spans,
        text: text.to_string(),
    }
}

/// Serializes deterministically: one span per line, in document order.
pub fn to_ron(file: &AnnotationFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().depth_limit(2).struct_names(false).indentor("    ");
    let mut out = ron::ser::to_string_pretty(file, config)?;
    out.push('\n');
    Ok(out)
}

pub fn save(path: &Path, doc: &Document, ann: &Annotations, source_path: Option<&Path>) -> Result<(), SaveError> {
    let ron = to_ron(&to_file(doc, ann, source_path))?;
    atomic::write_atomic(path, ron.as_bytes()).map_err(|source| SaveError::Io { path: path.to_path_buf(), source })
}

pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?;
    parse(path, &bytes)
}

/// Parses and validates the bytes of an annotation file (`path` is for messages).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let p = || path.to_path_buf();
    let src = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 { path: p(), at: e.valid_up_to() })?;
    let syntax = |e: ron::error::SpannedError| LoadError::Syntax {
        path: p(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    };
    let header: Header = ron::from_str(src).map_err(syntax)?;
    if header.format != FORMAT_NAME {
        return Err(LoadError::Foreign { path: p(), found: header.format });
    }
    match header.version {
        0 => return Err(LoadError::Invalid { path: p(), problem: "the file has no `version` field".into() }),
        v if v > FORMAT_VERSION => return Err(LoadError::Newer { path: p(), found: v }),
        // Version 1 is the first; a future version 2 migrates older files here, step by step.
        _ => {}
    }
    let file: AnnotationFile = ron::from_str(src).map_err(syntax)?;
    from_file(file).map_err(|problem| LoadError::Invalid { path: p(), problem })
}

/// Checks a parsed file and turns it into a document and annotations.
pub fn from_file(file: AnnotationFile) -> Result<Loaded, String> {
    let doc = Document::new(file.text);
    let text = doc.text();
    let chars = doc.chars();
    let labels = LabelSet::new(file.labels);
    let mut seen = std::collections::HashSet::new();
    let mut spans = Vec::with_capacity(file.spans.len());
    for (n, r) in file.spans.into_iter().enumerate() {
        let which = format!("span {} (id {}, the {} in `spans`)", n + 1, r.id, ordinal(n + 1));
        if !seen.insert(r.id) {
            return Err(format!("{which}: id {} is used twice", r.id));
        }
        if r.start >= r.end {
            return Err(format!("{which}: start {} must be before end {}", r.start, r.end));
        }
        let Some(range) = chars.byte_range(text, r.start..r.end) else {
            return Err(format!(
                "{which}: {}..{} is past the end of the text ({} characters)",
                r.start,
                r.end,
                chars.char_len()
            ));
        };
        if text[range.clone()] != r.text {
            return Err(format!(
                "{which}: its quoted text {:?} does not match the text at {}..{}, {:?}",
                r.text, r.start, r.end, &text[range]
            ));
        }
        if !labels.contains(&r.label) {
            let known: Vec<_> = labels.iter().map(|l| l.name.as_str()).collect();
            return Err(format!("{which}: label {:?} is not in the file's label set ({})", r.label, known.join(", ")));
        }
        spans.push(Span {
            id: SpanId(r.id),
            range,
            label: r.label,
            status: r.status,
            origin: r.origin,
            created: r.created,
            reviewed: r.reviewed,
        });
    }
    Ok(Loaded { doc, annotations: Annotations::new(labels, spans), source_path: file.source.path.map(PathBuf::from) })
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests;
