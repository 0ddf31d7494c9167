//! Opening a document: the current one is saved first (or kept open if it cannot be), the new one
//! resumes where the analyst was, takes its file's lock, says what the analyst should know (another
//! window has it, an unresolved conflict's copy is beside it), and asks for suggestions if it has none.

use super::App;
use super::document::{folder_of, position_key};
use super::document_file::{Conflict, DocumentFile};
use crate::annotation::LabelSet;
use crate::command::{Action, keys};
use crate::store::{self, resume};
use crate::ui::error_box::ErrorBox;
use crate::workspace;
use eframe::egui;
use std::path::Path;

impl App {
    /// Opens a file (a folder opens as a corpus), keeping the current document if it fails (or if its
    /// unsaved work cannot be saved).
    pub fn open(&mut self, ctx: &egui::Context, path: &Path) {
        if path.is_dir() {
            return self.open_folder(ctx, path);
        }
        let now = ctx.input(|i| i.time);
        if !self.doc.must_save() {
            self.write_position_now(now);
        } else if !self.save(now) {
            self.overlays.show_error(ErrorBox {
                title: "Your current work is not saved".into(),
                message: self.doc.save_error.clone().unwrap_or_default(),
                advice: format!(
                    "{} was not opened. Save the current annotations with {}, then open it again.",
                    path.display(),
                    Action::SaveAs.menu_path()
                ),
            });
            return;
        }
        self.remember_position();
        let Some(seat) = self.seat_for(path) else { return };
        let mut opened = match workspace::open_in(path, seat.as_ref()) {
            Ok(opened) => opened,
            Err(e) => {
                self.overlays.show_error(ErrorBox {
                    title: format!("Could not open {}", path.file_name().unwrap_or_default().to_string_lossy()),
                    message: e.to_string(),
                    advice: e.advice().to_string(),
                });
                return;
            }
        };
        self.seat = seat;
        self.doc.generation += 1;
        self.settings.remember(path);
        // Where the analyst was: beside the annotations (written with them), else the settings.
        let beside = opened.session.save_path.as_deref().and_then(resume::read);
        let remembered = position_key(&opened.session)
            .and_then(|k| self.settings.position(&k))
            .map(|id| resume::Position { span: Some(id), ..Default::default() });
        opened.session.set_queue_order(self.settings.queue_order);
        opened.session.set_user(&self.config.analyst);
        if let Some(p) = beside.or(remembered) {
            opened.session.resume(p);
        }
        self.doc.position_saved = beside;
        // The previous document's lock goes before this one's is taken (it may be the same file).
        self.doc.file = None;
        let mut file = DocumentFile::opened(opened.session.save_path.as_deref(), opened.disk);
        // A conflict not resolved yet is found again from the files: opening the copy of the
        // analyst's version asks again which stays; opening the document says the copy is there.
        let saved_at = opened.session.save_path.clone();
        file.conflict = saved_at.as_deref().and_then(Conflict::of_copy);
        self.doc.other_version =
            saved_at.as_deref().filter(|_| file.conflict.is_none()).and_then(|p| store::disk::mine_copies(p).pop());
        self.overlays.notice = match (&file.shared_with, opened.notice) {
            (Some(h), notice) => Some(format!(
                "{}{} is also open in another Marginalia window: {}. Both can work on it: if both change it, the second to save keeps its version in a separate file beside it instead of replacing the other.",
                notice.map(|n| format!("{n} ")).unwrap_or_default(),
                path.file_name().unwrap_or_default().to_string_lossy(),
                h.describe()
            )),
            (None, notice) => notice,
        };
        if let Some(lock) = &file.lock_unreadable {
            self.overlays.notice = Some(format!(
                "{}The lock file {} cannot be read, so this window cannot tell whether another one has the document open; it was left as it is (delete it if no other window has the document open).",
                self.overlays.notice.take().map(|n| format!("{n} ")).unwrap_or_default(),
                lock.display()
            ));
        }
        if let Some(taken) = taken_hotkeys(opened.session.labels()) {
            let before = self.overlays.notice.take().map(|n| format!("{n} ")).unwrap_or_default();
            self.overlays.notice = Some(format!("{before}{taken}"));
        }
        self.doc.file = Some(file);
        self.doc.read_only = opened.owner;
        self.doc.save_error = None;
        self.doc.dirty_since = None;
        self.panels.view.reset();
        self.status = None;
        // What the suggestions learn is the analyst's own too: in a team project it lives in their
        // folder, not in the shared one of the articles.
        let folder = self.seat.as_ref().map(crate::team::Seat::dir).or_else(|| folder_of(&opened.session));
        self.doc.session = Some(opened.session);
        self.start_review();
        self.suggest_on_opened(ctx, folder, opened.needs_suggestions);
    }

    /// The analyst's seat in the team project `path` is in (`Some(None)` outside one); `None`, and
    /// the analyst told, when the project's config cannot be read.
    pub(super) fn seat_for(&mut self, path: &Path) -> Option<Option<crate::team::Seat>> {
        match crate::team::Seat::find(path, &self.config.analyst) {
            Ok(seat) => Some(seat),
            Err(e) => {
                self.overlays.show_error(ErrorBox {
                    title: format!("Could not read the team project of {}", path.display()),
                    message: e.to_string(),
                    advice: "Nothing was opened and nothing was changed on disk. Fix the project's config (or set MARGINALIA_USER to a plain name), then open it again.".into(),
                });
                None
            }
        }
    }

    /// Notes the current item of the open file, to resume there next time.
    pub(super) fn remember_position(&mut self) {
        if let Some(s) = &self.doc.session
            && let (Some(path), Some(id)) = (position_key(s), s.current_id())
        {
            self.settings.remember_position(&path, id.0);
        }
    }
}

/// Labels whose hotkey a shortcut has (a label set written by hand, or by another version): pressing
/// the key does the shortcut, not the label, and the analyst is told so before relying on it.
fn taken_hotkeys(labels: &LabelSet) -> Option<String> {
    let taken: Vec<String> = labels
        .iter()
        .filter_map(|l| {
            let key = l.hotkey?;
            let action = keys::taken_by(key)?;
            Some(format!("{}’s key {key} is {}’s", l.name, action.menu_path()))
        })
        .collect();
    (!taken.is_empty()).then(|| {
        format!(
            "{}: it does that, not the label. Give the label another key in {}.",
            taken.join("; "),
            Action::Labels.menu_path()
        )
    })
}
