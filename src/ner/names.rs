//! Names the analyst has accepted: a project gazetteer that grows with every accepted span.
//!
//! The shipped gazetteers know countries and agencies; a project has its own names — the weapons,
//! militias and villages of its documents. Each accepted span's words (lower-cased) are kept with the
//! span's entity type; wherever they appear again, the tagger sees a "learned name" feature, and the
//! perceptron learns how far to trust it. One accepted `AK-47` is then enough for the next one to be
//! suggested, and a new label learns from its examples' names as well as from their contexts.
//! The names are part of the learned model (they travel in its file header).

use crate::tagger::file::MAX_NAMES;
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Debug, Clone, Default)]
pub struct LearnedNames {
    /// Lower-case words joined by single spaces → entity type.
    names: FxHashMap<String, String>,
    /// The first word of every name: matching starts only where one of these stands.
    starts: FxHashSet<String>,
    max_words: usize,
}

// A project keeps at most as many names as a model file may list (`MAX_NAMES`): that bounds memory.
/// Longer spans are phrases, not names; they are not remembered.
const MAX_WORDS: usize = 8;

impl LearnedNames {
    /// Remembers a name (its words in lower case) as being of type `ty`; the latest type wins.
    pub fn add(&mut self, lower_words: &[String], ty: &str) {
        let Some(first) = lower_words.first() else { return };
        let key = key(lower_words);
        if lower_words.len() > MAX_WORDS || (self.names.len() >= MAX_NAMES && !self.names.contains_key(&key)) {
            return;
        }
        self.names.insert(key, ty.to_string());
        self.starts.insert(first.clone());
        self.max_words = self.max_words.max(lower_words.len());
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The longest learned name at each position of a sentence (given in lower case), left to right:
    /// per word, the name's type and whether the word begins it.
    pub fn matches(&self, lower: &[impl AsRef<str>]) -> Vec<Option<(&str, bool)>> {
        let mut out = vec![None; lower.len()];
        if self.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < lower.len() {
            let found = if self.starts.contains(lower[i].as_ref()) {
                (1..=self.max_words.min(lower.len() - i))
                    .rev()
                    .find_map(|n| self.names.get(&key(&lower[i..i + n])).map(|ty| (n, ty.as_str())))
            } else {
                None
            };
            match found {
                Some((n, ty)) => {
                    for (k, slot) in out[i..i + n].iter_mut().enumerate() {
                        *slot = Some((ty, k == 0));
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Every name as (type, words joined by spaces), sorted, so that a saved model is deterministic.
    pub fn entries(&self) -> Vec<(&str, &str)> {
        let mut all: Vec<(&str, &str)> = self.names.iter().map(|(k, t)| (t.as_str(), k.as_str())).collect();
        all.sort_unstable();
        all
    }

    /// Rebuilds the names from [`entries`](Self::entries) (as read from a model file).
    pub fn from_entries<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut names = Self::default();
        for (ty, key) in entries {
            let words: Vec<String> = key.split(' ').filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
            names.add(&words, ty);
        }
        names
    }
}

/// A name's key: its words joined by spaces, the last one without a plural `s`, so that `bombs`
/// is found where `bomb` was taught and the other way round.
fn key(lower_words: &[impl AsRef<str>]) -> String {
    let mut k = lower_words.iter().map(AsRef::as_ref).collect::<Vec<&str>>().join(" ");
    if k.len() > 3 && k.ends_with('s') && !k.ends_with("ss") {
        k.pop();
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_lowercase).collect()
    }

    #[test]
    fn the_longest_name_wins_and_matching_ignores_case() {
        let mut n = LearnedNames::default();
        n.add(&lower("barrel bomb"), "WEAPON");
        n.add(&lower("barrel"), "MISC");
        let m = n.matches(&lower("They dropped Barrel Bombs on a barrel"));
        assert_eq!(m[2], Some(("WEAPON", true)));
        assert_eq!(m[3], Some(("WEAPON", false)));
        assert_eq!(m[6], Some(("MISC", true)));
        assert_eq!(m[0], None);
    }

    #[test]
    fn entries_round_trip() {
        let mut n = LearnedNames::default();
        n.add(&lower("AK - 47"), "WEAPON");
        n.add(&lower("Free Syrian Army"), "ORG");
        let back = LearnedNames::from_entries(n.entries());
        assert_eq!(back.entries(), n.entries());
        assert!(back.matches(&lower("an ak - 47"))[1].is_some());
    }
}
