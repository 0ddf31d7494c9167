//! Saving: by itself within `autosave_after` seconds of a change, in the background; now, on this
//! thread (Ctrl+S, before opening another document, on quit); elsewhere (*Save annotations as…*).
//! Closing the window saves first, and waits for the analyst if that fails.

use super::App;
use super::document_file::DocumentFile;
use super::saver::{self, Saved, Saver};
use crate::command::Action;
use crate::session::Session;
use crate::store;
use crate::ui::error_box::ErrorBox;
use eframe::egui;
use std::path::PathBuf;

impl App {
    /// File > Save now: saves what changed, or — with nothing to write — looks at the file (it may
    /// have changed meanwhile).
    pub(super) fn save_now(&mut self, ctx: &egui::Context) {
        if let Some(owner) = &self.doc.read_only {
            self.status = Some(format!(
                "This is {owner}'s file, open to read: nothing is saved into {owner}'s folder (use {} to keep a copy elsewhere)",
                Action::SaveAs.menu_path()
            ));
            return;
        }
        if self.doc.must_save() {
            if self.save(ctx.input(|i| i.time)) {
                self.status = Some("Saved".into());
            }
        } else {
            self.status = Some("Everything is saved".into());
            self.check_disk(ctx, true);
        }
    }

    /// Saves the open document before work that reads its file (an export, a sync); why not, when
    /// it could not be saved.
    pub(super) fn save_before_reading(&mut self, ctx: &egui::Context) -> Result<(), String> {
        // Another analyst's file, open to read: nothing of it is saved (its changes stay here).
        if self.doc.read_only.is_some() {
            return Ok(());
        }
        let unsaved = self
            .doc
            .session
            .as_ref()
            .is_some_and(|s| s.is_dirty() || s.save_path.as_ref().is_some_and(|p| !p.exists()));
        if unsaved && !self.save(ctx.input(|i| i.time)) {
            return Err(self.doc.save_error.clone().unwrap_or_default());
        }
        Ok(())
    }

    /// Records the outcome of a save (a file found changed on disk starts a conflict).
    pub(super) fn saved(&mut self, saved: Saved, now: f64) {
        if let Some((path, theirs)) = self.doc.saved(saved, now) {
            self.start_conflict(now, path, theirs);
        }
    }

    /// Takes in the save being written in the background, if any.
    pub(super) fn wait_for_saver(&mut self, now: f64) {
        if let Some(done) = self.doc.saver.as_mut().and_then(Saver::wait) {
            self.saved(done, now);
        }
    }

    /// Saves now, on this thread. Returns whether everything is saved.
    pub(super) fn save(&mut self, now: f64) -> bool {
        self.wait_for_saver(now);
        let Some(snap) = self.doc.snapshot(true) else {
            return self.doc.session.is_none() || self.doc.save_error.is_none();
        };
        self.doc.last_save_attempt = now;
        self.saved(saver::write(snap), now);
        self.doc.save_error.is_none() && !self.doc.session.as_ref().is_some_and(Session::is_dirty)
    }

    /// Writes where the analyst is beside the annotations now, if that changed since it was last
    /// written (before another document opens, or the window closes: a position still on its way
    /// would otherwise be found stale next time).
    pub(super) fn write_position_now(&mut self, now: f64) {
        self.wait_for_saver(now);
        let moved = self.doc.session.as_ref().is_some_and(|s| {
            self.doc.position_saved != Some(s.position()) && s.save_path.as_ref().is_some_and(|p| p.exists())
        });
        if moved && let Some(snap) = self.doc.snapshot(false) {
            self.saved(saver::write(snap), now);
        }
    }

    /// *Save annotations as…*: a new file (one already there is not replaced). The document moves
    /// there only once it is written; until then it stays where it was.
    pub(super) fn save_as(&mut self, ctx: &egui::Context, path: PathBuf) {
        let now = ctx.input(|i| i.time);
        self.wait_for_saver(now);
        let Some(s) = &mut self.doc.session else { return };
        if s.save_path.as_deref() == Some(path.as_path()) {
            self.save(now);
            return;
        }
        let others = crate::team::Seat::find(&path, &self.config.analyst).ok().flatten();
        if let Some(owner) = others.as_ref().and_then(|seat| seat.other_owner(&path)) {
            self.overlays.show_error(ErrorBox {
                title: format!("{} is in {owner}'s folder", path.display()),
                message: "In a team project each analyst writes only their own folder.".into(),
                advice: format!(
                    "Choose a place in your own folder ({}); your work is still here.",
                    self.config.analyst
                ),
            });
            return;
        }
        if path.exists() {
            self.overlays.show_error(ErrorBox {
                title: format!("{} already exists", path.display()),
                message: "Marginalia does not replace a file it did not open.".into(),
                advice: "Choose another name (or move that file away first); your work is still here.".into(),
            });
            return;
        }
        let revision = s.revision();
        let absent = store::disk::OnDisk::Absent;
        match store::disk::save(&path, s.doc(), s.annotations(), s.article_path.as_deref(), &absent) {
            Ok(disk) => {
                s.save_path = Some(path.clone());
                // Saved elsewhere, the copy is the analyst's own.
                self.doc.read_only = None;
                self.doc.written(revision);
                match &mut self.doc.file {
                    Some(file) => {
                        // A choice of versions still open stays with the file it was about.
                        file.conflict = None;
                        file.moved_to(&path, disk)
                    }
                    None => self.doc.file = Some(DocumentFile::opened(Some(&path), disk)),
                }
                self.doc.position_saved = None; // the resume position follows with the next save
                self.status = Some(format!("Saved to {}", path.display()));
            }
            Err(e) => {
                self.overlays.show_error(ErrorBox {
                    title: format!("Could not save to {}", path.display()),
                    message: e.to_string(),
                    advice: "Your work stays where it was (and in memory); choose another place.".into(),
                });
            }
        }
    }

    /// Saves within `autosave_after` seconds of the first unsaved change (or move), in the
    /// background; retries a failed save every 5 s.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let doc = &mut self.doc;
        let Some(s) = doc.session.as_ref().filter(|_| doc.read_only.is_none()) else { return };
        let moved = doc.position_saved != Some(s.position()) && s.save_path.as_ref().is_some_and(|p| p.exists());
        if !s.is_dirty() && !moved {
            doc.dirty_since = None;
            return;
        }
        let since = *doc.dirty_since.get_or_insert(now);
        let retry = if doc.save_error.is_some() { doc.last_save_attempt + 5.0 } else { 0.0 };
        let due = (since + self.config.autosave_after).max(retry);
        if now < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return;
        }
        if doc.saver.get_or_insert_with(|| Saver::new(ctx.clone())).is_busy() {
            return; // its result triggers a repaint, and the next frame saves what changed since
        }
        if let Some(snap) = doc.snapshot(false) {
            doc.last_save_attempt = now;
            doc.dirty_since = None;
            let saver = doc.saver.get_or_insert_with(|| Saver::new(ctx.clone()));
            if let Err(snap) = saver.submit(snap) {
                self.saved(saver::write(*snap), now);
            }
        }
    }

    /// Closing the window saves first; if that fails, the close waits for the user.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.doc.quit_anyway {
            return;
        }
        let now = ctx.input(|i| i.time);
        if !self.doc.must_save() {
            self.write_position_now(now);
        } else if !self.save(now) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.doc.quit_anyway = true; // a second close discards
            self.overlays.show_error(ErrorBox {
                title: "Unsaved annotations".into(),
                message: self.doc.save_error.clone().unwrap_or_default(),
                advice: format!(
                    "Save them with {}, or close the window again to quit without saving.",
                    Action::SaveAs.menu_path()
                ),
            });
        }
    }
}
