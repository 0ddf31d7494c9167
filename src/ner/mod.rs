//! The statistical entity tagger: features ([`features`]), an averaged-perceptron model decoded with
//! Viterbi ([`model`]), IOB2 tags ([`tags`]), CoNLL files ([`conll`]), scoring ([`eval`]) and training
//! ([`train`]). [`NerSuggester`] plugs it into the suggestion pipeline beside the rules.

pub mod conll;
pub mod eval;
pub mod features;
pub mod model;
pub mod tags;
pub mod train;

use crate::doc::Document;
use crate::suggest::gazetteer::Gazetteer;
use crate::suggest::{Suggester, Suggestion};
use model::Model;
use std::sync::Arc;

/// The model shipped in `assets/models/` (see its model card there).
pub const SHIPPED_MODEL: &[u8] = include_bytes!("../../assets/models/ner-conll.mgner");

/// A model with the gazetteers its features need.
#[derive(Clone)]
pub struct Tagger {
    pub model: Arc<Model>,
    gaz: Arc<Gazetteer>,
}

impl Tagger {
    pub fn new(model: Model) -> Self {
        Self { model: Arc::new(model), gaz: Arc::new(Gazetteer::default()) }
    }

    /// The shipped model.
    pub fn shipped() -> Result<Self, String> {
        Ok(Self::new(Model::from_bytes(SHIPPED_MODEL)?))
    }

    pub fn features(&self, words: &[&str]) -> Vec<Vec<u64>> {
        features::sentence_features(&self.gaz, words, &[])
    }

    /// IOB2 tag indices for a sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        self.model.decode(&self.features(words))
    }
}

/// CoNLL's types under the names of Marginalia's default label set.
pub fn label_for(ty: &str) -> &str {
    match ty {
        "PER" => "PERSON",
        other => other,
    }
}

/// The tagger as a suggestion engine.
pub struct NerSuggester {
    tagger: Tagger,
}

impl NerSuggester {
    pub fn new(tagger: Tagger) -> Self {
        Self { tagger }
    }
}

impl Suggester for NerSuggester {
    fn id(&self) -> &str {
        "ner"
    }

    fn suggest(&self, doc: &Document) -> Vec<Suggestion> {
        let set = &self.tagger.model.tags;
        let mut out = Vec::new();
        for sentence in doc.sentences() {
            let toks = doc.tokens_in(sentence.clone());
            let words: Vec<&str> = toks.clone().map(|i| doc.token_text(i)).collect();
            let feats = self.tagger.features(&words);
            let tags = self.tagger.model.decode(&feats);
            let confidence = self.tagger.model.confidences(&feats, &tags);
            for (ty, a, b) in tags::spans_of(set, &tags) {
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
