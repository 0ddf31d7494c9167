//! Learning claims from the analyst, as the entity tagger does: each decided claim becomes a
//! perceptron update of a project copy of the claim tagger, and the document's pending claims are
//! suggested again.
//!
//! What a decision teaches, in each sentence it touches: an accepted claim's content, cue and
//! claimant are those roles; a rejected claim's words are no role at all; the other words keep what
//! the model already said of them (the analyst has not spoken about them).
//!
//! **What is learned stays in the document it was learned in.** Replayed on PolNeAR dev
//! (`cargo bench --bench claims_learning`), every way of carrying what was learned to other
//! documents tried so far (steps of 1 down to 0.02, with and without revisiting earlier decisions,
//! each sentence learned once, accepted suggestions teaching nothing, a model that had to beat the
//! shipped one on the documents the analyst finished before other documents got it) made the tagger
//! suggest more claims on unseen documents and lowered their F1 below the shipped model's (see the
//! model card). So learning starts from the shipped model in each document the analyst decides
//! claims in, shapes the suggestions of that document only, and every other document is suggested
//! with the shipped model. The decisions themselves are in the annotation files, for training a
//! better model offline.

use super::tagger::{self, CONTENT, CUE, ClaimLexicon, SOURCE};
use crate::annotation::{Claim, Status};
use crate::doc::Document;
use crate::tagger::Model;
use crate::tagger::replay::{Example, Replay};
use crate::tagger::tags::{O, TagSet};
use crate::tagger::train::Trainer;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Earlier decisions kept, and how many are revisited per step.
const MEMORY: usize = 2000;
const REVISIT: usize = 200;

pub struct ClaimLearner {
    /// The model every document starts from (the shipped one).
    start: Model,
    /// The document being learned from (its text's hash), what learns from it and what it learned.
    here: Option<(u64, Replay, Model)>,
    /// Perceptron updates made since the model was loaded.
    pub updates: usize,
}

fn text_key(doc: &Document) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    doc.text().hash(&mut h);
    h.finish()
}

impl ClaimLearner {
    /// A learner starting from `model` (the shipped model) in every document.
    pub fn new(model: Model) -> Self {
        Self { start: model, here: None, updates: 0 }
    }

    /// The model every document starts from.
    pub fn start(&self) -> &Model {
        &self.start
    }

    /// The model to suggest with in `doc`: what was learned in it, if it is the document being
    /// learned from; else the starting model.
    pub fn model_for(&self, doc: &Document) -> &Model {
        match &self.here {
            Some((key, _, learned)) if *key == text_key(doc) => learned,
            _ => &self.start,
        }
    }

    /// Learns from the decided claims of a document; returns how many sentences it learned from.
    pub fn learn(&mut self, lex: &ClaimLexicon, doc: &Document, claims: &[Claim]) -> usize {
        let decided: Vec<&Claim> = claims.iter().filter(|c| c.status != Status::Pending).collect();
        if decided.is_empty() {
            return 0;
        }
        let key = text_key(doc);
        if self.here.as_ref().is_none_or(|(k, _, _)| *k != key) {
            // A new document starts again from the starting model (the module docs say why).
            let trainer = Trainer::from_model(self.start.clone());
            self.here = Some((key, Replay::new(trainer, MEMORY, REVISIT), self.start.clone()));
        }
        let Some((_, replay, learned)) = self.here.as_mut() else { return 0 };
        let sentences = tagger::sentence_tokens(doc);
        let touched: Vec<usize> = (0..sentences.len())
            .filter(|&k| {
                let bytes = doc.bytes_of_tokens(sentences[k]);
                decided.iter().any(|c| c.extent().start < bytes.end && c.extent().end > bytes.start)
            })
            .collect();
        let chosen: Vec<_> = touched.iter().map(|&k| sentences[k]).collect();
        let feats = lex.features(doc, &chosen);
        let examples: Vec<Example> = feats
            .into_iter()
            .zip(&chosen)
            .map(|(f, toks)| {
                let gold = gold(&learned.tags, doc, &decided, *toks, &learned.decode(&f));
                Example { features: f, gold, margin: Vec::new() }
            })
            .collect();
        self.updates += replay.learn(examples);
        *learned = replay.snapshot();
        touched.len()
    }
}

/// The role tags of one sentence (`toks`) given the decided claims (see the module docs).
fn gold(
    set: &TagSet,
    doc: &Document,
    decided: &[&Claim],
    toks: crate::offsets::TokenRange,
    predicted: &[usize],
) -> Vec<usize> {
    let mut gold = predicted.to_vec();
    let mut mark = |range: &Range<usize>, tag: Option<usize>| {
        let inside = doc.tokens_in(range.clone());
        for (n, i) in (inside.start.max(toks.start)..inside.end.min(toks.end)).enumerate() {
            gold[i - toks.start] = match tag {
                None => O,
                Some(role) if n == 0 && i == inside.start => set.begin(role),
                Some(role) => set.inside(role),
            };
        }
    };
    for c in decided {
        let accepted = c.status == Status::Accepted;
        let role = |r: usize| accepted.then_some(r);
        mark(&c.content, role(CONTENT));
        if let Some(cue) = &c.cue {
            mark(cue, role(CUE));
        }
        if let Some(who) = &c.claimant {
            mark(&who.range, role(SOURCE));
        }
    }
    set.to_iob2(&mut gold);
    gold
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{ClaimId, Claimant, Origin, now};

    fn claim(doc: &Document, content: &str, cue: &str, who: &str, status: Status) -> Claim {
        let at = |w: &str| {
            let a = doc.text().find(w).expect("in the text");
            a..a + w.len()
        };
        Claim {
            id: ClaimId(1),
            content: at(content),
            pieces: Vec::new(),
            cue: Some(at(cue)),
            claimant: Some(Claimant { range: at(who), entity: None }),
            checkworthy: None,
            checkworthy_by_hand: None,
            status,
            origin: Origin::Human { by: "t".into() },
            created: now(),
            reviewed: None,
        }
    }

    #[test]
    fn what_is_learned_in_a_document_shapes_its_claims_and_no_other_documents() {
        let mut engine = super::super::ClaimSuggester::shipped().expect("the shipped models load");
        let doc =
            Document::new("The harbour master reckoned the cranes were idle. The weather stayed calm all week.".into());
        let taught = claim(&doc, "the cranes were idle", "reckoned", "The harbour master", Status::Accepted);
        let wrong = claim(&doc, "all week", "stayed", "The weather", Status::Rejected);
        let text = |r: &Range<usize>| doc.text()[r.clone()].to_string();
        let before = engine.suggest(&doc, &[]);
        assert!(!before.iter().any(|c| text(&c.content) == "the cranes were idle"), "the shipped model misses it");
        for _ in 0..2 {
            engine.learn(&doc, &[taught.clone(), wrong.clone()]);
        }
        assert!(engine.updates() > 0);
        let found = engine.suggest(&doc, &[]);
        assert!(found.iter().any(|c| text(&c.content) == "the cranes were idle"), "{found:?}");
        assert!(!found.iter().any(|c| text(&c.content).contains("all week")), "{found:?}");

        // Another document is suggested with the shipped model, and learning there starts afresh.
        let shipped = super::super::ClaimSuggester::shipped().expect("the shipped models load");
        let other = Document::new("The port captain reckoned the ships were late. The wind stayed calm.".into());
        assert_eq!(engine.suggest(&other, &[]), shipped.suggest(&other, &[]), "nothing carried to another document");
        engine.learn(&other, &[claim(&other, "calm", "stayed", "The wind", Status::Rejected)]);
        assert_eq!(engine.suggest(&doc, &[]), shipped.suggest(&doc, &[]), "and back in the first, it starts again");
    }
}
