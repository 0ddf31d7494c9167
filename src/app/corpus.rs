//! Corpus mode in the window: a folder open beside the article — its document list kept up to date
//! from background reads, pre-annotation and the open session; next unfinished document; mark done.

use super::App;
use super::jobs::{Job, JobKind, Report};
use crate::command::Action;
use crate::command::keys::Writing;
use crate::corpus::team::TeamProgress;
use crate::corpus::{Corpus, Known};
use crate::session::Edit;
use crate::store::summary::Summary;
use crate::ui::corpus_panel::Progress;
use crate::ui::error_box::ErrorBox;
use eframe::egui;
use std::path::{Path, PathBuf};

/// The open folder and the background work on it.
pub struct FolderState {
    pub corpus: Corpus,
    /// Counts opened folders, so that reports of a folder no longer open are ignored.
    generation: u64,
    reading: Option<Job>,
    preannotating: Option<Job>,
    /// Open the first unfinished document once every status is known.
    open_when_read: bool,
    /// What of the open session was last copied into its row.
    synced: Option<(u64, u64, usize, usize)>,
    /// The search of the documents' texts, while it runs and after (`app::finding`).
    pub(super) search: super::finding::FolderSearch,
    /// How far each analyst is, in a team project (read with the statuses), or why it is not known.
    pub team: Option<Result<TeamProgress, String>>,
}

impl FolderState {
    /// How far pre-annotation is, for the folder's panel.
    pub fn progress(&self) -> Option<Progress> {
        self.preannotating.as_ref().map(|job| Progress {
            what: "Pre-annotating",
            done: job.done,
            total: job.total,
            cancelling: job.is_cancelled(),
        })
    }
}

impl App {
    /// Opens a folder as a corpus: lists it at once, reads the statuses in the background, and opens
    /// its first unfinished document (unless one of its documents is open already).
    pub(super) fn open_folder(&mut self, ctx: &egui::Context, folder: &Path) {
        let Some(seat) = self.seat_for(folder) else { return };
        let corpus = match Corpus::list_in(folder, seat.clone()) {
            Ok(c) => c,
            Err(e) => {
                self.overlays.show_error(ErrorBox {
                    title: format!("Could not open the folder {}", folder.display()),
                    message: e.to_string(),
                    advice: "Nothing was opened; the document you had open stays open.".into(),
                });
                return;
            }
        };
        self.settings.remember(folder);
        self.seat = seat;
        let generation = self.folder.as_ref().map_or(1, |c| c.generation + 1);
        let project = corpus.team.as_ref().map(|s| s.project.clone());
        let reading = Job::read(generation, corpus.unread(), project, ctx);
        let open_now = self.doc.index_in(&corpus).is_none();
        self.folder = Some(FolderState {
            corpus,
            generation,
            reading: Some(reading),
            preannotating: None,
            open_when_read: open_now,
            synced: None,
            search: Default::default(),
            team: None,
        });
        self.status = Some(format!("Opened the folder {}", folder.display()));
    }

    /// Lists the folder again, keeping the statuses it knows and reading those of new annotation
    /// files. Not while the folder is being read or pre-annotated (their reports point into the list).
    pub(super) fn refresh_folder(&mut self, ctx: &egui::Context) {
        let Some(state) = &mut self.folder else { return };
        if state.reading.is_some() || state.preannotating.is_some() {
            self.status = Some("The folder is busy; list it again when the work in progress is done".into());
            return;
        }
        match state.corpus.relisted() {
            Ok(corpus) => {
                let before = state.corpus.documents.len();
                state.generation += 1;
                let project = corpus.team.as_ref().map(|s| s.project.clone());
                state.reading = Some(Job::read(state.generation, corpus.unread(), project, ctx));
                state.synced = None;
                // Its results point into the list as it was.
                state.search = Default::default();
                let now = corpus.documents.len();
                state.corpus = corpus;
                self.status = Some(format!("{now} documents in the folder ({} before)", before));
            }
            Err(e) => self.status = Some(format!("Could not list the folder again: {e}; the list is as it was")),
        }
    }

    /// Takes in what the folder's background jobs found, and the open document's own counts.
    pub(super) fn poll_corpus(&mut self, ctx: &egui::Context) {
        let Some(state) = &mut self.folder else { return };
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
                    Report::Team(progress) if job.corpus == state.generation => state.team = Some(progress),
                    Report::Document { .. } | Report::Searched { .. } | Report::Team(_) | Report::Agreement(_) => {}
                    Report::Notice(m) => messages.push(m),
                    Report::Finished(result) => {
                        read_all |= job.kind == JobKind::Reading;
                        messages.push(result.unwrap_or_else(|e| e.to_string()));
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
        let (Some(state), Some(s)) = (&self.folder, &self.doc.session) else { return };
        let key =
            (self.doc.generation, s.revision(), s.annotations().spans().len(), s.annotations().claims.all().len());
        if state.synced == Some(key) {
            return;
        }
        let Some(i) = self.doc.index_in(&state.corpus) else { return };
        let summary = Summary::of(s.annotations());
        if let Some(state) = &mut self.folder {
            state.corpus.documents[i].known = Known::Read(summary);
            state.synced = Some(key);
        }
    }

    /// Opens the next document of the folder that is not done.
    pub(super) fn next_unfinished(&mut self, ctx: &egui::Context) {
        let Some(state) = &self.folder else {
            self.status = Some(format!("Open a folder first (File > {})", Action::OpenFolder.label()));
            return;
        };
        let from = self.doc.index_in(&state.corpus);
        match state.corpus.next_unfinished(from) {
            Some(i) => {
                let path = state.corpus.documents[i].path().to_path_buf();
                self.open(ctx, &path);
            }
            None => self.status = Some("Every other document in this folder is done".into()),
        }
    }

    pub(super) fn toggle_done(&mut self, ctx: &egui::Context) {
        let Some(done) = self.doc.session.as_ref().map(|s| s.is_done()) else { return };
        self.edit(ctx, Edit::MarkDone(!done));
        if !done
            && self.folder.is_some()
            && let Some(key) = Action::NextUnfinished.shortcut_text(Writing::of(ctx))
        {
            let said = self.status.take().unwrap_or_default();
            self.status = Some(format!("{said} — {key} opens the next unfinished document"));
        }
    }

    /// Pre-annotates the folder's articles that have no annotations yet (not the open one: the window
    /// suggests on it itself).
    pub(super) fn start_preannotation(&mut self, ctx: &egui::Context) {
        let open = self.folder.as_ref().and_then(|s| self.doc.index_in(&s.corpus));
        let Some(state) = &mut self.folder else { return };
        if state.preannotating.is_some() {
            return;
        }
        if let Some(owner) = self.seat.as_ref().and_then(|s| s.other_owner(&state.corpus.folder)) {
            self.status = Some(format!("This is {owner}'s folder: pre-annotation writes nothing into it"));
            return;
        }
        let articles: Vec<(usize, PathBuf)> =
            state.corpus.needing_suggestions().into_iter().filter(|(i, _)| Some(*i) != open).collect();
        if articles.is_empty() {
            self.status = Some("Every article in this folder has annotations already".into());
            return;
        }
        let seat = state.corpus.team.clone();
        // What was learned is the analyst's, in their folder in a team project.
        let folder = seat.as_ref().map_or_else(|| state.corpus.folder.clone(), crate::team::Seat::dir);
        let engines = self.config.engines;
        state.preannotating = Some(Job::preannotate(state.generation, engines, folder, seat, articles, ctx));
    }

    pub(super) fn cancel_preannotation(&mut self) {
        if let Some(job) = self.folder.as_ref().and_then(|s| s.preannotating.as_ref()) {
            job.cancel();
            self.status = Some("Cancelling pre-annotation after the current document…".into());
        }
    }

    /// The open folder's list, when one is open.
    pub fn corpus(&self) -> Option<&Corpus> {
        self.folder.as_ref().map(|s| &s.corpus)
    }

    /// Background work on the folder is running (reading statuses or pre-annotating).
    pub fn corpus_busy(&self) -> bool {
        self.folder.as_ref().is_some_and(|s| s.reading.is_some() || s.preannotating.is_some())
    }
}
