//! The window, driven headless from the keyboard and mouse with egui_kittest, checking what ends up
//! in the session and in the RON file on disk.

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::annotation::Status;
use marginalia::app::App;
use marginalia::app::command::Command;
use marginalia::app::settings::Settings;
use std::path::Path;
use support::*;

mod support;

const ARTICLE: &str = "US-backed Syrian forces say Mustafa Bali, a SDF spokesman, spoke in Syria on Sunday.\n\nBali said 20,000 civilians left Syria, according to Reuters.\n";

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
        h.state_mut().send(Command::DismissError);
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
    h.state_mut().send(Command::DismissError);
    h.run();

    // The folder goes away (a USB stick pulled out): the next change cannot be saved, and the
    // window says the work is kept in memory and offers another place.
    std::fs::remove_dir_all(&folder).unwrap();
    h.key_press(Key::A);
    pass(&mut h, 4.0);
    assert!(h.state().save_error().is_some());
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
    h.get_by_role(eframe::egui::Role::TextInput).click();
    h.run();
    h.get_by_role(eframe::egui::Role::TextInput).type_text("weapon");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    let labels = h.state().session().unwrap().labels().clone();
    assert_eq!(labels.get("WEAPON").and_then(|l| l.hotkey), Some('7'));
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
    let mut h = harness_with(Settings::default());
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
    let mut h = harness_with(Settings::default());
    open(&mut h, &dir.path().join("report.txt"));
    h.state_mut().send(Command::ResetLearnedModel);
    wait_until(&mut h, "the reset", |app| app.status().is_some_and(|m| m.contains("reset")));
    assert!(!learned.exists());
}

const QUOTES: &str = "“We will stay until the job is done,” said Mustafa Bali, a SDF spokesman, in Syria.\n\nBali said 20,000 civilians left Syria, according to Reuters.\n";

#[test]
fn claims_are_walked_accepted_reattributed_and_made_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    open(&mut h, &article(dir.path(), QUOTES));
    let claims = |h: &Harness<'static, App>| h.state().session().unwrap().annotations().claims.all().to_vec();
    assert!(!claims(&h).is_empty(), "claims are suggested with the entities");
    h.get_by_label_contains("Claims (");

    // ] walks to a claim; A accepts it (not the current entity); the file keeps it.
    let entities_before = h.state().session().unwrap().annotations().counts();
    h.key_press(Key::CloseBracket);
    h.run();
    let first = h.state().session().unwrap().current_claim().expect("a current claim").id;
    h.key_press(Key::A);
    h.run();
    let s = h.state().session().unwrap();
    assert_eq!(s.annotations().claims.get(first).unwrap().status, Status::Accepted);
    assert_eq!(s.annotations().counts(), entities_before, "entities untouched");
    settle(&mut h);
    let ron = saved(dir.path());
    assert!(ron.lines().any(|l| l.contains("cue: Some") && l.contains("status: Accepted")), "{ron}");

    // W opens the claimant picker; Enter takes the nearest person or organisation; undo puts it back.
    h.key_press(Key::OpenBracket);
    h.run();
    let claim = h.state().session().unwrap().current_claim().unwrap().clone();
    h.key_press(Key::W);
    h.run();
    h.get_by_label_contains("Who makes this claim?");
    h.key_press(Key::Enter);
    h.run();
    let after = h.state().session().unwrap().current_claim().unwrap().clone();
    let who = after.claimant.clone().expect("a claimant was set");
    assert!(who.entity.is_some(), "the claimant is linked to an entity span");
    assert_eq!(after.status, Status::Accepted);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().session().unwrap().current_claim().unwrap().claimant, claim.claimant);

    // Select what is claimed with the mouse, press C: a claim by hand, then Esc closes the picker.
    let text = h.state().session().unwrap().doc().text().to_string();
    let start = text.find("20,000").unwrap();
    let end = text.find(" according").unwrap() - 1;
    drag_select(&mut h, start, end - 1);
    h.key_press(Key::C);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let s = h.state().session().unwrap();
    let made = s.current_claim().expect("the new claim is current");
    assert_eq!(&text[made.content.clone()], "20,000 civilians left Syria");
    assert!(matches!(made.origin, marginalia::annotation::Origin::Human { .. }));

    // Shift+C hides the layer.
    assert!(h.state().settings.show_claims);
    h.key_press_modifiers(Modifiers::SHIFT, Key::C);
    h.run();
    assert!(!h.state().settings.show_claims);
}

#[test]
fn a_decision_on_a_claim_is_learned_and_the_claims_refreshed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_with(Settings::default());
    open(&mut h, &article(dir.path(), QUOTES));
    h.key_press(Key::CloseBracket);
    h.run();
    h.key_press(Key::X);
    h.run();
    wait_until(&mut h, "learning claims", |app| app.status().is_some_and(|m| m.starts_with("Learned claims from 1 ")));
    let s = h.state().session().unwrap();
    assert_eq!(s.annotations().claims.all().iter().filter(|c| c.status == Status::Rejected).count(), 1);
}

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
