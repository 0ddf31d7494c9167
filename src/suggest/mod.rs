//! What every entity engine proposes, and how proposals from several are made one list.
//!
//! An engine's proposal is a [`Suggestion`]: a byte range, a label, a score and the source that made
//! it (`ner/perceptron`, `rules/title`), whose first part names the [`Engine`]. An entity engine
//! implements [`Suggester`]; [`resolve_overlaps`] merges what several propose into one list without
//! overlaps (a confident span holding others wins over them, then higher scores, then longer spans).
//! What engines there are, and in which order they run, is decided in one place: the `engines` module.
//! What the analyst already decided is not this module's concern: the session leaves suggestions out
//! where a decided span is.

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
    /// The engine and rule that proposed it, e.g. `rules/title` (stored in annotation files as it is).
    pub source: String,
}

/// The engines Marginalia ships, as annotation files name them: the first part of a source, before
/// its `/` (`ner/perceptron`, `rules/title`, `claims/tagger`). Files keep the whole source as a string,
/// and other tools' engines (an imported model's predictions) have names of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// The statistical entity tagger (the `ner` module), which learns from the analyst.
    Tagger,
    /// The rules and gazetteers (the `rules` module).
    Rules,
    /// The claim tagger (the `claims` module).
    Claims,
}

impl Engine {
    /// The name files give it.
    pub const fn name(self) -> &'static str {
        match self {
            Engine::Tagger => "ner",
            Engine::Rules => "rules",
            Engine::Claims => "claims",
        }
    }

    /// The shipped engine a source names (`None`: another tool's engine).
    pub fn of_source(source: &str) -> Option<Engine> {
        let name = source.split_once('/').map_or(source, |(engine, _)| engine);
        [Engine::Tagger, Engine::Rules, Engine::Claims].into_iter().find(|e| e.name() == name)
    }
}

/// Anything that proposes entity spans for a document.
pub trait Suggester: Send + Sync {
    /// The engine it is: every source it gives starts with its name.
    fn engine(&self) -> Engine;
    fn suggest(&self, doc: &Document) -> Vec<Suggestion>;
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
    fn a_source_names_its_engine() {
        assert_eq!(Engine::of_source("ner/perceptron"), Some(Engine::Tagger));
        assert_eq!(Engine::of_source("rules/title"), Some(Engine::Rules));
        assert_eq!(Engine::of_source("claims/tagger"), Some(Engine::Claims));
        assert_eq!(Engine::of_source("nerd/v2"), None, "a name, not a prefix");
        assert_eq!(Engine::of_source("label-studio"), None);
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
