use super::*;
use crate::annotation::now;
use crate::annotation::{Claim, Claimant, Hotkey, LabelSet, Span};
use crate::offsets::CharRange;
use proptest::prelude::*;

fn sample() -> (Document, Annotations) {
    let doc = Document::new("‘Heavy clashes’ as Mustafa\u{a0}Bali 👍🏽 spoke.\n\nسوريا e\u{301}".into());
    let mut ann = Annotations::new(LabelSet::default(), Vec::new());
    let id = ann.next_id();
    ann.put(Span {
        id,
        range: doc.text().find("Mustafa").unwrap()..doc.text().find(" 👍").unwrap(),
        label: "PERSON".into(),
        status: Status::Accepted,
        origin: Origin::Engine { engine: "rules/title".into(), score: 0.8, label: "PERSON".into() },
        created: now(),
        reviewed: Some(Review { by: "ana".into(), at: now() }),
    });
    let at = |w: &str| doc.text().find(w).unwrap()..doc.text().find(w).unwrap() + w.len();
    let claim = Claim {
        id: ann.next_claim_id(),
        content: at("Heavy clashes"),
        pieces: vec![at("Heavy"), at("clashes")],
        cue: Some(at("spoke")),
        claimant: Some(Claimant { range: at("Mustafa\u{a0}Bali"), entity: Some(id) }),
        checkworthy: Some(0.75),
        checkworthy_by_hand: None,
        status: Status::Pending,
        origin: Origin::Engine { engine: "claims/tagger".into(), score: 0.9, label: "CLAIM".into() },
        created: now(),
        reviewed: None,
    };
    let mut ann = ann.with_claims(vec![claim]);
    ann.done = Some(Review { by: "ana".into(), at: now() });
    (doc, ann)
}

#[test]
fn file_has_code_point_offsets_and_quoted_text() {
    let (doc, ann) = sample();
    let f = to_file(&doc, &ann, Some(Path::new("a.txt")));
    let s = &f.spans[0];
    assert_eq!((s.start, s.end), (19, 31));
    assert_eq!(s.text, "Mustafa\u{a0}Bali");
    let ron = to_ron(&f).unwrap();
    assert!(ron.contains("format: \"marginalia-annotations\""), "{ron}");
    assert_eq!(ron.lines().filter(|l| l.contains("Mustafa")).count(), 3, "one line per span and claim, plus the text");
}

#[test]
fn save_then_load_is_identity_and_deterministic() {
    let (doc, ann) = sample();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt.ann.ron");
    save(&p, &doc, &ann, Some(Path::new("a.txt"))).unwrap();
    let first = std::fs::read_to_string(&p).unwrap();
    assert!(first.contains("done: Some(("), "{first}");
    let loaded = load(&p).unwrap();
    assert_eq!(loaded.doc.text(), doc.text());
    assert_eq!(loaded.annotations, ann);
    save(&p, &loaded.doc, &loaded.annotations, loaded.source_path.as_deref()).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), first);
}

#[test]
fn the_example_in_the_format_documentation_is_a_valid_file() {
    let doc = include_str!("../../docs/FORMAT.md");
    let example = doc.split("```ron\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
    let loaded = parse(Path::new("FORMAT.md"), example.as_bytes()).unwrap();
    assert_eq!(loaded.annotations.spans().len(), 2);
    assert_eq!(loaded.annotations.claims.all().len(), 1);
    assert_eq!(loaded.annotations.done.as_ref().map(|d| d.by.as_str()), Some("ana"));
    assert!(loaded.annotations.meta.url.is_some());
}

#[test]
fn annotation_path_sits_beside_the_article() {
    assert_eq!(annotation_path_for(Path::new("/x/report.txt")), PathBuf::from("/x/report.txt.ann.ron"));
}

fn err(src: &str) -> LoadError {
    match parse(Path::new("t.ann.ron"), src.as_bytes()) {
        Ok(_) => panic!("expected an error for {src}"),
        Err(e) => e,
    }
}

#[test]
fn truncated_file_names_line_and_column() {
    let (doc, ann) = sample();
    let ron = to_ron(&to_file(&doc, &ann, None)).unwrap();
    let cut = &ron[..ron.len() / 2];
    match err(cut) {
        LoadError::Syntax { line, col, .. } => assert!(line > 1 && col >= 1),
        e => panic!("{e}"),
    }
}

#[test]
fn hand_edits_are_caught_precisely() {
    let (doc, ann) = sample();
    let ron = to_ron(&to_file(&doc, &ann, None)).unwrap();
    let wrong_quote = ron.replacen("text: \"Mustafa", "text: \"Mostafa", 1);
    assert!(err(&wrong_quote).to_string().contains("does not match"), "{}", err(&wrong_quote));
    let bad_label = ron.replacen("label: \"PERSON\", status", "label: \"PERSN\", status", 1);
    assert!(err(&bad_label).to_string().contains("not in the file's label set"));
    let newer = ron.replacen("version: 2", "version: 7", 1);
    assert!(matches!(err(&newer), LoadError::Newer { found: 7, .. }));
    assert!(matches!(err("(format: \"other\", version: 1)"), LoadError::Foreign { .. }));
    assert!(matches!(parse(Path::new("x"), b"\xff\xfe"), Err(LoadError::NotUtf8 { .. })));
    assert!(matches!(err(""), LoadError::Syntax { .. }));
    let conflicted = format!("<<<<<<< HEAD\n{ron}=======\n{ron}>>>>>>> theirs\n");
    assert!(err(&conflicted).to_string().contains("merge-conflict markers"), "{}", err(&conflicted));
    let dangling = ron.replacen("entity: Some(1)", "entity: Some(99)", 1);
    assert!(err(&dangling).to_string().contains("links to entity span 99"), "{}", err(&dangling));
    let bad_cue = ron.replacen("text: \"spoke\"", "text: \"spike\"", 1);
    assert!(err(&bad_cue).to_string().contains("its cue"), "{}", err(&bad_cue));
    let swapped = ron.replacen("(start: 1, end: 6, text: \"Heavy\")", "(start: 8, end: 15, text: \"clashes\")", 1);
    assert!(err(&swapped).to_string().contains("its 1st piece"), "{}", err(&swapped));
}

#[test]
fn claims_are_one_line_each_with_code_points_and_quoted_words() {
    let (doc, ann) = sample();
    let ron = to_ron(&to_file(&doc, &ann, None)).unwrap();
    let line = ron.lines().find(|l| l.contains("Heavy clashes")).expect("a claim line");
    assert!(line.contains("start: 1, end: 14"), "{line}");
    assert!(line.contains("cue: Some((start: 35, end: 40, text: \"spoke\"))"), "{line}");
    assert!(line.contains("entity: Some(1)"), "{line}");
}

#[test]
fn a_claimant_linked_to_a_span_that_went_is_saved_without_the_link() {
    let (doc, mut ann) = sample();
    let linked = ann.spans()[0].id;
    ann.remove(linked);
    let ron = to_ron(&to_file(&doc, &ann, None)).unwrap();
    assert!(!ron.contains("entity: Some"), "{ron}");
    let back = parse(Path::new("p"), ron.as_bytes()).expect("the file loads");
    assert_eq!(back.annotations.claims.all()[0].claimant.as_ref().unwrap().entity, None);
}

#[test]
fn a_version_1_file_opens_with_no_claims() {
    let (doc, ann) = sample();
    let mut file = to_file(&doc, &Annotations::new(ann.labels.clone(), ann.spans().to_vec()), None);
    file.version = 1;
    let ron = to_ron(&file).unwrap().replace("    claims: [],\n", "");
    assert!(!ron.contains("claims"), "{ron}");
    let loaded = parse(Path::new("old.ann.ron"), ron.as_bytes()).unwrap();
    assert_eq!(loaded.annotations.spans(), ann.spans());
    assert!(loaded.annotations.claims.all().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn save_load_round_trips_random_unicode(text in crate::test_support::unicode_text(), raw in prop::collection::vec((0usize..200, 1usize..20, 0usize..6, 0u8..3), 0..12)) {
        let doc = Document::new(text);
        let n = doc.chars().char_len();
        let labels = LabelSet::default();
        let names: Vec<String> = labels.iter().map(|l| l.name.clone()).collect();
        let mut ann = Annotations::new(labels, Vec::new());
        for (start, len, label, status) in raw {
            if n == 0 { break; }
            let s = start % n;
            let e = (s + len).min(n);
            let range: std::ops::Range<usize> = doc.chars().bytes_of(doc.text(), CharRange::new(s, e)).unwrap().into();
            let id = ann.next_id();
            ann.put(Span {
                id,
                range: range.clone(),
                label: names[label % names.len()].clone(),
                status: [Status::Pending, Status::Accepted, Status::Rejected][status as usize],
                origin: Origin::Human { by: "prop".into() },
                created: now(),
                reviewed: None,
            });
            // Every other span also makes a claim whose claimant is that span.
            if label % 2 == 0 {
                let claim = Claim {
                    id: ann.next_claim_id(),
                    content: range.clone(),
                    pieces: Vec::new(),
                    cue: Some(range.clone()),
                    claimant: Some(Claimant { range, entity: Some(id) }),
                    checkworthy: Some(0.5),
                    checkworthy_by_hand: [None, Some(true), Some(false)].get(status as usize).copied().flatten(),
                    status: Status::Accepted,
                    origin: Origin::Human { by: "prop".into() },
                    created: now(),
                    reviewed: None,
                };
                ann.claims.put(claim);
            }
        }
        let ron = to_ron(&to_file(&doc, &ann, None)).unwrap();
        let back = parse(Path::new("p"), ron.as_bytes()).unwrap();
        prop_assert_eq!(back.doc.text(), doc.text());
        prop_assert_eq!(back.annotations, ann);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse(Path::new("fuzz"), &bytes);
    }

    #[test]
    fn mutated_files_never_panic(cut in 0usize..2000, byte in any::<u8>()) {
        let (doc, ann) = sample();
        let mut ron = to_ron(&to_file(&doc, &ann, None)).unwrap().into_bytes();
        let i = cut % ron.len();
        ron[i] = byte;
        let _ = parse(Path::new("fuzz"), &ron);
        let _ = parse(Path::new("fuzz"), &ron[..i]);
    }
}

#[test]
fn every_rule_the_format_states_is_checked_on_loading() {
    let (doc, ann) = sample();
    let ron = to_ron(&to_file(&doc, &ann, None)).unwrap();
    let cases = [
        (ron.replacen("sha256: \"", "sha256: \"0", 1), "SHA-256"),
        (ron.replacen("score: 0.8", "score: 1.8", 1), "score 1.8 is not a number from 0 to 1"),
        (ron.replacen("score: 0.8", "score: NaN", 1), "is not a number from 0 to 1"),
        (ron.replacen("checkworthy: Some(0.75)", "checkworthy: Some(7.5)", 1), "check-worthiness 7.5"),
        (ron.replacen("color: \"#", "color: \"pink", 1), "is not of the form"),
        (ron.replacen("hotkey: Some('2')", "hotkey: Some('1')", 1), "is also \"PERSON\"'s"),
        (ron.replacen("hotkey: Some('2')", "hotkey: Some('x')", 1), "is not a digit 1 to 9"),
        (ron.replacen("name: \"MISC\"", "name: \" \"", 1), "needs a name"),
        (ron.replacen("name: \"MISC\"", "name: \"LOC\"", 1), "is used twice"),
    ];
    for (edited, says) in cases {
        assert_ne!(edited, ron, "the edit for {says:?} applies");
        let e = err(&edited).to_string();
        assert!(e.contains(says), "expected {says:?} in: {e}");
    }
    assert_eq!(parse(Path::new("t"), ron.as_bytes()).unwrap().version, 2);
}

#[test]
fn a_save_that_would_not_load_again_writes_nothing() {
    let (doc, mut ann) = sample();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt.ann.ron");
    save(&p, &doc, &ann, None).unwrap();
    let before = std::fs::read_to_string(&p).unwrap();
    // A span whose label is not in the set: the file would be refused by the loader.
    let mut odd = ann.spans()[0].clone();
    odd.label = "WEAPON".into();
    ann.put(odd);
    let e = save(&p, &doc, &ann, None).unwrap_err();
    assert!(matches!(e, SaveError::WouldNotLoad { .. }), "{e}");
    assert!(e.to_string().contains("not in the file's label set"), "{e}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), before, "the file on disk is left as it is");
}

/// A file as Marginalia wrote it before version 3 (the example of `docs/FORMAT.md`, saved).
const SAVED_BY_VERSION_2: &str = r##"(
    format: "marginalia-annotations",
    version: 2,
    source: (
        path: Some("/home/ana/news/report.txt"),
        sha256: "cbbf9e750f5f7aed9aa5ac3f08e272b300dc088505eb6ccfdf36815d15b5b158",
    ),
    meta: (
        title: Some("Energy bills"),
        url: Some("https://example.org/energy"),
    ),
    done: Some((
        by: "ana",
        at: "2026-11-24T01:49:10Z",
    )),
    labels: [
        (name: "PERSON", color: "#f4a6a6", hotkey: Some('1')),
        (name: "ORG", color: "#9cc3f5", hotkey: Some('2')),
        (name: "DATE", color: "#d7b8f3", hotkey: Some('5')),
    ],
    spans: [
        (id: 3, start: 0, end: 8, text: "Ed Davey", label: "PERSON", status: Accepted, origin: Engine(engine: "rules/first-name", score: 0.8, label: "PERSON"), created: "2026-11-24T01:47:30Z", reviewed: Some((by: "ana", at: "2026-11-24T01:47:34Z"))),
        (id: 9, start: 17, end: 23, text: "Monday", label: "DATE", status: Pending, origin: Engine(engine: "rules/date", score: 0.9, label: "DATE"), created: "2026-11-24T01:47:30Z", reviewed: None),
    ],
    claims: [
        (id: 12, start: 29, end: 58, text: "energy bills rose 20% in 2024", cue: Some((start: 9, end: 13, text: "said")), claimant: Some((start: 0, end: 8, text: "Ed Davey", entity: Some(3))), checkworthy: Some(0.91), status: Accepted, origin: Engine(engine: "claims/tagger", score: 0.84, label: "CLAIM"), created: "2026-11-24T01:47:30Z", reviewed: Some((by: "ana", at: "2026-11-24T01:48:02Z"))),
    ],
    text: "Ed Davey said on Monday that energy bills rose 20% in 2024.",
)
"##;

#[test]
fn a_file_with_nothing_version_2_lacks_is_written_as_version_2_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("report.txt.ann.ron");
    std::fs::write(&p, SAVED_BY_VERSION_2).unwrap();
    let loaded = load(&p).unwrap();
    assert_eq!(loaded.version, 2);
    save(&p, &loaded.doc, &loaded.annotations, loaded.source_path.as_deref()).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SAVED_BY_VERSION_2, "saved back exactly as it was");
}

/// What a version 2 reader would load without (the analyst's word) or refuse (a Shift or letter
/// hotkey) makes the file version 3; taking it away makes it version 2 again.
#[test]
fn a_file_holding_what_version_2_lacks_is_written_as_version_3_and_reads_back() {
    let (doc, ann) = sample();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt.ann.ron");
    let mut by_hand = ann.clone();
    let mut claim = by_hand.claims.all()[0].clone();
    claim.checkworthy_by_hand = Some(true);
    by_hand.claims.put(claim);
    let keyed = |key| {
        let mut a = ann.clone();
        a.labels.set_hotkey("ORG", Some(key));
        a
    };
    let cases = [
        (by_hand, 3),
        (keyed(Hotkey::shifted('2')), 3),
        (keyed(Hotkey::plain('G')), 3),
        (keyed(Hotkey::plain('9')), 2),
        (ann, 2),
    ];
    for (ann, version) in cases {
        save(&p, &doc, &ann, None).unwrap();
        let ron = std::fs::read_to_string(&p).unwrap();
        assert!(ron.contains(&format!("    version: {version},\n")), "{ron}");
        let loaded = load(&p).unwrap();
        assert_eq!((loaded.version, &loaded.annotations), (version, &ann));
    }
}

/// How an older Marginalia meets a file of a version it does not know: refused, saying to update,
/// and the file is left as it is (simulated one version up, as 2 meets 3).
#[test]
fn a_file_of_a_newer_version_is_refused_and_left_as_it_is() {
    let (doc, mut ann) = sample();
    let mut claim = ann.claims.all()[0].clone();
    claim.checkworthy_by_hand = Some(false);
    ann.claims.put(claim);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt.ann.ron");
    save(&p, &doc, &ann, None).unwrap();
    let newer = std::fs::read_to_string(&p).unwrap().replacen("version: 3,", "version: 4,", 1);
    std::fs::write(&p, &newer).unwrap();
    let e = load(&p).unwrap_err();
    assert!(matches!(e, LoadError::Newer { found: 4, .. }), "{e}");
    assert!(e.to_string().contains("written by a newer Marginalia (format version 4; this one reads up to 3)"), "{e}");
    assert!(e.to_string().ends_with("Update Marginalia to open it"), "{e}");
    assert_eq!(e.advice(), "The file was left exactly as it is.");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), newer, "nothing was written");
}
