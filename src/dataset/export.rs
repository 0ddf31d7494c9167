//! Writing a dataset out for other tools. Offsets are code points everywhere but in Label Studio's
//! JSON, which counts UTF-16 units as its editor does (the one converter is
//! [`crate::offsets`]); only documents someone decided something in (or marked done) go out, since
//! an untouched document would teach a model that its text names nothing; only accepted (and
//! hand-made) annotations go out unless rejected ones are asked for as negative examples, and pending
//! suggestions never as labels (Label Studio's predictions carry them as suggestions); and each
//! format counts what it could not hold, for the report.
//!
//! - `spacy`: spaCy / Prodigy JSONL — `text`, `tokens`, `spans` (`token_end` inclusive, as Prodigy
//!   writes it), `answer`, `meta`; a rejected span becomes its own task with `"answer": "reject"`.
//! - `doccano`: doccano's JSONL — `entities` and `relations`; a claim is a `CLAIM` span, its cue a `CUE`
//!   span, and its claimant `SAYS` it.
//! - `conll`: CoNLL-2003 columns (`TOKEN _ _ TAG`, IOB2), a blank line between sentences and
//!   `-DOCSTART-` between documents; one label per token, so overlapping spans and claims are counted
//!   as left out.
//! - `brat`: a `.txt` and an `.ann` per document — entities as `T` lines, claims as `Source` / `Cue` /
//!   `Content` tied by an `Attribution` event (PolNeAR's form), check-worthiness as a `Checkworthy`
//!   attribute (`High` / `Low`) and its exact score as a note, rejected items (when asked for) flagged
//!   with a `Rejected` attribute — and the `annotation.conf` that lets brat open the folder.
//! - `label-studio`: Label Studio's JSON tasks, UTF-16 offsets; pending entity suggestions go out
//!   as the task's `predictions`, which Label Studio shows as pre-annotations (see [`super::label_studio`]).
//! - `webanno-tsv`: a folder, one WebAnno TSV 3.3 file per document (INCEpTION's and WebAnno's
//!   format): entities on the `NamedEntity` layer, UTF-16 offsets; claims left out (see [`super::webanno`]).
//! - `ron`: one file bundling the documents in Marginalia's own format.
//! - `spacy-docbin`: one `.spacy` file, what `spacy train` reads (see [`super::docbin`]).

use super::spacy_tokens::{spacy_tokens, whole_tokens};
use super::{Entry, Selection};
use crate::annotation::{Claim, Span, Status};
use crate::doc::Document;
use crate::store;
use serde_json::{Value, json};
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

impl Format {
    /// The format counts offsets in UTF-16 units (JavaScript's and Java's string positions), not
    /// code points.
    pub fn counts_utf16(self) -> bool {
        matches!(self, Format::LabelStudio | Format::WebannoTsv)
    }

    /// The format is a folder of files (which standard output cannot take).
    pub fn writes_folder(self) -> bool {
        match self {
            Format::Brat | Format::WebannoTsv => true,
            Format::Spacy
            | Format::Doccano
            | Format::DoccanoSequence
            | Format::Conll
            | Format::LabelStudio
            | Format::SpacyDocbin
            | Format::Ron => false,
        }
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
    /// Suggestions nobody decided on.
    Pending,
    /// Rejected suggestions, not asked for as negative examples.
    Rejected,
    /// What the format cannot hold, as it says it.
    Format(&'static str),
}

/// Who reads a report: the window names its checkbox, the command line its option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    Window,
    Cli,
}

impl LeftOut {
    fn says(self, wording: Wording) -> &'static str {
        match (self, wording) {
            (LeftOut::NoDecision, _) => {
                "documents with no decision yet (nothing accepted, rejected or labelled, not marked done)"
            }
            (LeftOut::NotDone, _) => "documents not marked done",
            (LeftOut::OtherVersion, _) => {
                "other versions of a document kept beside it after a conflict (keep one, then export again)"
            }
            (LeftOut::Pending, _) => "pending suggestions (undecided)",
            (LeftOut::Rejected, Wording::Window) => {
                "rejected suggestions (tick “Include rejected suggestions” for negative examples)"
            }
            (LeftOut::Rejected, Wording::Cli) => "rejected suggestions (add --include-rejected for negative examples)",
            (LeftOut::Format(why), _) => why,
        }
    }
}

impl Report {
    pub(super) fn skip(&mut self, why: LeftOut, n: usize) {
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

    /// What was written and, one per line, what was left out and why.
    pub fn describe(&self, wording: Wording) -> String {
        let mut out = format!("wrote {} documents, {} spans, {} claims", self.documents, self.spans, self.claims);
        if self.skipped.is_empty() {
            out += "; nothing left out";
        } else {
            out += "; left out:";
            for (why, n) in &self.skipped {
                let _ = write!(out, "\n  {n} {}", why.says(wording));
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
    doc.chars().char_range(doc.text(), r.clone()).unwrap_or(0..0)
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
        let pending = a.counts().pending + a.claims.all().iter().filter(|c| c.is_pending()).count();
        report.skip(LeftOut::Pending, pending);
        if !selection.include_rejected {
            let rejected = a.counts().rejected + a.claims.all().iter().filter(|c| c.status == Status::Rejected).count();
            report.skip(LeftOut::Rejected, rejected);
        }
    }
    report.documents = chosen.len();
    match format {
        Format::Spacy => write_file(out, &spacy(&chosen, selection, &mut report))?,
        Format::Doccano => write_file(out, &doccano(&chosen, selection, &mut report))?,
        Format::DoccanoSequence => write_file(out, &doccano_sequence(&chosen, selection, &mut report))?,
        Format::Conll => write_file(out, &super::conll::write(&chosen, selection, &mut report))?,
        Format::LabelStudio => write_file(out, &super::label_studio::write(&chosen, selection, &mut report))?,
        Format::Ron => write_file(out, &ron(&chosen, selection, &mut report)?)?,
        Format::Brat => brat(&chosen, selection, &mut report, out)?,
        Format::WebannoTsv => super::webanno::write(&chosen, selection, &mut report, out)?,
        Format::SpacyDocbin => write_bytes(out, &super::docbin::write(&chosen, selection, &mut report)?)?,
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

/// What is known of a document's source, with its name, for a JSONL line's `meta`.
fn meta_json(e: &Entry) -> Value {
    let m = &e.annotations.meta;
    let mut meta = serde_json::Map::new();
    meta.insert("source".into(), json!(e.name));
    for (k, v) in [("title", &m.title), ("url", &m.url), ("date", &m.date), ("author", &m.author)] {
        if let Some(v) = v {
            meta.insert(k.into(), json!(v));
        }
    }
    Value::Object(meta)
}

fn spacy(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
    let mut out = String::new();
    for e in entries {
        let doc = &e.doc;
        let kept: Vec<&Span> = spans_kept(e, selection).collect();
        let spacy = spacy_tokens(doc, kept.iter().map(|s| &s.range));
        let tokens: Vec<Value> = spacy
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let c = cp(doc, &t.range);
                json!({"text": &doc.text()[t.range.clone()], "start": c.start, "end": c.end, "id": i, "ws": t.space})
            })
            .collect();
        // Every span kept is whole tokens (they were cut for it); one that is not could not be said.
        let span_json = |s: &&Span| {
            let r = cp(doc, &s.range);
            let toks = whole_tokens(&spacy, &s.range)?;
            Some(
                json!({"start": r.start, "end": r.end, "token_start": toks.start, "token_end": toks.end - 1, "label": s.label}),
            )
        };
        let meta = meta_json(e);
        let (accepted, rejected): (Vec<&Span>, Vec<&Span>) = kept.iter().partition(|s| s.status == Status::Accepted);
        let accepted: Vec<Value> = accepted.iter().filter_map(span_json).collect();
        let rejected: Vec<Value> = rejected.iter().filter_map(span_json).collect();
        report.skip(LeftOut::Format("spans not on spaCy's tokens"), kept.len() - accepted.len() - rejected.len());
        report.spans += accepted.len() + rejected.len();
        let line = json!({"text": doc.text(), "tokens": tokens, "spans": accepted, "answer": "accept", "meta": meta});
        let _ = writeln!(out, "{line}");
        for span in rejected {
            let line = json!({"text": doc.text(), "tokens": tokens, "spans": [span], "answer": "reject", "meta": meta});
            let _ = writeln!(out, "{line}");
        }
        report.skip(LeftOut::Format("claims (spaCy's entity data has no claims)"), claims_kept(e, selection).count());
    }
    out
}

fn doccano(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
    let mut out = String::new();
    for (n, e) in entries.iter().enumerate() {
        let doc = &e.doc;
        let mut entities = Vec::new();
        let mut relations = Vec::new();
        let mut next = 1u64;
        let mut add = |r: &Range<usize>, label: &str, entities: &mut Vec<Value>| {
            let c = cp(doc, r);
            let id = next;
            next += 1;
            entities.push(json!({"id": id, "label": label, "start_offset": c.start, "end_offset": c.end}));
            id
        };
        let mut span_ids = std::collections::HashMap::new();
        for s in spans_kept(e, selection) {
            if s.status == Status::Rejected {
                report.skip(LeftOut::Format("rejected spans (doccano has no negative examples)"), 1);
                continue;
            }
            span_ids.insert(s.id, add(&s.range, &s.label, &mut entities));
            tell_claim_part_label(report, &s.label, &["CLAIM", "CUE", "CLAIMANT"], "doccano");
            report.spans += 1;
        }
        for c in claims_kept(e, selection) {
            if c.status == Status::Rejected {
                report.skip(LeftOut::Format("rejected claims (doccano has no negative examples)"), 1);
                continue;
            }
            let claim = add(&c.content, "CLAIM", &mut entities);
            if let Some(cue) = &c.cue {
                let cue = add(cue, "CUE", &mut entities);
                relations.push(json!({"id": relations.len() + 1, "from_id": cue, "to_id": claim, "type": "CUE"}));
            }
            if let Some(who) = &c.claimant {
                // The entity span it names, when exported; otherwise its words as a CLAIMANT span.
                let named = who
                    .entity
                    .filter(|&id| e.annotations.get(id).is_some_and(|s| s.range == who.range))
                    .and_then(|id| span_ids.get(&id).copied());
                let from = match named {
                    Some(id) => id,
                    None => add(&who.range, "CLAIMANT", &mut entities),
                };
                relations.push(json!({"id": relations.len() + 1, "from_id": from, "to_id": claim, "type": "SAYS"}));
            }
            report.claims += 1;
        }
        let line = json!({"id": n + 1, "text": doc.text(), "entities": entities, "relations": relations, "meta": meta_json(e)});
        let _ = writeln!(out, "{line}");
    }
    out
}

/// doccano's Sequence Labeling form, which a default project imports: `label: [[start, end, label]]`.
/// Such a project allows no overlapping spans (the longest is kept, the others counted) and has no
/// claims or negative examples.
fn doccano_sequence(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
    let mut out = String::new();
    for (n, e) in entries.iter().enumerate() {
        let doc = &e.doc;
        let mut spans: Vec<&Span> = spans_kept(e, selection).filter(|s| s.status == Status::Accepted).collect();
        spans.sort_by_key(|s| (std::cmp::Reverse(s.range.len()), s.range.start));
        // The spans kept, by start: a new one overlaps one only if it overlaps its neighbours.
        let mut kept: BTreeMap<usize, &Span> = BTreeMap::new();
        for s in spans {
            let before = kept.range(..s.range.end).next_back().is_some_and(|(_, k)| k.range.end > s.range.start);
            if before {
                report.skip(LeftOut::Format("overlapping spans (a Sequence Labeling project allows none)"), 1);
            } else {
                kept.insert(s.range.start, s);
            }
        }
        let kept: Vec<&Span> = kept.into_values().collect();
        report.spans += kept.len();
        let label: Vec<Value> =
            kept.iter().map(|s| (cp(doc, &s.range), &s.label)).map(|(c, l)| json!([c.start, c.end, l])).collect();
        let rejected = spans_kept(e, selection).filter(|s| s.status == Status::Rejected).count();
        report.skip(LeftOut::Format("rejected spans (doccano has no negative examples)"), rejected);
        report.skip(
            LeftOut::Format("claims (a Sequence Labeling project has no relations: use --format doccano)"),
            claims_kept(e, selection).count(),
        );
        let line = json!({"id": n + 1, "text": doc.text(), "label": label, "meta": meta_json(e)});
        let _ = writeln!(out, "{line}");
    }
    out
}

/// One dataset file for Marginalia: the documents' annotation files, in one RON list.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct DatasetFile {
    pub format: String,
    pub version: u32,
    pub documents: Vec<(String, store::AnnotationFile)>,
}

pub const DATASET_FORMAT: &str = "marginalia-dataset";

/// Reads a dataset file back: each document's name and its annotation file, checked like any.
pub fn read_dataset(path: &Path) -> anyhow::Result<Vec<(String, store::Loaded)>> {
    let text = crate::input::read_text(path, crate::input::MAX_DATA_FILE)?;
    let file: DatasetFile = ron::from_str(&text).map_err(|e| {
        anyhow::anyhow!("{}, line {}, column {}: {}", path.display(), e.span.start.line, e.span.start.col, e.code)
    })?;
    if file.format != DATASET_FORMAT || file.version != 1 {
        anyhow::bail!("{} is not a Marginalia dataset file (version 1)", path.display());
    }
    file.documents
        .into_iter()
        .map(|(name, f)| {
            let loaded =
                store::from_file(f).map_err(|why| anyhow::anyhow!("{}, document {name}: {why}", path.display()))?;
            Ok((name, loaded))
        })
        .collect()
}

fn ron(entries: &[&Entry], selection: Selection, report: &mut Report) -> anyhow::Result<String> {
    let mut documents = Vec::new();
    for e in entries {
        let spans: Vec<Span> = spans_kept(e, selection).cloned().collect();
        let claims: Vec<Claim> = claims_kept(e, selection).cloned().collect();
        report.spans += spans.len();
        report.claims += claims.len();
        let mut kept = crate::annotation::Annotations::new(e.annotations.labels.clone(), spans).with_claims(claims);
        kept.meta = e.annotations.meta.clone();
        kept.done = e.annotations.done.clone();
        documents.push((e.name.clone(), store::to_file(&e.doc, &kept, None)));
    }
    let file = DatasetFile { format: DATASET_FORMAT.into(), version: 1, documents };
    let config = ron::ser::PrettyConfig::new().depth_limit(4).struct_names(false).indentor("    ");
    Ok(ron::ser::to_string_pretty(&file, config)? + "\n")
}

/// A brat text-bound annotation's pieces: each of `ranges` split at line breaks, as brat requires,
/// without pieces that are only white space.
fn brat_pieces(doc: &Document, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let text = doc.text();
    let mut pieces = Vec::new();
    for r in ranges {
        let mut start = r.start;
        for (i, c) in text[r.clone()].char_indices() {
            if c == '\n' {
                pieces.push(start..r.start + i);
                start = r.start + i + 1;
            }
        }
        pieces.push(start..r.end);
    }
    pieces.retain(|p| !text[p.clone()].trim().is_empty());
    pieces
}

/// A brat text-bound line's offsets and text: brat checks that the text is the pieces' words joined
/// by single spaces, and refuses the file otherwise.
fn brat_offsets_and_text(doc: &Document, ranges: &[Range<usize>]) -> (String, String) {
    let pieces = brat_pieces(doc, ranges);
    let offsets = pieces.iter().map(|p| cp(doc, p)).map(|c| format!("{} {}", c.start, c.end)).collect::<Vec<_>>();
    let words = pieces.iter().map(|p| &doc.text()[p.clone()]).collect::<Vec<_>>();
    (offsets.join(";"), words.join(" "))
}

/// brat's configuration for the exported collection: the entity types, the attribution event, the
/// attributes, and overlaps allowed (a claim's content holds its cue and claimant words).
fn brat_conf(types: &std::collections::BTreeSet<String>) -> String {
    let mut conf = String::from("[entities]\n");
    for t in types {
        let _ = writeln!(conf, "{t}");
    }
    conf += "Source\nCue\nContent\n\n[relations]\n<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n\n";
    conf += "[events]\nAttribution\tContent:Content, Cue?:Cue, Source?:Source\n\n";
    conf += "[attributes]\nRejected\tArg:<ANY>\nCheckworthy\tArg:Attribution, Value:High|Low\n";
    conf
}

fn brat(entries: &[&Entry], selection: Selection, report: &mut Report, dir: &Path) -> anyhow::Result<()> {
    use super::folder::{inside, unique_safe_name};
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("could not make the folder {}: {e}", dir.display()))?;
    let mut types = std::collections::BTreeSet::new();
    // A document's name becomes two file names in the folder: made safe, unique, and kept inside it.
    let mut names = super::UniqueNames::default();
    for e in entries {
        let doc = &e.doc;
        let mut ann = String::new();
        let (mut t, mut ev, mut attr, mut note) = (0, 0, 0, 0);
        let mut text_bound = |ann: &mut String, kind: &str, pieces: &[Range<usize>]| {
            t += 1;
            let (offsets, words) = brat_offsets_and_text(doc, pieces);
            let _ = writeln!(ann, "T{t}\t{kind} {offsets}\t{words}");
            format!("T{t}")
        };
        let mut attribute = |ann: &mut String, what: &str, id: &str| {
            attr += 1;
            let _ = writeln!(ann, "A{attr}\t{what} {id}");
        };
        for s in spans_kept(e, selection) {
            let kind = one_word(&s.label);
            let id = text_bound(&mut ann, &kind, std::slice::from_ref(&s.range));
            types.insert(kind);
            if s.status == Status::Rejected {
                attribute(&mut ann, "Rejected", &id);
            }
            report.spans += 1;
        }
        tell_renamed(report, spans_kept(e, selection).map(|s| s.label.as_str()), "brat");
        for c in claims_kept(e, selection) {
            let content = text_bound(&mut ann, "Content", &c.content_pieces());
            let cue = c.cue.as_ref().map(|r| text_bound(&mut ann, "Cue", std::slice::from_ref(r)));
            let source = c.claimant.as_ref().map(|w| text_bound(&mut ann, "Source", std::slice::from_ref(&w.range)));
            let trigger =
                text_bound(&mut ann, "Attribution", std::slice::from_ref(c.cue.as_ref().unwrap_or(&c.content)));
            ev += 1;
            let mut roles = format!("Attribution:{trigger} Content:{content}");
            if let Some(cue) = cue {
                roles += &format!(" Cue:{cue}");
            }
            if let Some(source) = source {
                roles += &format!(" Source:{source}");
            }
            let _ = writeln!(ann, "E{ev}\t{roles}");
            let event = format!("E{ev}");
            if c.status == Status::Rejected {
                attribute(&mut ann, "Rejected", &event);
            }
            if let Some(w) = c.checkworthy {
                attribute(&mut ann, "Checkworthy", &format!("{event} {}", if w >= 0.5 { "High" } else { "Low" }));
                note += 1;
                let _ = writeln!(ann, "#{note}\tAnnotatorNotes E{ev}\tcheckworthy {w:.2}");
            }
            report.claims += 1;
        }
        let name = unique_safe_name(&mut names, &e.name)?;
        write_file(&inside(dir, dir.join(format!("{name}.txt")))?, doc.text())?;
        write_file(&inside(dir, dir.join(format!("{name}.ann")))?, &ann)?;
    }
    write_file(&dir.join("annotation.conf"), &brat_conf(&types))
}
