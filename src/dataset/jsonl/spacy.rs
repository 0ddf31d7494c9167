//! spaCy / Prodigy JSONL, written: a line per document — `text`, `tokens` (spaCy's, see
//! [`super::super::spacy_tokens`]), `spans` (`token_end` inclusive, as Prodigy writes it), `answer`,
//! `meta` — and a rejected span as its own task with `"answer": "reject"`. Offsets are code points.

use super::super::export::{LeftOut, Report, claims_kept, cp, spans_kept};
use super::super::spacy_tokens::{spacy_tokens, whole_tokens};
use super::super::{Entry, Selection};
use super::meta_json;
use crate::annotation::{Span, Status};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The documents as spaCy / Prodigy tasks.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report) -> String {
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
