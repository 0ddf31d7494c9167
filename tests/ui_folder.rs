//! A folder open in the window, driven headless: the document list, next unfinished, mark done,
//! pre-annotation in the background, and exporting the folder as a dataset.

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::app::App;
use marginalia::command::Command;
use std::path::Path;
use support::*;

mod support;

/// A folder of articles named `a.txt`, `b.txt`, …; the first is annotated and marked done.
fn corpus_folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let name = format!("{}.txt", (b'a' + i as u8) as char);
        std::fs::write(dir.path().join(name), ARTICLE).unwrap();
    }
    let a = dir.path().join("a.txt");
    let mut opened = marginalia::workspace::open(&a).unwrap();
    opened.session.apply(marginalia::session::Edit::MarkDone(true));
    let s = &opened.session;
    marginalia::store::save(&dir.path().join("a.txt.ann.ron"), s.doc(), s.annotations(), Some(&a)).unwrap();
    dir
}

fn open_name(h: &Harness<'static, App>) -> String {
    let s = h.state().session();
    let path = s.and_then(|s| s.article_path.clone());
    path.and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).unwrap_or_default()
}

#[test]
fn a_folder_opens_as_a_corpus_walked_with_next_unfinished_and_mark_done() {
    let dir = corpus_folder(3);
    let mut h = harness();
    h.state_mut().send(Command::Open(dir.path().to_path_buf()));
    h.step();
    wait_until(&mut h, "the first unfinished document", |app| app.session().is_some() && !app.is_suggesting());
    h.run();
    assert_eq!(open_name(&h), "b.txt", "a.txt is done: the first unfinished one opens");
    h.get_by_label("a.txt");
    h.get_by_label("c.txt");
    h.get_by_label_contains("1 of 3 documents done");

    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert!(h.state().session().unwrap().is_done());
    settle(&mut h);
    let b = std::fs::read_to_string(dir.path().join("b.txt.ann.ron")).unwrap();
    assert!(b.contains("done: Some(("), "the mark is saved:\n{b}");
    h.get_by_label_contains("2 of 3 documents done");
    assert!(
        h.state().title().contains("b.txt — ") && h.state().title().contains("(2 of 3 done)"),
        "{}",
        h.state().title()
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    h.step();
    wait_for_suggestions(&mut h);
    assert_eq!(open_name(&h), "c.txt");
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    assert_eq!(open_name(&h), "c.txt", "no other document is unfinished");
    assert!(h.state().status().unwrap_or_default().contains("done"), "{:?}", h.state().status());

    h.get_by_label("a.txt").click();
    h.run();
    assert_eq!(open_name(&h), "a.txt", "a click in the list opens a document");
    assert!(h.state().session().unwrap().is_done());

    std::fs::write(dir.path().join("d.txt"), ARTICLE).unwrap();
    h.key_press(Key::F5);
    h.step();
    wait_until(&mut h, "the new listing", |app| !app.corpus_busy());
    h.run();
    h.get_by_label("d.txt");
    h.get_by_label_contains("2 of 4 documents done");
}

#[test]
fn pre_annotating_a_folder_runs_in_the_background_with_progress_and_stops_when_cancelled() {
    let dir = corpus_folder(12);
    let ann = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().to_string_lossy().ends_with(".ann.ron"))
            .count()
    };
    let mut h = harness();
    h.state_mut().send(Command::Open(dir.path().to_path_buf()));
    h.step();
    wait_until(&mut h, "the first document", |app| app.session().is_some() && !app.is_suggesting());
    h.run();
    // b.txt is open (and the window suggests on it itself): ten others have no annotations.
    h.get_by_label("Pre-annotate 10 new article(s)").click();
    h.step();
    h.step();
    assert!(h.state().corpus_busy(), "the work is in the background; the window kept drawing");
    h.get_by_label("Cancel").click();
    h.step();
    wait_until(&mut h, "the cancellation", |app| !app.corpus_busy());
    let status = h.state().status().unwrap_or_default().to_string();
    assert!(status.contains("cancelled"), "{status}");
    let after_cancel = ann(dir.path());
    assert!(after_cancel < 12, "stopped before the end: {after_cancel} files");

    h.state_mut().send(Command::Preannotate);
    h.step();
    wait_until(&mut h, "the pre-annotation", |app| !app.corpus_busy());
    h.run();
    settle(&mut h);
    assert_eq!(ann(dir.path()), 12, "every article has its annotation file");
    let corpus = h.state().corpus().unwrap();
    let new = corpus
        .documents
        .iter()
        .filter(|d| matches!(d.known, marginalia::corpus::Known::Read(s) if s.pending > 0))
        .count();
    assert!(new >= 10, "the list shows the suggestions' counts");
    let k = std::fs::read_to_string(dir.path().join("k.txt.ann.ron")).unwrap();
    assert!(k.contains("Mustafa Bali") && k.contains("Pending"), "suggestions, pending:\n{k}");
}

#[test]
fn the_export_dialog_writes_the_folder_as_training_data() {
    let dir = corpus_folder(2);
    let out = dir.path().join("out").join("train.jsonl");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let mut h = harness();
    h.state_mut().send(Command::Open(dir.path().to_path_buf()));
    h.step();
    wait_until(&mut h, "the first document", |app| app.session().is_some() && !app.is_suggesting());
    h.run();
    h.key_press(Key::A); // accept one suggestion in b.txt (not done: left out below)
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label_contains("2 documents, 1 marked done");
    h.get_by_label("Only documents marked done").click();
    h.state_mut().send(Command::SetExportPath(out.clone()));
    h.run();
    h.get_by_label("Export").click();
    h.step();
    wait_until(&mut h, "the export", |app| app.status().is_some_and(|s| s.starts_with("Exported")));
    h.run();
    assert_eq!(h.get_all_by_label_contains("wrote 1 documents").count(), 2, "in the dialog and the status bar");
    let jsonl = std::fs::read_to_string(&out).unwrap();
    assert_eq!(jsonl.lines().count(), 1, "only a.txt, marked done:\n{jsonl}");
    assert!(jsonl.contains("\"source\":\"a\""), "{jsonl}");
}

#[test]
fn a_second_export_asks_before_replacing_the_first_and_the_path_follows_the_format() {
    use egui_kittest::kittest::NodeT;
    let dir = corpus_folder(2);
    let out = dir.path().join("report-spacy.jsonl");
    let mut h = harness();
    h.state_mut().send(Command::Open(dir.path().to_path_buf()));
    h.step();
    wait_until(&mut h, "the first document", |app| app.session().is_some() && !app.is_suggesting());
    h.run();
    h.key_press(Key::A); // a decision in b.txt: it goes out unless only documents marked done do
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Only documents marked done").click();
    h.state_mut().send(Command::SetExportPath(out.clone()));
    h.run();
    let to = |h: &Harness<'static, App>| h.get_by_label("To:").accesskit_node().value().unwrap_or_default();
    // Another format, another file: the typed path follows it, in the same folder and name.
    h.get_by_label("CoNLL-2003 (IOB2)").click();
    h.run();
    assert_eq!(to(&h), dir.path().join("report.conll").display().to_string());
    h.get_by_label("brat (.txt + .ann, a folder)").click();
    h.run();
    assert_eq!(to(&h), dir.path().join("report-brat").display().to_string());
    h.get_by_label("spaCy / Prodigy JSONL").click();
    h.run();
    assert_eq!(to(&h), out.display().to_string());

    h.get_by_label("Export").click();
    h.step();
    wait_until(&mut h, "the first export", |app| app.status().is_some_and(|s| s.starts_with("Exported")));
    h.run();
    let first = std::fs::read_to_string(&out).unwrap();
    assert_eq!(first.lines().count(), 1, "a.txt only, marked done:\n{first}");

    // The second export, of every document with a decision: asked, and cancelled.
    h.get_by_label("Only documents marked done").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("report-spacy.jsonl exists. Replace it?");
    assert!(h.query_by_label("Export").is_none(), "nothing runs until the question is answered");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label_contains("Replace it?").is_none());
    assert!(!h.state().is_exporting());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first, "the first export is untouched");

    // Asked again, and replaced.
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("Replace").click();
    h.step();
    wait_until(&mut h, "the second export", |_| std::fs::read_to_string(&out).is_ok_and(|now| now != first));
    h.run();
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 2, "a.txt and b.txt");
}
