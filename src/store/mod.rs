//! The RON annotation file: one self-contained file per document (see `docs/FORMAT.md`).
//!
//! The file holds the text itself (a dataset never depends on the source still existing), the source
//! path and the text's hash, the label set, and every span with code-point offsets *and* its quoted
//! text, and every claim (content, cue, claimant) the same way. Output is deterministic — spans in document order, one per line — so files diff and merge
//! cleanly in git. Loading is strict and total: any problem is an error value that names the line and
//! column or the span at fault; the caller never overwrites a file that failed to load.

pub mod atomic;
pub mod disk;
pub mod lock;
pub mod resume;
pub mod summary;

use crate::annotation::{
    Annotations, Claim, ClaimId, Claimant, Label, LabelSet, Meta, Origin, Review, Span, SpanId, Status, Timestamp,
};
use crate::doc::Document;
use crate::offsets::CharMap;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FORMAT_NAME: &str = "marginalia-annotations";
/// Version 2 added claims; version 1 files (no claims) are read as they are and written as version 2.
pub const FORMAT_VERSION: u32 = 2;
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
    pub status: Status,
    pub origin: Origin,
    pub created: Timestamp,
    #[serde(default)]
    pub reviewed: Option<Review>,
}

/// The file, exactly as serialized (version 2; a version 1 file is the same without `claims`).
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
    /// The file's own format version (1 or 2; it is written back as [`FORMAT_VERSION`]).
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
    /// What would be written does not load back (a bug): nothing was written.
    #[error(
        "the annotations were not saved to {path}: the file would not load again ({problem}); the file on disk was left as it is"
    )]
    WouldNotLoad { path: PathBuf, problem: String },
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
    let words = |r: &std::ops::Range<usize>| {
        let c = chars.char_range(text, r.clone())?;
        Some(TextRecord { start: c.start, end: c.end, text: text[r.clone()].to_string() })
    };
    let claims = ann
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
                status: c.status,
                origin: c.origin.clone(),
                created: c.created,
                reviewed: c.reviewed.clone(),
            })
        })
        .collect();
    AnnotationFile {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        source: SourceRecord { path: source_path.map(|p| p.display().to_string()), sha256: doc.hash() },
        meta: ann.meta.clone(),
        done: ann.done.clone(),
        labels: ann.labels.iter().cloned().collect(),
        spans,
        claims,
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
        Err(e) => Err(SaveError::WouldNotLoad { path: path.to_path_buf(), problem: e.to_string() }),
    }
}

pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    parse(path, &read(path)?)
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
fn parse_checked(path: &Path, bytes: &[u8]) -> Result<(Checked, u32), LoadError> {
    let p = || path.to_path_buf();
    let src = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 { path: p(), at: e.valid_up_to() })?;
    if let Some(line) = src.lines().position(|l| l.starts_with("<<<<<<< ") || l == "<<<<<<<") {
        let problem = format!(
            "line {}: the file has unresolved merge-conflict markers (<<<<<<<); resolve the conflict in git, or keep one version",
            line + 1
        );
        return Err(LoadError::Invalid { path: p(), problem });
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
        0 => return Err(LoadError::Invalid { path: p(), problem: "the file has no `version` field".into() }),
        v if v > FORMAT_VERSION => return Err(LoadError::Newer { path: p(), found: v }),
        // Version 1 had no claims: it reads as version 2 with none (`claims` defaults to empty).
        _ => {}
    }
    let file: AnnotationFile = ron::from_str(src).map_err(syntax)?;
    let version = file.version;
    let checked = checked(file).map_err(|problem| LoadError::Invalid { path: p(), problem })?;
    Ok((checked, version))
}

/// Checks a parsed file and turns it into a document and annotations.
pub fn from_file(file: AnnotationFile) -> Result<Loaded, String> {
    let version = file.version;
    let (annotations, text, source_path) = checked(file)?;
    Ok(Loaded { doc: Document::new(text), annotations, source_path, version })
}

/// A file's annotations, text and source path, every rule checked.
type Checked = (Annotations, String, Option<PathBuf>);

fn checked(file: AnnotationFile) -> Result<Checked, String> {
    let hash = crate::doc::text_hash(&file.text);
    if file.source.sha256 != hash {
        return Err(format!(
            "`source.sha256` is {:?}, but the SHA-256 of `text` is {hash:?} (was the text edited by hand?)",
            file.source.sha256
        ));
    }
    let text = Text { chars: CharMap::new(&file.text), text: &file.text };
    check_labels(&file.labels)?;
    let labels = LabelSet::new(file.labels);
    let mut seen = std::collections::HashSet::new();
    let mut spans = Vec::with_capacity(file.spans.len());
    for (n, r) in file.spans.into_iter().enumerate() {
        let which = format!("span {} (id {}, the {} in `spans`)", n + 1, r.id, ordinal(n + 1));
        if !seen.insert(r.id) {
            return Err(format!("{which}: id {} is used twice", r.id));
        }
        let range = checked_range(&text, r.start, r.end, &r.text, &which)?;
        if !labels.contains(&r.label) {
            let known: Vec<_> = labels.iter().map(|l| l.name.as_str()).collect();
            return Err(format!("{which}: label {:?} is not in the file's label set ({})", r.label, known.join(", ")));
        }
        check_origin(&r.origin, &which)?;
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
    let claims = claims_from(&text, file.claims, &seen)?;
    let mut annotations = Annotations::new(labels, spans).with_claims(claims);
    annotations.meta = file.meta;
    annotations.done = file.done;
    Ok((annotations, file.text, file.source.path.map(PathBuf::from)))
}

/// The text with its code-point map, for checking offsets without building the document.
struct Text<'a> {
    text: &'a str,
    chars: CharMap,
}

/// Every label has a name (once), a `#rrggbb` colour and at most a hotkey `'1'`–`'9'` of its own.
fn check_labels(labels: &[Label]) -> Result<(), String> {
    let mut names = std::collections::HashSet::new();
    let mut keys = std::collections::HashMap::new();
    for (n, l) in labels.iter().enumerate() {
        let which = format!("label {} ({:?}, the {} in `labels`)", n + 1, l.name, ordinal(n + 1));
        if l.name.trim().is_empty() {
            return Err(format!("{which}: a label needs a name"));
        }
        if !names.insert(l.name.as_str()) {
            return Err(format!("{which}: the name {:?} is used twice", l.name));
        }
        if crate::annotation::labels::parse_hex_color(&l.color).is_none() {
            return Err(format!("{which}: its colour {:?} is not of the form \"#rrggbb\"", l.color));
        }
        if let Some(k) = l.hotkey {
            if !('1'..='9').contains(&k) {
                return Err(format!("{which}: its hotkey {k:?} is not one of '1' to '9'"));
            }
            if let Some(other) = keys.insert(k, l.name.as_str()) {
                return Err(format!("{which}: its hotkey {k:?} is also {other:?}'s"));
            }
        }
    }
    Ok(())
}

/// An engine's score is a finite number from 0 to 1.
fn check_origin(origin: &Origin, which: &str) -> Result<(), String> {
    match origin {
        Origin::Engine { score, .. } => check_unit(*score, "score", which),
        Origin::Human { .. } => Ok(()),
    }
}

fn check_unit(x: f32, what: &str, which: &str) -> Result<(), String> {
    if x.is_finite() && (0.0..=1.0).contains(&x) {
        Ok(())
    } else {
        Err(format!("{which}: its {what} {x} is not a number from 0 to 1"))
    }
}

/// A byte range for code points `start..end` whose text must be `quoted`.
fn checked_range(
    text: &Text<'_>,
    start: usize,
    end: usize,
    quoted: &str,
    what: &str,
) -> Result<std::ops::Range<usize>, String> {
    let (text, chars) = (text.text, &text.chars);
    if start >= end {
        return Err(format!("{what}: start {start} must be before end {end}"));
    }
    let Some(range) = chars.byte_range(text, start..end) else {
        return Err(format!("{what}: {start}..{end} is past the end of the text ({} characters)", chars.char_len()));
    };
    if text[range.clone()] != *quoted {
        return Err(format!(
            "{what}: its quoted text {quoted:?} does not match the text at {start}..{end}, {:?}",
            &text[range]
        ));
    }
    Ok(range)
}

fn claims_from(
    doc: &Text<'_>,
    records: Vec<ClaimRecord>,
    span_ids: &std::collections::HashSet<u64>,
) -> Result<Vec<Claim>, String> {
    let mut seen = std::collections::HashSet::new();
    let mut claims = Vec::with_capacity(records.len());
    for (n, r) in records.into_iter().enumerate() {
        let which = format!("claim {} (id {}, the {} in `claims`)", n + 1, r.id, ordinal(n + 1));
        if !seen.insert(r.id) || span_ids.contains(&r.id) {
            return Err(format!("{which}: id {} is used twice", r.id));
        }
        let content = checked_range(doc, r.start, r.end, &r.text, &which)?;
        check_origin(&r.origin, &which)?;
        if let Some(w) = r.checkworthy {
            check_unit(w, "check-worthiness", &which)?;
        }
        let mut pieces = Vec::with_capacity(r.pieces.len());
        for (k, p) in r.pieces.iter().enumerate() {
            let what = format!("{which}, its {} piece", ordinal(k + 1));
            let piece = checked_range(doc, p.start, p.end, &p.text, &what)?;
            let after_last = pieces.last().is_none_or(|last: &std::ops::Range<usize>| last.end <= piece.start);
            if piece.start < content.start || piece.end > content.end || !after_last {
                return Err(format!(
                    "{what}: {}..{} is not after the previous piece inside {}..{}",
                    p.start, p.end, r.start, r.end
                ));
            }
            pieces.push(piece);
        }
        let cue = match &r.cue {
            Some(c) => Some(checked_range(doc, c.start, c.end, &c.text, &format!("{which}, its cue"))?),
            None => None,
        };
        let claimant = match &r.claimant {
            Some(c) => {
                let range = checked_range(doc, c.start, c.end, &c.text, &format!("{which}, its claimant"))?;
                if let Some(e) = c.entity.filter(|e| !span_ids.contains(e)) {
                    return Err(format!("{which}: its claimant links to entity span {e}, which is not in `spans`"));
                }
                Some(Claimant { range, entity: c.entity.map(SpanId) })
            }
            None => None,
        };
        claims.push(Claim {
            id: ClaimId(r.id),
            content,
            pieces,
            cue,
            claimant,
            checkworthy: r.checkworthy,
            status: r.status,
            origin: r.origin,
            created: r.created,
            reviewed: r.reviewed,
        });
    }
    Ok(claims)
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
