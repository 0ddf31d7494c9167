//! Editing a claim all the way in the window, driven headless: its cue from a selection, its start,
//! the analyst's word on its check-worthiness, its right-click menu, a claim made by hand with its
//! claimant and cue in one flow, and the claimant picker's matching and order.

use eframe::egui::{self, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::annotation::{Claim, Status};
use marginalia::app::App;
use support::*;

mod support;

const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

fn current_claim(h: &Harness<'static, App>) -> Claim {
    h.state().session().unwrap().current_claim().expect("a current claim").clone()
}

fn words(h: &Harness<'static, App>, r: &std::ops::Range<usize>) -> String {
    h.state().session().unwrap().doc().text()[r.clone()].to_string()
}

fn byte_of(h: &Harness<'static, App>, what: &str) -> usize {
    h.state().session().unwrap().doc().text().find(what).unwrap_or_else(|| panic!("{what} is in the text"))
}

/// Selects `what` (its first occurrence) with the mouse.
fn select(h: &mut Harness<'static, App>, what: &str) {
    let start = byte_of(h, what);
    drag_select(h, start, start + what.len() - 1);
}

/// The window on `text` (in a new folder), its suggestions arrived.
fn opened(text: &str) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), text));
    (dir, h)
}

/// `]`: the first claim is current; as it is.
fn first_claim(h: &mut Harness<'static, App>) -> Claim {
    h.key_press(Key::CloseBracket);
    h.run();
    current_claim(h)
}

/// Right-clicks the first character of `what`.
fn right_click(h: &mut Harness<'static, App>, what: &str) {
    let at = byte_of(h, what);
    let pos = h.state().article_rects(&(at..at + 1))[0].center();
    h.hover_at(pos);
    h.run();
    // Pressed and released in one frame, as a click is.
    for pressed in [true, false] {
        let button = PointerButton::Secondary;
        h.event(egui::Event::PointerButton { pos, button, pressed, modifiers: Modifiers::NONE });
    }
    h.run();
}

#[test]
fn a_cue_set_from_the_selection_is_saved_and_undone_in_one_step() {
    let (dir, mut h) = opened(QUOTES);
    let before = first_claim(&mut h);
    assert_eq!(before.cue.as_ref().map(|c| words(&h, c)).as_deref(), Some("said"));

    select(&mut h, "spokesman");
    h.key_press(Key::U);
    h.run();
    let after = current_claim(&h);
    assert_eq!(after.cue.as_ref().map(|c| words(&h, c)).as_deref(), Some("spokesman"));
    assert_eq!((after.content.clone(), after.claimant.clone()), (before.content.clone(), before.claimant.clone()));
    assert_eq!(after.status, Status::Accepted, "setting the cue is the analyst's word on the claim");
    assert!(h.query_by_label("Label as:").is_none(), "the selection is used up");
    settle(&mut h);
    let ron = saved(dir.path());
    assert!(ron.lines().any(|l| l.contains("cue: Some((start: ") && l.contains("text: \"spokesman\")")), "{ron}");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(current_claim(&h), before, "one undo gives the claim back as it was");

    // Shift+U clears the cue; a cue over what is claimed is refused.
    h.key_press_modifiers(Modifiers::SHIFT, Key::U);
    h.run();
    assert_eq!(current_claim(&h).cue, None);
    select(&mut h, "stay");
    h.key_press(Key::U);
    h.run();
    assert_eq!(current_claim(&h).cue, None);
    assert!(h.state().status().is_some_and(|m| m.contains("outside what is claimed")), "{:?}", h.state().status());
}

#[test]
fn a_claims_start_grows_and_shrinks_by_a_token_and_its_cue_and_claimant_stay() {
    let (dir, mut h) = opened(QUOTES);
    let before = first_claim(&mut h);
    h.key_press_modifiers(CTRL_SHIFT, Key::ArrowRight);
    h.run();
    let shrunk = current_claim(&h);
    assert!(shrunk.content.start > before.content.start, "the start moved in");
    assert_eq!(shrunk.content.end, before.content.end, "the end stayed");
    assert!(words(&h, &shrunk.content).starts_with("We will stay"), "{}", words(&h, &shrunk.content));
    assert_eq!((shrunk.cue.clone(), shrunk.claimant.clone()), (before.cue.clone(), before.claimant.clone()));
    assert_eq!(shrunk.status, Status::Accepted);
    h.key_press_modifiers(CTRL_SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(current_claim(&h).content, before.content, "growing the start gives it back");
    settle(&mut h);
    assert!(saved(dir.path()).contains("text: \"“We will stay"), "{}", saved(dir.path()));
}

#[test]
fn worth_checking_by_hand_is_saved_apart_from_the_estimate_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), QUOTES);
    let mut h = harness();
    open(&mut h, &path);
    let estimate = first_claim(&mut h).checkworthy;
    h.key_press(Key::V);
    h.run();
    let marked = current_claim(&h);
    assert_eq!((marked.checkworthy_by_hand, marked.checkworthy), (Some(true), estimate), "the estimate is kept");
    assert_eq!(marked.status, Status::Accepted);
    h.get_by_label_contains("worth checking, you said");
    settle(&mut h);
    assert!(saved(dir.path()).contains("checkworthy_by_hand: Some(true)"), "{}", saved(dir.path()));
    drop(h);

    let mut h = harness();
    open(&mut h, &path);
    let claims = h.state().session().unwrap().annotations().claims.all().to_vec();
    assert_eq!(claims.iter().find(|c| c.id == marked.id).map(|c| c.checkworthy_by_hand), Some(Some(true)));
    first_claim(&mut h);
    h.key_press_modifiers(Modifiers::SHIFT, Key::V);
    h.run();
    assert_eq!(current_claim(&h).checkworthy_by_hand, Some(false), "Shift+V: not worth checking");
    h.get_by_label_contains("not worth checking, you said");
}

#[test]
fn right_clicking_a_claim_opens_its_menu_whose_accept_accepts_it() {
    let (_dir, mut h) = opened(QUOTES);
    let pending = h.state().session().unwrap().annotations().claims.all()[0].clone();
    assert_eq!(pending.status, Status::Pending);
    // "stay" is inside what is claimed and in no entity span.
    right_click(&mut h, "stay");
    h.get_by_label_contains("Set the cue from the selection");
    h.get_by_label_contains("Not worth checking");
    h.get_by_label_contains("Accept").click();
    h.run();
    let claim = h.state().session().unwrap().annotations().claims.get(pending.id).unwrap().clone();
    assert_eq!(claim.status, Status::Accepted, "the menu's Accept acts on the claim clicked");
}

#[test]
fn right_clicking_a_claimant_offers_its_span_menu_and_the_claims_menu() {
    let (_dir, mut h) = opened(QUOTES);
    right_click(&mut h, "Mustafa Bali");
    h.get_by_label("Relabel");
    h.get_by_label("Claim");
}

#[test]
fn a_claim_made_by_hand_gets_its_claimant_then_its_cue_in_one_flow() {
    let (_dir, mut h) = opened(QUOTES);
    select(&mut h, "20,000 civilians left Syria");
    h.key_press(Key::C);
    h.run();
    h.get_by_label_contains("press U, or go on");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label_contains("Now select the cue words and press U");
    select(&mut h, "according to");
    h.key_press(Key::U);
    h.run();
    assert_eq!(h.state().notice(), None, "the hint goes once the claim has its cue");
    let made = current_claim(&h);
    assert_eq!(words(&h, &made.content), "20,000 civilians left Syria");
    assert_eq!(made.claimant.as_ref().map(|c| words(&h, &c.range)).as_deref(), Some("Bali"));
    assert_eq!(made.cue.as_ref().map(|c| words(&h, c)).as_deref(), Some("according to"));
}

#[test]
fn the_picker_matches_curly_and_straight_quotes_alike() {
    for (text, typed) in [("It was Bali’s call, he said.\n", "Bali's"), ("It was Bali's call, he said.\n", "Bali’s")]
    {
        let (_dir, mut h) = opened(text);
        select(&mut h, "It was");
        h.key_press(Key::C);
        h.run();
        h.get_by_label_contains("Who makes this claim?");
        h.get_by_role(egui::accesskit::Role::TextInput).type_text(typed);
        h.run();
        h.key_press(Key::Enter);
        h.run();
        let claimant = current_claim(&h).claimant.expect("the typed words are the claimant");
        let found = words(&h, &claimant.range);
        assert!(found == "Bali’s" || found == "Bali's", "{typed} finds {found}");
        assert_ne!(found, typed, "the text's own apostrophe is kept");
    }
}

#[test]
fn the_picker_offers_the_mention_in_the_claims_own_sentence_first() {
    // Reuters is nearer to what is claimed, but Bali is named in its own sentence.
    let (_dir, mut h) = opened("Sunday came for Reuters. The city fell, Bali said.\n");
    select(&mut h, "The city fell");
    h.key_press(Key::C);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let claimant = current_claim(&h).claimant.expect("a claimant");
    assert_eq!(words(&h, &claimant.range), "Bali");
}

#[test]
fn hovering_a_cue_box_explains_it() {
    let (_dir, mut h) = opened(QUOTES);
    let at = byte_of(&h, "said");
    h.hover_at(h.state().article_rects(&(at..at + 1))[0].center());
    h.run();
    h.get_by_label_contains("Cue: the words that attribute the claim");
}
