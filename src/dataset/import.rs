//! Reading documents in the formats articles and datasets come in, each into text (with byte-range
//! annotations that came with it) and what is known of its source. Which format a file is, its
//! content tells ([`super::detect`]); [`read`] says which module reads each — the one place a reader
//! is added:
//!
//! - `.txt`, `.md`, saved web pages, PDFs: an article ([`crate::article`]);
//! - JSON Lines ([`super::jsonl`]): spaCy / Prodigy, doccano, or `{"text", "meta"}`;
//! - CoNLL ([`super::conll`]): tokens and tags in any scheme, documents split at `-DOCSTART-`;
//! - brat ([`super::brat`]): an `.ann` beside its `.txt`; entities, and PolNeAR-style attributions as claims;
//! - Label Studio's JSON ([`super::label_studio`]), WebAnno TSV 3 ([`super::webanno`]), spaCy's
//!   DocBin ([`super::docbin`]);
//! - Marginalia's own annotation files and dataset files ([`super::bundle`]): not documents to
//!   annotate but annotations to keep, read as they are ([`Contents::Annotated`]).
//!
//! Offsets in these files are code points (UTF-16 units in Label Studio's and WebAnno's); they are
//! turned into bytes by [`crate::offsets`].

use crate::annotation::{Meta, Status};
use crate::article::{self, Article};
use crate::store;
use std::ops::Range;
use std::path::Path;

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

/// A span that came with a document: bytes, label, and whether it was accepted or rejected — or, when
/// the file brought it as a model's suggestion (Label Studio's `predictions`), which model suggested it
/// and its score: it is then a pending suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct GivenSpan {
    pub range: Range<usize>,
    pub label: String,
    pub status: Status,
    /// The engine (as [`crate::annotation::Origin::Engine`] names it) and score of a suggestion.
    pub suggested: Option<(String, f32)>,
}

/// A claim that came with a document (bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct GivenClaim {
    pub content: Range<usize>,
    /// The pieces of an interrupted content (empty: one piece).
    pub pieces: Vec<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub claimant: Option<Range<usize>>,
    pub status: Status,
    pub checkworthy: Option<f32>,
    /// The analyst's word on it, when the file keeps one apart from the estimate.
    pub checkworthy_by_hand: Option<bool>,
}

/// One imported document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// What its annotation file is named after: the article's file name (`report.txt`), a JSONL
    /// document's `meta.source` or a brat document's text file (as the data says it: see
    /// [`super::folder`]), else the file's stem and the document's number (`tasks-3`).
    pub name: String,
    pub text: String,
    pub meta: Meta,
    pub spans: Vec<GivenSpan>,
    pub claims: Vec<GivenClaim>,
}

/// What a file brought that Marginalia cannot hold — relations other than claims, events,
/// attributes, notes, normalisations — and parts of it that could not be read: counted for the
/// import report, never dropped in silence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotHeld {
    /// What, as the report says it (`"brat relations other than attributions"`) → how many.
    pub counts: std::collections::BTreeMap<String, usize>,
    /// Parts that could not be read, each saying where and why (`tasks.jsonl, line 7: not JSON (…)`);
    /// the rest of the file was imported.
    pub unreadable: Vec<String>,
}

impl NotHeld {
    pub fn add(&mut self, what: impl Into<String>, n: usize) {
        if n > 0 {
            *self.counts.entry(what.into()).or_default() += n;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty() && self.unreadable.is_empty()
    }

    pub fn absorb(&mut self, other: NotHeld) {
        for (what, n) in other.counts {
            self.add(what, n);
        }
        self.unreadable.extend(other.unreadable);
    }
}

/// The documents of one file and what of it could not be held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub docs: Vec<Imported>,
    pub not_held: NotHeld,
}

impl From<Vec<Imported>> for Batch {
    fn from(docs: Vec<Imported>) -> Self {
        Batch { docs, not_held: NotHeld::default() }
    }
}

/// A document of a Marginalia annotation or dataset file, with its annotations as they are.
#[derive(Debug, Clone)]
pub struct Kept {
    /// What its annotation file is named after: the article an annotation file is named after
    /// (`report.txt.ann.ron` → `report.txt`), or its name in the dataset file.
    pub name: String,
    pub loaded: store::Loaded,
}

/// What a file given to `import` holds.
#[derive(Debug, Clone)]
pub enum Contents {
    /// Documents to annotate, with what came with them.
    Documents(Batch),
    /// Marginalia's own documents, whose annotations are kept as they are.
    Annotated(Vec<Kept>),
}

/// What the file at `path` holds, read as `format` or, without one, as the format its content
/// shows (see [`super::detect`]).
pub fn import(path: &Path, format: Option<InputFormat>) -> anyhow::Result<Contents> {
    let format = match format {
        Some(f) => f,
        None => super::detect::detect(path, &crate::input::read_head(path, super::detect::HEAD)?)?,
    };
    read(path, format)
}

/// What the file at `path` holds, read as `format`: which module reads each format.
fn read(path: &Path, format: InputFormat) -> anyhow::Result<Contents> {
    use super::{brat, bundle, conll, docbin, jsonl, label_studio, webanno};
    use crate::input::{MAX_DATA_FILE, read_file, read_text};
    let file_name = path.file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "document".into());
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "document".into());
    let one = |Article { text, meta }| {
        Batch::from(vec![Imported { name: file_name.clone(), text, meta, ..Default::default() }])
    };
    Ok(Contents::Documents(match format {
        InputFormat::Text => one(Article { text: article::read_article(path)?, meta: Meta::default() }),
        InputFormat::Html => one(article::web_page::read(path)?),
        InputFormat::Pdf => one(article::pdf::read(path)?),
        InputFormat::Jsonl => jsonl::read(&read_text(path, MAX_DATA_FILE)?, &stem, path),
        InputFormat::Conll => conll::read(path, &stem)?,
        InputFormat::Brat => brat::read(path, &stem)?,
        InputFormat::LabelStudio => label_studio::read(&read_text(path, MAX_DATA_FILE)?, &stem, path)?,
        InputFormat::WebannoTsv => webanno::read(&read_text(path, MAX_DATA_FILE)?, &file_name, path)?,
        InputFormat::SpacyDocbin => docbin::read(&read_file(path, MAX_DATA_FILE)?, &stem, path)?,
        InputFormat::Annotations => {
            return Ok(Contents::Annotated(vec![Kept { name: article_name(path), loaded: store::load(path)? }]));
        }
        InputFormat::Dataset => return Ok(Contents::Annotated(bundle::read(path)?)),
    }))
}

/// The name of the article an annotation file is named after (`report.txt.ann.ron` → `report.txt`).
fn article_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    name.strip_suffix(store::EXTENSION).filter(|n| !n.is_empty()).unwrap_or("document").to_string()
}
