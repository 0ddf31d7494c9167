//! Where a span's or a claim's edges go when the analyst nudges them by a token: the end grows or
//! shrinks, the start grows or shrinks, or the whole moves. One place for both layers, so that a
//! claim's start moves exactly as a span's does.

use super::{Edit, Session};
use std::ops::Range;

impl Edit {
    /// Whether it moves an edge (or both) of the current item by a token.
    pub(super) fn nudges(&self) -> bool {
        matches!(
            self,
            Edit::GrowEnd | Edit::ShrinkEnd | Edit::GrowStart | Edit::ShrinkStart | Edit::MoveLeft | Edit::MoveRight
        )
    }
}

impl Session {
    /// The range after a one-token nudge, or `None` at the document's edges (or where the range
    /// would be left with no token).
    pub(super) fn nudged(&self, range: &Range<usize>, edit: &Edit) -> Option<Range<usize>> {
        let tokens = self.doc.tokens();
        let inside = self.doc.tokens_in(range.clone());
        if inside.is_empty() {
            return None;
        }
        let (first, last) = (inside.start, inside.end - 1);
        let r = |a: usize, b: usize| tokens[a].range.start..tokens[b].range.end;
        match edit {
            Edit::GrowEnd => (last + 1 < tokens.len()).then(|| range.start..tokens[last + 1].range.end),
            Edit::ShrinkEnd => (last > first).then(|| range.start..tokens[last - 1].range.end),
            Edit::GrowStart => (first > 0).then(|| tokens[first - 1].range.start..range.end),
            Edit::ShrinkStart => (last > first).then(|| tokens[first + 1].range.start..range.end),
            Edit::MoveLeft => (first > 0).then(|| r(first - 1, last - 1)),
            Edit::MoveRight => (last + 1 < tokens.len()).then(|| r(first + 1, last + 1)),
            _ => None,
        }
    }
}

/// A claim's pieces once its content is `content`: each cut to the content, those left empty
/// dropped, the first reaching back to its start and the last on to its end — none when one is left
/// (a content in one piece has no pieces).
pub(super) fn refit_pieces(pieces: &[Range<usize>], content: &Range<usize>) -> Vec<Range<usize>> {
    let mut kept: Vec<Range<usize>> =
        pieces.iter().map(|p| p.start.max(content.start)..p.end.min(content.end)).filter(|p| !p.is_empty()).collect();
    if let Some(first) = kept.first_mut() {
        first.start = content.start;
    }
    if let Some(last) = kept.last_mut() {
        last.end = content.end;
    }
    if kept.len() < 2 { Vec::new() } else { kept }
}

#[cfg(test)]
mod tests {
    use super::refit_pieces;

    #[test]
    fn pieces_stay_inside_what_is_claimed() {
        let pieces = [0..5, 10..20];
        assert_eq!(refit_pieces(&pieces, &(2..20)), vec![2..5, 10..20], "the start shrank into the first piece");
        assert_eq!(refit_pieces(&pieces, &(0..25)), vec![0..5, 10..25], "the end grew");
        assert!(refit_pieces(&pieces, &(11..20)).is_empty(), "one piece left is no pieces");
        assert!(refit_pieces(&[], &(0..4)).is_empty());
    }
}
