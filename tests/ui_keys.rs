//! The keyboard in the window, driven headless: keys go to what is on top — a dialog, the claimant
//! picker, the selection's label popup — and the article does not act behind it; Ctrl shortcuts
//! still work while a text field has the keyboard; Esc closes the window on top; the Help window
//! lists the command table's keys and the label set's hotkeys.

use eframe::egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::annotation::Counts;
use marginalia::app::App;
use marginalia::command::keys::Writing;
use marginalia::command::{Action, Command};
use support::*;

mod support;

fn counts(h: &Harness<'static, App>) -> Counts {
    h.state().session().unwrap().annotations().counts()
}

#[test]
fn a_key_behind_the_export_window_changes_nothing_until_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    settle(&mut h);
    let (file, before, current) = (saved(dir.path()), counts(&h), current_text(&h));

    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Only documents marked done");
    for key in [Key::A, Key::X, Key::Enter, Key::Delete, Key::Num2, Key::CloseBracket] {
        h.key_press(key);
    }
    h.run();
    settle(&mut h);
    pass(&mut h, 1.0);
    assert_eq!(saved(dir.path()), file, "A behind the export window changes nothing in the saved file");
    assert_eq!((counts(&h), current_text(&h)), (before, current));

    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Only documents marked done").is_none(), "Esc closes the window on top");
    h.key_press(Key::A);
    h.run();
    assert_eq!(counts(&h).accepted, before.accepted + 1, "with nothing on top, A accepts");
}

#[test]
fn enter_in_the_claimant_picker_chooses_there_even_when_its_filter_lost_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), QUOTES));
    h.key_press(Key::CloseBracket);
    h.run();
    let claim = h.state().session().unwrap().current_claim().expect("a current claim").clone();
    let entities = counts(&h);
    h.key_press(Key::W);
    h.run();
    // A click elsewhere in the picker takes the keyboard from its filter field.
    h.get_by_label_contains("Up and Down to choose").click();
    h.run();
    assert!(!h.get_by_role(Role::TextInput).is_focused(), "the filter lost the keyboard");
    h.get_by_label_contains("Who makes this claim?");

    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("Who makes this claim?").is_none(), "Enter chose in the picker");
    let s = h.state().session().unwrap();
    let after = s.current_claim().expect("still a current claim");
    assert_eq!(after.id, claim.id, "the article did not accept and move on behind the picker");
    assert!(after.claimant.is_some(), "the picker's first candidate is the claimant");
    assert_eq!(counts(&h), entities, "entities untouched");
}

#[test]
fn ctrl_z_undoes_while_the_labels_editor_field_has_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.key_press(Key::A);
    h.run();
    assert_eq!(counts(&h).accepted, 1);
    h.get_by_label("Edit…").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "New label:").click();
    h.run();
    assert!(h.get_by_role_and_label(Role::TextInput, "New label:").is_focused());

    h.key_press(Key::A); // the field's, not an accept
    h.run();
    assert_eq!(counts(&h).accepted, 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(counts(&h).accepted, 0, "Ctrl+Z undid the accept");
    assert!(h.get_by_role_and_label(Role::TextInput, "New label:").is_focused(), "the field keeps the keyboard");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    // Saved now, or by itself a moment before: either way Ctrl+S ran (nothing else says these).
    let said = h.state().status();
    assert!(matches!(said, Some("Saved" | "Everything is saved")), "Ctrl+S works in the field: {said:?}");
    assert!(!saved(dir.path()).contains("status: Accepted"));
}

#[test]
fn the_selections_label_popup_takes_the_keys_before_the_current_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    let (before, current) = (counts(&h), current_text(&h));
    let text = h.state().session().unwrap().doc().text().to_string();
    let start = text.find("civilians").unwrap();
    drag_select(&mut h, start + 1, start + 4);
    h.get_by_label_contains("Label as:");
    for key in [Key::A, Key::Tab, Key::X] {
        h.key_press(key);
    }
    h.run();
    assert_eq!((counts(&h), current_text(&h)), (before, current), "the current item is left alone");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("Label as:").is_none(), "Esc clears the selection");
    h.key_press(Key::A);
    h.run();
    assert_eq!(counts(&h).accepted, before.accepted + 1);
}

#[test]
fn esc_closes_the_window_opened_last_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.state_mut().send(Command::ShowShortcuts);
    h.run();
    h.get_by_label("Keyboard shortcuts");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_none(), "the help, opened last, closes first");
    h.get_by_label("Only documents marked done");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Only documents marked done").is_none());
}

#[test]
fn the_help_window_lists_every_key_of_the_table_and_the_label_hotkeys() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label(Action::Shortcuts.label()).click();
    h.run();
    let writing = Writing::of(&h.ctx);
    for &action in Action::ALL.iter().filter(|a| !a.shortcuts().is_empty()) {
        assert!(
            h.query_all_by_label(&action.all_shortcuts_text(writing)).next().is_some(),
            "{action:?}'s keys are listed"
        );
    }
    h.get_by_label("Ctrl+Shift+Z  or  Ctrl+Y");
    h.get_by_label("]");
    h.get_by_label("Ctrl+=  or  Ctrl++");
    let labels = h.state().session().unwrap().labels().clone();
    for label in labels.iter() {
        let key = label.hotkey.expect("the default labels have hotkeys");
        h.get_by_label(&key.to_string());
        h.get_by_label_contains(&format!("{}: relabel", label.name));
    }
}
