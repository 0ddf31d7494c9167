//! Reading JSON Lines of documents, in the dialects the analysts' tools write, one object a line:
//!
//! - Marginalia's and anyone's `{"text", "meta"}` (`meta.title`, `url`, `date`, `author`, `source`);
//! - spaCy / Prodigy: `spans` of `{start, end, label}` and an `answer` — `accept`, `reject` (its spans
//!   are rejected), or `ignore` (the annotator skipped it: not work, not imported). Prodigy writes a
//!   task per decision, so lines with one text (and one `meta.source`) are one document, each span
//!   once (a later answer on the same span wins, as the later decision);
//! - doccano: a relation project's `entities` (objects with `start_offset` / `end_offset`, or the
//!   list form `[start, end, label]`) and `relations` — a `CLAIM` span with its `CUE` and whoever
//!   `SAYS` it is a claim, as the doccano export writes one — or a sequence-labeling project's
//!   `label: [[start, end, label], …]`.
//!
//! Offsets are code points. A line that cannot be read is reported with its number and the others
//! imported; what a line brings that Marginalia cannot hold (other relations, document categories) is
//! counted. Written, JSONL is spaCy's ([`spacy`]) or doccano's ([`doccano`]).

pub mod doccano;
pub mod spacy;

use super::Entry;
use super::import::{Batch, GivenClaim, GivenSpan, Imported, NotHeld};
use crate::annotation::{Meta, Status};
use crate::offsets::CharMap;
use crate::offsets::CharRange;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// The labels of the spans a doccano export makes of a claim's parts.
const CLAIM_PARTS: [&str; 3] = ["CLAIM", "CUE", "CLAIMANT"];

/// The documents of a JSON Lines file.
pub fn read(source: &str, stem: &str, path: &Path) -> Batch {
    let mut batch = Batch::default();
    // Prodigy keeps one task per decision: lines with the same text (and source, when they name
    // one: two articles may have one text) are one document.
    let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
    for (n, line) in source.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let at = format!("{}, line {}", path.display(), n + 1);
        let task = match serde_json::from_str::<Value>(line) {
            Ok(v) if v.is_object() => v,
            Ok(_) => {
                batch.not_held.unreadable.push(format!("{at}: not a JSON object; skipped"));
                continue;
            }
            Err(e) => {
                batch.not_held.unreadable.push(format!("{at}: not JSON ({e}); skipped"));
                continue;
            }
        };
        let Some(text) = task["text"].as_str() else {
            batch.not_held.unreadable.push(format!("{at}: no \"text\" (doccano lets a project name its columns: rename them \"text\" and \"label\"); skipped"));
            continue;
        };
        if task["answer"].as_str() == Some("ignore") {
            batch.not_held.add("Prodigy tasks answered \"ignore\" (skipped by the annotator: not work)", 1);
            continue;
        }
        let doc = document(&task, text, &at, &mut batch.not_held);
        let key = (text.to_string(), doc.meta_source.clone());
        match seen.get(&key) {
            Some(&k) => merge(&mut batch.docs[k], doc),
            None => {
                let source = doc.meta_source.as_deref().and_then(super::folder::safe_file_name);
                let name = source.unwrap_or_else(|| format!("{stem}-{}", batch.docs.len() + 1));
                seen.insert(key, batch.docs.len());
                let Line { spans, claims, meta, .. } = doc;
                batch.docs.push(Imported { name, text: text.to_string(), meta, spans, claims });
            }
        }
    }
    batch
}

/// What one line says of its document.
struct Line {
    spans: Vec<GivenSpan>,
    claims: Vec<GivenClaim>,
    meta: Meta,
    meta_source: Option<String>,
}

fn document(task: &Value, text: &str, at: &str, not_held: &mut NotHeld) -> Line {
    let chars = CharMap::new(text);
    let status = if task["answer"].as_str() == Some("reject") { Status::Rejected } else { Status::Accepted };
    let mut spans = Vec::new();
    // doccano's entity ids, for its relations.
    let mut by_id: HashMap<u64, (Range<usize>, String)> = HashMap::new();
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let mut take = |found: Found, what: &'static str, not_held: &mut NotHeld| {
        let range = span_range(&chars, text, &found, what)
            .map_err(|why| not_held.unreadable.push(format!("{at}: {why}; skipped")));
        let (range, label) = (range.ok()?, found.2?.to_string());
        spans.push(GivenSpan { range: range.clone(), label: label.clone(), status, suggested: None });
        Some((range, label))
    };
    // spaCy / Prodigy: "spans": [{"start", "end", "label"}].
    for s in list(&task["spans"]) {
        take((s["start"].as_u64(), s["end"].as_u64(), s["label"].as_str()), "span", not_held);
    }
    // doccano: "entities": [{"id", "label", "start_offset", "end_offset"}] or [[start, end, label]].
    for s in list(&task["entities"]) {
        if s.is_array() {
            take((s[0].as_u64(), s[1].as_u64(), s[2].as_str()), "entity", not_held);
        } else {
            let found = (s["start_offset"].as_u64(), s["end_offset"].as_u64(), s["label"].as_str());
            if let Some(e) = take(found, "entity", not_held) {
                by_id.insert(s["id"].as_u64().unwrap_or(u64::MAX), e);
            }
        }
    }
    // doccano's sequence labeling: "label": [[start, end, label]]; a list of names is a text category.
    for s in list(&task["label"]) {
        if s.is_array() {
            take((s[0].as_u64(), s[1].as_u64(), s[2].as_str()), "label", not_held);
        } else {
            not_held.add("document categories (doccano text classification labels)", 1);
        }
    }
    match &task["cats"] {
        Value::Object(cats) => not_held.add("document categories (spaCy cats)", cats.len()),
        Value::Array(cats) => not_held.add("document categories (cats)", cats.len()),
        _ => {}
    }
    not_held.add("document categories (doccano labels)", list(&task["labels"]).len());
    not_held.add("Prodigy choices (the \"accept\" list of a choice task)", list(&task["accept"]).len());
    let mut claims = doccano_claims(task, &by_id, not_held);
    // A CLAIM span without relations (the list forms, spaCy spans) is a claim's content alone.
    for s in spans.iter().filter(|s| s.label == "CLAIM") {
        if !claims.iter().any(|c| c.content == s.range) {
            let content = s.range.clone();
            claims.push(GivenClaim {
                content,
                pieces: Vec::new(),
                cue: None,
                claimant: None,
                status: s.status,
                checkworthy: None,
                checkworthy_by_hand: None,
            });
        }
    }
    let tied = |r: &Range<usize>| claims.iter().any(|c| c.cue.as_ref() == Some(r) || c.claimant.as_ref() == Some(r));
    let untied = spans.iter().filter(|s| matches!(s.label.as_str(), "CUE" | "CLAIMANT") && !tied(&s.range)).count();
    not_held.add("CUE and CLAIMANT spans tied to no claim (doccano relations make them parts of one)", untied);
    // CLAIM / CUE / CLAIMANT spans are parts of claims, not entities.
    spans.retain(|s| !CLAIM_PARTS.contains(&s.label.as_str()));
    let meta_of = |k: &str| task["meta"][k].as_str().or(task[k].as_str()).map(String::from);
    let meta = Meta {
        title: meta_of("title"),
        url: meta_of("url").or(meta_of("source_url")),
        date: meta_of("date"),
        author: meta_of("author"),
    };
    Line { spans, claims, meta, meta_source: meta_of("source") }
}

/// A span as a line gives it: start, end (code points) and label.
type Found<'a> = (Option<u64>, Option<u64>, Option<&'a str>);

/// Why a span of a line cannot be read (`what`: "span" or "entity", as the line calls it); the line's
/// other spans are read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum BadSpan {
    #[error("a {what} without start, end and label")]
    Incomplete { what: &'static str },
    #[error("{what} {start}..{end} is not inside the text")]
    Outside { what: &'static str, start: u64, end: u64 },
}

/// The bytes of a span a line gives, or why it cannot be read.
fn span_range(chars: &CharMap, text: &str, found: &Found, what: &'static str) -> Result<Range<usize>, BadSpan> {
    let (Some(start), Some(end), Some(_)) = *found else {
        return Err(BadSpan::Incomplete { what });
    };
    usize::try_from(start)
        .ok()
        .zip(usize::try_from(end).ok())
        .filter(|(a, b)| a < b)
        .and_then(|(a, b)| chars.bytes_of(text, CharRange::new(a, b)))
        .map(Range::from)
        .ok_or(BadSpan::Outside { what, start, end })
}

/// Another task of a document already read: its spans join the document's, each once — a span the
/// document has already (same words, same label) takes the later task's answer.
fn merge(doc: &mut Imported, line: Line) {
    let mut at: HashMap<(Range<usize>, String), usize> =
        doc.spans.iter().enumerate().map(|(i, s)| ((s.range.clone(), s.label.clone()), i)).collect();
    for s in line.spans {
        match at.get(&(s.range.clone(), s.label.clone())) {
            Some(&i) => doc.spans[i].status = s.status,
            None => {
                at.insert((s.range.clone(), s.label.clone()), doc.spans.len());
                doc.spans.push(s);
            }
        }
    }
    for c in line.claims {
        if !doc.claims.contains(&c) {
            doc.claims.push(c);
        }
    }
}

/// Claims from doccano relations: a CLAIM span, the CUE span related to it, and whoever `SAYS` it.
/// Other relations are counted: Marginalia holds no relations but claims.
fn doccano_claims(
    task: &Value,
    by_id: &HashMap<u64, (Range<usize>, String)>,
    not_held: &mut NotHeld,
) -> Vec<GivenClaim> {
    let relations: Vec<(u64, u64, &str)> = task["relations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r["from_id"].as_u64()?, r["to_id"].as_u64()?, r["type"].as_str()?)))
        .collect();
    let is_claim_part = |(from, to, kind): &&(u64, u64, &str)| {
        matches!(*kind, "CUE" | "SAYS") && by_id.get(to).is_some_and(|(_, l)| l == "CLAIM") && by_id.contains_key(from)
    };
    // Any relation that is not a claim's part — doccano's, or Prodigy's `head` / `child` ones.
    let all = task["relations"].as_array().map_or(0, Vec::len);
    let others = all - relations.iter().filter(is_claim_part).count();
    not_held.add("relations other than a claim's cue and claimant", others);
    let mut ids: Vec<&u64> = by_id.keys().collect();
    ids.sort();
    ids.into_iter()
        .filter(|id| by_id[id].1 == "CLAIM")
        .map(|id| {
            let related = |kind: &str| {
                relations
                    .iter()
                    .find(|(_, to, t)| to == id && *t == kind)
                    .and_then(|(from, _, _)| by_id.get(from))
                    .map(|(r, _)| r.clone())
            };
            GivenClaim {
                content: by_id[id].0.clone(),
                pieces: Vec::new(),
                cue: related("CUE"),
                claimant: related("SAYS"),
                status: Status::Accepted,
                checkworthy: None,
                checkworthy_by_hand: None,
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(source: &str) -> Batch {
        read(source, "t", Path::new("t.jsonl"))
    }

    fn words(d: &Imported) -> Vec<(&str, &str, Status)> {
        d.spans.iter().map(|s| (&d.text[s.range.clone()], s.label.as_str(), s.status)).collect()
    }

    #[test]
    fn a_bad_line_is_reported_with_its_number_and_the_rest_imported() {
        let b = read_str("{\"text\": \"One\"}\n{\"text\": \"Two\"\n[1]\n{\"meta\": {}}\n{\"text\": \"Five\"}\n");
        assert_eq!(b.docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), ["One", "Five"]);
        let said = b.not_held.unreadable.join("\n");
        assert!(said.contains("line 2: not JSON"), "{said}");
        assert!(said.contains("line 3: not a JSON object"), "{said}");
        assert!(said.contains("line 4: no \"text\""), "{said}");
    }

    #[test]
    fn prodigy_ignore_is_not_work_and_duplicate_tasks_merge_without_duplicate_spans() {
        let t = "Ed Davey said";
        let task = |answer: &str, label: &str| {
            format!(
                "{{\"text\": \"{t}\", \"spans\": [{{\"start\": 0, \"end\": 8, \"label\": \"{label}\"}}], \"answer\": \"{answer}\"}}\n"
            )
        };
        let source =
            [task("accept", "PERSON"), task("accept", "PERSON"), task("ignore", "ORG"), task("reject", "ORG")].concat();
        let b = read_str(&source);
        assert_eq!(b.docs.len(), 1);
        assert_eq!(
            words(&b.docs[0]),
            [("Ed Davey", "PERSON", Status::Accepted), ("Ed Davey", "ORG", Status::Rejected)]
        );
        assert_eq!(b.not_held.counts.values().sum::<usize>(), 1, "{:?}", b.not_held);
    }

    #[test]
    fn doccano_list_forms_and_other_relations_are_read_or_counted() {
        let b = read_str(concat!(
            "{\"text\": \"ACME hired Ann\", \"entities\": [[0, 4, \"ORG\"], [11, 14, \"PER\"]]}\n",
            "{\"text\": \"Ann left\", \"label\": [[0, 3, \"PER\"]]}\n",
            "{\"text\": \"Good news\", \"label\": [\"positive\"]}\n",
            "{\"text\": \"Ann met Bo\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 3, \"label\": \"PER\"}, {\"id\": 2, \"start_offset\": 8, \"end_offset\": 10, \"label\": \"PER\"}], \"relations\": [{\"id\": 1, \"from_id\": 1, \"to_id\": 2, \"type\": \"MET\"}]}\n",
        ));
        assert_eq!(words(&b.docs[0]), [("ACME", "ORG", Status::Accepted), ("Ann", "PER", Status::Accepted)]);
        assert_eq!(words(&b.docs[1]), [("Ann", "PER", Status::Accepted)]);
        assert_eq!(b.not_held.counts.len(), 2, "{:?}", b.not_held.counts);
    }

    #[test]
    fn a_span_outside_its_text_is_reported_and_the_others_kept() {
        let b = read_str(
            "{\"text\": \"Ed ✓\", \"spans\": [{\"start\": 0, \"end\": 2, \"label\": \"P\"}, {\"start\": 3, \"end\": 9, \"label\": \"X\"}]}\n",
        );
        assert_eq!(words(&b.docs[0]), [("Ed", "P", Status::Accepted)]);
        assert!(b.not_held.unreadable[0].contains("line 1: span 3..9 is not inside the text"), "{:?}", b.not_held);
    }

    #[test]
    fn two_documents_with_one_text_but_other_sources_stay_two() {
        let b = read_str(concat!(
            "{\"text\": \"Same.\", \"meta\": {\"source\": \"a.txt\"}}\n",
            "{\"text\": \"Same.\", \"meta\": {\"source\": \"b.txt\"}}\n",
            "{\"text\": \"Same.\", \"meta\": {\"source\": \"a.txt\"}}\n",
        ));
        assert_eq!(b.docs.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["a.txt", "b.txt"]);
    }

    #[test]
    fn claim_parts_in_the_list_forms_are_a_claim_or_counted_never_dropped() {
        let b = read_str(
            "{\"text\": \"Ed said it rains\", \"entities\": [[0, 2, \"PERSON\"], [8, 16, \"CLAIM\"], [3, 7, \"CUE\"]]}\n",
        );
        assert_eq!(b.docs[0].claims.len(), 1);
        assert_eq!(b.docs[0].claims[0].content, 8..16);
        assert_eq!(words(&b.docs[0]), [("Ed", "PERSON", Status::Accepted)]);
        assert_eq!(b.not_held.counts.values().sum::<usize>(), 1, "the cue tied to nothing: {:?}", b.not_held);
    }

    #[test]
    fn meta_is_kept_from_meta_or_the_top_level() {
        let b =
            read_str("{\"text\": \"x\", \"meta\": {\"title\": \"T\", \"source\": \"a.txt\"}, \"url\": \"http://u\"}\n");
        assert_eq!(b.docs[0].meta.title.as_deref(), Some("T"));
        assert_eq!(b.docs[0].meta.url.as_deref(), Some("http://u"));
        assert_eq!(b.docs[0].name, "a.txt");
    }
}
