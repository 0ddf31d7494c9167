//! Label Studio's JSON: one JSON array of tasks, what its *Export → JSON* writes and its *Import*
//! reads (or one task saved on its own); also its `JSON_MIN` export, read only. A task is
//!
//! ```json
//! {"id": 1, "data": {"text": "…", "source": "report.txt", "title": "…"},
//!  "annotations": [{"result": [
//!    {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text", "origin": "manual",
//!     "value": {"start": 3, "end": 11, "text": "Ana Lima", "labels": ["PERSON"]}},
//!    {"type": "relation", "from_id": "r2", "to_id": "r1", "direction": "right", "labels": ["SAYS"]}]}],
//!  "predictions": [{"model_version": "marginalia ner/PERSON", "score": 0.81, "result": [
//!    {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text", "origin": "prediction",
//!     "score": 0.81, "value": {"start": 16, "end": 21, "text": "Syria", "labels": ["LOC"]}}]}]}
//! ```
//!
//! and a `JSON_MIN` record is the task's data with each control's regions under the control's name:
//! `{"id": 1, "text": "…", "label": [{"start": 3, "end": 11, "text": "Ana Lima", "labels": ["PERSON"]}],
//! "annotator": …}`.
//!
//! **Offsets are UTF-16 code units**, JavaScript string positions, as Label Studio's editor counts
//! them: an emoji is two. A tool that writes code points instead puts every region after an emoji
//! off by one (Label Studio's issue #1347). Each region's `value.text` says what it holds, so a
//! region is checked against it: when its offsets hold other words but the code-point reading
//! holds them, that reading is taken and counted as corrected; when neither does, the region is
//! reported with its task and left out — never imported on the wrong words.
//!
//! What is written, and why:
//! - The names are those of Label Studio's standard NER labeling config, so an export imports into
//!   a project set up with it (plus the claim labels, relations and check-worthiness choices):
//!   `<Text name="text" value="$text"/> <Labels name="label" toName="text">…<Label value="CLAIM"/>
//!   <Label value="CUE"/><Label value="SOURCE"/></Labels> <Relations><Relation value="CUE"/>
//!   <Relation value="SAYS"/></Relations> <Choices name="checkworthy" toName="text"
//!   perRegion="true"><Choice value="Checkworthy"/><Choice value="Not checkworthy"/></Choices>`.
//! - `data` holds the text, the document's name as `source` (what import names the document
//!   after, as JSONL's `meta.source`) and its title, URL, date and author.
//! - A claim is a `CLAIM` region (what is claimed, its whole stretch: a region is one stretch, so
//!   the gap of an interrupted content is counted as left out), a `CUE` region and a `SOURCE`
//!   region (the claimant's words), each tied to the claim by a relation (`CUE`, `SAYS`).
//!   Check-worthiness is the claim region's per-region choice (`Checkworthy` from 0.5), with the
//!   exact score as the region's note (`checkworthy 0.73`), as brat's export keeps it; the analyst's own
//!   word, when given, is the choice and follows in the note (`checkworthy 0.73; worth checking by hand`).
//! - Only accepted work goes out, as the annotation. A region has no "rejected" flag — whatever
//!   is in a result is a label to learn from — so rejected spans and claims are counted as left out
//!   even with `--include-rejected`, rather than written as labels with a note nobody's converter
//!   reads.
//! - Pending entity suggestions go out as the task's one prediction, Label Studio's pre-annotation:
//!   its editor shows them for the annotator to accept or reject, and its exports for training take
//!   `annotations`, not `predictions`, so they are no labels to learn from. `model_version` names
//!   the engines, `score` is their mean and each region has its own. Pending claims are left out
//!   (counted as pending): a suggested claim is three regions and two relations to judge at once.
//! - A region's `origin` says where it came from: `manual`, or `prediction` for an engine's
//!   suggestion an analyst accepted.
//!
//! What is read, and why:
//! - One version per document, as Marginalia holds one: the task's ground-truth annotation, else its
//!   first one not cancelled; the others are counted, as are cancelled (skipped) annotations and
//!   drafts, which are nobody's decision.
//! - `predictions` are a model's suggestions, not decisions: their labelled regions come in as
//!   pending suggestions of the engine `label-studio/{model_version}`, with the region's score (else
//!   the prediction's), for the analyst to accept or reject — whether or not the task has an
//!   annotation too; one the annotation already holds (same range and label) is not added twice.
//!   Suggested claim parts and a prediction's other results are counted.
//! - Claims are rebuilt from relations whichever way they point: a `CLAIM` region is the content, a
//!   `CUE` region related to it its cue, a `SOURCE` region related to it its claimant.
//! - Everything else — other result types (`textarea`, `rating`, `taxonomy`, choices about the whole
//!   text, …), other relations, notes, other data fields, tasks without a text — is counted in
//!   [`NotHeld`](super::import::NotHeld); a task or region that cannot be read is reported with its number and the rest
//!   imported. A file cut off or broken mid-array keeps the tasks before the break.

mod reader;
#[cfg(test)]
mod tests;
mod writer;

pub use reader::read;
pub use writer::write;

/// The control and object names of Label Studio's standard NER config.
const FROM_NAME: &str = "label";
const TO_NAME: &str = "text";
/// The per-region choices that hold a claim's check-worthiness.
const CHECKWORTHY: &str = "checkworthy";
const WORTH: &str = "Checkworthy";
const NOT_WORTH: &str = "Not checkworthy";
/// In a claim region's note, after the score: the analyst's own word (`checkworthy 0.73; not worth
/// checking by hand`), so that training data tells a decision from an estimate.
const WORTH_BY_HAND: &str = "worth checking by hand";
const NOT_WORTH_BY_HAND: &str = "not worth checking by hand";
/// The labels of a claim's parts, and the relations that tie the cue and claimant to it.
const CLAIM: &str = "CLAIM";
const CUE: &str = "CUE";
const SOURCE: &str = "SOURCE";
const SAYS: &str = "SAYS";
/// Data fields kept in the document's [`Meta`].
const META: [&str; 4] = ["title", "url", "date", "author"];
/// What Label Studio adds to a `JSON_MIN` record besides the task's data and the regions.
const MIN_BOOKKEEPING: [&str; 7] =
    ["id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement"];

const OTHERS: &str = "other annotators' annotations of a task (Marginalia keeps one version of a document: the ground truth, else the first)";
const REJECTED: &str =
    "rejected spans and claims (a Label Studio region is a label to learn from: it cannot say rejected)";
const GAPS: &str =
    "gaps of interrupted claim contents (a Label Studio region is one stretch: the whole stretch was written)";
const WRITTEN_AS_PREDICTIONS: &str =
    "pending suggestions written as predictions (Label Studio shows them as suggestions to accept or reject)";
/// What a prediction's `model_version` starts with, before the engines' names.
const MODEL: &str = "marginalia";
/// What the engine of a prediction imported from Label Studio is named after, before its `model_version`.
const IMPORTED_MODEL: &str = "label-studio";
