//! The order *Next pending* walks the undecided items in: the document's, or the engines' least sure
//! first (Prodigy's uncertain-first), so that an analyst with little time decides where the machine
//! doubts most. Ties, and items without a score, keep their place in the document; unscored items
//! (made by hand) come after the scored ones.

use super::Session;
use serde::{Deserialize, Serialize};

/// How the queue of pending items is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum QueueOrder {
    /// In reading order.
    #[default]
    Document,
    /// The lowest engine score first.
    LowestScore,
}

/// The positions `0..scores.len()` in the order of `order`.
fn queue(scores: impl ExactSizeIterator<Item = Option<f32>>, order: QueueOrder) -> Vec<usize> {
    match order {
        QueueOrder::Document => (0..scores.len()).collect(),
        QueueOrder::LowestScore => {
            let mut keyed: Vec<(f32, usize)> =
                scores.enumerate().map(|(i, s)| (s.unwrap_or(f32::INFINITY), i)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            keyed.into_iter().map(|(_, i)| i).collect()
        }
    }
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
