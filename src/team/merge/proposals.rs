//! Who said what about one document: every span and claim an analyst accepted, keyed by what it
//! marks, with the analysts who marked it. The merge and the review view both start here, so that
//! "all agree" means one thing on the command line and in the window.

use crate::annotation::{Annotations, Claim, Span, Status};
use crate::store::summary::{DocStatus, Summary};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// A span as the team compares it: where it is and what it is called.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpanKey {
    pub range: Range<usize>,
    pub label: String,
}

impl SpanKey {
    pub fn of(span: &Span) -> Self {
        SpanKey { range: span.range.clone(), label: span.label.clone() }
    }
}

/// A claim as the team compares it: what is claimed, the cue and the claimant's words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClaimKey {
    pub content: Range<usize>,
    pub pieces: Vec<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub claimant: Option<Range<usize>>,
}

impl ClaimKey {
    pub fn of(claim: &Claim) -> Self {
        ClaimKey {
            content: claim.content.clone(),
            pieces: claim.pieces.clone(),
            cue: claim.cue.clone(),
            claimant: claim.claimant.as_ref().map(|c| c.range.clone()),
        }
    }
}

/// A range as something to sort by (ranges are not ordered in `std`).
type Bounds = (usize, usize);

fn bounds(r: &Range<usize>) -> Bounds {
    (r.start, r.end)
}

/// Keys sort in document order.
impl Ord for SpanKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (bounds(&self.range), &self.label).cmp(&(bounds(&other.range), &other.label))
    }
}

impl PartialOrd for SpanKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl ClaimKey {
    fn sort_key(&self) -> (Bounds, Vec<Bounds>, Option<Bounds>, Option<Bounds>) {
        (
            bounds(&self.content),
            self.pieces.iter().map(bounds).collect(),
            self.cue.as_ref().map(bounds),
            self.claimant.as_ref().map(bounds),
        )
    }
}

impl Ord for ClaimKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for ClaimKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// One analyst's version: their name and their annotations of the document.
pub struct Version<'a> {
    pub analyst: &'a str,
    pub annotations: &'a Annotations,
}

/// A claim some analysts accepted: one of their claims (to copy its details from) and who.
#[derive(Debug, Clone)]
pub struct ClaimProposal {
    pub claim: Claim,
    /// The label of the span the claimant is linked to in that analyst's file, if any.
    pub claimant_label: Option<String>,
    pub by: BTreeSet<String>,
}

/// Everything the analysts of one document accepted.
#[derive(Debug, Clone, Default)]
pub struct Proposals {
    /// The analysts who annotated the document (made at least one decision), in name order.
    pub analysts: Vec<String>,
    pub spans: BTreeMap<SpanKey, BTreeSet<String>>,
    pub claims: BTreeMap<ClaimKey, ClaimProposal>,
}

/// Whether an analyst's file of a document counts as their annotation of it: they decided
/// something in it or marked it done — what the window's progress per analyst counts as annotated
/// ([`DocStatus`]). A file of untouched suggestions is the machine's work, not the analyst's.
pub fn is_annotated(ann: &Annotations) -> bool {
    Summary::of(ann).status != DocStatus::New
}

impl Proposals {
    /// What the analysts of `versions` accepted; versions that are not annotated
    /// ([`is_annotated`]) are left out.
    pub fn of(versions: &[Version<'_>]) -> Self {
        let mut p = Proposals::default();
        for v in versions.iter().filter(|v| is_annotated(v.annotations)) {
            p.analysts.push(v.analyst.to_string());
            for span in v.annotations.spans().iter().filter(|s| s.status == Status::Accepted) {
                p.spans.entry(SpanKey::of(span)).or_default().insert(v.analyst.to_string());
            }
            for claim in v.annotations.claims.all().iter().filter(|c| c.status == Status::Accepted) {
                let proposal = p.claims.entry(ClaimKey::of(claim)).or_insert_with(|| ClaimProposal {
                    claim: claim.clone(),
                    claimant_label: claim
                        .claimant
                        .as_ref()
                        .and_then(|c| c.entity)
                        .and_then(|id| v.annotations.get(id))
                        .map(|s| s.label.clone()),
                    by: BTreeSet::new(),
                });
                proposal.by.insert(v.analyst.to_string());
            }
        }
        p.analysts.sort();
        p.analysts.dedup();
        p
    }

    /// Whether `by` is every analyst of the document — and there are two or more: one analyst's
    /// word alone is for the reviewer to weigh, not agreement.
    pub fn all_agree(&self, by: &BTreeSet<String>) -> bool {
        self.analysts.len() >= 2 && self.analysts.iter().all(|a| by.contains(a))
    }

    /// The share of the document's analysts in `by`, 0–1 (the merged item's score).
    pub fn share(&self, by: &BTreeSet<String>) -> f32 {
        by.len() as f32 / self.analysts.len().max(1) as f32
    }

    /// Who marked this span, if anyone did.
    pub fn span_by(&self, key: &SpanKey) -> Option<&BTreeSet<String>> {
        self.spans.get(key)
    }

    /// Who marked this claim, if anyone did.
    pub fn claim_by(&self, key: &ClaimKey) -> Option<&BTreeSet<String>> {
        self.claims.get(key).map(|p| &p.by)
    }
}
