//! Round trips: export → import gives back the same text and annotations for every format that can
//! hold them, whatever the text (emoji, combining marks, Arabic, CJK, line breaks), and the readers
//! never panic on malformed input.

use super::export::{Format, LeftOut, export};
use super::import::{Batch, Contents, InputFormat, import};
use super::{Entry, Selection};
use crate::annotation::{Annotations, Claim, ClaimId, Claimant, LabelSet, Origin, Span, Status, now};
use crate::doc::Document;
use proptest::prelude::*;
use std::ops::Range;

/// The documents of the file at `path`, which holds documents to annotate (not Marginalia's own).
pub(super) fn documents(path: &std::path::Path) -> Batch {
    match import(path, None).unwrap() {
        Contents::Documents(batch) => batch,
        Contents::Annotated(_) => panic!("{} holds Marginalia's own annotations", path.display()),
    }
}

/// The documents of an export, read back by their format's reader: the file, or each file of the
/// folder that is not plain text (brat's `.txt` files come with their `.ann`).
fn read_back(out: &std::path::Path) -> Vec<super::import::Imported> {
    let files: Vec<std::path::PathBuf> = if out.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(out).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        files
    } else {
        vec![out.to_path_buf()]
    };
    let format = |f: &std::path::Path| super::detect::detect(f, &std::fs::read(f).unwrap()).unwrap();
    let files = files.into_iter().filter(|f| format(f) != InputFormat::Text);
    files.flat_map(|f| documents(&f).docs).collect()
}

/// A document with accepted spans on token boundaries (no two overlapping), one rejected span, and a claim.
pub(super) fn entry(text: String, picks: &[(usize, usize, usize)]) -> Option<Entry> {
    let doc = Document::new(text);
    let n = doc.tokens().len();
    if n == 0 || doc.text().trim().is_empty() {
        return None;
    }
    let labels = LabelSet::default();
    let names: Vec<String> = labels.iter().map(|l| l.name.clone()).collect();
    let mut ann = Annotations::new(labels, Vec::new());
    let mut used = vec![false; n];
    let tok = |a: usize, b: usize| doc.tokens()[a].range.start..doc.tokens()[b - 1].range.end;
    let mut status = Status::Accepted;
    for &(start, len, label) in picks {
        let a = start % n;
        let b = (a + 1 + len % 3).min(n);
        // Spans stay within a line, as the app's do.
        if used[a..b].iter().any(|&u| u) || doc.text()[tok(a, b)].contains('\n') {
            continue;
        }
        used[a..b].iter_mut().for_each(|u| *u = true);
        let id = ann.next_id();
        let label = names[label % names.len()].clone();
        ann.put(Span {
            id,
            range: tok(a, b),
            label,
            status,
            origin: Origin::Human { by: "t".into() },
            created: now(),
            reviewed: None,
        });
        status = Status::Rejected;
    }
    let claim = Claim {
        id: ClaimId(ann.next_id().0),
        content: tok(0, n),
        // Interrupted after its first word when it has three or more (as “A,” he said, “B.” is).
        pieces: if n >= 3 { vec![tok(0, 1), tok(2, n)] } else { Vec::new() },
        cue: Some(tok(0, 1)),
        claimant: Some(Claimant { range: tok(n - 1, n), entity: None }),
        checkworthy: Some(0.5),
        // The analyst disagrees with the estimate: both go out, apart.
        checkworthy_by_hand: Some(false),
        status: Status::Accepted,
        origin: Origin::Human { by: "t".into() },
        created: now(),
        reviewed: None,
    };
    Some(Entry { name: "doc".into(), doc, annotations: ann.with_claims(vec![claim]), version_copy: false })
}

pub(super) fn spans_of(a: &Annotations, status: Status) -> Vec<(Range<usize>, String)> {
    let mut v: Vec<_> =
        a.spans().iter().filter(|s| s.status == status).map(|s| (s.range.clone(), s.label.clone())).collect();
    v.sort_by_key(|(r, _)| (r.start, r.end));
    v
}

pub(super) fn given(i: &super::import::Imported, status: Status) -> Vec<(Range<usize>, String)> {
    let mut v: Vec<_> =
        i.spans.iter().filter(|s| s.status == status).map(|s| (s.range.clone(), s.label.clone())).collect();
    v.sort_by_key(|(r, _)| (r.start, r.end));
    v
}

/// A claim as (content, cue, claimant words).
pub(super) type ClaimParts = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);

pub(super) fn claims_of(a: &Annotations) -> Vec<ClaimParts> {
    a.claims
        .all()
        .iter()
        .map(|c| (c.content.clone(), c.cue.clone(), c.claimant.as_ref().map(|w| w.range.clone())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_format_round_trips(text in crate::test_support::unicode_text(), picks in prop::collection::vec((0usize..100, 0usize..5, 0usize..6), 1..8)) {
        let Some(e) = entry(text, &picks) else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let all = Selection { only_done: false, include_rejected: true };
        let entries = [e];
        let e = &entries[0];

        for (format, file) in [(Format::Spacy, "d.jsonl"), (Format::Doccano, "d2.jsonl")] {
            let out = dir.path().join(file);
            export(&entries, format, all, &out).unwrap();
            let back = documents(&out).docs;
            prop_assert_eq!(back.len(), 1);
            prop_assert_eq!(&back[0].text, e.doc.text());
            prop_assert_eq!(given(&back[0], Status::Accepted), spans_of(&e.annotations, Status::Accepted));
            if format == Format::Spacy {
                prop_assert_eq!(given(&back[0], Status::Rejected), spans_of(&e.annotations, Status::Rejected));
                // spaCy builds `Doc(words, spaces)` from the tokens: they must give back the text.
                let line: serde_json::Value = serde_json::from_str(std::fs::read_to_string(&out).unwrap().lines().next().unwrap()).unwrap();
                let tokens = line["tokens"].as_array().unwrap();
                let rebuilt: String = tokens.iter().map(|t| format!("{}{}", t["text"].as_str().unwrap(), if t["ws"] == true { " " } else { "" })).collect();
                prop_assert_eq!(&rebuilt, e.doc.text());
                for span in line["spans"].as_array().unwrap() {
                    let (first, last) = (span["token_start"].as_u64().unwrap() as usize, span["token_end"].as_u64().unwrap() as usize);
                    prop_assert_eq!(&tokens[first]["start"], &span["start"]);
                    prop_assert_eq!(&tokens[last]["end"], &span["end"]);
                }
            } else {
                let claims: Vec<_> = back[0].claims.iter().map(|c| (c.content.clone(), c.cue.clone(), c.claimant.clone())).collect();
                prop_assert_eq!(claims, claims_of(&e.annotations));
            }
        }

        let folder = dir.path().join("brat");
        export(&entries, Format::Brat, all, &folder).unwrap();
        let back = documents(&folder.join("doc.ann")).docs;
        prop_assert_eq!(&back[0].text, e.doc.text());
        prop_assert_eq!(given(&back[0], Status::Accepted), spans_of(&e.annotations, Status::Accepted));
        prop_assert_eq!(given(&back[0], Status::Rejected), spans_of(&e.annotations, Status::Rejected), "the Rejected attribute");
        let claims: Vec<_> = back[0].claims.iter().map(|c| (c.content.clone(), c.cue.clone(), c.claimant.clone())).collect();
        prop_assert_eq!(claims, claims_of(&e.annotations));
        let kept: Vec<_> = back[0].claims.iter().map(|c| (c.status, c.checkworthy, c.checkworthy_by_hand)).collect();
        prop_assert_eq!(kept, vec![(Status::Accepted, Some(0.5), Some(false))], "status, check-worthiness note and the analyst's word");
        let pieces: Vec<_> = back[0].claims.iter().map(|c| c.pieces.clone()).collect();
        prop_assert_eq!(pieces, vec![e.annotations.claims.all()[0].pieces.clone()], "an interrupted content's pieces");

        let sequence = dir.path().join("d3.jsonl");
        export(&entries, Format::DoccanoSequence, all, &sequence).unwrap();
        let back = documents(&sequence).docs;
        prop_assert_eq!(&back[0].text, e.doc.text());
        prop_assert_eq!(given(&back[0], Status::Accepted), spans_of(&e.annotations, Status::Accepted));

        let conll = dir.path().join("d.conll");
        export(&entries, Format::Conll, Selection::default(), &conll).unwrap();
        let back = documents(&conll).docs;
        // CoNLL keeps tokens and labels, not the spacing: the same labelled words come back.
        let words = |text: &str, spans: Vec<(Range<usize>, String)>| {
            spans.into_iter().map(|(r, l)| (text[r].split_whitespace().collect::<Vec<_>>().concat(), l)).collect::<Vec<_>>()
        };
        let within: Vec<_> = spans_of(&e.annotations, Status::Accepted)
            .into_iter()
            .filter(|(r, _)| e.doc.sentences().iter().any(|s| s.start <= r.start && r.end <= s.end))
            .collect();
        prop_assert_eq!(words(&back[0].text, given(&back[0], Status::Accepted)), words(e.doc.text(), within));

        let ron = dir.path().join("d.ron");
        export(&entries, Format::Ron, all, &ron).unwrap();
        let back = super::bundle::read(&ron).unwrap();
        prop_assert_eq!(back[0].loaded.doc.text(), e.doc.text());
        prop_assert_eq!(&back[0].loaded.annotations, &e.annotations);
    }

    #[test]
    fn importers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), ext in prop::sample::select(vec!["jsonl", "conll", "html", "pdf", "ann", "txt", "md"])) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("x.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        std::fs::write(dir.path().join("x.txt"), "Some text here.").unwrap();
        let _ = import(&path, None);
        let line = format!("{{\"text\": \"abc\", \"spans\": [{{\"start\": {}, \"end\": 2, \"label\": \"X\"}}]}}", bytes.len());
        std::fs::write(&path, line).unwrap();
        let _ = import(&path, None);
    }
}

#[test]
fn brat_s_text_field_of_a_content_across_a_paragraph_is_its_pieces_joined_by_single_spaces() {
    let text = "“We will act.\n\nWe will not wait,” she said.\n";
    let doc = Document::new(text.to_string());
    let content = 3..text.find(',').unwrap();
    let mut ann = Annotations::new(LabelSet::default(), Vec::new());
    let claim = Claim {
        id: ClaimId(1),
        content,
        pieces: Vec::new(),
        cue: Some(text.find("said").unwrap()..text.find("said").unwrap() + 4),
        claimant: None,
        checkworthy: None,
        checkworthy_by_hand: None,
        status: Status::Accepted,
        origin: Origin::Human { by: "t".into() },
        created: now(),
        reviewed: None,
    };
    ann = ann.with_claims(vec![claim]);
    let dir = tempfile::tempdir().unwrap();
    let e = Entry { name: "d".into(), doc, annotations: ann, version_copy: false };
    export(&[e], Format::Brat, Selection::default(), dir.path()).unwrap();
    let ann = std::fs::read_to_string(dir.path().join("d.ann")).unwrap();
    assert!(ann.contains("\tContent 1 13;15 31\tWe will act. We will not wait\n"), "{ann}");
}

#[test]
fn an_entity_labelled_as_a_claim_s_part_is_told_in_the_report() {
    let mut e = entry("Ed Davey said so.".into(), &[(0, 1, 0)]).unwrap();
    let mut ann = Annotations::new(LabelSet::default(), Vec::new());
    suggested(&mut ann, 0..2, "SOURCE", Status::Accepted);
    e.annotations = ann;
    let dir = tempfile::tempdir().unwrap();
    let report = export(&[e], Format::LabelStudio, Selection::default(), &dir.path().join("d.json")).unwrap();
    assert!(
        report.describe(|_| None).contains("1 entities labelled \"SOURCE\", which Label Studio files use"),
        "{report:?}"
    );
}

#[test]
fn conll_documents_start_with_the_line_spacy_s_converter_splits_at() {
    let e = entry("Ed Davey said so.\nBali agreed.".into(), &[(0, 1, 0)]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.conll");
    export(&[e], Format::Conll, Selection::default(), &out).unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("-DOCSTART- -X- O O\n\n"), "{written}");
}

#[test]
fn json_lines_keep_what_is_known_of_the_source() {
    let mut e = entry("Ed Davey said so.".into(), &[(0, 1, 0)]).unwrap();
    e.annotations.meta = crate::annotation::Meta {
        title: Some("Bills".into()),
        url: Some("https://example.org/a".into()),
        date: Some("2026-11-30".into()),
        author: Some("Ann Smith".into()),
    };
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Spacy, Format::Doccano, Format::DoccanoSequence] {
        let out = dir.path().join("d.jsonl");
        export(std::slice::from_ref(&e), format, Selection::default(), &out).unwrap();
        let back = documents(&out).docs;
        assert_eq!(back[0].meta, e.annotations.meta, "{format:?}");
        assert_eq!(back[0].name, "doc", "{format:?}");
    }
}

#[test]
fn a_report_counts_what_a_format_cannot_hold() {
    let e = entry("Bali said Syria was calm.".into(), &[(0, 0, 0), (2, 0, 2)]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = export(&[e], Format::Conll, Selection::default(), &dir.path().join("x.conll")).unwrap();
    assert_eq!(report.documents, 1);
    assert_eq!(report.left_out(LeftOut::Format("claims (CoNLL holds entity tags only)")), 1);
    assert!(report.describe(|_| None).contains("left out"), "{report:?}");
}

#[test]
fn a_brat_export_is_a_collection_brat_can_open() {
    let mut e = entry("Bali said Syria was calm.".into(), &[(0, 0, 0), (2, 0, 2)]).unwrap();
    let mut labels = e.annotations.labels.clone();
    labels.add("HEAVY WEAPON");
    e.annotations.labels = labels;
    let id = e.annotations.spans()[0].id;
    let mut span = e.annotations.get(id).unwrap().clone();
    span.label = "HEAVY WEAPON".into();
    e.annotations.put(span);
    let dir = tempfile::tempdir().unwrap();
    export(&[e], Format::Brat, Selection::default(), dir.path()).unwrap();
    let conf = std::fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
    for line in
        ["HEAVY_WEAPON", "Attribution\tContent:Content, Cue?:Cue, Source?:Source", "Checkworthy\tArg:Attribution"]
    {
        assert!(conf.contains(line), "{line:?} in\n{conf}");
    }
    let ann = std::fs::read_to_string(dir.path().join("doc.ann")).unwrap();
    assert!(ann.contains("\tHEAVY_WEAPON 0 4\t") && ann.contains("\tCheckworthy E1 High\n"), "{ann}");
}

/// A span suggested by an engine (`status` Pending: nobody decided on it yet).
fn suggested(ann: &mut Annotations, range: Range<usize>, label: &str, status: Status) {
    let id = ann.next_id();
    let origin = Origin::Engine { engine: "rules/test".into(), score: 0.9, label: label.into() };
    let reviewed = (status != Status::Pending).then(|| crate::annotation::Review { by: "ana".into(), at: now() });
    ann.put(Span { id, range, label: label.into(), status, origin, created: now(), reviewed });
}

/// Three documents: one nobody looked at (only pending suggestions), one with a decision among
/// pending suggestions and a pending claim, and one marked done with nothing in it.
fn three_documents() -> Vec<Entry> {
    let doc = |name: &str, text: &str, f: &dyn Fn(&mut Annotations)| {
        let mut ann = Annotations::new(LabelSet::default(), Vec::new());
        f(&mut ann);
        Entry { name: name.into(), doc: Document::new(text.into()), annotations: ann, version_copy: false }
    };
    let untouched = doc("untouched", "Untouched Bali spoke in Syria.", &|a| {
        suggested(a, 10..14, "PERSON", Status::Pending);
        suggested(a, 24..29, "LOC", Status::Pending);
    });
    let mut started = doc("started", "Started Ana met Nobody in Paris.", &|a| {
        suggested(a, 8..11, "PERSON", Status::Accepted);
        suggested(a, 16..22, "PERSON", Status::Pending);
        suggested(a, 26..31, "LOC", Status::Rejected);
    });
    let claim = Claim {
        id: ClaimId(started.annotations.next_id().0),
        content: 12..31,
        pieces: Vec::new(),
        cue: Some(8..11),
        claimant: None,
        checkworthy: Some(0.9),
        checkworthy_by_hand: None,
        status: Status::Pending,
        origin: Origin::Engine { engine: "claims/tagger".into(), score: 0.8, label: "CLAIM".into() },
        created: now(),
        reviewed: None,
    };
    let started = Entry { annotations: started.annotations.with_claims(vec![claim]), ..started };
    let mut done = doc("done", "Done: nothing to label here.", &|_| {});
    done.annotations.done = Some(crate::annotation::Review { by: "ana".into(), at: now() });
    vec![untouched, started, done]
}

#[test]
fn documents_nobody_decided_anything_in_are_left_out_and_pending_suggestions_never_go_out() {
    let entries = three_documents();
    let dir = tempfile::tempdir().unwrap();
    let everything = Selection { only_done: false, include_rejected: true };
    for (format, name) in [
        (Format::Spacy, "x.jsonl"),
        (Format::Doccano, "x2.jsonl"),
        (Format::DoccanoSequence, "x3.jsonl"),
        (Format::Conll, "x.conll"),
        (Format::Brat, "brat"),
        (Format::LabelStudio, "x.json"),
        (Format::WebannoTsv, "webanno"),
        (Format::Ron, "x.ron"),
    ] {
        let out = dir.path().join(name);
        let report = export(&entries, format, everything, &out).unwrap();
        assert_eq!(report.documents, 2, "{format:?}: the started and the done one");
        assert_eq!(report.left_out(LeftOut::NoDecision), 1, "{format:?}");
        // Label Studio writes the pending span as a prediction, a suggestion (not a label).
        let pending = if format == Format::LabelStudio { 1 } else { 2 };
        assert_eq!(report.left_out(LeftOut::Pending), pending, "{format:?}: a span and a claim");
        assert!(report.describe(|_| None).contains("1 documents with no decision yet"), "{report:?}");
        let written = if format == Format::Brat {
            ["started.txt", "started.ann", "done.txt", "done.ann"]
                .iter()
                .map(|f| std::fs::read_to_string(out.join(f)).unwrap())
                .collect::<Vec<_>>()
                .join("\n")
        } else if format == Format::WebannoTsv {
            ["started.tsv", "done.tsv"]
                .iter()
                .map(|f| std::fs::read_to_string(out.join(f)).unwrap())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            std::fs::read_to_string(&out).unwrap()
        };
        assert!(!written.contains("Untouched"), "{format:?}: the untouched document went out:\n{written}");
        let done_text = if format == Format::Conll { "\nnothing _ _ O\n" } else { "Done: nothing" };
        assert!(written.contains(done_text), "{format:?}: a document marked done goes out, empty or not");
        // The pending span ("Nobody", 16..22) and the pending claim are in no format: read back by
        // its own reader, no document has them.
        match format {
            Format::Conll => assert!(written.contains("\nNobody _ _ O\n"), "{written}"),
            Format::LabelStudio => {
                let tasks: serde_json::Value = serde_json::from_str(&written).unwrap();
                let annotations = tasks[0]["annotations"].to_string();
                assert!(!annotations.contains("\"Nobody\"") && !written.contains("CLAIM"), "{written}");
                assert_eq!(tasks[0]["predictions"][0]["result"][0]["value"]["text"], "Nobody", "{written}");
            }
            Format::WebannoTsv => {
                assert!(written.contains("\t16-22\tNobody\t_\t_\t\n"), "{written}");
                assert!(!out.join("untouched.tsv").exists());
            }
            Format::Brat => {
                let ann = std::fs::read_to_string(out.join("started.ann")).unwrap();
                assert!(!ann.contains("Nobody") && !ann.contains("Content"), "{ann}");
                assert!(!out.join("untouched.txt").exists());
            }
            _ => {}
        }
        match format {
            Format::Ron => {
                let back = super::bundle::read(&out).unwrap();
                assert!(back.iter().all(|k| k.loaded.annotations.spans().iter().all(|s| s.status != Status::Pending)));
                assert!(back.iter().all(|k| k.loaded.annotations.claims.all().is_empty()), "the pending claim");
                assert!(back.iter().any(|k| k.loaded.annotations.done.is_some()), "the bundle keeps the done mark");
            }
            _ => {
                for doc in read_back(&out) {
                    let nobody = doc.text.find("Nobody");
                    // Label Studio's predictions bring it back as what it was: a pending suggestion.
                    assert!(
                        doc.spans.iter().all(|s| s.status == Status::Pending || Some(s.range.start) != nobody),
                        "{format:?}: the pending span went out as a decision"
                    );
                    assert!(doc.claims.is_empty(), "{format:?}: the pending claim went out");
                }
            }
        }
    }
    let report =
        export(&entries, Format::Spacy, Selection { only_done: true, ..everything }, &dir.path().join("d.jsonl"))
            .unwrap();
    assert_eq!((report.documents, report.left_out(LeftOut::NotDone)), (1, 2), "{report:?}");
}

#[test]
fn the_report_says_what_would_export_what_was_left_out_in_the_words_it_is_given() {
    let entries = three_documents();
    let dir = tempfile::tempdir().unwrap();
    let report = export(&entries, Format::Spacy, Selection::default(), &dir.path().join("x.jsonl")).unwrap();
    let said = report.describe(|why| (why == LeftOut::Rejected).then(|| "tick it".to_string()));
    assert!(said.contains("\n  1 rejected suggestions (tick it)"), "{said}");
    assert!(report.describe(|_| None).contains("\n  1 rejected suggestions"), "no remedy, no parentheses");
}

#[test]
fn brat_file_names_stay_inside_the_export_folder() {
    let mut entries = three_documents();
    entries[1].name = "../escaped".into();
    entries[2].name = "/tmp/also".into();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    export(&entries, Format::Brat, Selection::default(), &out).unwrap();
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["also.ann", "also.txt", "annotation.conf", "escaped.ann", "escaped.txt"]);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written beside the folder");
}

#[test]
fn another_version_kept_after_a_conflict_is_not_exported_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut entries = three_documents();
    let mut copy = three_documents().remove(1);
    copy.name = "started.mine-ana-20261201-130512".into();
    copy.version_copy = true;
    entries.push(copy);
    let report = export(&entries, Format::Spacy, Selection::default(), &dir.path().join("x.jsonl")).unwrap();
    assert_eq!(report.documents, 2, "the started and the done one, once each");
    let said = report.describe(|_| None);
    assert!(said.contains("other versions of a document"), "{said}");
}

/// Spans over parts of tokens and overlapping others: from `cut_start` characters into token `a` to
/// `cut_end` characters before the end of the token `len` after it.
fn add_cut_spans(e: &mut Entry, cuts: &[(usize, usize, usize, usize)]) {
    let doc = &e.doc;
    let n = doc.tokens().len();
    let mut labels = e.annotations.labels.clone();
    labels.add("TSV |_[*]->;\\");
    let names: Vec<String> = labels.iter().map(|l| l.name.clone()).collect();
    e.annotations.labels = labels;
    let inner = |r: &Range<usize>| {
        let mut at: Vec<usize> = doc.text()[r.clone()].char_indices().map(|(i, _)| r.start + i).collect();
        at.push(r.end);
        at
    };
    for (k, &(a, len, cut_start, cut_end)) in cuts.iter().enumerate() {
        let (a, b) = (a % n, (a % n + len).min(n - 1));
        let starts = inner(&doc.tokens()[a].range);
        let ends = inner(&doc.tokens()[b].range);
        let start = starts[cut_start % (starts.len() - 1)];
        let end = ends[ends.len() - 1 - cut_end % (ends.len() - 1)];
        if start >= end {
            continue;
        }
        let id = e.annotations.next_id();
        let label = names[k % names.len()].clone();
        let origin = Origin::Human { by: "t".into() };
        e.annotations.put(Span {
            id,
            range: start..end,
            label,
            status: Status::Accepted,
            origin,
            created: now(),
            reviewed: None,
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn webanno_tsv_round_trips_overlapping_and_sub_token_spans(
        text in crate::test_support::unicode_text(),
        picks in prop::collection::vec((0usize..100, 0usize..5, 0usize..6), 1..8),
        cuts in prop::collection::vec((0usize..100, 0usize..4, 0usize..8, 0usize..8), 0..8),
    ) {
        // The format keeps no text before the first token (it comes back as spaces: see the test below).
        let Some(mut e) = entry(text.trim_start().to_string(), &picks) else { return Ok(()) };
        add_cut_spans(&mut e, &cuts);
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("webanno");
        let all = Selection { only_done: false, include_rejected: true };
        let entries = [e];
        let report = export(&entries, Format::WebannoTsv, all, &folder).unwrap();
        let e = &entries[0];
        let batch = documents(&folder.join("doc.tsv"));
        prop_assert_eq!(&batch.docs[0].text, e.doc.text());
        let accepted = spans_of(&e.annotations, Status::Accepted);
        prop_assert_eq!(given(&batch.docs[0], Status::Accepted), accepted.clone());
        prop_assert!(batch.not_held.is_empty(), "{:?}", batch.not_held);
        prop_assert_eq!(report.spans, accepted.len());
        prop_assert_eq!(report.left_out(LeftOut::Format("rejected spans (WebAnno TSV has no negative examples)")), spans_of(&e.annotations, Status::Rejected).len());
        prop_assert_eq!(report.left_out(LeftOut::Format("claims (WebAnno TSV goes out with INCEpTION's NamedEntity layer only)")), 1);
    }
}

#[test]
fn webanno_tsv_keeps_no_text_before_the_first_token_and_no_span_in_white_space() {
    let mut e = entry("\n\u{a0}Bali said 😊 Syria was calm.".into(), &[(0, 0, 0)]).unwrap();
    let id = e.annotations.next_id();
    let origin = Origin::Human { by: "t".into() };
    let range = 12..17; // " 😊" with the space before it
    e.annotations.put(Span {
        id,
        range,
        label: "X".into(),
        status: Status::Accepted,
        origin,
        created: now(),
        reviewed: None,
    });
    let dir = tempfile::tempdir().unwrap();
    let report = export(&[e], Format::WebannoTsv, Selection::default(), dir.path()).unwrap();
    assert_eq!(
        report.left_out(LeftOut::Format("spans starting or ending in white space (WebAnno TSV rows are tokens)")),
        1
    );
    let tsv = std::fs::read_to_string(dir.path().join("doc.tsv")).unwrap();
    assert!(tsv.starts_with("#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n\n\n#Text=Bali said"), "{tsv}");
    assert!(tsv.contains("\n1-1\t2-6\tBali\t*\t"), "UTF-16 offsets after the two characters before it: {tsv}");
    assert!(tsv.contains("\t12-14\t😊\t_\t_\t\n"), "an emoji is two units: {tsv}");
    let back = documents(&dir.path().join("doc.tsv"));
    assert_eq!(back.docs[0].text, "  Bali said 😊 Syria was calm.", "two spaces for the line break and the NBSP");
    assert_eq!(back.docs[0].text[back.docs[0].spans[0].range.clone()], *"Bali");
}
