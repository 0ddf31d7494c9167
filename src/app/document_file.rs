//! The open document's annotation file, kept honest (invariant I5): what it was when last read or
//! written, the lock that tells other windows it is open, and what happens when it changed behind
//! the window's back.
//!
//! - With no unsaved changes, a file changed on disk (a `git pull`, another program) is loaded again
//!   and the analyst told; one that no longer loads (a merge conflict) or was deleted is left as it
//!   is and the analyst told — it is not written over.
//! - With unsaved changes, the window's version is never written over the other one: it is saved as a
//!   copy beside it (`report.txt.mine-ana-20261201-130512.ann.ron`), both stay on disk, and the
//!   analyst chooses which one stays under the document's name; the other is set aside in the
//!   folder's `.marginalia/set-aside/` (kept, but no longer listed or exported). Until then the copy
//!   is what the window saves to, and opening the document again says that it is there.
//! - A file that holds no analyst's decision at all (suggestions written by pre-annotation a moment
//!   before the window's first save) is no one's work: the window's version takes its place.

use super::App;
use crate::command::keys::Writing;
use crate::command::{Action, Keep};
use crate::session::Session;
use crate::store::LoadError;
use crate::store::disk::OnDisk;
use crate::store::lock::{DocLock, Holder, NotLocked};
use crate::ui::error_box::ErrorBox;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How often the file is looked at while nothing needs saving (seconds).
const CHECK_EVERY: f64 = 2.0;

pub struct DocumentFile {
    /// What the annotation file was when last read or written.
    pub disk: OnDisk,
    /// Held while the document is open (none when another window holds it or none could be taken).
    lock: Option<DocLock>,
    /// Another window or process that had the document open when it was opened here.
    pub shared_with: Option<Holder>,
    /// A lock file that could not be read (left as it is): whether another window has the document
    /// open cannot be told.
    pub lock_unreadable: Option<PathBuf>,
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
    /// What is at `original`: `Ok` when it loads, else why it cannot be used.
    pub theirs: Result<(), Unusable>,
}

/// Why the other version of a conflict cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Unusable {
    #[error("it was deleted")]
    Deleted,
    #[error("it can no longer be read ({0})")]
    Unreadable(String),
    #[error(transparent)]
    DoesNotLoad(Arc<LoadError>),
}

impl Conflict {
    /// The conflict a copy of the analyst's version stands for (`None` when `path` is no such copy).
    pub fn of_copy(path: &Path) -> Option<Conflict> {
        let name = path.file_name()?.to_string_lossy().into_owned();
        let original = crate::store::disk::original_of(path).filter(|_| name.contains(".mine-"))?;
        let theirs = theirs_state(&original);
        Some(Conflict { original, mine: path.to_path_buf(), theirs })
    }
}

/// Whether the version at `original` can be used: `Ok`, or why not.
fn theirs_state(original: &Path) -> Result<(), Unusable> {
    match crate::store::load(original) {
        Ok(_) => Ok(()),
        Err(_) if !original.exists() => Err(Unusable::Deleted),
        Err(e) => Err(Unusable::DoesNotLoad(Arc::new(e))),
    }
}

impl DocumentFile {
    /// The file of a document just opened: takes its lock (or notes who holds it).
    /// Lets go of the file's lock for a moment (another writer of this window — the merge — takes
    /// it meanwhile); [`take_again`](Self::take_again) takes it back.
    pub fn let_go(&mut self) {
        self.lock = None;
    }

    /// Takes the lock of `path` again after [`let_go`](Self::let_go), if no one else holds it.
    pub fn take_again(&mut self, path: &Path) {
        self.lock = DocLock::acquire(path).ok();
    }

    pub fn opened(save_path: Option<&Path>, disk: OnDisk) -> Self {
        let (lock, shared_with) = match save_path.map(DocLock::acquire) {
            Some(Ok(lock)) => (Some(lock), None),
            Some(Err(NotLocked::Held(holder))) => (None, Some(holder)),
            Some(Err(NotLocked::Unreadable(path))) => {
                let lock_unreadable = Some(path);
                return Self {
                    disk,
                    lock: None,
                    shared_with: None,
                    lock_unreadable,
                    conflict: None,
                    reported: None,
                    last_check: 0.0,
                };
            }
            Some(Err(NotLocked::Unavailable(_))) | None => (None, None),
        };
        Self { disk, lock, shared_with, lock_unreadable: None, conflict: None, reported: None, last_check: 0.0 }
    }

    /// Whether the file was deleted or became unreadable outside Marginalia (and said so) with no
    /// choice of versions open yet: then the window's version is written beside it at the next
    /// save, even with nothing unsaved (Ctrl+S, closing the window).
    pub fn is_gone(&self) -> bool {
        self.conflict.is_none() && matches!(self.reported, Some(OnDisk::Absent | OnDisk::Unreadable(_)))
    }

    /// The file at a new place (Save as…, a conflict resolved): its lock moves with it.
    pub fn moved_to(&mut self, path: &Path, disk: OnDisk) {
        self.lock = None;
        *self = Self { conflict: self.conflict.take(), ..Self::opened(Some(path), disk) };
    }
}

impl App {
    /// Looks at the open document's file every few seconds while nothing needs saving (at once with
    /// `now_please`: Ctrl+S with nothing to save).
    pub(super) fn check_disk(&mut self, ctx: &egui::Context, now_please: bool) {
        let now = ctx.input(|i| i.time);
        let busy = self.doc.is_saving();
        let (Some(s), Some(file)) = (&self.doc.session, &mut self.doc.file) else { return };
        let due = now_please || now - file.last_check >= CHECK_EVERY;
        if s.is_dirty() || busy || file.conflict.is_some() || !due {
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
            OnDisk::File(_) => self.reload_changed(&path),
            gone => {
                let save = Action::SaveNow.shortcut_text(Writing::of(ctx)).unwrap_or_default();
                self.overlays.notice = Some(format!(
                    "{} {} (not by Marginalia), and nothing was written in its place. The annotations are still shown here: if you go on, press {save} or close the window, your version is saved beside it, and you can put it back under its name.",
                    path.display(),
                    gone.change()
                ))
            }
        }
    }

    /// The file changed on disk and the window has nothing unsaved: show what is there now.
    fn reload_changed(&mut self, path: &Path) {
        let position = self.doc.session.as_ref().map(Session::position);
        let article = self.doc.session.as_ref().and_then(|s| s.article_path.clone());
        match crate::store::disk::load(path) {
            Ok((loaded, disk)) => {
                let mut session = Session::new(loaded.doc, loaded.annotations);
                session.article_path = article.or(loaded.source_path);
                session.save_path = Some(path.to_path_buf());
                session.set_queue_order(self.settings.queue_order);
                if let Some(p) = position {
                    session.resume(p);
                }
                self.doc.generation += 1;
                self.doc.suggesting = false;
                self.doc.session = Some(session);
                // Under review, the places are those of what is on disk now (its ids may be others).
                self.start_review();
                if let Some(file) = &mut self.doc.file {
                    file.disk = disk;
                    file.reported = None;
                }
                self.panels.view.reset();
                // A key pressed in this frame was meant for what was on screen before.
                self.keys_held = true;
                self.overlays.notice = Some(format!(
                    "{} changed on disk (another program, window or a git pull) and was loaded again as it is now; undo starts afresh.",
                    path.display()
                ));
            }
            Err(e) => {
                self.overlays.notice = Some(format!(
                    "{} changed on disk and no longer loads ({e}). It was left exactly as it is; what you see is the version you had. If you change anything, your version is saved in a separate file beside it.",
                    path.display()
                ));
            }
        }
    }

    /// A save found the file changed: keeps the window's version in a copy beside it and asks —
    /// unless what is there holds no decision of anyone's (suggestions a pre-annotation wrote): that
    /// one is set aside (not deleted) and the window's version takes its place, and the status bar
    /// says where the other went.
    pub(super) fn start_conflict(&mut self, now: f64, original: PathBuf, theirs: OnDisk) {
        if let OnDisk::File(_) = theirs
            && let Ok(loaded) = crate::store::load(&original)
            && crate::store::summary::Summary::of(&loaded.annotations).status == crate::store::summary::DocStatus::New
            && let Some(s) = &mut self.doc.session
            && let Ok(aside) = crate::store::disk::set_aside(&original, "theirs")
        {
            let revision = s.revision();
            match crate::store::disk::save(
                &original,
                s.doc(),
                s.annotations(),
                s.article_path.as_deref(),
                &OnDisk::Absent,
            ) {
                Ok(disk) => {
                    self.doc.written(revision);
                    if let Some(file) = &mut self.doc.file {
                        file.disk = disk;
                    }
                    self.doc.position_saved = None; // written again with the next save
                    self.status = Some(format!(
                        "{} held only suggestions (no one's decisions): yours is saved in its place, and that version is set aside in {}",
                        original.display(),
                        aside.display()
                    ));
                    return;
                }
                // Put back as it was; the window's version then goes beside it, as for any change.
                Err(_) if !original.exists() => {
                    let _ = std::fs::rename(&aside, &original);
                }
                Err(_) => {}
            }
        }
        let theirs = match theirs {
            OnDisk::File(_) => theirs_state(&original),
            OnDisk::Absent => Err(Unusable::Deleted),
            OnDisk::Unreadable(why) => Err(Unusable::Unreadable(why)),
        };
        let mine = crate::store::disk::version_copy_path(&original, "mine");
        let Some(s) = &mut self.doc.session else { return };
        let revision = s.revision();
        match crate::store::disk::save(&mine, s.doc(), s.annotations(), s.article_path.as_deref(), &OnDisk::Absent) {
            Ok(disk) => {
                s.save_path = Some(mine.clone());
                self.doc.written(revision);
                self.overlays.notice = None; // the conflict's banner says it all
                if let Some(file) = &mut self.doc.file {
                    file.disk = disk;
                    file.conflict = Some(Conflict { original, mine, theirs });
                }
            }
            Err(e) => {
                self.doc.last_save_attempt = now;
                self.doc.save_error = Some(format!(
                    "{} changed on disk, and your version could not be saved beside it either ({e}). Your work is kept in memory: choose a place with {}",
                    original.display(),
                    Action::SaveAs.menu_path()
                ));
            }
        }
    }

    /// The analyst chose which version stays under the document's name; the other is set aside.
    pub(super) fn resolve_conflict(&mut self, ctx: &egui::Context, keep: Keep) {
        let Some(conflict) = self.doc.conflict().cloned() else { return };
        // What is being written goes where it was meant to before anything moves.
        let now = ctx.input(|i| i.time);
        self.wait_for_saver(now);
        match keep {
            Keep::Theirs => self.use_theirs(ctx, &conflict),
            Keep::Mine => self.keep_mine(&conflict),
        }
    }

    fn use_theirs(&mut self, ctx: &egui::Context, conflict: &Conflict) {
        // Opening saves the window's version (to its copy) first.
        self.open(ctx, &conflict.original);
        let opened =
            self.doc.session.as_ref().and_then(|s| s.save_path.as_deref()) == Some(conflict.original.as_path());
        if !opened {
            return; // the error box says why; the window's version stays where it was
        }
        self.overlays.notice = Some(match crate::store::disk::set_aside(&conflict.mine, "mine") {
            Ok(aside) => format!(
                "Showing the version in {}; yours is set aside in {}.",
                conflict.original.display(),
                aside.display()
            ),
            Err(e) => format!(
                "Showing the version in {}; yours stays in {} (it could not be set aside: {e}).",
                conflict.original.display(),
                conflict.mine.display()
            ),
        });
        self.doc.other_version = None;
    }

    fn keep_mine(&mut self, conflict: &Conflict) {
        let original = &conflict.original;
        let nothing_changed = format!("Nothing was changed; your version stays in {}.", conflict.mine.display());
        // The other version, as it is (even one that does not load), is set aside first; yours then
        // takes its place only if nothing else appeared there meanwhile.
        let aside = if original.exists() {
            match crate::store::disk::set_aside(original, "theirs") {
                Ok(aside) => Some(aside),
                Err(e) => {
                    self.overlays.show_error(ErrorBox {
                        title: "Your version was not put in place".into(),
                        message: format!("The other version in {} could not be set aside: {e}", original.display()),
                        advice: nothing_changed,
                    });
                    return;
                }
            }
        } else {
            None
        };
        let Some(s) = &mut self.doc.session else { return };
        match crate::store::disk::save(original, s.doc(), s.annotations(), s.article_path.as_deref(), &OnDisk::Absent) {
            Ok(disk) => {
                s.save_path = Some(original.clone());
                let _ = std::fs::remove_file(&conflict.mine);
                let _ = std::fs::remove_file(crate::store::resume::position_path(&conflict.mine));
                if let Some(file) = &mut self.doc.file {
                    file.conflict = None;
                    file.moved_to(original, disk);
                }
                self.doc.position_saved = None; // written again with the next save
                self.overlays.notice = Some(match &aside {
                    Some(aside) => format!(
                        "Your version is in {} now; the other one is set aside in {}.",
                        original.display(),
                        aside.display()
                    ),
                    None => format!("Your version is in {} again.", original.display()),
                });
            }
            Err(e) => {
                // The other version goes back under the name, so nothing has moved after all.
                let back = aside.as_ref().map(|aside| !original.exists() && std::fs::rename(aside, original).is_ok());
                let advice = match (&aside, back) {
                    (Some(aside), Some(false)) => format!(
                        "Your version stays in {}. The other version is set aside in {} and could not be put back.",
                        conflict.mine.display(),
                        aside.display()
                    ),
                    _ => nothing_changed,
                };
                self.overlays.show_error(ErrorBox {
                    title: "Your version was not put in place".into(),
                    message: e.to_string(),
                    advice,
                });
            }
        }
    }
}
