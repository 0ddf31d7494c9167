//! A set of byte ranges, merged, to ask whether a range overlaps any of them in logarithmic time: the
//! analyst's spans a machine suggestion must not cover, the region an undone action opened to the
//! machine. One copy, so that every such question is answered the same way.

use std::ops::Range;

/// Byte ranges, merged and sorted.
#[derive(Debug, Clone, Default)]
pub struct Covered(Vec<Range<usize>>);

impl Covered {
    pub fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        let mut all: Vec<Range<usize>> = ranges.into_iter().collect();
        all.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for r in all {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Self(merged)
    }

    /// Whether `range` overlaps any of them (an empty range: whether its position is inside one).
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        // The first merged range ending after `range` starts is the only one that can overlap it.
        let i = self.0.partition_point(|r| r.end <= range.start);
        self.0.get(i).is_some_and(|r| r.start < range.end.max(range.start + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_touching_ranges_merge_and_only_real_overlaps_count() {
        let covered = Covered::new([10..20, 0..5, 15..30, 40..41]);
        assert!(covered.overlaps(&(4..6)) && covered.overlaps(&(29..35)) && covered.overlaps(&(39..45)));
        assert!(!covered.overlaps(&(5..10)) && !covered.overlaps(&(30..40)) && !covered.overlaps(&(41..50)));
        assert!(covered.overlaps(&(12..12)) && !covered.overlaps(&(35..35)), "an empty range is a position");
    }

    proptest::proptest! {
        /// The same answer as asking every range.
        #[test]
        fn agrees_with_a_scan(ranges in proptest::collection::vec((0usize..50, 0usize..8), 0..12), a in 0usize..60, n in 1usize..8) {
            let ranges: Vec<Range<usize>> = ranges.into_iter().map(|(s, l)| s..s + l).filter(|r| !r.is_empty()).collect();
            let q = a..a + n;
            let scan = ranges.iter().any(|r| r.start < q.end && q.start < r.end);
            proptest::prop_assert_eq!(Covered::new(ranges.clone()).overlaps(&q), scan);
        }
    }
}
