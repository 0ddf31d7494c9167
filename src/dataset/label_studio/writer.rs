//! Writing Label Studio's JSON tasks (see the module above for what is written, and why).

use super::super::export::{LeftOut, Report, claims_kept, spans_kept};
use super::super::{Entry, Selection};
use super::*;
use crate::annotation::{Origin, Span, Status};
use crate::doc::Document;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::ops::Range;

/// The tasks of `entries` as a Label Studio JSON array, counting what was written into `report`.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
    let tasks: Vec<Value> = entries.iter().enumerate().map(|(n, e)| task(n + 1, e, selection, report)).collect();
    format!("{:#}\n", Value::Array(tasks))
}

fn task(id: usize, e: &Entry, selection: Selection, report: &mut Report) -> Value {
    let mut regions = Regions { doc: &e.doc, result: Vec::new() };
    for s in spans_kept(e, selection) {
        if s.status == Status::Rejected {
            report.skip(LeftOut::Format(REJECTED), 1);
            continue;
        }
        regions.region(&s.range, &s.label, &s.origin);
        super::super::export::tell_claim_part_label(report, &s.label, &["CLAIM", "CUE", "SOURCE"], "Label Studio");
        report.spans += 1;
    }
    for c in claims_kept(e, selection) {
        if c.status == Status::Rejected {
            report.skip(LeftOut::Format(REJECTED), 1);
            continue;
        }
        if !c.pieces.is_empty() {
            report.skip(LeftOut::Format(GAPS), 1);
        }
        // The estimate's exact score, and the analyst's own word apart from it.
        let estimate = c.checkworthy.map(|w| format!("{CHECKWORTHY} {w:.2}"));
        let by_hand = c.checkworthy_by_hand.map(|w| if w { WORTH_BY_HAND } else { NOT_WORTH_BY_HAND }.to_string());
        let note = [estimate, by_hand].into_iter().flatten().reduce(|a, b| format!("{a}; {b}"));
        let claim = regions.region(&c.content, CLAIM, &c.origin);
        if let Some(note) = note {
            regions.annotate_last(note);
        }
        if let Some(cue) = &c.cue {
            let cue = regions.region(cue, CUE, &c.origin);
            regions.relation(&cue, &claim, CUE);
        }
        if let Some(who) = &c.claimant {
            let source = regions.region(&who.range, SOURCE, &c.origin);
            regions.relation(&source, &claim, SAYS);
        }
        // The region's choice is the analyst's word where they gave one, else the estimate's.
        if let Some(worth) = c.checkworthy_by_hand.or(c.checkworthy.map(|w| w >= 0.5)) {
            regions.choice(&claim, &c.content, if worth { WORTH } else { NOT_WORTH });
        }
        report.claims += 1;
    }
    let mut data = Map::new();
    data.insert(TO_NAME.into(), e.doc.text().into());
    data.insert("source".into(), e.name.clone().into());
    let meta = &e.annotations.meta;
    for (key, value) in META.iter().zip([&meta.title, &meta.url, &meta.date, &meta.author]) {
        if let Some(v) = value {
            data.insert((*key).into(), v.clone().into());
        }
    }
    let annotation = json!({"id": id, "result": regions.result, "was_cancelled": false, "ground_truth": false});
    json!({"id": id, "data": data, "annotations": [annotation], "predictions": predictions(e, report)})
}

/// The document's pending entity suggestions as Label Studio's pre-annotation: one prediction whose
/// `model_version` names the engines, with their mean score and each region's own; none without any.
/// What is written is taken back from the report's pending suggestions left out.
fn predictions(e: &Entry, report: &mut Report) -> Vec<Value> {
    let pending: Vec<&Span> = e.annotations.spans().iter().filter(|s| s.is_pending()).collect();
    if pending.is_empty() {
        return Vec::new();
    }
    let mut regions = Regions { doc: &e.doc, result: Vec::new() };
    for s in &pending {
        regions.region(&s.range, &s.label, &s.origin);
        if let (Some(score), Some(Value::Object(region))) = (s.score(), regions.result.last_mut()) {
            region.insert("score".into(), score_json(score));
        }
        report.changed(WRITTEN_AS_PREDICTIONS.into());
    }
    report.written_after_all(LeftOut::Pending, pending.len());
    let engines: BTreeSet<&str> = pending
        .iter()
        .filter_map(|s| match &s.origin {
            Origin::Engine { engine, .. } => Some(engine.as_str()),
            Origin::Human { .. } => None,
        })
        .collect();
    let model_version = format!("{MODEL} {}", engines.into_iter().collect::<Vec<_>>().join(", "));
    let scores: Vec<f32> = pending.iter().filter_map(|s| s.score()).collect();
    let mut prediction = json!({"model_version": model_version.trim_end(), "result": regions.result});
    if !scores.is_empty() {
        prediction["score"] = score_json(scores.iter().sum::<f32>() / scores.len() as f32);
    }
    vec![prediction]
}

/// A score as JSON writes it: its shortest decimal form (`0.8`, not `0.800000011920929`), which
/// reads back as the same `f32`.
fn score_json(score: f32) -> Value {
    score.to_string().parse::<f64>().map_or(Value::Null, Value::from)
}

/// The results of one annotation as they are written.
struct Regions<'a> {
    doc: &'a Document,
    result: Vec<Value>,
}

impl Regions<'_> {
    /// The value of a region over `range`: UTF-16 offsets and the words there.
    fn value(&self, range: &Range<usize>) -> Map<String, Value> {
        let units = self.doc.chars().utf16_range(self.doc.text(), range.clone()).unwrap_or(0..0);
        let text = self.doc.text().get(range.clone()).unwrap_or_default();
        let mut value = Map::new();
        value.insert("start".into(), units.start.into());
        value.insert("end".into(), units.end.into());
        value.insert("text".into(), text.into());
        value
    }

    /// Writes a labelled region and gives its id.
    fn region(&mut self, range: &Range<usize>, label: &str, origin: &Origin) -> String {
        let id = format!("r{}", self.result.len() + 1);
        let mut value = self.value(range);
        value.insert("labels".into(), json!([label]));
        let origin = match origin {
            Origin::Engine { .. } => "prediction",
            Origin::Human { .. } => "manual",
        };
        self.result.push(json!({"id": id, "type": "labels", "from_name": FROM_NAME, "to_name": TO_NAME, "origin": origin, "value": value}));
        id
    }

    /// Gives the region written last a note.
    fn annotate_last(&mut self, note: String) {
        if let Some(Value::Object(region)) = self.result.last_mut() {
            region.insert("meta".into(), json!({"text": [note]}));
        }
    }

    fn relation(&mut self, from: &str, to: &str, label: &str) {
        self.result
            .push(json!({"type": "relation", "from_id": from, "to_id": to, "direction": "right", "labels": [label]}));
    }

    /// A per-region choice: the same id as its region, and its value.
    fn choice(&mut self, id: &str, range: &Range<usize>, choice: &str) {
        let mut value = self.value(range);
        value.insert("choices".into(), json!([choice]));
        self.result
            .push(json!({"id": id, "type": "choices", "from_name": CHECKWORTHY, "to_name": TO_NAME, "value": value}));
    }
}
