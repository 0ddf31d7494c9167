//! *Label every match* (the find bar's annotate-all-hits, as INCEpTION has it): every match of a
//! search becomes an accepted hand-made span with one label, in one undoable step.
//!
//! What the analyst decided stays as it is: a match over an accepted, rejected or hand-made span is
//! skipped and counted. A pending suggestion with exactly the match's range is relabelled and
//! accepted. A match that only overlaps a pending suggestion (`port` inside *Port of Rotterdam
//! Authority*) is skipped and counted too: the analyst has not looked at that suggestion, and
//! rejecting it unseen would make a negative training example nobody decided (a hand-made label
//! rejects what it overlaps because the analyst is looking at it; a search's hits are not seen one
//! by one). A match that cuts a token (`Syria` inside
//! `Syrian`, when whole words are off) is skipped and counted too: spans are whole tokens, and
//! widening the match would label words the analyst did not search for.

use super::{Change, Outcome, Session};
use crate::annotation::{Origin, Span, SpanId, Status, now};
use std::collections::HashSet;
use std::ops::Range;

/// What *label every match* did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub label: String,
    /// Matches labelled: new spans, and pending suggestions relabelled and accepted.
    pub labelled: usize,
    /// Matches left alone because they overlap what the analyst decided.
    pub decided: usize,
    /// Matches left alone because they start or end inside a token.
    pub cut_tokens: usize,
    /// Matches left alone because they overlap a suggestion not reviewed yet (with another range).
    pub unreviewed: usize,
}

impl Session {
    pub(super) fn label_matches(&mut self, mut ranges: Vec<Range<usize>>, label: String) -> Outcome {
        if !self.ann.labels.contains(&label) {
            return Outcome::NoSuchLabel(label);
        }
        let review = self.review();
        let mut done = Labelled { label: label.clone(), labelled: 0, decided: 0, cut_tokens: 0, unreviewed: 0 };
        let mut changes = Vec::new();
        // Matches do not overlap one another, but two ranges given by hand might share a suggestion.
        let mut changed: HashSet<SpanId> = HashSet::new();
        // Sorted, so that a range overlapping one labelled before it is seen at once (the edit may
        // come from elsewhere than a search, whose matches never overlap).
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut labelled_to = 0;
        let mut first = None;
        for range in ranges {
            if range.is_empty() || self.doc.text().get(range.clone()).is_none() {
                continue;
            }
            if self.doc.whole_tokens(&range).is_none() {
                done.cut_tokens += 1;
                continue;
            }
            let over: Vec<Span> = self.ann.overlapping(range.clone()).cloned().collect();
            if over.iter().any(|s| !s.is_pending()) {
                done.decided += 1;
                continue;
            }
            let same = over.iter().find(|s| s.range == range);
            if over.iter().any(|s| s.range != range) {
                done.unreviewed += 1;
                continue;
            }
            if range.start < labelled_to {
                continue;
            }
            labelled_to = range.end;
            done.labelled += 1;
            if let Some(same) = same.filter(|s| !changed.contains(&s.id)) {
                let accepted = Status::Accepted;
                let after =
                    Span { label: label.clone(), status: accepted, reviewed: Some(review.clone()), ..same.clone() };
                changed.insert(same.id);
                first.get_or_insert(same.id);
                changes.push(Change { before: Some(same.clone()), after: Some(after) });
                continue;
            }
            let id = self.ann.next_id();
            first.get_or_insert(id);
            let span = Span {
                id,
                range,
                label: label.clone(),
                status: Status::Accepted,
                origin: Origin::Human { by: self.user.clone() },
                created: now(),
                reviewed: Some(review.clone()),
            };
            changes.push(Change { before: None, after: Some(span) });
        }
        if !changes.is_empty() {
            self.commit(changes, None, first.or(self.current));
        }
        Outcome::LabelledMatches(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Annotations;
    use crate::doc::Document;
    use crate::session::Edit;
    use crate::suggest::Suggestion;
    use crate::text_search::{Options, find_all};

    const TEXT: &str = "Bali met Bali. Balinese food; Bali’s mayor and Bali.";

    fn labelled(s: &Session) -> Vec<(&str, &str, Status)> {
        let text = s.doc().text();
        s.annotations().spans().iter().map(|x| (&text[x.range.clone()], x.label.as_str(), x.status)).collect()
    }

    #[test]
    fn every_match_is_labelled_in_one_step_and_decided_spans_are_skipped() {
        let mut s = Session::new(Document::new(TEXT.into()), Annotations::default());
        let at = |k: usize| find_all(TEXT, "Bali", Options::default()).nth(k).unwrap();
        // The second "Bali" was rejected as a person; the last is a pending suggestion.
        let pending = Suggestion { range: at(4), label: "ORG".into(), score: 0.5, source: "rules/test".into() };
        s.add_suggestions(vec![pending]);
        s.apply(Edit::Create { range: at(1), label: "LOC".into() });
        let ranges: Vec<_> = find_all(TEXT, "bali", Options::default()).collect();
        assert_eq!(ranges.len(), 5, "Bali ×3, in Balinese, in Bali’s");
        let before = s.annotations().clone();

        let outcome = s.apply(Edit::LabelMatches { ranges, label: "PERSON".into() });
        let Outcome::LabelledMatches(done) = outcome else { panic!("{outcome:?}") };
        assert_eq!(done.decided, 1, "{done:?}");
        assert!(done.cut_tokens >= 1, "Bali inside Balinese is not a whole token: {done:?}");
        assert_eq!(done.labelled + done.decided + done.cut_tokens + done.unreviewed, 5, "{done:?}");
        let spans = labelled(&s);
        assert!(spans.contains(&("Bali", "LOC", Status::Accepted)), "the decided span stays: {spans:?}");
        let person = spans.iter().filter(|x| x.1 == "PERSON" && x.2 == Status::Accepted).count();
        assert_eq!(person, done.labelled, "{spans:?}");
        assert!(person >= 2, "{spans:?}");
        assert!(!spans.iter().any(|x| x.1 == "ORG"), "the pending suggestion was relabelled: {spans:?}");

        s.apply(Edit::Undo);
        assert_eq!(s.annotations(), &before, "one undo takes every new span back");
    }

    #[test]
    fn a_match_inside_a_suggestion_not_reviewed_yet_leaves_it_pending() {
        let text = "The Port of Rotterdam Authority runs the port.";
        let mut s = Session::new(Document::new(text.into()), Annotations::default());
        let org = find_all(text, "Port of Rotterdam Authority", Options::default()).next().unwrap();
        s.add_suggestions(vec![Suggestion {
            range: org,
            label: "ORG".into(),
            score: 0.9,
            source: "rules/test".into(),
        }]);
        let ranges: Vec<_> = find_all(text, "port", Options { whole_word: true, ..Options::default() }).collect();
        let outcome = s.apply(Edit::LabelMatches { ranges, label: "LOC".into() });
        let Outcome::LabelledMatches(done) = outcome else { panic!("{outcome:?}") };
        assert_eq!((done.labelled, done.unreviewed), (1, 1), "{done:?}");
        let spans = labelled(&s);
        assert!(spans.contains(&("Port of Rotterdam Authority", "ORG", Status::Pending)), "{spans:?}");
        assert!(spans.contains(&("port", "LOC", Status::Accepted)), "{spans:?}");
    }
}
