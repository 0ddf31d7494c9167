//! Syncing one analyst's work with the team through git: commit what they changed, pull the
//! others' work with a rebase, push.
//!
//! Why this can be one button: the project's layout gives every analyst a folder no one else
//! writes, so rebasing one's own commits on the others' never conflicts in one's own files. So sync
//! stages exactly that folder, and the shared files someone here edits on purpose (the curated
//! versions a reviewer writes, the team's config, the guidelines) — never another analyst's folder,
//! even when a stray file of theirs lies in this clone, and nothing the project's `.gitignore`
//! leaves out (locks, reading positions, what the suggestions learned). When a shared file does
//! conflict, the pull is undone and the analyst told which files and what to do; when the remote
//! cannot be reached, the commit stays here and goes out with the next sync. Files change only
//! through git, and nothing is ever deleted.

use super::git::{Git, GitError, LOCAL, NETWORK, Output};
use super::{ANNOTATIONS_DIR, CONFIG_FILE, CURATED_DIR, Seat};
use std::path::{Component, Path, PathBuf};

/// What a sync did.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncReport {
    pub analyst: String,
    /// The files committed, as paths in the project (`annotations/ana/a.txt.ann.ron`).
    pub committed: Vec<String>,
    pub commit: Option<Commit>,
    pub pulled: Pulled,
    pub pushed: Pushed,
}

impl SyncReport {
    /// The commits could not be pushed (they go out with the next sync).
    pub fn is_offline(&self) -> bool {
        matches!(self.pushed, Pushed::Offline { .. })
    }

    /// What the sync did, in a sentence: `Synced as ana: committed 2 annotation files (a.txt,
    /// b.txt) as 1a2b3c4; pulled 1 commit (ben's files); pushed 1 commit to origin.`
    pub fn sentence(&self) -> String {
        let mine = match &self.commit {
            Some(c) => {
                let what = c.message.strip_prefix(&format!("{}: ", self.analyst)).unwrap_or(&c.message);
                format!("committed {what} as {}", c.id)
            }
            None => "nothing new of yours to commit".into(),
        };
        let theirs = if self.pulled.commits == 0 {
            "nothing new from the team".to_string()
        } else {
            let mut whose: Vec<String> = self
                .pulled
                .analysts
                .iter()
                .map(|a| if *a == self.analyst { "yours from elsewhere".into() } else { format!("{a}'s") })
                .collect();
            whose.extend(self.pulled.shared.iter().cloned());
            let whose = if whose.is_empty() { String::new() } else { format!(" ({})", whose.join(", ")) };
            format!("pulled {}{whose}", plural(self.pulled.commits, "commit"))
        };
        let out = match &self.pushed {
            Pushed::Pushed { remote, commits } => {
                format!("{theirs}; pushed {} to {remote}", plural(*commits, "commit"))
            }
            Pushed::UpToDate { remote } => format!("{theirs}; {remote} has all your commits"),
            Pushed::NoRemote => {
                "no remote: committed locally (`git remote add origin URL` shares it with the team)".into()
            }
            Pushed::Offline { remote, why } => format!(
                "offline: {remote} could not be reached ({why}); your work is committed here and will be pushed on the next sync"
            ),
        };
        format!("Synced as {}: {mine}; {out}.", self.analyst)
    }
}

/// The commit a sync made.
#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    /// Its short id.
    pub id: String,
    pub message: String,
}

/// What came in from the remote.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pulled {
    pub commits: usize,
    /// The analysts whose folders those commits changed.
    pub analysts: Vec<String>,
    /// The other files they changed (curated versions, the config, the guidelines), as paths in
    /// the repository.
    pub shared: Vec<String>,
}

/// Whether the commits went out.
#[derive(Debug, Clone, PartialEq)]
pub enum Pushed {
    Pushed {
        remote: String,
        commits: usize,
    },
    /// The remote has every commit already.
    UpToDate {
        remote: String,
    },
    /// The repository has no remote: the commits stay here.
    NoRemote,
    /// The remote could not be reached: the commits stay here until the next sync.
    Offline {
        remote: String,
        why: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "{} is not in a git repository, so there is nothing to sync with; nothing was changed. Make it one (`git init`, then `git remote add origin URL`), or clone the team's repository and work in the clone",
        .0.display()
    )]
    NotARepo(PathBuf),
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(
        "the repository is not on a branch (a detached HEAD, or a rebase left unfinished); nothing was changed. Finish it with git (`git rebase --continue` or `git rebase --abort`, or `git switch BRANCH`), then sync again"
    )]
    NoBranch,
    #[error("{}", conflict_message(.remote, .files, .kept.as_ref()))]
    Conflict { remote: String, files: Vec<String>, kept: Option<Commit> },
    #[error("git could not {step}: {why}{}", kept_note(.kept.as_ref()))]
    Failed { step: String, why: String, kept: Option<Commit> },
}

fn conflict_message(remote: &str, files: &[String], kept: Option<&Commit>) -> String {
    let kept = kept.map(|c| format!("; your commit {} is kept", c.id)).unwrap_or_default();
    format!(
        "pulling from {remote} conflicts in {}: edited here and in the commits pulled (files outside your own folder). \
         The pull was undone, so the repository is as it was before it, and nothing was pushed{kept}. \
         Resolve it with git (`git pull --rebase`, fix the files, `git add` them, `git rebase --continue`), then sync again",
        files.join(", ")
    )
}

fn kept_note(kept: Option<&Commit>) -> String {
    kept.map(|c| format!(" (your commit {} is kept; nothing was pushed)", c.id)).unwrap_or_default()
}

/// Commits the analyst's changed files, pulls the others' with a rebase, and pushes.
pub fn sync(seat: &Seat) -> Result<SyncReport, SyncError> {
    let repo = Repo::open(seat)?;
    let branch = repo.git.run(&["symbolic-ref", "--short", "-q", "HEAD"], LOCAL)?;
    if !branch.ok {
        return Err(SyncError::NoBranch);
    }
    let branch = branch.line().to_string();
    let (committed, commit) = repo.commit_own(seat)?;
    let mut report = SyncReport {
        analyst: seat.analyst.clone(),
        committed,
        commit,
        pulled: Pulled::default(),
        pushed: Pushed::NoRemote,
    };
    if let Some(remote) = repo.remote(&branch)? {
        report.pushed = repo.exchange(&remote, &branch, &mut report.pulled, report.commit.as_ref())?;
        // Rebased on what came in, the commit is another: the report names the one that stays.
        if let Some(commit) = report.commit.as_mut().filter(|_| report.pulled.commits > 0) {
            commit.id = repo.local("read the commit's id", &["rev-parse", "--short", "HEAD"], None)?.line().to_string();
        }
    }
    Ok(report)
}

/// The repository a project is in.
struct Repo {
    git: Git,
    /// The project's root in the repository (`""` when it is the repository's top).
    prefix: String,
}

/// The remote a sync talks to; `upstream` when the branch tracks one of its branches.
struct Remote {
    name: String,
    upstream: bool,
}

/// What a pull did: fetched the branch (or found the remote without it), or reached no one.
enum Pull {
    Fetched { has_branch: bool },
    Offline(String),
}

/// What a step that talks to the remote gave.
enum Net {
    Done,
    Offline(String),
    Failed(Output),
}

impl Repo {
    fn open(seat: &Seat) -> Result<Repo, SyncError> {
        let root = &seat.project.root;
        let found = Git::at(root).run(&["rev-parse", "--show-toplevel"], LOCAL)?;
        if !found.ok {
            if found.stderr.contains("not a git repository") {
                return Err(SyncError::NotARepo(root.clone()));
            }
            return Err(SyncError::Failed { step: "open the repository".into(), why: found.why(), kept: None });
        }
        let top = PathBuf::from(found.line());
        let in_repo = std::fs::canonicalize(root)
            .ok()
            .and_then(|r| Some(r.strip_prefix(std::fs::canonicalize(&top).ok()?).ok()?.to_path_buf()));
        let Some(in_repo) = in_repo else {
            let why = format!("{} is not inside {}", root.display(), top.display());
            return Err(SyncError::Failed { step: "find the project in the repository".into(), why, kept: None });
        };
        let mut git = Git::at(&top);
        // Rebasing needs an identity as much as committing does.
        let email = format!("{}@marginalia.invalid", seat.analyst);
        for (key, fallback) in [("user.name", seat.analyst.as_str()), ("user.email", email.as_str())] {
            let set = git.run(&["config", "--get", key], LOCAL)?;
            if !set.ok || set.line().is_empty() {
                git.set(key, fallback);
            }
        }
        if git.run(&["config", "--get", "core.sshCommand"], LOCAL)?.ok {
            git.keep_ssh();
        }
        Ok(Repo { git, prefix: git_path(&in_repo) })
    }

    /// A path of the project as the repository names it.
    fn in_repo(&self, path: &str) -> String {
        if self.prefix.is_empty() { path.to_string() } else { format!("{}/{path}", self.prefix) }
    }

    /// A path of the repository as the project names it (unchanged outside the project).
    fn in_project<'a>(&self, path: &'a str) -> &'a str {
        if self.prefix.is_empty() {
            return path;
        }
        path.strip_prefix(&self.prefix).and_then(|p| p.strip_prefix('/')).unwrap_or(path)
    }

    /// Runs a step on this machine; one that fails is an error saying which step.
    fn local(&self, step: &str, args: &[&str], kept: Option<&Commit>) -> Result<Output, SyncError> {
        let out = self.git.run(args, LOCAL)?;
        if out.ok { Ok(out) } else { Err(SyncError::Failed { step: step.into(), why: out.why(), kept: kept.cloned() }) }
    }

    /// What sync may commit: the analyst's folder and the shared files, as the repository names them.
    fn candidates(&self, seat: &Seat) -> Vec<String> {
        let mut paths =
            vec![format!("{ANNOTATIONS_DIR}/{}", seat.analyst), CURATED_DIR.to_string(), CONFIG_FILE.to_string()];
        // The guidelines only where the config names a file inside the project.
        if let Some(g) = &seat.project.config.guidelines
            && Path::new(g).components().all(|c| matches!(c, Component::Normal(_)))
        {
            paths.push(git_path(Path::new(g)));
        }
        paths.iter().map(|p| self.in_repo(p)).collect()
    }

    /// Stages and commits what changed of [`candidates`](Self::candidates) (and nothing staged
    /// by hand elsewhere): the files committed, and the commit.
    fn commit_own(&self, seat: &Seat) -> Result<(Vec<String>, Option<Commit>), SyncError> {
        let candidates = self.candidates(seat);
        let status = ["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"];
        let listed = self.local("list what changed", &with_paths(&status, &candidates), None)?;
        let changed: Vec<&str> =
            listed.stdout.split('\0').filter_map(|r| r.get(3..)).filter(|p| !p.is_empty()).collect();
        let used: Vec<String> = candidates
            .into_iter()
            .filter(|c| {
                changed.iter().any(|p| p == c || p.strip_prefix(c.as_str()).is_some_and(|r| r.starts_with('/')))
            })
            .collect();
        if used.is_empty() {
            return Ok((Vec::new(), None));
        }
        self.local("stage your files", &with_paths(&["--literal-pathspecs", "add", "--all"], &used), None)?;
        let staged = ["--literal-pathspecs", "diff", "--cached", "--name-only", "-z", "--no-renames"];
        let staged = self.local("list what is staged", &with_paths(&staged, &used), None)?;
        let files: Vec<String> =
            staged.stdout.split('\0').filter(|p| !p.is_empty()).map(|p| self.in_project(p).to_string()).collect();
        if files.is_empty() {
            return Ok((Vec::new(), None));
        }
        let message = format!("{}: {}", seat.analyst, describe_files(&seat.analyst, &files));
        let commit = ["--literal-pathspecs", "commit", "--quiet", "--no-edit", "--only", "-m", &message];
        self.local("commit your files", &with_paths(&commit, &used), None)?;
        let id = self.local("read the commit's id", &["rev-parse", "--short", "HEAD"], None)?.line().to_string();
        Ok((files, Some(Commit { id, message })))
    }

    /// The remote to sync with: the branch's upstream's, else `origin`, else the only one.
    fn remote(&self, branch: &str) -> Result<Option<Remote>, SyncError> {
        let upstream = self.git.run(&["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"], LOCAL)?;
        if upstream.ok {
            let name = self.git.run(&["config", "--get", &format!("branch.{branch}.remote")], LOCAL)?;
            if name.ok && !matches!(name.line(), "" | ".") {
                return Ok(Some(Remote { name: name.line().to_string(), upstream: true }));
            }
        }
        let remotes = self.local("list the remotes", &["remote"], None)?;
        let names: Vec<&str> = remotes.stdout.lines().map(str::trim).filter(|n| !n.is_empty()).collect();
        let name = names.iter().find(|n| **n == "origin").or(names.first());
        Ok(name.map(|n| Remote { name: n.to_string(), upstream: false }))
    }

    /// Pulls, then pushes; a push refused because someone pushed meanwhile pulls and pushes once more.
    fn exchange(
        &self,
        remote: &Remote,
        branch: &str,
        pulled: &mut Pulled,
        kept: Option<&Commit>,
    ) -> Result<Pushed, SyncError> {
        let offline = |why| Ok(Pushed::Offline { remote: remote.name.clone(), why });
        let mut retried = false;
        loop {
            let has_branch = match self.pull(remote, branch, pulled, kept)? {
                Pull::Fetched { has_branch } => has_branch,
                Pull::Offline(why) => return offline(why),
            };
            let base = if has_branch { "FETCH_HEAD..HEAD" } else { "HEAD" };
            let ahead = self.git.run(&["rev-list", "--count", base], LOCAL)?;
            let commits: usize = if ahead.ok { ahead.line().parse().unwrap_or(0) } else { 0 };
            if commits == 0 {
                return Ok(Pushed::UpToDate { remote: remote.name.clone() });
            }
            let push: &[&str] = if remote.upstream { &["push"] } else { &["push", "-u", &remote.name, "HEAD"] };
            match self.network(push)? {
                Net::Done => return Ok(Pushed::Pushed { remote: remote.name.clone(), commits }),
                Net::Offline(why) => return offline(why),
                Net::Failed(out) if !retried && is_rejected(&out.stderr) => retried = true,
                Net::Failed(out) => {
                    let step = format!("push to {}", remote.name);
                    return Err(SyncError::Failed { step, why: out.why(), kept: kept.cloned() });
                }
            }
        }
    }

    /// Fetches the branch from `remote` and rebases this one's commits on it, adding what came in
    /// to `pulled`. A conflict undoes the rebase, and is an error naming the files.
    fn pull(
        &self,
        remote: &Remote,
        branch: &str,
        pulled: &mut Pulled,
        kept: Option<&Commit>,
    ) -> Result<Pull, SyncError> {
        if !remote.upstream {
            let wanted = format!("refs/heads/{branch}");
            match self.network(&["ls-remote", "--exit-code", "--heads", &remote.name, &wanted])? {
                Net::Done => {}
                Net::Offline(why) => return Ok(Pull::Offline(why)),
                // An empty remote, or one without this branch: there is nothing to pull.
                Net::Failed(out) if out.code == Some(2) => return Ok(Pull::Fetched { has_branch: false }),
                Net::Failed(out) => {
                    let step = format!("ask {} for its branch {branch}", remote.name);
                    return Err(SyncError::Failed { step, why: out.why(), kept: kept.cloned() });
                }
            }
        }
        let before = self.commit_of("HEAD")?;
        let pull: &[&str] = if remote.upstream {
            &["pull", "--rebase", "--autostash", "--quiet"]
        } else {
            &["pull", "--rebase", "--autostash", "--quiet", &remote.name, branch]
        };
        let outcome = self.network(pull);
        // A rebase that stopped (on a conflict, or when git was stopped) is undone first, whatever else.
        if self.rebasing()? {
            let unmerged = self.git.run(&["diff", "--name-only", "-z", "--diff-filter=U"], LOCAL)?;
            self.local("undo the pull", &["rebase", "--abort"], kept)?;
            let files: Vec<String> =
                unmerged.stdout.split('\0').filter(|p| !p.is_empty()).map(|p| self.in_project(p).to_string()).collect();
            if !files.is_empty() {
                return Err(SyncError::Conflict { remote: remote.name.clone(), files, kept: kept.cloned() });
            }
        }
        match outcome? {
            Net::Done => {}
            Net::Offline(why) => return Ok(Pull::Offline(why)),
            Net::Failed(out) => {
                let step = format!("pull from {}", remote.name);
                return Err(SyncError::Failed { step, why: out.why(), kept: kept.cloned() });
            }
        }
        self.count_pulled(before.as_deref(), pulled)?;
        Ok(Pull::Fetched { has_branch: true })
    }

    /// Adds to `pulled` the commits fetched that `before` did not have, and whose files they changed.
    fn count_pulled(&self, before: Option<&str>, pulled: &mut Pulled) -> Result<(), SyncError> {
        let Some(theirs) = self.commit_of("FETCH_HEAD")? else { return Ok(()) };
        let range = before.map_or_else(|| theirs.clone(), |b| format!("{b}..{theirs}"));
        let count = self.local("count the commits pulled", &["rev-list", "--count", &range], None)?;
        let commits: usize = count.line().parse().unwrap_or(0);
        if commits == 0 {
            return Ok(());
        }
        pulled.commits += commits;
        let files = match before {
            Some(b) => self.local(
                "list what the pull changed",
                &["diff", "--name-only", "-z", "--no-renames", &format!("{b}...{theirs}")],
                None,
            )?,
            None => self.local("list what the pull brought", &["ls-tree", "-r", "--name-only", "-z", &theirs], None)?,
        };
        let folders = format!("{ANNOTATIONS_DIR}/");
        for file in files.stdout.split('\0').filter(|p| !p.is_empty()) {
            let path = self.in_project(file);
            match path.strip_prefix(&folders).and_then(|rest| rest.split_once('/')) {
                Some((analyst, _)) if !pulled.analysts.iter().any(|a| a == analyst) => {
                    pulled.analysts.push(analyst.to_string())
                }
                Some(_) => {}
                None if !pulled.shared.iter().any(|s| s == path) => pulled.shared.push(path.to_string()),
                None => {}
            }
        }
        pulled.analysts.sort();
        pulled.shared.sort();
        Ok(())
    }

    /// The commit `name` is, if it is one.
    fn commit_of(&self, name: &str) -> Result<Option<String>, SyncError> {
        let out = self.git.run(&["rev-parse", "-q", "--verify", &format!("{name}^{{commit}}")], LOCAL)?;
        Ok(out.ok.then(|| out.line().to_string()))
    }

    /// Whether a rebase is stopped half-way.
    fn rebasing(&self) -> Result<bool, SyncError> {
        for state in ["rebase-merge", "rebase-apply"] {
            let out = self.git.run(&["rev-parse", "--path-format=absolute", "--git-path", state], LOCAL)?;
            if out.ok && Path::new(out.line()).is_dir() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Runs a step that talks to the remote: done, offline (it could not be reached, or did not
    /// answer in time), or failed otherwise.
    fn network(&self, args: &[&str]) -> Result<Net, SyncError> {
        match self.git.run(args, NETWORK) {
            Ok(out) if out.ok => Ok(Net::Done),
            Ok(out) if is_unreachable(&out.stderr) => Ok(Net::Offline(out.why())),
            Ok(out) => Ok(Net::Failed(out)),
            Err(GitError::TimedOut { secs, .. }) => Ok(Net::Offline(format!("it did not answer within {secs} s"))),
            Err(e) => Err(e.into()),
        }
    }
}

/// `args`, then `--`, then `paths`.
fn with_paths<'a>(args: &[&'a str], paths: &'a [String]) -> Vec<&'a str> {
    args.iter().copied().chain(["--"]).chain(paths.iter().map(String::as_str)).collect()
}

/// A relative path as git writes it (`/` between the parts).
fn git_path(path: &Path) -> String {
    let parts: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// What a commit holds, for its message: `3 annotation files (a.txt, b.txt, c.txt)`, then the other
/// files by their paths (`and marginalia-team.ron`); five names at most, then how many more.
pub(super) fn describe_files(analyst: &str, files: &[String]) -> String {
    let own = format!("{ANNOTATIONS_DIR}/{analyst}/");
    let (mine, others): (Vec<&String>, Vec<&String>) = files
        .iter()
        .partition(|f| f.strip_prefix(&own).is_some_and(|rest| crate::store::is_annotation_file_name(Path::new(rest))));
    let names: Vec<String> = mine
        .iter()
        .map(|f| super::documents::document_name(Path::new(f.as_str())))
        .chain(others.iter().map(|f| f.to_string()))
        .collect();
    let listed = names.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    let more = names.len().saturating_sub(5);
    let listed = if more > 0 { format!("{listed} and {more} more") } else { listed };
    let what = if others.is_empty() { "annotation file" } else { "file" };
    format!("{} ({listed})", plural(files.len(), what))
}

/// `1 file`, `2 files`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// A push the remote refused because it has commits this clone has not (someone pushed meanwhile).
fn is_rejected(stderr: &str) -> bool {
    ["[rejected]", "non-fast-forward", "fetch first", "[remote rejected]"].iter().any(|s| stderr.contains(s))
}

/// What git says when the remote cannot be reached (no network, a moved repository, no access).
fn is_unreachable(stderr: &str) -> bool {
    [
        "Could not read from remote repository",
        "does not appear to be a git repository",
        "unable to access",
        "Could not resolve host",
        "Connection refused",
        "Connection timed out",
        "Network is unreachable",
        "No route to host",
        "unable to connect",
        "Operation timed out",
    ]
    .iter()
    .any(|s| stderr.contains(s))
}
