//! Deciding several items in one step: a reviewer who takes one analyst's version where the
//! analysts disagree accepts what that analyst marked there and rejects the rest — one undoable
//! step, so that undo puts the whole place back as it was, not one item of it.

use super::history::{Change, ClaimChange, Entry};
use super::{Focus, Outcome, Session};
use crate::annotation::{ClaimId, Review, Span, SpanId, Status};
use std::collections::HashSet;

/// What a decision makes of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    Reject,
}

impl Verdict {
    fn status(self) -> Status {
        match self {
            Verdict::Accept => Status::Accepted,
            Verdict::Reject => Status::Rejected,
        }
    }
}

impl Session {
    /// Gives each span and claim named its verdict (items already so, or gone, are left as they
    /// are), then goes on to the next pending item of the layer decided.
    pub(super) fn decide(&mut self, spans: &[(SpanId, Verdict)], claims: &[(ClaimId, Verdict)]) -> Outcome {
        if spans.is_empty() && claims.is_empty() {
            return Outcome::NothingCurrent;
        }
        let review = self.review();
        let changes: Vec<Change> = spans
            .iter()
            .filter_map(|&(id, verdict)| {
                let span = self.ann.get(id)?;
                (span.status != verdict.status()).then(|| Change {
                    before: Some(span.clone()),
                    after: Some(Span { status: verdict.status(), reviewed: Some(review.clone()), ..span.clone() }),
                })
            })
            .collect();
        let claim_changes = self.claims_decided(claims, &changes, &review);
        let decided_spans: HashSet<SpanId> = spans.iter().map(|(id, _)| *id).collect();
        let decided_claims: HashSet<ClaimId> = claims.iter().map(|(id, _)| *id).collect();
        let on_claims = spans.is_empty();
        let current_after = match spans.last() {
            Some(&(last, _)) => self.pending_span_after(last, &decided_spans).or(self.current),
            None => self.current,
        };
        let claim_after = match claims.last() {
            Some(&(last, _)) => self.pending_claim_after(last, &decided_claims).or(self.current_claim),
            None => self.current_claim,
        };
        let entry = Entry {
            changes,
            claims: claim_changes,
            current_before: self.current,
            current_after,
            claim_before: self.current_claim,
            claim_after,
            layer: Some(if on_claims { Focus::Claims } else { Focus::Entities }),
            ..Entry::default()
        };
        if entry.is_empty() {
            // Nothing to change: the walk still moves on, as Accept on an accepted item does.
            self.current = current_after;
            self.current_claim = claim_after;
            self.focus = entry.layer.unwrap_or(self.focus);
            return Outcome::Done;
        }
        self.record(entry);
        Outcome::Done
    }

    /// The claims given their verdicts — and any claim whose claimant is a span the decision
    /// rejects, linked instead to the span at the same words that stands (the version taken), as
    /// the claimant of a claim follows the entity the reviewer kept.
    fn claims_decided(&self, claims: &[(ClaimId, Verdict)], spans: &[Change], review: &Review) -> Vec<ClaimChange> {
        let after: Vec<&Span> = spans.iter().filter_map(|c| c.after.as_ref()).collect();
        let rejected: HashSet<SpanId> = after.iter().filter(|s| s.status == Status::Rejected).map(|s| s.id).collect();
        let standing = |range: &std::ops::Range<usize>| {
            let decided = after.iter().find(|s| s.range == *range && s.status != Status::Rejected).map(|s| s.id);
            decided.or_else(|| {
                let mut there = self.ann.overlapping(range.clone());
                there
                    .find(|s| s.range == *range && s.status != Status::Rejected && !rejected.contains(&s.id))
                    .map(|s| s.id)
            })
        };
        let verdict_of = |id: ClaimId| claims.iter().find(|(c, _)| *c == id).map(|(_, v)| *v);
        self.ann
            .claims
            .all()
            .iter()
            .filter_map(|claim| {
                let mut now = claim.clone();
                if let Some(v) = verdict_of(claim.id).filter(|v| claim.status != v.status()) {
                    now.status = v.status();
                    now.reviewed = Some(review.clone());
                }
                if let Some(who) = now.claimant.as_mut()
                    && who.entity.is_some_and(|e| rejected.contains(&e))
                    && let Some(kept) = standing(&who.range)
                {
                    who.entity = Some(kept);
                }
                (now != *claim).then(|| ClaimChange { before: Some(claim.clone()), after: Some(now) })
            })
            .collect()
    }

    /// The next pending span after `from` in the walk's order that is not among `decided`.
    fn pending_span_after(&self, from: SpanId, decided: &HashSet<SpanId>) -> Option<SpanId> {
        let spans = self.ann.spans();
        let walk = self.span_walk(self.ann.index_of(from), true);
        walk.into_iter().map(|i| &spans[i]).find(|s| s.is_pending() && !decided.contains(&s.id)).map(|s| s.id)
    }

    /// The next pending claim after `from` in the walk's order that is not among `decided`.
    fn pending_claim_after(&self, from: ClaimId, decided: &HashSet<ClaimId>) -> Option<ClaimId> {
        let claims = self.ann.claims.all();
        let walk = self.claim_walk(self.ann.claims.index_of(from), true);
        walk.into_iter().map(|i| &claims[i]).find(|c| c.is_pending() && !decided.contains(&c.id)).map(|c| c.id)
    }
}
