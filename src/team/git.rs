//! Running the system `git` for a sync, so that it never waits on a person.
//!
//! Why the system binary rather than a git library: it is on every machine that has the team's
//! repository, and it brings the analyst's own setup with it — their credential helper, SSH keys,
//! proxy and hooks work exactly as in their terminal. What it must not bring is a question: a sync
//! runs behind a window (or a script) where nobody answers a password prompt, an editor or an SSH
//! host-key question. So every run has standard input closed, no terminal prompt and no askpass, an
//! editor that accepts at once, SSH in batch mode (unless the analyst set their own SSH command),
//! English messages (`LC_ALL=C`: they are read back), and a time limit after which git and what it
//! started are stopped.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a step on this machine may take (status, add, commit, a rebase).
pub const LOCAL: Duration = Duration::from_secs(60);
/// How long a step that talks to the remote may take (pull, push, ls-remote).
pub const NETWORK: Duration = Duration::from_secs(120);

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("could not run git ({0}); install git (https://git-scm.com) or put it on the PATH")]
    Missing(std::io::Error),
    #[error("`git {args}` took more than {secs} s and was stopped; nothing was changed after that step")]
    TimedOut { args: String, secs: u64 },
}

/// What one git run said.
#[derive(Debug, Clone)]
pub struct Output {
    pub ok: bool,
    /// Its exit code (none when a signal ended it).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Its standard output, trimmed (for one-line answers).
    pub fn line(&self) -> &str {
        self.stdout.trim()
    }

    /// What git said went wrong, on one line (without its hints and advice).
    pub fn why(&self) -> String {
        let said: Vec<&str> = self
            .stderr
            .lines()
            .map(|l| l.trim().trim_start_matches("fatal: ").trim_start_matches("error: "))
            .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
            .filter(|l| !l.starts_with("Please make sure you have") && *l != "and the repository exists.")
            .collect();
        if said.is_empty() { "git gave no reason".into() } else { said.join("; ") }
    }
}

/// Git run in one work tree, with the same settings each time.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
    /// `-c name=value` settings given to every run (an identity where none is configured).
    config: Vec<String>,
    /// SSH in batch mode, unless the analyst chose their own SSH command.
    batch_ssh: bool,
}

impl Git {
    /// Git run in `dir`.
    pub fn at(dir: &Path) -> Git {
        let batch_ssh = std::env::var_os("GIT_SSH_COMMAND").is_none() && std::env::var_os("GIT_SSH").is_none();
        Git { dir: dir.to_path_buf(), config: Vec::new(), batch_ssh }
    }

    /// Gives every later run the setting `name=value`.
    pub fn set(&mut self, name: &str, value: &str) {
        self.config.push(format!("{name}={value}"));
    }

    /// Leaves SSH as the analyst's config has it (they set `core.sshCommand`).
    pub fn keep_ssh(&mut self) {
        self.batch_ssh = false;
    }

    /// Runs `git ARGS`, for at most `limit`.
    pub fn run(&self, args: &[&str], limit: Duration) -> Result<Output, GitError> {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.dir);
        for setting in &self.config {
            command.arg("-c").arg(setting);
        }
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("LC_ALL", "C")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_ASKPASS", "true")
            .env("SSH_ASKPASS_REQUIRE", "never")
            .env("GIT_EDITOR", "true")
            .env("GIT_SEQUENCE_EDITOR", "true")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_PAGER", "cat");
        if self.batch_ssh {
            command.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=20");
        }
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn().map_err(GitError::Missing)?;
        let stdout = reader(child.stdout.take());
        let stderr = reader(child.stderr.take());
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(5)),
                Ok(None) | Err(_) => {
                    stop(&mut child);
                    return Err(GitError::TimedOut { args: args.join(" "), secs: limit.as_secs() });
                }
            }
        };
        let text =
            |r: std::thread::JoinHandle<Vec<u8>>| String::from_utf8_lossy(&r.join().unwrap_or_default()).into_owned();
        Ok(Output { ok: status.success(), code: status.code(), stdout: text(stdout), stderr: text(stderr) })
    }
}

/// Reads a pipe to its end on a thread of its own (git may fill one pipe while the other waits).
fn reader(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Stops git and what it started (ssh, a credential helper: they share its process group).
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: sends SIGKILL to the process group this child leads (made for it above).
        unsafe { libc::kill(-group, libc::SIGKILL) };
    }
    let _ = child.kill();
    let _ = child.wait();
}
