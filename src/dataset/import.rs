//! Reading documents in the formats articles and datasets come in, each into text (with byte-range
//! annotations that came with it) and what is known of its source:
//!
//! - `.txt`, `.md`: the text as it is (checked like any article: not binary, UTF-8, not empty);
//! - `.html`, `.htm`: a saved web page — the article's main text, title, byline and date, with the
//!   navigation and ads left behind (`dom_smoothie`, the Readability algorithm);
//! - `.pdf`: the text layer of every page (`lopdf`); a scan without one is refused, saying so;
//! - JSON Lines ([`super::jsonl`]): spaCy / Prodigy, doccano, or `{"text", "meta"}`;
//! - CoNLL ([`super::conll`]): tokens and tags in any scheme, documents split at `-DOCSTART-`;
//! - `.ann`: a brat annotation file beside its `.txt`; entities, and PolNeAR-style attributions as claims.
//!
//! Which of them a file is, its content tells ([`super::detect`]). Offsets in these files are code
//! points; they are turned into bytes by [`crate::offsets`].

use super::detect::InputFormat;
use crate::annotation::{Meta, Status};
use std::ops::Range;
use std::path::Path;

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

/// The most a saved web page or a PDF may hold: far more than its text (markup, scripts, images).
pub const MAX_PAGE_BYTES: u64 = 4 * crate::article::MAX_ARTICLE_BYTES;

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

/// The documents of one file, in `format` or, without one, the format its content shows (see
/// [`super::detect`]). Marginalia's own annotation and dataset files are not documents to annotate
/// but annotations to keep: they are refused here and read with [`crate::store::load`] and
/// [`super::export::read_dataset`].
pub fn import(path: &Path, format: Option<InputFormat>) -> anyhow::Result<Batch> {
    use crate::input::{MAX_DATA_FILE, read_file, read_head, read_text};
    let format = match format {
        Some(f) => f,
        None => super::detect::detect(path, &read_head(path, super::detect::HEAD)?)?,
    };
    let file_name = path.file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "document".into());
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "document".into());
    let one = |text: String, meta: Meta| vec![Imported { name: file_name.clone(), text, meta, ..Default::default() }];
    Ok(match format {
        InputFormat::Html => {
            let (text, meta) = html(&read_text(path, MAX_PAGE_BYTES)?, path)?;
            one(text, meta).into()
        }
        InputFormat::Pdf => one(pdf(&read_file(path, MAX_PAGE_BYTES)?, path)?, Meta::default()).into(),
        InputFormat::Jsonl => super::jsonl::read(&read_text(path, MAX_DATA_FILE)?, &stem, path),
        InputFormat::Conll => super::conll::read(path, &stem)?,
        InputFormat::Brat => brat(path, &stem)?,
        InputFormat::Text => one(crate::article::read_article(path)?, Meta::default()).into(),
        InputFormat::LabelStudio => {
            // One task saved on its own (`{…}`) is an export of one.
            let source = read_text(path, MAX_DATA_FILE)?;
            let source = if source.trim_start().starts_with('{') { format!("[{source}]") } else { source };
            super::label_studio::read(&source, &stem, path)?
        }
        InputFormat::WebannoTsv => super::webanno::read(&read_text(path, MAX_DATA_FILE)?, &file_name, path)?,
        InputFormat::SpacyDocbin => super::docbin::read(&read_file(path, MAX_DATA_FILE)?, &stem, path)?,
        InputFormat::Annotations | InputFormat::Dataset => {
            anyhow::bail!("{} holds Marginalia annotations, not a document to import", path.display())
        }
    })
}

/// A saved web page: the article's text and what the page says about it. A page nested deeper than
/// [`web_page::MAX_DEPTH`](super::web_page::MAX_DEPTH) is refused (parsing it would take minutes).
pub fn html(page: &str, path: &Path) -> anyhow::Result<(String, Meta)> {
    use super::web_page::{self, MAX_DEPTH};
    let document = web_page::parse(page).map_err(|web_page::TooDeep| {
        anyhow::anyhow!(
            "{} nests its elements more than {MAX_DEPTH} levels deep (news pages: a few dozen); Marginalia cannot read such a page",
            path.display()
        )
    })?;
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut reader = dom_smoothie::Readability::with_document(document, None, Some(config))
        .map_err(|e| anyhow::anyhow!("{} could not be read as a web page: {e}", path.display()))?;
    let article = reader
        .parse()
        .map_err(|e| anyhow::anyhow!("no article text found in {} ({e}); is it a saved news page?", path.display()))?;
    // Paragraphs are lines in Marginalia: runs of blank lines and spaces are tidied.
    let text: String =
        article.text_content.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    if text.is_empty() {
        anyhow::bail!("no article text found in {}", path.display());
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let title = nonempty(Some(article.title.clone()));
    let text = match &title {
        Some(t) if !text.starts_with(t.as_str()) => format!("{t}\n{text}"),
        _ => text,
    };
    let meta = Meta { title, url: None, date: nonempty(article.published_time), author: nonempty(article.byline) };
    Ok((text, meta))
}

/// The text layer of a PDF.
pub fn pdf(bytes: &[u8], path: &Path) -> anyhow::Result<String> {
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| anyhow::anyhow!("{} is not a readable PDF ({e})", path.display()))?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    let text: String = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    if text.trim().is_empty() {
        anyhow::bail!(
            "{} has no text layer (a scanned PDF?): there is no text to annotate. Run it through OCR first",
            path.display()
        );
    }
    Ok(text.trim().to_string())
}

/// The text of a brat file: `name.txt` beside it, or — PolNeAR's layout — the `.txt` in a sibling
/// `text/` folder whose name the annotation file's name starts with.
fn brat_text(path: &Path, stem: &str) -> Option<std::path::PathBuf> {
    let beside = path.with_extension("txt");
    if beside.exists() {
        return Some(beside);
    }
    let folder = path.parent()?;
    [folder.to_path_buf(), folder.parent()?.join("text")]
        .into_iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flat_map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| stem.starts_with(s)))
        .max_by_key(|p| p.as_os_str().len())
}

/// The pieces of a brat content when something interrupts it (none when it is one stretch): pieces
/// that brat only split at line breaks (a gap of white space with a line break), as it must, are one
/// piece again.
fn interrupted(text: &str, pieces: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match joined.last_mut() {
            Some(last)
                if text.get(last.end..p.start).is_some_and(|gap| gap.contains('\n') && gap.trim().is_empty()) =>
            {
                last.end = p.end
            }
            _ => joined.push(p.clone()),
        }
    }
    if joined.len() > 1 { joined } else { Vec::new() }
}

fn brat(path: &Path, stem: &str) -> anyhow::Result<Batch> {
    let text_path = brat_text(path, stem)
        .ok_or_else(|| anyhow::anyhow!("a brat file needs its text: no {stem}.txt beside {}", path.display()))?;
    // brat counts a byte-order mark as the text's first character (it reads the file as plain
    // UTF-8), so it is kept here: the offsets stay brat's.
    let text = crate::input::read_file(&text_path, crate::article::MAX_ARTICLE_BYTES)?;
    let text = crate::input::decode_utf8(&text_path, text)?;
    let ann = crate::input::read_text(path, crate::input::MAX_DATA_FILE)?;
    let parsed = crate::claims::brat::parse(stem, text, &ann)?;
    let name = text_path.file_name().map_or_else(|| stem.to_string(), |n| n.to_string_lossy().to_string());
    const ROLES: [&str; 4] = ["Source", "Cue", "Content", "Attribution"];
    let mut not_held = NotHeld::default();
    // The parts of attributions, to tell a Source / Cue / Content that is in none.
    let mut parts: std::collections::HashSet<Range<usize>> = std::collections::HashSet::new();
    for a in &parsed.attributions {
        parts.extend(a.contents.iter().cloned().chain(a.cue.clone()).chain(a.source.clone()));
    }
    let mut spans = Vec::new();
    for r in &parsed.regions {
        let (Some(start), Some(end)) = (r.pieces.iter().map(|p| p.start).min(), r.pieces.iter().map(|p| p.end).max())
        else {
            continue;
        };
        if ROLES.contains(&r.kind.as_str()) {
            if r.kind != "Attribution" && !r.pieces.iter().all(|p| parts.contains(p) || parts.contains(&(start..end))) {
                not_held.add("Source, Cue and Content annotations in no attribution", 1);
            }
            continue;
        }
        if start >= end {
            not_held.add("zero-width text annotations", 1);
            continue;
        }
        if r.pieces.len() > 1 {
            not_held.add("discontinuous entities, imported as one stretch from their first piece to their last", 1);
        }
        let status = if r.rejected { Status::Rejected } else { Status::Accepted };
        spans.push(GivenSpan { range: start..end, label: r.kind.clone(), status, suggested: None });
    }
    let claims = parsed
        .attributions
        .iter()
        .filter_map(|a| {
            Some(GivenClaim {
                content: a.extent()?,
                pieces: interrupted(&parsed.text, &a.contents),
                cue: a.cue.clone(),
                claimant: a.source.clone(),
                status: if a.rejected { Status::Rejected } else { Status::Accepted },
                checkworthy: a.checkworthy,
            })
        })
        .collect();
    for (what, n) in parsed.unheld {
        not_held.add(what, n);
    }
    Ok(Batch { docs: vec![Imported { name, text: parsed.text, spans, claims, ..Default::default() }], not_held })
}
