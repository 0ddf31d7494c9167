//! Undo and redo: every user action is one entry of span and claim changes (and label-set changes),
//! applied and reverted as a unit.
//!
//! What the machine does *because of* an action — the suggestions a learner withdraws and adds after
//! the analyst's decision, or what a reset of the learned models brings back — is written into that
//! action's entry ([`History::amend`]), so that undoing the action takes back exactly what was on
//! screen before it, the machine's part included (invariant I2 in `docs/INVARIANTS.md`).

use super::Focus;
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

#[derive(Debug, Clone, PartialEq, Default)]
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
    /// The layer the keyboard works on after the action (and after undoing it); `None`: unchanged.
    pub layer: Option<Focus>,
    /// How many of `changes` and `claims` are the action's own (the first ones): the rest is what
    /// the machine did because of it, or of earlier actions, after it was recorded.
    pub own: (usize, usize),
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
            layer: self.layer,
            own: (0, 0),
        }
    }

    /// Whether the entry changes nothing that is saved.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.claims.is_empty() && self.labels.is_none() && self.done.is_none()
    }

    /// Appends `later` (applied after this entry) to it: one unit for undo and redo.
    pub(super) fn absorb(&mut self, later: Entry) {
        self.changes.extend(later.changes);
        self.claims.extend(later.claims);
        self.labels = match (self.labels.take(), later.labels) {
            (Some((before, _)), Some((_, after))) => Some((before, after)),
            (mine, theirs) => mine.or(theirs),
        };
        self.done = match (self.done.take(), later.done) {
            (Some((before, _)), Some((_, after))) => Some((before, after)),
            (mine, theirs) => mine.or(theirs),
        };
        self.current_after = later.current_after;
        self.claim_after = later.claim_after;
    }
}

/// An action's place in the history, so that what the machine does because of it later can be
/// told whether that action still stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Serial(pub u64);

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(Serial, Entry)>,
    redo: Vec<(Serial, Entry)>,
    next: u64,
}

impl History {
    pub fn record(&mut self, mut entry: Entry) -> Serial {
        self.next += 1;
        let serial = Serial(self.next);
        entry.own = (entry.changes.len(), entry.claims.len());
        self.undo.push((serial, entry));
        self.redo.clear();
        serial
    }

    /// The entry to apply to undo the last action (moved to the redo stack).
    pub fn undo(&mut self) -> Option<Entry> {
        let (serial, e) = self.undo.pop()?;
        let inv = e.inverse();
        self.redo.push((serial, e));
        Some(inv)
    }

    /// The entry to apply to redo the last undone action.
    pub fn redo(&mut self) -> Option<Entry> {
        let (serial, e) = self.redo.pop()?;
        self.undo.push((serial, e.clone()));
        Some(e)
    }

    /// The last action that stands (not undone), if any.
    pub fn last(&self) -> Option<Serial> {
        self.undo.last().map(|(s, _)| *s)
    }

    /// The entry of an action the machine may still follow up on: one that stands, with nothing
    /// undone since (while the analyst is undoing, the screen stays as the undo left it). `None` once
    /// it was undone, or undone and replaced.
    pub fn open_to_machine(&self, serial: Serial) -> Option<&Entry> {
        if !self.redo.is_empty() {
            return None;
        }
        self.undo.iter().rev().find(|(s, _)| *s == serial).map(|(_, e)| e)
    }

    /// Adds what the machine did because of an action open to it (see [`History::open_to_machine`]) to
    /// the last action, so that undoing that takes the machine's part back too (the screen before the
    /// last action did not show it). Returns false, keeping nothing, when no action is open.
    pub fn amend(&mut self, machine: Entry) -> bool {
        if !self.redo.is_empty() {
            return false;
        }
        match self.undo.last_mut() {
            Some((_, last)) => {
                last.absorb(machine);
                true
            }
            None => false,
        }
    }

    /// Forgets every action (keeping the count, so that no follow-up meant for one of them is
    /// taken for a later action's).
    pub fn forget(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
