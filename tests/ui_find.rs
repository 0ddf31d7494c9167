//! Finding, driven headless as an analyst would: Ctrl+F and typing find curly apostrophes as
//! straight ones and change nothing; Enter walks the matches; *label every match* writes the spans
//! in one undoable step and skips what was decided; a folder's texts are searched and a hit opens its
//! document at the match.

use eframe::egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::annotation::{Annotations, Status};
use marginalia::app::App;
use marginalia::command::Command;
use marginalia::session::Edit;
use std::path::Path;
use support::*;

mod support;

/// The article's apostrophes are curly; the analyst types straight ones.
const CURLY: &str = "Syria’s army left the harbour on Sunday.\n\nBali said Syria’s allies stayed in the harbour. The harbour is quiet.\n";

fn annotations(h: &Harness<'static, App>) -> Annotations {
    h.state().session().unwrap().annotations().clone()
}

fn find(h: &mut Harness<'static, App>, query: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Find").type_text(query);
    h.run();
}

/// The saved spans of `label` on the word "harbour", with their status.
fn saved_harbours(path: &Path, label: &str) -> Vec<Status> {
    let loaded = marginalia::store::load(path).unwrap();
    let text = loaded.doc.text();
    let spans = loaded.annotations.spans().iter().filter(|s| s.label == label && &text[s.range.clone()] == "harbour");
    spans.map(|s| s.status).collect()
}

#[test]
fn ctrl_f_and_typing_find_curly_apostrophes_and_change_no_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), CURLY));
    settle(&mut h);
    let (file, before, current) = (saved(dir.path()), annotations(&h), current_text(&h));

    find(&mut h, "Syria's");
    h.get_by_label("1 of 2");
    // The article's keys do not act while the find bar's field has the keyboard.
    for key in [Key::A, Key::X, Key::Tab, Key::Num1, Key::Delete, Key::CloseBracket] {
        h.key_press(key);
    }
    h.run();
    let size = h.state().settings.font_size;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!(h.state().settings.font_size > size, "Ctrl shortcuts still work while typing there");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("2 of 2");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    h.get_by_label("1 of 2");
    h.key_press(Key::F3);
    h.run();
    h.get_by_label("2 of 2");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("2 of 2").is_none(), "Esc closes the find bar");

    settle(&mut h);
    pass(&mut h, 1.0);
    assert_eq!(saved(dir.path()), file, "finding changed nothing in the saved file");
    assert_eq!(annotations(&h), before, "finding changed no annotation");
    assert_eq!(current_text(&h), current);
    h.key_press(Key::A);
    h.run();
    assert_ne!(annotations(&h), before, "with the find bar closed, A accepts again");
}

#[test]
fn label_every_match_writes_the_spans_skips_decided_ones_and_one_undo_takes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    let path = article(dir.path(), CURLY);
    open(&mut h, &path);
    // The analyst labelled the second "harbour" already.
    let second = CURLY.match_indices("harbour").nth(1).map(|(at, w)| at..at + w.len()).unwrap();
    h.state_mut().send(Command::Edit(Edit::Create { range: second, label: "LOC".into() }));
    h.run();
    settle(&mut h);
    let ann = dir.path().join("report.txt.ann.ron");
    assert_eq!(saved_harbours(&ann, "LOC"), [Status::Accepted]);

    find(&mut h, "HARBOUR");
    h.get_by_label("1 of 3");
    h.get_by_label("Label every match as PERSON").click();
    h.run();
    let status = h.state().status().unwrap_or_default().to_string();
    assert_eq!(status, "Labelled 2 matches as PERSON; 1 skipped (already decided)");
    settle(&mut h);
    assert_eq!(saved_harbours(&ann, "PERSON"), [Status::Accepted; 2], "the new spans are saved");
    assert_eq!(saved_harbours(&ann, "LOC"), [Status::Accepted], "the decided one stays");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    settle(&mut h);
    assert!(saved_harbours(&ann, "PERSON").is_empty(), "one Ctrl+Z takes every new span back");
    assert_eq!(saved_harbours(&ann, "LOC"), [Status::Accepted]);

    // The button took the keyboard from the field: Esc still closes the bar, and changes nothing.
    let before = annotations(&h);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Label every match as PERSON").is_none(), "Esc closes the find bar");
    assert_eq!(annotations(&h), before);
}

#[test]
fn a_folder_search_finds_a_word_in_a_text_and_a_click_opens_the_document_at_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("b.txt"), CURLY).unwrap();
    std::fs::write(dir.path().join("c-a-very-long-name-of-a-document-about-the-strike-in-the-port.txt"), ARTICLE)
        .unwrap();
    let mut h = harness();
    h.state_mut().send(Command::Open(dir.path().to_path_buf()));
    h.step();
    wait_until(&mut h, "the first document", |app| app.session().is_some() && !app.is_suggesting());
    h.run();
    let open_name = |h: &Harness<'static, App>| {
        let path = h.state().session().and_then(|s| s.article_path.clone()).unwrap_or_default();
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    };
    assert_eq!(open_name(&h), "a.txt");

    h.key_press_modifiers(Modifiers { shift: true, ..Modifiers::COMMAND }, Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search").type_text("quiet");
    h.run();
    h.key_press(Key::Enter);
    h.step();
    wait_until(&mut h, "the folder search", |app| app.status().is_some_and(|s| s.contains("“quiet”")));
    h.run();
    assert_eq!(h.state().status(), Some("1 match(es) of “quiet” in 1 document(s)"));
    h.get_by_label("1 match(es) in 1 document(s)");
    h.get_by_label_contains("The harbour is quiet.").click();
    h.step();
    wait_for_suggestions(&mut h);
    assert_eq!(open_name(&h), "b.txt", "the hit opens its document");
    h.get_by_label("1 of 1");
    let quiet = CURLY.find("quiet").unwrap();
    let rects = h.state().article_rects(&(quiet..quiet + 5));
    assert!(!rects.is_empty(), "the match is laid out and shown");
}
