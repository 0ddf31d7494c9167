//! Several processes on one document, and processes that die: the file on disk always loads, a
//! second process is told who has the document open, and a save never replaces a version it did not
//! see. The other processes are this test binary run again as a child (see [`child`]).

use marginalia::session::{Edit, Session};
use marginalia::store::disk::{self, OnDisk};
use marginalia::store::lock::{DocLock, NotLocked};
use marginalia::store::resume;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = include_str!("../assets/samples/harbour-strike.txt");
const ROLE: &str = "MARGINALIA_TEST_CHILD";
const ARTICLE_PATH: &str = "MARGINALIA_TEST_ARTICLE";

/// Runs this test binary again as a child playing `role` on the article at `article`.
fn spawn(role: &str, article: &Path) -> Child {
    let exe = std::env::current_exe().expect("the test binary");
    Command::new(exe)
        .args(["--exact", "child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(ARTICLE_PATH, article)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the child starts")
}

fn folder_with_article() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("harbour-strike.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    (dir, article)
}

fn wait_for(what: &str, done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(120), "{what} did not happen");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Opens the article as the window does and gives it some suggestions to decide on.
fn open(article: &Path) -> (Session, OnDisk) {
    let opened = marginalia::workspace::open(article).expect("the article opens");
    let mut session = opened.session;
    if opened.needs_suggestions {
        use marginalia::suggest::Suggester;
        let rules = marginalia::rules::RuleSuggester::default().suggest(session.doc());
        let suggestions = marginalia::suggest::resolve_overlaps(rules);
        session.add_suggestions(suggestions);
    }
    (session, opened.disk)
}

fn save(s: &Session, disk: &OnDisk) -> Result<OnDisk, marginalia::store::SaveError> {
    let path = s.save_path.as_deref().expect("an annotation file");
    disk::save(path, s.doc(), s.annotations(), s.article_path.as_deref(), disk)
}

/// The child's part, chosen by `$MARGINALIA_TEST_CHILD` (ignored when run as a test of its own).
#[test]
#[ignore]
fn child() {
    let (Ok(role), Ok(article)) = (std::env::var(ROLE), std::env::var(ARTICLE_PATH)) else { return };
    let article = PathBuf::from(article);
    match role.as_str() {
        // Decide and save (and note the place) as fast as it can, until killed.
        "saver" => {
            let (mut s, mut disk) = open(&article);
            let path = s.save_path.clone().expect("an annotation file");
            let _lock = DocLock::acquire(&path).ok();
            println!("started");
            for n in 0usize.. {
                let edit = match n % 5 {
                    0 | 2 => Edit::Accept,
                    1 => Edit::Reject,
                    3 => Edit::Undo,
                    _ => Edit::NextPending,
                };
                s.apply(edit);
                disk = save(&s, &disk).expect("the child's saves succeed");
                let _ = resume::write(&path, s.position());
            }
        }
        // Try to take the lock and say who has it.
        "locker" => match DocLock::acquire(&marginalia::store::annotation_path_for(&article)) {
            Ok(_lock) => println!("locked"),
            Err(NotLocked::Held(h)) => println!("held by {}", h.pid),
            Err(NotLocked::Unavailable(e)) => println!("unavailable {e}"),
            Err(NotLocked::Unreadable(path)) => println!("unreadable {}", path.display()),
        },
        other => panic!("no such child role {other}"),
    }
}

#[test]
fn a_process_killed_while_saving_never_leaves_a_file_that_does_not_load() {
    let (dir, article) = folder_with_article();
    let ann = marginalia::store::annotation_path_for(&article);
    let mut rng = fastrand::Rng::with_seed(7);
    for round in 0..4 {
        let mut child = spawn("saver", &article);
        wait_for("the child's first save", || ann.exists());
        std::thread::sleep(Duration::from_millis(rng.u64(20..400)));
        child.kill().expect("kill -9 the child");
        let _ = child.wait();
        let loaded =
            marginalia::store::load(&ann).unwrap_or_else(|e| panic!("round {round}: the file does not load: {e}"));
        assert_eq!(loaded.doc.text(), ARTICLE);
        if resume::position_path(&ann).exists() {
            let p = resume::read(&ann).unwrap_or_else(|| panic!("round {round}: the place beside it does not read"));
            let on_a_span =
                p.span.is_none_or(|id| loaded.annotations.get(marginalia::annotation::SpanId(id)).is_some());
            assert!(on_a_span, "round {round}: the place names a span of the file");
        }
        // The dead child's lock is stale: the next process takes it over.
        let lock = DocLock::acquire(&ann);
        assert!(lock.is_ok(), "round {round}: a dead process's lock is taken over: {:?}", lock.err());
    }
    drop(dir);
}

#[test]
fn a_second_process_is_told_who_has_the_document_open() {
    let (_dir, article) = folder_with_article();
    let ann = marginalia::store::annotation_path_for(&article);
    let lock = DocLock::acquire(&ann).expect("this process locks it");
    let out = spawn("locker", &article).wait_with_output().expect("the child ends");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("held by {}", std::process::id())), "{said}");
    drop(lock);
    let out = spawn("locker", &article).wait_with_output().expect("the child ends");
    assert!(String::from_utf8_lossy(&out.stdout).contains("locked"), "once it is closed, the other takes it");
}

#[test]
fn a_file_replaced_between_two_saves_is_not_overwritten_and_a_save_beside_it_loads() {
    let (dir, article) = folder_with_article();
    let (mut mine, disk) = open(&article);
    let disk = save(&mine, &disk).expect("the first save");
    // Another process loads it, decides, and saves (a rename over the file, as git checkouts do).
    let (mut theirs, their_disk) = open(&article);
    theirs.apply(Edit::Reject);
    let staged = dir.path().join("staged");
    theirs.save_path = Some(staged.clone());
    save(&theirs, &OnDisk::Absent).expect("staged");
    std::fs::rename(&staged, mine.save_path.as_ref().unwrap()).unwrap();
    let _ = their_disk;
    let on_disk = std::fs::read(mine.save_path.as_ref().unwrap()).unwrap();
    mine.apply(Edit::Accept);
    let refused = save(&mine, &disk);
    assert!(matches!(refused, Err(marginalia::store::SaveError::Changed { .. })), "{refused:?}");
    assert_eq!(std::fs::read(mine.save_path.as_ref().unwrap()).unwrap(), on_disk, "theirs is untouched");
    let beside = dir.path().join("harbour-strike.txt.mine.ann.ron");
    mine.save_path = Some(beside.clone());
    save(&mine, &OnDisk::Absent).expect("ours is kept beside it");
    assert!(marginalia::store::load(&beside).unwrap().annotations == *mine.annotations());
}
