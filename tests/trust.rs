//! The ways an analyst's work was found to be lost, overridden or poisoned, each tried again in the
//! real window (driven headless with egui_kittest): learning that wiped claims, an edit that did not
//! stick, accept-all turning a rejection around, files written that could not be read, a file changed
//! on disk overwritten, two windows on one article, and the place lost in a crash.

mod support;

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::annotation::{Annotations, Status};
use marginalia::app::App;
use marginalia::command::Command;
use marginalia::command::Keep;
use marginalia::session::Edit;
use std::ops::Range;
use std::path::{Path, PathBuf};
use support::*;

const SAMPLE: &str = include_str!("../assets/samples/harbour-strike.txt");

fn learning() -> Harness<'static, App> {
    learning_harness()
}

fn annotations(h: &Harness<'static, App>) -> Annotations {
    h.state().session().unwrap().annotations().clone()
}

/// What is claimed, by each claim (as byte ranges), in document order.
fn claim_contents(a: &Annotations) -> Vec<Range<usize>> {
    a.claims.all().iter().map(|c| c.content.clone()).collect()
}

fn wait_for_claim_learning(h: &mut Harness<'static, App>) {
    wait_until(h, "learning claims", |app| app.status().is_some_and(|m| m.starts_with("Learned claims from")));
}

/// The sample article opened, in a folder of its own, in a window that learns.
fn sample_opened() -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("harbour-strike.txt");
    std::fs::write(&path, SAMPLE).unwrap();
    let mut h = learning();
    open(&mut h, &path);
    (dir, h)
}

#[test]
fn deciding_on_claims_keeps_the_other_claims_and_undo_brings_back_every_suggestion() {
    let (dir, mut h) = sample_opened();
    let start = annotations(&h);
    assert!(start.claims.all().len() >= 8, "{} claims", start.claims.all().len());

    // ] A then X: accept one claim and reject the next, learning from each.
    h.key_press(Key::CloseBracket);
    h.key_press(Key::A);
    h.run();
    wait_for_claim_learning(&mut h);
    h.key_press(Key::X);
    h.run();
    wait_for_claim_learning(&mut h);
    let after = annotations(&h);
    let doc = h.state().session().unwrap().doc().clone();
    let decided: Vec<&marginalia::annotation::Claim> = after.claims.all().iter().filter(|c| !c.is_pending()).collect();
    assert_eq!(decided.len(), 2);
    let sentence_of = |r: &Range<usize>| doc.sentences().iter().position(|s| s.start <= r.start && r.start < s.end);
    let decided_sentences: Vec<_> = decided.iter().map(|c| sentence_of(&c.extent())).collect();
    for c in start.claims.all() {
        if !decided_sentences.contains(&sentence_of(&c.extent())) {
            assert!(
                claim_contents(&after).contains(&c.content),
                "a claim elsewhere was withdrawn: {:?}",
                &doc.text()[c.content.clone()]
            );
        }
    }

    // Undo both decisions (and a third press with nothing left): exactly what was there at the start.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    pass(&mut h, 2.0);
    assert!(annotations(&h) == start, "undo gives back every suggestion exactly");
    settle(&mut h);
    let file = marginalia::store::load(&dir.path().join("harbour-strike.txt.ann.ron")).unwrap();
    assert!(file.annotations == start, "and so does the file");

    // Reset: the shipped models' suggestions, as when the document was first opened.
    h.state_mut().send(Command::ResetLearnedModel);
    wait_until(&mut h, "the reset", |app| app.status().is_some_and(|m| m.contains("shipped models")));
    let reset = annotations(&h);
    assert_eq!(claim_contents(&reset), claim_contents(&start));
    let spans = |a: &Annotations| a.spans().iter().map(|s| (s.range.clone(), s.label.clone())).collect::<Vec<_>>();
    assert_eq!(spans(&reset), spans(&start));
}

#[test]
fn moving_the_end_of_a_suggested_claim_sticks() {
    let (_dir, mut h) = sample_opened();
    h.key_press(Key::CloseBracket);
    h.run();
    let claim = h.state().session().unwrap().current_claim().unwrap().clone();
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    wait_for_claim_learning(&mut h);
    pass(&mut h, 1.0);
    let a = annotations(&h);
    let now = a.claims.get(claim.id).expect("the same claim, not a new one");
    assert!(now.content.end > claim.content.end, "its end moved");
    assert_eq!(now.status, Status::Accepted, "a moved claim is the analyst's");
    assert!(!claim_contents(&a).contains(&claim.content), "the old bounds did not come back");
}

#[test]
fn accepting_every_mention_never_turns_a_rejection_around() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Mustafa Bali said Syria and Turkey met. Turkey left Syria. Later Syria spoke.";
    let mut h = harness();
    open(&mut h, &article(dir.path(), text));
    let ids = |h: &Harness<'static, App>| {
        let s = h.state().session().unwrap();
        let t = s.doc().text();
        s.annotations().spans().iter().filter(|x| &t[x.range.clone()] == "Syria").map(|x| x.id).collect::<Vec<_>>()
    };
    let syria = ids(&h);
    assert_eq!(syria.len(), 3);
    h.state_mut().send(Command::Edit(Edit::Select(syria[1])));
    h.run();
    h.key_press(Key::X);
    h.run();
    h.state_mut().send(Command::Edit(Edit::Select(syria[0])));
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run();
    let a = annotations(&h);
    assert_eq!(a.get(syria[1]).unwrap().status, Status::Rejected, "{:?}", h.state().status());
    assert_eq!(a.get(syria[2]).unwrap().status, Status::Accepted);
    assert!(h.state().status().is_some_and(|m| m.contains("1 left alone")), "{:?}", h.state().status());
}

#[test]
fn a_label_taught_in_one_document_comes_with_its_suggestions_in_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Helicopters dropped barrel bombs on the town.\n\nWitnesses said the barrel bombs fell at night.\n";
    for name in ["a.txt", "b.txt"] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut h = learning();
    open(&mut h, &dir.path().join("a.txt"));
    let mut labels = h.state().session().unwrap().labels().clone();
    labels.add("WEAPON");
    h.state_mut().send(Command::Edit(Edit::SetLabels(labels)));
    let at = text.find("barrel bombs").unwrap();
    h.state_mut().send(Command::Edit(Edit::Create { range: at..at + 12, label: "WEAPON".into() }));
    h.run();
    wait_for_learning(&mut h);
    open(&mut h, &dir.path().join("b.txt"));
    let b = annotations(&h);
    assert!(b.spans().iter().any(|s| s.label == "WEAPON"), "the learned label is suggested in b.txt");
    assert!(b.labels.contains("WEAPON"), "and b.txt's label set has it");
    settle(&mut h);
    let loaded = marginalia::store::load(&dir.path().join("b.txt.ann.ron")).expect("the file the window wrote loads");
    assert!(loaded.annotations.labels.contains("WEAPON"));
}

/// An annotation file of `text` as a colleague saved it: one span, accepted, by them.
fn colleagues_version(dir: &Path, text: &str) -> String {
    let other = dir.join("colleague.txt");
    std::fs::write(&other, text).unwrap();
    let mut theirs = marginalia::workspace::open(&other).unwrap().session;
    let at = text.find("Reuters").unwrap();
    theirs.apply(Edit::Create { range: at..at + 7, label: "ORG".into() });
    marginalia::store::to_ron(&marginalia::store::to_file(theirs.doc(), theirs.annotations(), None)).unwrap()
}

/// The other versions kept beside `dir`'s `report.txt.ann.ron`, of the kind `whose` ("mine", "theirs").
fn copies(dir: &Path, whose: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("report.txt.{whose}-")))
        .collect();
    v.sort();
    v
}

const TEXT: &str = "US-backed Syrian forces say Mustafa Bali spoke in Syria on Sunday.\n\nBali said 20,000 civilians left Syria, according to Reuters.\n";

/// The sample text opened in a window and saved once: its folder, its annotation file, the window.
fn opened_and_saved() -> (tempfile::TempDir, PathBuf, Harness<'static, App>) {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), TEXT);
    let mut h = harness();
    open(&mut h, &path);
    settle(&mut h);
    let ann = dir.path().join("report.txt.ann.ron");
    (dir, ann, h)
}

#[test]
fn a_file_changed_on_disk_is_loaded_again_and_never_overwritten() {
    let (dir, ann, mut h) = opened_and_saved();

    // Nothing unsaved: a colleague's version (a git pull) is shown as it is.
    let theirs = colleagues_version(dir.path(), TEXT);
    std::fs::write(&ann, &theirs).unwrap();
    wait_until(&mut h, "the notice", |app| app.notice().is_some_and(|n| n.contains("changed on disk")));
    assert_eq!(annotations(&h).spans().len(), 1, "the colleague's one span");
    assert_eq!(std::fs::read_to_string(&ann).unwrap(), theirs);

    // A merge conflict (a file that does not load): left exactly as it is, and said so.
    let conflict = format!("<<<<<<< HEAD\n{theirs}=======\n{theirs}>>>>>>> theirs\n");
    std::fs::write(&ann, &conflict).unwrap();
    wait_until(&mut h, "the notice", |app| app.notice().is_some_and(|n| n.contains("no longer loads")));
    // A change now (marking it done) is saved beside it, not over it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    settle(&mut h);
    assert_eq!(std::fs::read_to_string(&ann).unwrap(), conflict, "the conflicted file is untouched");
    let mine = copies(dir.path(), "mine");
    assert_eq!(mine.len(), 1, "the window's version is kept beside it");
    assert!(marginalia::store::load(&mine[0]).unwrap().annotations == annotations(&h));
    assert!(h.state().conflict().is_some());
    // While the choice waits, a key that would change the document (undoing the mark) waits too.
    let waiting = annotations(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(annotations(&h) == waiting, "Ctrl+Z waits for Keep mine / Use theirs");
    h.state_mut().send(Command::Edit(Edit::Undo)); // Edit > Undo, from the menu
    h.run();
    assert!(annotations(&h) == waiting, "so does the menu");
    h.get_by_label_contains("Nothing was overwritten");
    assert!(h.query_by_label("All changes saved").is_none(), "the status bar does not pretend");

    // Keep mine: it goes under the document's name; the conflicted file is set aside, not deleted.
    h.get_by_label("Keep mine").click();
    h.run();
    assert!(h.state().conflict().is_none());
    assert!(marginalia::store::load(&ann).unwrap().annotations == annotations(&h));
    assert!(copies(dir.path(), "theirs").is_empty(), "nothing is left beside the document to be exported twice");
    let kept = copies(&dir.path().join(".marginalia").join("set-aside"), "theirs");
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), conflict);
    assert!(copies(dir.path(), "mine").is_empty(), "no stale copy of mine is left");

    // Deleted: not recreated behind the analyst's back.
    std::fs::remove_file(&ann).unwrap();
    wait_until(&mut h, "the notice", |app| app.notice().is_some_and(|n| n.contains("was deleted")));
    assert!(!ann.exists());
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    settle(&mut h);
    assert!(!ann.exists(), "a change goes beside it");
    h.state_mut().send(Command::KeepVersion(Keep::Mine));
    h.run();
    assert!(marginalia::store::load(&ann).unwrap().annotations == annotations(&h), "Keep mine puts it back");
}

#[test]
fn two_windows_on_one_article_are_told_and_neither_loses_its_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), TEXT);
    let ann = dir.path().join("report.txt.ann.ron");
    let mut first = harness();
    open(&mut first, &path);
    settle(&mut first);
    let mut second = harness();
    open(&mut second, &path);
    assert!(
        second.state().notice().is_some_and(|n| n.contains("also open in another Marginalia window")),
        "{:?}",
        second.state().notice()
    );
    // Both decide before either has saved.
    first.key_press(Key::A);
    second.key_press(Key::X);
    first.step();
    second.step();
    settle(&mut first);
    settle(&mut second);
    settle(&mut first);
    // One window's work is in the file; the other's is kept beside it, and that window says so.
    let (kept, beside) = match (first.state().conflict().is_some(), second.state().conflict().is_some()) {
        (false, true) => (&first, &second),
        (true, false) => (&second, &first),
        both => panic!("exactly one window finds the other's save: {both:?}"),
    };
    let on_disk = marginalia::store::load(&ann).unwrap().annotations;
    assert!(on_disk == annotations(kept));
    let mine = copies(dir.path(), "mine");
    assert_eq!(mine.len(), 1);
    assert!(marginalia::store::load(&mine[0]).unwrap().annotations == annotations(beside));
    drop(first);
    drop(second);
    assert!(!dir.path().join(".report.txt.ann.ron.lock").exists(), "closing releases the lock");
}

#[test]
fn the_place_in_a_document_survives_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = article(dir.path(), TEXT);
    let mut h = harness();
    open(&mut h, &path);
    for _ in 0..3 {
        h.key_press(Key::Tab);
    }
    h.run();
    let here = current_text(&h);
    settle(&mut h);
    pass(&mut h, 1.0);
    assert!(dir.path().join(".report.txt.ann.ron.resume").exists(), "the place is written beside the annotations");
    // A crash: the window's settings (where positions used to live) are never written.
    drop(h);
    let mut h = harness();
    open(&mut h, &path);
    assert_eq!(current_text(&h), here);
}

#[test]
fn a_deleted_file_is_written_beside_on_ctrl_s_even_with_nothing_unsaved() {
    let (dir, ann, mut h) = opened_and_saved();
    h.key_press(Key::A);
    settle(&mut h);
    let work = annotations(&h);
    std::fs::remove_file(&ann).unwrap();
    wait_until(&mut h, "the notice", |app| app.notice().is_some_and(|n| n.contains("was deleted")));
    // Nothing is unsaved, but the work is only in memory now: Ctrl+S writes it beside the name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    assert!(!ann.exists(), "not recreated behind anyone's back");
    let mine = copies(dir.path(), "mine");
    assert_eq!(mine.len(), 1, "the window's version is kept beside it");
    assert!(marginalia::store::load(&mine[0]).unwrap().annotations == work);
    h.get_by_label("Keep mine").click();
    h.run();
    assert!(marginalia::store::load(&ann).unwrap().annotations == work, "Keep mine puts it back");
}

#[test]
fn a_file_of_suggestions_only_written_meanwhile_is_set_aside_not_lost() {
    let (dir, ann, mut h) = opened_and_saved();
    // Someone writes a file holding suggestions only (a pre-annotation elsewhere) while this window
    // has a change not yet saved.
    let other = dir.path().join("colleague.txt");
    std::fs::write(&other, TEXT).unwrap();
    let suggestions_only = marginalia::workspace::open(&other).unwrap().session;
    let theirs = marginalia::store::to_ron(&marginalia::store::to_file(
        suggestions_only.doc(),
        suggestions_only.annotations(),
        None,
    ))
    .unwrap();
    h.key_press(Key::A);
    std::fs::write(&ann, &theirs).unwrap();
    h.run();
    settle(&mut h);
    assert!(marginalia::store::load(&ann).unwrap().annotations == annotations(&h), "the window's version is in place");
    assert!(h.state().conflict().is_none(), "nothing to choose: no one's decisions were there");
    let aside = dir.path().join(".marginalia").join("set-aside");
    let kept: Vec<PathBuf> = std::fs::read_dir(&aside).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), theirs, "the other file is kept as it was");
    assert!(h.state().status().is_some_and(|s| s.contains("set aside")), "{:?}", h.state().status());
}
