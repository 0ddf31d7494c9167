//! The open document's annotation file, kept honest (invariant I5): what it was when last read or
//! written, the lock that tells other windows it is open, and what happens when it changed behind
//! the window's back.
//!
//! - With no unsaved changes, a file changed on disk (a `git pull`, another program) is loaded again
//!   and the analyst told; one that no longer loads (a merge conflict) or was deleted is left as it
//!   is and the analyst told — it is not written over.
//! - With unsaved changes, the window's version is never written over the other one: it is saved as a
//!   copy beside it (`report.txt.mine-ana-20261201-130512.ann.ron`), both stay on disk, and the
//!   analyst chooses which one stays under the document's name (the other is kept as a copy).

use super::{App, ErrorBox};
use crate::session::Session;
use crate::store::disk::OnDisk;
use crate::store::lock::{DocLock, Holder, NotLocked};
use eframe::egui;
use std::path::{Path, PathBuf};

/// How often the file is looked at while nothing needs saving (seconds).
const CHECK_EVERY: f64 = 2.0;

pub struct DocumentFile {
    /// What the annotation file was when last read or written.
    pub disk: OnDisk,
    /// Held while the document is open (none when another window holds it or none could be taken).
    lock: Option<DocLock>,
    /// Another window or process that had the document open when it was opened here.
    pub shared_with: Option<Holder>,
    pub conflict: Option<Conflict>,
    /// A change on disk already reported (not reported again every few seconds).
    reported: Option<OnDisk>,
    last_check: f64,
}

/// The document's file changed on disk while the window had unsaved changes.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The document's own annotation file (the other version is there, or it was deleted).
    pub original: PathBuf,
    /// Where the window's version is saved meanwhile.
    pub mine: PathBuf,
    /// What is at `original`: `Ok` when it loads, else why not (or that it was deleted).
    pub theirs: Result<(), String>,
}

/// Which version stays under the document's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
}

impl DocumentFile {
    /// The file of a document just opened: takes its lock (or notes who holds it).
    pub fn opened(save_path: Option<&Path>, disk: OnDisk) -> Self {
        let (lock, shared_with) = match save_path.map(DocLock::acquire) {
            Some(Ok(lock)) => (Some(lock), None),
            Some(Err(NotLocked::Held(holder))) => (None, Some(holder)),
            Some(Err(NotLocked::Unavailable(_))) | None => (None, None),
        };
        Self { disk, lock, shared_with, conflict: None, reported: None, last_check: 0.0 }
    }

    /// The file at a new place (Save as…, a conflict resolved): its lock moves with it.
    fn moved_to(&mut self, path: &Path, disk: OnDisk) {
        self.lock = None;
        *self = Self { conflict: self.conflict.take(), ..Self::opened(Some(path), disk) };
    }
}

impl App {
    /// Looks at the open document's file every few seconds while nothing needs saving.
    pub(super) fn check_disk(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let busy = self.is_saving();
        let (Some(s), Some(file)) = (&self.session, &mut self.file) else { return };
        if s.is_dirty() || busy || file.conflict.is_some() || now - file.last_check < CHECK_EVERY {
            return;
        }
        file.last_check = now;
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(CHECK_EVERY));
        let Some(path) = s.save_path.clone() else { return };
        let Some(found) = file.disk.changed(&path) else { return };
        if file.reported.as_ref() == Some(&found) {
            return;
        }
        file.reported = Some(found.clone());
        match found {
            OnDisk::Absent => {
                self.notice = Some(format!(
                    "{} was deleted outside Marginalia, and nothing was written in its place. The annotations are still shown here: if you go on (or press Ctrl+S), your version is saved beside it, and you can put it back under its name.",
                    path.display()
                ))
            }
            OnDisk::File(_) => self.reload_changed(&path),
        }
    }

    /// The file changed on disk and the window has nothing unsaved: show what is there now.
    fn reload_changed(&mut self, path: &Path) {
        let position = self.session.as_ref().map(Session::position);
        let article = self.session.as_ref().and_then(|s| s.article_path.clone());
        match crate::store::disk::load(path) {
            Ok((loaded, disk)) => {
                let mut session = Session::new(loaded.doc, loaded.annotations);
                session.article_path = article.or(loaded.source_path);
                session.save_path = Some(path.to_path_buf());
                if let Some(p) = position {
                    session.resume(p);
                }
                self.generation += 1;
                self.session = Some(session);
                if let Some(file) = &mut self.file {
                    file.disk = disk;
                    file.reported = None;
                }
                self.view.reset();
                self.notice = Some(format!(
                    "{} changed on disk (another program, window or a git pull) and was loaded again as it is now; undo starts afresh.",
                    path.display()
                ));
            }
            Err(e) => {
                self.notice = Some(format!(
                    "{} changed on disk and no longer loads ({e}). It was left exactly as it is; what you see is the version you had. If you change anything, your version is saved in a separate file beside it.",
                    path.display()
                ));
            }
        }
    }

    /// A save found the file changed: keeps the window's version in a copy beside it and asks.
    pub(super) fn start_conflict(&mut self, now: f64, original: PathBuf, theirs: OnDisk) {
        let theirs = match theirs {
            OnDisk::Absent => Err("it was deleted".to_string()),
            OnDisk::File(_) => crate::store::load(&original).map(|_| ()).map_err(|e| e.to_string()),
        };
        let mine = crate::store::disk::version_copy_path(&original, "mine");
        let Some(s) = &mut self.session else { return };
        let revision = s.revision();
        match crate::store::disk::save(&mine, s.doc(), s.annotations(), s.article_path.as_deref(), &OnDisk::Absent) {
            Ok(disk) => {
                s.save_path = Some(mine.clone());
                s.mark_saved(revision);
                self.dirty_since = None;
                self.save_error = None;
                self.notice = None; // the conflict's banner says it all
                if let Some(file) = &mut self.file {
                    file.disk = disk;
                    file.conflict = Some(Conflict { original, mine, theirs });
                }
            }
            Err(e) => {
                self.last_save_attempt = now;
                self.save_error = Some(format!(
                    "{} changed on disk, and your version could not be saved beside it either ({e}). Your work is kept in memory: choose a place with File > Save annotations as…",
                    original.display()
                ));
            }
        }
    }

    /// The analyst chose which version stays under the document's name; the other stays as a copy.
    pub(super) fn resolve_conflict(&mut self, ctx: &egui::Context, keep: Keep) {
        let Some(conflict) = self.file.as_ref().and_then(|f| f.conflict.clone()) else { return };
        match keep {
            Keep::Theirs => {
                // Opening saves the window's version (to its copy) first.
                self.open(ctx, &conflict.original);
                self.notice = Some(format!(
                    "Showing the version in {}; yours is kept in {}.",
                    conflict.original.display(),
                    conflict.mine.display()
                ));
            }
            Keep::Mine => self.keep_mine(&conflict),
        }
    }

    fn keep_mine(&mut self, conflict: &Conflict) {
        let original = &conflict.original;
        // Theirs, as it is (even a file that does not load), stays beside it.
        let theirs_copy = original.exists().then(|| crate::store::disk::version_copy_path(original, "theirs"));
        if let Some(copy) = &theirs_copy
            && let Err(e) = std::fs::copy(original, copy)
        {
            self.error = Some(ErrorBox {
                title: "Your version was not put in place".into(),
                message: format!("The other version could not be kept as {}: {e}", copy.display()),
                advice: format!("Nothing was changed; your version stays in {}.", conflict.mine.display()),
            });
            return;
        }
        let theirs = crate::store::disk::at(original).unwrap_or(OnDisk::Absent);
        let Some(s) = &mut self.session else { return };
        match crate::store::disk::save(original, s.doc(), s.annotations(), s.article_path.as_deref(), &theirs) {
            Ok(disk) => {
                s.save_path = Some(original.clone());
                let _ = std::fs::remove_file(&conflict.mine);
                if let Some(file) = &mut self.file {
                    file.conflict = None;
                    file.moved_to(original, disk);
                }
                self.notice = Some(match &theirs_copy {
                    Some(copy) => format!(
                        "Your version is in {} now; the other one is kept as {}.",
                        original.display(),
                        copy.display()
                    ),
                    None => format!("Your version is in {} again.", original.display()),
                });
            }
            Err(e) => {
                if let Some(copy) = &theirs_copy {
                    let _ = std::fs::remove_file(copy);
                }
                self.error = Some(ErrorBox {
                    title: "Your version was not put in place".into(),
                    message: e.to_string(),
                    advice: format!("Nothing was changed; your version stays in {}.", conflict.mine.display()),
                });
            }
        }
    }
}
