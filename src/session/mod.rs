//! An open document being annotated: the annotations, the current item, undo/redo, and what changed
//! since the last save. Every user action arrives as an [`Edit`]; the window, the tests and any future
//! scripting all go through [`Session::apply`], so every action is testable headless and undoable.

mod boundaries;
mod claims;
mod decide;
mod edit;
pub mod history;
mod label_matches;
mod machine;
mod outcome;
mod queue;

pub use decide::Verdict;
pub use edit::Edit;
pub use history::Serial;
pub use label_matches::Labelled;
pub use machine::Refreshed;
pub use outcome::{Mentions, Outcome};
pub use queue::QueueOrder;

use crate::annotation::{
    Annotations, Claim, ClaimId, Claimant, Counts, LabelSet, Origin, Review, Span, SpanId, Status, current_user, now,
};
use crate::doc::Document;
use crate::store::resume::Position;
use history::{Change, ClaimChange, Entry, History};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// Which layer the keyboard works on: Accept, Reject and the boundary keys act on the current entity
/// span or on the current claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Entities,
    Claims,
}

pub struct Session {
    /// Shared with background work (saving, suggesting) without copying the text.
    doc: Arc<Document>,
    ann: Annotations,
    /// The article this came from, if any.
    pub article_path: Option<PathBuf>,
    /// Where the annotations are saved.
    pub save_path: Option<PathBuf>,
    current: Option<SpanId>,
    current_claim: Option<ClaimId>,
    focus: Focus,
    /// The order Next pending walks in.
    queue_order: QueueOrder,
    history: History,
    revision: u64,
    saved_revision: u64,
    /// Bumped for a paragraph whenever its highlights change, so the view relays out only that paragraph.
    paragraph_revisions: Vec<u64>,
    /// Bumped when every paragraph must be relaid out (label colours changed).
    labels_revision: u64,
    /// The text the last applied action touched (bytes), for learners.
    last_change: Option<Range<usize>>,
    user: String,
}

impl Session {
    pub fn new(doc: Document, ann: Annotations) -> Self {
        let paragraph_revisions = vec![0; doc.paragraphs().len()];
        let mut session = Self {
            doc: Arc::new(doc),
            ann,
            article_path: None,
            save_path: None,
            current: None,
            current_claim: None,
            focus: Focus::Entities,
            queue_order: QueueOrder::Document,
            history: History::default(),
            revision: 0,
            saved_revision: 0,
            paragraph_revisions,
            labels_revision: 0,
            last_change: None,
            user: current_user(),
        };
        // Resuming a document starts at its first undecided item.
        session.current = session.next_pending_from(None, true);
        session
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Who decides from now on (the window's analyst; the login name unless told otherwise).
    pub fn set_user(&mut self, user: &str) {
        self.user = user.to_string();
    }

    /// The document, shared (for background work).
    pub fn shared_doc(&self) -> Arc<Document> {
        self.doc.clone()
    }

    pub fn annotations(&self) -> &Annotations {
        &self.ann
    }

    pub fn labels(&self) -> &LabelSet {
        &self.ann.labels
    }

    pub fn current(&self) -> Option<&Span> {
        self.current.and_then(|id| self.ann.get(id))
    }

    pub fn current_id(&self) -> Option<SpanId> {
        self.current
    }

    /// Where the analyst is: the current span and claim, and which of them the keyboard is on.
    pub fn position(&self) -> Position {
        let at = |r: &Range<usize>| self.doc.chars().chars_of(self.doc.text(), r.into()).map(|c| (c.start, c.end));
        Position {
            span: self.current.map(|id| id.0),
            span_at: self.current().and_then(|s| at(&s.range)),
            claim: self.current_claim.map(|id| id.0),
            claim_at: self.current_claim().and_then(|c| at(&c.content)),
            on_claims: self.focus == Focus::Claims,
        }
    }

    /// Goes back to a position: to the items it names that are still where they were (another
    /// version of the file may use the same ids for other items).
    pub fn resume(&mut self, p: Position) {
        let at = |r: &Range<usize>| self.doc.chars().chars_of(self.doc.text(), r.into()).map(|c| (c.start, c.end));
        let still = |was: Option<(usize, usize)>, now: &Range<usize>| was.is_none_or(|w| at(now) == Some(w));
        if let Some(s) = p.span.and_then(|id| self.ann.get(SpanId(id))).filter(|s| still(p.span_at, &s.range)) {
            self.current = Some(s.id);
        }
        let claim = p.claim.and_then(|id| self.ann.claims.get(ClaimId(id)));
        if let Some(c) = claim.filter(|c| still(p.claim_at, &c.content)) {
            self.current_claim = Some(c.id);
        }
        self.focus = if p.on_claims && self.current_claim.is_some() { Focus::Claims } else { Focus::Entities };
    }

    pub fn paragraph_revision(&self, p: usize) -> u64 {
        self.paragraph_revisions.get(p).copied().unwrap_or(0)
    }

    pub fn labels_revision(&self) -> u64 {
        self.labels_revision
    }

    /// The spans of the paragraphs the last action touched: what a learner needs to learn from it.
    pub fn spans_near_last_change(&self) -> Vec<Span> {
        let Some(change) = self.last_change.clone() else { return Vec::new() };
        let paras = self.doc.paragraphs_touching(change);
        let (Some(first), Some(last)) = (
            self.doc.paragraphs().get(paras.start),
            paras.end.checked_sub(1).and_then(|p| self.doc.paragraphs().get(p)),
        ) else {
            return Vec::new();
        };
        self.ann.overlapping(first.start..last.end).cloned().collect()
    }

    /// Changes since the last save.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn mark_saved(&mut self, revision: u64) {
        self.saved_revision = revision;
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// What is pending, accepted and rejected in the document, spans and claims together.
    pub fn tally(&self) -> Counts {
        self.ann.tally()
    }

    /// Applies one user action, and says what happened.
    pub fn apply(&mut self, edit: Edit) -> Outcome {
        match edit {
            Edit::NextClaim
            | Edit::PrevClaim
            | Edit::SelectClaim(_)
            | Edit::SetClaimant(_)
            | Edit::CreateClaim { .. }
            | Edit::DeleteClaim(_) => return self.apply_claim_edit(edit),
            Edit::Accept | Edit::Reject if self.focus == Focus::Claims => return self.apply_claim_edit(edit),
            // A cue or a word on check-worthiness is for the claim being reviewed, never one left
            // current behind the entities (or a hidden layer).
            Edit::SetCue(_) | Edit::SetCheckworthy(_) if self.focus == Focus::Claims => {
                return self.apply_claim_edit(edit);
            }
            Edit::SetCue(_) | Edit::SetCheckworthy(_) => return Outcome::NotOnAClaim,
            nudge if nudge.nudges() && self.focus == Focus::Claims => return self.apply_claim_edit(nudge),
            Edit::NextPending | Edit::PrevPending => {
                self.focus = Focus::Entities;
                let forward = edit == Edit::NextPending;
                match self.next_pending_from(self.current, forward) {
                    Some(id) => self.current = Some(id),
                    None => return Outcome::NoPendingLeft,
                }
            }
            Edit::Select(id) => {
                if self.ann.get(id).is_some() {
                    self.current = Some(id);
                    self.focus = Focus::Entities;
                }
            }
            Edit::Accept | Edit::Reject => {
                let status = if edit == Edit::Accept { Status::Accepted } else { Status::Rejected };
                let Some(span) = self.current().cloned() else { return Outcome::NothingCurrent };
                if span.status != status {
                    let after = Span { status, reviewed: Some(self.review()), ..span.clone() };
                    let next = self.next_pending_after(&span);
                    self.commit(vec![Change { before: Some(span), after: Some(after) }], None, next);
                } else {
                    self.current = self.next_pending_after(&span).or(self.current);
                }
            }
            Edit::Relabel(label) => {
                if !self.ann.labels.contains(&label) {
                    return Outcome::NoSuchLabel(label);
                }
                let Some(span) = self.current().cloned() else { return Outcome::NothingCurrent };
                let after = Span { label, status: Status::Accepted, reviewed: Some(self.review()), ..span.clone() };
                let id = span.id;
                self.commit(vec![Change { before: Some(span), after: Some(after) }], None, Some(id));
            }
            nudge @ (Edit::GrowEnd
            | Edit::ShrinkEnd
            | Edit::GrowStart
            | Edit::ShrinkStart
            | Edit::MoveLeft
            | Edit::MoveRight) => {
                let Some(span) = self.current().cloned() else { return Outcome::NothingCurrent };
                let Some(range) = self.nudged(&span.range, &nudge) else { return Outcome::SpanCannotMove };
                let id = span.id;
                // Moving a span is the analyst's word on it: it is accepted where it now is.
                let after = Span { range, status: Status::Accepted, reviewed: Some(self.review()), ..span.clone() };
                self.commit(vec![Change { before: Some(span), after: Some(after) }], None, Some(id));
            }
            Edit::AcceptAllMentions => return self.accept_all_mentions(),
            Edit::Delete(id) => {
                let Some(span) = self.ann.get(id).cloned() else { return Outcome::NothingCurrent };
                let next = if self.current == Some(id) { self.next_pending_after(&span) } else { self.current };
                // A suggestion the analyst deletes is rejected (and hidden): kept as a negative
                // example, so that no refresh brings it back. A span made by hand goes.
                let after = match (&span.origin, span.status) {
                    (Origin::Engine { .. }, Status::Rejected) => return Outcome::SpanAlreadyRejected,
                    (Origin::Engine { .. }, _) => {
                        Some(Span { status: Status::Rejected, reviewed: Some(self.review()), ..span.clone() })
                    }
                    (Origin::Human { .. }, _) => None,
                };
                let unlinked = if after.is_none() { self.unlink_claims(id) } else { Vec::new() };
                let entry = Entry {
                    changes: vec![Change { before: Some(span), after }],
                    claims: unlinked,
                    current_before: self.current,
                    current_after: next,
                    claim_before: self.current_claim,
                    claim_after: self.current_claim,
                    layer: Some(Focus::Entities),
                    ..Entry::default()
                };
                self.record(entry);
            }
            Edit::Create { range, label } => return self.create(range, label),
            Edit::LabelMatches { ranges, label } => return self.label_matches(ranges, label),
            Edit::SetLabels(labels) => {
                let before = self.ann.labels.clone();
                // A label spans use stays: the file must name every label it uses (I6).
                if let Some(used) = before.iter().find(|l| !labels.contains(&l.name) && self.uses_label(&l.name)) {
                    return Outcome::LabelInUse(used.name.clone());
                }
                if before != labels {
                    self.commit(Vec::new(), Some((before, labels)), self.current);
                }
            }
            Edit::Decide { spans, claims } => return self.decide(&spans, &claims),
            Edit::MarkDone(done) => return self.mark_done(done),
            Edit::Undo => match self.history.undo() {
                Some(entry) => self.replay(&entry),
                None => return Outcome::NothingToUndo,
            },
            Edit::Redo => match self.history.redo() {
                Some(entry) => self.replay(&entry),
                None => return Outcome::NothingToRedo,
            },
        }
        Outcome::Done
    }

    fn mark_done(&mut self, done: bool) -> Outcome {
        if self.ann.done.is_some() == done {
            return Outcome::Done;
        }
        let after = done.then(|| self.review());
        let entry = Entry {
            done: Some((self.ann.done.clone(), after)),
            current_before: self.current,
            current_after: self.current,
            claim_before: self.current_claim,
            claim_after: self.current_claim,
            ..Entry::default()
        };
        self.record(entry);
        if done { Outcome::MarkedDone { undecided: self.tally().pending } } else { Outcome::MarkedNotDone }
    }

    /// Whether an analyst marked the document done.
    pub fn is_done(&self) -> bool {
        self.ann.done.is_some()
    }

    fn review(&self) -> Review {
        Review { by: self.user.clone(), at: now() }
    }

    fn create(&mut self, range: Range<usize>, label: String) -> Outcome {
        if !self.ann.labels.contains(&label) {
            return Outcome::NoSuchLabel(label);
        }
        if range.is_empty() || self.doc.text().get(range.clone()).is_none() {
            return Outcome::NothingSelected;
        }
        let mut changes = Vec::new();
        let review = self.review();
        // A pending suggestion with exactly this range is the same item: relabel and accept it.
        let same =
            self.ann.overlapping(range.clone()).find(|s| s.range == range && s.status != Status::Accepted).cloned();
        if let Some(same) = same {
            let id = same.id;
            let after = Span { label, status: Status::Accepted, reviewed: Some(review), ..same.clone() };
            changes.push(Change { before: Some(same), after: Some(after) });
            self.commit(changes, None, Some(id));
            return Outcome::Done;
        }
        for s in self.ann.overlapping(range.clone()).filter(|s| s.is_pending()) {
            let after = Span { status: Status::Rejected, reviewed: Some(review.clone()), ..s.clone() };
            changes.push(Change { before: Some(s.clone()), after: Some(after) });
        }
        let id = self.ann.next_id();
        let span = Span {
            id,
            range,
            label,
            status: Status::Accepted,
            origin: Origin::Human { by: self.user.clone() },
            created: now(),
            reviewed: Some(review),
        };
        changes.push(Change { before: None, after: Some(span) });
        self.commit(changes, None, Some(id));
        Outcome::Done
    }

    /// Accepts every token-aligned mention of the current span's words with its label: pending
    /// suggestions there are accepted (relabelled), mentions where nothing is get a new span, and
    /// mentions the analyst already decided on (or that another suggestion covers) are left as they
    /// are and counted.
    fn accept_all_mentions(&mut self) -> Outcome {
        let Some(cur) = self.current().cloned() else { return Outcome::NothingCurrent };
        let needle = self.doc.text()[cur.range.clone()].to_string();
        let review = self.review();
        let mut changes = Vec::new();
        let (mut created, mut left) = (0, 0);
        for occ in self.doc.occurrences(&needle) {
            let overlapping: Vec<&Span> = self.ann.overlapping(occ.clone()).collect();
            let same = overlapping.iter().find(|s| s.range == occ);
            match same {
                Some(same) if same.is_pending() => {
                    let after = Span {
                        label: cur.label.clone(),
                        status: Status::Accepted,
                        reviewed: Some(review.clone()),
                        ..(*same).clone()
                    };
                    changes.push(Change { before: Some((*same).clone()), after: Some(after) });
                }
                Some(same) if same.status == Status::Accepted && same.label == cur.label => {}
                _ if overlapping.is_empty() => {
                    created += 1;
                    changes.push(Change {
                        before: None,
                        after: Some(Span {
                            id: self.ann.next_id(),
                            range: occ,
                            label: cur.label.clone(),
                            status: Status::Accepted,
                            origin: Origin::Human { by: self.user.clone() },
                            created: now(),
                            reviewed: Some(review.clone()),
                        }),
                    });
                }
                _ => left += 1,
            }
        }
        let accepted = changes.len();
        if accepted > 0 {
            self.commit(changes, None, Some(cur.id));
        }
        Outcome::Mentions(Mentions { words: needle, label: cur.label, accepted, created, left })
    }

    /// The claims that name span `id` as their claimant, without the link (their claimant's words
    /// stay): a span that goes leaves no claim pointing at nothing.
    fn unlink_claims(&self, id: SpanId) -> Vec<ClaimChange> {
        let naming = self.ann.claims.all().iter().filter(|c| c.claimant.as_ref().is_some_and(|w| w.entity == Some(id)));
        naming
            .map(|c| {
                let claimant = c.claimant.clone().map(|w| Claimant { entity: None, ..w });
                ClaimChange { before: Some(c.clone()), after: Some(Claim { claimant, ..c.clone() }) }
            })
            .collect()
    }

    fn uses_label(&self, name: &str) -> bool {
        self.ann.spans().iter().any(|s| s.label == name)
    }

    fn next_pending_after(&self, span: &Span) -> Option<SpanId> {
        self.next_pending_from(Some(span.id), true).filter(|&id| id != span.id)
    }

    /// The next (or previous) pending span in the queue's order from `from`, wrapping around.
    fn next_pending_from(&self, from: Option<SpanId>, forward: bool) -> Option<SpanId> {
        let spans = self.ann.spans();
        let here = from.and_then(|id| self.ann.index_of(id));
        self.span_walk(here, forward).into_iter().map(|i| &spans[i]).find(|s| s.is_pending()).map(|s| s.id)
    }

    fn commit(&mut self, changes: Vec<Change>, labels: Option<(LabelSet, LabelSet)>, current_after: Option<SpanId>) {
        let layer = (!changes.is_empty()).then_some(Focus::Entities);
        let entry = Entry {
            changes,
            labels,
            current_before: self.current,
            current_after,
            claim_before: self.current_claim,
            claim_after: self.current_claim,
            layer,
            ..Entry::default()
        };
        self.record(entry);
    }

    fn record(&mut self, entry: Entry) {
        self.replay(&entry);
        self.history.record(entry);
    }

    /// Applies an entry's changes to the annotations.
    fn replay(&mut self, entry: &Entry) {
        let ranges = entry.changes.iter().flat_map(|c| c.before.iter().chain(c.after.iter())).map(|s| s.range.clone());
        self.last_change = ranges.reduce(|a, b| a.start.min(b.start)..a.end.max(b.end));
        for c in &entry.changes {
            if let Some(b) = &c.before {
                self.touch(&b.range);
                self.ann.remove(b.id);
            }
            if let Some(a) = &c.after {
                self.touch(&a.range);
                self.ann.put(a.clone());
            }
        }
        for c in &entry.claims {
            if let Some(b) = &c.before {
                self.touch(&b.extent());
                self.ann.claims.remove(b.id);
            }
            if let Some(a) = &c.after {
                self.touch(&a.extent());
                self.ann.claims.put(a.clone());
            }
        }
        if let Some((_, after)) = &entry.labels {
            self.ann.labels = after.clone();
            self.labels_revision += 1;
        }
        if let Some((_, after)) = &entry.done {
            self.ann.done = after.clone();
        }
        if let Some(layer) = entry.layer {
            self.focus = layer;
        }
        self.current_claim = entry.claim_after.filter(|id| self.ann.claims.get(*id).is_some());
        self.current = entry.current_after.filter(|id| self.ann.get(*id).is_some());
        self.revision += 1;
    }

    fn touch(&mut self, range: &Range<usize>) {
        for p in self.doc.paragraphs_touching(range.clone()) {
            if let Some(r) = self.paragraph_revisions.get_mut(p) {
                *r += 1;
            }
        }
    }
}

/// Indices of `n` items in the order a walk from `here` visits them: onwards (or backwards), wrapping
/// around, `here` itself last; from the start (or the end) when nothing is current.
fn walk_order(here: Option<usize>, n: usize, forward: bool) -> Vec<usize> {
    match (here, forward) {
        (Some(i), true) => (i + 1..n).chain(0..=i).collect(),
        (Some(i), false) => (0..i).rev().chain((i..n).rev()).collect(),
        (None, true) => (0..n).collect(),
        (None, false) => (0..n).rev().collect(),
    }
}

#[cfg(test)]
mod invariants;
#[cfg(test)]
mod tests;
