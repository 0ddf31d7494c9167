//! Undo and redo: every user action is one entry of span and claim changes (and label-set changes),
//! applied and reverted as a unit.

use crate::annotation::{Claim, ClaimId, LabelSet, Review, Span, SpanId};

/// One span replaced by another: `None` before means created, `None` after means deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub before: Option<Span>,
    pub after: Option<Span>,
}

/// One claim replaced by another, like [`Change`].
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimChange {
    pub before: Option<Claim>,
    pub after: Option<Claim>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub changes: Vec<Change>,
    pub claims: Vec<ClaimChange>,
    pub labels: Option<(LabelSet, LabelSet)>,
    /// The document's done mark before and after.
    pub done: Option<(Option<Review>, Option<Review>)>,
    pub current_before: Option<SpanId>,
    pub current_after: Option<SpanId>,
    pub claim_before: Option<ClaimId>,
    pub claim_after: Option<ClaimId>,
}

impl Entry {
    /// The entry that undoes this one.
    pub fn inverse(&self) -> Entry {
        Entry {
            changes: self
                .changes
                .iter()
                .rev()
                .map(|c| Change { before: c.after.clone(), after: c.before.clone() })
                .collect(),
            claims: self
                .claims
                .iter()
                .rev()
                .map(|c| ClaimChange { before: c.after.clone(), after: c.before.clone() })
                .collect(),
            labels: self.labels.as_ref().map(|(b, a)| (a.clone(), b.clone())),
            done: self.done.as_ref().map(|(b, a)| (a.clone(), b.clone())),
            current_before: self.current_after,
            current_after: self.current_before,
            claim_before: self.claim_after,
            claim_after: self.claim_before,
        }
    }
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    pub fn record(&mut self, entry: Entry) {
        self.undo.push(entry);
        self.redo.clear();
    }

    /// The entry to apply to undo the last action (moved to the redo stack).
    pub fn undo(&mut self) -> Option<Entry> {
        let e = self.undo.pop()?;
        let inv = e.inverse();
        self.redo.push(e);
        Some(inv)
    }

    /// The entry to apply to redo the last undone action.
    pub fn redo(&mut self) -> Option<Entry> {
        let e = self.redo.pop()?;
        self.undo.push(e.clone());
        Some(e)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
