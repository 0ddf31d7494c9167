//! The shipped engines as components: the entity tagger (learning from the analyst), the rules, the
//! claim tagger.

use super::component::{Component, Example, Layers, Learned, Trainable};
use crate::claims::{ClaimSuggester, ModelsError};
use crate::doc::Document;
use crate::ner::model::{FormatError, Model};
use crate::ner::online::Learner;
use crate::rules::RuleSuggester;
use crate::suggest::{Engine, Suggester};

impl Component for Learner {
    fn engine(&self) -> Engine {
        self.tagger().engine()
    }

    fn predict(&self, doc: &Document, layers: &mut Layers) {
        layers.propose(self.suggest(doc));
    }
}

impl Trainable for Learner {
    type Error = FormatError;

    fn update(&mut self, examples: &[Example]) -> Learned {
        let mut learned = Learned::default();
        for e in examples {
            let step = self.learn(e.doc, e.spans);
            learned.sentences += step.sentences;
            learned.updates += step.updates;
        }
        learned
    }

    /// Any label: one the model has not seen becomes a new entity type.
    fn add_label(&mut self, label: &str) -> bool {
        self.add_type(label);
        true
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.tagger().to_bytes()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, FormatError> {
        Ok(Learner::new(crate::ner::Tagger::new(Model::from_bytes(bytes)?)))
    }
}

impl Component for RuleSuggester {
    fn engine(&self) -> Engine {
        Suggester::engine(self)
    }

    fn predict(&self, doc: &Document, layers: &mut Layers) {
        layers.propose(self.suggest(doc));
    }
}

impl Component for ClaimSuggester {
    fn engine(&self) -> Engine {
        Engine::Claims
    }

    fn predict(&self, doc: &Document, layers: &mut Layers) {
        let found = self.suggest(doc, layers.entities());
        layers.add_claims(found);
    }
}

impl Trainable for ClaimSuggester {
    type Error = ModelsError;

    /// What is learned stays in the document it was learned in (`claims::online` says why).
    fn update(&mut self, examples: &[Example]) -> Learned {
        let before = self.updates();
        let sentences = examples.iter().map(|e| self.learn(e.doc, e.claims)).sum();
        Learned { sentences, updates: self.updates() - before }
    }

    /// Its roles (claimant, cue, what is claimed) are fixed.
    fn add_label(&mut self, _label: &str) -> bool {
        false
    }

    /// The model every document starts from (what is learned in a document is not kept).
    fn to_bytes(&self) -> Vec<u8> {
        crate::claims::model::to_bytes(self.model())
    }

    /// A claim engine starting every document from this model, with the shipped check-worthiness one.
    fn from_bytes(bytes: &[u8]) -> Result<Self, ModelsError> {
        let model = crate::claims::model::from_bytes(bytes).map_err(ModelsError::Tagger)?;
        Ok(ClaimSuggester::new(model, crate::claims::checkworthy::Classifier::shipped()?))
    }
}
