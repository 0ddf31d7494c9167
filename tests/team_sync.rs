//! `marginalia sync` as a team uses it: one bare repository, a clone per analyst, each importing
//! their work and syncing — each clone ends with everyone's files, and each sync commits only its
//! analyst's own folder. A conflict in a shared file stops and says which; offline the commit waits
//! for the next sync; outside a repository nothing happens and the message says how to make one.
//!
//! Git runs with no global or system config (`GIT_CONFIG_GLOBAL=/dev/null`), so these tests do not
//! depend on the machine's, and sync's own fallback identity (`ana@marginalia.invalid`) is the one used.

mod cli_support;

use cli_support::files_in;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Git's settings for every run here: none from the machine.
fn isolated(command: &mut Command) -> &mut Command {
    command.env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1").env_remove("GIT_DIR")
}

/// Runs git in `dir`; it must succeed. Gives its standard output.
fn git(dir: &Path, args: &[&str]) -> String {
    let run = isolated(Command::new("git").current_dir(dir).args(args)).output().expect("run git");
    assert!(run.status.success(), "git {args:?} in {}: {}", dir.display(), String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// Runs marginalia as `analyst` in `dir`.
fn as_analyst(analyst: &str, dir: &Path, args: &[&str]) -> Output {
    isolated(Command::new(env!("CARGO_BIN_EXE_marginalia")).current_dir(dir).env("MARGINALIA_USER", analyst).args(args))
        .output()
        .expect("run marginalia")
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// `marginalia sync` as `analyst` in `clone`; it must succeed. Gives what it said.
fn sync(analyst: &str, clone: &Path) -> String {
    let run = as_analyst(analyst, clone, &["sync"]);
    assert!(run.status.success(), "{analyst}'s sync: {}", stderr(&run));
    stderr(&run)
}

/// Imports JSON Lines `data` as `analyst` into the project in `clone`, from a file named `name`.
fn import(analyst: &str, clone: &Path, name: &str, data: &str) {
    let file = clone.parent().unwrap().join(name);
    std::fs::write(&file, data).unwrap();
    let run = as_analyst(analyst, clone, &["import", file.to_str().unwrap(), "-o", ".", "--no-suggest"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

const PRICES: &str = r#"{"text": "Ana Lima said prices fell in Porto.", "spans": [{"start": 0, "end": 8, "label": "PERSON"}], "answer": "accept"}"#;
const PRICES_BEN: &str = r#"{"text": "Ana Lima said prices fell in Porto.", "spans": [{"start": 29, "end": 34, "label": "LOC"}], "answer": "accept"}"#;
const RAIN: &str =
    r#"{"text": "Rain is due on Monday.", "spans": [{"start": 15, "end": 21, "label": "DATE"}], "answer": "accept"}"#;

/// A bare repository and the clones of ana and ben: ana made it a team project (committed and
/// pushed by hand, as `team init` says to), and ben cloned it after.
struct Team {
    dir: tempfile::TempDir,
    remote: PathBuf,
    ana: PathBuf,
    ben: PathBuf,
}

fn team() -> Team {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("news.git");
    git(dir.path(), &["init", "--quiet", "--bare", remote.to_str().unwrap()]);
    git(dir.path(), &["clone", "--quiet", remote.to_str().unwrap(), "ana"]);
    let ana = dir.path().join("ana");
    let init = as_analyst("ana", &ana, &["team", "init", ".", "--analyst", "ana", "--analyst", "ben"]);
    assert!(init.status.success(), "{}", stderr(&init));
    git(&ana, &["add", "."]);
    git(
        &ana,
        &["-c", "user.name=lead", "-c", "user.email=lead@example.org", "commit", "--quiet", "-m", "team project"],
    );
    git(&ana, &["push", "--quiet", "origin", "HEAD"]);
    git(dir.path(), &["clone", "--quiet", remote.to_str().unwrap(), "ben"]);
    let ben = dir.path().join("ben");
    Team { dir, remote, ana, ben }
}

/// The files git tracks under `path` of `clone`.
fn tracked(clone: &Path, path: &str) -> Vec<String> {
    git(clone, &["ls-files", "--", path]).lines().map(str::to_string).collect()
}

#[test]
fn two_analysts_sync_through_one_repository_and_each_sync_commits_only_its_analysts_folder() {
    let t = team();
    import("ana", &t.ana, "ana.jsonl", &format!("{PRICES}\n"));
    import("ben", &t.ben, "ben.jsonl", &format!("{PRICES_BEN}\n{RAIN}\n"));
    // In ana's clone, a stray file in ben's folder (copied by hand, say), and her window's lock.
    std::fs::create_dir_all(t.ana.join("annotations/ben")).unwrap();
    std::fs::write(t.ana.join("annotations/ben/stray.ann.ron"), "not ana's to commit").unwrap();
    std::fs::write(t.ana.join("annotations/ana/.ana-1.ann.ron.lock"), "pid 1").unwrap();

    let said = sync("ana", &t.ana);
    assert!(said.contains("Synced as ana: committed 1 annotation file (ana-1) as "), "{said}");
    assert!(said.contains("pushed 1 commit to origin"), "{said}");
    assert_eq!(git(&t.ana, &["log", "-1", "--format=%s"]).trim(), "ana: 1 annotation file (ana-1)");
    assert_eq!(git(&t.ana, &["log", "-1", "--format=%an <%ae>"]).trim(), "ana <ana@marginalia.invalid>");
    assert_eq!(git(&t.ana, &["show", "--name-only", "--format=", "HEAD"]).trim(), "annotations/ana/ana-1.ann.ron");
    assert!(tracked(&t.ana, "annotations/ben").is_empty(), "ben's folder is never ana's to commit");
    assert_eq!(git(&t.ana, &["status", "--porcelain", "-uall"]).trim(), "?? annotations/ben/stray.ann.ron");

    let said = sync("ben", &t.ben);
    assert!(said.contains("committed 2 annotation files (ben-1, ben-2)"), "{said}");
    assert!(said.contains("pulled 1 commit (ana's)") && said.contains("pushed 1 commit to origin"), "{said}");
    assert_eq!(files_in(&t.ben.join("annotations/ana")), ["ana-1.ann.ron"]);

    let said = sync("ana", &t.ana);
    assert!(said.contains("nothing new of yours to commit") && said.contains("pulled 1 commit (ben's)"), "{said}");
    assert!(said.contains("origin has all your commits"), "{said}");
    assert_eq!(files_in(&t.ana.join("annotations/ben")), ["ben-1.ann.ron", "ben-2.ann.ron", "stray.ann.ron"]);
    assert_eq!(tracked(&t.ana, "annotations/ben"), ["annotations/ben/ben-1.ann.ron", "annotations/ben/ben-2.ann.ron"]);
    assert_eq!(std::fs::read_to_string(t.ana.join("annotations/ben/stray.ann.ron")).unwrap(), "not ana's to commit");
    assert!(tracked(&t.ana, "annotations/ana/.ana-1.ann.ron.lock").is_empty(), "the lock is this machine's");
    for clone in [&t.ana, &t.ben] {
        let head = git(clone, &["rev-parse", "HEAD"]);
        assert_eq!(head, git(&t.remote, &["rev-parse", "HEAD"]), "{} has what the remote has", clone.display());
    }
}

#[test]
fn a_conflict_in_a_shared_file_stops_naming_it_and_leaves_no_rebase_half_done() {
    let t = team();
    let config = |clone: &Path, guidelines: &str| {
        let path = clone.join("marginalia-team.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches("guidelines: None").count(), 1, "{text}");
        std::fs::write(&path, text.replace("guidelines: None", &format!("guidelines: Some({guidelines:?})"))).unwrap();
    };
    config(&t.ana, "ana.md");
    let said = sync("ana", &t.ana);
    assert!(said.contains("committed 1 file (marginalia-team.ron)") && said.contains("pushed 1 commit"), "{said}");
    config(&t.ben, "ben.md");
    import("ben", &t.ben, "ben.jsonl", &format!("{RAIN}\n"));

    let run = as_analyst("ben", &t.ben, &["sync"]);
    assert!(!run.status.success(), "a conflict is an error");
    let said = stderr(&run);
    assert!(said.contains("conflicts in marginalia-team.ron"), "{said}");
    assert!(said.contains("The pull was undone") && said.contains("git rebase --continue"), "{said}");
    assert!(said.contains("your commit") && said.contains("is kept"), "{said}");
    let git_dir = t.ben.join(".git");
    assert!(!git_dir.join("rebase-merge").exists() && !git_dir.join("rebase-apply").exists(), "not mid-rebase");
    assert_eq!(git(&t.ben, &["status", "--porcelain"]).trim(), "", "nothing left staged or unmerged");
    assert_eq!(git(&t.ben, &["log", "-1", "--format=%s"]).trim(), "ben: 2 files (ben-1, marginalia-team.ron)");
    assert!(std::fs::read_to_string(t.ben.join("marginalia-team.ron")).unwrap().contains("ben.md"), "his edit stays");
    assert_eq!(files_in(&t.ben.join("annotations/ben")), ["ben-1.ann.ron"]);
}

#[test]
fn offline_the_commit_is_kept_and_pushed_on_the_next_sync() {
    let t = team();
    import("ana", &t.ana, "ana.jsonl", &format!("{PRICES}\n"));
    let away = t.dir.path().join("elsewhere.git");
    std::fs::rename(&t.remote, &away).unwrap();
    let said = sync("ana", &t.ana);
    assert!(said.contains("committed 1 annotation file (ana-1)"), "{said}");
    assert!(said.contains("offline: origin could not be reached"), "{said}");
    assert!(said.contains("will be pushed on the next sync"), "{said}");
    assert_eq!(git(&t.ana, &["log", "-1", "--format=%s"]).trim(), "ana: 1 annotation file (ana-1)");

    std::fs::rename(&away, &t.remote).unwrap();
    let said = sync("ana", &t.ana);
    assert!(said.contains("nothing new of yours to commit") && said.contains("pushed 1 commit to origin"), "{said}");
    assert_eq!(git(&t.remote, &["log", "-1", "--format=%s"]).trim(), "ana: 1 annotation file (ana-1)");
}

#[test]
fn without_a_remote_sync_commits_locally_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir_all(&root).unwrap();
    git(&root, &["init", "--quiet"]);
    let init = as_analyst("ana", &root, &["team", "init", "."]);
    assert!(init.status.success(), "{}", stderr(&init));
    import("ana", &root, "ana.jsonl", &format!("{PRICES}\n{RAIN}\n"));
    let said = sync("ana", &root);
    assert!(said.contains("committed 3 files (ana-1, ana-2, marginalia-team.ron)"), "{said}");
    assert!(said.contains("no remote: committed locally"), "{said}");
    assert_eq!(git(&root, &["status", "--porcelain"]).trim(), "?? .gitignore", "the rest is the lead's to commit");
}

#[test]
fn outside_a_repository_or_a_team_project_sync_says_what_is_missing_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    let init = as_analyst("ana", dir.path(), &["team", "init", root.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let before = files_in(&root);
    let run = as_analyst("ana", &root, &["sync"]);
    assert!(!run.status.success());
    let said = stderr(&run);
    assert!(said.contains("is not in a git repository") && said.contains("git init"), "{said}");
    assert!(said.contains("nothing was changed"), "{said}");
    assert_eq!(files_in(&root), before, "no repository made");

    let plain = dir.path().join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let run = as_analyst("ana", dir.path(), &["sync", plain.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("is not in a team project"), "{}", stderr(&run));
}

#[cfg(unix)]
#[test]
fn a_push_refused_because_someone_pushed_meanwhile_pulls_and_pushes_again() {
    use std::os::unix::fs::PermissionsExt;
    let t = team();
    // Ben pushes while ana's sync pushes: her first push is refused.
    let once = t.dir.path().join("ben-pushed");
    let hook = t.ana.join(".git/hooks/pre-push");
    let ben_git =
        "env -u GIT_DIR -u GIT_INDEX_FILE -u GIT_WORK_TREE git -c user.name=ben -c user.email=ben@example.org";
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\n[ -e '{once}' ] && exit 0\ntouch '{once}'\ncd '{ben}' && mkdir -p annotations/ben && echo x > annotations/ben/late.ann.ron && {ben_git} add . && {ben_git} commit -qm 'ben: late' && {ben_git} push -q origin HEAD\n",
            once = once.display(),
            ben = t.ben.display(),
        ),
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    import("ana", &t.ana, "ana.jsonl", &format!("{PRICES}\n"));
    let said = sync("ana", &t.ana);
    assert!(once.exists(), "ben pushed during her push");
    assert!(said.contains("pulled 1 commit (ben's)") && said.contains("pushed 1 commit to origin"), "{said}");
    let id = git(&t.remote, &["rev-parse", "--short", "HEAD"]);
    assert!(said.contains(&format!("as {}", id.trim())), "the commit named is the one pushed: {said}");
    assert_eq!(git(&t.remote, &["log", "--format=%s"]), "ana: 1 annotation file (ana-1)\nben: late\nteam project\n");
}
