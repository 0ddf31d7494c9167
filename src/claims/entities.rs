//! The entities a document's claimants are looked for among, indexed by where they start and end.
//!
//! The claimant rules of [`super::resolve`] ask, once or more per claim, for a person or organisation
//! starting at, ending at, inside or holding some words. Scanning every entity for each made suggesting
//! claims cost the claims times the entities: quadratic in the text (4 MB took 108 s, 1 MB 5.6 s).
//! Here each question is a binary search and a look at the entities near the words asked about.
//!
//! The answers are exactly those of a scan of the list in its order — the first entity that fits, or of
//! the latest-ending ones the last, as [`Iterator::max_by_key`] gives — whatever the order of the list
//! and however its entities overlap. The pipeline's entities are sorted and do not overlap
//! ([`crate::suggest::resolve_overlaps`]); that is what keeps each question to a few entities, not what
//! makes the answers right.

use crate::offsets::ByteRange;
use crate::suggest::Suggestion;

/// A document's entities, by start and by end.
pub struct Entities<'a> {
    all: &'a [Suggestion],
    /// Indices into `all`, by start (entities starting together in list order).
    by_start: Vec<usize>,
    /// Indices into `all`, by end (entities ending together in list order).
    by_end: Vec<usize>,
    /// The length of the longest entity: one that holds a range starts at most this far before its end.
    longest: usize,
}

impl<'a> Entities<'a> {
    pub fn new(all: &'a [Suggestion]) -> Self {
        debug_assert!(all.iter().all(|e| e.range.start <= e.range.end), "an entity ends before it starts");
        // Stable sorts: ties stay in list order, so the first of them is the first in the list.
        let mut by_start: Vec<usize> = (0..all.len()).collect();
        by_start.sort_by_key(|&i| all[i].range.start);
        let mut by_end: Vec<usize> = (0..all.len()).collect();
        by_end.sort_by_key(|&i| all[i].range.end);
        let longest = all.iter().map(|e| e.range.len()).max().unwrap_or(0);
        Self { all, by_start, by_end, longest }
    }

    /// The entities whose start is in `from..=to`, in order of start.
    fn starting_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.by_start.partition_point(|&i| self.all[i].range.start < from);
        self.by_start[first..].iter().copied().take_while(move |&i| self.all[i].range.start <= to)
    }

    /// The first entity in the list, of those `keep` accepts, among `candidates`.
    fn first(
        &self,
        candidates: impl Iterator<Item = usize>,
        keep: impl Fn(&Suggestion) -> bool,
    ) -> Option<&'a Suggestion> {
        candidates.filter(|&i| keep(&self.all[i])).min().map(|i| &self.all[i])
    }

    /// The first entity `keep` accepts that starts at byte `at`.
    pub fn starting_at(&self, at: usize, keep: impl Fn(&Suggestion) -> bool) -> Option<&'a Suggestion> {
        self.first(self.starting_in(at, at), keep)
    }

    /// The first entity `keep` accepts that ends at byte `at`.
    pub fn ending_at(&self, at: usize, keep: impl Fn(&Suggestion) -> bool) -> Option<&'a Suggestion> {
        let first = self.by_end.partition_point(|&i| self.all[i].range.end < at);
        let ending = self.by_end[first..].iter().copied().take_while(|&i| self.all[i].range.end == at);
        self.first(ending, keep)
    }

    /// The first entity `keep` accepts that lies inside `range`.
    pub fn inside(&self, range: ByteRange, keep: impl Fn(&Suggestion) -> bool) -> Option<&'a Suggestion> {
        let inside = self.starting_in(range.start, range.end).filter(|&i| self.all[i].range.end <= range.end);
        self.first(inside, keep)
    }

    /// The first entity `keep` accepts that holds `range`.
    pub fn holding(&self, range: ByteRange, keep: impl Fn(&Suggestion) -> bool) -> Option<&'a Suggestion> {
        let from = range.end.saturating_sub(self.longest);
        let holding = self.starting_in(from, range.start).filter(|&i| self.all[i].range.end >= range.end);
        self.first(holding, keep)
    }

    /// Of the entities `keep` accepts inside `range`, the one that ends last (of several, the last in
    /// the list).
    pub fn last_inside(&self, range: ByteRange, keep: impl Fn(&Suggestion) -> bool) -> Option<&'a Suggestion> {
        let past = self.by_end.partition_point(|&i| self.all[i].range.end <= range.end);
        self.by_end[..past]
            .iter()
            .rev()
            .map(|&i| &self.all[i])
            .take_while(|e| e.range.end >= range.start)
            .find(|e| e.range.start >= range.start && keep(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::ops::Range;

    fn entity(range: Range<usize>, label: &str) -> Suggestion {
        Suggestion { range, label: label.into(), score: 0.9, source: "t".into() }
    }

    fn person(e: &Suggestion) -> bool {
        e.label == "PERSON"
    }

    #[test]
    fn questions_about_sorted_entities() {
        let all = vec![entity(0..5, "PERSON"), entity(6..9, "LOC"), entity(10..20, "PERSON"), entity(21..25, "ORG")];
        let index = Entities::new(&all);
        let range = |e: Option<&Suggestion>| e.map(|e| e.range.clone());
        assert_eq!(range(index.starting_at(10, person)), Some(10..20));
        assert_eq!(range(index.starting_at(6, person)), None, "a place is not a person");
        assert_eq!(range(index.ending_at(5, person)), Some(0..5));
        let bytes = ByteRange::new;
        assert_eq!(range(index.inside(bytes(0, 12), |_| true)), Some(0..5));
        assert_eq!(range(index.holding(bytes(12, 15), |_| true)), Some(10..20));
        assert_eq!(range(index.last_inside(bytes(0, 21), person)), Some(10..20));
        assert_eq!(range(index.last_inside(bytes(1, 21), |_| true)), Some(10..20));
        assert_eq!(range(index.last_inside(bytes(11, 30), |_| true)), Some(21..25));
    }

    proptest! {
        /// Every answer is the one a scan of the list gives, in any order and with any overlaps.
        #[test]
        fn answers_are_those_of_a_scan(
            spans in prop::collection::vec((0usize..40, 0usize..12, any::<bool>()), 0..30),
            a in 0usize..50,
            len in 0usize..15,
        ) {
            let all: Vec<Suggestion> =
                spans.iter().map(|&(s, n, p)| entity(s..s + n, if p { "PERSON" } else { "ORG" })).collect();
            let index = Entities::new(&all);
            let r = ByteRange::new(a, a + len);
            let scan = |f: &dyn Fn(&Suggestion) -> bool| all.iter().find(|e| person(e) && f(e));
            prop_assert_eq!(index.starting_at(a, person), scan(&|e| e.range.start == a));
            prop_assert_eq!(index.ending_at(a, person), scan(&|e| e.range.end == a));
            prop_assert_eq!(index.inside(r, person), scan(&|e| r.start <= e.range.start && e.range.end <= r.end));
            prop_assert_eq!(index.holding(r, person), scan(&|e| e.range.start <= r.start && r.end <= e.range.end));
            let last = all
                .iter()
                .filter(|e| person(e) && e.range.start >= r.start && e.range.end <= r.end)
                .max_by_key(|e| e.range.end);
            prop_assert_eq!(index.last_inside(r, person), last);
        }
    }
}
