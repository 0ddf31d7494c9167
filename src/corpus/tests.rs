use super::preannotate::{self, Outcome, run};
use super::*;
use crate::engines::Engines;
use crate::session::{Edit, Session};
use std::path::Path;
use std::sync::atomic::AtomicBool;

const ARTICLE: &str = "Mustafa Bali said Syria and Turkey met in Gaziantep on Monday.";

/// A folder with three articles (one annotated and done, one in progress), an imported annotation
/// file, a hidden file and a picture.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.md", "c.txt"] {
        std::fs::write(dir.path().join(name), ARTICLE).unwrap();
    }
    std::fs::write(dir.path().join(".hidden.txt"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("photo.png"), b"\x89PNG").unwrap();
    let save = |article: &str, edits: &[Edit], to: &str| {
        let opened = crate::workspace::open(&dir.path().join(article)).unwrap();
        let mut s: Session = opened.session;
        s.add_suggestions(Engines::shipped().0.entities(s.doc()));
        for e in edits {
            s.apply(e.clone());
        }
        store::save(&dir.path().join(to), s.doc(), s.annotations(), None).unwrap();
    };
    save("a.txt", &[Edit::Accept, Edit::MarkDone(true)], "a.txt.ann.ron");
    save("b.md", &[Edit::Accept], "b.md.ann.ron");
    save("c.txt", &[], "imported.ann.ron");
    dir
}

fn read_all(corpus: &mut Corpus) {
    for (i, path) in corpus.unread() {
        corpus.documents[i].known = Known::of_file(&path);
    }
}

#[test]
fn a_folder_lists_each_document_once_with_its_status() {
    let dir = folder();
    let mut corpus = Corpus::list(dir.path()).unwrap();
    let names: Vec<&str> = corpus.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a.txt", "b.md", "c.txt", "imported"]);
    assert_eq!(corpus.documents[0].path(), dir.path().join("a.txt"), "an article opens through its article");
    assert_eq!(corpus.documents[3].path(), dir.path().join("imported.ann.ron"));
    assert_eq!(corpus.unread().len(), 3);
    assert_eq!(corpus.needing_suggestions(), vec![(2, dir.path().join("c.txt"))]);
    assert_eq!(corpus.count_needing_suggestions(), 1);

    read_all(&mut corpus);
    let statuses: Vec<DocStatus> = corpus.documents.iter().map(DocEntry::status).collect();
    assert_eq!(statuses, [DocStatus::Done, DocStatus::InProgress, DocStatus::New, DocStatus::New]);
    let Known::Read(b) = corpus.documents[1].known.clone() else { panic!("b read") };
    assert_eq!(b.accepted, 1);
    assert!(b.pending > 0, "the other suggestions are still pending");
    assert_eq!(corpus.progress(), (1, 4));
    assert_eq!(corpus.count(DocStatus::New), 2);
}

#[test]
fn next_unfinished_skips_done_and_broken_documents_and_wraps() {
    let dir = folder();
    let mut corpus = Corpus::list(dir.path()).unwrap();
    std::fs::write(dir.path().join("imported.ann.ron"), "(format: \"marginalia-annotations\"").unwrap();
    read_all(&mut corpus);
    assert!(matches!(corpus.documents[3].known, Known::Broken(ref why) if why.contains("line")));
    assert_eq!(corpus.next_unfinished(None), Some(1), "a.txt is done");
    assert_eq!(corpus.next_unfinished(Some(1)), Some(2));
    assert_eq!(corpus.next_unfinished(Some(2)), Some(1), "wraps past the broken file and the done one");
    corpus.documents[1].known = Known::Read(Summary { status: DocStatus::Done, pending: 0, accepted: 3 });
    assert_eq!(corpus.next_unfinished(Some(2)), None, "nothing else is left");
}

#[test]
fn listing_again_finds_new_documents_and_keeps_what_is_known() {
    let dir = folder();
    let mut corpus = Corpus::list(dir.path()).unwrap();
    read_all(&mut corpus);
    std::fs::write(dir.path().join("d.txt"), ARTICLE).unwrap();
    std::fs::remove_file(dir.path().join("imported.ann.ron")).unwrap();
    std::fs::write(dir.path().join("c.txt.ann.ron"), "made meanwhile").unwrap();
    let again = corpus.relisted().unwrap();
    let names: Vec<&str> = again.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a.txt", "b.md", "c.txt", "d.txt"]);
    assert_eq!(again.documents[0].status(), DocStatus::Done, "known statuses are kept");
    assert_eq!(again.documents[2].known, Known::Unread, "c.txt has annotations now: read them");
    assert_eq!(again.documents[3].known, Known::NoAnnotations);
}

#[test]
fn filters_and_search_choose_what_the_list_shows() {
    let dir = folder();
    let mut corpus = Corpus::list(dir.path()).unwrap();
    read_all(&mut corpus);
    assert_eq!(corpus.shown(StatusFilter::All, ""), vec![0, 1, 2, 3]);
    assert_eq!(corpus.shown(StatusFilter::Only(DocStatus::New), ""), vec![2, 3]);
    assert_eq!(corpus.shown(StatusFilter::Only(DocStatus::Done), ""), vec![0]);
    assert_eq!(corpus.shown(StatusFilter::All, " IMPO "), vec![3]);
}

#[test]
fn pre_annotation_writes_suggestions_for_new_articles_and_never_replaces_a_file() {
    let dir = folder();
    std::fs::write(dir.path().join("d.txt"), ARTICLE).unwrap();
    let corpus = Corpus::list(dir.path()).unwrap();
    let todo = corpus.needing_suggestions();
    assert_eq!(todo.len(), 2);
    // The analyst saves d.txt themselves while pre-annotation runs.
    let mine = "(format: \"marginalia-annotations\", version: 2)";
    std::fs::write(dir.path().join("d.txt.ann.ron"), mine).unwrap();

    let (engines, notices) = Engines::for_folder(Engines::shipped, dir.path());
    assert!(notices.is_empty());
    let mut seen = Vec::new();
    let outcome = run(&todo, None, &engines, &AtomicBool::new(false), |i, r| seen.push((i, r.is_ok())));
    assert_eq!(outcome.written, 1);
    assert_eq!(outcome.failed.len(), 1, "d.txt's file is there but does not load: {outcome:?}");
    assert_eq!(std::fs::read_to_string(dir.path().join("d.txt.ann.ron")).unwrap(), mine, "left as it was");
    assert_eq!(seen, vec![(2, true), (3, false)], "c.txt, then d.txt");

    let written = store::load(&dir.path().join("c.txt.ann.ron")).unwrap();
    let summary = Summary::of(&written.annotations);
    assert_eq!(summary.status, DocStatus::New);
    assert!(summary.pending >= 3, "people, places and the claim are suggested: {summary:?}");
    assert_eq!(written.source_path.as_deref(), Some(dir.path().join("c.txt").as_path()));
}

#[test]
fn an_article_that_cannot_be_read_is_reported_and_gets_no_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scan.txt"), b"%PDF-1.4 binary").unwrap();
    std::fs::write(dir.path().join("empty.md"), b"  \n").unwrap();
    let corpus = Corpus::list(dir.path()).unwrap();
    let mut why = Vec::new();
    let outcome = run(&corpus.needing_suggestions(), None, &Engines::shipped().0, &AtomicBool::new(false), |_, r| {
        why.extend(r.as_ref().err().map(ToString::to_string))
    });
    assert_eq!((outcome.written, outcome.failed.len()), (0, 2));
    assert!(why.iter().any(|w| w.contains("PDF")) && why.iter().any(|w| w.contains("empty")), "{why:?}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no annotation file was written");
}

#[test]
fn cancelling_stops_before_the_next_document() {
    let dir = folder();
    let corpus = Corpus::list(dir.path()).unwrap();
    let cancel = AtomicBool::new(true);
    let outcome = run(&corpus.needing_suggestions(), None, &Engines::shipped().0, &cancel, |_, _| {});
    let Outcome { written, failed, cancelled, open_elsewhere } = outcome;
    assert_eq!((written, failed.len(), cancelled, open_elsewhere), (0, 0, true, 0));
    assert!(!dir.path().join("c.txt.ann.ron").exists());
}

#[test]
fn a_learned_model_that_cannot_be_read_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::engines::learned::path(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"not a model").unwrap();
    let (_, notices) = Engines::for_folder(Engines::shipped, dir.path());
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"not a model");
}

#[test]
fn a_document_open_in_a_window_is_left_to_it_and_offered_again() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt"] {
        std::fs::write(dir.path().join(name), ARTICLE).unwrap();
    }
    let a = dir.path().join("a.txt.ann.ron");
    let lock = crate::store::lock::DocLock::acquire(&a).expect("the lock is free");
    // b's lock file is there but cannot be read: nobody can tell it is not held.
    let b = dir.path().join("b.txt.ann.ron");
    std::fs::write(crate::store::lock::lock_path(&b), "not a lock").unwrap();
    let corpus = Corpus::list(dir.path()).unwrap();
    let mut reported = Vec::new();
    let outcome = run(&corpus.needing_suggestions(), None, &Engines::shipped().0, &AtomicBool::new(false), |i, r| {
        reported.push((i, r.as_ref().ok().cloned()))
    });
    assert_eq!((outcome.written, outcome.open_elsewhere), (0, 2));
    assert!(outcome.to_string().contains("2 left alone (open in a window)"), "{outcome}");
    assert!(reported.iter().all(|(_, r)| *r == Some(preannotate::Preannotated::OpenElsewhere)));
    assert!(!a.exists() && !b.exists(), "nothing written under a window's document");
    drop(lock);
    std::fs::remove_file(crate::store::lock::lock_path(&b)).unwrap();
    let outcome = run(&corpus.needing_suggestions(), None, &Engines::shipped().0, &AtomicBool::new(false), |_, _| {});
    assert_eq!(outcome.written, 2, "once the windows let go, both are pre-annotated");
}

#[test]
fn in_a_team_project_the_list_and_pre_annotation_are_the_analysts_own() {
    use crate::team::{Project, Seat, TeamConfig};
    let dir = tempfile::tempdir().unwrap();
    let labels = crate::annotation::LabelSet::new(Vec::new());
    let mut config = TeamConfig { labels, ..Default::default() };
    config.labels.add_as_named("SOURCE");
    let project = Project::init(dir.path(), config).unwrap();
    std::fs::create_dir_all(dir.path().join("documents")).unwrap();
    std::fs::write(dir.path().join("documents/a.txt"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("top.txt"), ARTICLE).unwrap();
    // Ben's file of a.txt is his, not ana's: for her, a.txt has no annotations yet.
    let ben = Seat { project: project.clone(), analyst: "ben".into() };
    let ben_file = ben.annotations_of(Path::new("a.txt"));
    std::fs::create_dir_all(ben.dir()).unwrap();
    let doc = crate::doc::Document::new(ARTICLE.into());
    store::save(&ben_file, &doc, &crate::annotation::Annotations::default(), None).unwrap();
    let ana = Seat { project, analyst: "ana".into() };

    let corpus = Corpus::list_in(dir.path(), Some(ana.clone())).unwrap();
    let names: Vec<&str> = corpus.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a.txt", "top.txt"], "the articles of the root and of documents/");
    assert_eq!(corpus.count_needing_suggestions(), 2);
    let outcome =
        run(&corpus.needing_suggestions(), Some(&ana), &Engines::shipped().0, &AtomicBool::new(false), |_, _| {});
    assert_eq!(outcome.written, 2);
    let written = store::load(&dir.path().join("annotations/ana/a.txt.ann.ron")).unwrap();
    assert!(written.annotations.labels.contains("SOURCE") && !written.annotations.labels.contains("MISC"));
    assert!(written.annotations.tally().pending > 0, "the suggestions, with their labels");
    assert!(!dir.path().join("documents/a.txt.ann.ron").exists() && !dir.path().join("top.txt.ann.ron").exists());

    // Listed again, both are hers; her folder lists the same documents, ben's folder his file.
    let again = corpus.relisted().unwrap();
    assert!(again.documents.iter().all(|d| d.annotations.starts_with(ana.dir()) && d.known == Known::Unread));
    let bens = Corpus::list_in(&ben.dir(), Some(ana.clone())).unwrap();
    assert_eq!(bens.documents.iter().map(|d| d.annotations.clone()).collect::<Vec<_>>(), [ben_file]);
    assert!(bens.team.is_none(), "his folder is a plain folder to her");
}
