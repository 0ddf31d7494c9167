//! The window, driven headless from the keyboard and mouse with egui_kittest, checking what ends up
//! in the session and in the RON file on disk: one document — opening it, walking and deciding its
//! suggestions, labelling by hand, saving, resuming.

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::annotation::Status;
use marginalia::command::Command;
use std::path::Path;
use support::*;

mod support;
#[test]
fn opens_a_document_by_path_with_suggestions_and_a_side_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    let s = h.state().session().unwrap();
    assert!(s.annotations().counts().pending >= 5, "{:?}", s.annotations().counts());
    assert_eq!(current_text(&h), "US", "the first suggestion is current");
    h.get_by_label_contains("pending · ");
    h.get_by_label("Article text");
    assert!(h.state().title().contains("report.txt"));
}

#[test]
fn keyboard_walk_accept_reject_relabel_undo_redo_and_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    settle(&mut h);
    assert!(saved(dir.path()).contains("Pending"), "suggestions are saved by themselves");

    h.key_press(Key::A); // accept US
    h.run();
    assert_eq!(current_text(&h), "Syrian");
    h.key_press(Key::X); // reject Syrian
    h.run();
    h.key_press(Key::J); // skip one
    h.key_press(Key::K); // and back
    h.run();
    let cur = current_text(&h);
    h.key_press(Key::Num2); // relabel → ORG
    h.step();
    {
        let s = h.state().session().unwrap();
        let c = s.current().unwrap();
        assert_eq!(
            (c.label.as_str(), c.status, &s.doc().text()[c.range.clone()]),
            ("ORG", Status::Accepted, cur.as_str())
        );
        assert!(h.state().title().starts_with('●'), "the title shows unsaved changes");
    }
    settle(&mut h);
    assert!(!h.state().title().starts_with('●'));
    let ron = saved(dir.path());
    assert_eq!(ron.matches("status: Accepted").count(), 2, "{ron}");
    assert_eq!(ron.matches("status: Rejected").count(), 1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().session().unwrap().annotations().counts().accepted, 1);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    settle(&mut h);
    let ron = saved(dir.path());
    assert_eq!(ron.matches("status: Accepted").count(), 1, "{ron}");
    assert_eq!(ron.matches("status: Rejected").count(), 1);

    // Tab / Shift+Tab move between pending items; Alt+Shift+→ grows the current span by a token.
    h.key_press(Key::Tab);
    h.run();
    let before = current_text(&h);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(current_text(&h), before);
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert!(
        current_text(&h).starts_with(&before) && current_text(&h).len() > before.len(),
        "{} vs {before}",
        current_text(&h)
    );
}

#[test]
fn dragging_across_words_snaps_to_tokens_and_a_hotkey_labels_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    let text = h.state().session().unwrap().doc().text().to_string();
    let start = text.find("civilians").unwrap();
    let end = text.find(" left").unwrap();
    // From the middle of "civilians" to the middle of "left".
    drag_select(&mut h, start + 3, end + 2);
    h.get_by_label_contains("Label as:");
    h.key_press(Key::Num3); // LOC's hotkey
    h.run();
    let s = h.state().session().unwrap();
    let made = s
        .annotations()
        .spans()
        .iter()
        .find(|x| &text[x.range.clone()] == "civilians left")
        .expect("a span over whole tokens");
    assert_eq!((made.label.as_str(), made.status), ("LOC", Status::Accepted));
    settle(&mut h);
    assert!(saved(dir.path()).contains("text: \"civilians left\""));

    // A click on a suggestion makes it current.
    let reuters = text.find("Reuters").unwrap();
    let r = h.state().article_rects(&(reuters..reuters + 7))[0].center();
    h.drag_at(r);
    h.drop_at(r);
    h.run();
    assert_eq!(current_text(&h), "Reuters");
}

#[test]
fn a_restart_resumes_exactly_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), ARTICLE);
    let mut h = harness();
    open(&mut h, &path);
    h.key_press(Key::A);
    h.key_press(Key::X);
    h.run();
    settle(&mut h);
    let counts = h.state().session().unwrap().annotations().counts();
    let file = saved(dir.path());
    drop(h);

    let mut h = harness();
    open(&mut h, &path);
    assert_eq!(h.state().session().unwrap().annotations().counts(), counts);
    settle(&mut h);
    assert_eq!(saved(dir.path()), file, "resuming changes nothing on disk");
}

#[test]
fn a_broken_annotation_file_is_reported_and_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), ARTICLE);
    let broken = "(\n    format: \"marginalia-annotations\",\n    version: 1,\n    source: (path: None, sha256: \"x\"),\n    labels: [\n";
    std::fs::write(dir.path().join("report.txt.ann.ron"), broken).unwrap();
    let mut h = harness();
    h.state_mut().send(Command::Open(path));
    h.run();
    settle(&mut h);
    let err = h.state().error().expect("an error box");
    assert!(err.message.contains("line 5"), "{}", err.message);
    h.get_by_label_contains("left exactly as it is");
    assert!(h.state().session().is_none());
    assert_eq!(saved(dir.path()), broken);
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().error().is_none(), "Enter dismisses the message");
}

#[test]
fn bad_articles_get_a_clear_message_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty"),
        ("binary.txt", &[0, 159, 146, 150, 0, 1, 2, 3, 0, 0], "binary"),
        ("latin1.txt", b"caf\xe9 au lait", "UTF-8"),
        ("paper.txt", b"%PDF-1.4\n%...", "PDF"),
    ];
    let mut h = harness();
    for (name, bytes, expected) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        h.state_mut().send(Command::Open(p.clone()));
        h.run();
        let err = h.state().error().unwrap_or_else(|| panic!("{name} gives an error"));
        assert!(err.message.contains(expected), "{name}: {}", err.message);
        h.state_mut().send(Command::Close(marginalia::command::Overlay::Error));
        h.run();
        assert!(!Path::new(&format!("{}.ann.ron", p.display())).exists(), "nothing written for {name}");
    }
}

#[test]
fn a_folder_that_goes_away_keeps_the_work_and_offers_save_as() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("stick");
    std::fs::create_dir(&folder).unwrap();
    let path = article(&folder, ARTICLE);
    let mut h = harness();
    open(&mut h, &path);
    settle(&mut h);

    // Save As into a folder that does not exist: said so, and the document stays where it was.
    h.state_mut().send(Command::SaveAs(dir.path().join("missing").join("x.ann.ron")));
    h.run();
    assert!(h.state().error().is_some_and(|e| e.title.contains("Could not save to")));
    assert_eq!(h.state().session().unwrap().save_path.as_deref(), Some(folder.join("report.txt.ann.ron").as_path()));
    h.state_mut().send(Command::Close(marginalia::command::Overlay::Error));
    h.run();

    // The folder goes away (a USB stick pulled out): the next change cannot be saved, and the
    // window says the work is kept in memory and offers another place.
    std::fs::remove_dir_all(&folder).unwrap();
    h.key_press(Key::A);
    h.step();
    wait_until(&mut h, "the failed save", |app| app.save_error().is_some());
    pass(&mut h, 1.0);
    h.get_by_label_contains("kept in memory");
    h.get_by_label("Save annotations as…");
    let elsewhere = dir.path().join("elsewhere.ann.ron");
    h.state_mut().send(Command::SaveAs(elsewhere.clone()));
    h.run();
    assert!(h.state().save_error().is_none());
    assert!(std::fs::read_to_string(&elsewhere).unwrap().contains("status: Accepted"));
}

#[test]
fn file_open_without_a_dialog_shows_a_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), ARTICLE);
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.state().prompt().is_some());
    h.get_by_label("Path:");
    h.get_by_role(eframe::egui::Role::TextInput).type_text(&path.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    wait_for_suggestions(&mut h);
    assert!(h.state().session().is_some());
}

#[test]
fn reopening_a_file_returns_to_the_item_you_were_on() {
    let dir = tempfile::tempdir().unwrap();
    let a = article(dir.path(), ARTICLE);
    let b = dir.path().join("other.txt");
    std::fs::write(&b, "Syria and Turkey met in Geneva.").unwrap();
    let mut h = harness();
    open(&mut h, &a);
    for _ in 0..3 {
        h.key_press(Key::Tab);
    }
    h.run();
    let here = current_text(&h);
    assert_ne!(here, "US");
    open(&mut h, &b);
    assert_eq!(current_text(&h), "Syria");
    open(&mut h, &a);
    assert_eq!(current_text(&h), here);
}

#[test]
fn the_label_editor_adds_a_label_with_the_next_hotkey_and_undo_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.get_by_label("Edit…").click();
    h.run();
    h.get_by_role_and_label(eframe::egui::Role::TextInput, "New label:").click();
    h.run();
    h.get_by_role_and_label(eframe::egui::Role::TextInput, "New label:").type_text("weapon");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    let labels = h.state().session().unwrap().labels().clone();
    assert_eq!(labels.get("WEAPON").and_then(|l| l.hotkey), Some(marginalia::annotation::Hotkey::plain('7')));
    settle(&mut h);
    assert!(saved(dir.path()).contains("name: \"WEAPON\""));
    // The new hotkey labels the current span.
    h.key_press(Key::Escape);
    h.state_mut().send(Command::Edit(marginalia::session::Edit::Relabel("WEAPON".into())));
    h.run();
    assert_eq!(h.state().session().unwrap().current().unwrap().label, "WEAPON");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().session().unwrap().labels().contains("WEAPON"));
}

#[test]
fn a_new_label_given_by_hand_is_learned_and_suggested_elsewhere_in_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Rebels fired a Kalashnikov at the convoy.\n\nThe army said the Kalashnikov was found near the road.\n";
    let mut h = learning_harness();
    open(&mut h, &article(dir.path(), text));
    let mut labels = h.state().session().unwrap().labels().clone();
    labels.add("WEAPON");
    h.state_mut().send(Command::Edit(marginalia::session::Edit::SetLabels(labels)));
    h.run();
    let first = text.find("Kalashnikov").unwrap();
    h.state_mut()
        .send(Command::Edit(marginalia::session::Edit::Create { range: first..first + 11, label: "WEAPON".into() }));
    h.run();
    wait_for_learning(&mut h);
    let second = text.rfind("Kalashnikov").unwrap();
    let s = h.state().session().unwrap();
    let suggested = s
        .annotations()
        .spans()
        .iter()
        .find(|x| x.range == (second..second + 11))
        .expect("the other mention is suggested");
    assert_eq!((suggested.label.as_str(), suggested.status), ("WEAPON", Status::Pending));
    assert!(suggested.provenance().starts_with("ner/"), "{}", suggested.provenance());
    // The learned model is kept with the folder (written when the app closes at the latest)…
    drop(h);
    let learned = dir.path().join(".marginalia/learned-model.mgner");
    assert!(learned.exists());
    // …and Edit > Reset learned suggestions forgets it.
    let mut h = learning_harness();
    open(&mut h, &dir.path().join("report.txt"));
    h.state_mut().send(Command::ResetLearnedModel);
    wait_until(&mut h, "the reset", |app| app.status().is_some_and(|m| m.contains("reset")));
    assert!(!learned.exists());
}
