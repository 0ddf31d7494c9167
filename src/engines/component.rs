//! The shape every engine has, after spaCy's `TrainablePipe`: a [`Component`] predicts what it finds in
//! a document from what the components before it found ([`Layers`]); a [`Trainable`] one also learns
//! from the analyst's decisions ([`Trainable::update`]), takes new labels ([`Trainable::add_label`])
//! and is written to and read from bytes. The rules cannot learn: they are a `Component` only.
//!
//! The layers, in order: entities (the entity tagger, then the rules, each proposing; then their
//! overlaps resolved), then claims. A claim component reads the entities *as they stand*: the analyst's
//! (accepted, corrected, hand-made, still pending), then the machine's where the analyst has none — so
//! that a claimant links to the entity the analyst fixed, not to the one the machine first proposed.

use crate::annotation::{Claim, Span, Status};
use crate::claims::ClaimSuggestion;
use crate::doc::Document;
use crate::offsets::Covered;
use crate::suggest::{Engine, Suggestion, resolve_overlaps};

pub trait Component: Send + Sync {
    /// The engine it is (what the sources of its suggestions name).
    fn engine(&self) -> Engine;
    /// Adds what it finds in `doc` to `layers`, reading what the components before it found.
    fn predict(&self, doc: &Document, layers: &mut Layers);
}

/// A document and the analyst's annotations in it as they stand: what a component learns from.
pub struct Example<'a> {
    pub doc: &'a Document,
    /// The document's spans (any status: pending ones teach nothing).
    pub spans: &'a [Span],
    pub claims: &'a [Claim],
}

/// What an update learned from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Learned {
    /// Sentences holding a decision the component learns from.
    pub sentences: usize,
    /// Sentences whose prediction was corrected.
    pub updates: usize,
}

pub trait Trainable: Component + Sized {
    type Error: std::error::Error;
    /// Learns from the analyst's decisions in `examples`.
    fn update(&mut self, examples: &[Example]) -> Learned;
    /// Makes `label` one it can propose; `false` for a component whose labels are fixed.
    fn add_label(&mut self, label: &str) -> bool;
    /// What it learned, as its model file.
    fn to_bytes(&self) -> Vec<u8>;
    /// A component from its model file.
    fn from_bytes(bytes: &[u8]) -> Result<Self, Self::Error>;
}

/// What a document's components found so far, as the next one reads it.
pub struct Layers<'a> {
    /// The spans that stay in the analyst's session whatever the machine suggests (any status).
    standing: &'a [Span],
    /// What the entity components proposed, in their order.
    proposed: Vec<Suggestion>,
    /// The entity layer, once a component asked for it: the machine's suggestions (overlaps resolved)
    /// and the entities as they stand.
    resolved: Option<(Vec<Suggestion>, Vec<Suggestion>)>,
    claims: Vec<ClaimSuggestion>,
}

/// What the components found in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// The machine's entity suggestions, in document order, none overlapping.
    pub entities: Vec<Suggestion>,
    /// Its claims, their claimants resolved against the entities as they stand.
    pub claims: Vec<ClaimSuggestion>,
}

impl<'a> Layers<'a> {
    /// Layers for a document whose session keeps `standing` (empty where there is no session).
    pub fn new(standing: &'a [Span]) -> Self {
        Self { standing, proposed: Vec::new(), resolved: None, claims: Vec::new() }
    }

    /// What the entity components before this one proposed.
    pub fn proposed(&self) -> &[Suggestion] {
        &self.proposed
    }

    /// Adds an entity component's proposals.
    pub fn propose(&mut self, found: Vec<Suggestion>) {
        self.proposed.extend(found);
        self.resolved = None;
    }

    /// The entities as they stand: the analyst's standing spans but the rejected ones, then the
    /// machine's suggestions where no standing span is (as the session adds them), in document order.
    pub fn entities(&mut self) -> &[Suggestion] {
        &self.resolve().1
    }

    /// Adds a claim component's claims.
    pub fn add_claims(&mut self, found: Vec<ClaimSuggestion>) {
        self.claims.extend(found);
    }

    pub fn into_analysis(mut self) -> Analysis {
        self.resolve();
        let (entities, _) = self.resolved.unwrap_or_default();
        Analysis { entities, claims: self.claims }
    }

    fn resolve(&mut self) -> &(Vec<Suggestion>, Vec<Suggestion>) {
        let (standing, proposed) = (self.standing, &self.proposed);
        self.resolved.get_or_insert_with(|| {
            let machine = resolve_overlaps(proposed.clone());
            let stand = as_they_stand(standing, &machine);
            (machine, stand)
        })
    }
}

/// The standing spans (but rejected ones) as entities, and the machine's where none is.
fn as_they_stand(standing: &[Span], machine: &[Suggestion]) -> Vec<Suggestion> {
    if standing.is_empty() {
        return machine.to_vec();
    }
    let taken = Covered::new(standing.iter().map(|s| s.range.clone()));
    let analysts = standing.iter().filter(|s| s.status != Status::Rejected).map(|s| Suggestion {
        range: s.range.clone(),
        label: s.label.clone(),
        score: s.score().unwrap_or(1.0),
        source: match &s.origin {
            crate::annotation::Origin::Engine { engine, .. } => engine.clone(),
            crate::annotation::Origin::Human { .. } => "analyst".into(),
        },
    });
    let mut all: Vec<Suggestion> =
        analysts.chain(machine.iter().filter(|m| !taken.overlaps(&m.range)).cloned()).collect();
    all.sort_by_key(|s| s.range.start);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::human_span;
    use std::ops::Range;

    fn span(range: Range<usize>, label: &str, status: Status) -> Span {
        human_span(range.start as u64, range, label, status)
    }

    fn machine(range: Range<usize>, label: &str) -> Suggestion {
        Suggestion { range, label: label.into(), score: 0.9, source: "ner/perceptron".into() }
    }

    #[test]
    fn the_entities_as_they_stand_are_the_analysts_then_the_machines_where_free() {
        let standing = [span(0..8, "ORG", Status::Accepted), span(20..25, "PERSON", Status::Rejected)];
        let mut layers = Layers::new(&standing);
        layers.propose(vec![machine(0..4, "PERSON"), machine(10..15, "LOC"), machine(21..25, "PERSON")]);
        let stand: Vec<(Range<usize>, String)> =
            layers.entities().iter().map(|e| (e.range.clone(), e.label.clone())).collect();
        assert_eq!(stand, vec![(0..8, "ORG".into()), (10..15, "LOC".into())], "nothing over a rejection either");
        assert_eq!(layers.into_analysis().entities.len(), 3, "the machine's own suggestions are all there");
    }

    #[test]
    fn with_nothing_standing_the_entities_are_the_machines() {
        let mut layers = Layers::new(&[]);
        layers.propose(vec![machine(5..9, "LOC"), machine(0..4, "PERSON"), machine(2..6, "ORG")]);
        let machine_only = resolve_overlaps(layers.proposed().to_vec());
        assert_eq!(layers.entities(), machine_only.as_slice());
    }
}
