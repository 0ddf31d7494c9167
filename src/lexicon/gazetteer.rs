//! Word lists shipped in `assets/gazetteers/`, looked up by token sequence.
//!
//! Lookups go by tokens, not raw text, so `Deir Az Zor` matches whatever spaces (or non-breaking
//! spaces) separate its words, and a match always sits on token boundaries.

use rustc_hash::{FxHashMap, FxHashSet};

const COUNTRIES: &str = include_str!("../../assets/gazetteers/countries.txt");
const PLACES: &str = include_str!("../../assets/gazetteers/places.txt");
const ORGANISATIONS: &str = include_str!("../../assets/gazetteers/organisations.txt");
const DEMONYMS: &str = include_str!("../../assets/gazetteers/demonyms.txt");
const FIRST_NAMES: &str = include_str!("../../assets/gazetteers/first_names.txt");
const TITLES: &str = include_str!("../../assets/gazetteers/titles.txt");

/// The entries of a word list as shipped in `assets/` (here and for the rules' and the claims' lists):
/// one a line, trimmed, without blank lines and `#` comments.
pub fn entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The key of a token sequence: its tokens joined by single spaces.
pub fn key<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut k = String::new();
    for t in tokens {
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(t);
    }
    k
}

/// Normalizes an entry the way the tokenizer would split it (`Deir ez-Zor` → `Deir ez - Zor`).
fn tokenized_key(entry: &str) -> (String, usize) {
    let toks = crate::doc::tokenize::tokenize(entry);
    (key(toks.iter().map(|t| &entry[t.range.clone()])), toks.len())
}

#[derive(Debug)]
pub struct Gazetteer {
    /// Names → label (LOC, ORG, MISC), keyed by token sequence.
    names: FxHashMap<String, &'static str>,
    /// The most tokens any name has.
    pub max_tokens: usize,
    /// The first token of every name: lookups start only where one of these stands.
    starts: FxHashSet<String>,
    first_names: FxHashSet<&'static str>,
    /// Lower-cased titles, keyed by token sequence.
    titles: FxHashMap<String, usize>,
    pub max_title_tokens: usize,
}

impl Default for Gazetteer {
    fn default() -> Self {
        let mut names = FxHashMap::default();
        let mut starts = FxHashSet::default();
        let mut max_tokens = 1;
        for (list, label) in [(DEMONYMS, "MISC"), (COUNTRIES, "LOC"), (PLACES, "LOC"), (ORGANISATIONS, "ORG")] {
            for e in entries(list) {
                let (k, n) = tokenized_key(e);
                max_tokens = max_tokens.max(n);
                starts.insert(k.split(' ').next().unwrap_or_default().to_string());
                names.insert(k, label);
            }
        }
        let first_names = entries(FIRST_NAMES).flat_map(str::split_whitespace).collect();
        let mut titles = FxHashMap::default();
        let mut max_title_tokens = 1;
        for e in entries(TITLES) {
            let (k, n) = tokenized_key(&e.to_lowercase());
            max_title_tokens = max_title_tokens.max(n);
            titles.insert(k, n);
        }
        Self { names, max_tokens, starts, first_names, titles, max_title_tokens }
    }
}

impl Gazetteer {
    pub fn label_of(&self, key: &str) -> Option<&'static str> {
        self.names.get(key).copied()
    }

    /// The label of the longest name starting at `words[0]`, and its length in tokens.
    pub fn longest_at(&self, words: &[&str]) -> Option<(usize, &'static str)> {
        if !words.first().is_some_and(|w| self.starts.contains(*w)) {
            return None;
        }
        // One key, grown a word at a time; the last (longest) match wins.
        let mut k = String::with_capacity(32);
        let mut found = None;
        for (n, w) in words.iter().take(self.max_tokens).enumerate() {
            if n > 0 {
                k.push(' ');
            }
            k.push_str(w);
            if let Some(l) = self.label_of(&k) {
                found = Some((n + 1, l));
            }
        }
        found
    }

    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(word)
    }

    /// Whether the lower-cased token sequence is a title (`President`, `Prime Minister`, `Mr.`).
    pub fn is_title(&self, lower_key: &str) -> bool {
        self.titles.contains_key(lower_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_with_their_labels() {
        let g = Gazetteer::default();
        assert_eq!(g.label_of("Syria"), Some("LOC"));
        assert_eq!(g.label_of("Deir ez - Zor"), Some("LOC"));
        assert_eq!(g.label_of("U.S."), Some("LOC"));
        assert_eq!(g.label_of("Al Jazeera"), Some("ORG"));
        assert_eq!(g.label_of("Kurdish"), Some("MISC"));
        assert!(g.is_first_name("Mustafa"));
        assert!(g.is_title("prime minister"));
        assert!(g.is_title("mr."));
    }
}
