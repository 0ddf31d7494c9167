//! Learning from corrections as they arrive, for any tagger built on [`Trainer`]: a few passes over
//! the new examples until they are right, then a revisit of a sample of earlier ones, kept in a
//! bounded memory, so that one correction does not undo another.

use super::features::SentenceFeatures;
use super::model::Model;
use super::train::Trainer;

/// A sentence's features, the tags it should get, and by how much each token's tag must win (a
/// margin makes a correction hold beyond the first right answer; empty: none).
pub struct Example {
    pub features: SentenceFeatures,
    pub gold: Vec<usize>,
    pub margin: Vec<f32>,
}

pub struct Replay {
    trainer: Trainer,
    memory: Vec<Example>,
    rng: fastrand::Rng,
    /// The most examples kept, and how many of them are revisited per step.
    keep: usize,
    revisit: usize,
}

/// How many passes over a step's new examples it may take.
const MAX_PASSES: usize = 3;

impl Replay {
    pub fn new(trainer: Trainer, keep: usize, revisit: usize) -> Self {
        Self { trainer, memory: Vec::new(), rng: fastrand::Rng::with_seed(1), keep, revisit }
    }

    /// The trainer, to add types to the model it trains.
    pub fn trainer_mut(&mut self) -> &mut Trainer {
        &mut self.trainer
    }

    /// The averaged model so far.
    pub fn snapshot(&self) -> Model {
        self.trainer.snapshot()
    }

    /// Learns from new examples; returns how many sentences were wrong (and corrected).
    pub fn learn(&mut self, examples: Vec<Example>) -> usize {
        let mut updates = 0;
        for _ in 0..MAX_PASSES {
            let wrong =
                examples.iter().filter(|e| !self.trainer.learn_with_margin(&e.features, &e.gold, &e.margin)).count();
            updates += wrong;
            if wrong == 0 {
                break;
            }
        }
        let revisit: Vec<usize> = if self.memory.len() <= self.revisit {
            (0..self.memory.len()).collect()
        } else {
            (0..self.revisit).map(|_| self.rng.usize(..self.memory.len())).collect()
        };
        for i in revisit {
            let e = &self.memory[i];
            updates += usize::from(!self.trainer.learn_with_margin(&e.features, &e.gold, &e.margin));
        }
        self.memory.extend(examples);
        let excess = self.memory.len().saturating_sub(self.keep);
        self.memory.drain(..excess);
        updates
    }
}
