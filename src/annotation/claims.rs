//! Claims as annotations: what is claimed, the cue that attributes it, who claims it, how
//! check-worthy it is, and — like entity spans — where it came from and what the analyst decided.

use super::{Origin, Review, SpanId, Status, Timestamp};
use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(pub u64);

/// Who makes a claim: words of the text ("A top US general", "he"), linked to the entity span they
/// name or — for a pronoun — refer to, when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimant {
    /// Byte range of the claimant's words in the text.
    pub range: Range<usize>,
    pub entity: Option<SpanId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: ClaimId,
    /// What is claimed (bytes).
    pub content: Range<usize>,
    /// When what is claimed is interrupted (`“A,” he said, “B.”`), its pieces in order, within
    /// `content`; empty when it is one piece. Kept so that brat's discontinuous contents round-trip.
    pub pieces: Vec<Range<usize>>,
    /// The words that attribute it (bytes).
    pub cue: Option<Range<usize>>,
    pub claimant: Option<Claimant>,
    /// How worth checking it is, 0–1, when estimated (the machine's word).
    pub checkworthy: Option<f32>,
    /// The analyst's word on it: worth checking (`true`) or not. Set by hand only; no engine writes
    /// it, so training data can tell a decision from an estimate.
    pub checkworthy_by_hand: Option<bool>,
    pub status: Status,
    pub origin: Origin,
    pub created: Timestamp,
    pub reviewed: Option<Review>,
}

impl Claim {
    pub fn is_pending(&self) -> bool {
        self.status == Status::Pending
    }

    /// What is claimed, piece by piece (one piece when it is not interrupted).
    pub fn content_pieces(&self) -> Vec<Range<usize>> {
        if self.pieces.is_empty() { vec![self.content.clone()] } else { self.pieces.clone() }
    }

    /// The engine's score, for suggested claims.
    pub fn origin_score(&self) -> Option<f32> {
        match &self.origin {
            Origin::Engine { score, .. } => Some(*score),
            Origin::Human { .. } => None,
        }
    }

    /// Every byte the claim marks: content, cue and claimant words.
    pub fn extent(&self) -> Range<usize> {
        extent(&self.content, self.cue.as_ref(), self.claimant.as_ref().map(|c| &c.range))
    }

    /// Document order: by content start, then id.
    pub fn order_key(&self) -> (usize, ClaimId) {
        (self.content.start, self.id)
    }
}

/// The claims of a document, in document order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Claims {
    claims: Vec<Claim>,
}

impl Claims {
    pub fn new(mut claims: Vec<Claim>) -> Self {
        claims.sort_by_key(Claim::order_key);
        Self { claims }
    }

    pub fn all(&self) -> &[Claim] {
        &self.claims
    }

    pub fn get(&self, id: ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn index_of(&self, id: ClaimId) -> Option<usize> {
        self.claims.iter().position(|c| c.id == id)
    }

    /// Inserts (or replaces, by id) a claim, keeping document order.
    pub fn put(&mut self, claim: Claim) {
        self.remove(claim.id);
        let at = self.claims.partition_point(|c| c.order_key() < claim.order_key());
        self.claims.insert(at, claim);
    }

    pub fn remove(&mut self, id: ClaimId) -> Option<Claim> {
        let i = self.index_of(id)?;
        Some(self.claims.remove(i))
    }

    /// Claims marking any byte of `range`.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Claim> {
        self.claims.iter().filter(move |c| {
            let e = c.extent();
            e.start < range.end && e.end > range.start
        })
    }
}

/// What a claim covers, from its content, cue and claimant: from the first of them to the last.
pub fn extent(content: &Range<usize>, cue: Option<&Range<usize>>, claimant: Option<&Range<usize>>) -> Range<usize> {
    cue.into_iter().chain(claimant).fold(content.clone(), |r, o| r.start.min(o.start)..r.end.max(o.end))
}
