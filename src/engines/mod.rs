//! The engines, composed in one place. Every suggestion Marginalia makes — in the window, when
//! pre-annotating a folder, when importing, on the command line — comes from an [`Engines`], which runs
//! the components in their layer order: the entity tagger and the rules propose entities, their
//! overlaps are resolved, then the claim tagger reads the entities as they stand ([`component`] says
//! what that means). An engine added here reaches all of them.
//!
//! A folder's learned entity model ([`learned`]) is loaded here too, with one fallback: one that
//! cannot be read is left as it is, the shipped model is used, and a [`Notice`] says so; the caller
//! (window or command line) words it. [`worker`] answers the window's requests: suggest, learn from a
//! decision and suggest again, reset.

pub mod component;
mod components;
pub mod learned;
pub mod worker;

#[cfg(test)]
mod tests;

use crate::annotation::Span;
use crate::claims::{ClaimSuggester, ModelsError};
use crate::doc::Document;
use crate::ner::online::Learner;
use crate::rules::RuleSuggester;
use crate::suggest::Suggestion;
use crate::tagger::file::{FormatError, ModelError};
use component::{Analysis, Component, Layers};
use std::path::{Path, PathBuf};

/// What the user should know about the engines. The caller words it.
#[derive(Debug)]
pub enum Notice {
    /// The shipped entity model could not be read: entities come from the rules alone.
    NoEntityModel(FormatError),
    /// The shipped claim models could not be read: no claims.
    NoClaimModels(ModelsError),
    /// A folder's learned entity model could not be read: it was left as it is, and the shipped model
    /// is used instead.
    LearnedUnreadable(ModelError),
    /// What was learned could not be written to the folder (`path`): it stays in memory.
    LearnedUnsaved { path: PathBuf, error: std::io::Error },
    /// The learned models were reset to the shipped ones (no document was open to suggest on again).
    Reset,
}

/// How a window or a worker gets its engines: [`Engines::shipped`], or another set (the window tests
/// give one that does not depend on what the shipped models happen to find).
pub type EngineSet = fn() -> (Engines, Vec<Notice>);

/// The engines, in their layer order.
pub struct Engines {
    /// The entity tagger, learning from the analyst; `None` when the shipped model could not be read.
    tagger: Option<Learner>,
    /// The entity components after the tagger: the rules (and any a caller composes in).
    others: Vec<Box<dyn Component>>,
    /// `None` when the shipped claim models could not be read.
    claims: Option<ClaimSuggester>,
}

impl Engines {
    /// The shipped models and rules, and what could not be loaded.
    pub fn shipped() -> (Self, Vec<Notice>) {
        let mut notices = Vec::new();
        let tagger = Self::shipped_tagger().map_err(|e| notices.push(Notice::NoEntityModel(e))).ok();
        let claims = ClaimSuggester::shipped().map_err(|e| notices.push(Notice::NoClaimModels(e))).ok();
        (Self::new(tagger, vec![Box::new(RuleSuggester::default())], claims), notices)
    }

    /// The same engines with another claim engine (to score a claim model other than the shipped one).
    pub fn with_claims(self, claims: ClaimSuggester) -> Self {
        Self { claims: Some(claims), ..self }
    }

    /// Engines of these parts: the entity tagger that learns (if any), the entity components after it,
    /// in order, and the claim engine (if any).
    pub fn new(tagger: Option<Learner>, others: Vec<Box<dyn Component>>, claims: Option<ClaimSuggester>) -> Self {
        Self { tagger, others, claims }
    }

    /// The shipped entity tagger, ready to learn.
    fn shipped_tagger() -> Result<Learner, FormatError> {
        crate::ner::Tagger::shipped().map(Learner::new)
    }

    /// The engines `start` gives, their entity tagger replaced by what it learned in `folder` if it
    /// learned there (the claim engine as it is: what is learned of claims stays in its document), and
    /// what could not be loaded.
    pub fn for_folder(start: EngineSet, folder: &Path) -> (Self, Vec<Notice>) {
        let (mut engines, mut notices) = start();
        notices.extend(engines.load_learned(folder));
        (engines, notices)
    }

    /// Starts the entity tagger from `folder`'s learned model, if it has one; a notice if it cannot be
    /// read (the tagger is then left as it was).
    fn load_learned(&mut self, folder: &Path) -> Option<Notice> {
        match learned::load(folder) {
            Ok(Some(tagger)) => {
                self.tagger = Some(tagger);
                None
            }
            Ok(None) => None,
            Err(e) => Some(Notice::LearnedUnreadable(e)),
        }
    }

    /// The entity components, in order.
    fn entity_components(&self) -> impl Iterator<Item = &dyn Component> {
        self.tagger.iter().map(|t| t as &dyn Component).chain(self.others.iter().map(|c| c.as_ref()))
    }

    fn propose_entities(&self, doc: &Document, layers: &mut Layers) {
        for component in self.entity_components() {
            component.predict(doc, layers);
        }
    }

    /// What every engine finds in `doc`, for a session that keeps `standing` whatever is suggested
    /// (its spans, or those the suggestions will not replace; none where there is no session).
    pub fn predict(&self, doc: &Document, standing: &[Span]) -> Analysis {
        let mut layers = Layers::new(standing);
        self.propose_entities(doc, &mut layers);
        if let Some(claims) = &self.claims {
            claims.predict(doc, &mut layers);
        }
        layers.into_analysis()
    }

    /// The entity layer alone: what the entity components suggest, overlaps resolved.
    pub fn entities(&self, doc: &Document) -> Vec<Suggestion> {
        let mut layers = Layers::new(&[]);
        self.propose_entities(doc, &mut layers);
        layers.into_analysis().entities
    }
}
