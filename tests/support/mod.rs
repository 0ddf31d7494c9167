//! Driving the window headless as an analyst would, shared by the UI test files: open a document,
//! wait for the background work (suggesting, learning, saving), select with the mouse.
#![allow(dead_code)] // each test file uses some of these

use eframe::egui::Vec2;
use egui_kittest::Harness;
use marginalia::app::settings::Settings;
use marginalia::app::{App, AppConfig};
use marginalia::command::Command;
use std::path::{Path, PathBuf};

/// An article of two paragraphs: people, organisations, places, a date, a number.
pub const ARTICLE: &str = "US-backed Syrian forces say Mustafa Bali, a SDF spokesman, spoke in Syria on Sunday.\n\nBali said 20,000 civilians left Syria, according to Reuters.\n";

/// Claims: a quote with its speaker, and reported speech.
pub const QUOTES: &str = "“We will stay until the job is done,” said Mustafa Bali, a SDF spokesman, in Syria.\n\nBali said 20,000 civilians left Syria, according to Reuters.\n";

pub mod stub;

/// The window with the stub engines ([`stub`]) and learning off, so that suggestions stay put while a
/// test walks them. The analyst knows the keys: no first-run hint (`tests/ui_layout.rs` brings it back).
pub fn harness() -> Harness<'static, App> {
    harness_of(stub::engines, Settings { learn: false, knows_the_keys: true, ..Settings::default() })
}

/// The window with the shipped engines, learning from every decision: for the tests of learning.
pub fn learning_harness() -> Harness<'static, App> {
    harness_of(marginalia::engines::Engines::shipped, Settings { knows_the_keys: true, ..Settings::default() })
}

/// The window of [`harness`], with `analyst` annotating (whose folder a team project's files go to),
/// whatever `$MARGINALIA_USER` says: the tests of one binary share the environment.
pub fn harness_as(analyst: &str) -> Harness<'static, App> {
    let settings = Settings { learn: false, knows_the_keys: true, ..Settings::default() };
    build(App::new(AppConfig { engines: stub::engines, analyst: analyst.to_string(), ..config() }, settings))
}

/// The window of [`learning_harness`], with `analyst` annotating.
pub fn learning_harness_as(analyst: &str) -> Harness<'static, App> {
    let settings = Settings { knows_the_keys: true, ..Settings::default() };
    let engines = marginalia::engines::Engines::shipped;
    build(App::new(AppConfig { engines, analyst: analyst.to_string(), ..config() }, settings))
}

fn config() -> AppConfig {
    AppConfig { autosave_after: 0.5, native_dialogs: false, ..AppConfig::default() }
}

fn harness_of(engines: marginalia::engines::EngineSet, settings: Settings) -> Harness<'static, App> {
    build(App::new(AppConfig { engines, ..config() }, settings))
}

fn build(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(Vec2::new(1100.0, 700.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// Writes `text` as `report.txt` in `dir`.
pub fn article(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("report.txt");
    std::fs::write(&p, text).unwrap();
    p
}

/// `analyst` opens `article` of their team project, rejects the shipped engines' first suggestion,
/// marks it done and saves: gives their file.
pub fn reject_first_and_finish(seat: &marginalia::team::Seat, article: &Path) -> PathBuf {
    let mut opened = marginalia::workspace::open_in(article, Some(seat)).unwrap();
    let found = marginalia::engines::Engines::shipped().0.entities(opened.session.doc());
    opened.session.add_suggestions(found);
    opened.session.apply(marginalia::session::Edit::Reject);
    opened.session.apply(marginalia::session::Edit::MarkDone(true));
    let s = &opened.session;
    let file = s.save_path.clone().unwrap();
    marginalia::store::save(&file, s.doc(), s.annotations(), Some(article)).unwrap();
    file
}

/// Opens a file and waits for the suggestions (computed in a background thread).
pub fn open(h: &mut Harness<'static, App>, path: &Path) {
    h.state_mut().send(Command::Open(path.to_path_buf()));
    wait_for_suggestions(h);
}

/// Steps the app until `done` holds, for up to a minute (background work loads models first, which
/// takes seconds in a debug build); panics saying `what` did not happen.
pub fn wait_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let started = std::time::Instant::now();
    while !done(h.state()) {
        assert!(started.elapsed().as_secs() < 60, "{what} did not happen; status: {:?}", h.state().status());
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
}

pub fn wait_for_suggestions(h: &mut Harness<'static, App>) {
    h.step();
    wait_until(h, "suggestions", |app| !app.is_suggesting());
    h.run();
}

/// Waits for the assistant to learn from an entity decision (it learns in the background).
pub fn wait_for_learning(h: &mut Harness<'static, App>) {
    wait_until(h, "learning", |app| {
        app.status().is_some_and(|m| m.starts_with("Learned from") && !m.starts_with("Learned from 0 "))
    });
}

pub fn current_text(h: &Harness<'static, App>) -> String {
    let s = h.state().session().unwrap();
    s.current().map(|c| s.doc().text()[c.range.clone()].to_string()).unwrap_or_default()
}

pub fn saved(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("report.txt.ann.ron")).unwrap_or_default()
}

/// Lets the autosave (0.5 s after a change, written in the background) happen: each step is a quarter
/// second of app time.
pub fn settle(h: &mut Harness<'static, App>) {
    h.step();
    wait_until(h, "the autosave", |app| !app.session().is_some_and(|s| s.is_dirty()) && !app.is_saving());
}

/// Steps the app through `seconds` of its own time (each step is a quarter second).
pub fn pass(h: &mut Harness<'static, App>, seconds: f32) {
    for _ in 0..(seconds * 4.0).ceil() as usize {
        h.step();
    }
}

/// Drags the mouse from the character at byte `from` to the one at byte `to`, as a hand would.
pub fn drag_select(h: &mut Harness<'static, App>, from: usize, to: usize) {
    let a = h.state().article_rects(&(from..from + 1))[0].center();
    let b = h.state().article_rects(&(to..to + 1))[0].center();
    h.drag_at(a);
    h.run();
    for i in 1..=5 {
        h.hover_at(a + (b - a) * (i as f32 / 5.0));
        h.run();
    }
    h.drop_at(b);
    h.run();
}
