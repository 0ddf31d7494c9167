//! Round trips: export → import gives back the same text and annotations for every format that can
//! hold them, whatever the text (emoji, combining marks, Arabic, CJK, line breaks), and the readers
//! never panic on malformed input.

use super::export::{Format, LeftOut, Wording, export, read_dataset};
use super::import::import;
use super::{Entry, Selection};
use crate::annotation::{Annotations, Claim, ClaimId, Claimant, LabelSet, Origin, Span, Status, now};
use crate::doc::Document;
use proptest::prelude::*;
use std::ops::Range;

/// A document with accepted spans on token boundaries (no two overlapping), one rejected span, and a claim.
fn entry(text: String, picks: &[(usize, usize, usize)]) -> Option<Entry> {
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
        status: Status::Accepted,
        origin: Origin::Human { by: "t".into() },
        created: now(),
        reviewed: None,
    };
    Some(Entry { name: "doc".into(), doc, annotations: ann.with_claims(vec![claim]), version_copy: false })
}

fn spans_of(a: &Annotations, status: Status) -> Vec<(Range<usize>, String)> {
    let mut v: Vec<_> =
        a.spans().iter().filter(|s| s.status == status).map(|s| (s.range.clone(), s.label.clone())).collect();
    v.sort_by_key(|(r, _)| (r.start, r.end));
    v
}

fn given(i: &super::import::Imported, status: Status) -> Vec<(Range<usize>, String)> {
    let mut v: Vec<_> =
        i.spans.iter().filter(|s| s.status == status).map(|s| (s.range.clone(), s.label.clone())).collect();
    v.sort_by_key(|(r, _)| (r.start, r.end));
    v
}

/// A claim as (content, cue, claimant words).
type ClaimParts = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);

fn claims_of(a: &Annotations) -> Vec<ClaimParts> {
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
            let back = import(&out, None).unwrap().docs;
            prop_assert_eq!(back.len(), 1);
            prop_assert_eq!(&back[0].text, e.doc.text());
            prop_assert_eq!(given(&back[0], Status::Accepted), spans_of(&e.annotations, Status::Accepted));
            if format == Format::Spacy {
                prop_assert_eq!(given(&back[0], Status::Rejected), spans_of(&e.annotations, Status::Rejected));
            } else {
                let claims: Vec<_> = back[0].claims.iter().map(|c| (c.content.clone(), c.cue.clone(), c.claimant.clone())).collect();
                prop_assert_eq!(claims, claims_of(&e.annotations));
            }
        }

        let folder = dir.path().join("brat");
        export(&entries, Format::Brat, all, &folder).unwrap();
        let back = import(&folder.join("doc.ann"), None).unwrap().docs;
        prop_assert_eq!(&back[0].text, e.doc.text());
        prop_assert_eq!(given(&back[0], Status::Accepted), spans_of(&e.annotations, Status::Accepted));
        prop_assert_eq!(given(&back[0], Status::Rejected), spans_of(&e.annotations, Status::Rejected), "the Rejected attribute");
        let claims: Vec<_> = back[0].claims.iter().map(|c| (c.content.clone(), c.cue.clone(), c.claimant.clone())).collect();
        prop_assert_eq!(claims, claims_of(&e.annotations));
        let kept: Vec<_> = back[0].claims.iter().map(|c| (c.status, c.checkworthy)).collect();
        prop_assert_eq!(kept, vec![(Status::Accepted, Some(0.5))], "status and check-worthiness note");
        let pieces: Vec<_> = back[0].claims.iter().map(|c| c.pieces.clone()).collect();
        prop_assert_eq!(pieces, vec![e.annotations.claims.all()[0].pieces.clone()], "an interrupted content's pieces");

        let conll = dir.path().join("d.conll");
        export(&entries, Format::Conll, Selection::default(), &conll).unwrap();
        let back = import(&conll, None).unwrap().docs;
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
        let back = read_dataset(&ron).unwrap();
        prop_assert_eq!(back[0].1.doc.text(), e.doc.text());
        prop_assert_eq!(&back[0].1.annotations, &e.annotations);
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
fn a_report_counts_what_a_format_cannot_hold() {
    let e = entry("Bali said Syria was calm.".into(), &[(0, 0, 0), (2, 0, 2)]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = export(&[e], Format::Conll, Selection::default(), &dir.path().join("x.conll")).unwrap();
    assert_eq!(report.documents, 1);
    assert_eq!(report.left_out(LeftOut::Format("claims (CoNLL holds entity tags only)")), 1);
    assert!(report.describe(Wording::Cli).contains("left out"), "{report:?}");
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

#[test]
fn a_web_page_gives_its_article_and_a_pdf_without_text_is_refused() {
    let page = crate::test_support::NEWS_PAGE;
    let (text, meta) = super::import::html(page, std::path::Path::new("page.html")).unwrap();
    assert!(text.contains("Niels van der Berg"), "{text}");
    assert!(!text.contains("Subscribe") && !text.contains("Sport"), "{text}");
    assert_eq!(meta.title.as_deref(), Some("Strike halts port"));
    let paragraphs =
        format!("<html><body><article><h1>Port</h1>{}</article></body></html>", "<p>The strike went on.".repeat(5000));
    assert!(
        super::import::html(&paragraphs, std::path::Path::new("p.html")).is_ok(),
        "unclosed paragraphs do not nest"
    );
    for n in [10_000, 100_000] {
        let deep = format!("{}Text{}", "<div>".repeat(n), "</div>".repeat(n));
        let err = super::import::html(&deep, std::path::Path::new("deep.html")).unwrap_err().to_string();
        assert_eq!(
            err,
            "deep.html nests its elements more than 1000 levels deep (news pages: a few dozen); Marginalia cannot read such a page"
        );
    }
    let empty_pdf = crate::test_support::pdf_without_text();
    let err = super::import::pdf(&empty_pdf, std::path::Path::new("scan.pdf")).unwrap_err();
    assert!(err.to_string().contains("no text layer"), "{err}");
    assert!(super::import::pdf(b"%PDF-1.4 garbage", std::path::Path::new("bad.pdf")).is_err());
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
        (Format::Conll, "x.conll"),
        (Format::Brat, "brat"),
        (Format::Ron, "x.ron"),
    ] {
        let out = dir.path().join(name);
        let report = export(&entries, format, everything, &out).unwrap();
        assert_eq!(report.documents, 2, "{format:?}: the started and the done one");
        assert_eq!(report.left_out(LeftOut::NoDecision), 1, "{format:?}");
        assert_eq!(report.left_out(LeftOut::Pending), 2, "{format:?}: a span and a claim");
        assert!(report.describe(Wording::Cli).contains("1 documents with no decision yet"), "{report:?}");
        let written = if format == Format::Brat {
            ["started.txt", "started.ann", "done.txt", "done.ann"]
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
        // The pending span ("Nobody", 16..22) and the pending claim are in no format.
        match format {
            Format::Spacy | Format::Doccano => {
                for line in written.lines() {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    let spans = v["spans"].as_array().into_iter().chain(v["entities"].as_array()).flatten();
                    for span in spans {
                        let at = (&span["start"], &span["end"], &span["start_offset"], &span["end_offset"]);
                        assert!(at.0 != 16 && at.2 != 16, "{format:?}: the pending span went out: {line}");
                        assert_ne!(span["label"], "CLAIM", "{format:?}: the pending claim went out: {line}");
                    }
                }
            }
            Format::Conll => assert!(written.contains("\nNobody _ _ O\n"), "{written}"),
            Format::Brat => {
                let ann = std::fs::read_to_string(out.join("started.ann")).unwrap();
                assert!(!ann.contains("Nobody") && !ann.contains("Content"), "{ann}");
                assert!(!out.join("untouched.txt").exists());
            }
            // Binary: its own tests read it back (`docbin::tests`).
            Format::SpacyDocbin => {}
            Format::Ron => {
                let back = read_dataset(&out).unwrap();
                assert!(back.iter().all(|(_, l)| l.annotations.spans().iter().all(|s| s.status != Status::Pending)));
                assert!(back.iter().all(|(_, l)| l.annotations.claims.all().is_empty()), "the pending claim");
                assert!(back.iter().any(|(_, l)| l.annotations.done.is_some()), "the bundle keeps the done mark");
            }
        }
    }
    let report =
        export(&entries, Format::Spacy, Selection { only_done: true, ..everything }, &dir.path().join("d.jsonl"))
            .unwrap();
    assert_eq!((report.documents, report.left_out(LeftOut::NotDone)), (1, 2), "{report:?}");
}

#[test]
fn the_report_speaks_the_window_s_language_or_the_command_line_s() {
    let entries = three_documents();
    let dir = tempfile::tempdir().unwrap();
    let report = export(&entries, Format::Spacy, Selection::default(), &dir.path().join("x.jsonl")).unwrap();
    let cli = report.describe(Wording::Cli);
    let window = report.describe(Wording::Window);
    assert!(cli.contains("1 rejected suggestions (add --include-rejected"), "{cli}");
    assert!(window.contains("1 rejected suggestions (tick “Include rejected suggestions”"), "{window}");
    assert!(!window.contains("--"), "{window}");
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
    let said = report.describe(crate::dataset::export::Wording::Cli);
    assert!(said.contains("other versions of a document"), "{said}");
}
