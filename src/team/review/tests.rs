//! The review view's promises, over random analysts' versions merged and random reviewer moves:
//! taking an analyst's version of a place leaves exactly what they marked accepted there and the
//! rest rejected, touches nothing elsewhere, and is undone in one step; the places cut the
//! curated version into disjoint pieces that cover every item still in play.

use super::*;
use crate::annotation::{Annotations, LabelSet};
use crate::doc::Document;
use crate::session::Session;
use crate::team::merge::merge;
use crate::team::merge::tests::{arb_version, at, proposals, version};
use proptest::prelude::*;

/// Eight three-letter words, four bytes apart: the grid `arb_version` draws spans on.
const TEXT: &str = "aaa bbb ccc ddd eee fff ggg hhh";

fn reviewing(versions: &[(&str, &Annotations)]) -> (Session, Proposals) {
    let p = proposals(versions);
    let (curated, _) = merge(&p, None, &LabelSet::default(), at(1));
    let mut session = Session::new(Document::new(TEXT.to_string()), curated);
    session.set_user("rita");
    (session, p)
}

fn status_of(s: &Session, range: Range<usize>, label: &str) -> Option<Status> {
    s.annotations().spans().iter().find(|x| x.range == range && x.label == label).map(|x| x.status)
}

#[test]
fn a_disagreement_is_one_place_and_taking_a_version_decides_all_of_it_in_one_undo_step() {
    let ana = version(&[(0, 7, "ORG"), (12, 15, "PERSON")]);
    let ben = version(&[(0, 3, "ORG"), (12, 15, "PERSON"), (20, 23, "PLACE")]);
    let (mut s, p) = reviewing(&[("ana", &ana), ("ben", &ben)]);
    let review = Review::of(&p, s.annotations());
    assert_eq!(review.analysts, ["ana", "ben"]);
    let agreements: Vec<Agreement> = review.places.iter().map(|p| p.agreement).collect();
    assert_eq!(agreements, [Agreement::Conflict, Agreement::All, Agreement::Some]);
    assert_eq!(review.open(), 2, "what both marked is pre-accepted; the other two places wait");
    let first = &review.places[0];
    let by: Vec<Vec<&str>> = first.items.iter().map(|i| i.by.iter().map(String::as_str).collect()).collect();
    assert_eq!(by, [vec!["ana"], vec!["ben"]], "who said what, widest first");

    let before = s.annotations().clone();
    s.apply(first.take(Some("ben")));
    assert_eq!(status_of(&s, 0..3, "ORG"), Some(Status::Accepted));
    assert_eq!(status_of(&s, 0..7, "ORG"), Some(Status::Rejected));
    assert_eq!(status_of(&s, 20..23, "PLACE"), Some(Status::Pending), "other places are left alone");
    let decided = s
        .annotations()
        .spans()
        .iter()
        .filter(|x| x.range.start == 0)
        .all(|x| x.reviewed.as_ref().is_some_and(|r| r.by == "rita"));
    assert!(decided, "the reviewer's decision, by the reviewer");
    assert_eq!(Review::of(&p, s.annotations()).open(), 1);
    s.apply(Edit::Undo);
    assert_eq!(s.annotations(), &before, "one undo puts the place back");

    let place = Review::of(&p, s.annotations()).places[2].clone();
    s.apply(place.take(None));
    assert_eq!(status_of(&s, 20..23, "PLACE"), Some(Status::Rejected), "neither version");
}

#[test]
fn a_claimant_follows_the_version_taken_at_its_words() {
    use crate::annotation::{Claim, ClaimId, Claimant, Origin, Review as Reviewed, SpanId};
    // "ddd" (12..15) says "fff ggg": ana calls ddd a PERSON, ben an ORG; both link the claim to it.
    let with_claim = |spans: &[(usize, usize, &str)], by: &str| {
        let ann = version(spans);
        let claim = Claim {
            id: ClaimId(50),
            content: 20..27,
            pieces: Vec::new(),
            cue: None,
            claimant: Some(Claimant { range: 12..15, entity: Some(SpanId(1)) }),
            checkworthy: None,
            checkworthy_by_hand: None,
            status: Status::Accepted,
            origin: Origin::Human { by: by.into() },
            created: at(0),
            reviewed: Some(Reviewed { by: by.into(), at: at(0) }),
        };
        ann.with_claims(vec![claim])
    };
    let (ana, ben) = (with_claim(&[(12, 15, "PERSON")], "ana"), with_claim(&[(12, 15, "ORG")], "ben"));
    let (mut s, p) = reviewing(&[("ana", &ana), ("ben", &ben)]);
    let linked = |s: &Session| {
        let claim = &s.annotations().claims.all()[0];
        let id = claim.claimant.as_ref().and_then(|c| c.entity).expect("a linked claimant");
        s.annotations().get(id).map(|x| (x.label.clone(), x.status))
    };
    let place = Review::of(&p, s.annotations()).places[0].clone();
    s.apply(place.take(Some("ben")));
    assert_eq!(linked(&s), Some(("ORG".to_string(), Status::Accepted)), "linked to ben's span, which stands");
    s.apply(place.take(Some("ana")));
    assert_eq!(linked(&s), Some(("PERSON".to_string(), Status::Accepted)), "and back to ana's");
    s.apply(Edit::Undo);
    assert_eq!(linked(&s), Some(("ORG".to_string(), Status::Accepted)), "undo puts the link back too");
}

#[test]
fn hidden_names_are_numbers_in_name_order() {
    let ana = version(&[(0, 3, "ORG")]);
    let ben = version(&[(0, 3, "ORG")]);
    let (s, p) = reviewing(&[("ben", &ben), ("ana", &ana)]);
    let review = Review::of(&p, s.annotations());
    assert_eq!((review.name(0, false), review.name(1, false)), ("ana".to_string(), "ben".to_string()));
    assert_eq!((review.name(0, true), review.name(1, true)), ("Analyst 1".to_string(), "Analyst 2".to_string()));
}

/// What the reviewer does: take analyst `who` (modulo; past the last: neither) at open place
/// `place`, or undo, or redo.
#[derive(Debug, Clone)]
enum Move {
    Take { place: usize, who: usize },
    Undo,
    Redo,
}

fn arb_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        4 => (any::<usize>(), 0usize..4).prop_map(|(place, who)| Move::Take { place, who }),
        1 => Just(Move::Undo),
        1 => Just(Move::Redo),
    ]
}

proptest! {
    #[test]
    fn taking_versions_keeps_its_promises(
        a in arb_version(),
        b in arb_version(),
        c in arb_version(),
        moves in prop::collection::vec(arb_move(), 1..12),
    ) {
        let (ana, ben, cy) = (version(&a), version(&b), version(&c));
        let (mut s, p) = reviewing(&[("ana", &ana), ("ben", &ben), ("cy", &cy)]);
        let mut undo: Vec<Annotations> = Vec::new();
        let mut redo: Vec<Annotations> = Vec::new();
        for m in &moves {
            let before = s.annotations().clone();
            let review = Review::of(&p, &before);
            match m {
                Move::Take { place, who } => {
                    if review.places.is_empty() {
                        continue;
                    }
                    let place = &review.places[place % review.places.len()];
                    let analyst = review.analysts.get(*who).map(String::as_str);
                    s.apply(place.take(analyst));
                    for item in &place.items {
                        let ItemId::Span(id) = item.id else { continue };
                        let now = s.annotations().get(id).map(|x| x.status);
                        let want = match analyst {
                            Some(a) if item.by.contains(a) => Status::Accepted,
                            _ => Status::Rejected,
                        };
                        prop_assert_eq!(now, Some(want), "{:?} after taking {:?}", item, analyst);
                    }
                    for span in before.spans().iter().filter(|x| !place.contains(ItemId::Span(x.id))) {
                        prop_assert_eq!(s.annotations().get(span.id), Some(span), "outside the place");
                    }
                    if s.annotations() != &before {
                        undo.push(before);
                        redo.clear();
                    }
                }
                Move::Undo => {
                    s.apply(Edit::Undo);
                    if let Some(was) = undo.pop() {
                        redo.push(before);
                        prop_assert_eq!(s.annotations(), &was, "undo puts back what was on screen");
                    }
                }
                Move::Redo => {
                    s.apply(Edit::Redo);
                    if let Some(was) = redo.pop() {
                        undo.push(before);
                        prop_assert_eq!(s.annotations(), &was, "redo brings back what was undone");
                    }
                }
            }
            // The places are disjoint and cover every span still in play, once.
            let review = Review::of(&p, s.annotations());
            for pair in review.places.windows(2) {
                prop_assert!(pair[0].range.end <= pair[1].range.start, "{:?} overlaps the next", pair[0]);
            }
            for span in s.annotations().spans() {
                let in_play = span.status != Status::Rejected || p.span_by(&SpanKey::of(span)).is_some();
                let n = review.places.iter().filter(|pl| pl.contains(ItemId::Span(span.id))).count();
                prop_assert_eq!(n, usize::from(in_play), "{:?}", span);
            }
        }
    }
}
