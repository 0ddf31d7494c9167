//! Check-worthiness: is this a factual statement worth checking? A logistic regression over the
//! sentence's words, word pairs, word clusters and the shapes of its numbers, trained on CheckThat!
//! 2024 (ClaimBuster's debate sentences), with the decision threshold chosen on its dev split.
//!
//! The file (`assets/models/checkworthy.mgcw`): magic, bias, threshold, feature count, then
//! (key, weight) pairs in key order, little-endian.

use crate::feature_hash;
use crate::ner::features::{Lexicon, feature_key, shape};
use rustc_hash::FxHashMap;
use std::path::Path;

pub const SHIPPED: &[u8] = include_bytes!("../../assets/models/checkworthy.mgcw");
/// Version 2: the feature-hash scheme follows the magic, as a length byte and its name.
const MAGIC: &[u8; 8] = b"MGCW\x00\x00\x00\x02";

/// What is wrong with the bytes of a check-worthiness model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a Marginalia check-worthiness model (or one of an earlier or later version)")]
    NotOne,
    /// Its features were hashed with another scheme (named here as the file names it).
    #[error("its features were hashed with {0} (this version reads {scheme})", scheme = crate::feature_hash::SCHEME)]
    OtherFeatureHash(String),
    #[error("the check-worthiness model is truncated")]
    Truncated,
}

/// Why a CheckThat! file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TsvError {
    #[error(transparent)]
    Read(#[from] crate::input::ReadError),
    #[error("{}, line {line}: expected id, text and label", path.display())]
    Line { path: std::path::PathBuf, line: usize },
}

pub struct Classifier {
    weights: FxHashMap<u64, f32>,
    bias: f32,
    /// Scores at or above this are check-worthy (chosen for F1 on the dev split).
    pub threshold: f32,
    lex: &'static Lexicon,
}

/// The features of a sentence (each counts once).
fn features(lex: &Lexicon, sentence: &str) -> Vec<u64> {
    let words: Vec<&str> = crate::doc::tokenize::tokenize(sentence).into_iter().map(|t| &sentence[t.range]).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut f = vec![feature_key("cw-bias", &[])];
    for (i, (w, l)) in words.iter().zip(&lower).enumerate() {
        f.push(feature_key("cw-w", &[l]));
        let next = lower.get(i + 1).map_or("</s>", String::as_str);
        f.push(feature_key("cw-bi", &[l, next]));
        if let Some((fine, coarse)) = lex.classes.of(w, l).cluster {
            f.push(feature_key("cw-c", &[&fine.to_string()]));
            f.push(feature_key("cw-cc", &[&coarse.to_string()]));
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            f.push(feature_key("cw-num", &[&shape(w)]));
            f.push(feature_key("cw-num", &[]));
        }
    }
    if let Some(first) = lower.first() {
        f.push(feature_key("cw-first", &[first]));
    }
    let len = match words.len() {
        0..=5 => "short",
        6..=12 => "mid",
        13..=25 => "long",
        _ => "very long",
    };
    f.push(feature_key("cw-len", &[len]));
    f.sort_unstable();
    f.dedup();
    f
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Training options.
pub struct Options {
    pub epochs: usize,
    pub seed: u64,
    pub learning_rate: f32,
    pub l2: f32,
}

impl Classifier {
    pub fn shipped() -> Result<Self, FormatError> {
        Self::from_bytes(SHIPPED)
    }

    /// How check-worthy a sentence (or claim) is, 0–1.
    pub fn score(&self, sentence: &str) -> f32 {
        let z: f32 = self.bias + features(self.lex, sentence).iter().filter_map(|f| self.weights.get(f)).sum::<f32>();
        sigmoid(z)
    }

    /// Logistic regression by stochastic gradient descent; `dev` picks the threshold (F1 of the
    /// positive class), or 0.5 without it.
    pub fn train(train: &[(String, bool)], dev: &[(String, bool)], opts: &Options) -> Self {
        let lex = Lexicon::shipped();
        let feats: Vec<Vec<u64>> = train.iter().map(|(s, _)| features(lex, s)).collect();
        let mut c = Classifier { weights: FxHashMap::default(), bias: 0.0, threshold: 0.5, lex };
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut rng = fastrand::Rng::with_seed(opts.seed);
        for epoch in 0..opts.epochs {
            rng.shuffle(&mut order);
            let rate = opts.learning_rate / (1.0 + epoch as f32);
            for &i in &order {
                let z = c.bias + feats[i].iter().filter_map(|f| c.weights.get(f)).sum::<f32>();
                let g = if train[i].1 { 1.0 } else { 0.0 } - sigmoid(z);
                c.bias += rate * g;
                for f in &feats[i] {
                    let w = c.weights.entry(*f).or_insert(0.0);
                    *w += rate * (g - opts.l2 * *w);
                }
            }
        }
        if !dev.is_empty() {
            let scored: Vec<(f32, bool)> = dev.iter().map(|(s, y)| (c.score(s), *y)).collect();
            c.threshold = (1..100)
                .map(|k| k as f32 / 100.0)
                .max_by(|&a, &b| f1(&scored, a).total_cmp(&f1(&scored, b)))
                .unwrap_or(0.5);
        }
        c
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut keys: Vec<(&u64, &f32)> = self.weights.iter().filter(|(_, w)| w.abs() > 1e-4).collect();
        keys.sort_unstable_by_key(|(k, _)| **k);
        let mut out = MAGIC.to_vec();
        out.push(feature_hash::SCHEME.len() as u8);
        out.extend_from_slice(feature_hash::SCHEME.as_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (k, w) in keys {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, FormatError> {
        let take = |at: usize, n: usize| bytes.get(at..at + n).ok_or(FormatError::Truncated);
        if take(0, 8)? != MAGIC {
            return Err(FormatError::NotOne);
        }
        let scheme_len = usize::from(take(8, 1)?[0]);
        let scheme = take(9, scheme_len)?;
        if scheme != feature_hash::SCHEME.as_bytes() {
            return Err(FormatError::OtherFeatureHash(String::from_utf8_lossy(scheme).into_owned()));
        }
        // The rest as it was laid out before the scheme was recorded: bias at 8, threshold, count, rows.
        let bytes = &bytes[1 + scheme_len..];
        let take = |at: usize, n: usize| bytes.get(at..at + n).ok_or(FormatError::Truncated);
        let f32_at = |at| take(at, 4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let (bias, threshold) = (f32_at(8)?, f32_at(12)?);
        let n = take(16, 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))? as usize;
        if n.saturating_mul(12) > bytes.len() {
            return Err(FormatError::Truncated);
        }
        let mut weights = FxHashMap::default();
        weights.reserve(n);
        for i in 0..n {
            let at = 20 + i * 12;
            let k = take(at, 8)?;
            let k = u64::from_le_bytes([k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]]);
            weights.insert(k, f32_at(at + 8)?);
        }
        Ok(Self { weights, bias, threshold, lex: Lexicon::shipped() })
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::store::atomic::write_atomic(path, &self.to_bytes())
    }
}

/// F1 of the positive class at a threshold.
pub fn f1(scored: &[(f32, bool)], threshold: f32) -> f32 {
    let tp = scored.iter().filter(|(s, y)| *s >= threshold && *y).count() as f32;
    let predicted = scored.iter().filter(|(s, _)| *s >= threshold).count() as f32;
    let gold = scored.iter().filter(|(_, y)| *y).count() as f32;
    if tp == 0.0 { 0.0 } else { 2.0 * tp / (predicted + gold) }
}

/// Reads a CheckThat! TSV (`id`, `text`, `Yes`/`No`, with a header line).
pub fn read_tsv(path: &Path) -> Result<Vec<(String, bool)>, TsvError> {
    let text = crate::input::read_text(path, crate::input::MAX_DATA_FILE)?;
    text.lines()
        .skip(1)
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            match cols.as_slice() {
                [_, text, label, ..] => Ok((text.to_string(), label.trim().eq_ignore_ascii_case("yes"))),
                _ => Err(TsvError::Line { path: path.to_path_buf(), line: n + 2 }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_numbers_matter_and_round_trips() {
        let data: Vec<(String, bool)> = (0..40)
            .flat_map(|i| {
                [
                    (format!("Unemployment fell by {i} percent last year."), true),
                    (format!("Thank you all for coming tonight, friend number {i}."), false),
                    ("I love this wonderful country.".to_string(), false),
                ]
            })
            .collect();
        let c = Classifier::train(&data, &data, &Options { epochs: 5, seed: 1, learning_rate: 0.5, l2: 0.0 });
        assert!(c.score("Taxes rose by 12 percent.") > c.score("I love you all."));
        let back = Classifier::from_bytes(&c.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), c.to_bytes());
        assert!(Classifier::from_bytes(&c.to_bytes()[..30]).is_err());
        assert!(Classifier::from_bytes(b"MGCW").is_err());
        let mut other_hash = c.to_bytes();
        other_hash[9..17].copy_from_slice(b"fxhash64");
        let Err(why) = Classifier::from_bytes(&other_hash) else { panic!("a model of another hash loaded") };
        assert!(why.to_string().contains("fxhash64"), "{why}");
    }
}
