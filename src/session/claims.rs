//! The claims layer of a session: suggested claims arrive, the analyst walks them, accepts or rejects
//! them, fixes what is claimed and who claims it, and makes new ones — each an undoable entry, like
//! the edits of entity spans.

use super::{ClaimChange, Edit, Entry, Focus, Outcome, Session};
use crate::annotation::{Claim, ClaimId, Origin, Span, Status, now};

/// The engine name stored with suggested claims.
pub const CLAIM_ENGINE: &str = "claims/tagger";

impl Session {
    pub fn current_claim(&self) -> Option<&Claim> {
        self.current_claim.and_then(|id| self.ann.claims.get(id))
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The entity span a claimant is, or — for a pronoun the engine resolved — refers to.
    pub(super) fn entity_for(
        &self,
        words: &std::ops::Range<usize>,
        refers_to: Option<&std::ops::Range<usize>>,
    ) -> Option<Span> {
        let exact = |r: &std::ops::Range<usize>| {
            self.ann.overlapping(r.clone()).find(|s| s.range == *r && s.status != Status::Rejected).cloned()
        };
        exact(words).or_else(|| refers_to.and_then(exact))
    }

    pub(super) fn apply_claim_edit(&mut self, edit: Edit) -> Outcome {
        match edit {
            Edit::NextClaim | Edit::PrevClaim => {
                self.focus = Focus::Claims;
                match self.next_claim_from(self.current_claim, edit == Edit::NextClaim) {
                    Some(id) => self.current_claim = Some(id),
                    None => return Outcome::NoClaims,
                }
            }
            Edit::SelectClaim(id) if self.ann.claims.get(id).is_some() => {
                self.current_claim = Some(id);
                self.focus = Focus::Claims;
            }
            Edit::Accept | Edit::Reject => {
                let status = if edit == Edit::Accept { Status::Accepted } else { Status::Rejected };
                let Some(claim) = self.current_claim().cloned() else { return Outcome::NothingCurrent };
                let next = self.next_pending_claim_after(claim.id);
                if claim.status == status {
                    self.current_claim = next.or(self.current_claim);
                } else {
                    let after = Claim { status, reviewed: Some(self.review()), ..claim.clone() };
                    self.commit_claims(vec![ClaimChange { before: Some(claim), after: Some(after) }], next);
                }
            }
            Edit::SetClaimant(claimant) => {
                let reviewed = Some(self.review());
                return self.change_current_claim(|c| Claim { claimant, status: Status::Accepted, reviewed, ..c });
            }
            Edit::SetCue(cue) => {
                let Some(claim) = self.current_claim() else { return Outcome::NothingCurrent };
                if let Some(cue) = &cue {
                    let inside = |p: &std::ops::Range<usize>| p.start < cue.end && cue.start < p.end;
                    if cue.is_empty() || self.doc.text().get(cue.clone()).is_none() {
                        return Outcome::NothingSelected;
                    }
                    if claim.content_pieces().iter().any(inside) {
                        return Outcome::CueInsideClaim;
                    }
                }
                let reviewed = Some(self.review());
                return self.change_current_claim(|c| Claim { cue, status: Status::Accepted, reviewed, ..c });
            }
            Edit::SetCheckworthy(by_hand) => {
                let reviewed = Some(self.review());
                // The analyst's word on a claim they rejected does not bring it back.
                let rejected = self.current_claim().is_some_and(|c| c.status == Status::Rejected);
                let status = if rejected { Status::Rejected } else { Status::Accepted };
                return self.change_current_claim(|c| Claim { checkworthy_by_hand: by_hand, status, reviewed, ..c });
            }
            nudge if nudge.nudges() => {
                let Some(claim) = self.current_claim() else { return Outcome::NothingCurrent };
                let Some(content) = self.nudged(&claim.content, &nudge) else { return Outcome::ClaimCannotChange };
                // A claim moved whole loses its pieces; one whose edges move keeps them inside.
                let moved = matches!(nudge, Edit::MoveLeft | Edit::MoveRight);
                let pieces = if moved { Vec::new() } else { super::boundaries::refit_pieces(&claim.pieces, &content) };
                // Its cue stays outside what is claimed, as setting a cue requires.
                if let Some(cue) = &claim.cue {
                    let pieces_now = if pieces.is_empty() { std::slice::from_ref(&content) } else { &pieces[..] };
                    if pieces_now.iter().any(|p| p.start < cue.end && cue.start < p.end) {
                        return Outcome::CueInsideClaim;
                    }
                }
                // Moving what is claimed is the analyst's word on it: it is accepted as moved. Its
                // cue and claimant stay where they are.
                let reviewed = Some(self.review());
                return self.change_current_claim(|c| Claim {
                    content,
                    pieces,
                    status: Status::Accepted,
                    reviewed,
                    ..c
                });
            }
            Edit::CreateClaim { content, claimant } => {
                if content.is_empty() || self.doc.text().get(content.clone()).is_none() {
                    return Outcome::NoClaimContent;
                }
                let review = self.review();
                // Pending suggestions overlapping the new claim are what it replaces.
                let mut changes: Vec<ClaimChange> = self
                    .ann
                    .claims
                    .all()
                    .iter()
                    .filter(|c| c.is_pending() && c.content.start < content.end && c.content.end > content.start)
                    .map(|c| ClaimChange {
                        before: Some(c.clone()),
                        after: Some(Claim { status: Status::Rejected, reviewed: Some(review.clone()), ..c.clone() }),
                    })
                    .collect();
                let id = self.ann.next_claim_id();
                let claim = Claim {
                    id,
                    content,
                    pieces: Vec::new(),
                    cue: None,
                    claimant,
                    checkworthy: None,
                    checkworthy_by_hand: None,
                    status: Status::Accepted,
                    origin: Origin::Human { by: self.user.clone() },
                    created: now(),
                    reviewed: Some(review),
                };
                changes.push(ClaimChange { before: None, after: Some(claim) });
                self.commit_claims(changes, Some(id));
            }
            Edit::DeleteClaim(id) => {
                let Some(claim) = self.ann.claims.get(id).cloned() else { return Outcome::NothingCurrent };
                let next =
                    if self.current_claim == Some(id) { self.next_pending_claim_after(id) } else { self.current_claim };
                // A suggested claim the analyst deletes is rejected (and hidden), so that no refresh
                // brings it back; one made by hand goes.
                let after = match (&claim.origin, claim.status) {
                    (Origin::Engine { .. }, Status::Rejected) => return Outcome::ClaimAlreadyRejected,
                    (Origin::Engine { .. }, _) => {
                        Some(Claim { status: Status::Rejected, reviewed: Some(self.review()), ..claim.clone() })
                    }
                    (Origin::Human { .. }, _) => None,
                };
                self.commit_claims(vec![ClaimChange { before: Some(claim), after }], next);
            }
            _ => {}
        }
        Outcome::Done
    }

    /// Replaces the current claim with `change` of it, as one undoable step; it stays current.
    fn change_current_claim(&mut self, change: impl FnOnce(Claim) -> Claim) -> Outcome {
        let Some(claim) = self.current_claim().cloned() else { return Outcome::NothingCurrent };
        let id = claim.id;
        let after = change(claim.clone());
        self.commit_claims(vec![ClaimChange { before: Some(claim), after: Some(after) }], Some(id));
        Outcome::Done
    }

    fn commit_claims(&mut self, claims: Vec<ClaimChange>, claim_after: Option<ClaimId>) {
        let entry = Entry {
            claims,
            current_before: self.current,
            current_after: self.current,
            claim_before: self.current_claim,
            claim_after,
            layer: Some(Focus::Claims),
            ..Entry::default()
        };
        self.record(entry);
    }

    fn next_pending_claim_after(&self, id: ClaimId) -> Option<ClaimId> {
        let all = self.ann.claims.all();
        let order = self.claim_walk(self.ann.claims.index_of(id), true);
        order.into_iter().map(|k| &all[k]).find(|c| c.is_pending() && c.id != id).map(|c| c.id)
    }

    /// The next (or previous) claim from `from` in the queue's order, wrapping around: a pending one if any is left,
    /// otherwise any.
    fn next_claim_from(&self, from: Option<ClaimId>, forward: bool) -> Option<ClaimId> {
        let all = self.ann.claims.all();
        let order = self.claim_walk(from.and_then(|id| self.ann.claims.index_of(id)), forward);
        let pick = |pending: bool| order.iter().map(|&k| &all[k]).find(|c| !pending || c.is_pending()).map(|c| c.id);
        pick(true).or_else(|| pick(false))
    }
}
