//! Work off the UI thread besides the document's own saving: the assistant that suggests and learns,
//! a native file dialog waiting for the analyst, an export being written, a sync with the team, the
//! team's agreement being measured.

use super::assistant::Assistant;
use super::dialogs::{DialogOutcome, PendingDialog};
use super::jobs::Job;
use crate::command::DialogKind;
use crate::engines::EngineSet;
use crate::ui::path_prompt::PathPrompt;
use eframe::egui;

pub struct Services {
    /// The engines the assistant runs.
    engines: EngineSet,
    /// Suggests and learns in the background (started with the first request).
    assistant: Option<Assistant>,
    pub dialog: Option<PendingDialog>,
    pub exporting: Option<Job>,
    pub syncing: Option<Job>,
    /// The team's agreement being measured (View > Team agreement).
    pub measuring: Option<Job>,
}

impl Services {
    /// Nothing started yet; the assistant will run `engines`.
    pub fn new(engines: EngineSet) -> Self {
        Self { engines, assistant: None, dialog: None, exporting: None, syncing: None, measuring: None }
    }

    /// The assistant, started if it was not yet.
    pub fn assistant(&mut self, ctx: &egui::Context) -> &Assistant {
        let engines = self.engines;
        self.assistant.get_or_insert_with(|| Assistant::start(ctx.clone(), engines))
    }

    /// The assistant, if it was started.
    pub fn started_assistant(&self) -> Option<&Assistant> {
        self.assistant.as_ref()
    }
}

impl super::App {
    /// Takes in what background work finished since the last frame: a save, a look at the file on
    /// disk, the assistant's replies, the export, a sync, the team's agreement, the folder's jobs, a file
    /// dialog.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(saved) = self.doc.saver.as_mut().and_then(super::saver::Saver::poll) {
            self.saved(saved, ctx.input(|i| i.time));
        }
        self.check_disk(ctx, false);
        self.poll_assistant(ctx);
        self.poll_export();
        self.poll_sync(ctx);
        self.poll_agreement();
        self.poll_corpus(ctx);
        self.poll_folder_search();
        if self.doc.suggesting {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.poll_dialog();
    }

    /// What the native file dialog gave: a path to use, nothing, or no dialog at all (then the path
    /// field asks instead).
    fn poll_dialog(&mut self) {
        let Some(outcome) = self.services.dialog.as_ref().and_then(PendingDialog::poll) else { return };
        let kind = self.services.dialog.take().map_or(DialogKind::OpenArticle, |d| d.kind);
        match outcome {
            DialogOutcome::Chosen(path) => self.queue.push(kind.chosen(path)),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => {
                let note = "No file dialog could be shown on this system; type the file's path instead.";
                self.overlays.show_prompt(PathPrompt::new(kind, Some(note.into())));
            }
        }
    }
}
