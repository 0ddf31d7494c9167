//! The window at the sizes analysts have, driven headless: at 900×600 the article keeps most of the
//! width and the keyboard help fits (it scrolls); Esc closes an open menu and nothing else, and a
//! window opened by a key closes the menu; the first-run hint names the keys that matter until the
//! first decision; right-to-left paragraphs sit at the right; the export report names the dialog's
//! checkboxes, not the command line's options.

use eframe::egui::{Key, MissingGlyphPolicy, Modifiers, Rect, Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::app::App;
use marginalia::command::keys::Writing;
use marginalia::command::{Action, Command};
use std::path::Path;
use support::*;

mod support;

/// A paragraph long enough to wrap on any window.
const LONG: &str = "US-backed Syrian forces say Mustafa Bali, a SDF spokesman, spoke in Syria on Sunday about the \
    offensive, the camps in the north-east and the twenty thousand civilians who left the towns along the \
    river, according to Reuters and to the local council, which counted them for a week.\n\nBali said 20,000 \
    civilians left Syria, according to Reuters.\n";

/// A folder of three articles; the window opens it at `size`.
fn folder_at(size: Vec2) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(dir.path().join(name), LONG).unwrap();
    }
    let mut h = harness();
    h.set_size(size);
    h.state_mut().send(Command::Open(dir.path().to_path_buf()));
    h.step();
    wait_until(&mut h, "the first document", |app| app.session().is_some() && !app.is_suggesting());
    h.run();
    (dir, h)
}

/// Where the whole text of the article is on screen.
fn article_extent(h: &Harness<'static, App>) -> Rect {
    let len = h.state().session().unwrap().doc().text().len();
    h.state().article_rects(&(0..len)).into_iter().reduce(|a, b| a.union(b)).expect("the article is on screen")
}

#[test]
fn at_900_by_600_the_article_keeps_most_of_the_width_beside_the_folder_list_and_the_side_panel() {
    let (_dir, h) = folder_at(Vec2::new(900.0, 600.0));
    h.get_by_label("b.txt");
    h.get_by_label_contains("Entities");
    let text = article_extent(&h);
    assert!(text.width() > 450.0, "the article's text is {} of 900 points wide", text.width());
    assert!(text.left() > 150.0 && text.right() < 750.0, "the panels are still there: {text:?}");
}

#[test]
fn at_1400_by_900_the_panels_keep_their_widths() {
    let (_dir, h) = folder_at(Vec2::new(1400.0, 900.0));
    let text = article_extent(&h);
    // The folder list 290 points wide, the side panel 340, as they always were (the article's text
    // sits 40 points inside its column; its right edge is ragged).
    assert!((325.0..335.0).contains(&text.left()), "{text:?}");
    assert!((980.0..1021.0).contains(&text.right()), "{text:?}");
}

#[test]
fn a_window_made_narrow_then_wide_again_gets_its_panels_back() {
    let (_dir, mut h) = folder_at(Vec2::new(1400.0, 900.0));
    let wide = article_extent(&h);
    h.set_size(Vec2::new(900.0, 600.0));
    h.run();
    assert!(article_extent(&h).width() > 450.0, "{:?}", article_extent(&h));
    h.set_size(Vec2::new(1400.0, 900.0));
    h.run();
    assert_eq!(article_extent(&h), wide, "the panels are as wide as before");
}

#[test]
fn the_keyboard_help_fits_a_900_by_600_window_and_scrolls_to_its_last_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.set_size(Vec2::new(900.0, 600.0));
    open(&mut h, &article(dir.path(), ARTICLE));
    h.state_mut().send(Command::ShowShortcuts);
    h.run();
    let screen = Rect::from_min_size(eframe::egui::Pos2::ZERO, Vec2::new(900.0, 600.0));
    let title = h.get_by_label(Action::Shortcuts.label()).rect();
    assert!(screen.contains_rect(title), "the title bar is on screen: {title:?}");
    let undo = Action::Undo.all_shortcuts_text(Writing { mac: false, arrows: false });
    assert!(screen.contains_rect(h.get_by_label(&undo).rect()), "{undo} is written as people write it");
    let last = h.get_by_label("Right-click");
    last.scroll_to_me();
    h.run();
    let last = h.get_by_label("Right-click").rect();
    assert!(screen.contains_rect(last), "the last row is reached by scrolling: {last:?}");
}

fn menu_open(h: &Harness<'static, App>) -> bool {
    // Only the File menu has it (the keyboard help lists the menus' actions too).
    h.query_by_label("Recent files").is_some()
}

#[test]
fn esc_closes_an_open_menu_and_nothing_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.state_mut().send(Command::ShowShortcuts);
    h.run();
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    assert!(menu_open(&h), "the File menu is open");

    h.key_press(Key::Escape);
    h.run();
    assert!(!menu_open(&h), "Esc closed the menu");
    h.get_by_label(Action::Shortcuts.label());

    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label(Action::Shortcuts.label()).is_none(), "a second Esc closes the window");
}

#[test]
fn a_window_opened_by_a_key_closes_the_open_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    assert!(menu_open(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Only documents marked done");
    assert!(!menu_open(&h), "no menu stays over the export dialog");
}

const HINT: &str = "The keys that matter";

/// The window as on a first run: the analyst has not decided anything yet.
fn new_analyst() -> Harness<'static, App> {
    let mut h = harness();
    h.state_mut().settings.knows_the_keys = false;
    h
}

fn open_another(h: &mut Harness<'static, App>, dir: &Path) {
    let p = dir.join("other.txt");
    std::fs::write(&p, ARTICLE).unwrap();
    open(h, &p);
}

#[test]
fn the_first_run_hint_names_the_five_keys_until_the_first_decision_in_any_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_analyst();
    assert!(h.query_by_label_contains(HINT).is_none(), "no hint on the welcome page");
    open(&mut h, &article(dir.path(), ARTICLE));
    h.get_by_label_contains(&format!(
        "{HINT}: Tab next pending, A accept, X reject, 1–9 give the current span a label, Ctrl+Z undo."
    ));
    h.key_press(Key::A);
    h.run();
    assert!(h.query_by_label_contains(HINT).is_none(), "the first decision retires the hint");
    assert!(h.state().settings.knows_the_keys, "remembered in the settings");
    open_another(&mut h, dir.path());
    assert!(h.query_by_label_contains(HINT).is_none(), "not in another document either");
}

#[test]
fn got_it_closes_the_first_run_hint_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_analyst();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.get_by_label("Got it").click();
    h.run();
    assert!(h.query_by_label_contains(HINT).is_none());
    open_another(&mut h, dir.path());
    assert!(h.query_by_label_contains(HINT).is_none());
    assert_eq!(h.state().session().unwrap().annotations().counts().accepted, 0, "nothing was decided");
}

#[test]
fn a_hebrew_paragraph_sits_at_the_right_and_its_words_are_selected_where_they_are_drawn() {
    let hebrew = "הכוחות הסוריים אמרו כי מוסטפה באלי דיבר.";
    let text = format!("{LONG}\n{hebrew}\n");
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    // egui's own fonts have no Hebrew (the window adds the system's): boxes take the letters' places.
    h.ctx.set_missing_glyph_policy(MissingGlyphPolicy::Tofu);
    open(&mut h, &article(dir.path(), &text));
    let english = h.state().article_rects(&(0..LONG.len())).into_iter().reduce(|a, b| a.union(b)).unwrap();
    let start = text.find(hebrew).unwrap();
    let rtl = h.state().article_rects(&(start..start + hebrew.len()));
    assert_eq!(rtl.len(), 1, "one row: {rtl:?}");
    assert!(rtl[0].left() > english.left() + 100.0, "not at the left: {rtl:?} beside {english:?}");
    assert!((rtl[0].right() - english.right()).abs() < 30.0, "at the right edge: {rtl:?} beside {english:?}");

    // The second word, selected with the mouse where it is drawn, and labelled.
    let word = hebrew.find("הסוריים").unwrap();
    let (a, b) = (start + word, start + word + "הסוריים".len());
    // (Hebrew letters are two bytes: support's drag_select takes one-byte characters.)
    let from = h.state().article_rects(&(a..a + 2))[0].center();
    let to = h.state().article_rects(&(b - 2..b))[0].center();
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
    h.key_press(Key::Num1);
    h.run();
    let s = h.state().session().unwrap();
    let labelled: Vec<&str> =
        s.annotations().spans().iter().filter(|x| x.range.start >= start).map(|x| &text[x.range.clone()]).collect();
    assert_eq!(labelled, ["הסוריים"]);
}

#[test]
fn the_export_report_in_the_window_names_the_dialog_s_checkbox_not_a_command_line_option() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    h.key_press(Key::X);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Export").click();
    h.step();
    wait_until(&mut h, "the export", |app| app.status().is_some_and(|s| s.starts_with("Exported")));
    h.run();
    h.get_by_label_contains("1 rejected suggestions (tick “Include rejected suggestions (as negative examples)”)");
    assert!(h.query_by_label_contains("--include-rejected").is_none(), "no command-line option in the window");
}

#[test]
fn esc_closes_a_span_s_context_menu_and_leaves_the_span_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    let s = h.state().session().unwrap();
    let (before, current) = (s.annotations().counts(), s.current().expect("a current span").range.clone());
    let at = h.state().article_rects(&current)[0].center();
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(eframe::egui::Event::PointerButton {
            pos: at,
            button: eframe::egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert!(h.query_by_label("Delete").is_some(), "the span's menu is open");

    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Delete").is_none(), "Esc closed the menu");
    let s = h.state().session().unwrap();
    assert_eq!((s.annotations().counts(), s.current().map(|c| c.range.clone())), (before, Some(current)));
}
