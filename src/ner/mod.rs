//! The statistical entity tagger: the generic sequence tagger ([`crate::tagger`]) over the entity
//! features ([`features`], with the word classes of [`word_classes`] and [`clusters`] and the names
//! learned from the analyst, [`names`]); its model and file ([`model`]), CoNLL's entity types
//! ([`tags`]), CoNLL files ([`conll`]), scoring ([`eval`]), training ([`train`]) and learning from the
//! analyst ([`online`]). A [`Tagger`] is a [`Suggester`]; the `engines` module runs it, as the learner of [`online`] that
//! holds it, beside the rules.

pub mod clusters;
pub mod conll;
pub mod eval;
pub mod features;
pub mod model;
pub mod names;
pub mod online;
pub mod tags;
pub mod train;
pub mod word_classes;

use crate::doc::Document;
use crate::suggest::{Engine, Suggester, Suggestion};
use crate::tagger::SentenceFeatures;
use crate::tagger::file::FormatError;
use features::Lexicon;
use model::Model;
use names::LearnedNames;
use std::sync::Arc;

/// The model shipped in `assets/models/` (see its model card there).
pub const SHIPPED_MODEL: &[u8] = include_bytes!("../../assets/models/ner-news.mgner");

/// A model with the gazetteers its features need, and the names it learned.
#[derive(Clone)]
pub struct Tagger {
    pub model: Arc<crate::tagger::Model>,
    pub names: Arc<LearnedNames>,
    lex: &'static Lexicon,
}

impl Tagger {
    pub fn new(model: Model) -> Self {
        Self { model: Arc::new(model.tagger), names: Arc::new(model.names), lex: Lexicon::shipped() }
    }

    /// The shipped model (read once per process and shared).
    pub fn shipped() -> Result<Self, FormatError> {
        static MODEL: std::sync::LazyLock<Result<Tagger, FormatError>> =
            std::sync::LazyLock::new(|| Model::from_bytes(SHIPPED_MODEL).map(Tagger::new));
        (*MODEL).clone()
    }

    /// Features of every token of a document's sentences (sentence features plus document-level ones).
    pub fn document_features(&self, sentences: &[Vec<&str>]) -> Vec<SentenceFeatures> {
        document_features(self.lex, &self.names, sentences)
    }

    /// IOB2 tag indices for each sentence of a document.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<usize>> {
        self.document_features(sentences).iter().map(|f| self.model.decode(f)).collect()
    }

    /// The model file of this tagger, with its learned names.
    pub fn to_bytes(&self) -> Vec<u8> {
        model::to_bytes(&self.model, &self.names)
    }
}

/// Features of a document's sentences: each sentence's own, plus how its words appear in the document
/// and which of them are names the model learned.
pub fn document_features(lex: &Lexicon, names: &LearnedNames, sentences: &[Vec<&str>]) -> Vec<SentenceFeatures> {
    let lower = features::lowered(sentences);
    let context = features::DocumentContext::new(sentences, &lower, names);
    sentences
        .iter()
        .zip(&lower)
        .enumerate()
        .map(|(k, (words, lower))| features::sentence_features(lex, words, lower, &context, k))
        .collect()
}

/// Runs of consecutive items with the same key (sentences of one document).
pub fn group_by<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        if i == items.len() || key(&items[i]) != key(&items[start]) {
            if i > start {
                out.push(&items[start..i]);
            }
            start = i;
        }
    }
    out
}

/// CoNLL's types under the names of Marginalia's default label set.
pub fn label_for(ty: &str) -> &str {
    match ty {
        "PER" => "PERSON",
        other => other,
    }
}

/// The model's name for an app label (`PERSON` → `PER`; other labels as they are).
pub fn type_for_label(label: &str) -> &str {
    match label {
        "PERSON" => "PER",
        other => other,
    }
}

/// The tagger's entity suggestions for a document, scored by how sure it is of each span's tags.
impl Suggester for Tagger {
    fn engine(&self) -> Engine {
        Engine::Tagger
    }

    fn suggest(&self, doc: &Document) -> Vec<Suggestion> {
        let (model, set) = (&self.model, &self.model.tags);
        let token_ranges: Vec<_> = doc.sentences().iter().map(|s| doc.tokens_in(s)).collect();
        let words: Vec<Vec<&str>> =
            token_ranges.iter().map(|t| t.range().map(|i| doc.token_text(i)).collect()).collect();
        let feats = self.document_features(&words);
        let mut out = Vec::new();
        for (toks, f) in token_ranges.iter().zip(&feats) {
            let tags = model.decode(f);
            let confidence = model.confidences(f, &tags);
            for (ty, a, b) in crate::tagger::tags::spans_of(set, &tags) {
                let (first, last) = (&doc.tokens()[toks.start + a], &doc.tokens()[toks.start + b - 1]);
                let mean = confidence[a..b].iter().sum::<f32>() / (b - a) as f32;
                out.push(Suggestion {
                    range: first.range.start..last.range.end,
                    label: label_for(&set.types()[ty]).to_string(),
                    score: (0.5 + 0.47 * mean).min(0.97),
                    source: "ner/perceptron".to_string(),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    proptest! {
        /// The readers of model, word-class and CoNLL files never panic, whatever the bytes.
        #[test]
        fn readers_are_total(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let _ = super::model::Model::from_bytes(&bytes);
            let text = String::from_utf8_lossy(&bytes);
            let _ = super::clusters::Clusters::from_text(&text);
            let _ = super::word_classes::WordClasses::from_texts(&text, &text, &text);
            let lines = super::conll::parse_lines(&text);
            let _ = super::conll::sentences(std::path::Path::new("fuzz"), &lines, Some(-1));
            let _ = super::conll::sentences(std::path::Path::new("fuzz"), &lines, Some(7));
        }

        #[test]
        fn a_damaged_model_file_is_refused_or_loads(cut in 0usize..4000, byte in any::<u8>()) {
            let mut bytes = super::SHIPPED_MODEL[..4000.min(super::SHIPPED_MODEL.len())].to_vec();
            let i = cut % bytes.len();
            bytes[i] = byte;
            let _ = super::model::Model::from_bytes(&bytes);
        }
    }
}
