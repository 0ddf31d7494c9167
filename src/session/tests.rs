use super::*;
use crate::suggest::Suggestion;

/// The shipped entity engines' suggestions (the engines loaded once for all the tests).
fn entities(doc: &Document) -> Vec<Suggestion> {
    static ENGINES: std::sync::LazyLock<crate::engines::Engines> =
        std::sync::LazyLock::new(|| crate::engines::Engines::shipped().0);
    ENGINES.entities(doc)
}

fn session(text: &str) -> Session {
    let doc = Document::new(text.to_string());
    let suggestions = entities(&doc);
    let mut s = Session::new(doc, Annotations::default());
    s.add_suggestions(suggestions);
    s
}

fn current_text(s: &Session) -> &str {
    let c = s.current().expect("a current span");
    &s.doc().text()[c.range.clone()]
}

const TEXT: &str = "Mustafa Bali said Syria and Turkey met. Bali left Syria.";

#[test]
fn walk_accept_reject_relabel_undo_redo() {
    let mut s = session(TEXT);
    assert_eq!(current_text(&s), "Mustafa Bali", "the first pending item is current after suggesting");
    assert!(!s.can_undo(), "suggestions are not an undoable action");
    s.apply(Edit::Accept);
    assert_eq!(current_text(&s), "Syria", "accept moves on to the next pending item");
    s.apply(Edit::Reject);
    assert_eq!(current_text(&s), "Turkey");
    s.apply(Edit::Relabel("ORG".into()));
    let t = s.current().unwrap();
    assert_eq!((t.label.as_str(), t.status), ("ORG", Status::Accepted));
    assert_eq!(s.annotations().counts().accepted, 2);

    s.apply(Edit::Undo);
    assert_eq!(s.current().unwrap().label, "LOC");
    s.apply(Edit::Undo);
    assert_eq!(current_text(&s), "Syria");
    assert!(s.current().unwrap().is_pending());
    s.apply(Edit::Redo);
    assert_eq!(s.annotations().counts().rejected, 1);
    assert_eq!(s.apply(Edit::Redo), Outcome::Done);
    assert_eq!(s.apply(Edit::Redo), Outcome::NothingToRedo, "nothing left to redo is said, not silent");
}

#[test]
fn next_and_previous_wrap_over_pending_items() {
    let mut s = session(TEXT);
    let first = s.current_id();
    s.apply(Edit::PrevPending);
    assert_eq!(current_text(&s), "Syria", "previous from the first wraps to the last");
    s.apply(Edit::NextPending);
    assert_eq!(s.current_id(), first);
}

#[test]
fn nudging_by_tokens() {
    let mut s = session("The Syrian Democratic Forces fought.");
    s.apply(Edit::Create { range: 4..10, label: "ORG".into() });
    assert_eq!(current_text(&s), "Syrian");
    s.apply(Edit::GrowEnd);
    s.apply(Edit::GrowEnd);
    assert_eq!(current_text(&s), "Syrian Democratic Forces");
    s.apply(Edit::ShrinkEnd);
    assert_eq!(current_text(&s), "Syrian Democratic");
    s.apply(Edit::MoveRight);
    assert_eq!(current_text(&s), "Democratic Forces");
    s.apply(Edit::MoveLeft);
    s.apply(Edit::MoveLeft);
    assert_eq!(current_text(&s), "The Syrian");
    assert_eq!(s.apply(Edit::MoveLeft), Outcome::SpanCannotMove, "at the start it says it cannot move");
}

#[test]
fn creating_over_pending_suggestions_rejects_them_in_one_undo_step() {
    let mut s = session("Al Jazeera’s Imran Khan reported.");
    let before = s.annotations().counts();
    let range = 0..s.doc().text().find("’s").unwrap();
    // An exact match of an existing pending suggestion is accepted, not duplicated.
    s.apply(Edit::Create { range: range.clone(), label: "ORG".into() });
    assert_eq!(s.annotations().spans().iter().filter(|x| x.range == range).count(), 1);
    s.apply(Edit::Undo);
    let whole = 0..s.doc().text().find(" reported").unwrap();
    s.apply(Edit::Create { range: whole.clone(), label: "MISC".into() });
    let c = s.annotations().counts();
    assert_eq!(c.rejected, before.pending, "overlapped suggestions are rejected");
    s.apply(Edit::Undo);
    assert_eq!(s.annotations().counts(), before);
}

#[test]
fn accept_all_mentions_in_one_step() {
    let mut s = session(TEXT);
    while current_text(&s) != "Syria" {
        s.apply(Edit::NextPending);
    }
    let said = s.apply(Edit::AcceptAllMentions);
    assert!(matches!(&said, Outcome::Mentions(m) if m.accepted == 2 && m.words == "Syria"), "{said:?}");
    let syria: Vec<_> =
        s.annotations().spans().iter().filter(|x| &s.doc().text()[x.range.clone()] == "Syria").collect();
    assert!(syria.iter().all(|x| x.status == Status::Accepted));
    s.apply(Edit::Undo);
    assert_eq!(s.annotations().counts().accepted, 0);
}

#[test]
fn delete_and_label_set_edits_are_undoable() {
    let mut s = session(TEXT);
    let id = s.current_id().unwrap();
    s.apply(Edit::Delete(id));
    assert_eq!(s.annotations().get(id).map(|x| x.status), Some(Status::Rejected));
    s.apply(Edit::Undo);
    assert!(s.annotations().get(id).is_some_and(Span::is_pending));
    let mut labels = s.labels().clone();
    labels.add("WEAPON");
    s.apply(Edit::SetLabels(labels));
    assert!(s.labels().contains("WEAPON"));
    assert_eq!(s.apply(Edit::Relabel("NOPE".into())), Outcome::NoSuchLabel("NOPE".into()));
    s.apply(Edit::Undo);
    assert!(!s.labels().contains("WEAPON"));
}

#[test]
fn marking_the_document_done_is_one_undoable_step() {
    let mut s = session(TEXT);
    assert!(!s.is_done());
    let said = s.apply(Edit::MarkDone(true));
    assert!(s.is_done() && s.is_dirty());
    let pending = s.annotations().counts().pending;
    assert!(pending > 0);
    assert_eq!(said, Outcome::MarkedDone { undecided: pending }, "pending suggestions are counted");
    assert_eq!(s.annotations().done.as_ref().map(|d| d.by.as_str()), Some(current_user().as_str()));
    assert_eq!(s.apply(Edit::MarkDone(true)), Outcome::Done, "marking it again changes nothing");
    s.apply(Edit::Undo);
    assert!(!s.is_done());
    s.apply(Edit::Redo);
    assert!(s.is_done());
    s.apply(Edit::MarkDone(false));
    assert!(!s.is_done());
}

#[test]
fn edits_touch_only_their_paragraph() {
    let mut s = session("Syria fought.\n\nTurkey watched.");
    let before = (s.paragraph_revision(0), s.paragraph_revision(1));
    let rev = s.revision();
    s.apply(Edit::Accept);
    assert!(s.paragraph_revision(0) > before.0);
    assert_eq!(s.paragraph_revision(1), before.1);
    assert!(s.is_dirty() && s.revision() > rev);
}

#[test]
fn a_boundary_edit_accepts_the_suggestion_and_delete_rejects_it() {
    let mut s = session(TEXT);
    let id = s.current_id().unwrap();
    s.apply(Edit::GrowEnd);
    let grown = s.current().unwrap();
    assert_eq!((grown.id, grown.status), (id, Status::Accepted), "a moved suggestion is the analyst's");
    let next = s.annotations().spans().iter().find(|x| x.is_pending()).unwrap().id;
    s.apply(Edit::Delete(next));
    assert_eq!(s.annotations().get(next).map(|x| x.status), Some(Status::Rejected), "kept as a negative example");
    let mine = s.doc().text().find("met").unwrap();
    s.apply(Edit::Create { range: mine..mine + 3, label: "MISC".into() });
    let made = s.current_id().unwrap();
    s.apply(Edit::Delete(made));
    assert!(s.annotations().get(made).is_none(), "a span made by hand goes");
}

#[test]
fn accepting_every_mention_leaves_the_analysts_decisions_alone() {
    let mut s = session(TEXT);
    let syria: Vec<SpanId> =
        s.annotations().spans().iter().filter(|x| &s.doc().text()[x.range.clone()] == "Syria").map(|x| x.id).collect();
    assert_eq!(syria.len(), 2);
    s.apply(Edit::Select(syria[1]));
    s.apply(Edit::Reject);
    s.apply(Edit::Select(syria[0]));
    let said = s.apply(Edit::AcceptAllMentions);
    assert_eq!(s.annotations().get(syria[1]).unwrap().status, Status::Rejected, "{said:?}");
    assert_eq!(s.annotations().get(syria[0]).unwrap().status, Status::Accepted);
    assert!(matches!(&said, Outcome::Mentions(m) if m.left == 1), "{said:?}");
}

#[test]
fn a_label_spans_use_cannot_be_removed_and_suggestions_bring_their_labels() {
    let mut s = session(TEXT);
    let mut fewer = s.labels().clone();
    fewer.remove("PERSON");
    assert_eq!(s.apply(Edit::SetLabels(fewer)), Outcome::LabelInUse("PERSON".into()));
    assert!(s.labels().contains("PERSON"));
    let at = s.doc().text().find("met").unwrap();
    let weapon = Suggestion { range: at..at + 3, label: "WEAPON".into(), score: 0.7, source: "ner/perceptron".into() };
    assert_eq!(s.add_suggestions(vec![weapon]), 1);
    assert!(s.labels().contains("WEAPON"), "a suggested label joins the set, so the file loads (I6)");
}

#[test]
fn suggesting_again_never_overrides_a_decision() {
    let mut s = session(TEXT);
    s.apply(Edit::Reject);
    let counts = s.annotations().counts();
    let again = entities(s.doc());
    assert_eq!(s.add_suggestions(again), 0);
    assert_eq!(s.annotations().counts(), counts);
}

mod claims {
    use super::*;
    use crate::annotation::Claimant;
    use crate::claims::{self as engine, ClaimSuggestion};

    const NEWS: &str = "Mustafa Bali spoke in Syria. He said the fighting would end soon. Turkey denied it.";

    fn at(s: &Session, words: &str) -> Range<usize> {
        let a = s.doc().text().find(words).expect("in the text");
        a..a + words.len()
    }

    fn with_claims() -> Session {
        let mut s = session(NEWS);
        let he = at(&s, "He");
        let bali = at(&s, "Mustafa Bali");
        let first = ClaimSuggestion {
            content: at(&s, "the fighting would end soon"),
            cue: Some(at(&s, "said")),
            claimant: Some(engine::Claimant { range: he, refers_to: Some(bali) }),
            checkworthy: 0.8,
            score: 0.9,
        };
        let second = ClaimSuggestion {
            content: at(&s, "it"),
            cue: Some(at(&s, "denied")),
            claimant: Some(engine::Claimant { range: at(&s, "Turkey"), refers_to: None }),
            checkworthy: 0.3,
            score: 0.7,
        };
        assert_eq!(s.add_claim_suggestions(vec![first.clone(), second]), 2);
        assert_eq!(s.add_claim_suggestions(vec![first]), 0, "a claim already there is not suggested twice");
        s
    }

    #[test]
    fn a_pronoun_claimant_links_to_the_entity_it_refers_to() {
        let s = with_claims();
        let claim = &s.annotations().claims.all()[0];
        let who = claim.claimant.clone().expect("a claimant");
        assert_eq!(&s.doc().text()[who.range], "He");
        let entity = s.annotations().get(who.entity.expect("linked")).expect("an entity span");
        assert_eq!(&s.doc().text()[entity.range.clone()], "Mustafa Bali");
    }

    #[test]
    fn walk_accept_reject_and_undo_claims_from_the_keyboard() {
        let mut s = with_claims();
        let entity_before = s.current_id();
        s.apply(Edit::NextClaim);
        assert_eq!(s.focus(), Focus::Claims);
        let first = s.current_claim().expect("a current claim").id;
        s.apply(Edit::Accept);
        assert_eq!(s.annotations().claims.get(first).unwrap().status, Status::Accepted);
        assert_ne!(s.current_claim().unwrap().id, first, "accept moves on to the next pending claim");
        s.apply(Edit::Reject);
        assert_eq!(s.annotations().claims.all().iter().filter(|c| c.status == Status::Rejected).count(), 1);
        assert_eq!(s.current_id(), entity_before, "the entity layer's current item is untouched");
        s.apply(Edit::Undo);
        s.apply(Edit::Undo);
        assert!(s.annotations().claims.all().iter().all(|c| c.is_pending()));
        assert_eq!(s.current_claim().unwrap().id, first);
        s.apply(Edit::NextPending);
        assert_eq!(s.focus(), Focus::Entities, "entity navigation takes the keyboard back");
    }

    fn claim(s: &Session, content: &str, cue: &str, who: &str) -> ClaimSuggestion {
        ClaimSuggestion {
            content: at(s, content),
            cue: Some(at(s, cue)),
            claimant: Some(engine::Claimant { range: at(s, who), refers_to: None }),
            checkworthy: 0.5,
            score: 0.8,
        }
    }

    #[test]
    fn a_claim_still_suggested_is_kept_even_when_it_reaches_into_the_decisions_sentence() {
        let mut s = session("Mustafa Bali said the fighting would end soon. He added: the talks had failed.");
        let fighting = claim(&s, "the fighting would end soon", "said", "Mustafa Bali");
        // Its content is in the second sentence, its claimant in the first.
        let talks = claim(&s, "the talks had failed", "added", "Mustafa Bali");
        assert_eq!(s.add_claim_suggestions(vec![fighting.clone(), talks.clone()]), 2);
        s.apply(Edit::NextClaim);
        s.apply(Edit::Accept);
        let before = s.annotations().clone();
        let after = s.last_action().expect("the accept is an action");
        let r = s.refresh_claim_suggestions(after, vec![fighting, talks]).expect("the accept stands");
        assert_eq!((r.withdrawn, r.added), (0, 0), "what is suggested again stays as it is");
        assert_eq!(s.annotations(), &before);
    }

    #[test]
    fn a_refresh_withdraws_only_where_the_decision_was_and_undo_takes_it_back() {
        let mut s = session(
            "Mustafa Bali said the fighting would end soon, and Turkey denied it. Reuters said the talks had failed.",
        );
        let fighting = claim(&s, "the fighting would end soon", "said", "Mustafa Bali");
        let denial = claim(&s, "it", "denied", "Turkey");
        let talks = claim(&s, "the talks had failed", "said the talks", "Reuters");
        assert_eq!(s.add_claim_suggestions(vec![fighting.clone(), denial, talks]), 3);
        let start = s.annotations().clone();
        s.apply(Edit::NextClaim);
        s.apply(Edit::Accept);
        let accepted = s.annotations().claims.all()[0].clone();
        let after = s.last_action().expect("the accept is an action");
        // The learner now suggests the fighting claim, another claim in its sentence, and one in the
        // other sentence where nothing was.
        let suggested = |content| ClaimSuggestion { content, cue: None, claimant: None, checkworthy: 0.1, score: 0.6 };
        let here = suggested(at(&s, "Turkey denied it"));
        let elsewhere = suggested(at(&s, "Reuters"));
        let r = s.refresh_claim_suggestions(after, vec![fighting, here, elsewhere]).expect("the accept stands");
        assert_eq!((r.withdrawn, r.added), (1, 1), "in the decision's sentence the denial went and one came");
        let contents: Vec<&str> =
            s.annotations().claims.all().iter().map(|c| &s.doc().text()[c.content.clone()]).collect();
        assert_eq!(
            contents,
            ["the fighting would end soon", "Turkey denied it", "the talks had failed"],
            "the other sentence is left as it was: its claim stays and nothing is added"
        );
        assert_eq!(s.annotations().claims.get(accepted.id), Some(&accepted), "the decided claim is untouched");
        s.apply(Edit::Undo);
        assert_eq!(s.annotations(), &start, "undo takes back the decision and its follow-up");
        assert_eq!(s.refresh_claim_suggestions(after, Vec::new()), None, "a follow-up to an undone action is dropped");
        assert_eq!(s.annotations(), &start);
        s.apply(Edit::Redo);
        assert_eq!(s.annotations().claims.all().len(), 3, "redo replays the follow-up too");
    }

    #[test]
    fn change_the_claimant_and_the_content_then_make_one_by_hand() {
        let mut s = with_claims();
        s.apply(Edit::NextClaim);
        let bali = at(&s, "Mustafa Bali");
        let entity = s.annotations().overlapping(bali.clone()).next().map(|e| e.id);
        s.apply(Edit::SetClaimant(Some(Claimant { range: bali.clone(), entity })));
        let c = s.current_claim().unwrap().clone();
        assert_eq!(c.claimant.unwrap().range, bali);
        assert_eq!(c.status, Status::Accepted);
        s.apply(Edit::ShrinkEnd);
        assert_eq!(&s.doc().text()[s.current_claim().unwrap().content.clone()], "the fighting would end");
        s.apply(Edit::Undo);
        assert_eq!(&s.doc().text()[s.current_claim().unwrap().content.clone()], "the fighting would end soon");

        let denial = at(&s, "Turkey denied it");
        s.apply(Edit::CreateClaim { content: denial, claimant: None });
        let made = s.current_claim().unwrap();
        assert_eq!(made.status, Status::Accepted);
        assert!(matches!(made.origin, Origin::Human { .. }));
        let suggested =
            s.annotations().claims.all().iter().find(|c| &s.doc().text()[c.content.clone()] == "it").unwrap();
        assert_eq!(suggested.status, Status::Rejected, "the overlapping suggestion gives way");
        s.apply(Edit::Undo);
        assert_eq!(s.annotations().claims.all().len(), 2);
    }

    #[test]
    fn a_claims_cue_start_and_check_worthiness_are_the_analysts_each_one_undo() {
        let mut s = with_claims();
        s.apply(Edit::NextClaim);
        let before = s.current_claim().unwrap().clone();
        let words = |s: &Session, r: &Range<usize>| s.doc().text()[r.clone()].to_string();
        s.apply(Edit::ShrinkStart);
        let shrunk = s.current_claim().unwrap().clone();
        assert_eq!(words(&s, &shrunk.content), "fighting would end soon");
        assert_eq!((&shrunk.cue, &shrunk.claimant, shrunk.status), (&before.cue, &before.claimant, Status::Accepted));
        s.apply(Edit::GrowStart);
        assert_eq!(s.current_claim().unwrap().content, before.content);
        assert_eq!(s.apply(Edit::SetCue(Some(at(&s, "fighting")))), Outcome::CueInsideClaim);
        s.apply(Edit::SetCue(Some(at(&s, "spoke"))));
        assert_eq!(s.current_claim().unwrap().cue, Some(at(&s, "spoke")));
        s.apply(Edit::SetCheckworthy(Some(false)));
        let marked = s.current_claim().unwrap().clone();
        assert_eq!((marked.checkworthy_by_hand, marked.checkworthy), (Some(false), before.checkworthy));
        for _ in 0..4 {
            s.apply(Edit::Undo);
        }
        assert_eq!(s.current_claim(), Some(&before), "each edit was one step");
    }

    #[test]
    fn a_cue_and_a_word_on_check_worthiness_go_to_the_claim_in_review_and_its_start_never_takes_the_cue() {
        let mut s = with_claims();
        s.apply(Edit::NextClaim);
        let claim = s.current_claim().unwrap().clone();
        assert_eq!(s.apply(Edit::GrowStart), Outcome::CueInsideClaim, "“said” stays the cue");
        assert_eq!(s.current_claim(), Some(&claim));

        // Back on the entities, the claim still current behind them is not touched.
        s.apply(Edit::NextPending);
        let before = s.annotations().clone();
        assert_eq!(s.apply(Edit::SetCheckworthy(Some(true))), Outcome::NotOnAClaim);
        assert_eq!(s.apply(Edit::SetCue(Some(at(&s, "spoke")))), Outcome::NotOnAClaim);
        assert_eq!(s.annotations(), &before);

        // A word on a claim the analyst rejected keeps it rejected.
        s.apply(Edit::SelectClaim(claim.id));
        s.apply(Edit::Reject);
        s.apply(Edit::SelectClaim(claim.id));
        s.apply(Edit::SetCheckworthy(Some(true)));
        let marked = s.annotations().claims.get(claim.id).unwrap();
        assert_eq!((marked.status, marked.checkworthy_by_hand), (Status::Rejected, Some(true)));
    }

    #[test]
    fn a_spans_start_grows_and_shrinks_by_a_token() {
        let mut s = session(TEXT);
        assert_eq!(current_text(&s), "Mustafa Bali");
        s.apply(Edit::ShrinkStart);
        assert_eq!(current_text(&s), "Bali");
        assert_eq!(s.apply(Edit::ShrinkStart), Outcome::SpanCannotMove, "a span keeps a token");
        s.apply(Edit::GrowStart);
        assert_eq!(current_text(&s), "Mustafa Bali");
        assert_eq!(s.apply(Edit::GrowStart), Outcome::SpanCannotMove, "at the document's start");
    }
}

/// The analyst marks the person and the company the machine took for one name: claims suggested from
/// then on (here after *Reset learned suggestions*) link their claimant to the person they marked.
#[test]
fn a_claimant_links_to_the_entity_the_analyst_fixed() {
    use crate::engines::worker::{Reply, Request, Worker};
    let text = "Kees Koster of Maersk spoke to reporters. “We will not pay,” he said.";
    let mut s = Session::new(Document::new(text.into()), Annotations::default());
    let (mut worker, _) = Worker::new();
    let suggest = Request::<Serial>::Suggest { generation: 0, doc: s.shared_doc(), entities: Vec::new() };
    for reply in worker.handle(suggest) {
        if let Reply::Initial { suggestions, claims, .. } = reply {
            s.add_suggestions(suggestions);
            s.add_claim_suggestions(claims);
        }
    }
    let linked = |s: &Session| {
        let claim = s.annotations().claims.all().iter().find(|c| c.is_pending())?;
        let span = s.annotations().get(claim.claimant.as_ref()?.entity?)?;
        Some((s.doc().text()[span.range.clone()].to_string(), span.status))
    };
    assert_eq!(linked(&s), Some(("Kees Koster of Maersk".into(), Status::Pending)), "the machine's entity");
    let at = |w: &str| text.find(w).map(|a| a..a + w.len()).expect("in the text");
    s.apply(Edit::Create { range: at("Kees Koster"), label: "PERSON".into() });
    s.apply(Edit::Create { range: at("Maersk"), label: "ORG".into() });
    let entities = s.annotations().spans().to_vec();
    let reset = Request::<Serial>::Reset { generation: 0, doc: Some(s.shared_doc()), entities };
    for reply in worker.handle(reset) {
        if let Reply::Reset { suggestions, claims, .. } = reply {
            s.reset_suggestions(suggestions, claims);
        }
    }
    assert_eq!(linked(&s), Some(("Kees Koster".into(), Status::Accepted)));
}
