//! The RON annotation file: one self-contained file per document (see `docs/FORMAT.md`).
//!
//! The file holds the text itself (a dataset never depends on the source still existing), the source
//! path and the text's hash, the label set, and every span with code-point offsets *and* its quoted
//! text, and every claim (content, cue, claimant) the same way. Output is deterministic — spans in document order, one per line — so files diff and merge
//! cleanly in git. Loading is strict and total: any problem is an error value that names the line and
//! column or the span at fault; the caller never overwrites a file that failed to load.

pub mod atomic;
mod check;
pub mod disk;
pub mod lock;
pub mod resume;
pub mod summary;

pub use check::{Invalid, Item};

use crate::annotation::{Annotations, Label, Meta, Origin, Review, Status, Timestamp};
use crate::doc::Document;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FORMAT_NAME: &str = "marginalia-annotations";
/// The newest format version this Marginalia reads. Version 2 added claims (version 1 files, with none,
/// are read as they are); version 3 is version 2 plus what a version 2 reader would lose or refuse
/// with a puzzling message: the analyst's word on check-worthiness and the labels' Shift and letter
/// hotkeys. A file is written as the oldest version that holds it (`version_to_write`).
pub const FORMAT_VERSION: u32 = 3;
pub const EXTENSION: &str = ".ann.ron";

/// Where the annotations of `article` are kept: beside it, as `<file name>.ann.ron`.
pub fn annotation_path_for(article: &Path) -> PathBuf {
    let mut name = article.file_name().unwrap_or_default().to_os_string();
    name.push(EXTENSION);
    article.with_file_name(name)
}

/// A hidden file beside an annotation file that belongs to it (`.report.txt.ann.ron.lock`): what is
/// kept about it that is not part of the annotations.
pub fn beside(annotations: &Path, suffix: &str) -> PathBuf {
    let name = annotations.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    annotations.with_file_name(format!(".{name}.{suffix}"))
}

pub fn is_annotation_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
}

/// Whether the file's name ends in `.ann.ron` (a dataset bundle is another `.ron`).
pub fn is_annotation_file_name(path: &Path) -> bool {
    path.to_string_lossy().ends_with(EXTENSION)
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

/// Some words of the text: code points, end exclusive, and the words themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimantRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The entity span (its id in `spans`) the claimant names or refers to.
    #[serde(default)]
    pub entity: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: u64,
    /// What is claimed: code points, end exclusive, and its text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// When what is claimed is interrupted: its pieces, in order, inside `start..end`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pieces: Vec<TextRecord>,
    #[serde(default)]
    pub cue: Option<TextRecord>,
    #[serde(default)]
    pub claimant: Option<ClaimantRecord>,
    #[serde(default)]
    pub checkworthy: Option<f32>,
    /// The analyst's word: worth checking or not (left out until they say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkworthy_by_hand: Option<bool>,
    pub status: Status,
    pub origin: Origin,
    pub created: Timestamp,
    #[serde(default)]
    pub reviewed: Option<Review>,
}

/// The file, exactly as serialized (version 2 or 3; a version 1 file is the same without `claims`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationFile {
    pub format: String,
    pub version: u32,
    pub source: SourceRecord,
    /// Title, URL, date and author, when the source said (left out when none is known).
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
    /// Who marked the document done and when (left out until someone does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Review>,
    pub labels: Vec<Label>,
    pub spans: Vec<SpanRecord>,
    #[serde(default)]
    pub claims: Vec<ClaimRecord>,
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
    /// The file's own format version (1, 2 or 3; it is written back as `version_to_write` says).
    pub version: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Not there, not a regular file, too large, or unreadable.
    #[error(transparent)]
    Read(crate::input::ReadError),
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
    Invalid { path: PathBuf, problem: Invalid },
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
    /// What would be written does not load back (a bug): nothing was written.
    #[error(
        "the annotations were not saved to {path}: the file would not load again ({problem}); the file on disk was left as it is"
    )]
    WouldNotLoad { path: PathBuf, problem: Box<LoadError> },
    /// The file is not the one that was loaded or last saved (another window, a program, a `git pull`).
    #[error("{path} {} since Marginalia last read or wrote it; it was not overwritten", now.change())]
    Changed { path: PathBuf, now: disk::OnDisk },
}

/// Builds the file record for a document and its annotations.
pub fn to_file(doc: &Document, ann: &Annotations, source_path: Option<&Path>) -> AnnotationFile {
    let text = doc.text();
    let chars = doc.chars();
    let spans = ann
        .spans()
        .iter()
        .filter_map(|s| {
            text.get(s.range.clone()).filter(|t| !t.is_empty())?;
            let r = chars.chars_of(text, (&s.range).into())?;
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
    let words = |r: &std::ops::Range<usize>| {
        let c = chars.chars_of(text, r.into())?;
        Some(TextRecord { start: c.start, end: c.end, text: text[r.clone()].to_string() })
    };
    let claims: Vec<ClaimRecord> = ann
        .claims
        .all()
        .iter()
        .filter_map(|c| {
            let content = words(&c.content)?;
            Some(ClaimRecord {
                id: c.id.0,
                start: content.start,
                end: content.end,
                text: content.text,
                pieces: c.pieces.iter().filter_map(&words).collect(),
                cue: c.cue.as_ref().and_then(words),
                claimant: c.claimant.as_ref().and_then(|w| {
                    let t = words(&w.range)?;
                    // A link to a span no longer there (withdrawn, deleted) is not written.
                    let entity = w.entity.filter(|&e| ann.get(e).is_some()).map(|e| e.0);
                    Some(ClaimantRecord { start: t.start, end: t.end, text: t.text, entity })
                }),
                checkworthy: c.checkworthy,
                checkworthy_by_hand: c.checkworthy_by_hand,
                status: c.status,
                origin: c.origin.clone(),
                created: c.created,
                reviewed: c.reviewed.clone(),
            })
        })
        .collect();
    let labels: Vec<Label> = ann.labels.iter().cloned().collect();
    AnnotationFile {
        format: FORMAT_NAME.to_string(),
        version: version_to_write(&labels, &claims),
        source: SourceRecord { path: source_path.map(|p| p.display().to_string()), sha256: doc.hash() },
        meta: ann.meta.clone(),
        done: ann.done.clone(),
        labels,
        spans,
        claims,
        text: text.to_string(),
    }
}

/// The oldest version that holds everything in the file: 2, unless it holds what a version 2 reader
/// would load without (a claim's `checkworthy_by_hand`: RON skips a field it does not know) or would
/// refuse with a puzzling message (a hotkey other than `'1'`–`'9'`). Then 3, which an older Marginalia
/// refuses as "written by a newer Marginalia", leaving the file as it is, instead of saving over the
/// analyst's work without it. A file with nothing new stays version 2, byte for byte.
fn version_to_write(labels: &[Label], claims: &[ClaimRecord]) -> u32 {
    let by_hand = claims.iter().any(|c| c.checkworthy_by_hand.is_some());
    let new_key = labels.iter().filter_map(|l| l.hotkey).any(|k| k.shift || !('1'..='9').contains(&k.key));
    if by_hand || new_key { 3 } else { 2 }
}

/// Serializes deterministically: one span per line, in document order.
pub fn to_ron(file: &AnnotationFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().depth_limit(2).struct_names(false).indentor("    ");
    let mut out = ron::ser::to_string_pretty(file, config)?;
    out.push('\n');
    Ok(out)
}

pub fn save(path: &Path, doc: &Document, ann: &Annotations, source_path: Option<&Path>) -> Result<(), SaveError> {
    write_with(atomic::write_atomic, path, doc, ann, source_path)
}

/// Saves a new annotation file; fails (writing nothing) if one is already at `path`.
pub fn save_new(path: &Path, doc: &Document, ann: &Annotations, source_path: Option<&Path>) -> Result<(), SaveError> {
    write_with(atomic::write_atomic_new, path, doc, ann, source_path)
}

fn write_with(
    write: fn(&Path, &[u8]) -> std::io::Result<()>,
    path: &Path,
    doc: &Document,
    ann: &Annotations,
    source_path: Option<&Path>,
) -> Result<(), SaveError> {
    let ron = checked_ron(path, doc, ann, source_path)?;
    write(path, ron.as_bytes()).map_err(|source| SaveError::Io { path: path.to_path_buf(), source })
}

/// The file's bytes, after checking that they load back exactly as any file is loaded (I6: every
/// file Marginalia writes, Marginalia reads).
fn checked_ron(
    path: &Path,
    doc: &Document,
    ann: &Annotations,
    source_path: Option<&Path>,
) -> Result<String, SaveError> {
    let ron = to_ron(&to_file(doc, ann, source_path))?;
    match parse_checked(path, ron.as_bytes()) {
        Ok(_) => Ok(ron),
        Err(e) => Err(SaveError::WouldNotLoad { path: path.to_path_buf(), problem: Box::new(e) }),
    }
}

pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    parse(path, &read(path)?)
}

/// The SHA-256 of the text of the annotation file at `path` — what identifies its document — once
/// the file passes every check [`load`] makes, without building the document (its tokens and
/// sentences): for listing many files.
pub fn text_hash_of(path: &Path) -> Result<String, LoadError> {
    let ((_, text, _), _) = parse_checked(path, &read(path)?)?;
    Ok(crate::doc::text_hash(&text))
}

/// The bytes of an annotation file, bounded (see [`crate::input`]).
fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    crate::input::read_file(path, crate::input::MAX_ANNOTATION_FILE).map_err(LoadError::Read)
}

/// Parses and validates the bytes of an annotation file (`path` is for messages).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let (file, version) = parse_checked(path, bytes)?;
    let (annotations, text, source_path) = file;
    Ok(Loaded { doc: Document::new(text), annotations, source_path, version })
}

/// What a file holds once every rule of `docs/FORMAT.md` is checked, and its version; the document
/// (tokens, sentences) is not built.
fn parse_checked(path: &Path, bytes: &[u8]) -> Result<(check::Checked, u32), LoadError> {
    let p = || path.to_path_buf();
    let src = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 { path: p(), at: e.valid_up_to() })?;
    if let Some(line) = src.lines().position(|l| l.starts_with("<<<<<<< ") || l == "<<<<<<<") {
        return Err(LoadError::Invalid { path: p(), problem: Invalid::ConflictMarkers { line: line + 1 } });
    }
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
        0 => return Err(LoadError::Invalid { path: p(), problem: Invalid::NoVersion }),
        v if v > FORMAT_VERSION => return Err(LoadError::Newer { path: p(), found: v }),
        // Version 1 had no claims: it reads as version 2 with none (`claims` defaults to empty). Version
        // 3 only adds optional fields and hotkeys to version 2: one reader reads all three.
        _ => {}
    }
    let file: AnnotationFile = ron::from_str(src).map_err(syntax)?;
    let version = file.version;
    let checked = check::checked(file).map_err(|problem| LoadError::Invalid { path: p(), problem })?;
    Ok((checked, version))
}

/// Checks a parsed file and turns it into a document and annotations.
pub fn from_file(file: AnnotationFile) -> Result<Loaded, Invalid> {
    let version = file.version;
    let (annotations, text, source_path) = check::checked(file)?;
    Ok(Loaded { doc: Document::new(text), annotations, source_path, version })
}

#[cfg(test)]
mod tests;
