//! Writing a dataset out for other tools: which documents and items go out, the table of formats and
//! the module that writes each, and the report of what was written and what was left out.
//!
//! Offsets are code points everywhere but in Label Studio's JSON and WebAnno TSV, which count UTF-16
//! units as their editors do (the one converter is [`crate::offsets`]). Only documents someone
//! decided something in (or marked done) go out, since an untouched document would teach a model
//! that its text names nothing; only accepted (and hand-made) annotations go out unless rejected
//! ones are asked for as negative examples, and pending suggestions never as labels (Label
//! Studio's predictions carry them as suggestions); and each format counts what it could not hold,
//! for the report. Each format's module says what it writes:
//!
//! - `spacy`: spaCy / Prodigy JSONL ([`super::jsonl::spacy`]);
//! - `doccano`, `doccano-sequence`: doccano's JSONL, with relations or as Sequence Labeling
//!   ([`super::jsonl::doccano`]);
//! - `conll`: CoNLL-2003 columns ([`super::conll`]);
//! - `brat`: a folder of `.txt` and `.ann` files and its `annotation.conf` ([`super::brat`]);
//! - `label-studio`: Label Studio's JSON tasks ([`super::label_studio`]);
//! - `webanno-tsv`: a folder, one WebAnno TSV 3.3 file per document ([`super::webanno`]);
//! - `ron`: one file bundling the documents in Marginalia's own format ([`super::bundle`]);
//! - `spacy-docbin`: one `.spacy` file, what `spacy train` reads ([`super::docbin`]).

use super::{Entry, Selection};
use crate::annotation::{Claim, Span, Status};
use crate::doc::Document;
use crate::store;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Spacy,
    /// doccano with relations: entities, and claims as `CLAIM` / `CUE` spans tied by relations.
    Doccano,
    /// doccano's default Sequence Labeling project: `label: [[start, end, label]]`, entities only.
    DoccanoSequence,
    Conll,
    Brat,
    LabelStudio,
    WebannoTsv,
    Ron,
    SpacyDocbin,
}

/// `out` of [`export`] that means standard output (for the formats that write one file).
pub const STDOUT: &str = "-";

/// How a format is written: one file (or standard output), as text or bytes, or a folder of files.
enum Writer {
    Text(fn(&[&Entry], Selection, &mut Report) -> String),
    Bytes(fn(&[&Entry], Selection, &mut Report) -> anyhow::Result<Vec<u8>>),
    Folder(fn(&[&Entry], Selection, &mut Report, &Path) -> anyhow::Result<()>),
}

/// What a format is to the export: the module that writes it, and how it counts offsets.
struct Spec {
    writer: Writer,
    /// Offsets in UTF-16 units (JavaScript's and Java's string positions), not code points.
    utf16: bool,
}

impl Format {
    /// Each format's writer and offsets: the one place a format is added.
    fn spec(self) -> Spec {
        use super::{brat, bundle, conll, docbin, jsonl, label_studio, webanno};
        let (writer, utf16) = match self {
            Format::Spacy => (Writer::Text(jsonl::spacy::write), false),
            Format::Doccano => (Writer::Text(jsonl::doccano::write), false),
            Format::DoccanoSequence => (Writer::Text(jsonl::doccano::write_sequence), false),
            Format::Conll => (Writer::Text(conll::write), false),
            Format::Brat => (Writer::Folder(brat::write), false),
            Format::LabelStudio => (Writer::Text(label_studio::write), true),
            Format::WebannoTsv => (Writer::Folder(webanno::write), true),
            Format::Ron => {
                (Writer::Bytes(|e, selection, report| Ok(bundle::write(e, selection, report)?.into_bytes())), false)
            }
            Format::SpacyDocbin => (Writer::Bytes(docbin::write), false),
        };
        Spec { writer, utf16 }
    }

    /// The format counts offsets in UTF-16 units (JavaScript's and Java's string positions), not
    /// code points.
    pub fn counts_utf16(self) -> bool {
        self.spec().utf16
    }

    /// The format is a folder of files (which standard output cannot take).
    pub fn writes_folder(self) -> bool {
        matches!(self.spec().writer, Writer::Folder(_))
    }
}

/// What an export wrote and what it left out (why → how many).
#[derive(Debug, Default, PartialEq)]
pub struct Report {
    pub documents: usize,
    pub spans: usize,
    pub claims: usize,
    pub skipped: BTreeMap<LeftOut, usize>,
    /// What was written changed to fit the format, as the report says it → how many.
    pub changed: BTreeMap<String, usize>,
}

/// Why something was left out of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeftOut {
    /// Documents nobody decided anything in (and not marked done): exported, they would teach a
    /// model that their text holds nothing.
    NoDecision,
    /// Documents not marked done (only done ones were asked for).
    NotDone,
    /// Other versions of a document kept beside it after a conflict: the document goes out once.
    OtherVersion,
    /// Documents of a team project with no curated version yet (the curated ones were asked for).
    NotCurated,
    /// Documents of a team project the analyst asked for has no file of.
    NotTheAnalysts,
    /// Suggestions nobody decided on.
    Pending,
    /// Rejected suggestions, not asked for as negative examples.
    Rejected,
    /// What the format cannot hold, as it says it.
    Format(&'static str),
}

/// What the analyst changes to export what was left out for a reason, if anything, in the words of
/// the interface that exported: the window names its checkboxes, the command line its options.
pub type Remedy = fn(LeftOut) -> Option<String>;

impl LeftOut {
    fn says(self) -> &'static str {
        match self {
            LeftOut::NoDecision => {
                "documents with no decision yet (nothing accepted, rejected or labelled, not marked done)"
            }
            LeftOut::NotDone => "documents not marked done",
            LeftOut::OtherVersion => {
                "other versions of a document kept beside it after a conflict (keep one, then export again)"
            }
            LeftOut::NotCurated => "documents with no curated version yet",
            LeftOut::NotTheAnalysts => "documents this analyst has no file of",
            LeftOut::Pending => "pending suggestions (undecided)",
            LeftOut::Rejected => "rejected suggestions",
            LeftOut::Format(why) => why,
        }
    }
}

impl Report {
    /// Counts `n` left out for `why` (nothing for none).
    pub fn skip(&mut self, why: LeftOut, n: usize) {
        if n > 0 {
            *self.skipped.entry(why).or_default() += n;
        }
    }

    /// Counts one thing written changed to fit the format (`what` says how).
    pub(super) fn changed(&mut self, what: String) {
        *self.changed.entry(what).or_default() += 1;
    }

    /// Takes back `n` of what was counted as left out for `why`: a format that writes them after all
    /// (Label Studio's predictions hold pending suggestions).
    pub(super) fn written_after_all(&mut self, why: LeftOut, n: usize) {
        if let Some(left) = self.skipped.get_mut(&why) {
            *left = left.saturating_sub(n);
            if *left == 0 {
                self.skipped.remove(&why);
            }
        }
    }

    /// How many were left out for this reason.
    pub fn left_out(&self, why: LeftOut) -> usize {
        self.skipped.get(&why).copied().unwrap_or(0)
    }

    /// What was written and, one per line, what was left out, why, and what would export it.
    pub fn describe(&self, remedy: Remedy) -> String {
        let mut out = format!("wrote {} documents, {} spans, {} claims", self.documents, self.spans, self.claims);
        if self.skipped.is_empty() {
            out += "; nothing left out";
        } else {
            out += "; left out:";
            for (why, n) in &self.skipped {
                let _ = write!(out, "\n  {n} {}", why.says());
                if let Some(remedy) = remedy(*why) {
                    let _ = write!(out, " ({remedy})");
                }
            }
        }
        if !self.changed.is_empty() {
            out += "\nchanged to fit the format:";
            for (what, n) in &self.changed {
                let _ = write!(out, "\n  {n} {what}");
            }
        }
        out
    }
}

/// A label as one word, for formats that split at white space (CoNLL columns, brat types): its
/// spaces, tabs and line breaks as `_`.
pub(super) fn one_word(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join("_")
}

/// Counts, for the report, the spans whose label [`one_word`] changed.
pub(super) fn tell_renamed<'a>(report: &mut Report, labels: impl Iterator<Item = &'a str>, format: &str) {
    for label in labels {
        let safe = one_word(label);
        if safe != label {
            report
                .changed(format!("spans labelled {label:?} written as {safe:?} ({format} labels hold no white space)"));
        }
    }
}

/// Counts an entity labelled as a format writes a claim's parts (`CLAIM`, `CUE`, …): it goes out, but
/// a reader of the file (Marginalia's too) takes it for part of a claim.
pub(super) fn tell_claim_part_label(report: &mut Report, label: &str, parts: &[&str], format: &str) {
    if parts.contains(&label) {
        report.changed(format!(
            "entities labelled {label:?}, which {format} files use for a claim's part: read back, they are not entities"
        ));
    }
}

/// Code points of a byte range of the document.
pub(super) fn cp(doc: &Document, r: &Range<usize>) -> Range<usize> {
    doc.chars().chars_of(doc.text(), r.into()).map_or(0..0, Range::from)
}

/// Writes the documents of `entries` that `selection` takes to `out` (a file, or [`STDOUT`]; a folder
/// for the formats that [write one](Format::writes_folder)).
pub fn export(entries: &[Entry], format: Format, selection: Selection, out: &Path) -> anyhow::Result<Report> {
    let mut report = Report::default();
    let mut chosen: Vec<&Entry> = Vec::new();
    for e in entries {
        match selection.leaves_out(e) {
            Some(why) => report.skip(why, 1),
            None => chosen.push(e),
        }
    }
    for e in &chosen {
        let a = &e.annotations;
        report.skip(LeftOut::Pending, a.tally().pending);
        if !selection.include_rejected {
            let rejected = a.counts().rejected + a.claims.all().iter().filter(|c| c.status == Status::Rejected).count();
            report.skip(LeftOut::Rejected, rejected);
        }
    }
    report.documents = chosen.len();
    match format.spec().writer {
        Writer::Text(write) => write_file(out, &write(&chosen, selection, &mut report))?,
        Writer::Bytes(write) => write_bytes(out, &write(&chosen, selection, &mut report)?)?,
        Writer::Folder(write) => write(&chosen, selection, &mut report, out)?,
    }
    Ok(report)
}

pub(super) fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    write_bytes(path, text.as_bytes())
}

pub(super) fn write_bytes(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.as_os_str() == STDOUT {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        let written = stdout.write_all(bytes).and_then(|()| stdout.flush());
        return written.map_err(|e| anyhow::Error::from(e).context("could not write to standard output"));
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|e| anyhow::anyhow!("could not make the folder {}: {e}", folder.display()))?;
    }
    store::atomic::write_atomic(path, bytes).map_err(|e| anyhow::anyhow!("could not write {}: {e}", path.display()))
}

pub(super) fn spans_kept(e: &Entry, selection: Selection) -> impl Iterator<Item = &Span> {
    e.annotations.spans().iter().filter(move |s| selection.keeps(s.status))
}

pub(super) fn claims_kept(e: &Entry, selection: Selection) -> impl Iterator<Item = &Claim> {
    e.annotations.claims.all().iter().filter(move |c| selection.keeps(c.status))
}
