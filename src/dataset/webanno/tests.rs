//! WebAnno TSV 3: escapes as INCEpTION writes them, the text and entities rebuilt as its reader
//! does, and export → import giving the entities back.

use super::super::import::Batch;
use super::reader::{split_id, split_stack};
use super::*;
use crate::annotation::Status;
use std::path::Path;

#[test]
fn values_and_text_escape_as_inception_does() {
    let nasty = "#*'\"`´\t:;{}|[ ]()\\§$%?=&_\n";
    let escaped = escape_value(nasty);
    assert_eq!(
        escaped, "#\\*'\"`´\\t:\\;{}\\|\\[ \\]()\\\\§$%?=&\\_\\n",
        "testTokenBoundedSpanWithSpecialSymbolsValue"
    );
    assert_eq!(unescape_value(&escaped), nasty);
    assert_eq!(escape_value("a->b"), "a\\->b");
    let escapes = text_escapes();
    assert_eq!(replace_each("a\tb\\c\r\u{1}", &escapes, false), "a\\tb\\\\c\\r\\\u{1}");
    assert_eq!(replace_each("a\\tb\\\\c\\r\\\u{1}", &escapes, true), "a\tb\\c\r\u{1}");
    assert_eq!(split_stack("PER[1]|A\\|B[2]"), ["PER[1]", "A\\|B[2]"]);
    assert_eq!(split_id("A\\]"), Ok((Some("A\\]"), None)));
    assert_eq!(split_id("A\\\\[12]"), Ok((Some("A\\\\"), Some(12))));
    assert!(split_id("A[x]").is_err());
}

/// A fixture from INCEpTION's test suite (see `tests/fixtures/webanno-tsv/README.md`), read.
fn fixture(name: &str) -> Batch {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/webanno-tsv").join(name);
    let source = std::fs::read_to_string(&path).unwrap();
    read(&source, name, &path).unwrap()
}

/// Each span as its label and the text it covers.
fn labelled(batch: &Batch) -> Vec<(String, String)> {
    let doc = &batch.docs[0];
    doc.spans.iter().map(|s| (s.label.clone(), doc.text[s.range.clone()].to_string())).collect()
}

fn counts(batch: &Batch) -> Vec<(&str, usize)> {
    batch.not_held.counts.iter().map(|(w, n)| (w.as_str(), *n)).collect()
}

#[test]
fn inception_s_example_gives_its_entities_and_counts_pos_and_dependencies() {
    let batch = fixture("example2.tsv");
    let doc = &batch.docs[0];
    assert_eq!(doc.name, "example2");
    assert!(doc.text.starts_with("Ms. Haag plays Elianti .\nRolls-Royce Motor Cars Inc. said"), "{}", doc.text);
    assert!(doc.text.ends_with("building products ."), "no line break added after the last sentence");
    assert_eq!(doc.text.encode_utf16().count(), 444, "the last token ends at 444");
    let mut spans = labelled(&batch);
    spans.sort();
    let expected = [
        ("LOC", "Los Angeles"),
        ("LOC", "U.S."),
        ("LOC", "U.S."),
        ("ORG", "BELL INDUSTRIES Inc."),
        ("ORG", "Bell"),
        ("ORG", "Rolls-Royce Motor"),
        ("OTH", "Elianti"),
        ("PER", "BELL"),
        ("PER", "Ms. Haag"),
    ];
    assert_eq!(spans, expected.map(|(l, t)| (l.to_string(), t.to_string())));
    assert!(doc.spans.iter().all(|s| s.status == Status::Accepted));
    assert_eq!(
        counts(&batch),
        [
            (
                "Dependency relations (WebAnno relation layer de.tudarmstadt.ukp.dkpro.core.api.syntax.type.dependency.Dependency)",
                86
            ),
            ("POS annotations (WebAnno span layer de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS)", 86),
        ]
    );
    assert!(batch.not_held.unreadable.is_empty(), "{:?}", batch.not_held.unreadable);
}

#[test]
fn entities_without_a_label_or_text_are_counted_not_imported() {
    let batch = fixture("testAnnotationWithLeadingWhitespace.tsv");
    assert_eq!(batch.docs[0].text, "one  two");
    assert!(batch.docs[0].spans.is_empty());
    assert_eq!(counts(&batch), [("NamedEntity annotations without a value (no label to give them)", 1)]);
    let batch = fixture("testZeroWidthAnnotationBetweenTokenIsMovedToEndOfPreviousToken.tsv");
    assert_eq!(counts(&batch), [("NamedEntity annotations without a value (no label to give them)", 1)]);
}

#[test]
fn other_layers_are_counted_by_name_sub_tokens_and_stacks_included() {
    let stacked = fixture("testStackedSubMultiTokenSpanWithFeatureValue.tsv");
    assert_eq!(stacked.docs[0].text, "aaaaaa bbbbbb cccccc");
    assert_eq!(counts(&stacked), [("Span annotations (WebAnno span layer webanno.custom.Span)", 24)]);
    let chain = fixture("testSimpleChain.tsv");
    assert_eq!(counts(&chain), [("SimpleLink chain links (WebAnno chain layer webanno.custom.SimpleLink)", 3)]);
    let relation = fixture("testSubTokenRelation.tsv");
    assert_eq!(
        counts(&relation),
        [
            ("Relation relations (WebAnno relation layer webanno.custom.Relation)", 1),
            ("Span annotations (WebAnno span layer webanno.custom.Span)", 2),
        ]
    );
    let nasty = fixture("testTokenBoundedSpanWithNastyFeatureValue.tsv");
    assert!(nasty.docs[0].spans.is_empty(), "a value naming the NamedEntity type is no NamedEntity");
    // Five one-token annotations: without an `[N]`, each row's is its own.
    assert_eq!(counts(&nasty), [("Span annotations (WebAnno span layer webanno.custom.Span)", 5)]);
    let ids = fixture("testSentenceId.tsv");
    assert_eq!(ids.docs[0].text, "He loves her .\nShe loves him not .");
    assert_eq!(counts(&ids), [("WebAnno sentence ids", 2)]);
}

#[test]
fn the_text_comes_back_as_inception_s_reader_rebuilds_it() {
    assert_eq!(fixture("testSentenceWithEmoji.tsv").docs[0].text, "I like it 😊 .");
    assert_eq!(fixture("testSentenceWithLineBreak.tsv").docs[0].text, "This is\na test .");
    assert_eq!(fixture("testTwoSentencesWithNoSpaceInBetween.tsv").docs[0].text, "onetwo");
}

#[test]
fn broken_rows_are_reported_with_their_line_and_the_rest_is_read() {
    let tsv = format!(
        "{HEADER}\n#Text=Ana met Bo\n1-1\t0-3\tAna\t*\tPER\t\n1-2\t4-x\tmet\t_\t_\t\n1-3\t8-10\tBo\t*[1]\tPER[y]\t\n\n#Text=Hi\n2-1\t99-101\tHi\t*\tLOC\t\n2-2\t1-2\tHi\t_\n"
    );
    let batch = read(&tsv, "x.tsv", Path::new("x.tsv")).unwrap();
    assert_eq!(batch.docs[0].text, format!("Ana met Bo\n{}Hi", " ".repeat(88)));
    assert_eq!(labelled(&batch), [("PER".to_string(), "Ana".to_string()), ("LOC".into(), "Hi".into())]);
    let unreadable = batch.not_held.unreadable.join("\n");
    for said in [
        "x.tsv, line 7: its second column is not the token's offsets",
        "x.tsv, line 8: the disambiguation ID in \"PER[y]\" is not a number",
        "x.tsv, line 12: 2 annotation columns expected, 1 found",
    ] {
        assert!(unreadable.contains(said), "{said:?} in\n{unreadable}");
    }
    let far = format!("{HEADER}\n#Text=Hi\n1-1\t99999999999-99999999999\tHi\t_\t_\t\n");
    let err = read(&far, "far.tsv", Path::new("far.tsv")).unwrap_err().to_string();
    assert!(err.contains("far.tsv, line 6") && err.contains("no document is that long"), "{err}");
    assert!(read("#FORMAT=WebAnno TSV 2\n", "a.tsv", Path::new("a.tsv")).is_err());
    assert!(read(HEADER, "a.tsv", Path::new("a.tsv")).unwrap_err().to_string().contains("no sentences"));
}

proptest::proptest! {
    #[test]
    fn garbled_files_never_panic(cuts in proptest::collection::vec((0usize..4000, proptest::prelude::any::<char>()), 0..12)) {
        let mut source: Vec<char> = include_str!("../../../tests/fixtures/webanno-tsv/testStackedSubMultiTokenSpanWithFeatureValue.tsv").chars().collect();
        source.extend(include_str!("../../../tests/fixtures/webanno-tsv/example2.tsv").chars().skip(24));
        for (at, c) in cuts {
            let at = at % source.len();
            match c as u32 % 3 {
                0 => source[at] = c,
                1 => { source.remove(at); }
                _ => source.insert(at, ['\t', '\n', '|', '[', ']', '-', '\\', '#', '_', '*'][c as usize % 10]),
            }
        }
        let source: String = source.into_iter().collect();
        let _ = read(&source, "g.tsv", Path::new("g.tsv"));
    }
}

#[test]
fn java_lines_end_at_any_line_break() {
    assert_eq!(java_lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"]);
}
