//! Getting around the article from the keyboard, driven headless: Page Down, Space, End, Home and the
//! arrows scroll it without touching the annotations; the queue by score visits the suggestion the
//! engines are least sure of first; labels past the ninth have keys too.

use eframe::egui::{Event, Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::annotation::Hotkey;
use marginalia::app::App;
use marginalia::command::Command;
use marginalia::session::Edit;
use support::*;

mod support;

/// An article long enough to scroll: the test article's paragraphs many times over, then a last one.
fn long_article() -> String {
    let mut text = ARTICLE.repeat(30);
    text.push_str("At the end, Geneva.\n");
    text
}

/// Where the last paragraph's `Geneva` is drawn (its top), if it is laid out.
fn geneva_top(h: &Harness<'static, App>) -> Option<f32> {
    let s = h.state().session()?;
    let at = s.doc().text().rfind("Geneva")?;
    h.state().article_rects(&(at..at + 6)).first().map(|r| r.top())
}

/// The article's first word, on screen.
fn first_top(h: &Harness<'static, App>) -> f32 {
    h.state().article_rects(&(0..2)).first().map(|r| r.top()).unwrap_or(f32::NAN)
}

#[test]
fn page_down_space_end_home_and_the_arrows_scroll_the_article_and_change_no_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), &long_article()));
    settle(&mut h);
    let (file, annotations) = (saved(dir.path()), h.state().session().unwrap().annotations().clone());
    let current = h.state().session().unwrap().current_id();
    let top = first_top(&h);

    h.key_press(Key::PageDown);
    h.run();
    let paged = first_top(&h);
    assert!(paged < top - 200.0, "Page Down moves the text up by about a page: {top} → {paged}");
    h.key_press(Key::Space);
    h.run();
    assert!(first_top(&h) < paged - 200.0, "Space is a page too");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Space);
    h.run();
    assert!((first_top(&h) - paged).abs() < 1.0, "Shift+Space goes back a page");
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(first_top(&h) < paged - 10.0 && first_top(&h) > paged - 200.0, "↓ scrolls a few lines");
    h.key_press(Key::ArrowUp);
    h.run();
    assert!((first_top(&h) - paged).abs() < 1.0, "↑ scrolls them back");

    let bottom = h.state().session().unwrap().doc().text().len();
    let screen = h.ctx.content_rect();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    h.run();
    let end = geneva_top(&h).expect("the end is laid out");
    assert!(screen.contains(eframe::egui::pos2(screen.center().x, end)), "Ctrl+End shows the last line");
    h.key_press(Key::Home);
    h.run();
    assert!((first_top(&h) - top).abs() < 1.0, "Home goes back to the top");
    h.key_press(Key::End);
    h.run();
    assert!(geneva_top(&h).is_some_and(|y| y < screen.bottom()), "End shows the end ({bottom} bytes)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    h.run();
    assert!((first_top(&h) - top).abs() < 1.0, "Ctrl+Home goes back to the top");

    settle(&mut h);
    let s = h.state().session().unwrap();
    assert_eq!((s.annotations(), s.current_id()), (&annotations, current), "scrolling decides nothing");
    assert_eq!(saved(dir.path()), file);
}

#[test]
fn with_the_queue_by_score_tab_visits_the_lowest_scored_suggestion_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    assert_eq!(current_text(&h), "US", "reading order by default");
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Lowest score first").click();
    h.run();
    assert!(h.state().settings.queue_order == marginalia::session::QueueOrder::LowestScore, "remembered");
    assert_eq!(current_text(&h), "Sunday", "the least sure suggestion (0.3) comes first");
    h.key_press(Key::Escape);
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(current_text(&h), "Reuters", "then 0.5");
    h.key_press(Key::A);
    h.run();
    assert_eq!(current_text(&h), "US", "accept moves on to the 0.9 ones, in reading order");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(current_text(&h), "Sunday", "Shift+Tab goes back over the decided one");
}

/// The label of the span over exactly `words` (the first occurrence), if any.
fn label_of(h: &Harness<'static, App>, words: &str) -> Option<String> {
    let s = h.state().session()?;
    let at = s.doc().text().find(words)?;
    let span = s.annotations().spans().iter().find(|sp| sp.range == (at..at + words.len()))?;
    Some(span.label.clone())
}

/// Selects `words` (the first occurrence) with the mouse.
fn select(h: &mut Harness<'static, App>, words: &str) {
    let at = h.state().session().unwrap().doc().text().find(words).unwrap();
    drag_select(h, at, at + words.len() - 1);
}

/// Types `key` in the key field of `label` in the labels editor, over what was there, then Enter.
fn type_key(h: &mut Harness<'static, App>, label: &str, key: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, label).type_text(key);
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn a_twelve_label_set_has_shift_keys_and_a_letter_the_analyst_picks_unless_a_shortcut_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    let mut labels = h.state().session().unwrap().labels().clone();
    for name in ["weapon", "vehicle", "event", "law", "title", "group"] {
        labels.add(name);
    }
    h.state_mut().send(Command::Edit(Edit::SetLabels(labels)));
    h.run();
    let eleventh = h.state().session().unwrap().labels().iter().nth(10).unwrap().clone();
    assert_eq!((eleventh.name.as_str(), eleventh.hotkey), ("TITLE", Some(Hotkey::shifted('2'))));

    select(&mut h, "forces");
    h.get_by_label("TITLE Shift+2");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Num2);
    h.run();
    assert_eq!(label_of(&h, "forces").as_deref(), Some("TITLE"), "Shift+2 labels the selection");

    // On a real US keyboard Shift+1 types `!`: the label key is read by where the key is.
    select(&mut h, "civilians");
    h.event(Event::Key {
        key: Key::Exclamationmark,
        physical_key: Some(Key::Num1),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::SHIFT,
    });
    h.run();
    let tenth = h.state().session().unwrap().labels().iter().nth(9).unwrap().name.clone();
    assert_eq!(label_of(&h, "civilians"), Some(tenth), "Shift+1 gives the tenth label, whatever it types");

    // A letter the analyst picks in the labels editor.
    h.get_by_label("Edit…").click();
    h.run();
    let add = h.get_by_label("Add").rect();
    type_key(&mut h, "GROUP", "a");
    h.get_by_label_contains("A is the key of Edit > Accept");
    assert_eq!(h.get_by_label("Add").rect(), add, "the refusal moves no button");
    assert_eq!(h.state().session().unwrap().labels().get("GROUP").unwrap().hotkey, Some(Hotkey::shifted('3')));

    type_key(&mut h, "GROUP", "g");
    assert_eq!(h.state().session().unwrap().labels().get("GROUP").unwrap().hotkey, Some(Hotkey::plain('G')));
    assert!(h.query_by_label_contains("is the key of").is_none(), "the refusal goes");
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("G GROUP");

    select(&mut h, "spokesman");
    h.get_by_label("GROUP G");
    h.key_press(Key::G);
    h.run();
    assert_eq!(label_of(&h, "spokesman").as_deref(), Some("GROUP"), "the letter labels the selection");
    settle(&mut h);
    assert!(saved(dir.path()).contains("hotkey: Some(\"Shift+2\")"), "saved as written");
}

#[test]
fn the_side_list_filters_by_label_and_a_long_label_does_not_widen_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), ARTICLE));
    let left = h.get_by_label("Review").rect().left();
    let mut labels = h.state().session().unwrap().labels().clone();
    labels.add("a label with a very long name that would not fit in any side panel");
    h.state_mut().send(Command::Edit(Edit::SetLabels(labels)));
    h.run();
    select(&mut h, "forces");
    h.key_press(Key::Num7);
    h.run();
    assert!(label_of(&h, "forces").is_some_and(|l| l.starts_with("A LABEL WITH")));
    assert_eq!(h.get_by_label("Review").rect().left(), left, "the panel keeps its width");

    assert!(h.query_by_label("Reuters").is_some() && h.query_all_by_label("Syria").count() == 2);
    let show_all = h.get_by_label("Show all").rect();
    h.get_by_label("Only the spans of this label").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "ORG").click();
    h.run();
    assert!(h.query_by_label("Reuters").is_some(), "the ORG rows stay");
    assert_eq!(h.query_all_by_label("Syria").count(), 0, "the LOC rows go");
    let all = h.state().session().unwrap().annotations().spans().len();
    h.get_by_label_contains(&format!("of {all} shown"));
    assert_eq!(h.get_by_label("Show all").rect(), show_all, "the button stays where it was");
    h.get_by_label("Show all").click();
    h.run();
    assert_eq!(h.query_all_by_label("Syria").count(), 2);
    let s = h.state().session().unwrap();
    assert_eq!(s.annotations().counts().accepted, 1, "filtering the list decides nothing");
}

/// A label set from elsewhere (edited by hand) whose key a shortcut has: the window says so on
/// opening, since that key accepts, not labels.
#[test]
fn a_label_key_a_shortcut_has_is_named_when_the_document_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), ARTICLE);
    let mut h = harness();
    open(&mut h, &path);
    settle(&mut h);
    drop(h);
    let file = dir.path().join("report.txt.ann.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("hotkey: Some('1')"), "{text}");
    std::fs::write(&file, text.replace("hotkey: Some('1')", "hotkey: Some('A')")).unwrap();

    let mut h = harness();
    open(&mut h, &path);
    let notice = h.state().notice().unwrap_or_default().to_string();
    assert!(notice.contains("PERSON’s key A is Edit > Accept’s"), "{notice}");
}
