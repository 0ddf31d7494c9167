//! Every class a word belongs to, in one table the features look each word up in once: its cluster
//! from the training text ([`clusters`]), its word-vector class, and its Brown cluster from a large
//! news corpus. Tagging looks up every word, so the table is keyed by a 64-bit hash of the word rather
//! than the word itself: one hash per word for all three, and no string comparisons (two words whose
//! hashes collide share classes — harmless, and as rare as a collision of two feature keys).
//!
//! Brown clusters (Brown et al. 1992) place each word at a leaf of a binary tree of 1,000 clusters,
//! so a prefix of its path is a coarser class; Ratinov & Roth (2009) found path prefixes among the
//! strongest NER features. Ours come from spaCy's lookups (`assets/models/brown_clusters.py`) and
//! cover 190k words the training text mostly never had: `Newmont` shares its cluster with `Heineken`
//! and `Reuters`.

use super::clusters;
use rustc_hash::FxHashMap;
use std::num::NonZeroU32;

/// A Brown cluster's path from the root of the tree: step `i` in bit `i`, with a 1 bit above the
/// last step marking the length (so no path is 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BrownPath(NonZeroU32);

impl BrownPath {
    /// Reads `0110…` (at most 31 steps).
    pub fn parse(path: &str) -> Option<Self> {
        if path.is_empty() || path.len() > 31 {
            return None;
        }
        let mut bits = 1u32 << path.len();
        for (i, b) in path.bytes().enumerate() {
            match b {
                b'0' => {}
                b'1' => bits |= 1 << i,
                _ => return None,
            }
        }
        NonZeroU32::new(bits).map(Self)
    }

    /// The first `steps` steps of the path (the whole path if it is shorter), as a number.
    pub fn prefix(self, steps: u32) -> u32 {
        let bits = self.0.get();
        let len = 31 - bits.leading_zeros();
        if len <= steps { bits } else { (1 << steps) | (bits & ((1 << steps) - 1)) }
    }

    pub fn whole(self) -> u32 {
        self.0.get()
    }
}

/// What the class files say about one word (each `None` where that file does not list it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClass {
    /// (fine, coarse) cluster from the training text.
    pub cluster: Option<(u16, u16)>,
    /// (fine, coarse) word-vector class.
    pub vector: Option<(u16, u16)>,
    pub brown: Option<BrownPath>,
}

impl WordClass {
    /// This word's classes, with those it lacks taken from `other` (the word in lower case).
    fn or(self, other: WordClass) -> WordClass {
        WordClass {
            cluster: self.cluster.or(other.cluster),
            vector: self.vector.or(other.vector),
            brown: self.brown.or(other.brown),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct WordClasses {
    of: FxHashMap<u64, WordClass>,
}

fn key(word: &str) -> u64 {
    crate::feature_hash::of_bytes(word.as_bytes())
}

/// A malformed line of a word-class file: which file's kind, and the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordClassError {
    /// A cluster or vector-class line that is not `word<TAB>fine<TAB>coarse`.
    #[error("{kind} line {line}: expected word, fine and coarse class")]
    Class { kind: &'static str, line: usize },
    #[error("Brown cluster line {0}: expected a word, a tab and a path of 0s and 1s")]
    Brown(usize),
}

impl WordClasses {
    /// Builds the table from the text forms: clusters and vector classes as `word<TAB>fine<TAB>coarse`
    /// lines (see [`Clusters::to_text`]), Brown clusters as `word<TAB>path` lines. A malformed line
    /// is an error naming the file's kind and the line.
    pub fn from_texts(clusters: &str, vectors: &str, brown: &str) -> Result<Self, WordClassError> {
        // Most words of the smaller files are in the largest: room for its words, grown if need be.
        let mut of: FxHashMap<u64, WordClass> = FxHashMap::default();
        of.reserve(
            [clusters, vectors, brown].iter().map(|t| t.bytes().filter(|&b| b == b'\n').count()).max().unwrap_or(0),
        );
        type Field = fn(&mut WordClass) -> &mut Option<(u16, u16)>;
        let kinds: [(&'static str, &str, Field); 2] =
            [("cluster", clusters, |c| &mut c.cluster), ("vector class", vectors, |c| &mut c.vector)];
        for (kind, text, field) in kinds {
            for (n, line) in lines(text) {
                let (word, fine, coarse) = clusters::parse_line(line).ok_or(WordClassError::Class { kind, line: n })?;
                *field(of.entry(key(word)).or_default()) = Some((fine, coarse));
            }
        }
        for (n, line) in lines(brown) {
            let (word, path) = line
                .split_once('\t')
                .and_then(|(w, p)| Some((w, BrownPath::parse(p)?)))
                .ok_or(WordClassError::Brown(n))?;
            of.entry(key(word)).or_default().brown = Some(path);
        }
        Ok(Self { of })
    }

    /// The classes of a word written `word` (`lower` in lower case): as written, else in lower case.
    pub fn of(&self, word: &str, lower: &str) -> WordClass {
        let written = self.of.get(&key(word)).copied().unwrap_or_default();
        if lower == word { written } else { written.or(self.of.get(&key(lower)).copied().unwrap_or_default()) }
    }

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }
}

/// The non-empty lines of a text, numbered from 1.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(n, l)| (n + 1, l)).filter(|(_, l)| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brown_paths_keep_their_length_and_prefixes() {
        let london = BrownPath::parse("0110010101").unwrap();
        let paris = BrownPath::parse("0110010101").unwrap();
        let barrick = BrownPath::parse("011000111011").unwrap();
        assert_eq!(london, paris);
        assert_eq!(london.prefix(4), barrick.prefix(4), "both start 0110");
        assert_ne!(london.prefix(6), barrick.prefix(6));
        assert_ne!(BrownPath::parse("01").unwrap(), BrownPath::parse("010").unwrap(), "length counts");
        assert_eq!(BrownPath::parse("01").unwrap().prefix(6), BrownPath::parse("01").unwrap().whole());
        assert_eq!(BrownPath::parse("012"), None);
        assert_eq!(BrownPath::parse(""), None);
    }

    #[test]
    fn one_lookup_merges_the_files_and_falls_back_to_lower_case() {
        let t =
            WordClasses::from_texts("said\t3\t1\n", "Apple\t7\t2\napple\t8\t2\n", "apple\t0110\nsaid\t1\n").unwrap();
        let apple = t.of("Apple", "apple");
        assert_eq!(apple.vector, Some((7, 2)), "as written first");
        assert_eq!(apple.brown, BrownPath::parse("0110"), "lower case for what the written form lacks");
        assert_eq!(apple.cluster, None);
        assert_eq!(t.of("said", "said").cluster, Some((3, 1)));
        assert_eq!(t.of("nowhere", "nowhere"), WordClass::default());
        assert_eq!(
            WordClasses::from_texts("", "", "a\t01\nb\t012\n").unwrap_err().to_string(),
            "Brown cluster line 2: expected a word, a tab and a path of 0s and 1s"
        );
        assert!(WordClasses::from_texts("x\ty\n", "", "").unwrap_err().to_string().starts_with("cluster line 1"));
    }
}
