//! A DocBin round trip gives back every text and span exactly, whatever the white space; spaCy's
//! own file reads with its entities; garbled files are refused without a panic.

use super::*;
use crate::annotation::{Annotations, LabelSet, Origin, now};
use crate::dataset::export::{Format, export};
use crate::dataset::tests::documents;
use crate::doc::Document;
use proptest::prelude::*;

/// A document with spans at byte ranges `picks` makes (cut to character boundaries): overlapping,
/// inside tokens, over white space, some rejected.
fn entry(text: String, picks: &[(usize, usize, bool)]) -> Option<Entry> {
    let doc = Document::new(text);
    let text = doc.text();
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    if text.trim().is_empty() {
        return None;
    }
    let mut ann = Annotations::new(LabelSet::default(), Vec::new());
    for (k, &(at, len, rejected)) in picks.iter().enumerate() {
        let start = boundaries[at % boundaries.len()];
        let end = boundaries[(at % boundaries.len() + 1 + len).min(boundaries.len() - 1)];
        if start >= end || ann.spans().iter().any(|s| s.range == (start..end)) {
            continue;
        }
        let status = if rejected { Status::Rejected } else { Status::Accepted };
        let label = ["PERSON", "ORG", "Heavy weapon", "root"][k % 4].to_string();
        let (id, origin, created) = (ann.next_id(), Origin::Human { by: "t".into() }, now());
        ann.put(Span { id, range: start..end, label, status, origin, created, reviewed: None });
    }
    // Marked done, so that it goes out even with no span.
    ann.done = Some(crate::annotation::Review { by: "t".into(), at: now() });
    Some(Entry { name: "doc".into(), doc, annotations: ann, version_copy: false })
}

fn spans(spans: impl Iterator<Item = (Range<usize>, String, Status)>) -> Vec<(Range<usize>, String, Status)> {
    let mut v: Vec<_> = spans.collect();
    v.sort_by(|a, b| (a.0.start, a.0.end, &a.1).cmp(&(b.0.start, b.0.end, &b.1)));
    v
}

fn written(e: &Entry) -> Vec<(Range<usize>, String, Status)> {
    spans(e.annotations.spans().iter().map(|s| (s.range.clone(), s.label.clone(), s.status)))
}

fn read_back(b: &Imported) -> Vec<(Range<usize>, String, Status)> {
    spans(b.spans.iter().map(|s| (s.range.clone(), s.label.clone(), s.status)))
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(bytes).unwrap();
    z.finish().unwrap()
}

/// A DocBin's message.
fn message_of(docbin: &[u8]) -> Value {
    let mut message = Vec::new();
    flate2::read::ZlibDecoder::new(docbin).read_to_end(&mut message).unwrap();
    rmpv::decode::read_value(&mut message.as_slice()).unwrap()
}

/// `message` with `key`'s value replaced.
fn replaced(mut message: Value, key: &str, value: Value) -> Vec<u8> {
    let Value::Map(pairs) = &mut message else { panic!("a DocBin is a map") };
    for (k, v) in pairs {
        if k.as_str() == Some(key) {
            *v = value.clone();
        }
    }
    zlib(&encode(&message))
}

const ALL: Selection = Selection { only_done: false, include_rejected: true };

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spacy-docbin").join(name)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn a_docbin_gives_back_every_text_and_span(
        text in crate::test_support::unicode_text(),
        lead in prop::sample::select(vec!["", " ", "  ", "\n\n", "\u{a0}"]),
        trail in prop::sample::select(vec!["", " ", "\n", "  \n\n"]),
        picks in prop::collection::vec((0usize..200, 0usize..12, any::<bool>()), 0..8),
    ) {
        let Some(e) = entry(format!("{lead}{text}{trail}"), &picks) else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("train.spacy");
        let report = export(std::slice::from_ref(&e), Format::SpacyDocbin, ALL, &out).unwrap();
        prop_assert_eq!(report.spans, e.annotations.spans().len());
        let back = documents(&out);
        prop_assert_eq!(back.docs.len(), 1);
        prop_assert_eq!(&back.docs[0].text, e.doc.text());
        prop_assert_eq!(&back.docs[0].name, "doc");
        prop_assert_eq!(read_back(&back.docs[0]), written(&e));
        prop_assert!(back.not_held.is_empty(), "{:?}", back.not_held);
    }

    #[test]
    fn garbled_docbins_are_refused_without_a_panic(
        junk in prop::collection::vec(any::<u8>(), 0..300),
        cut in 0usize..2000,
        flip in (0usize..2000, any::<u8>()),
    ) {
        let path = std::path::Path::new("x.spacy");
        let _ = read(&junk, "x", path);
        let _ = read(&zlib(&junk), "x", path);
        // A real DocBin, cut short, and with one byte of its message changed.
        let e = entry("Ada met Bob.\n\nIn Paris 👍🏽 today.".into(), &[(0, 2, false), (4, 5, true), (9, 9, false)]).unwrap();
        let good = write(&[&e], ALL, &mut Report::default()).unwrap();
        let _ = read(&good[..cut.min(good.len())], "x", path);
        let mut message = Vec::new();
        flate2::read::ZlibDecoder::new(good.as_slice()).read_to_end(&mut message).unwrap();
        let at = flip.0 % message.len();
        message[at] = flip.1;
        let _ = read(&zlib(&message), "x", path);
        // Columns of the wrong shape or type.
        let numbers = Value::Array(junk.iter().map(|&b| Value::from(b)).collect());
        for (key, value) in [
            ("attrs", numbers.clone()),
            ("strings", numbers),
            ("tokens", Value::Binary(junk.clone())),
            ("spaces", Value::Binary(junk.clone())),
            ("lengths", Value::Binary(junk.clone())),
            ("span_groups", Value::Array(vec![Value::Binary(junk.clone())])),
            ("user_data", Value::Array(vec![Value::Binary(junk.clone())])),
            ("flags", Value::Binary(junk.clone())),
        ] {
            let _ = read(&replaced(message_of(&good), key, value), "x", path);
        }
    }
}

#[test]
fn overlapping_spans_are_entities_longest_first_and_all_in_sc() {
    // "Bank of Paris" and "Paris" overlap; "of Pa" ends inside a word.
    let e = entry("Bank of Paris rose.".into(), &[(0, 12, false), (8, 4, false), (5, 4, false)]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.spacy");
    export(std::slice::from_ref(&e), Format::SpacyDocbin, ALL, &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let bin = read(&bytes, "d", &out).unwrap();
    assert_eq!(read_back(&bin.docs[0]), written(&e));
    // The entities alone (the span groups emptied): the longest of the overlapping spans.
    let no_groups = Value::Array(vec![Value::Binary(encode(&Value::Array(Vec::new())))]);
    let ents_only = read(&replaced(message_of(&bytes), "span_groups", no_groups), "d", &out).unwrap();
    let ents: Vec<_> = ents_only.docs[0].spans.iter().map(|s| (s.range.clone(), s.label.as_str())).collect();
    assert_eq!(ents, [(0..13, "PERSON")]);
}

/// Made by spaCy 3.8's `en_core_web_sm` (see the fixture's README and `make.py`).
#[test]
fn spacys_own_docbin_is_read_with_its_entities() {
    let path = fixture("en_core_web_sm.spacy");
    let bin = documents(&path);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("en_core_web_sm.json")).unwrap()).unwrap();
    let expected = expected.as_array().unwrap();
    assert_eq!(bin.docs.len(), expected.len());
    for (doc, want) in bin.docs.iter().zip(expected) {
        assert_eq!(doc.text, want["text"].as_str().unwrap());
        let chars = crate::offsets::CharMap::new(&doc.text);
        let ents: Vec<(usize, usize, String)> = doc
            .spans
            .iter()
            .map(|s| {
                let c = chars.chars_of(&doc.text, (&s.range).into()).unwrap();
                (c.start, c.end, s.label.clone())
            })
            .collect();
        let want: Vec<(usize, usize, String)> = want["ents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e[0].as_u64().unwrap() as usize, e[1].as_u64().unwrap() as usize, e[2].as_str().unwrap().into()))
            .collect();
        assert_eq!(ents, want, "{}", doc.text);
    }
    assert!(bin.not_held.counts.keys().any(|k| k.contains("TAG")), "{:?}", bin.not_held);
    assert!(bin.not_held.counts.keys().any(|k| k.contains("user data")), "{:?}", bin.not_held);
}

#[test]
fn a_zlib_file_that_is_not_a_docbin_says_so() {
    let why = read(&zlib(b"just some text"), "x", Path::new("x.spacy")).unwrap_err().to_string();
    assert!(why.contains("x.spacy") && why.contains("not a spaCy DocBin"), "{why}");
}

#[test]
fn pending_suggestions_never_go_out_and_rejected_spans_only_when_asked() {
    let mut e = entry("Ada met Bob in Paris.".into(), &[(0, 2, false), (8, 2, true)]).unwrap();
    let (id, created) = (e.annotations.next_id(), now());
    let origin = Origin::Engine { engine: "ner".into(), score: 0.9, label: "GPE".into() };
    let range = 15..20;
    e.annotations.put(Span {
        id,
        range,
        label: "GPE".into(),
        status: Status::Pending,
        origin,
        created,
        reviewed: None,
    });
    let mut report = Report::default();
    let bytes = write(&[&e], Selection::default(), &mut report).unwrap();
    let back = read(&bytes, "d", Path::new("d.spacy")).unwrap();
    assert_eq!(read_back(&back.docs[0]), [(0..3, "PERSON".to_string(), Status::Accepted)]);
    assert_eq!(report.spans, 1);
}

#[test]
fn a_docbin_whose_columns_do_not_fit_says_where() {
    let e = entry("Ada met Bob.".into(), &[(0, 2, false)]).unwrap();
    let good = write(&[&e], ALL, &mut Report::default()).unwrap();
    let bad = replaced(message_of(&good), "lengths", Value::Binary(999i32.to_le_bytes().to_vec()));
    let why = read(&bad, "x", Path::new("x.spacy")).unwrap_err().to_string();
    assert!(why.contains("x.spacy") && why.contains("lengths add up to 999 tokens, but it holds 4 tokens"), "{why}");
}
