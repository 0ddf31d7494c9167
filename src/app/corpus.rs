//! Corpus mode in the window: a folder open beside the article — its document list kept up to date
//! from background reads, pre-annotation and the open session; next unfinished document; mark done;
//! and exporting the folder (or the open document) as a dataset.

use super::command::Command;
use super::dialogs::DialogKind;
use super::jobs::{Job, JobKind, Report};
use super::{App, ErrorBox};
use crate::corpus::{Corpus, Known, Summary};
use crate::dataset::Selection;
use crate::dataset::export::Format;
use crate::session::Edit;
use crate::ui::corpus_panel::Progress;
use eframe::egui::{self, Ui};
use std::path::{Path, PathBuf};

/// The open folder and the background work on it.
pub struct CorpusState {
    pub corpus: Corpus,
    /// Counts opened folders, so that reports of a folder no longer open are ignored.
    generation: u64,
    reading: Option<Job>,
    preannotating: Option<Job>,
    /// Open the first unfinished document once every status is known.
    open_when_read: bool,
    /// What of the open session was last copied into its row.
    synced: Option<(u64, u64, usize, usize)>,
}

impl App {
    /// Opens a folder as a corpus: lists it at once, reads the statuses in the background, and opens
    /// its first unfinished document (unless one of its documents is open already).
    pub(super) fn open_folder(&mut self, ctx: &egui::Context, folder: &Path) {
        let corpus = match Corpus::list(folder) {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(ErrorBox {
                    title: format!("Could not open the folder {}", folder.display()),
                    message: e.to_string(),
                    advice: "Nothing was opened; the document you had open stays open.".into(),
                });
                return;
            }
        };
        self.settings.remember(folder);
        let generation = self.corpus.as_ref().map_or(1, |c| c.generation + 1);
        let reading = Job::read(generation, corpus.unread(), ctx);
        let open_now = self.session_index(&corpus).is_none();
        self.corpus = Some(CorpusState {
            corpus,
            generation,
            reading: Some(reading),
            preannotating: None,
            open_when_read: open_now,
            synced: None,
        });
        self.status = Some(format!("Opened the folder {}", folder.display()));
    }

    /// Lists the folder again, keeping the statuses it knows and reading those of new annotation
    /// files. Not while the folder is being read or pre-annotated (their reports point into the list).
    pub(super) fn refresh_folder(&mut self, ctx: &egui::Context) {
        let Some(state) = &mut self.corpus else { return };
        if state.reading.is_some() || state.preannotating.is_some() {
            self.status = Some("The folder is busy; list it again when the work in progress is done".into());
            return;
        }
        match state.corpus.relisted() {
            Ok(corpus) => {
                let before = state.corpus.documents.len();
                state.generation += 1;
                state.reading = Some(Job::read(state.generation, corpus.unread(), ctx));
                state.synced = None;
                let now = corpus.documents.len();
                state.corpus = corpus;
                self.status = Some(format!("{now} documents in the folder ({} before)", before));
            }
            Err(e) => self.status = Some(format!("Could not list the folder again: {e}; the list is as it was")),
        }
    }

    /// Where the open document is in `corpus`.
    fn session_index(&self, corpus: &Corpus) -> Option<usize> {
        let s = self.session.as_ref()?;
        [s.article_path.as_deref(), s.save_path.as_deref()].into_iter().flatten().find_map(|p| corpus.index_of(p))
    }

    /// The open document's row, and the progress of pre-annotation, for the corpus panel.
    pub(super) fn corpus_panel(&mut self, ui: &mut Ui) -> Vec<Command> {
        let Some(state) = &self.corpus else { return Vec::new() };
        let current = self.session_index(&state.corpus);
        let progress = state.preannotating.as_ref().map(|job| Progress {
            what: "Pre-annotating",
            done: job.done,
            total: job.total,
            cancelling: job.is_cancelled(),
        });
        self.corpus_panel.show(ui, &state.corpus, current, progress)
    }

    /// Shows the export's report when it is done.
    pub(super) fn poll_export(&mut self) {
        let Some(job) = &mut self.exporting else { return };
        for report in job.poll() {
            if let Report::Finished(result) = report {
                let message = result.clone().unwrap_or_else(|e| e);
                self.status = message.lines().next().map(str::to_string);
                self.export_dialog.result = Some(result);
            }
        }
        if job.finished {
            self.exporting = None;
        }
    }

    /// Takes in what the folder's background jobs found, and the open document's own counts.
    pub(super) fn poll_corpus(&mut self, ctx: &egui::Context) {
        let Some(state) = &mut self.corpus else { return };
        let mut messages = Vec::new();
        let mut read_all = false;
        for slot in [&mut state.reading, &mut state.preannotating] {
            let Some(job) = slot else { continue };
            for report in job.poll() {
                match report {
                    Report::Document { index, known } if job.corpus == state.generation => {
                        if let Some(d) = state.corpus.documents.get_mut(index) {
                            d.known = known;
                        }
                        // It may have been the open document: its session has the last word.
                        state.synced = None;
                    }
                    Report::Document { .. } => {}
                    Report::Notice(m) => messages.push(m),
                    Report::Finished(result) => {
                        read_all |= job.kind == JobKind::Reading;
                        messages.push(result.unwrap_or_else(|e| e));
                    }
                }
            }
            if job.finished {
                *slot = None;
            }
        }
        if let Some(m) = messages.into_iter().rfind(|m| !m.is_empty()) {
            self.status = Some(m);
        }
        if read_all && std::mem::take(&mut state.open_when_read) {
            self.next_unfinished(ctx);
        }
        self.sync_open_row();
    }

    /// Copies the open document's status and counts into its row when they may have changed.
    fn sync_open_row(&mut self) {
        let (Some(state), Some(s)) = (&self.corpus, &self.session) else { return };
        let key = (self.generation, s.revision(), s.annotations().spans().len(), s.annotations().claims.all().len());
        if state.synced == Some(key) {
            return;
        }
        let Some(i) = self.session_index(&state.corpus) else { return };
        let summary = Summary::of(s.annotations());
        if let Some(state) = &mut self.corpus {
            state.corpus.documents[i].known = Known::Read(summary);
            state.synced = Some(key);
        }
    }

    /// Opens the next document of the folder that is not done.
    pub(super) fn next_unfinished(&mut self, ctx: &egui::Context) {
        let Some(state) = &self.corpus else {
            self.status = Some("Open a folder first (File > Open folder…)".into());
            return;
        };
        let from = self.session_index(&state.corpus);
        match state.corpus.next_unfinished(from) {
            Some(i) => {
                let path = state.corpus.documents[i].path().to_path_buf();
                self.open(ctx, &path);
            }
            None => self.status = Some("Every other document in this folder is done".into()),
        }
    }

    pub(super) fn toggle_done(&mut self, ctx: &egui::Context) {
        let Some(done) = self.session.as_ref().map(|s| s.is_done()) else { return };
        self.run_command(ctx, Command::Edit(Edit::MarkDone(!done)));
        if !done
            && self.corpus.is_some()
            && let Some(key) = super::shortcuts::shortcut_for(&Command::NextUnfinished)
        {
            let said = self.status.take().unwrap_or_default();
            let key = ctx.format_shortcut(&key);
            self.status = Some(format!("{said} — {key} opens the next unfinished document"));
        }
    }

    /// Pre-annotates the folder's articles that have no annotations yet (not the open one: the window
    /// suggests on it itself).
    pub(super) fn start_preannotation(&mut self, ctx: &egui::Context) {
        let open = self.corpus.as_ref().and_then(|s| self.session_index(&s.corpus));
        let Some(state) = &mut self.corpus else { return };
        if state.preannotating.is_some() {
            return;
        }
        let articles: Vec<(usize, PathBuf)> =
            state.corpus.needing_suggestions().into_iter().filter(|(i, _)| Some(*i) != open).collect();
        if articles.is_empty() {
            self.status = Some("Every article in this folder has annotations already".into());
            return;
        }
        let folder = state.corpus.folder.clone();
        state.preannotating = Some(Job::preannotate(state.generation, folder, articles, ctx));
    }

    pub(super) fn cancel_preannotation(&mut self) {
        if let Some(job) = self.corpus.as_ref().and_then(|s| s.preannotating.as_ref()) {
            job.cancel();
            self.status = Some("Cancelling pre-annotation after the current document…".into());
        }
    }

    /// What an export takes: the open folder, else the open document's annotation file.
    pub(super) fn export_base(&self) -> Option<PathBuf> {
        match &self.corpus {
            Some(state) => Some(state.corpus.folder.clone()),
            None => self.session.as_ref().and_then(|s| s.save_path.clone()),
        }
    }

    /// Says what an export takes, for its dialog.
    pub(super) fn export_scope(&self) -> String {
        match &self.corpus {
            Some(state) => {
                let (done, total) = state.corpus.progress();
                format!("the folder {} ({total} documents, {done} marked done)", state.corpus.folder.display())
            }
            None => "the open document".into(),
        }
    }

    pub(super) fn show_export(&mut self) {
        match self.export_base() {
            Some(base) => self.export_dialog.open_for(&base),
            None => self.status = Some("Open a document or a folder first".into()),
        }
    }

    pub(super) fn choose_export_path(&mut self, ctx: &egui::Context, format: Format) {
        let kind = if format.writes_folder() { DialogKind::ExportFolder } else { DialogKind::ExportFile };
        self.ask_for_path(ctx, kind);
    }

    /// Saves the open document, then exports in the background — unless something is at `out` that
    /// the analyst has not agreed to replace: then the dialog asks first.
    pub(super) fn export(&mut self, ctx: &egui::Context, format: Format, selection: Selection, out: PathBuf) {
        let Some(base) = self.export_base() else { return };
        if let Some(folder) = would_replace(&out)
            && !self.export_dialog.take_replace_confirmation(&out)
        {
            self.export_dialog.ask_to_replace(&out, folder);
            return;
        }
        let unsaved =
            self.session.as_ref().is_some_and(|s| s.is_dirty() || s.save_path.as_ref().is_some_and(|p| !p.exists()));
        if unsaved && !self.save(ctx.input(|i| i.time)) {
            let why = self.save_error.clone().unwrap_or_default();
            self.export_dialog.result =
                Some(Err(format!("Nothing was exported: the open document is not saved ({why})")));
            return;
        }
        self.exporting = Some(Job::export(vec![base], format, selection, out, ctx));
    }

    /// An export is running in the background.
    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// The open folder's list, when one is open.
    pub fn corpus(&self) -> Option<&Corpus> {
        self.corpus.as_ref().map(|s| &s.corpus)
    }

    /// Background work on the folder is running (reading statuses or pre-annotating).
    pub fn corpus_busy(&self) -> bool {
        self.corpus.as_ref().is_some_and(|s| s.reading.is_some() || s.preannotating.is_some())
    }
}

/// What exporting to `out` would replace: `Some(false)` for a file (or anything not a folder),
/// `Some(true)` for a folder with something in it, `None` for nothing.
fn would_replace(out: &Path) -> Option<bool> {
    let meta = std::fs::symlink_metadata(out).ok()?;
    if !meta.is_dir() {
        return Some(false);
    }
    let has_files = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_some());
    has_files.then_some(true)
}
