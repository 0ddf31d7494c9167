//! The order *Next pending* walks the undecided items in: the document's, or the engines' least sure
//! first (Prodigy's uncertain-first), so that an analyst with little time decides where the machine
//! doubts most. Ties, and items without a score, keep their place in the document; unscored items
//! (made by hand) come after the scored ones.

use super::Session;
use crate::annotation::{ClaimId, SpanId};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// How the queue of pending items is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum QueueOrder {
    /// In reading order.
    #[default]
    Document,
    /// The lowest engine score first.
    LowestScore,
}

impl QueueOrder {
    /// Where an item with this score, starting at this byte (or at this index of its list), stands
    /// in the queue: the smaller first.
    pub fn rank(self, score: Option<f32>, start: usize) -> Rank {
        match self {
            QueueOrder::Document => Rank(0.0, start),
            QueueOrder::LowestScore => Rank(score.unwrap_or(f32::INFINITY), start),
        }
    }
}

/// A place in a queue (see [`QueueOrder::rank`]); scores compare totally, then positions.
#[derive(Debug, Clone, Copy)]
pub struct Rank(f32, usize);

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Rank {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Rank {}

/// The positions `0..scores.len()` in the order of `order`.
fn queue(scores: impl ExactSizeIterator<Item = Option<f32>>, order: QueueOrder) -> Vec<usize> {
    let scores: Vec<Option<f32>> = scores.collect();
    let mut positions: Vec<usize> = (0..scores.len()).collect();
    positions.sort_by_key(|&i| order.rank(scores[i], i));
    positions
}

/// The first pending item at or after `place` in the queue (where an item the machine just
/// withdrew stood), else the head of the queue.
fn first_pending_from<T>(
    items: &[T],
    place: Rank,
    rank: impl Fn(&T) -> Rank,
    pending: impl Fn(&T) -> bool,
) -> Option<&T> {
    let pending = || items.iter().filter(|t| pending(t));
    pending().filter(|t| rank(t) >= place).min_by_key(|t| rank(t)).or_else(|| pending().min_by_key(|t| rank(t)))
}

/// The positions of `queue` in the order a walk from position `here` visits them (see
/// [`super::walk_order`]), the position itself last.
fn walk(queue: Vec<usize>, here: Option<usize>, forward: bool) -> Vec<usize> {
    let at = here.and_then(|h| queue.iter().position(|&i| i == h));
    super::walk_order(at, queue.len(), forward).into_iter().map(|k| queue[k]).collect()
}

impl Session {
    pub fn queue_order(&self) -> QueueOrder {
        self.queue_order
    }

    /// Orders the queue; when the order changes, the keyboard goes to the head of the new queue (its
    /// first pending span and claim), as the analyst who chose it expects. The annotations stay.
    pub fn set_queue_order(&mut self, order: QueueOrder) {
        if order == self.queue_order {
            return;
        }
        self.queue_order = order;
        self.current = self.next_pending_from(None, true).or(self.current);
        let head = self.claim_walk(None, true).into_iter().find(|&k| self.ann.claims.all()[k].is_pending());
        self.current_claim = head.map(|k| self.ann.claims.all()[k].id).or(self.current_claim);
    }

    /// The pending span at or after where a span with this score, starting here, stood in the queue
    /// (the machine withdrew the current one), else the queue's head.
    pub(super) fn pending_span_from(&self, score: Option<f32>, start: usize) -> Option<SpanId> {
        let order = self.queue_order;
        let rank = |s: &crate::annotation::Span| order.rank(s.score(), s.range.start);
        first_pending_from(self.ann.spans(), order.rank(score, start), rank, |s| s.is_pending()).map(|s| s.id)
    }

    /// The same for claims.
    pub(super) fn pending_claim_from(&self, score: Option<f32>, start: usize) -> Option<ClaimId> {
        let order = self.queue_order;
        let rank = |c: &crate::annotation::Claim| order.rank(c.origin_score(), c.content.start);
        let claims = self.ann.claims.all();
        first_pending_from(claims, order.rank(score, start), rank, |c| c.is_pending()).map(|c| c.id)
    }

    /// Indices of the spans in the order a walk from span index `here` visits them.
    pub(super) fn span_walk(&self, here: Option<usize>, forward: bool) -> Vec<usize> {
        let spans = self.ann.spans();
        walk(queue(spans.iter().map(|s| s.score()), self.queue_order), here, forward)
    }

    /// Indices of the claims in the order a walk from claim index `here` visits them.
    pub(super) fn claim_walk(&self, here: Option<usize>, forward: bool) -> Vec<usize> {
        let claims = self.ann.claims.all();
        walk(queue(claims.iter().map(|c| c.origin_score()), self.queue_order), here, forward)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Annotations;
    use crate::doc::Document;
    use crate::session::Edit;
    use crate::suggest::Suggestion;
    use proptest::prelude::*;

    /// A session with a suggestion of each score on its own word.
    fn scored(scores: &[f32]) -> Session {
        let text: String = (0..scores.len()).map(|i| format!("Word{i} ")).collect();
        let doc = Document::new(text);
        let suggestions = scores
            .iter()
            .enumerate()
            .map(|(i, &score)| {
                let range = doc.tokens()[i].range.clone();
                Suggestion { range, label: "ORG".into(), score, source: "test".into() }
            })
            .collect();
        let mut s = Session::new(doc, Annotations::default());
        s.add_suggestions(suggestions);
        s
    }

    fn score(s: &Session) -> f32 {
        s.current().and_then(|c| c.score()).unwrap_or(f32::NAN)
    }

    #[test]
    fn lowest_score_first_starts_at_the_least_sure_and_ties_keep_their_place() {
        let mut s = scored(&[0.9, 0.2, 0.5, 0.2]);
        assert_eq!(score(&s), 0.9, "document order by default");
        s.set_queue_order(QueueOrder::LowestScore);
        let first = s.current_id();
        assert_eq!(score(&s), 0.2);
        s.apply(Edit::NextPending);
        assert_eq!(score(&s), 0.2, "the tie, further on");
        assert_ne!(s.current_id(), first);
        s.apply(Edit::Accept);
        assert_eq!(score(&s), 0.5, "accept moves on in the queue's order");
        s.apply(Edit::PrevPending);
        assert_eq!(s.current_id(), first, "back over the accepted one to the first");
    }

    #[test]
    fn when_the_machine_withdraws_the_current_suggestion_the_next_in_the_queue_s_order_is_current() {
        let scores = [0.9, 0.2, 0.5, 0.3];
        let mut s = scored(&scores);
        s.set_queue_order(QueueOrder::LowestScore);
        assert_eq!(score(&s), 0.2);
        // A reset whose engines no longer suggest the current one (Word1).
        let again: Vec<Suggestion> = s
            .annotations()
            .spans()
            .iter()
            .filter(|x| Some(x.id) != s.current_id())
            .map(|x| Suggestion {
                range: x.range.clone(),
                label: x.label.clone(),
                score: x.score().unwrap_or(1.0),
                source: "test".into(),
            })
            .collect();
        s.reset_suggestions(again, Vec::new());
        assert_eq!(score(&s), 0.3, "the next least sure, not the next in the text (0.5)");
    }

    #[test]
    fn claims_follow_the_order_too() {
        let mut s = scored(&[0.9, 0.9, 0.9]);
        let claim = |i: usize, score| {
            let content = s.doc().tokens()[i].range.clone();
            crate::claims::ClaimSuggestion { content, cue: None, claimant: None, checkworthy: 0.5, score }
        };
        let claims = vec![claim(0, 0.8), claim(1, 0.1), claim(2, 0.4)];
        s.add_claim_suggestions(claims);
        s.set_queue_order(QueueOrder::LowestScore);
        let walked: Vec<f32> = (0..3)
            .map(|_| {
                let score = s.current_claim().and_then(|c| c.origin_score()).unwrap_or(f32::NAN);
                s.apply(Edit::NextClaim);
                score
            })
            .collect();
        assert_eq!(walked, [0.1, 0.4, 0.8]);
    }

    proptest! {
        #[test]
        fn in_score_order_next_visits_pending_items_in_non_decreasing_score(
            scores in proptest::collection::vec(0.0f32..1.0, 1..12),
            decided in proptest::collection::vec(any::<bool>(), 12),
        ) {
            let mut s = scored(&scores);
            // Some decided first, in document order.
            for &d in decided.iter().take(scores.len()) {
                s.apply(if d { Edit::Accept } else { Edit::NextPending });
            }
            s.set_queue_order(QueueOrder::LowestScore);
            let pending = s.annotations().spans().iter().filter(|s| s.is_pending()).count();
            let mut last = f32::NEG_INFINITY;
            for _ in 0..pending {
                let now = score(&s);
                prop_assert!(s.current().is_some_and(|c| c.is_pending()));
                prop_assert!(now >= last, "{now} came after {last}");
                last = now;
                s.apply(Edit::NextPending);
            }
        }
    }
}
