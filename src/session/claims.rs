//! The claims layer of a session: suggested claims arrive, the analyst walks them, accepts or rejects
//! them, fixes what is claimed and who claims it, and makes new ones — each an undoable entry, like
//! the edits of entity spans.

use super::{ClaimChange, Edit, Entry, Focus, Session};
use crate::annotation::{Claim, ClaimId, Claimant, Origin, Span, Status, now};
use crate::claims::ClaimSuggestion;

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
    fn entity_for(&self, words: &std::ops::Range<usize>, refers_to: Option<&std::ops::Range<usize>>) -> Option<Span> {
        let exact = |r: &std::ops::Range<usize>| {
            self.ann.overlapping(r.clone()).find(|s| s.range == *r && s.status != Status::Rejected).cloned()
        };
        exact(words).or_else(|| refers_to.and_then(exact))
    }

    /// Adds suggested claims as pending (not undoable, like entity suggestions). A claimant is linked
    /// to the entity span it names or refers to, when there is one. Suggestions overlapping a claim
    /// already there are left out. Returns how many were added.
    pub fn add_claim_suggestions(&mut self, suggestions: Vec<ClaimSuggestion>) -> usize {
        let created = now();
        let mut added = 0;
        for s in suggestions {
            let overlaps = self
                .ann
                .claims
                .all()
                .iter()
                .any(|c| c.content.start < s.content.end && c.content.end > s.content.start);
            if overlaps || self.doc.text().get(s.content.clone()).is_none() {
                continue;
            }
            let claimant = s.claimant.map(|w| Claimant {
                entity: self.entity_for(&w.range, w.refers_to.as_ref()).map(|e| e.id),
                range: w.range,
            });
            let claim = Claim {
                id: self.ann.next_claim_id(),
                content: s.content,
                pieces: Vec::new(),
                cue: s.cue,
                claimant,
                checkworthy: Some(s.checkworthy),
                status: Status::Pending,
                origin: Origin::Engine { engine: CLAIM_ENGINE.into(), score: s.score, label: "CLAIM".into() },
                created,
                reviewed: None,
            };
            self.touch(&claim.extent());
            self.ann.claims.put(claim);
            added += 1;
        }
        if added > 0 {
            self.revision += 1;
        }
        added
    }

    /// Replaces the pending suggested claims with the engine's new ones after it learned: decided
    /// claims are never touched, and nothing is suggested over a claim already there. Not undoable,
    /// like the first suggestions. Returns (removed, added).
    pub fn refresh_claim_suggestions(&mut self, suggestions: Vec<ClaimSuggestion>) -> (usize, usize) {
        let fresh: std::collections::HashSet<(usize, usize)> =
            suggestions.iter().map(|s| (s.content.start, s.content.end)).collect();
        let from_engine = |c: &Claim| matches!(&c.origin, Origin::Engine { engine, .. } if engine == CLAIM_ENGINE);
        let stale: Vec<Claim> = self
            .ann
            .claims
            .all()
            .iter()
            .filter(|c| c.is_pending() && from_engine(c) && !fresh.contains(&(c.content.start, c.content.end)))
            .cloned()
            .collect();
        // Where the current claim was, in case it is withdrawn: the walk goes on from there.
        let was_at = self.current_claim().map(|c| c.content.start);
        for c in &stale {
            self.touch(&c.extent());
            self.ann.claims.remove(c.id);
        }
        if !stale.is_empty() {
            self.revision += 1;
        }
        let added = self.add_claim_suggestions(suggestions);
        if self.current_claim.is_some_and(|id| self.ann.claims.get(id).is_none()) {
            let at = was_at.unwrap_or(0);
            let pending = || self.ann.claims.all().iter().filter(|c| c.is_pending());
            self.current_claim = pending().find(|c| c.content.start >= at).or_else(|| pending().next()).map(|c| c.id);
        }
        (stale.len(), added)
    }

    pub(super) fn apply_claim_edit(&mut self, edit: Edit) -> Option<String> {
        match edit {
            Edit::NextClaim | Edit::PrevClaim => {
                self.focus = Focus::Claims;
                match self.next_claim_from(self.current_claim, edit == Edit::NextClaim) {
                    Some(id) => self.current_claim = Some(id),
                    None => return Some("No claims in this document".into()),
                }
            }
            Edit::SelectClaim(id) if self.ann.claims.get(id).is_some() => {
                self.current_claim = Some(id);
                self.focus = Focus::Claims;
            }
            Edit::Accept | Edit::Reject => {
                let status = if edit == Edit::Accept { Status::Accepted } else { Status::Rejected };
                let claim = self.current_claim()?.clone();
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
                self.change_current_claim(|c| Claim { claimant, status: Status::Accepted, reviewed, ..c })?;
            }
            Edit::GrowEnd | Edit::ShrinkEnd | Edit::MoveLeft | Edit::MoveRight => {
                let Some(content) = self.nudged(&self.current_claim()?.content, &edit) else {
                    return Some("The claim cannot change further".into());
                };
                self.change_current_claim(|c| Claim { content, pieces: Vec::new(), ..c })?;
            }
            Edit::CreateClaim { content, claimant } => {
                if content.is_empty() || self.doc.text().get(content.clone()).is_none() {
                    return Some("Select what is claimed first".into());
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
                    status: Status::Accepted,
                    origin: Origin::Human { by: self.user.clone() },
                    created: now(),
                    reviewed: Some(review),
                };
                changes.push(ClaimChange { before: None, after: Some(claim) });
                self.commit_claims(changes, Some(id));
            }
            Edit::DeleteClaim(id) => {
                let claim = self.ann.claims.get(id)?.clone();
                let next =
                    if self.current_claim == Some(id) { self.next_pending_claim_after(id) } else { self.current_claim };
                self.commit_claims(vec![ClaimChange { before: Some(claim), after: None }], next);
            }
            _ => {}
        }
        None
    }

    /// Replaces the current claim with `change` of it, as one undoable step; it stays current.
    fn change_current_claim(&mut self, change: impl FnOnce(Claim) -> Claim) -> Option<()> {
        let claim = self.current_claim()?.clone();
        let id = claim.id;
        let after = change(claim.clone());
        self.commit_claims(vec![ClaimChange { before: Some(claim), after: Some(after) }], Some(id));
        Some(())
    }

    fn commit_claims(&mut self, claims: Vec<ClaimChange>, claim_after: Option<ClaimId>) {
        let entry = Entry {
            changes: Vec::new(),
            claims,
            labels: None,
            done: None,
            current_before: self.current,
            current_after: self.current,
            claim_before: self.current_claim,
            claim_after,
        };
        self.record(entry);
    }

    fn next_pending_claim_after(&self, id: ClaimId) -> Option<ClaimId> {
        let all = self.ann.claims.all();
        let order = super::walk_order(self.ann.claims.index_of(id), all.len(), true);
        order.into_iter().map(|k| &all[k]).find(|c| c.is_pending() && c.id != id).map(|c| c.id)
    }

    /// The next (or previous) claim from `from`, wrapping around: a pending one if any is left,
    /// otherwise any.
    fn next_claim_from(&self, from: Option<ClaimId>, forward: bool) -> Option<ClaimId> {
        let all = self.ann.claims.all();
        let n = all.len();
        if n == 0 {
            return None;
        }
        let order = super::walk_order(from.and_then(|id| self.ann.claims.index_of(id)), n, forward);
        let pick = |pending: bool| order.iter().map(|&k| &all[k]).find(|c| !pending || c.is_pending()).map(|c| c.id);
        pick(true).or_else(|| pick(false))
    }
}
