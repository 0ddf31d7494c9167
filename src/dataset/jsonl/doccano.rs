//! doccano's JSONL, written in the two forms its projects import, offsets in code points:
//!
//! - a relation project's: `entities` and `relations`; a claim is a `CLAIM` span, its cue a `CUE`
//!   span, and its claimant `SAYS` it (the entity span it names, else a `CLAIMANT` span);
//! - a Sequence Labeling project's (the default): `label: [[start, end, label]]`, entities only.

use super::super::export::{LeftOut, Report, claims_kept, cp, spans_kept, tell_claim_part_label};
use super::super::{Entry, Selection};
use super::meta_json;
use crate::annotation::{Span, Status};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

/// The documents as a doccano relation project's tasks.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
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
pub fn write_sequence(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
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
