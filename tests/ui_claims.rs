//! The claims layer in the window, driven headless: walking, accepting and re-attributing claims
//! from the keyboard, making one by hand, and learning from a decision.

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::annotation::Status;
use marginalia::app::App;
use support::*;

mod support;

#[test]
fn claims_are_walked_accepted_reattributed_and_made_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), QUOTES));
    let claims = |h: &Harness<'static, App>| h.state().session().unwrap().annotations().claims.all().to_vec();
    assert!(!claims(&h).is_empty(), "claims are suggested with the entities");
    h.get_by_label_contains("Claims (");

    // ] walks to a claim; A accepts it (not the current entity); the file keeps it.
    let entities_before = h.state().session().unwrap().annotations().counts();
    h.key_press(Key::CloseBracket);
    h.run();
    let first = h.state().session().unwrap().current_claim().expect("a current claim").id;
    h.key_press(Key::A);
    h.run();
    let s = h.state().session().unwrap();
    assert_eq!(s.annotations().claims.get(first).unwrap().status, Status::Accepted);
    assert_eq!(s.annotations().counts(), entities_before, "entities untouched");
    settle(&mut h);
    let ron = saved(dir.path());
    assert!(ron.lines().any(|l| l.contains("cue: Some") && l.contains("status: Accepted")), "{ron}");

    // W opens the claimant picker; Enter takes the nearest person or organisation; undo puts it back.
    h.key_press(Key::OpenBracket);
    h.run();
    let claim = h.state().session().unwrap().current_claim().unwrap().clone();
    h.key_press(Key::W);
    h.run();
    h.get_by_label_contains("Who makes this claim?");
    h.key_press(Key::Enter);
    h.run();
    let after = h.state().session().unwrap().current_claim().unwrap().clone();
    let who = after.claimant.clone().expect("a claimant was set");
    assert!(who.entity.is_some(), "the claimant is linked to an entity span");
    assert_eq!(after.status, Status::Accepted);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().session().unwrap().current_claim().unwrap().claimant, claim.claimant);

    // Select what is claimed with the mouse, press C: a claim by hand, then Esc closes the picker.
    let text = h.state().session().unwrap().doc().text().to_string();
    let start = text.find("20,000").unwrap();
    let end = text.find(" according").unwrap() - 1;
    drag_select(&mut h, start, end - 1);
    h.key_press(Key::C);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let s = h.state().session().unwrap();
    let made = s.current_claim().expect("the new claim is current");
    assert_eq!(&text[made.content.clone()], "20,000 civilians left Syria");
    assert!(matches!(made.origin, marginalia::annotation::Origin::Human { .. }));

    // Shift+C hides the layer.
    assert!(h.state().settings.show_claims);
    h.key_press_modifiers(Modifiers::SHIFT, Key::C);
    h.run();
    assert!(!h.state().settings.show_claims);
}

#[test]
fn a_decision_on_a_claim_is_learned_and_the_claims_refreshed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = learning_harness();
    open(&mut h, &article(dir.path(), QUOTES));
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::X);
    h.run();
    wait_until(&mut h, "learning claims", |app| app.status().is_some_and(|m| m.starts_with("Learned claims from 1 ")));
    let s = h.state().session().unwrap();
    assert_eq!(s.annotations().claims.all().iter().filter(|c| c.status == Status::Rejected).count(), 1);
}
