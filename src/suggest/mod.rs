//! Suggestion engines: anything that proposes entity spans for a document.
//!
//! An engine implements [`Suggester`]; a [`Pipeline`] runs several and resolves their overlaps (longer
//! spans first, then higher scores), and drops anything the analyst has already decided on. The first
//! engine is rule- and gazetteer-based ([`rules::RuleSuggester`]); trained models plug into the same trait.

pub mod gazetteer;
pub mod rules;

use crate::doc::Document;
use std::collections::BTreeMap;
use std::ops::Range;

/// One proposed entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Byte range in the document text.
    pub range: Range<usize>,
    pub label: String,
    pub score: f32,
    /// The engine and rule that proposed it, e.g. `rules/title`.
    pub source: String,
}

pub trait Suggester: Send + Sync {
    /// A short, stable name (stored in annotation files as provenance).
    fn id(&self) -> &str;
    fn suggest(&self, doc: &Document) -> Vec<Suggestion>;
}

/// Runs engines and merges what they propose into one non-overlapping list.
pub struct Pipeline {
    engines: Vec<Box<dyn Suggester>>,
}

impl Default for Pipeline {
    /// The engines Marginalia ships with: the trained tagger (people, organisations, places, other
    /// names) and the rules (which add dates and quantities, and names the tagger missed).
    fn default() -> Self {
        match crate::ner::Tagger::shipped() {
            Ok(tagger) => Self::with_tagger(tagger),
            Err(e) => {
                eprintln!("marginalia: the shipped entity model could not be loaded ({e}); using rules only");
                Self::new(vec![Box::new(rules::RuleSuggester::default())])
            }
        }
    }
}

impl Pipeline {
    /// This tagger (the shipped one, or a folder's learned one) and the rules.
    pub fn with_tagger(tagger: crate::ner::Tagger) -> Self {
        Self::new(vec![Box::new(crate::ner::NerSuggester::new(tagger)), Box::new(rules::RuleSuggester::default())])
    }

    pub fn new(engines: Vec<Box<dyn Suggester>>) -> Self {
        Self { engines }
    }

    /// Non-overlapping suggestions in document order.
    pub fn suggest(&self, doc: &Document) -> Vec<Suggestion> {
        let all: Vec<Suggestion> = self.engines.iter().flat_map(|e| e.suggest(doc)).collect();
        resolve_overlaps(all)
    }
}

/// A suggestion at least this sure, that contains another, wins over it whatever the inner one's score:
/// `Port of Rotterdam Authority` over the place `Rotterdam` inside it.
const CONTAINER_SCORE: f32 = 0.65;

/// Removes suggestions strictly inside a confident longer one.
fn drop_contained(mut all: Vec<Suggestion>) -> Vec<Suggestion> {
    all.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
    let mut open: Vec<Range<usize>> = Vec::new(); // confident spans that may still contain later ones
    let mut out = Vec::with_capacity(all.len());
    for s in all {
        open.retain(|r| r.end > s.range.start);
        let inside = open.iter().any(|r| r.start <= s.range.start && r.end >= s.range.end && *r != s.range);
        if s.score >= CONTAINER_SCORE {
            open.push(s.range.clone());
        }
        if !inside {
            out.push(s);
        }
    }
    out
}

/// The order suggestions are kept in when they overlap: higher score first, then longer, then earlier.
fn better_first(a: &Suggestion, b: &Suggestion) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(b.range.len().cmp(&a.range.len())).then(a.range.start.cmp(&b.range.start))
}

/// Greedy, after [`drop_contained`]: in [`better_first`] order, keeps those that overlap nothing kept.
pub fn resolve_overlaps(all: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut all = drop_contained(all);
    all.sort_by(better_first);
    let mut kept: Vec<Suggestion> = Vec::with_capacity(all.len());
    // What is kept so far: each start, with the furthest end of what starts there.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for s in all {
        let (start, end) = (s.range.start, s.range.end);
        let clashes = taken.range(..start).next_back().is_some_and(|(_, &e)| e > start)
            || taken.range(start..).next().is_some_and(|(&b, _)| b < end);
        if !clashes {
            let furthest = taken.entry(start).or_insert(end);
            *furthest = (*furthest).max(end);
            kept.push(s);
        }
    }
    kept.sort_by_key(|s| s.range.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(r: Range<usize>, score: f32) -> Suggestion {
        Suggestion { range: r, label: "ORG".into(), score, source: "t".into() }
    }

    #[test]
    fn confident_containers_then_higher_scores_win() {
        let kept = resolve_overlaps(vec![
            s(0..3, 0.9),
            s(0..10, 0.5),
            s(12..15, 0.9),
            s(13..15, 0.95),
            s(20..22, 0.1),
            s(30..40, 0.7),
            s(32..35, 0.9),
            s(38..45, 0.8),
        ]);
        let ranges: Vec<_> = kept.iter().map(|k| k.range.clone()).collect();
        assert_eq!(ranges, vec![0..3, 12..15, 20..22, 38..45]);
    }

    proptest::proptest! {
        /// Each suggestion, best first, is kept when it overlaps none kept before it.
        #[test]
        fn kept_are_those_that_overlap_nothing_better(
            spans in proptest::collection::vec((0usize..60, 1usize..10, 0u8..10), 0..40),
        ) {
            let all: Vec<Suggestion> = spans.iter().map(|&(a, n, q)| s(a..a + n, f32::from(q) / 10.0)).collect();
            let mut best_first = drop_contained(all.clone());
            best_first.sort_by(better_first);
            let mut expected: Vec<Suggestion> = Vec::new();
            for c in best_first {
                if !expected.iter().any(|k| k.range.start < c.range.end && c.range.start < k.range.end) {
                    expected.push(c);
                }
            }
            expected.sort_by_key(|s| s.range.start);
            proptest::prop_assert_eq!(resolve_overlaps(all), expected);
        }
    }
}
