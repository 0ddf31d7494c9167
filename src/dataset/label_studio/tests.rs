//! Label Studio JSON: export → import gives every accepted span and claim back at its exact offsets
//! whatever the text, offsets are UTF-16 units as Label Studio's editor counts them, Label Studio's
//! own files import with their exact spans, and nothing in a garbled file makes the reader panic.

use super::super::export::{Format, LeftOut, export};
use super::super::import::Batch;
use super::super::tests::documents;
use super::super::tests::{claims_of, entry, given, spans_of};
use super::super::{Entry, Selection};
use super::read;
use crate::annotation::{Annotations, Claim, ClaimId, Claimant, LabelSet, Origin, Span, Status, now};
use crate::doc::Document;
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/label-studio");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).unwrap()
}

fn read_str(source: &str) -> Batch {
    read(source, "tasks", Path::new("tasks.json")).unwrap()
}

/// Exports `entries` as Label Studio JSON and gives the file's text and the report.
fn exported(entries: &[Entry], selection: Selection) -> (String, super::super::export::Report) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x-label-studio.json");
    let report = export(entries, Format::LabelStudio, selection, &out).unwrap();
    (std::fs::read_to_string(&out).unwrap(), report)
}

fn results(file: &str) -> Vec<Value> {
    let tasks: Value = serde_json::from_str(file).unwrap();
    tasks[0]["annotations"][0]["result"].as_array().unwrap().clone()
}

/// What the words at a region's offsets are, counted as JavaScript counts them.
fn js_slice(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn label_studio_round_trips_spans_and_claims(text in crate::test_support::unicode_text(), picks in prop::collection::vec((0usize..100, 0usize..5, 0usize..6), 1..8)) {
        let Some(e) = entry(text, &picks) else { return Ok(()) };
        let entries = [with_pending(e)];
        let e = &entries[0];
        let (file, report) = exported(&entries, Selection { only_done: false, include_rejected: true });
        for r in results(&file).iter().filter(|r| r["type"] == "labels") {
            let v = &r["value"];
            let at = js_slice(e.doc.text(), v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
            prop_assert_eq!(at.as_str(), v["text"].as_str().unwrap(), "UTF-16 offsets hold the region's text");
        }
        let back = read_str(&file);
        prop_assert_eq!(back.docs.len(), 1);
        let doc = &back.docs[0];
        prop_assert_eq!(&doc.text, e.doc.text());
        prop_assert_eq!(&doc.name, "doc", "named after data.source");
        prop_assert_eq!(given(doc, Status::Accepted), spans_of(&e.annotations, Status::Accepted));
        prop_assert!(given(doc, Status::Rejected).is_empty());
        let rejected = spans_of(&e.annotations, Status::Rejected).len();
        prop_assert_eq!(report.left_out(LeftOut::Format(super::REJECTED)), rejected);
        let claims: Vec<_> = doc.claims.iter().map(|c| (c.content.clone(), c.cue.clone(), c.claimant.clone())).collect();
        prop_assert_eq!(claims, claims_of(&e.annotations));
        prop_assert_eq!(doc.claims[0].checkworthy, Some(0.5), "the score in the claim region's note");
        prop_assert_eq!(doc.claims[0].checkworthy_by_hand, Some(false), "the analyst's word after it");
        prop_assert_eq!((report.spans, report.claims), (spans_of(&e.annotations, Status::Accepted).len(), 1));
        prop_assert!(back.not_held.is_empty(), "{:?}", back.not_held);
        // Pending suggestions: out as predictions, back as pending suggestions with their scores.
        let pending = spans_of(&e.annotations, Status::Pending);
        prop_assert_eq!(given(doc, Status::Pending), pending.clone());
        prop_assert_eq!(report.left_out(LeftOut::Pending), 0, "written, not left out: {:?}", report);
        prop_assert_eq!(report.changed.get(super::WRITTEN_AS_PREDICTIONS).copied().unwrap_or(0), pending.len());
        let (_, ann) = super::super::annotate(doc.clone(), None);
        prop_assert_eq!(scored(&ann), scored(&e.annotations));
    }

    #[test]
    fn garbled_files_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), cut in 0usize..2000, junk in "\\PC{0,8}") {
        let _ = read(&String::from_utf8_lossy(&bytes), "x", Path::new("x.json"));
        // A real export, cut anywhere, with anything put in at the cut.
        let e = claim_document();
        let (file, _) = exported(&[e], Selection::default());
        let cut = (0..=cut.min(file.len())).rev().find(|&i| file.is_char_boundary(i)).unwrap_or(0);
        let _ = read(&format!("{}{junk}{}", &file[..cut], &file[cut..]), "x", Path::new("x.json"));
        let _ = read(&file[..cut], "x", Path::new("x.json"));
        // Numbers where they should not be.
        let odd = file.replace("\"start\": ", &format!("\"start\": {}", bytes.len() % 7)).replace("\"end\": ", "\"end\": -");
        let _ = read(&odd, "x", Path::new("x.json"));
    }
}

/// The entry with every other rejected span made a pending suggestion of `ner/LABEL`, scores 0.1, 0.2, ….
fn with_pending(mut e: Entry) -> Entry {
    let rejected: Vec<Span> = e.annotations.spans().iter().filter(|s| s.status == Status::Rejected).cloned().collect();
    for (k, mut s) in rejected.into_iter().enumerate().filter(|(k, _)| k % 2 == 0) {
        s.status = Status::Pending;
        s.origin =
            Origin::Engine { engine: format!("ner/{}", s.label), score: 0.1 * (k + 1) as f32, label: s.label.clone() };
        e.annotations.put(s);
    }
    e
}

/// The pending suggestions of `a`: range, label and score.
fn scored(a: &Annotations) -> Vec<(std::ops::Range<usize>, String, Option<f32>)> {
    let mut v: Vec<_> =
        a.spans().iter().filter(|s| s.is_pending()).map(|s| (s.range.clone(), s.label.clone(), s.score())).collect();
    v.sort_by_key(|(r, _, _)| (r.start, r.end));
    v
}

#[test]
fn pending_suggestions_go_out_as_one_prediction_and_come_back_pending_from_its_model() {
    let mut e = claim_document();
    let text = e.doc.text().to_string();
    let at = |w: &str| text.find(w).map(|s| s..s + w.len()).unwrap();
    for (w, label, engine, score) in [("prices", "MISC", "ner/MISC", 0.5), ("Syria", "GPE", "rules/gazetteer", 0.75)] {
        let id = e.annotations.next_id();
        let origin = Origin::Engine { engine: engine.into(), score, label: label.into() };
        let span = Span {
            id,
            range: at(w),
            label: label.into(),
            status: Status::Pending,
            origin,
            created: now(),
            reviewed: None,
        };
        e.annotations.put(span);
    }
    let (file, report) = exported(&[e], Selection::default());
    let tasks: Value = serde_json::from_str(&file).unwrap();
    let prediction = &tasks[0]["predictions"][0];
    assert_eq!(prediction["model_version"], "marginalia ner/MISC, rules/gazetteer");
    assert_eq!(prediction["score"], 0.625);
    let region = &prediction["result"][1];
    assert_eq!(
        (&region["type"], &region["from_name"], &region["to_name"]),
        (&"labels".into(), &"label".into(), &"text".into())
    );
    assert_eq!((&region["score"], &region["origin"]), (&0.75.into(), &"prediction".into()));
    // "Syria" after two emoji: UTF-16 35..40.
    assert_eq!((region["value"]["start"].as_u64(), region["value"]["end"].as_u64()), (Some(35), Some(40)));
    assert_eq!(report.spans, 2, "accepted work only");
    assert_eq!(report.left_out(LeftOut::Pending), 0, "{report:?}");
    assert!(report.describe(|_| None).contains("2 pending suggestions written as predictions"));

    let back = read_str(&file);
    let (_, ann) = super::super::annotate(back.docs[0].clone(), None);
    let pending: Vec<(&str, &str, &Origin)> = ann
        .spans()
        .iter()
        .filter(|s| s.is_pending())
        .map(|s| (&text[s.range.clone()], s.label.as_str(), &s.origin))
        .collect();
    let from = |label: &str, score| Origin::Engine {
        engine: "label-studio/marginalia ner/MISC, rules/gazetteer".into(),
        score,
        label: label.into(),
    };
    assert_eq!(pending, [("prices", "MISC", &from("MISC", 0.5)), ("Syria", "GPE", &from("GPE", 0.75))]);
    assert_eq!(ann.counts().accepted, 2, "the analyst's PERSON and LOC stay accepted");
}

#[test]
fn a_prediction_the_annotation_already_holds_is_not_added_twice_and_claim_parts_are_counted() {
    let file = r#"[{"data": {"text": "Ana met Bo."}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ana", "labels": ["PER"]}}]}],
      "predictions": [{"model_version": "m1", "score": 0.4, "result": [
        {"id": "p1", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ana", "labels": ["PER"]}},
        {"id": "p2", "type": "labels", "value": {"start": 8, "end": 10, "text": "Bo", "labels": ["PER"]}},
        {"id": "p3", "type": "labels", "value": {"start": 4, "end": 7, "text": "met", "labels": ["CUE"]}},
        {"type": "relation", "from_id": "p3", "to_id": "p2", "labels": []},
        {"id": "p4", "type": "labels", "value": {"start": 8, "end": 99, "labels": ["PER"]}}]}]}]"#;
    let back = read_str(file);
    let doc = &back.docs[0];
    let spans: Vec<_> = doc.spans.iter().map(|s| (&doc.text[s.range.clone()], s.status, s.suggested.clone())).collect();
    assert_eq!(
        spans,
        [("Ana", Status::Accepted, None), ("Bo", Status::Pending, Some(("label-studio/m1".into(), 0.4)))]
    );
    let counts = &back.not_held.counts;
    assert_eq!(
        counts.get("claim parts (CLAIM, CUE, SOURCE) in predictions: suggested claims are not imported"),
        Some(&1)
    );
    assert_eq!(counts.get("results of predictions other than labelled regions (relations, choices, …)"), Some(&1));
    assert!(
        back.not_held.unreadable[0].contains("task 1, prediction 1, region \"p4\": its offsets 8..99"),
        "{:?}",
        back.not_held
    );
}

#[test]
fn claims_are_rebuilt_from_many_relations_each_with_its_claimant() {
    let words = "Ana said it. ".repeat(20_000);
    let mut result = Vec::new();
    for n in 0..20_000 {
        let at = n * 13;
        let region = |id: String, s: usize, e: usize, label: &str| serde_json::json!({"id": id, "type": "labels", "value": {"start": s, "end": e, "labels": [label]}});
        result.push(region(format!("c{n}"), at + 9, at + 11, "CLAIM"));
        result.push(region(format!("s{n}"), at, at + 3, "SOURCE"));
        result.push(serde_json::json!({"type": "relation", "from_id": format!("s{n}"), "to_id": format!("c{n}")}));
    }
    let file = serde_json::json!([{"data": {"text": words}, "annotations": [{"result": result}]}]).to_string();
    let back = read_str(&file);
    assert_eq!(back.docs[0].claims.len(), 20_000);
    assert_eq!(back.docs[0].claims[19_999].claimant, Some(19_999 * 13..19_999 * 13 + 3));
}

/// An analyst's work on a text with emoji before its words: a person, a place, and a claim with its
/// cue and claimant (the person), check-worthiness 0.73.
fn claim_document() -> Entry {
    let text = "👍 Ana Lima said 😀 prices fell in Syria.";
    let at = |w: &str| text.find(w).map(|s| s..s + w.len()).unwrap();
    let mut ann = Annotations::new(LabelSet::default(), Vec::new());
    let put = |w: &str, label: &str, ann: &mut Annotations| {
        let id = ann.next_id();
        let origin = Origin::Human { by: "ana".into() };
        ann.put(Span {
            id,
            range: at(w),
            label: label.into(),
            status: Status::Accepted,
            origin,
            created: now(),
            reviewed: None,
        });
        id
    };
    let person = put("Ana Lima", "PERSON", &mut ann);
    put("Syria", "LOC", &mut ann);
    let claim = Claim {
        id: ClaimId(ann.next_id().0),
        content: at("prices fell in Syria"),
        pieces: Vec::new(),
        cue: Some(at("said")),
        claimant: Some(Claimant { range: at("Ana Lima"), entity: Some(person) }),
        checkworthy: Some(0.73),
        checkworthy_by_hand: None,
        status: Status::Accepted,
        origin: Origin::Human { by: "ana".into() },
        created: now(),
        reviewed: None,
    };
    let mut annotations = ann.with_claims(vec![claim]);
    annotations.meta.title = Some("Prices".into());
    Entry { name: "report.txt".into(), doc: Document::new(text.into()), annotations, version_copy: false }
}

#[test]
fn offsets_are_utf16_units_an_emoji_counting_two() {
    let (file, report) = exported(&[claim_document()], Selection::default());
    let result = results(&file);
    let region = |label: &str| result.iter().find(|r| r["value"]["labels"][0] == label).unwrap();
    // "👍 Ana Lima": code points 2..10, but 👍 is two UTF-16 units: 3..11.
    let person = &region("PERSON")["value"];
    assert_eq!(
        (person["start"].as_u64(), person["end"].as_u64(), person["text"].as_str()),
        (Some(3), Some(11), Some("Ana Lima"))
    );
    // "Syria" after two emoji: code points 33..38, UTF-16 35..40.
    let place = &region("LOC")["value"];
    assert_eq!((place["start"].as_u64(), place["end"].as_u64()), (Some(35), Some(40)));
    assert_eq!(region("PERSON")["from_name"], "label");
    assert_eq!(region("PERSON")["to_name"], "text");
    assert_eq!(region("PERSON")["origin"], "manual");
    let tasks: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(tasks[0]["data"]["source"], "report.txt");
    assert_eq!(tasks[0]["data"]["title"], "Prices");
    assert_eq!(tasks[0]["predictions"], serde_json::json!([]));
    assert_eq!((report.documents, report.spans, report.claims), (1, 2, 1));
}

#[test]
fn a_claim_goes_out_as_regions_and_relations_and_comes_back_with_its_cue_claimant_and_score() {
    let e = claim_document();
    let (file, _) = exported(std::slice::from_ref(&e), Selection::default());
    let result = results(&file);
    let id_of = |label: &str| result.iter().find(|r| r["value"]["labels"][0] == label).unwrap()["id"].clone();
    let relations: Vec<(Value, Value, Value)> = result
        .iter()
        .filter(|r| r["type"] == "relation")
        .map(|r| (r["from_id"].clone(), r["to_id"].clone(), r["labels"][0].clone()))
        .collect();
    assert_eq!(
        relations,
        [(id_of("CUE"), id_of("CLAIM"), "CUE".into()), (id_of("SOURCE"), id_of("CLAIM"), "SAYS".into())]
    );
    let choice = result.iter().find(|r| r["type"] == "choices").unwrap();
    assert_eq!((&choice["id"], &choice["value"]["choices"][0]), (&id_of("CLAIM"), &"Checkworthy".into()));

    let back = read_str(&file);
    let doc = &back.docs[0];
    assert_eq!(doc.name, "report.txt");
    assert_eq!(doc.meta.title.as_deref(), Some("Prices"));
    let c = &doc.claims[0];
    let words = |r: &std::ops::Range<usize>| &doc.text[r.clone()];
    assert_eq!(words(&c.content), "prices fell in Syria");
    assert_eq!(c.cue.as_ref().map(words), Some("said"));
    assert_eq!(c.claimant.as_ref().map(words), Some("Ana Lima"));
    assert_eq!(c.checkworthy, Some(0.73));
    // The claimant is the PERSON span again once annotated, as the analyst tied it.
    let (_, ann) = super::super::annotate(back.docs[0].clone(), None);
    let claimant = ann.claims.all()[0].claimant.clone().unwrap();
    assert_eq!(ann.get(claimant.entity.unwrap()).map(|s| s.label.as_str()), Some("PERSON"));
}

#[test]
fn a_hand_made_label_studio_claim_with_only_a_choice_and_relations_either_way() {
    let file = r#"[{"data": {"text": "Ana said it rained."}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 9, "end": 18, "text": "it rained", "labels": ["CLAIM"]}},
        {"id": "b", "type": "labels", "value": {"start": 4, "end": 8, "text": "said", "labels": ["CUE"]}},
        {"id": "c", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ana", "labels": ["SOURCE"]}},
        {"type": "relation", "from_id": "a", "to_id": "b", "direction": "bi", "labels": []},
        {"type": "relation", "from_id": "c", "to_id": "a", "direction": "right", "labels": ["says"]},
        {"id": "a", "type": "choices", "from_name": "checkworthy", "value": {"start": 9, "end": 18, "choices": ["Not checkworthy"]}}
    ]}]}]"#;
    let back = read_str(file);
    let c = &back.docs[0].claims[0];
    assert_eq!(
        (c.content.clone(), c.cue.clone(), c.claimant.clone(), c.checkworthy),
        (9..18, Some(4..8), Some(0..3), None),
        "an annotator's choice is no estimate"
    );
    assert_eq!(c.checkworthy_by_hand, Some(false), "it is the annotator's word");
    assert!(back.docs[0].spans.is_empty(), "claim parts are not entities");
    assert!(back.not_held.is_empty(), "{:?}", back.not_held);
}

#[test]
fn rejected_work_is_counted_as_left_out_even_when_asked_for() {
    let e = entry("Bali said Syria was calm.".into(), &[(0, 0, 0), (2, 0, 2)]).unwrap();
    let (file, report) = exported(&[e], Selection { only_done: false, include_rejected: true });
    assert_eq!(report.left_out(LeftOut::Format(super::REJECTED)), 1, "{report:?}");
    assert!(!file.contains("\"text\": \"Syria\""), "the rejected span is no label to learn from:\n{file}");
    assert_eq!(report.left_out(LeftOut::Format(super::GAPS)), 1, "the claim's content is interrupted");
}

#[test]
fn offsets_a_tool_counted_in_code_points_are_corrected_and_wrong_ones_reported() {
    // "😀 Ana" — Ana is at code points 2..5 and UTF-16 units 3..6.
    let file = r#"[
      {"id": 7, "data": {"text": "😀 Ana met Bo."}, "annotations": [{"result": [
        {"id": "cp", "type": "labels", "value": {"start": 2, "end": 5, "text": "Ana", "labels": ["PER"]}},
        {"id": "js", "type": "labels", "value": {"start": 11, "end": 13, "text": "Bo", "labels": ["PER"]}},
        {"id": "bad", "type": "labels", "value": {"start": 3, "end": 6, "text": "Zed", "labels": ["PER"]}},
        {"id": "half", "type": "labels", "value": {"start": 1, "end": 4, "labels": ["PER"]}},
        {"id": "far", "type": "labels", "value": {"start": 3, "end": 600, "labels": ["PER"]}}
      ]}]}]"#;
    let back = read_str(file);
    let doc = &back.docs[0];
    let words: Vec<&str> = doc.spans.iter().map(|s| &doc.text[s.range.clone()]).collect();
    assert_eq!(words, ["Ana", "Bo"]);
    assert_eq!(back.not_held.counts.get("regions whose offsets count code points, not UTF-16 (corrected)"), Some(&1));
    let unreadable = back.not_held.unreadable.join("\n");
    assert!(
        unreadable
            .contains("tasks.json, task 1 (id 7), region \"bad\": its offsets 3..6 hold \"Ana\", not its text \"Zed\""),
        "{unreadable}"
    );
    assert!(unreadable.contains("region \"half\": its offsets 1..4 fall inside a character"), "{unreadable}");
    assert!(
        unreadable.contains("region \"far\": its offsets 3..600 are past the end of the text (14 UTF-16 units)"),
        "{unreadable}"
    );
}

#[test]
fn label_studio_s_json_min_export_imports_with_its_exact_spans() {
    // Written by label-studio-sdk's converter (JSON_MIN) from the editor's named-entity example.
    let back = read_str(&fixture("named_entity-json-min.json"));
    assert_eq!(back.docs.len(), 1);
    let doc = &back.docs[0];
    assert_eq!(doc.name, "tasks-1");
    let spans: Vec<(&str, &str)> = doc.spans.iter().map(|s| (&doc.text[s.range.clone()], s.label.as_str())).collect();
    assert_eq!(spans, [("February 22", "Date")]);
    assert_eq!(doc.spans[0].range, 343..354);
    assert!(back.not_held.is_empty(), "the bookkeeping fields are Label Studio's, nothing lost: {:?}", back.not_held);
    // A second annotator's record of the same task.
    let twice = format!(
        "[{0},{0}]",
        fixture("named_entity-json-min.json").trim().trim_start_matches('[').trim_end_matches(']')
    );
    let back = read_str(&twice);
    assert_eq!(back.docs.len(), 1);
    assert_eq!(back.not_held.counts.get(super::OTHERS), Some(&1));
}

#[test]
fn label_studio_s_own_tasks_import_with_exact_spans_and_count_what_they_hold_besides() {
    // The editor's named-entity example: one task as Label Studio stores it, in an export's array.
    let task = fixture("named_entity-annotation-1.json");
    let back = read_str(&format!("[{task}]"));
    let doc = &back.docs[0];
    assert_eq!(doc.spans.len(), 1);
    assert_eq!((&doc.text[doc.spans[0].range.clone()], doc.spans[0].label.as_str()), ("February 22", "Date"));
    assert_eq!(
        back.not_held.counts.get("task data fields other than the text, its source, title, URL, date and author"),
        None
    );

    // The same text with the region as a model's prediction: a pending suggestion, not a decision.
    let back = read_str(&fixture("named_entity-tasks.json"));
    let doc = &back.docs[0];
    assert_eq!((back.docs.len(), doc.spans.len()), (1, 1));
    let span = &doc.spans[0];
    assert_eq!(
        (&doc.text[span.range.clone()], span.label.as_str(), span.status),
        ("February 22", "Date", Status::Pending)
    );
    assert_eq!(span.suggested, Some(("label-studio/model 1".into(), 0.0)), "no score in the file");
    let predictions = "results of predictions other than labelled regions (relations, choices, …)";

    // A full export of a project labelling images beside texts (label-studio-sdk's test data).
    let back = read_str(&fixture("sdk-csv_test.json"));
    assert_eq!(back.docs.len(), 2);
    assert!(back.docs[1].text.starts_with("The Supreme Court won’t hear"));
    assert!(back.docs.iter().all(|d| d.spans.is_empty()));
    let counts = &back.not_held.counts;
    assert_eq!(counts.get("rectanglelabels results"), Some(&3), "{counts:?}");
    assert_eq!(counts.get(predictions), Some(&2), "the predicted rectangles: {counts:?}");
    assert_eq!(
        counts.get("task data fields other than the text, its source, title, URL, date and author"),
        Some(&4),
        "audio and image"
    );
}

#[test]
fn one_version_per_document_cancelled_work_and_tasks_without_text_are_counted() {
    let region = |label: &str| {
        format!(
            r#"{{"id": "x", "type": "labels", "value": {{"start": 0, "end": 3, "text": "Ana", "labels": ["{label}"]}}}}"#
        )
    };
    let file = format!(
        r#"[{{"data": {{"text": "Ana left."}}, "annotations": [
            {{"was_cancelled": true, "result": [{a}]}},
            {{"result": [{b}]}},
            {{"ground_truth": true, "result": [{c}, {{"type": "textarea", "value": {{"text": ["ok"]}}}}]}}],
          "drafts": [{{"result": []}}]}},
          {{"data": {{"image": "a.jpg"}}, "annotations": []}},
          5]"#,
        a = region("A"),
        b = region("B"),
        c = region("C"),
    );
    let back = read_str(&file);
    assert_eq!(back.docs.len(), 1);
    assert_eq!(back.docs[0].spans.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["C"], "the ground truth");
    let counts = &back.not_held.counts;
    assert_eq!(counts.get("cancelled (skipped) annotations"), Some(&1));
    assert_eq!(counts.get(super::OTHERS), Some(&1));
    assert_eq!(counts.get("drafts (work not submitted)"), Some(&1));
    assert_eq!(counts.get("textarea results"), Some(&1));
    assert_eq!(counts.get("tasks without a text (images, audio, or an empty text)"), Some(&1));
    assert_eq!(back.not_held.unreadable, ["tasks.json, task 3: not a task (a JSON object)"]);
}

#[test]
fn a_file_broken_mid_array_keeps_the_tasks_before_the_break() {
    let (file, _) = exported(&[claim_document(), claim_document()], Selection::default());
    let second = file.rfind("\"data\"").unwrap();
    let back = read_str(&file[..second + 20]);
    assert_eq!(back.docs.len(), 1);
    let why = &back.not_held.unreadable[0];
    assert!(
        why.starts_with("tasks.json: not JSON (") && why.ends_with("the tasks from there on were not read"),
        "{why}"
    );
    let err = read("42", "x", Path::new("x.json")).unwrap_err().to_string();
    assert!(
        err.starts_with("x.json: not a Label Studio JSON export, an array of tasks (invalid type: integer"),
        "{err}"
    );
    // One task saved on its own is an export of one.
    let task = serde_json::from_str::<serde_json::Value>(&file).unwrap()[0].to_string();
    let one = read(&format!("  {task}"), "x", Path::new("x.json")).unwrap();
    assert_eq!(one.docs.len(), 1, "{:?}", one.not_held);
}

#[test]
fn import_detects_a_label_studio_export_by_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project-1-at-2026.json");
    std::fs::write(&path, exported(&[claim_document()], Selection::default()).0).unwrap();
    let back = documents(&path);
    assert_eq!((back.docs.len(), back.docs[0].spans.len(), back.docs[0].claims.len()), (1, 2, 1));
}

#[test]
fn a_choice_changed_in_label_studio_is_the_annotator_s_word_and_the_estimate_stays() {
    let file = r#"[{"data": {"text": "Ana said it rained."}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 9, "end": 18, "text": "it rained", "labels": ["CLAIM"]}, "meta": {"text": ["checkworthy 0.73"]}},
        {"id": "a", "type": "choices", "from_name": "checkworthy", "value": {"start": 9, "end": 18, "choices": ["Not checkworthy"]}}
    ]}]}]"#;
    let c = &read_str(file).docs[0].claims[0];
    assert_eq!((c.checkworthy, c.checkworthy_by_hand), (Some(0.73), Some(false)));
    // As written (0.73 is worth checking), the choice only mirrors the estimate.
    let c = &read_str(&file.replace("Not checkworthy", "Checkworthy")).docs[0].claims[0];
    assert_eq!((c.checkworthy, c.checkworthy_by_hand), (Some(0.73), None));
}
