//! The review view, driven headless as the reviewer rita: Documents > Review the analysts' versions
//! on ana's file merges ana's and ben's versions into the curated one and opens it; the side panel
//! shows each place waiting with who marked what; Alt+2 takes ben's version of a place (his
//! accepted, ana's rejected, saved by rita), one undo puts the place back, a click takes ana's, the
//! claims are reviewed the same way, and hiding the names hides them everywhere in the panel.

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::annotation::{Annotations, Claim, ClaimId, Claimant, Origin, Span, SpanId, Status, now};
use marginalia::command::{Action, Command};
use marginalia::doc::Document;
use marginalia::team::{Project, TeamConfig};
use std::path::Path;
use support::*;

mod support;

const TEXT: &str = "Mayor Ana Lima said prices fell in Porto and Lisbon.";

fn at(words: &str) -> std::ops::Range<usize> {
    let start = TEXT.find(words).expect("the words are in the text");
    start..start + words.len()
}

fn span(id: u64, words: &str, label: &str, by: &str) -> Span {
    Span {
        id: SpanId(id),
        range: at(words),
        label: label.into(),
        status: Status::Accepted,
        origin: Origin::Human { by: by.into() },
        created: now(),
        reviewed: Some(marginalia::annotation::Review { by: by.into(), at: now() }),
    }
}

fn claim(cue: Option<&str>, by: &str) -> Claim {
    Claim {
        id: ClaimId(10),
        content: at("prices fell in Porto and Lisbon"),
        pieces: Vec::new(),
        cue: cue.map(at),
        claimant: Some(Claimant { range: at("Ana Lima"), entity: Some(SpanId(1)) }),
        checkworthy: None,
        checkworthy_by_hand: None,
        status: Status::Accepted,
        origin: Origin::Human { by: by.into() },
        created: now(),
        reviewed: Some(marginalia::annotation::Review { by: by.into(), at: now() }),
    }
}

/// Writes `analyst`'s version of the report into their folder of `project`.
fn version(project: &Project, analyst: &str, spans: Vec<Span>, claim: Claim) -> std::path::PathBuf {
    let ann = Annotations::new(project.config.labels.clone(), spans).with_claims(vec![claim]);
    let file = project.analyst_file(analyst, "report.txt");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    marginalia::store::save(&file, &Document::new(TEXT.into()), &ann, None).unwrap();
    file
}

/// Both call Ana Lima a PERSON; ana says Porto is a LOC, ben an ORG; only ana marks Lisbon. Both
/// have the claim, ana with the cue "said", ben with none.
fn project(dir: &Path) -> (Project, std::path::PathBuf) {
    let config = TeamConfig { analysts: vec!["ana".into(), "ben".into()], ..Default::default() };
    let project = Project::init(&dir.join("news"), config).unwrap();
    let anas = version(
        &project,
        "ana",
        vec![span(1, "Ana Lima", "PERSON", "ana"), span(2, "Porto", "LOC", "ana"), span(3, "Lisbon", "LOC", "ana")],
        claim(Some("said"), "ana"),
    );
    version(
        &project,
        "ben",
        vec![span(1, "Ana Lima", "PERSON", "ben"), span(2, "Porto", "ORG", "ben")],
        claim(None, "ben"),
    );
    (project, anas)
}

fn status_of(h: &egui_kittest::Harness<'static, marginalia::app::App>, words: &str, label: &str) -> Option<Status> {
    let s = h.state().session().unwrap();
    s.annotations().spans().iter().find(|x| x.range == at(words) && x.label == label).map(|x| x.status)
}

fn saved_span(file: &Path, words: &str, label: &str) -> (Status, Option<String>) {
    let loaded = marginalia::store::load(file).unwrap();
    let s = loaded.annotations.spans().iter().find(|x| x.range == at(words) && x.label == label).cloned().unwrap();
    (s.status, s.reviewed.map(|r| r.by))
}

/// The reviewer reviews ana's document and, on the first place waiting (Porto), takes ben's ORG.
fn take_bens_porto(h: &mut egui_kittest::Harness<'static, marginalia::app::App>, anas: &Path) {
    h.state_mut().send(Command::Open(anas.to_path_buf()));
    h.step();
    h.state_mut().send(Command::ReviewDocument);
    h.run();
    h.state_mut().send(Command::Edit(marginalia::session::Edit::NextPending));
    h.run();
    assert_eq!(current_text(h), "Porto");
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
}

/// rita's window with ana's file of the report open (to read).
fn rita_with(anas: &Path) -> egui_kittest::Harness<'static, marginalia::app::App> {
    let mut h = harness_as("rita");
    h.state_mut().send(Command::Open(anas.to_path_buf()));
    h.step();
    h.run();
    h
}

#[test]
fn the_reviewer_sees_who_said_what_and_takes_a_version_per_place_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let (project, anas) = project(dir.path());
    let mut h = rita_with(&anas);
    assert!(h.state().session().is_some(), "ana's file opens (to read)");

    h.get_by_label("Documents").click();
    h.run();
    h.get_by_label(Action::ReviewDocument.label()).click();
    h.run();
    let curated = project.curated_file("report.txt");
    let open = h.state().session().unwrap().save_path.clone().unwrap();
    assert_eq!(
        std::path::absolute(&open).unwrap(),
        std::path::absolute(&curated).unwrap(),
        "the curated version opens"
    );
    let said = h.state().status().unwrap_or_default().to_string();
    assert!(said.starts_with("Reviewing report.txt (ana, ben): 1 agreed, 5 waiting"), "{said}");
    assert_eq!(status_of(&h, "Ana Lima", "PERSON"), Some(Status::Accepted), "what both marked is pre-accepted");

    // The panel: the analysts with their keys, the places waiting, who marked which item.
    h.get_by_label("Analysts' versions");
    h.get_by_label("Alt+1 ana");
    h.get_by_label("Alt+2 ben");
    h.get_by_label("3 places waiting · 1 decided");
    assert_eq!(h.query_all_by_label("Take ben's").count(), 3, "a button per waiting place");

    // Porto: the walk's first pending item is ana's LOC; Alt+2 takes ben's ORG there.
    h.state_mut().send(Command::Edit(marginalia::session::Edit::NextPending));
    h.run();
    assert_eq!(current_text(&h), "Porto");
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.run();
    assert_eq!(status_of(&h, "Porto", "ORG"), Some(Status::Accepted));
    assert_eq!(status_of(&h, "Porto", "LOC"), Some(Status::Rejected));
    assert_eq!(status_of(&h, "Lisbon", "LOC"), Some(Status::Pending), "the next place is left alone");
    assert_eq!(current_text(&h), "Lisbon", "the walk goes on to the next place waiting");
    assert!(h.state().status().unwrap_or_default().starts_with("Took ben's version of “Porto”"));
    settle(&mut h);
    assert_eq!(saved_span(&curated, "Porto", "ORG"), (Status::Accepted, Some("rita".into())));
    assert_eq!(saved_span(&curated, "Porto", "LOC"), (Status::Rejected, Some("rita".into())));

    // One undo puts the whole place back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status_of(&h, "Porto", "ORG"), Some(Status::Pending));
    assert_eq!(status_of(&h, "Porto", "LOC"), Some(Status::Pending));

    // A click takes ana's version of the first place waiting (Porto).
    h.query_all_by_label("Take ana's").next().unwrap().click();
    h.run();
    assert_eq!(status_of(&h, "Porto", "LOC"), Some(Status::Accepted));
    assert_eq!(status_of(&h, "Porto", "ORG"), Some(Status::Rejected));

    // Lisbon only ana marked: Alt+0 takes neither.
    h.state_mut().send(Command::Edit(marginalia::session::Edit::NextPending));
    h.run();
    assert_eq!(current_text(&h), "Lisbon");
    // Alt+0, on a layout where the digit keys type other characters (on a French keyboard, 4 types
    // an apostrophe): the key is read by where it is.
    h.event(eframe::egui::Event::Key {
        key: Key::Quote,
        physical_key: Some(Key::Num0),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::ALT,
    });
    h.run();
    assert_eq!(status_of(&h, "Lisbon", "LOC"), Some(Status::Rejected), "neither version");

    // The claims: ] goes to them; Alt+1 takes ana's (with the cue), ben's is rejected.
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::Num1);
    h.run();
    let s = h.state().session().unwrap();
    let claims = s.annotations().claims.all();
    let with_cue = claims.iter().find(|c| c.cue.is_some()).unwrap();
    let without = claims.iter().find(|c| c.cue.is_none()).unwrap();
    assert_eq!((with_cue.status, without.status), (Status::Accepted, Status::Rejected));
    h.get_by_label("0 places waiting · 4 decided");

    // Hidden names: analysts are numbers, and no name is left in the panel.
    h.get_by_label("Hide names").click();
    h.run();
    h.get_by_label("Alt+1 Analyst 1");
    assert!(h.query_by_label("Alt+1 ana").is_none());
    assert!(h.query_all_by_label_contains("ben").next().is_none(), "ben's name is hidden");
    assert!(h.state().settings.anonymous_review, "remembered");
}

#[test]
fn under_review_nothing_learns_and_no_suggestion_enters_the_curated_version() {
    let dir = tempfile::tempdir().unwrap();
    let (project, anas) = project(dir.path());
    let mut h = learning_harness_as("rita");
    take_bens_porto(&mut h, &anas);
    // Long enough for the shipped engines to load and learn in a debug build, were they asked to.
    let started = std::time::Instant::now();
    while started.elapsed().as_secs() < 6 {
        h.step();
        let said = h.state().status().unwrap_or_default().to_string();
        assert!(said.starts_with("Took ben's version"), "nothing learns from the reviewer's decision: {said}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.state_mut().send(Action::ResetLearned.command());
    h.run();
    pass(&mut h, 2.0);
    assert!(h.state().status().unwrap_or_default().starts_with("Not reset"), "{:?}", h.state().status());
    let merged = |s: &Span| matches!(&s.origin, Origin::Engine { engine, .. } if engine == "team merge");
    assert!(h.state().session().unwrap().annotations().spans().iter().all(merged), "only the analysts' items");
    assert!(!project.analyst_dir("rita").exists(), "the reviewer is no analyst: no folder of rita's");
}

#[test]
fn the_reviewer_exports_the_curated_versions_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let (_, anas) = project(dir.path());
    let out = dir.path().join("gold.jsonl");
    let mut h = harness_as("rita");
    take_bens_porto(&mut h, &anas);
    h.run();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("ana's annotations");
    h.get_by_label("ben's annotations");
    h.get_by_label_contains("The curated versions").click();
    h.state_mut().send(Command::SetExportPath(out.clone()));
    h.run();
    h.get_by_label("Export").click();
    h.step();
    wait_until(&mut h, "the export", |app| app.status().is_some_and(|s| s.starts_with("Exported")));
    let said = h.state().status().unwrap_or_default().to_string();
    assert!(said.starts_with("Exported from the curated versions to"), "{said}");
    let line = std::fs::read_to_string(&out).unwrap();
    let json: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    let spans: Vec<(u64, u64, &str)> = json["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap(), s["label"].as_str().unwrap()))
        .collect();
    // What both agree on, and what the reviewer took; Lisbon still waits and stays out.
    let cp = |words: &str| {
        let r = at(words);
        (TEXT[..r.start].chars().count() as u64, TEXT[..r.end].chars().count() as u64)
    };
    let (lima, porto) = (cp("Ana Lima"), cp("Porto"));
    assert_eq!(spans, [(lima.0, lima.1, "PERSON"), (porto.0, porto.1, "ORG")]);
}

#[test]
fn outside_a_curated_version_the_keys_say_where_review_happens() {
    let dir = tempfile::tempdir().unwrap();
    let (_, anas) = project(dir.path());
    let mut h = harness_as("ana");
    h.state_mut().send(Command::Open(anas));
    h.step();
    h.run();
    let before = h.state().session().unwrap().annotations().clone();
    h.key_press_modifiers(Modifiers::ALT, Key::Num1);
    h.run();
    let said = h.state().status().unwrap_or_default().to_string();
    assert!(said.contains(&Action::ReviewDocument.menu_path()), "{said}");
    assert_eq!(h.state().session().unwrap().annotations(), &before, "nothing changed");
}

#[test]
fn changes_in_an_analysts_file_open_to_read_neither_stop_the_review_nor_reach_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let (project, anas) = project(dir.path());
    let before = std::fs::read_to_string(&anas).unwrap();
    let mut h = rita_with(&anas);
    // rita changes something in ana's file, open to read, then reviews it.
    h.state_mut().send(Command::Edit(marginalia::session::Edit::MarkDone(true)));
    h.run();
    assert!(h.state().session().unwrap().is_dirty());
    h.state_mut().send(Command::ReviewDocument);
    h.run();
    let after = std::fs::read_to_string(&anas).unwrap();
    let open = h.state().session().unwrap().save_path.clone();
    assert!(
        open.is_some_and(|p| p.starts_with(project.root.join("curated"))),
        "the curated version opens: {:?}",
        h.state().status()
    );
    assert_eq!(before, after, "nothing is written into ana's folder");
}

#[test]
fn a_curated_version_loaded_again_from_disk_is_reviewed_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let (project, anas) = project(dir.path());
    let mut h = rita_with(&anas);
    h.state_mut().send(Command::ReviewDocument);
    h.run();
    h.get_by_label("3 places waiting · 1 decided");
    let curated = project.curated_file("report.txt");
    // A teammate reviewer decided every place and synced: the file changes on disk.
    let loaded = marginalia::store::load(&curated).unwrap();
    let mut s = marginalia::session::Session::new(loaded.doc.clone(), loaded.annotations.clone());
    while s.annotations().spans().iter().any(|x| x.is_pending()) {
        s.apply(marginalia::session::Edit::NextPending);
        s.apply(marginalia::session::Edit::Accept);
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    marginalia::store::save(&curated, &loaded.doc, s.annotations(), None).unwrap();
    pass(&mut h, 3.0);
    h.run();
    assert!(h.state().notice().unwrap_or_default().contains("changed on disk"), "{:?}", h.state().notice());
    // Only the claims wait now: the panel and the lines in the article say so, not what was before.
    h.get_by_label("1 place waiting · 3 decided");
}

#[test]
fn with_names_hidden_the_status_bar_names_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let (_, anas) = project(dir.path());
    let mut h = rita_with(&anas);
    h.state_mut().settings.anonymous_review = true;
    h.state_mut().send(Command::ReviewDocument);
    h.run();
    let said = h.state().status().unwrap_or_default().to_string();
    assert!(said.starts_with("Reviewing report.txt (2 analysts): 1 agreed"), "{said}");
    assert!(!said.contains("ana,") && !said.contains("ben"), "{said}");
}

#[test]
fn reviewing_again_with_nothing_new_keeps_the_curated_version_open_and_its_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (_, anas) = project(dir.path());
    let mut h = harness_as("rita");
    take_bens_porto(&mut h, &anas);
    h.run();
    settle(&mut h);
    h.state_mut().send(Command::ReviewDocument);
    h.run();
    assert!(h.state().status().unwrap_or_default().starts_with("Reviewing report.txt"), "{:?}", h.state().status());
    assert!(h.state().session().unwrap().can_undo(), "the decision can still be undone");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status_of(&h, "Porto", "ORG"), Some(Status::Pending));
    settle(&mut h);
    // The window holds the curated file again: a merge from the command line leaves it alone.
    let merge =
        marginalia::team::merge::project::merge_project(&Project::open(&dir.path().join("news")).unwrap(), None, now())
            .unwrap();
    let outcome = &merge.documents[0].outcome;
    assert!(
        matches!(outcome, marginalia::team::merge::project::Outcome::Skipped(why) if why.contains("open in")),
        "{outcome:?}"
    );
}

#[test]
fn an_analysts_file_that_does_not_load_stops_the_merge_of_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let (project, anas) = project(dir.path());
    let cys = project.analyst_file("cy", "report.txt");
    std::fs::create_dir_all(cys.parent().unwrap()).unwrap();
    let broken = "(format: \"marginalia-annotations\", version: 2, sou";
    std::fs::write(&cys, broken).unwrap();
    let mut h = rita_with(&anas);
    h.state_mut().send(Command::ReviewDocument);
    h.run();
    let error = h.state().error().expect("the reviewer is told").message.clone();
    assert!(error.contains("cy") && error.contains("could not be read"), "{error}");
    assert!(!project.curated_file("report.txt").exists(), "no curated version without cy's word");
    assert_eq!(std::fs::read_to_string(&cys).unwrap(), broken, "cy's file is left as it is");
}
