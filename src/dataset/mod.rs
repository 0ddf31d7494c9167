//! Datasets: many documents at once — read from the formats articles and datasets come in ([`import`],
//! told apart by [`detect`]) and written out as training data in the formats other tools read
//! ([`export`]); each format its own module, which says what it reads and writes, and what it could
//! not hold instead of dropping it silently. Imported documents are written into a folder of
//! annotation files by [`folder`].

pub mod brat;
pub mod bundle;
pub mod conll;
pub mod detect;
pub mod docbin;
pub mod export;
pub mod folder;
pub mod import;
pub mod jsonl;
pub mod label_studio;
pub mod spacy_tokens;
pub mod versions;
pub mod webanno;

use crate::annotation::{Annotations, Claim, Claimant, LabelSet, Origin, Span, Status, current_user, now};
use crate::doc::Document;
use crate::engines::Engines;
use crate::store;
use std::path::{Path, PathBuf};

/// One annotated document of a dataset.
pub struct Entry {
    /// A name for it (its file name without `.ann.ron`), unique within the dataset.
    pub name: String,
    pub doc: Document,
    pub annotations: Annotations,
    /// Another version of a document, kept beside it after a conflict (see
    /// [`store::disk::is_version_copy`]): never exported, or the document would go out twice.
    pub version_copy: bool,
}

/// Which documents and annotations go out. Documents nobody decided anything in never do: with no
/// spans, they would go out as "this text names nothing" (an accepted spaCy task without spans, all-`O`
/// CoNLL rows) and teach a model exactly that.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only documents an analyst marked done (else those marked done or with at least one decision).
    pub only_done: bool,
    /// Rejected suggestions too, as negative examples where the format can say so.
    pub include_rejected: bool,
}

impl Selection {
    /// Why the document is left out, or `None` when it goes out: in progress (something accepted,
    /// rejected or made by hand, as [`store::summary::Summary`] counts it) or done.
    pub fn leaves_out(&self, entry: &Entry) -> Option<export::LeftOut> {
        use store::summary::{DocStatus, Summary};
        if entry.version_copy {
            return Some(export::LeftOut::OtherVersion);
        }
        match Summary::of(&entry.annotations).status {
            DocStatus::Done => None,
            DocStatus::InProgress if !self.only_done => None,
            DocStatus::InProgress => Some(export::LeftOut::NotDone),
            DocStatus::New if self.only_done => Some(export::LeftOut::NotDone),
            DocStatus::New => Some(export::LeftOut::NoDecision),
        }
    }

    /// Whether an item with this status goes out: accepted (and hand-made) ones always, rejected
    /// ones when asked for, pending suggestions never.
    pub fn keeps(&self, status: Status) -> bool {
        match status {
            Status::Accepted => true,
            Status::Rejected => self.include_rejected,
            Status::Pending => false,
        }
    }
}

/// The annotation files among `inputs` (files, or folders whose `.ann.ron` files are taken), in name
/// order; every one must load.
pub fn annotation_files(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| anyhow::anyhow!("could not read the folder {}: {e}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(store::EXTENSION))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Loads the documents of `inputs` (see [`annotation_files`]).
pub fn load(inputs: &[PathBuf]) -> anyhow::Result<Vec<Entry>> {
    let mut names = UniqueNames::default();
    let mut entries = Vec::new();
    for path in annotation_files(inputs)? {
        let loaded = store::load(&path)?;
        let name = names.claim(&base_name(&path));
        let version_copy = store::disk::is_version_copy(&path);
        entries.push(Entry { name, doc: loaded.doc, annotations: loaded.annotations, version_copy });
    }
    Ok(entries)
}

/// Names made unique in the order they come: the second `a` is `a-2`, the third `a-3`.
#[derive(Debug, Default)]
pub struct UniqueNames(std::collections::HashSet<String>);

impl UniqueNames {
    pub fn claim(&mut self, name: &str) -> String {
        let mut unique = name.to_string();
        let mut n = 2;
        while !self.0.insert(unique.clone()) {
            unique = format!("{name}-{n}");
            n += 1;
        }
        unique
    }
}

/// Whether a range is something inside a text of `len` bytes.
fn fits(r: &std::ops::Range<usize>, len: usize) -> bool {
    r.start < r.end && r.end <= len
}

/// How many of an imported document's spans and claims [`annotate`] cannot keep: empty, outside
/// the text, or with an empty label (readers check their offsets; this is what is left).
pub fn unfit(imported: &import::Imported) -> usize {
    let fits = |r: &std::ops::Range<usize>| fits(r, imported.text.len());
    let spans = imported.spans.iter().filter(|s| !fits(&s.range) || s.label.trim().is_empty()).count();
    spans + imported.claims.iter().filter(|c| !fits(&c.content)).count()
}

/// An imported document as a document and its annotations: what came with it is accepted (or
/// rejected, as it came), a model's suggestion that came with it pending; with `engines`, suggestions
/// are added as pending where nothing came (claims resolved against the entities that came, then the
/// suggested ones).
pub fn annotate(imported: import::Imported, engines: Option<&Engines>) -> (Document, Annotations) {
    let doc = Document::new(imported.text.clone());
    let mut labels = LabelSet::default();
    let text_len = doc.text().len();
    let fits = |r: &std::ops::Range<usize>| fits(r, text_len);
    let mut imported = imported;
    imported.spans.retain(|s| fits(&s.range) && !s.label.trim().is_empty());
    imported.claims.retain(|c| fits(&c.content));
    for c in &mut imported.claims {
        let content = c.content.clone();
        c.pieces.retain(|p| p.start < p.end && content.start <= p.start && p.end <= content.end);
    }
    for s in &mut imported.spans {
        s.label = s.label.trim().to_string();
        labels.add_as_named(&s.label);
    }
    let by = current_user();
    let created = now();
    let mut ann = Annotations::new(labels, Vec::new());
    for s in imported.spans {
        let id = ann.next_id();
        let (status, origin) = match s.suggested {
            Some((engine, score)) => (Status::Pending, Origin::Engine { engine, score, label: s.label.clone() }),
            None => (s.status, Origin::Human { by: by.clone() }),
        };
        ann.put(Span { id, range: s.range, label: s.label, status, origin, created, reviewed: None });
    }
    let mut claims = Vec::new();
    for c in imported.claims {
        let entity = c.claimant.as_ref().and_then(|r| ann.spans().iter().find(|s| s.range == *r).map(|s| s.id));
        claims.push(Claim {
            id: ann.next_claim_id(),
            content: c.content,
            pieces: c.pieces,
            cue: c.cue.filter(&fits),
            claimant: c.claimant.filter(&fits).map(|range| Claimant { range, entity }),
            checkworthy: c.checkworthy,
            checkworthy_by_hand: c.checkworthy_by_hand,
            status: c.status,
            origin: Origin::Human { by: by.clone() },
            created,
            reviewed: None,
        });
    }
    let mut ann = ann.with_claims(claims);
    ann.meta = imported.meta;
    let Some(engines) = engines else { return (doc, ann) };
    let mut session = crate::session::Session::new(doc, ann);
    let found = engines.predict(session.doc(), session.annotations().spans());
    session.add_suggestions(found.entities);
    session.add_claim_suggestions(found.claims);
    (session.doc().clone(), session.annotations().clone())
}

fn base_name(path: &Path) -> String {
    let file = path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    let stem = file.strip_suffix(store::EXTENSION).unwrap_or(&file);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    if stem.is_empty() { "document".into() } else { stem.to_string() }
}

#[cfg(test)]
mod tests;
