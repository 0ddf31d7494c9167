//! Claims: who said what. A claim is what is claimed (its *content*), the words that attribute it
//! (the *cue*: said, told, according to, warned, …), who claims it (the *claimant*, a pronoun resolved
//! to the entity it stands for) and how check-worthy it is.
//!
//! Suggestions come from the claim tagger ([`tagger`], trained on PolNeAR; its file: [`model`]), whose
//! roles are put together into claims ([`assemble`]); each claim's claimant is then found, corrected
//! and resolved to the entity it stands for by one ordered list of rules over the claim and the
//! entities as they stand ([`resolve`]), and scored by a check-worthiness classifier ([`checkworthy`],
//! trained on CheckThat! 2024). [`entities`] indexes the entities the claimants are looked for among;
//! [`online`] learns from the analyst's decisions within a document. [`brat`] reads PolNeAR-style
//! data and [`score`] scores suggestions against it.

pub mod assemble;
pub mod brat;
pub mod checkworthy;
pub mod entities;
pub mod model;
pub mod online;
pub mod resolve;
pub mod score;
pub mod tagger;
pub mod train;

use crate::doc::Document;
use crate::suggest::Suggestion;
use crate::tagger::Model;
use crate::tagger::file::FormatError;
use std::ops::Range;

/// A suggested claim, in byte ranges of the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSuggestion {
    /// What is claimed: from its first piece to its last.
    pub content: Range<usize>,
    pub cue: Option<Range<usize>>,
    pub claimant: Option<Claimant>,
    /// How worth checking the claim is (0–1).
    pub checkworthy: f32,
    /// How sure the engine is that this is a claim (0–1).
    pub score: f32,
}

/// Who makes a claim: the words in the text, and — for a pronoun — the entity it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimant {
    pub range: Range<usize>,
    pub refers_to: Option<Range<usize>>,
}

/// Why the claim models (the claim tagger and the check-worthiness classifier) could not be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ModelsError {
    #[error("the claim tagger: {0}")]
    Tagger(FormatError),
    #[error(transparent)]
    Checkworthy(#[from] checkworthy::FormatError),
}

/// The claim engine: the tagger (learning from the analyst's decisions), its lexicon and the
/// check-worthiness classifier.
pub struct ClaimSuggester {
    learner: online::ClaimLearner,
    lex: tagger::ClaimLexicon,
    checkworthy: checkworthy::Classifier,
}

impl ClaimSuggester {
    pub fn new(model: Model, checkworthy: checkworthy::Classifier) -> Self {
        Self { learner: online::ClaimLearner::new(model), lex: tagger::ClaimLexicon::default(), checkworthy }
    }

    /// Perceptron updates made since it was made, in all documents.
    pub fn updates(&self) -> usize {
        self.learner.updates
    }

    /// The model every document starts from.
    pub fn model(&self) -> &Model {
        self.learner.start()
    }

    /// Learns from the analyst's decided claims in a document; returns the sentences learned from.
    pub fn learn(&mut self, doc: &Document, claims: &[crate::annotation::Claim]) -> usize {
        self.learner.learn(&self.lex, doc, claims)
    }

    /// The shipped models (the claim tagger is read once per process; each engine learns on a copy).
    pub fn shipped() -> Result<Self, ModelsError> {
        Ok(Self::new(model::shipped().map_err(ModelsError::Tagger)?.clone(), checkworthy::Classifier::shipped()?))
    }

    /// Claims in a document; `entities` (the entity suggestions or annotations) resolve pronouns.
    pub fn suggest(&self, doc: &Document, entities: &[Suggestion]) -> Vec<ClaimSuggestion> {
        let entities = &entities::Entities::new(entities);
        let roles = tagger::roles(self.learner.model_for(doc), &self.lex, doc);
        let mut claims = assemble::claims(doc, &roles);
        let quoted = tagger::inside_quotes(doc);
        for c in &mut claims {
            resolve::claimant(doc, &quoted, entities, c);
            c.checkworthy = self.checkworthy.score(&doc.text()[c.content.clone()]);
        }
        claims
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    proptest! {
        /// The readers of brat files and check-worthiness models never panic, whatever the bytes.
        #[test]
        fn readers_are_total(bytes in prop::collection::vec(any::<u8>(), 0..600), text in "\\PC{0,80}") {
            let ann = String::from_utf8_lossy(&bytes);
            let _ = super::brat::parse("fuzz", text.clone(), &ann);
            let _ = super::brat::parse("fuzz", text, "T1\tContent 0 3;2 9\tx\nE1\tAttribution:T1 Content:T1 Cue:T7\n");
            let _ = super::checkworthy::Classifier::from_bytes(&bytes);
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Claims found in any text stay inside it, on character boundaries.
        #[test]
        fn claims_stay_inside_the_text(text in "[A-Za-z“”\"., :]{0,200}") {
            static ENGINE: std::sync::OnceLock<super::ClaimSuggester> = std::sync::OnceLock::new();
            let engine = ENGINE.get_or_init(|| super::ClaimSuggester::shipped().expect("the shipped models load"));
            let doc = crate::doc::Document::new(text);
            for c in engine.suggest(&doc, &[]) {
                prop_assert!(doc.text().get(c.content.clone()).is_some());
                prop_assert!(c.cue.is_none_or(|r| doc.text().get(r).is_some()));
            }
        }
    }
}
