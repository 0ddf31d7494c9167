//! The tagger's model: a linear scorer over hashed features with tag-transition weights, decoded with
//! Viterbi under the IOB2 constraints, trained as an averaged structured perceptron ([`super::train`]).
//!
//! Why this model: it is the strongest family of taggers that trains in seconds and tags hundreds of
//! thousands of tokens a second on one core in pure Rust, and a perceptron update is also exactly what
//! "learn from this one correction, now" needs.

use super::features::SentenceFeatures;
use super::tags::{O, TagSet};
use rustc_hash::FxHashMap;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Model {
    pub tags: TagSet,
    pub(super) index: FxHashMap<u64, u32>,
    /// Row `r` holds the weights of feature `r` for every tag.
    pub(super) weights: Vec<f32>,
    /// For tagging with a loaded model of 9 tags (CoNLL's): each feature's row kept beside its key, so
    /// a lookup touches memory once instead of twice (index, then row). Dropped when weights change.
    pub(super) packed: Option<Arc<Packed>>,
    /// `(tags + 1) × tags`: the last row is the sentence start.
    pub(super) trans: Vec<f32>,
}

impl Model {
    pub fn new(tags: TagSet) -> Self {
        let t = tags.len();
        Self { tags, index: FxHashMap::default(), weights: Vec::new(), packed: None, trans: vec![0.0; (t + 1) * t] }
    }

    /// Adds a type (a label the analyst introduced), with no weights yet; returns its index.
    /// Existing tags keep their indices: the new type's `B`/`I` come last.
    pub fn add_type(&mut self, name: &str) -> usize {
        if let Some(k) = self.tags.types().iter().position(|t| t == name) {
            return k;
        }
        let old = self.tags.len();
        let mut types = self.tags.types().to_vec();
        types.push(name.to_string());
        self.tags = TagSet::new(types);
        let new = self.tags.len();
        self.weights = widen(&self.weights, old, new);
        self.packed = None;
        self.trans = widen_transitions(&self.trans, old, new);
        self.tags.types().len() - 1
    }

    pub fn num_features(&self) -> usize {
        self.index.len()
    }

    fn row(&self, f: u64) -> Option<usize> {
        self.index.get(&f).map(|&r| r as usize)
    }

    /// The row of a feature, created (zeroed) if new.
    fn row_mut(&mut self, f: u64) -> usize {
        self.packed = None;
        let t = self.tags.len();
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next) as usize;
        if (r + 1) * t > self.weights.len() {
            self.weights.resize((r + 1) * t, 0.0);
        }
        r
    }

    fn trans_at(&self, from: Option<usize>, to: usize) -> f32 {
        let t = self.tags.len();
        self.trans[from.unwrap_or(t) * t + to]
    }

    /// Emission scores, `n × tags`. The hot loop of tagging: the rows of a token's features are looked
    /// up first (independent lookups the processor overlaps), then summed; CoNLL's 9 tags get a
    /// fixed-width sum the compiler vectorises.
    pub(super) fn emissions(&self, feats: &SentenceFeatures) -> Vec<f32> {
        let t = self.tags.len();
        let mut e = vec![0.0; feats.len() * t];
        if let Some(packed) = &self.packed {
            for (fs, out) in feats.tokens().zip(e.chunks_exact_mut(9)) {
                let mut sum = [0i32; 9];
                for w in fs.iter().filter_map(|f| packed.rows.get(f)) {
                    for k in 0..9 {
                        sum[k] += i32::from(w[k]);
                    }
                }
                for (o, s) in out.iter_mut().zip(sum) {
                    *o = s as f32 * packed.scale;
                }
            }
            return e;
        }
        let mut rows = Vec::with_capacity(64);
        for (i, fs) in feats.tokens().enumerate() {
            rows.clear();
            rows.extend(fs.iter().filter_map(|&f| self.row(f)));
            let out = &mut e[i * t..(i + 1) * t];
            match <&mut [f32; 9]>::try_from(&mut *out) {
                Ok(out) => {
                    for &r in &rows {
                        if let Ok(w) = <&[f32; 9]>::try_from(&self.weights[r * 9..(r + 1) * 9]) {
                            for k in 0..9 {
                                out[k] += w[k];
                            }
                        }
                    }
                }
                Err(_) => {
                    for &r in &rows {
                        for (o, w) in out.iter_mut().zip(&self.weights[r * t..(r + 1) * t]) {
                            *o += w;
                        }
                    }
                }
            }
        }
        e
    }

    /// How sure the model is of each chosen tag: the softmax of the emission scores at each token.
    pub fn confidences(&self, feats: &SentenceFeatures, tags: &[usize]) -> Vec<f32> {
        let t = self.tags.len();
        let e = self.emissions(feats);
        tags.iter()
            .enumerate()
            .map(|(i, &y)| {
                let row = &e[i * t..(i + 1) * t];
                let max = row.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x));
                let z: f32 = row.iter().map(|&x| (x - max).exp()).sum();
                (row[y] - max).exp() / z
            })
            .collect()
    }

    /// The best tag sequence that respects IOB2 (no `I-X` after `O` or another type).
    pub fn decode(&self, feats: &SentenceFeatures) -> Vec<usize> {
        self.decode_emissions(feats.len(), self.emissions(feats))
    }

    /// The best sequence once every tag but `gold[i]` at token `i` gets `margin[i]` more: the
    /// sequence training must beat by that margin (cost-augmented decoding).
    pub(super) fn decode_against(&self, feats: &SentenceFeatures, gold: &[usize], margin: &[f32]) -> Vec<usize> {
        let t = self.tags.len();
        let mut e = self.emissions(feats);
        for ((i, &g), &m) in gold.iter().enumerate().zip(margin) {
            for y in (0..t).filter(|&y| y != g) {
                e[i * t + y] += m;
            }
        }
        self.decode_emissions(feats.len(), e)
    }

    fn decode_emissions(&self, n: usize, e: Vec<f32>) -> Vec<usize> {
        let t = self.tags.len();
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![f32::NEG_INFINITY; n * t];
        let mut back = vec![0usize; n * t];
        for y in 0..t {
            if self.tags.allowed(None, y) {
                score[y] = e[y] + self.trans_at(None, y);
            }
        }
        for i in 1..n {
            for y in 0..t {
                let mut best = (f32::NEG_INFINITY, O);
                for p in 0..t {
                    let prev = score[(i - 1) * t + p];
                    if prev == f32::NEG_INFINITY || !self.tags.allowed(Some(p), y) {
                        continue;
                    }
                    let s = prev + self.trans_at(Some(p), y);
                    if s > best.0 {
                        best = (s, p);
                    }
                }
                score[i * t + y] = best.0 + e[i * t + y];
                back[i * t + y] = best.1;
            }
        }
        let mut y = (0..t).max_by(|&a, &b| score[(n - 1) * t + a].total_cmp(&score[(n - 1) * t + b])).unwrap_or(O);
        let mut out = vec![O; n];
        for i in (0..n).rev() {
            out[i] = y;
            y = back[i * t + y];
        }
        out
    }

    /// Adds `delta` to the weights that score `tag` at position `i` (and the transition into it).
    fn nudge(&mut self, feats: &[u64], tag: usize, prev: Option<usize>, delta: f32, mut also: impl FnMut(usize, f32)) {
        let t = self.tags.len();
        for &f in feats {
            let r = self.row_mut(f);
            self.weights[r * t + tag] += delta;
            also(r * t + tag, delta);
        }
        let k = prev.unwrap_or(t) * t + tag;
        self.trans[k] += delta;
        also(usize::MAX - k, delta);
    }

    /// One perceptron step towards `gold` away from `pred`, of `step(tag)` for each tag's weights;
    /// `record` sees every (weight slot, delta) (transition slots as `usize::MAX - k`), for averaging.
    pub fn update(
        &mut self,
        feats: &SentenceFeatures,
        gold: &[usize],
        pred: &[usize],
        step: impl Fn(usize) -> f32,
        mut record: impl FnMut(usize, f32),
    ) {
        for i in 0..gold.len() {
            let (pg, pp) = (i.checked_sub(1).map(|j| gold[j]), i.checked_sub(1).map(|j| pred[j]));
            if gold[i] != pred[i] || pg != pp {
                self.nudge(feats.token(i), gold[i], pg, step(gold[i]), &mut record);
                self.nudge(feats.token(i), pred[i], pp, -step(pred[i]), &mut record);
            }
        }
    }

    /// Applies averaged weights: `w - u / c` (the standard trick for the averaged perceptron).
    pub(super) fn average(&mut self, u: &[f32], u_trans: &[f32], c: f32) {
        self.packed = None;
        for (w, a) in self.weights.iter_mut().zip(u) {
            *w -= a / c;
        }
        for (w, a) in self.trans.iter_mut().zip(u_trans) {
            *w -= a / c;
        }
    }

    /// Builds [`Model::packed`] for a model of 9 tags (others, like the claim tagger's 7, tag from rows)
    /// whose weights are multiples of `scale`, as read from a file.
    pub(super) fn pack(&mut self, scale: f32) {
        if self.tags.len() != 9 {
            return;
        }
        let quantized = |r: u32| -> Option<[i16; 9]> {
            let ws = self.weights.get(r as usize * 9..r as usize * 9 + 9)?;
            Some(std::array::from_fn(|k| (ws[k] / scale).round() as i16))
        };
        let rows = self.index.iter().filter_map(|(&f, &r)| Some((f, quantized(r)?))).collect();
        self.packed = Some(Arc::new(Packed { rows, scale }));
    }
}

/// A loaded model's weights laid out for tagging: each feature's 9 weights as the file stores them,
/// 16-bit multiples of `scale`, beside its key (32 bytes a feature instead of 48 for 9 floats),
/// summed in integers.
#[derive(Debug)]
pub(super) struct Packed {
    rows: FxHashMap<u64, [i16; 9]>,
    scale: f32,
}

/// Row-major weights with `old` tags per row, re-laid out with `new` (the added tags start at zero).
pub(super) fn widen(v: &[f32], old: usize, new: usize) -> Vec<f32> {
    let rows = v.len() / old.max(1);
    let mut out = vec![0.0; rows * new];
    for r in 0..rows {
        out[r * new..r * new + old].copy_from_slice(&v[r * old..(r + 1) * old]);
    }
    out
}

/// Transition weights `(old + 1) × old` re-laid out as `(new + 1) × new`; the start row stays last.
pub(super) fn widen_transitions(v: &[f32], old: usize, new: usize) -> Vec<f32> {
    let mut out = vec![0.0; (new + 1) * new];
    for from in 0..=old {
        let row = if from == old { new } else { from };
        out[row * new..row * new + old].copy_from_slice(&v[from * old..(from + 1) * old]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::toy_features as f;

    #[test]
    fn decoding_never_puts_inside_after_outside() {
        let tags = TagSet::new(["PER", "ORG", "LOC", "MISC"].map(String::from).to_vec());
        let mut m = Model::new(tags.clone());
        // Make I-PER look best everywhere; Viterbi must still produce a valid sequence.
        let feats = f(&["a", "b", "c"]);
        let i_per = tags.inside(0);
        for fs in feats.tokens() {
            m.nudge(fs, i_per, None, 5.0, |_, _| {});
        }
        let out = m.decode(&feats);
        let mut prev = None;
        for &y in &out {
            assert!(tags.allowed(prev, y), "{out:?}");
            prev = Some(y);
        }
    }
}
