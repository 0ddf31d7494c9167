//! A team project open in the window, driven headless as ana: the folder lists the project's
//! documents with her own files, the window says who she is and how far each analyst is, her
//! decisions go to annotations/ana/, and ben's file opens to be read without anything written
//! into his folder.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use marginalia::command::{Action, Command};
use marginalia::team::{Project, Seat, TeamConfig};
use std::path::{Path, PathBuf};
use support::*;

mod cli_support;
mod support;

use cli_support::files_in;

/// The project `news`: two articles in `documents/`; ben rejected the report's first suggestion and
/// marked it done; ana has a document of her own with no article.
fn project(dir: &Path) -> PathBuf {
    let root = dir.join("news");
    let guidelines = Some("GUIDELINES.md".to_string());
    let config = TeamConfig { analysts: vec!["ana".into(), "ben".into()], guidelines, ..Default::default() };
    let project = Project::init(&root, config).unwrap();
    std::fs::write(root.join("GUIDELINES.md"), "Mark a spokesman as PERSON, never as ORG.\n").unwrap();
    std::fs::create_dir_all(root.join("documents")).unwrap();
    std::fs::write(root.join("documents/report.txt"), ARTICLE).unwrap();
    std::fs::write(root.join("documents/rain.txt"), "Rain is due in Syria on Monday.\n").unwrap();

    let ben = Seat { project: project.clone(), analyst: "ben".into() };
    let article = root.join("documents/report.txt");
    let ben_file = reject_first_and_finish(&ben, &article);
    assert_eq!(ben_file, root.join("annotations/ben/report.txt.ann.ron"));

    let old = marginalia::doc::Document::new("Old news from Syria.".into());
    std::fs::create_dir_all(root.join("annotations/ana")).unwrap();
    let ann = marginalia::annotation::Annotations::default();
    marginalia::store::save(&root.join("annotations/ana/old.ann.ron"), &old, &ann, None).unwrap();
    root
}

#[test]
fn a_team_project_opens_as_the_analysts_own_documents_and_her_decisions_go_to_her_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let ben_file = root.join("annotations/ben/report.txt.ann.ron");
    let ben_before = std::fs::read_to_string(&ben_file).unwrap();
    let mut h = harness_as("ana");
    h.state_mut().send(Command::Open(root.clone()));
    h.step();
    wait_until(&mut h, "the folder read", |app| app.session().is_some() && !app.corpus_busy() && !app.is_suggesting());
    h.run();
    let names: Vec<&str> = h.state().corpus().unwrap().documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["old", "rain.txt", "report.txt"], "the articles of documents/ and ana's own document");
    let report = &h.state().corpus().unwrap().documents[2];
    assert_eq!(report.annotations, root.join("annotations/ana/report.txt.ann.ron"), "her file, not ben's");
    assert_eq!(report.known, marginalia::corpus::Known::NoAnnotations, "ben's decisions are not hers");
    h.get_by_label("ana · team project news");
    h.get_by_label("ben: 1 of 2 annotated, 1 done");
    h.get_by_label("ana (you): 0 of 2 annotated, 0 done");
    assert!(h.state().title().contains("ana · team project news"), "{}", h.state().title());

    // Help > Team guidelines shows the file the config names; Esc closes it.
    h.state_mut().send(Action::TeamGuidelines.command());
    h.run();
    h.get_by_label("Mark a spokesman as PERSON, never as ORG.\n");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("Mark a spokesman").is_none());

    // Ana annotates the report: her file is written, nothing beside the article, ben's as it was.
    open(&mut h, &root.join("documents/report.txt"));
    let ana_file = root.join("annotations/ana/report.txt.ann.ron");
    assert_eq!(h.state().session().unwrap().save_path.as_deref(), Some(ana_file.as_path()));
    h.key_press(Key::A);
    h.run();
    settle(&mut h);
    let saved = std::fs::read_to_string(&ana_file).unwrap();
    assert_eq!(saved.matches("status: Accepted").count(), 1, "{saved}");
    assert!(saved.contains("by: \"ana\""), "her decision, by her: {saved}");
    assert_eq!(files_in(&root.join("documents")), ["rain.txt", "report.txt"], "nothing beside the articles");
    assert_eq!(std::fs::read_to_string(&ben_file).unwrap(), ben_before);

    // The window's export takes her annotations, not ben's.
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label_contains("Your annotations (ana) in the team project news");
    let out = dir.path().join("ana.jsonl");
    h.state_mut().send(Command::SetExportPath(out.clone()));
    h.run();
    h.get_by_label("Export").click();
    h.step();
    wait_until(&mut h, "the export", |app| app.status().is_some_and(|s| s.starts_with("Exported")));
    let exported = std::fs::read_to_string(&out).unwrap();
    assert_eq!(exported.lines().count(), 1, "her report only (her old document has no decision):\n{exported}");
    assert_eq!(exported.matches("\"label\"").count(), 1, "her one decision, not ben's:\n{exported}");
    h.key_press(Key::Escape);
    h.run();

    h.key_press(Key::F5);
    h.step();
    wait_until(&mut h, "the folder read again", |app| !app.corpus_busy());
    h.run();
    h.get_by_label("ana (you): 1 of 2 annotated, 0 done");

    // Ben's file opens to be read: a decision there is not saved into his folder.
    h.state_mut().send(Command::Open(ben_file.clone()));
    h.run();
    assert!(h.state().notice().is_some_and(|n| n.contains("This is ben's file")), "{:?}", h.state().notice());
    assert!(h.state().notice().unwrap().contains(&ana_file.display().to_string()), "it says where hers is");
    h.key_press(Key::X);
    h.run();
    pass(&mut h, 2.0);
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.state().status().is_some_and(|s| s.contains("nothing is saved into ben's folder")),
        "{:?}",
        h.state().status()
    );
    assert_eq!(std::fs::read_to_string(&ben_file).unwrap(), ben_before);
    assert_eq!(files_in(&root.join("annotations/ben")), ["report.txt.ann.ron"], "no lock, copy or position of ana's");

    // Another document opens without asking to save ben's.
    open(&mut h, &root.join("documents/rain.txt"));
    assert!(h.state().error().is_none());
    assert_eq!(h.state().session().unwrap().save_path, Some(root.join("annotations/ana/rain.txt.ann.ron")));
}

#[test]
fn outside_a_team_project_the_window_says_nothing_of_teams() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_as("ana");
    open(&mut h, &article(dir.path(), ARTICLE));
    assert!(h.query_by_label_contains("team project").is_none());
    h.state_mut().send(Action::TeamGuidelines.command());
    h.run();
    assert!(h.state().status().is_some_and(|s| s.starts_with("Not in a team project")), "{:?}", h.state().status());
    assert!(h.state().team().is_none());
    assert_eq!(h.state().session().unwrap().save_path, Some(dir.path().join("report.txt.ann.ron")));
}
