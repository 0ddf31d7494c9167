//! Claims: who said what. A claim is what is claimed (its *content*), the words that attribute it
//! (the *cue*: said, told, according to, warned, …), who claims it (the *claimant*, a pronoun resolved
//! to the entity it stands for) and how check-worthy it is.
//!
//! Suggestions come from the claim tagger ([`tagger`], trained on PolNeAR) whose roles are put
//! together into claims here ([`assemble`]), pronouns resolved by [`resolve`], and a check-worthiness
//! classifier ([`checkworthy`], trained on CheckThat! 2024). [`brat`] reads PolNeAR-style data and
//! [`score`] scores suggestions against it.

pub mod assemble;
pub mod brat;
pub mod checkworthy;
pub mod resolve;
pub mod score;
pub mod tagger;
pub mod train;

use crate::doc::Document;
use crate::ner::model::Model;
use crate::suggest::Suggestion;
use std::ops::Range;

/// The claim model shipped in `assets/models/` (see its model card there).
pub const SHIPPED_MODEL: &[u8] = include_bytes!("../../assets/models/claims-polnear.mgner");

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

/// The claim engine: the tagger, its lexicon and the check-worthiness classifier.
pub struct ClaimSuggester {
    model: Model,
    lex: tagger::ClaimLexicon,
    checkworthy: checkworthy::Classifier,
}

impl ClaimSuggester {
    pub fn new(model: Model, checkworthy: checkworthy::Classifier) -> Self {
        Self { model, lex: tagger::ClaimLexicon::default(), checkworthy }
    }

    /// The shipped models.
    pub fn shipped() -> Result<Self, String> {
        Ok(Self::new(Model::from_bytes(SHIPPED_MODEL)?, checkworthy::Classifier::shipped()?))
    }

    /// Claims in a document; `entities` (the entity suggestions or annotations) resolve pronouns.
    pub fn suggest(&self, doc: &Document, entities: &[Suggestion]) -> Vec<ClaimSuggestion> {
        let roles = tagger::roles(&self.model, &self.lex, doc);
        let mut claims = assemble::claims(doc, &roles);
        for c in &mut claims {
            if let Some(who) = &mut c.claimant {
                who.refers_to = resolve::antecedent(doc, who.range.clone(), entities);
            }
            c.checkworthy = self.checkworthy.score(&doc.text()[c.content.clone()]);
        }
        claims
    }
}
