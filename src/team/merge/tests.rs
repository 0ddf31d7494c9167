//! The merge's promises, checked over random analysts' versions and random reviewer decisions in
//! between merges: a reviewer's decision is never changed; what is accepted by the merge is what
//! every analyst marked; everything an analyst marked is in the curated version; merging twice
//! changes nothing.

use super::*;
use crate::annotation::{Origin, Review, Span, SpanId, Status};
use proptest::prelude::*;
use std::collections::BTreeSet;

pub(crate) fn at(s: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + s).unwrap()
}

fn span(id: u64, range: std::ops::Range<usize>, label: &str, status: Status) -> Span {
    Span {
        id: SpanId(id),
        range,
        label: label.into(),
        status,
        origin: Origin::Human { by: "x".into() },
        created: at(0),
        reviewed: Some(Review { by: "x".into(), at: at(0) }),
    }
}

pub(crate) fn version(spans: &[(usize, usize, &str)]) -> Annotations {
    let spans =
        spans.iter().enumerate().map(|(i, (a, b, l))| span(i as u64 + 1, *a..*b, l, Status::Accepted)).collect();
    Annotations::new(LabelSet::default(), spans)
}

pub(crate) fn proposals(versions: &[(&str, &Annotations)]) -> Proposals {
    let list: Vec<Version<'_>> = versions.iter().map(|(a, ann)| Version { analyst: a, annotations: ann }).collect();
    Proposals::of(&list)
}

fn keys(ann: &Annotations, status: Status) -> BTreeSet<SpanKey> {
    ann.spans().iter().filter(|s| s.status == status).map(SpanKey::of).collect()
}

#[test]
fn what_both_mark_is_accepted_and_the_rest_waits_for_the_reviewer() {
    let ana = version(&[(0, 4, "PERSON"), (10, 15, "ORG")]);
    let ben = version(&[(0, 4, "PERSON"), (10, 15, "PLACE"), (20, 25, "ORG")]);
    let p = proposals(&[("ana", &ana), ("ben", &ben)]);
    let (curated, counts) = merge(&p, None, &LabelSet::default(), at(1));
    let accepted = keys(&curated, Status::Accepted);
    assert_eq!(accepted, BTreeSet::from([SpanKey { range: 0..4, label: "PERSON".into() }]));
    assert_eq!(keys(&curated, Status::Pending).len(), 3);
    assert_eq!(counts, MergeCounts { agreed: 1, waiting: 3, kept: 0 });
    assert!(curated.labels.contains("PLACE"), "a label only an analyst used comes along");
}

#[test]
fn one_analysts_word_alone_waits() {
    let ana = version(&[(0, 4, "PERSON")]);
    let (curated, _) = merge(&proposals(&[("ana", &ana)]), None, &LabelSet::default(), at(1));
    assert_eq!(keys(&curated, Status::Accepted), BTreeSet::new());
    assert_eq!(keys(&curated, Status::Pending).len(), 1);
}

#[test]
fn an_analyst_who_decided_nothing_is_not_counted() {
    let ana = version(&[(0, 4, "PERSON")]);
    let ben = version(&[(0, 4, "PERSON")]);
    let mut untouched = version(&[(6, 9, "ORG")]);
    let suggested = |s: &Span| Span {
        status: Status::Pending,
        origin: Origin::Engine { engine: "rules".into(), score: 0.7, label: s.label.clone() },
        reviewed: None,
        ..s.clone()
    };
    let pending: Vec<Span> = untouched.spans().iter().map(suggested).collect();
    untouched = Annotations::new(LabelSet::default(), pending);
    let p = proposals(&[("ana", &ana), ("ben", &ben), ("cy", &untouched)]);
    assert_eq!(p.analysts, ["ana", "ben"]);
    let (curated, _) = merge(&p, None, &LabelSet::default(), at(1));
    assert_eq!(keys(&curated, Status::Accepted).len(), 1);
}

#[test]
fn an_item_all_agree_on_that_overlaps_a_reviewers_decision_waits() {
    let ana = version(&[(0, 4, "PERSON")]);
    let ben = version(&[(0, 4, "PERSON")]);
    let mut reviewed = Annotations::new(LabelSet::default(), vec![span(7, 0..6, "ORG", Status::Accepted)]);
    reviewed.labels.add_as_named("ORG");
    let (curated, counts) =
        merge(&proposals(&[("ana", &ana), ("ben", &ben)]), Some(&reviewed), &reviewed.labels, at(1));
    assert_eq!(keys(&curated, Status::Accepted), BTreeSet::from([SpanKey { range: 0..6, label: "ORG".into() }]));
    assert_eq!(counts, MergeCounts { agreed: 0, waiting: 1, kept: 1 });
}

/// A random analyst's version: spans at word positions 0..8 (each 3 bytes wide), with one of
/// three labels.
pub(crate) fn arb_version() -> impl Strategy<Value = Vec<(usize, usize, &'static str)>> {
    prop::collection::vec((0usize..8, 1usize..3, prop::sample::select(vec!["PERSON", "ORG", "PLACE"])), 0..6)
        .prop_map(|v| v.into_iter().map(|(w, n, l)| (w * 4, w * 4 + n * 3, l)).collect())
}

/// What the reviewer does between merges: decide the n-th item pending, one way or the other.
fn review(curated: &mut Annotations, picks: &[(usize, bool)], now: Timestamp) {
    for (n, accept) in picks {
        let pending: Vec<Span> = curated.spans().iter().filter(|s| s.is_pending()).cloned().collect();
        if pending.is_empty() {
            return;
        }
        let s = pending[n % pending.len()].clone();
        let status = if *accept { Status::Accepted } else { Status::Rejected };
        curated.put(Span { status, reviewed: Some(Review { by: "rita".into(), at: now }), ..s });
    }
}

fn reviewer_decisions(ann: &Annotations) -> Vec<Span> {
    ann.spans().iter().filter(|s| s.reviewed.as_ref().is_some_and(|r| r.by == "rita")).cloned().collect()
}

proptest! {
    #[test]
    fn merging_keeps_its_promises(
        rounds in prop::collection::vec(
            (arb_version(), arb_version(), prop::collection::vec((0usize..10, any::<bool>()), 0..4)),
            1..5,
        ),
    ) {
        let mut curated: Option<Annotations> = None;
        for (i, (a, b, picks)) in rounds.iter().enumerate() {
            let (ana, ben) = (version(a), version(b));
            let p = proposals(&[("ana", &ana), ("ben", &ben)]);
            let before = curated.as_ref().map(reviewer_decisions).unwrap_or_default();
            let (mut merged, _) = merge(&p, curated.as_ref(), &LabelSet::default(), at(i as i64));

            // The reviewer's decisions stand exactly as they were.
            prop_assert_eq!(reviewer_decisions(&merged), before);
            // The merge accepts only what every analyst marked.
            for s in merged.spans().iter().filter(|s| s.reviewed.as_ref().is_some_and(|r| r.by == MERGED_BY)) {
                prop_assert!(p.all_agree(&p.spans[&SpanKey::of(s)]), "{:?} accepted without agreement", s);
                prop_assert_eq!(s.status, Status::Accepted);
            }
            // Everything an analyst marked is there, decided or waiting.
            let there: BTreeSet<SpanKey> = merged.spans().iter().map(SpanKey::of).collect();
            for key in p.spans.keys() {
                prop_assert!(there.contains(key), "{:?} left out", key);
            }
            // What all agree on is accepted unless the reviewer decided something in its place.
            for (key, by) in &p.spans {
                let reviewed_over = merged
                    .overlapping(key.range.clone())
                    .any(|s| s.reviewed.as_ref().is_some_and(|r| r.by == "rita"));
                if p.all_agree(by) && !reviewed_over {
                    prop_assert!(keys(&merged, Status::Accepted).contains(key), "{:?} not accepted", key);
                }
            }
            // Merging again changes nothing.
            let (again, _) = merge(&p, Some(&merged), &LabelSet::default(), at(i as i64 + 100));
            prop_assert_eq!(&again, &merged);

            review(&mut merged, picks, at(i as i64 + 50));
            curated = Some(merged);
        }
    }
}
