//! The tagger's model: a linear scorer over hashed features with tag-transition weights, decoded with
//! Viterbi under the IOB2 constraints, trained as an averaged structured perceptron.
//!
//! Why this model: it is the strongest family of taggers that trains in seconds and tags hundreds of
//! thousands of tokens a second on one core in pure Rust, and a perceptron update is also exactly what
//! "learn from this one correction, now" needs.

use super::features::SentenceFeatures;
use super::names::{LearnedNames, MAX_NAMES};
use super::tags::{O, TagSet};
use crate::feature_hash;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Model {
    pub tags: TagSet,
    index: FxHashMap<u64, u32>,
    /// Row `r` holds the weights of feature `r` for every tag.
    weights: Vec<f32>,
    /// For tagging with a loaded model of CoNLL's 9 tags: each feature's row kept beside its key, so a
    /// lookup touches memory once instead of twice (index, then row). Dropped when weights change.
    packed: Option<Arc<Packed>>,
    /// `(tags + 1) × tags`: the last row is the sentence start.
    trans: Vec<f32>,
    /// Names learned from the analyst, which some features look up (empty in a trained model).
    pub names: LearnedNames,
}

impl Model {
    pub fn new(tags: TagSet) -> Self {
        let t = tags.len();
        Self {
            tags,
            index: FxHashMap::default(),
            weights: Vec::new(),
            packed: None,
            trans: vec![0.0; (t + 1) * t],
            names: LearnedNames::default(),
        }
    }

    /// Adds an entity type (a label the analyst introduced), with no weights yet; returns its index.
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
    fn emissions(&self, feats: &SentenceFeatures) -> Vec<f32> {
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
    fn decode_against(&self, feats: &SentenceFeatures, gold: &[usize], margin: &[f32]) -> Vec<usize> {
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
    fn average(&mut self, u: &[f32], u_trans: &[f32], c: f32) {
        self.packed = None;
        for (w, a) in self.weights.iter_mut().zip(u) {
            *w -= a / c;
        }
        for (w, a) in self.trans.iter_mut().zip(u_trans) {
            *w -= a / c;
        }
    }

    // ---- files ----

    const MAGIC: &'static [u8; 8] = b"MGNER\x00\x00\x01";

    /// Writes the model file atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::store::atomic::write_atomic(path, &self.to_bytes())
    }

    /// The model file: a header, the transitions, then each feature's key and its weights quantized
    /// to 16 bits (features whose weights all round to zero are left out).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(self.index.len() * 30 + 1024);
        buf.extend_from_slice(Self::MAGIC);
        let mut header = serde_json::json!({ "types": self.tags.types(), "feature_hash": feature_hash::SCHEME });
        if !self.names.is_empty() {
            header["names"] = serde_json::json!(self.names.entries());
        }
        let header = header.to_string();
        buf.extend_from_slice(&(header.len() as u32).to_le_bytes());
        buf.extend_from_slice(header.as_bytes());
        let t = self.tags.len();
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / i16::MAX as f32;
        buf.extend_from_slice(&scale.to_le_bytes());
        for w in &self.trans {
            buf.extend_from_slice(&w.to_le_bytes());
        }
        // Stable order: by key, so the same model always gives the same bytes.
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable();
        let mut kept = 0u32;
        let mut body = Vec::with_capacity(rows.len() * (8 + 2 * t));
        for (k, r) in rows {
            let ws = &self.weights[r as usize * t..(r as usize + 1) * t];
            let q: Vec<i16> = ws.iter().map(|w| (w / scale).round() as i16).collect();
            if q.iter().all(|&x| x == 0) {
                continue; // weightless after quantization: prune
            }
            kept += 1;
            body.extend_from_slice(&k.to_le_bytes());
            for x in q {
                body.extend_from_slice(&x.to_le_bytes());
            }
        }
        buf.extend_from_slice(&kept.to_le_bytes());
        buf.extend_from_slice(&body);
        buf
    }

    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let bytes = crate::input::read_file(path, crate::input::MAX_MODEL_FILE)?;
        Self::from_bytes(&bytes).map_err(|why| ModelError::Invalid(path.display().to_string(), why))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != Self::MAGIC {
            return Err("not a Marginalia NER model (or a newer version of one)".into());
        }
        let hlen = r.u32()? as usize;
        let header: serde_json::Value =
            serde_json::from_slice(r.take(hlen)?).map_err(|e| format!("bad header: {e}"))?;
        match header.get("feature_hash").and_then(|v| v.as_str()) {
            Some(feature_hash::SCHEME) => {}
            other => {
                return Err(format!(
                    "its features were hashed with {} (this version reads {}): it was made by an earlier version",
                    other.unwrap_or("an unnamed scheme"),
                    feature_hash::SCHEME
                ));
            }
        }
        let types: Vec<String> = header["types"]
            .as_array()
            .ok_or("header has no types")?
            .iter()
            .map(|v| v.as_str().map(String::from).ok_or("a type is not a string"))
            .collect::<Result<_, _>>()?;
        if types.is_empty() || types.len() > MAX_TYPES {
            return Err(format!("the model has {} entity types (1 to {MAX_TYPES} are allowed)", types.len()));
        }
        let mut model = Model::new(TagSet::new(types));
        // Models trained from data have no learned names; a project's learned model lists them.
        if let Some(names) = header.get("names") {
            let names = names.as_array().ok_or("the learned names are not a list")?;
            if names.len() > MAX_NAMES {
                return Err(format!("the model lists {} learned names (at most {MAX_NAMES})", names.len()));
            }
            let pairs: Vec<(&str, &str)> = names
                .iter()
                .map(|e| match (e.get(0).and_then(|v| v.as_str()), e.get(1).and_then(|v| v.as_str())) {
                    (Some(ty), Some(name)) => Ok((ty, name)),
                    _ => Err("a learned name is not a [type, name] pair".to_string()),
                })
                .collect::<Result<_, _>>()?;
            model.names = LearnedNames::from_entries(pairs);
        }
        let t = model.tags.len();
        let scale = f32::from_le_bytes(r.array()?);
        for w in model.trans.iter_mut() {
            *w = f32::from_le_bytes(r.array()?);
        }
        let n = r.u32()? as usize;
        if n.saturating_mul(8 + 2 * t) > bytes.len() {
            return Err("the feature count is larger than the file".into());
        }
        model.index.reserve(n);
        model.weights = Vec::with_capacity(n * t);
        for row in 0..n {
            let k = u64::from_le_bytes(r.array()?);
            model.index.insert(k, row as u32);
            for _ in 0..t {
                model.weights.push(i16::from_le_bytes(r.array()?) as f32 * scale);
            }
        }
        model.pack(scale);
        Ok(model)
    }

    /// Builds [`Model::packed`] for a model of 9 tags (others, like the claim tagger's 7, tag from rows)
    /// whose weights are multiples of `scale`, as read from a file.
    fn pack(&mut self, scale: f32) {
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
struct Packed {
    rows: FxHashMap<u64, [i16; 9]>,
    scale: f32,
}

/// Row-major weights with `old` tags per row, re-laid out with `new` (the added tags start at zero).
fn widen(v: &[f32], old: usize, new: usize) -> Vec<f32> {
    let rows = v.len() / old.max(1);
    let mut out = vec![0.0; rows * new];
    for r in 0..rows {
        out[r * new..r * new + old].copy_from_slice(&v[r * old..(r + 1) * old]);
    }
    out
}

/// Transition weights `(old + 1) × old` re-laid out as `(new + 1) × new`; the start row stays last.
fn widen_transitions(v: &[f32], old: usize, new: usize) -> Vec<f32> {
    let mut out = vec![0.0; (new + 1) * new];
    for from in 0..=old {
        let row = if from == old { new } else { from };
        out[row * new..row * new + old].copy_from_slice(&v[from * old..(from + 1) * old]);
    }
    out
}

/// More entity types than any label set uses; bounds what a damaged file can make the reader allocate.
const MAX_TYPES: usize = 256;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("the model file is truncated")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        self.take(N)?.try_into().map_err(|_| "the model file is truncated".to_string())
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not a regular file, too large, or unreadable (see [`crate::input`]).
    #[error("the model: {0}")]
    Read(#[from] crate::input::ReadError),
    #[error("{0} is not a usable model: {1}")]
    Invalid(String, String),
}

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

    /// Adds an entity type to the model being trained, whose tags' weights move by `step` per update
    /// (a type new to a trained model has no weights to set against the trained ones; see `online.rs`).
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

#[cfg(test)]
mod tests {
    use super::*;

    fn f(words: &[&str]) -> SentenceFeatures {
        crate::ner::document_features(&crate::ner::features::Lexicon::default(), &Default::default(), &[words.to_vec()])
            .remove(0)
    }

    #[test]
    fn learns_a_toy_task_and_round_trips_through_a_file() {
        let tags = TagSet::conll();
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

        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.tags, m.tags);
        let s = f(&["Tom", "Lee", "visited", "Rome", "."]);
        assert_eq!(back.decode(&s), m.decode(&s), "quantized weights decode the same");
        assert!(back.packed.is_some() && m.packed.is_none(), "a loaded model of 9 tags tags from its packed rows");
        let (packed, rows) = (back.emissions(&s), Model { packed: None, ..back.clone() }.emissions(&s));
        assert!(
            packed.iter().zip(&rows).all(|(a, b)| (a - b).abs() <= 1e-5 * (1.0 + b.abs())),
            "packed rows score the same (up to float rounding): {packed:?} {rows:?}"
        );
        let mut updated = back.clone();
        updated.update(&s, &[O; 5], &back.decode(&s), |_| 100.0, |_, _| {});
        assert!(updated.packed.is_none(), "an update drops the packed rows");
        assert_eq!(updated.decode(&s), vec![O; 5], "and is seen at once");
        assert!(back.to_bytes() == bytes, "save → load → save is the identity");
        let mut learned = back.clone();
        learned.names.add(&["barrel".to_string(), "bomb".to_string()], "WEAPON");
        let again = Model::from_bytes(&learned.to_bytes()).unwrap();
        assert_eq!(again.names.entries(), vec![("WEAPON", "barrel bomb")], "learned names travel with the model");
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
        // A model of an earlier version, whose keys came from another hash, is refused, not misread.
        let field = br#""feature_hash":"fnv1a-64","#;
        let at = bytes.windows(field.len()).position(|w| w == field).expect("the header names its hash");
        let mut earlier = bytes.clone();
        earlier[at..at + field.len()].fill(b' ');
        let Err(why) = Model::from_bytes(&earlier) else { panic!("a model of an earlier hash loaded") };
        assert!(why.contains("an unnamed scheme") && why.contains("fnv1a-64"), "{why}");
    }

    #[test]
    fn a_new_type_keeps_what_the_model_knew_and_can_be_learned() {
        let tags = TagSet::conll();
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
        let tags = TagSet::conll();
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

    #[test]
    fn decoding_never_puts_inside_after_outside() {
        let tags = TagSet::conll();
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
