//! Features of a token in its sentence, hashed to 64-bit keys without allocating.
//!
//! The classic features of strong linear NER taggers: the word and its lower-case form, its shape
//! (`Xxxx`, `XX`, `dd.d`), prefixes and suffixes, a ±2 window of words and shapes, word bigrams,
//! capitalisation flags (with the sentence position, since a capital at the start says little), whether
//! the whole sentence is in capitals (a headline), and gazetteer matches (countries, places,
//! organisations, nationalities, first names, titles) with the position inside the match.

use super::names::LearnedNames;
use super::word_classes::{WordClass, WordClasses};
use crate::feature_hash::FeatureHasher;
use crate::lexicon::Gazetteer;
use crate::tagger::SentenceFeatures;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Feature templates; the number is mixed into the hash, so templates never collide by design.
#[derive(Clone, Copy)]
#[repr(u8)]
enum T {
    Bias,
    Word,
    Lower,
    Shape,
    Prefix1,
    Prefix2,
    Prefix3,
    Prefix4,
    Suffix1,
    Suffix2,
    Suffix3,
    Suffix4,
    PrevLower,
    NextLower,
    Prev2Lower,
    Next2Lower,
    PrevShape,
    NextShape,
    PrevBigram,
    NextBigram,
    Flags,
    Gazetteer,
    PrevGazetteer,
    NextGazetteer,
    Title,
    PrevTitle,
    ShapeWindow,
    Extra,
    Cluster,
    ClusterCoarse,
    PrevCluster,
    NextCluster,
    LearnedName,
    Vector,
    VectorCoarse,
    PrevVector,
    NextVector,
    Brown,
    Brown6,
    PrevBrown,
    NextBrown,
}

fn hash(t: T, parts: &[&str]) -> u64 {
    let mut h = FeatureHasher::new().byte(t as u8);
    for p in parts {
        h = h.bytes(p.as_bytes()).byte(0xff);
    }
    h.finish()
}

fn hash_number(t: T, n: u16) -> u64 {
    FeatureHasher::new().byte(t as u8).u16(n).finish()
}

fn hash_u32(t: T, n: u32) -> u64 {
    FeatureHasher::new().byte(t as u8).u32(n).finish()
}

/// A short shape: `Mustafa` → `Xx`, `SDF` → `X`, `1,000` → `d,d`, `U.S.` → `X.X.` (runs collapsed).
pub fn shape(word: &str) -> String {
    let mut s = String::with_capacity(8);
    shape_into(word, &mut s);
    s
}

/// Appends the shape of `word` to `s` (see [`shape`]).
fn shape_into(word: &str, s: &mut String) {
    let start = s.len();
    let mut last = '\0';
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
        if s.len() - start >= 8 {
            break;
        }
    }
}

/// Gazetteer type and position of each token of a sentence (`LOC-B`, `LOC-I`, …, `FIRST`, or "").
fn gazetteer_tags(gaz: &Gazetteer, words: &[&str]) -> Vec<&'static str> {
    let mut tags = vec![""; words.len()];
    let mut i = 0;
    while i < words.len() {
        match gaz.longest_at(&words[i..]) {
            Some((n, label)) => {
                let (b, inside) = match label {
                    "LOC" => ("LOC-B", "LOC-I"),
                    "ORG" => ("ORG-B", "ORG-I"),
                    _ => ("MISC-B", "MISC-I"),
                };
                for (k, t) in tags[i..i + n].iter_mut().enumerate() {
                    *t = if k == 0 { b } else { inside };
                }
                i += n;
            }
            None => {
                if gaz.is_first_name(words[i]) {
                    tags[i] = "FIRST";
                }
                i += 1;
            }
        }
    }
    tags
}

/// What the features look words up in: the gazetteers and the word classes.
pub struct Lexicon {
    pub gaz: Gazetteer,
    /// Classes of the words of the training text, by the words around them (`clusters` command,
    /// 23k words); for the entity tagger also classes of 345k English words by their word vectors
    /// and Brown clusters of 190k words from a large news corpus, which reach names and words the
    /// training text never had (`Rotterdam`, `howitzer`, `Newmont`).
    pub classes: WordClasses,
    /// Whether `classes` holds the word-vector and Brown classes.
    wide: bool,
}

/// The word classes shipped beside the model (see `assets/models/README.md`).
const SHIPPED_CLUSTERS: &str = include_str!("../../assets/models/clusters.txt");
const SHIPPED_VECTOR_CLUSTERS: &str = include_str!("../../assets/models/vector-clusters.txt");
const SHIPPED_BROWN_CLUSTERS: &str = include_str!("../../assets/models/brown-clusters.txt");

impl Default for Lexicon {
    fn default() -> Self {
        Self::with_wide_classes(true)
    }
}

impl Lexicon {
    /// The shipped gazetteers and word classes, built once per process and shared by every tagger and
    /// classifier (the entity tagger, its learner, check-worthiness).
    pub fn shipped() -> &'static Lexicon {
        static SHIPPED: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(Lexicon::default)
    }

    /// The shipped lexicon with only the training text's clusters, for the claim tagger: trained with
    /// the word-vector classes, it found more claims on PolNeAR dev (F1 0.804 against 0.799) but fewer
    /// right claimants among them (0.835 against 0.841), the figure it is short of.
    pub fn shipped_without_vectors() -> &'static Lexicon {
        static SHIPPED: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| Lexicon::with_wide_classes(false))
    }

    fn with_wide_classes(wide: bool) -> Self {
        let (vectors, brown) = if wide { (SHIPPED_VECTOR_CLUSTERS, SHIPPED_BROWN_CLUSTERS) } else { ("", "") };
        // The shipped files are part of the binary and covered by a test; no classes is the fallback.
        let classes = WordClasses::from_texts(SHIPPED_CLUSTERS, vectors, brown).unwrap_or_default();
        Self { gaz: Gazetteer::default(), classes, wide }
    }
}

/// One kind of (fine, coarse) class of a word: its cluster or its word-vector class.
type ClassKind = fn(&WordClass) -> Option<(u16, u16)>;

/// A feature key for features defined outside this module (the claim tagger's): `name` keeps them
/// apart from each other and from the entity features.
pub fn feature_key(name: &str, parts: &[&str]) -> u64 {
    let mut h = FeatureHasher::new().byte(T::Extra as u8).bytes(name.as_bytes()).byte(0xfe);
    for p in parts {
        h = h.bytes(p.as_bytes()).byte(0xff);
    }
    h.finish()
}

/// The lower-case form of every word, computed once per document and shared by the feature functions.
pub fn lowered<'a>(sentences: &[Vec<&'a str>]) -> Vec<Vec<Cow<'a, str>>> {
    // Most words are already in lower case: they are borrowed, not copied.
    let lower = |w: &'a str| {
        if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        }
    };
    sentences.iter().map(|s| s.iter().map(|&w| lower(w)).collect()).collect()
}

/// Features of sentence `k` of a document; `lower` holds its words in lower case (see [`lowered`]),
/// `doc` what the rest of the document says about them.
pub fn sentence_features(
    lex: &Lexicon,
    words: &[&str],
    lower: &[Cow<str>],
    doc: &DocumentContext,
    k: usize,
) -> SentenceFeatures {
    let gaz = &lex.gaz;
    let n = words.len();
    // The shapes of the sentence's words, in one buffer rather than a string each.
    let mut shape_text = String::with_capacity(n * 4);
    let mut shape_ends = Vec::with_capacity(n);
    for w in words {
        shape_into(w, &mut shape_text);
        shape_ends.push(shape_text.len());
    }
    let shape_of = |i: usize| &shape_text[if i == 0 { 0 } else { shape_ends[i - 1] }..shape_ends[i]];
    let gaz_tags = gazetteer_tags(gaz, words);
    // The word as written, else in lower case (looked up again only if that differs).
    let classes: Vec<WordClass> = words.iter().zip(lower).map(|(w, l)| lex.classes.of(w, l)).collect();
    // Fine and coarse class of word `i` by one of its kinds (`MAX`: none, `MAX - 1`: outside the sentence).
    let fine_of = |kind: ClassKind, i: isize| -> u16 {
        if i < 0 || i as usize >= n { u16::MAX - 1 } else { kind(&classes[i as usize]).map_or(u16::MAX, |c| c.0) }
    };
    let coarse_of = |kind: ClassKind, i: usize| kind(&classes[i]).map_or(u16::MAX, |c| c.1);
    let (cluster, vector): (ClassKind, ClassKind) = (|c| c.cluster, |c| c.vector);
    // A word's Brown path as a number: 0 for none, 1 outside the sentence (no path is either).
    let brown_at = |i: isize| -> u32 {
        if i < 0 || i as usize >= n { 1 } else { classes[i as usize].brown.map_or(0, |b| b.whole()) }
    };
    let headline =
        words.iter().filter(|w| w.chars().any(char::is_alphabetic)).all(|w| !w.chars().any(char::is_lowercase));
    let title = |i: usize| gaz.is_title(&lower[i]);
    let lw = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= n {
            "</s>"
        } else {
            &lower[i as usize]
        }
    };
    let sh = |i: isize| -> &str { if i < 0 || i as usize >= n { "_" } else { shape_of(i as usize) } };
    let gz = |i: isize| -> &str { if i < 0 || i as usize >= n { "" } else { gaz_tags[i as usize] } };
    let mut out = SentenceFeatures::with_capacity(n, 40);
    for i in 0..n {
        let w = words[i];
        let l = &lower[i];
        let ii = i as isize;
        let f = out.building();
        f.push(hash(T::Bias, &[]));
        f.push(hash(T::Word, &[w]));
        f.push(hash(T::Lower, &[l]));
        f.push(hash(T::Shape, &[shape_of(i)]));
        // Prefixes and suffixes of 1–4 characters, shorter than the word itself.
        let prefixes = [T::Prefix1, T::Prefix2, T::Prefix3, T::Prefix4];
        for (t, (end, _)) in prefixes.into_iter().zip(l.char_indices().skip(1)) {
            f.push(hash(t, &[&l[..end]]));
        }
        let suffixes = [T::Suffix1, T::Suffix2, T::Suffix3, T::Suffix4];
        for (t, (start, _)) in suffixes.into_iter().zip(l.char_indices().rev()) {
            if start > 0 {
                f.push(hash(t, &[&l[start..]]));
            }
        }
        f.push(hash(T::PrevLower, &[lw(ii - 1)]));
        f.push(hash(T::NextLower, &[lw(ii + 1)]));
        f.push(hash(T::Prev2Lower, &[lw(ii - 2)]));
        f.push(hash(T::Next2Lower, &[lw(ii + 2)]));
        f.push(hash(T::PrevShape, &[sh(ii - 1)]));
        f.push(hash(T::NextShape, &[sh(ii + 1)]));
        f.push(hash(T::ShapeWindow, &[sh(ii - 1), shape_of(i), sh(ii + 1)]));
        f.push(hash(T::PrevBigram, &[lw(ii - 1), l]));
        f.push(hash(T::NextBigram, &[l, lw(ii + 1)]));
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        let flags = [
            if i == 0 { "first" } else { "mid" },
            if cap { "cap" } else { "nocap" },
            if headline { "headline" } else { "" },
            if w.chars().any(|c| c.is_ascii_digit()) { "digit" } else { "" },
            if w.contains('-') { "hyphen" } else { "" },
        ];
        f.push(hash(T::Flags, &flags));
        f.push(hash(T::Flags, &flags[..2]));
        f.push(hash(T::Gazetteer, &[gz(ii)]));
        f.push(hash(T::Gazetteer, &[gz(ii), shape_of(i)]));
        f.push(hash(T::PrevGazetteer, &[gz(ii - 1)]));
        f.push(hash(T::NextGazetteer, &[gz(ii + 1)]));
        if title(i) {
            f.push(hash(T::Title, &[]));
        }
        if i > 0 && title(i - 1) {
            f.push(hash(T::PrevTitle, &[]));
        }
        f.push(hash_number(T::Cluster, fine_of(cluster, ii)));
        f.push(hash_number(T::ClusterCoarse, coarse_of(cluster, i)));
        f.push(hash_number(T::PrevCluster, fine_of(cluster, ii - 1)));
        f.push(hash_number(T::NextCluster, fine_of(cluster, ii + 1)));
        if lex.wide {
            f.push(hash_number(T::Vector, fine_of(vector, ii)));
            f.push(hash_number(T::VectorCoarse, coarse_of(vector, i)));
            f.push(hash_number(T::PrevVector, fine_of(vector, ii - 1)));
            f.push(hash_number(T::NextVector, fine_of(vector, ii + 1)));
            // Brown clusters: a 6-step prefix and the whole path of the word, the whole path of its
            // neighbours (of the prefixes 4, 6, 10 and 20 of Ratinov & Roth, these chose best on
            // CoNLL-2003 dev).
            let path = classes[i].brown;
            f.push(hash_u32(T::Brown6, path.map_or(0, |p| p.prefix(6))));
            f.push(hash_u32(T::Brown, brown_at(ii)));
            f.push(hash_u32(T::PrevBrown, brown_at(ii - 1)));
            f.push(hash_u32(T::NextBrown, brown_at(ii + 1)));
        }
        doc.push_features(k, i, w, l, f);
        out.end_token();
    }
    out
}

/// What a document says about its words, gathered once per document for the features of each token:
/// how the same word is written elsewhere, where its case says something (not at a sentence start,
/// not in an all-capitals headline) — `JAPAN` in a headline looks like `Japan` in the text below it, a
/// sentence-initial `Bali` that is capitalised mid-sentence elsewhere is probably a name; the words
/// around a capitalised word's other occurrences (Ratinov & Roth's context aggregation); and the
/// names the analyst taught the project model ([`LearnedNames`]).
pub struct DocumentContext<'a> {
    /// Lower-case word → (capitalised mid-sentence, lower-case mid-sentence) counts.
    seen: FxHashMap<&'a str, (u32, u32)>,
    /// Capitalised word → hashed "word before / after it" over its occurrences.
    around: FxHashMap<&'a str, Vec<u64>>,
    /// Per sentence, per word: the learned name it is part of (type, whether it begins it).
    learned: Vec<Vec<Option<(&'a str, bool)>>>,
}

impl<'a> DocumentContext<'a> {
    pub fn new(sentences: &'a [Vec<&'a str>], lower: &'a [Vec<Cow<'a, str>>], names: &'a LearnedNames) -> Self {
        let informative = |s: &[&str]| s.iter().any(|w| w.chars().any(char::is_lowercase));
        let mut seen: FxHashMap<&str, (u32, u32)> = FxHashMap::default();
        for (s, l) in sentences.iter().zip(lower).filter(|(s, _)| informative(s)) {
            for (w, lw) in s.iter().zip(l).skip(1) {
                let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) else { continue };
                let e = seen.entry(lw).or_default();
                if c.is_uppercase() {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        let mut around: FxHashMap<&str, Vec<u64>> = FxHashMap::default();
        for (s, l) in sentences.iter().zip(lower) {
            for (i, w) in s.iter().enumerate() {
                if !w.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let e = around.entry(w).or_default();
                let prev = hash(T::Extra, &["agg-prev", if i == 0 { "<s>" } else { &l[i - 1] }]);
                let next = hash(T::Extra, &["agg-next", l.get(i + 1).map_or("</s>", |w| w.as_ref())]);
                for f in [prev, next] {
                    if e.len() < 12 && !e.contains(&f) {
                        e.push(f);
                    }
                }
            }
        }
        let learned = if names.is_empty() { Vec::new() } else { lower.iter().map(|l| names.matches(l)).collect() };
        Self { seen, around, learned }
    }

    /// Adds the document-level features of word `i` of sentence `k` (`w`, `lw` in lower case).
    fn push_features(&self, k: usize, i: usize, w: &str, lw: &str, out: &mut Vec<u64>) {
        if let Some(f) = self.around.get(w) {
            out.extend_from_slice(f);
        }
        if let Some(&(cap, low)) = self.seen.get(lw) {
            let seen_as = match (cap > 0, low > 0) {
                (true, false) => "cap",
                (false, true) => "lower",
                _ => "both",
            };
            out.push(hash(T::Extra, &["doc", seen_as]));
            out.push(hash(T::Extra, &["doc", if cap > low { "cap" } else { "low" }, &shape(w)]));
        }
        if let Some(&Some((ty, begins))) = self.learned.get(k).and_then(|s| s.get(i)) {
            out.push(hash(T::LearnedName, &[ty]));
            out.push(hash(T::LearnedName, &[ty, if begins { "B" } else { "I" }]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the shipped models were trained with, computed by an independent FNV-1a (Python):
    /// a change here means every shipped model must be retrained.
    #[test]
    fn feature_keys_are_pinned() {
        assert_eq!(hash(T::Word, &["Reuters"]), 0x1838_b9a4_269b_6b1d);
        assert_eq!(feature_key("claim-quote", &["q"]), 0x4f98_0266_58f6_f34f);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Mustafa"), "Xx");
        assert_eq!(shape("SDF"), "X");
        assert_eq!(shape("1,000"), "d,d");
        assert_eq!(shape("U.S."), "X.X.");
    }

    #[test]
    fn the_shipped_clusters_load() {
        let lex = Lexicon::default();
        assert!(lex.classes.len() > 390_000);
        assert!(lex.classes.of("said", "said").cluster.is_some());
        let vector = |w| lex.classes.of(w, w).vector.map(|c| c.0);
        assert_eq!(vector("howitzer"), vector("artillery"));
        let brown = |w| lex.classes.of(w, w).brown;
        assert!(brown("Newmont").is_some() && brown("Newmont") == brown("Heineken"));
        assert!(Lexicon::shipped_without_vectors().classes.of("howitzer", "howitzer").vector.is_none());
    }

    #[test]
    fn features_see_context_and_gazetteers() {
        let lex = Lexicon::default();
        let names = LearnedNames::default();
        let features = |words: &[&str]| {
            let sentences = [words.to_vec()];
            let lower = lowered(&sentences);
            sentence_features(&lex, words, &lower[0], &DocumentContext::new(&sentences, &lower, &names), 0)
        };
        let a = features(&["in", "Syria", "today"]);
        let b = features(&["in", "Syria", "now"]);
        assert_eq!(a.len(), 3);
        assert_eq!(a.token(0)[..5], b.token(0)[..5], "the same word has the same word features");
        assert_ne!(a.token(1), b.token(1), "context differs");
    }
}
