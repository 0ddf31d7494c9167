//! Training the tagger: the averaged structured perceptron ([`Trainer`]), and epochs of it over a data
//! set keeping the best on held-out data ([`fit`]). The entity and claim taggers both train this way;
//! the analyst's corrections go through [`super::replay`].

use super::features::SentenceFeatures;
use super::model::{Model, widen, widen_transitions};
use super::tags::TagSet;

/// Averaged-perceptron training over a model.
pub struct Trainer {
    pub model: Model,
    u: Vec<f32>,
    u_trans: Vec<f32>,
    c: f32,
    /// How far each tag's weights move per update (1 unless [`Trainer::add_type`] said otherwise).
    steps: Vec<f32>,
}

impl Trainer {
    pub fn new(tags: TagSet) -> Self {
        Self::from_model(Model::new(tags))
    }

    /// Continues training from an existing model (online learning starts from the shipped one).
    pub fn from_model(model: Model) -> Self {
        let nt = model.trans.len();
        let tags = model.tags.len();
        Self { model, u: Vec::new(), u_trans: vec![0.0; nt], c: 1.0, steps: vec![1.0; tags] }
    }

    /// Adds a type to the model being trained, whose tags' weights move by `step` per update (a type
    /// new to a trained model has no weights to set against the trained ones; see `ner/online.rs`).
    pub fn add_type(&mut self, name: &str, step: f32) -> usize {
        let old = self.model.tags.len();
        let k = self.model.add_type(name);
        let new = self.model.tags.len();
        if new != old {
            self.u.resize(self.u.len().div_ceil(old) * old, 0.0);
            self.u = widen(&self.u, old, new);
            self.u_trans = widen_transitions(&self.u_trans, old, new);
            self.steps.resize(new, step);
        }
        k
    }

    /// Learns from one sentence; returns whether the prediction was already right.
    pub fn learn(&mut self, feats: &SentenceFeatures, gold: &[usize]) -> bool {
        self.learn_with_margin(feats, gold, &[])
    }

    /// Learns from one sentence until each token's gold tag wins by `margin[i]` (none if empty);
    /// returns whether it already did.
    pub fn learn_with_margin(&mut self, feats: &SentenceFeatures, gold: &[usize], margin: &[f32]) -> bool {
        let pred = if margin.iter().any(|&m| m > 0.0) {
            self.model.decode_against(feats, gold, margin)
        } else {
            self.model.decode(feats)
        };
        if pred == gold {
            self.c += 1.0;
            return true;
        }
        let c = self.c;
        let (u, u_trans) = (&mut self.u, &mut self.u_trans);
        let steps = &self.steps;
        self.model.update(
            feats,
            gold,
            &pred,
            |tag| steps[tag],
            |slot, d| {
                if slot > usize::MAX / 2 {
                    u_trans[usize::MAX - slot] += c * d;
                } else {
                    if slot >= u.len() {
                        u.resize(slot + 1, 0.0);
                    }
                    u[slot] += c * d;
                }
            },
        );
        self.c += 1.0;
        false
    }

    /// The averaged model.
    pub fn finish(mut self) -> Model {
        self.u.resize(self.model.weights.len(), 0.0);
        self.model.average(&self.u, &self.u_trans, self.c);
        self.model
    }

    /// A copy of the averaged model so far (for evaluating on dev between epochs).
    pub fn snapshot(&self) -> Model {
        let mut m = self.model.clone();
        let mut u = self.u.clone();
        u.resize(m.weights.len(), 0.0);
        m.average(&u, &self.u_trans, self.c);
        m
    }
}

/// How [`fit`] trains: epochs over the data, and the seed of the order it goes through them in.
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
}

/// Averaged-perceptron epochs over `examples` (features and gold tags) in a seeded random order.
/// `dev_score` scores a model on held-out data; with it the best-scoring epoch's model is kept,
/// without it the last one. `progress` hears (epoch, share of examples right,
/// dev score). The entity and claim taggers both train this way.
pub fn fit(
    tags: TagSet,
    examples: &[(&SentenceFeatures, &[usize])],
    opts: &TrainOptions,
    mut dev_score: Option<impl FnMut(&Model) -> f64>,
    mut progress: impl FnMut(usize, f64, Option<f64>),
) -> Model {
    let mut trainer = Trainer::new(tags);
    let mut rng = fastrand::Rng::with_seed(opts.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut best: Option<(f64, Model)> = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let right = order.iter().filter(|&&i| trainer.learn(examples[i].0, examples[i].1)).count();
        let acc = right as f64 / examples.len().max(1) as f64;
        let Some(score) = dev_score.as_mut() else {
            progress(epoch, acc, None);
            continue;
        };
        let snapshot = trainer.snapshot();
        let f1 = score(&snapshot);
        progress(epoch, acc, Some(f1));
        if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
            best = Some((f1, snapshot));
        }
    }
    match best {
        Some((_, m)) => m,
        None => trainer.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::tags::O;
    use crate::tagger::toy_features as f;

    fn tags() -> TagSet {
        TagSet::new(["PER", "ORG", "LOC", "MISC"].map(String::from).to_vec())
    }

    #[test]
    fn learns_a_toy_task() {
        let tags = tags();
        let (b_per, i_per, b_loc) = (tags.begin(0), tags.inside(0), tags.begin(2));
        let data = [
            (vec!["Anna", "Berg", "visited", "Oslo", "."], vec![b_per, i_per, O, b_loc, O]),
            (vec!["Tom", "Lee", "left", "Paris", "."], vec![b_per, i_per, O, b_loc, O]),
            (vec!["they", "visited", "Rome", "."], vec![O, O, b_loc, O]),
        ];
        let mut tr = Trainer::new(tags.clone());
        for _ in 0..10 {
            for (w, g) in &data {
                tr.learn(&f(w), g);
            }
        }
        let m = tr.finish();
        assert_eq!(m.decode(&f(&["Anna", "Berg", "left", "Oslo", "."])), vec![b_per, i_per, O, b_loc, O]);
    }

    #[test]
    fn a_new_type_keeps_what_the_model_knew_and_can_be_learned() {
        let tags = tags();
        let (b_per, i_per, b_loc) = (tags.begin(0), tags.inside(0), tags.begin(2));
        let mut tr = Trainer::new(tags);
        for _ in 0..5 {
            tr.learn(&f(&["Anna", "Berg", "visited", "Oslo", "."]), &[b_per, i_per, O, b_loc, O]);
        }
        let mut m = tr.finish();
        let s = f(&["Anna", "Berg", "visited", "Oslo", "."]);
        let before = m.decode(&s);
        let weapon = m.add_type("WEAPON");
        assert_eq!(weapon, 4);
        assert_eq!(m.decode(&s), before, "old predictions unchanged");
        let w = f(&["they", "fired", "a", "Kalashnikov", "."]);
        let gold = [O, O, O, m.tags.begin(weapon), O];
        for _ in 0..3 {
            let pred = m.decode(&w);
            m.update(&w, &gold, &pred, |_| 1.0, |_, _| {});
        }
        assert_eq!(m.decode(&w), gold);
    }

    #[test]
    fn a_margin_keeps_learning_past_the_first_right_answer() {
        let tags = tags();
        let b_loc = tags.begin(2);
        let s = f(&["Oslo", "is", "cold", "."]);
        let gold = [b_loc, O, O, O];
        let lead = |tr: &Trainer| {
            let e = tr.model.emissions(&s);
            let t = tr.model.tags.len();
            e[b_loc] - (0..t).filter(|&y| y != b_loc).map(|y| e[y]).fold(f32::NEG_INFINITY, f32::max)
        };
        let (mut plain, mut held) = (Trainer::new(tags.clone()), Trainer::new(tags));
        while !plain.learn(&s, &gold) {}
        while !held.learn_with_margin(&s, &gold, &[100.0, 0.0, 0.0, 0.0]) {}
        assert!(lead(&plain) > 0.0 && lead(&plain) < 100.0, "{}", lead(&plain));
        assert!(lead(&held) >= 100.0, "{}", lead(&held));
    }
}
