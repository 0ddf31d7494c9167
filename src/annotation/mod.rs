//! Entity spans and claims: what was marked, by whom or what, and what the analyst decided.

pub mod claims;
pub mod labels;

pub use claims::{Claim, ClaimId, Claimant, Claims};
pub use labels::{Hotkey, Label, LabelSet};
use serde::{Deserialize, Serialize};
use std::ops::Range;

pub type Timestamp = jiff::Timestamp;

/// Now, to the second: annotation files stay readable and diff cleanly.
pub fn now() -> Timestamp {
    jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now())
}

/// Who is annotating: `$MARGINALIA_USER`, else the login name, else "analyst".
pub fn current_user() -> String {
    ["MARGINALIA_USER", "USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "analyst".to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpanId(pub u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Pending,
    Accepted,
    Rejected,
}

/// Where a span came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Origin {
    /// Proposed by a suggestion engine (`engine` names the engine and rule), with the label it proposed.
    Engine { engine: String, score: f32, label: String },
    /// Made by hand.
    Human { by: String },
}

/// The analyst's last decision on a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub id: SpanId,
    /// Byte range into the document text.
    pub range: Range<usize>,
    pub label: String,
    pub status: Status,
    pub origin: Origin,
    pub created: Timestamp,
    pub reviewed: Option<Review>,
}

impl Span {
    pub fn is_pending(&self) -> bool {
        self.status == Status::Pending
    }

    /// The engine's score, for suggestions.
    pub fn score(&self) -> Option<f32> {
        match &self.origin {
            Origin::Engine { score, .. } => Some(*score),
            Origin::Human { .. } => None,
        }
    }

    /// "rules/title 0.80" or "by ana", for tooltips and the side panel.
    pub fn provenance(&self) -> String {
        match &self.origin {
            Origin::Engine { engine, score, label } if *label != self.label => {
                format!("{engine} {score:.2} (suggested {label})")
            }
            Origin::Engine { engine, score, .. } => format!("{engine} {score:.2}"),
            Origin::Human { by } => format!("by {by}"),
        }
    }

    /// Document order: by start, longer first, then id.
    pub fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, SpanId) {
        (self.range.start, std::cmp::Reverse(self.range.end), self.id)
    }
}

/// Counts for the status bar and the progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: usize,
    pub accepted: usize,
    pub rejected: usize,
}

impl Counts {
    pub fn of<'a>(spans: impl IntoIterator<Item = &'a Span>) -> Self {
        let mut c = Counts::default();
        for s in spans {
            match s.status {
                Status::Pending => c.pending += 1,
                Status::Accepted => c.accepted += 1,
                Status::Rejected => c.rejected += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.pending + self.accepted + self.rejected
    }

    /// Share of items decided, 0–1 (1 when there is nothing to decide).
    pub fn progress(&self) -> f32 {
        if self.total() == 0 { 1.0 } else { (self.accepted + self.rejected) as f32 / self.total() as f32 }
    }
}

/// Where a document came from, when its source said (a web page's title and byline, a JSONL line's
/// `meta`): kept with the annotations and exported with them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl Meta {
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }
}

/// The spans and claims of one document, kept in document order, with the label set they use.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub labels: LabelSet,
    pub meta: Meta,
    pub claims: Claims,
    /// Who marked the whole document done, and when (`None`: not done yet). A corpus counts it as
    /// finished and `export --only-done` takes it.
    pub done: Option<Review>,
    spans: Vec<Span>,
    next_id: u64,
    /// The ids present, so that adding thousands of new spans does not search for each one.
    ids: std::collections::HashSet<SpanId>,
    /// No span is longer (in bytes); bounds the search for spans overlapping a range.
    max_len: usize,
}

impl PartialEq for Annotations {
    fn eq(&self, other: &Self) -> bool {
        self.labels == other.labels
            && self.spans == other.spans
            && self.claims == other.claims
            && self.meta == other.meta
            && self.done == other.done
    }
}

impl Annotations {
    pub fn new(labels: LabelSet, spans: Vec<Span>) -> Self {
        let next_id = spans.iter().map(|s| s.id.0 + 1).max().unwrap_or(1);
        let ids = spans.iter().map(|s| s.id).collect();
        let max_len = spans.iter().map(|s| s.range.len()).max().unwrap_or(0);
        let mut a =
            Self { labels, meta: Meta::default(), claims: Claims::default(), done: None, spans, next_id, ids, max_len };
        a.spans.sort_by_key(Span::order_key);
        a
    }

    /// The same annotations with these claims (their ids stay clear of new ones).
    pub fn with_claims(mut self, claims: Vec<Claim>) -> Self {
        self.next_id = claims.iter().map(|c| c.id.0 + 1).fold(self.next_id, u64::max);
        self.claims = Claims::new(claims);
        self
    }

    /// A fresh claim id (claims and spans draw from one counter).
    pub fn next_claim_id(&mut self) -> ClaimId {
        ClaimId(self.next_id().0)
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.spans)
    }

    /// What is pending, accepted and rejected, spans and claims together: the one count of what is
    /// left to decide (the window's status bar, a folder's document list and *Mark done* give this).
    pub fn tally(&self) -> Counts {
        let mut c = self.counts();
        for claim in self.claims.all() {
            match claim.status {
                Status::Pending => c.pending += 1,
                Status::Accepted => c.accepted += 1,
                Status::Rejected => c.rejected += 1,
            }
        }
        c
    }

    pub fn next_id(&mut self) -> SpanId {
        let id = SpanId(self.next_id);
        self.next_id += 1;
        id
    }

    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    pub fn index_of(&self, id: SpanId) -> Option<usize> {
        self.spans.iter().position(|s| s.id == id)
    }

    /// Inserts (or replaces, by id) a span, keeping document order.
    pub fn put(&mut self, span: Span) {
        if self.ids.contains(&span.id) {
            self.remove(span.id);
        }
        self.next_id = self.next_id.max(span.id.0 + 1);
        self.max_len = self.max_len.max(span.range.len());
        self.ids.insert(span.id);
        let at = self.spans.partition_point(|s| s.order_key() < span.order_key());
        self.spans.insert(at, span);
    }

    pub fn remove(&mut self, id: SpanId) -> Option<Span> {
        let i = self.index_of(id)?;
        self.ids.remove(&id);
        Some(self.spans.remove(i))
    }

    /// Spans overlapping `range`, in document order.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Span> {
        // Spans are sorted by start and none is longer than `max_len`: only those starting in
        // `range.start - max_len .. range.end` can overlap.
        let a = self.spans.partition_point(|s| s.range.start + self.max_len < range.start);
        let b = self.spans.partition_point(|s| s.range.start < range.end);
        self.spans[a..b.max(a)].iter().filter(move |s| s.range.end > range.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: u64, r: Range<usize>) -> Span {
        Span {
            id: SpanId(id),
            range: r,
            label: "PERSON".into(),
            status: Status::Pending,
            origin: Origin::Human { by: "t".into() },
            created: now(),
            reviewed: None,
        }
    }

    #[test]
    fn spans_stay_in_document_order_and_ids_stay_fresh() {
        let mut a = Annotations::new(LabelSet::default(), vec![span(5, 10..12), span(2, 0..3)]);
        a.put(span(9, 4..6));
        let starts: Vec<_> = a.spans().iter().map(|s| s.range.start).collect();
        assert_eq!(starts, [0, 4, 10]);
        assert_eq!(a.next_id(), SpanId(10));
        assert_eq!(a.overlapping(5..11).count(), 2);
        assert!(a.remove(SpanId(9)).is_some());
        assert_eq!(a.spans().len(), 2);
    }
}
