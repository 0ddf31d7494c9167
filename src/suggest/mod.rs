//! Suggestion engines: anything that proposes entity spans for a document.
//!
//! An engine implements [`Suggester`]; a [`Pipeline`] runs several and resolves their overlaps (longer
//! spans first, then higher scores), and drops anything the analyst has already decided on. The first
//! engine is rule- and gazetteer-based ([`rules::RuleSuggester`]); trained models plug into the same trait.

pub mod gazetteer;
pub mod rules;

use crate::doc::Document;
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

/// Greedy, after [`drop_contained`]: higher score first, then longer, then earlier; keeps those that
/// overlap nothing kept.
pub fn resolve_overlaps(all: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut all = drop_contained(all);
    all.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(b.range.len().cmp(&a.range.len())).then(a.range.start.cmp(&b.range.start))
    });
    let mut kept: Vec<Suggestion> = Vec::with_capacity(all.len());
    let mut taken: Vec<Range<usize>> = Vec::new(); // sorted by start
    for s in all {
        let i = taken.partition_point(|r| r.start < s.range.start);
        let clashes =
            (i > 0 && taken[i - 1].end > s.range.start) || taken.get(i).is_some_and(|r| r.start < s.range.end);
        if !clashes {
            taken.insert(i, s.range.clone());
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
}
