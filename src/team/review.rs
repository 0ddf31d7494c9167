//! The review view's model (INCEpTION's curation): the curated version of a document cut into the
//! places the reviewer decides — overlapping items, spans with spans and claims with claims — each
//! with who of the analysts marked which item, and how far they agree there. Taking one analyst's
//! version of a place is one [`Edit::Decide`]: what they marked accepted, the rest rejected.
//!
//! Who marked what comes from [`Proposals`], the same the merge pre-accepts from, so "all agree"
//! means one thing in `marginalia merge` and in the window.

use super::merge::{ClaimKey, Proposals, SpanKey};
use crate::annotation::{Annotations, ClaimId, SpanId, Status};
use crate::session::{Edit, Verdict};
use std::collections::BTreeSet;
use std::ops::Range;

/// How far the analysts agree at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Every analyst marked the same, and nothing else is there.
    All,
    /// One item, marked by some analysts; the others marked nothing there.
    Some,
    /// Analysts marked different things there (another range or label, another claimant…).
    Conflict,
}

/// One item of the curated version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemId {
    Span(SpanId),
    Claim(ClaimId),
}

/// An item at a place, and who of the analysts marked it (none: the reviewer's, or the machine's).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: ItemId,
    pub range: Range<usize>,
    /// A span's label; empty for a claim.
    pub label: String,
    pub status: Status,
    pub by: BTreeSet<String>,
}

/// A place: curated items that overlap (directly or through one another).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub range: Range<usize>,
    pub items: Vec<Item>,
    pub agreement: Agreement,
}

impl Place {
    /// Nothing here waits for the reviewer.
    pub fn is_decided(&self) -> bool {
        self.items.iter().all(|i| i.status != Status::Pending)
    }

    pub fn contains(&self, id: ItemId) -> bool {
        self.items.iter().any(|i| i.id == id)
    }

    /// The reviewer taking `analyst`'s version here (`None`: nobody's): what they marked accepted,
    /// everything else here rejected — one undoable edit.
    pub fn take(&self, analyst: Option<&str>) -> Edit {
        let verdict = |item: &Item| match analyst {
            Some(a) if item.by.contains(a) => Verdict::Accept,
            _ => Verdict::Reject,
        };
        let mut spans = Vec::new();
        let mut claims = Vec::new();
        for item in &self.items {
            match item.id {
                ItemId::Span(id) => spans.push((id, verdict(item))),
                ItemId::Claim(id) => claims.push((id, verdict(item))),
            }
        }
        Edit::Decide { spans, claims }
    }
}

/// The curated version of a document as the reviewer sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    /// The document's analysts, in name order: analyst N (from 1) is `analysts[N - 1]`.
    pub analysts: Vec<String>,
    /// The places of spans, then of claims, each in document order.
    pub places: Vec<Place>,
}

impl Review {
    /// The places of `curated`, with who of `proposals`' analysts marked what. Rejected items that
    /// no analyst marked are left out (they are the reviewer's or the machine's, and decided).
    pub fn of(proposals: &Proposals, curated: &Annotations) -> Review {
        let spans = curated.spans().iter().map(|s| Item {
            id: ItemId::Span(s.id),
            range: s.range.clone(),
            label: s.label.clone(),
            status: s.status,
            by: proposals.span_by(&SpanKey::of(s)).cloned().unwrap_or_default(),
        });
        let claims = curated.claims.all().iter().map(|c| Item {
            id: ItemId::Claim(c.id),
            range: c.content.clone(),
            label: String::new(),
            status: c.status,
            by: proposals.claim_by(&ClaimKey::of(c)).cloned().unwrap_or_default(),
        });
        let shown = |i: &Item| i.status != Status::Rejected || !i.by.is_empty();
        let mut places = places_of(spans.filter(shown).collect(), proposals);
        places.extend(places_of(claims.filter(shown).collect(), proposals));
        Review { analysts: proposals.analysts.clone(), places }
    }

    /// The place an item is in.
    pub fn place_of(&self, id: ItemId) -> Option<&Place> {
        self.places.iter().find(|p| p.contains(id))
    }

    /// How many places wait for the reviewer.
    pub fn open(&self) -> usize {
        self.places.iter().filter(|p| !p.is_decided()).count()
    }

    /// What the window calls analyst `n` (from 0): their name, or "Analyst N" when who said what
    /// is hidden.
    pub fn name(&self, n: usize, anonymous: bool) -> String {
        match self.analysts.get(n) {
            Some(name) if !anonymous => name.clone(),
            _ => format!("Analyst {}", n + 1),
        }
    }
}

/// `items` (in any order) grouped into places of overlapping ranges, in document order.
fn places_of(mut items: Vec<Item>, proposals: &Proposals) -> Vec<Place> {
    items.sort_by_key(|i| (i.range.start, std::cmp::Reverse(i.range.end)));
    let mut places: Vec<Place> = Vec::new();
    for item in items {
        match places.last_mut() {
            Some(place) if item.range.start < place.range.end => {
                place.range.end = place.range.end.max(item.range.end);
                place.items.push(item);
            }
            _ => places.push(Place { range: item.range.clone(), items: vec![item], agreement: Agreement::Some }),
        }
    }
    for place in &mut places {
        place.agreement = agreement(&place.items, proposals);
    }
    places
}

fn agreement(items: &[Item], proposals: &Proposals) -> Agreement {
    let marked: Vec<&Item> = items.iter().filter(|i| !i.by.is_empty()).collect();
    match marked.as_slice() {
        [only] if proposals.all_agree(&only.by) => Agreement::All,
        [_] | [] => Agreement::Some,
        _ => Agreement::Conflict,
    }
}

#[cfg(test)]
mod tests;
