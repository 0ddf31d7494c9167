//! The engines composed: what they find in any input, the claims they find, and claims resolved
//! against the entities as the analyst left them.

mod claims;

use super::Engines;
use super::component::{Component, Layers, Trainable};
use crate::annotation::{Origin, Span, SpanId, Status, now};
use crate::doc::Document;
use crate::suggest::Engine;

/// The shipped engines, loaded once for all the tests (loading them per case would dominate).
fn shipped() -> &'static Engines {
    static ENGINES: std::sync::LazyLock<Engines> = std::sync::LazyLock::new(|| {
        let (engines, notices) = Engines::shipped();
        assert!(notices.is_empty(), "the shipped models load: {notices:?}");
        engines
    });
    &ENGINES
}

proptest::proptest! {
    /// Whatever the bytes, opening gives an article or an error, and an article can be tokenized,
    /// split and suggested on without panicking.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
        if let Ok(text) = crate::article::decode_article(std::path::Path::new("a.txt"), bytes) {
            let doc = Document::new(text);
            let _ = shipped().entities(&doc);
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_suggesters(text in "(\\PC|[ \n.,’“”\u{a0}A-Z]){0,300}") {
        let doc = Document::new(text);
        let _ = shipped().entities(&doc);
    }
}

/// A span the analyst decided, over `words` in `doc`.
fn decided(doc: &Document, words: &str, label: &str, status: Status) -> Span {
    let at = doc.text().find(words).expect("in the text");
    Span {
        id: SpanId(at as u64),
        range: at..at + words.len(),
        label: label.into(),
        status,
        origin: Origin::Human { by: "analyst".into() },
        created: now(),
        reviewed: None,
    }
}

#[test]
fn every_source_names_its_engine() {
    let engines = shipped();
    let doc = Document::new(include_str!("../../../assets/samples/harbour-strike.txt").to_string());
    let mut layers = Layers::new(&[]);
    for component in engines.entity_components() {
        let before = layers.proposed().len();
        component.predict(&doc, &mut layers);
        let new = &layers.proposed()[before..];
        assert!(!new.is_empty(), "{:?} suggests something in the sample", component.engine());
        for s in new {
            assert_eq!(Engine::of_source(&s.source), Some(component.engine()), "{}", s.source);
        }
    }
}

#[test]
fn a_claimant_refers_to_the_entity_the_analyst_fixed() {
    let doc = Document::new("Kees Koster of Maersk spoke to reporters. “We will not pay,” he said.".into());
    let referent = |standing: &[Span]| {
        let claims = shipped().predict(&doc, standing).claims;
        let refers = claims.iter().find_map(|c| c.claimant.as_ref()?.refers_to.clone());
        refers.map(|r| doc.text()[r].to_string())
    };
    assert_eq!(referent(&[]).as_deref(), Some("Kees Koster of Maersk"), "the machine's entity");
    // The analyst marks the person and the company: the machine's span over both is rejected.
    let mut wrong = decided(&doc, "Kees Koster of Maersk", "PERSON", Status::Rejected);
    wrong.id = SpanId(100);
    let fixed = [
        wrong,
        decided(&doc, "Kees Koster", "PERSON", Status::Accepted),
        decided(&doc, "Maersk", "ORG", Status::Accepted),
    ];
    assert_eq!(referent(&fixed).as_deref(), Some("Kees Koster"));
    // Suggestions the analyst has not decided on yet stand too.
    let pending = [Span { status: Status::Pending, ..decided(&doc, "Kees Koster", "PERSON", Status::Accepted) }];
    assert_eq!(referent(&pending).as_deref(), Some("Kees Koster"));
}

#[test]
fn the_tagger_learns_labels_and_the_claim_tagger_has_fixed_roles() {
    let mut tagger = crate::ner::online::Learner::from_bytes(crate::ner::SHIPPED_MODEL).expect("the shipped model");
    assert_eq!(tagger.engine(), Engine::Tagger);
    assert!(tagger.add_label("WEAPON"));
    let bytes = tagger.to_bytes();
    let again = crate::ner::online::Learner::from_bytes(&bytes).expect("what it wrote reads back");
    assert!(again.tagger().model.tags.types().iter().any(|t| t == "WEAPON"), "the new type is in its file");
    assert!(again.to_bytes() == bytes);

    let mut claims =
        crate::claims::ClaimSuggester::from_bytes(crate::claims::model::SHIPPED).expect("the shipped model");
    assert_eq!(claims.engine(), Engine::Claims);
    assert!(!claims.add_label("WEAPON"), "claimant, cue and content are all it tags");
    let bytes = claims.to_bytes();
    assert!(crate::claims::ClaimSuggester::from_bytes(&bytes).is_ok_and(|c| c.to_bytes() == bytes));
    assert!(
        crate::claims::ClaimSuggester::from_bytes(crate::ner::SHIPPED_MODEL).is_err(),
        "an entity model is not one"
    );
}
