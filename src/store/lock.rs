//! One article, one window: opening an annotation file takes a lock file beside it
//! (`.report.txt.ann.ron.lock`) naming the process, host and user, so that a second window or
//! process on the same document is told who has it open. Saves are safe without it (a save never
//! replaces a file that changed since it was seen, see [`super::disk`]); the lock is what lets the
//! second window say so at once rather than at the first conflict.
//!
//! A lock whose process is gone (a crash, `kill -9`) is stale and taken over: on the same machine
//! (host name and machine id) the process id is checked; a lock from another machine (a shared
//! folder) is reported as it is, and a lock file that cannot be read is left alone.

use crate::annotation::{Timestamp, current_user, now};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// The machine's id (`/etc/machine-id`): two laptops may have the same host name.
    #[serde(default)]
    pub machine: String,
    pub user: String,
    pub since: Timestamp,
}

impl Holder {
    fn me() -> Self {
        Self { pid: std::process::id(), host: host(), machine: machine_id(), user: current_user(), since: now() }
    }

    /// "ana (process 4242 on newsroom-3, since 2026-12-01 13:05 UTC)".
    pub fn describe(&self) -> String {
        let since = self.since.strftime("%Y-%m-%d %H:%M UTC");
        format!("{} (process {} on {}, since {since})", self.user, self.pid, self.host)
    }

    /// Whether its process may still run: on another machine it cannot be asked, so it may.
    fn is_alive(&self) -> bool {
        let elsewhere = self.host != host() || (!self.machine.is_empty() && self.machine != machine_id());
        elsewhere || process_exists(self.pid)
    }
}

fn machine_id() -> String {
    ["/etc/machine-id", "/var/lib/dbus/machine-id"]
        .iter()
        .find_map(|p| crate::input::read_text(std::path::Path::new(p), 1024).ok())
        .map(|id| id.trim().to_string())
        .unwrap_or_default()
}

fn host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

#[cfg(unix)]
fn process_exists(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_exists(_pid: u32) -> bool {
    true
}

/// A lock this process holds; the lock file goes when it is dropped.
#[derive(Debug)]
pub struct DocLock {
    path: PathBuf,
    me: Holder,
}

/// Why no lock was taken.
#[derive(Debug)]
pub enum NotLocked {
    /// Another live window or process has the document open.
    Held(Holder),
    /// The lock file could not be written (a read-only folder): work goes on without one.
    Unavailable(std::io::Error),
    /// A lock file is there but cannot be read (edited, or from another program): it is left as it
    /// is, work goes on without a lock, and whoever holds it cannot be told.
    Unreadable(PathBuf),
}

/// Where the lock of an annotation file is.
pub fn lock_path(annotations: &Path) -> PathBuf {
    super::beside(annotations, "lock")
}

impl DocLock {
    /// Takes the lock of an annotation file (which need not exist yet).
    pub fn acquire(annotations: &Path) -> Result<DocLock, NotLocked> {
        let path = lock_path(annotations);
        let me = Holder::me();
        let body = ron::to_string(&me).map_err(|e| NotLocked::Unavailable(std::io::Error::other(e)))?;
        for _ in 0..2 {
            match super::atomic::write_atomic_new(&path, body.as_bytes()) {
                Ok(()) => return Ok(DocLock { path, me }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match holder(&path) {
                    // Another window of this very process counts too (it drops its lock first when it
                    // opens the same document again).
                    Some(h) if h.is_alive() => return Err(NotLocked::Held(h)),
                    // Stale: take it over, unless another taker wins the race.
                    Some(_) => {
                        let _ = std::fs::remove_file(&path);
                    }
                    // A lock file that cannot be read is nobody's to delete: work goes on without one.
                    None => return Err(NotLocked::Unreadable(path)),
                },
                Err(e) => return Err(NotLocked::Unavailable(e)),
            }
        }
        match holder(&path) {
            Some(h) => Err(NotLocked::Held(h)),
            None => Err(NotLocked::Unavailable(std::io::Error::other("the lock file keeps changing"))),
        }
    }
}

/// Whether a live window or process holds the lock of an annotation file (who does not matter); a
/// lock file that cannot be read counts as held (no one can tell it is not).
pub fn is_held(annotations: &Path) -> bool {
    let path = lock_path(annotations);
    match holder(&path) {
        Some(h) => h.is_alive(),
        None => path.symlink_metadata().is_ok(),
    }
}

/// Who the lock file at `path` says holds it.
fn holder(path: &Path) -> Option<Holder> {
    let bytes = crate::input::read_file(path, 64 * 1024).ok()?;
    ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

impl Drop for DocLock {
    fn drop(&mut self) {
        // Only our own lock goes (a stale-lock recovery elsewhere may have replaced it).
        if holder(&self.path).as_ref() == Some(&self.me) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_second_taker_is_told_who_holds_it_and_a_dead_holders_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let ann = dir.path().join("report.txt.ann.ron");
        let first = DocLock::acquire(&ann).expect("the first window locks it");
        assert!(lock_path(&ann).exists());
        // Another process on this host, alive: the parent of this test process.
        let other = Holder { pid: std::os::unix::process::parent_id(), ..Holder::me() };
        drop(first);
        assert!(!lock_path(&ann).exists(), "closing removes the lock");
        std::fs::write(lock_path(&ann), ron::to_string(&other).unwrap()).unwrap();
        match DocLock::acquire(&ann) {
            Err(NotLocked::Held(h)) => assert!(h.describe().contains(&format!("process {}", other.pid))),
            other => panic!("expected the lock to be held, got {other:?}"),
        }
        let dead = Holder { pid: u32::MAX - 7, ..other };
        std::fs::write(lock_path(&ann), ron::to_string(&dead).unwrap()).unwrap();
        let taken = DocLock::acquire(&ann).expect("a dead process's lock is stale");
        assert_eq!(holder(&lock_path(&ann)).map(|h| h.pid), Some(std::process::id()));
        drop(taken);
    }
}
