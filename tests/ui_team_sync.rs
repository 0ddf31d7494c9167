//! File > Sync with team, driven headless as ana in her clone of the team's repository: her
//! decision not yet saved is saved and committed (only her file), ben's work and the guidelines he
//! wrote come in, the status bar says what the sync did, and the folder's panel shows how far ben is;
//! the team agreement, open through her next sync, is measured again with what ben did since.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use marginalia::command::{Action, Command};
use marginalia::team::{Project, Seat, TeamConfig};
use std::path::Path;
use support::*;

mod support;

/// Runs git in `dir`; it must succeed. Gives its standard output.
fn git(dir: &Path, args: &[&str]) -> String {
    let run = std::process::Command::new("git").current_dir(dir).args(args).output().expect("run git");
    assert!(run.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).into_owned()
}

#[test]
fn sync_in_the_window_saves_commits_her_file_and_shows_the_others_progress() {
    // SAFETY: the only test of this binary sets git's environment before it starts any thread, so
    // that git (run by the test and by the window's sync) reads no config of this machine.
    unsafe {
        std::env::set_var("GIT_CONFIG_GLOBAL", "/dev/null");
        std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
    }
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("news.git");
    git(dir.path(), &["init", "--quiet", "--bare", remote.to_str().unwrap()]);
    git(dir.path(), &["clone", "--quiet", remote.to_str().unwrap(), "ana"]);
    let ana = dir.path().join("ana");
    let config = TeamConfig { analysts: vec!["ana".into(), "ben".into()], ..Default::default() };
    Project::init(&ana, config).unwrap();
    std::fs::create_dir_all(ana.join("documents")).unwrap();
    std::fs::write(ana.join("documents/report.txt"), ARTICLE).unwrap();
    git(&ana, &["add", "."]);
    git(&ana, &["-c", "user.name=lead", "-c", "user.email=lead@example.org", "commit", "--quiet", "-m", "project"]);
    git(&ana, &["push", "--quiet", "origin", "HEAD"]);

    // Ben, in his clone, writes the team's guidelines, rejects the report's first suggestion, marks
    // it done and syncs.
    git(dir.path(), &["clone", "--quiet", remote.to_str().unwrap(), "ben"]);
    let ben = dir.path().join("ben");
    let config = ben.join(marginalia::team::CONFIG_FILE);
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("guidelines: None", "guidelines: Some(\"GUIDELINES.md\")")).unwrap();
    std::fs::write(ben.join("GUIDELINES.md"), "Mark a spokesman as PERSON.\n").unwrap();
    let ben_seat = Seat { project: Project::open(&ben).unwrap(), analyst: "ben".into() };
    let article = ben.join("documents/report.txt");
    reject_first_and_finish(&ben_seat, &article);
    let report = marginalia::team::sync(&ben_seat).unwrap();
    assert!(report.sentence().contains("committed 3 files (report.txt, GUIDELINES.md, marginalia-team.ron)"));
    assert!(report.sentence().contains("pushed 1 commit to origin"), "{}", report.sentence());

    // Ana opens her clone, accepts a suggestion and syncs at once, before the autosave.
    let mut h = harness_as("ana");
    h.state_mut().send(Command::Open(ana.clone()));
    h.step();
    wait_until(&mut h, "the folder read", |app| app.session().is_some() && !app.corpus_busy() && !app.is_suggesting());
    h.run();
    assert!(h.query_by_label_contains("ben: 1 of").is_none(), "ben's work is not in her clone yet");
    h.key_press(Key::A);
    h.run();
    assert!(h.state().session().unwrap().is_dirty(), "not saved yet");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(Action::Sync.label()).click();
    h.step();
    wait_until(&mut h, "the sync", |app| !app.is_syncing());
    wait_until(&mut h, "the folder read again", |app| !app.corpus_busy());
    h.run();

    let said = h.state().status().unwrap_or_default().to_string();
    assert!(said.starts_with("Synced as ana: committed 1 annotation file (report.txt) as "), "{said}");
    assert!(said.contains("pulled 1 commit (ben's, GUIDELINES.md, marginalia-team.ron)"), "{said}");
    assert!(said.contains("pushed 1 commit to origin"), "{said}");
    h.get_by_label("ben: 1 of 1 annotated, 1 done");
    h.get_by_label("ana (you): 1 of 1 annotated, 0 done");
    assert!(h.state().error().is_none());
    // The config the sync brought is the one the window reads.
    h.state_mut().send(Action::TeamGuidelines.command());
    h.run();
    h.get_by_label("Mark a spokesman as PERSON.\n");
    let committed = git(&remote, &["show", "--name-only", "--format=%s", "HEAD"]);
    assert_eq!(committed.trim(), "ana: 1 annotation file (report.txt)\n\nannotations/ana/report.txt.ann.ron");
    let saved = std::fs::read_to_string(ana.join("annotations/ana/report.txt.ann.ron")).unwrap();
    assert_eq!(saved.matches("status: Accepted").count(), 1, "her decision was saved before the sync: {saved}");

    // Her team agreement: she accepted one span, ben none.
    h.state_mut().send(Action::TeamAgreement.command());
    h.step();
    wait_until(&mut h, "the agreement measured", |app| app.agreement().is_some());
    h.run();
    h.get_by_label("ana and ben: 1 documents both annotated");
    h.get_by_label("Spans: 0 agreed, only ana 1, only ben 0");
    // With it open, ben accepts a suggestion and syncs; her next sync measures again.
    let mut opened = marginalia::workspace::open_in(&article, Some(&ben_seat)).unwrap();
    opened.session.apply(marginalia::session::Edit::Accept);
    let s = &opened.session;
    marginalia::store::save(&s.save_path.clone().unwrap(), s.doc(), s.annotations(), Some(&article)).unwrap();
    marginalia::team::sync(&ben_seat).unwrap();
    h.state_mut().send(Action::Sync.command());
    h.step();
    wait_until(&mut h, "the second sync", |app| !app.is_syncing());
    wait_until(&mut h, "the agreement measured again", |app| {
        app.agreement().is_some_and(|r| r.pairs.first().is_some_and(|p| p.spans.only_b == 1))
    });
    h.run();
    h.get_by_label("Spans: 0 agreed, only ana 1, only ben 1");
}
