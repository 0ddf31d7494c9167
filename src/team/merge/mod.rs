//! The automatic part of adjudication (`marginalia merge`, and the review view when it opens a
//! document): what every analyst of a document accepted goes into its curated version as accepted;
//! what only some did waits there, pending, for the reviewer.
//!
//! The curated version is the reviewer's: merging again never changes a decision the reviewer made
//! (an item they accepted or rejected, or one they made by hand). It only withdraws its own — an
//! item it accepted because all agreed, once they no longer do, goes back to waiting, and a waiting
//! item no analyst marks any more goes — and adds what the analysts marked since. An item all agree
//! on that overlaps something the reviewer decided waits too: the reviewer's word is not overruled.

pub mod project;
mod proposals;

pub use proposals::{ClaimKey, ClaimProposal, Proposals, SpanKey, Version, is_annotated};

use crate::annotation::{Annotations, Claim, Claimant, LabelSet, Origin, Review, Span, SpanId, Status, Timestamp};
use std::collections::HashSet;

/// The engine name of the items the merge puts in a curated version (their score: the share of
/// the analysts who marked them).
pub const MERGE_ENGINE: &str = "team merge";
/// Who accepted the items all analysts agree on.
pub const MERGED_BY: &str = "marginalia merge";

/// What one merge did to a curated version.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// Items accepted because every analyst marked them.
    pub agreed: usize,
    /// Items waiting for the reviewer (some analysts marked them).
    pub waiting: usize,
    /// Items the reviewer decided, left as they are.
    pub kept: usize,
}

/// Whether an item's origin is the merge's.
pub fn is_merged(origin: &Origin) -> bool {
    matches!(origin, Origin::Engine { engine, .. } if engine == MERGE_ENGINE)
}

/// Whether an item was accepted by the merge (not by the reviewer).
fn accepted_by_merge(status: Status, reviewed: Option<&Review>) -> bool {
    status == Status::Accepted && reviewed.is_some_and(|r| r.by == MERGED_BY)
}

/// The reviewer's: anything but what the merge itself put there and has not been decided on.
fn reviewers(status: Status, origin: &Origin, reviewed: Option<&Review>) -> bool {
    !(is_merged(origin) && (status == Status::Pending || accepted_by_merge(status, reviewed)))
}

/// The curated version of a document after merging `proposals` into `curated` (a new one with
/// `labels` when there is none yet).
pub fn merge(
    proposals: &Proposals,
    curated: Option<&Annotations>,
    labels: &LabelSet,
    now: Timestamp,
) -> (Annotations, MergeCounts) {
    let mut out = curated.cloned().unwrap_or_else(|| Annotations::new(labels.clone(), Vec::new()));
    withdraw(&mut out, proposals, now);
    add_spans(&mut out, proposals, now);
    add_claims(&mut out, proposals, now);
    unlink_missing(&mut out);
    let counts = count(&out);
    (out, counts)
}

/// Takes back what the merge put in earlier and the analysts no longer support, and brings what it
/// put in up to date with who marks it now.
fn withdraw(out: &mut Annotations, proposals: &Proposals, now: Timestamp) {
    for span in out.spans().to_vec() {
        if reviewers(span.status, &span.origin, span.reviewed.as_ref()) {
            continue;
        }
        match proposals.span_by(&SpanKey::of(&span)) {
            None => {
                out.remove(span.id);
            }
            Some(by) => {
                let overruled = overruled_span(out, &span.range);
                let (status, reviewed) = verdict(proposals, by, overruled, span.reviewed.as_ref(), now);
                let origin = merged_origin(proposals.share(by), &span.label);
                out.put(Span { status, reviewed, origin, ..span });
            }
        }
    }
    for claim in out.claims.all().to_vec() {
        if reviewers(claim.status, &claim.origin, claim.reviewed.as_ref()) {
            continue;
        }
        match proposals.claim_by(&ClaimKey::of(&claim)) {
            None => {
                out.claims.remove(claim.id);
            }
            Some(by) => {
                let overruled = overruled_claim(out, claim.extent());
                let (status, reviewed) = verdict(proposals, by, overruled, claim.reviewed.as_ref(), now);
                let origin = merged_origin(proposals.share(by), "claim");
                out.claims.put(Claim { status, reviewed, origin, ..claim });
            }
        }
    }
}

/// What the merge decides about an item `by` these analysts mark: accepted when all agree and
/// nothing the reviewer decided is in the way, else waiting.
fn verdict(
    proposals: &Proposals,
    by: &std::collections::BTreeSet<String>,
    overruled: bool,
    reviewed: Option<&Review>,
    now: Timestamp,
) -> (Status, Option<Review>) {
    if proposals.all_agree(by) && !overruled {
        (Status::Accepted, Some(reviewed.cloned().unwrap_or_else(|| Review { by: MERGED_BY.to_string(), at: now })))
    } else {
        (Status::Pending, None)
    }
}

/// Whether the reviewer decided a span overlapping `range`.
fn overruled_span(out: &Annotations, range: &std::ops::Range<usize>) -> bool {
    out.overlapping(range.clone())
        .any(|s| s.status != Status::Pending && reviewers(s.status, &s.origin, s.reviewed.as_ref()))
}

/// Whether the reviewer decided a claim overlapping `extent`.
fn overruled_claim(out: &Annotations, extent: std::ops::Range<usize>) -> bool {
    out.claims
        .overlapping(extent)
        .any(|c| c.status != Status::Pending && reviewers(c.status, &c.origin, c.reviewed.as_ref()))
}

fn merged_origin(score: f32, label: &str) -> Origin {
    Origin::Engine { engine: MERGE_ENGINE.to_string(), score, label: label.to_string() }
}

fn add_spans(out: &mut Annotations, proposals: &Proposals, now: Timestamp) {
    let present: HashSet<SpanKey> = out.spans().iter().map(SpanKey::of).collect();
    for (key, by) in &proposals.spans {
        if present.contains(key) {
            continue;
        }
        let (status, reviewed) = verdict(proposals, by, overruled_span(out, &key.range), None, now);
        out.labels.add_as_named(&key.label);
        let id = out.next_id();
        out.put(Span {
            id,
            range: key.range.clone(),
            label: key.label.clone(),
            status,
            origin: merged_origin(proposals.share(by), &key.label),
            created: now,
            reviewed,
        });
    }
}

fn add_claims(out: &mut Annotations, proposals: &Proposals, now: Timestamp) {
    let present: HashSet<ClaimKey> = out.claims.all().iter().map(ClaimKey::of).collect();
    for (key, proposal) in &proposals.claims {
        if present.contains(key) {
            continue;
        }
        let (status, reviewed) =
            verdict(proposals, &proposal.by, overruled_claim(out, proposal.claim.extent()), None, now);
        let claimant = key
            .claimant
            .clone()
            .map(|range| Claimant { entity: entity_at(out, &range, proposal.claimant_label.as_deref()), range });
        let id = out.next_claim_id();
        out.claims.put(Claim {
            id,
            claimant,
            status,
            origin: merged_origin(proposals.share(&proposal.by), "claim"),
            created: now,
            reviewed,
            ..proposal.claim.clone()
        });
    }
}

/// The curated span a claimant's words name: one with that range and label, else any with that
/// range that is not rejected.
fn entity_at(out: &Annotations, range: &std::ops::Range<usize>, label: Option<&str>) -> Option<SpanId> {
    let at: Vec<&Span> =
        out.overlapping(range.clone()).filter(|s| s.range == *range && s.status != Status::Rejected).collect();
    at.iter().find(|s| Some(s.label.as_str()) == label).or(at.first()).map(|s| s.id)
}

/// A claimant linked to a span the merge took back is linked to nothing.
fn unlink_missing(out: &mut Annotations) {
    let ids: HashSet<SpanId> = out.spans().iter().map(|s| s.id).collect();
    for claim in out.claims.all().to_vec() {
        if let Some(c) = &claim.claimant
            && c.entity.is_some_and(|e| !ids.contains(&e))
        {
            let claimant = Some(Claimant { range: c.range.clone(), entity: None });
            out.claims.put(Claim { claimant, ..claim });
        }
    }
}

fn count(out: &Annotations) -> MergeCounts {
    let mut c = MergeCounts::default();
    let items = out
        .spans()
        .iter()
        .map(|s| (s.status, &s.origin, s.reviewed.as_ref()))
        .chain(out.claims.all().iter().map(|c| (c.status, &c.origin, c.reviewed.as_ref())));
    for (status, origin, reviewed) in items {
        if accepted_by_merge(status, reviewed) {
            c.agreed += 1;
        } else if is_merged(origin) && status == Status::Pending {
            c.waiting += 1;
        } else if status != Status::Pending {
            c.kept += 1;
        }
    }
    c
}

#[cfg(test)]
pub(super) mod tests;
