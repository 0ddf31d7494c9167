//! Finding in the window: the find bar's next and previous, the folder's text search in the
//! background (each document's results arrive as they are found), and opening a document at one of
//! its matches with the find bar on it.

use super::App;
use super::jobs::{Job, Report};
use crate::command::{Action, FolderQuery};
use crate::corpus::search::Results;
use eframe::egui;
use std::ops::Range;
use std::path::Path;

/// The folder's text search: the results so far, and the job while it runs.
#[derive(Default)]
pub struct FolderSearch {
    pub results: Option<Results>,
    job: Option<Job>,
}

impl FolderSearch {
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }
}

impl App {
    /// Ctrl+F: the find bar opens (or takes the keyboard again) over the open document.
    pub(super) fn find(&mut self) {
        if self.doc.session.is_some() {
            self.overlays.find.open();
        } else {
            self.status = Some(format!("Open a document first ({})", Action::OpenArticle.menu_path()));
        }
    }

    /// F3 / Shift+F3 (and Enter in the find bar): the next or previous match; with nothing to find
    /// yet, the find bar opens for typing.
    pub(super) fn find_next(&mut self, forward: bool) {
        let find = &mut self.overlays.find;
        if !find.is_open() || find.query().is_empty() {
            return self.find();
        }
        if !find.step(forward) {
            self.status = Some(format!("No matches of “{}” in this document", find.query()));
        }
    }

    /// Ctrl+Shift+F: the keyboard goes to the folder's search field.
    pub(super) fn search_folder(&mut self) {
        if self.folder.is_some() {
            self.panels.corpus.focus_search();
        } else {
            self.status = Some(format!("Open a folder first ({})", Action::OpenFolder.menu_path()));
        }
    }

    /// Searches the texts of every document of the folder, in the background (a search still
    /// running stops).
    pub(super) fn search_folder_texts(&mut self, ctx: &egui::Context, query: FolderQuery) {
        let Some(state) = &mut self.folder else { return };
        if query.text.is_empty() {
            state.search = FolderSearch::default();
            return;
        }
        let documents: Vec<_> = state.corpus.documents.iter().cloned().enumerate().collect();
        let job = Job::search(0, documents, query.text.clone(), query.options, ctx);
        state.search = FolderSearch { results: Some(Results::new(&query.text, query.options)), job: Some(job) };
    }

    /// Takes in what the folder's text search found since the last frame.
    pub(super) fn poll_folder_search(&mut self) {
        let Some(state) = &mut self.folder else { return };
        let search = &mut state.search;
        let (Some(job), Some(results)) = (&mut search.job, &mut search.results) else { return };
        for report in job.poll() {
            match report {
                Report::Searched { index, found } => results.add(index, found),
                Report::Finished(_)
                | Report::Document { .. }
                | Report::Notice(_)
                | Report::Team(_)
                | Report::Agreement(_) => {}
            }
        }
        if job.finished {
            search.job = None;
            let unreadable = results.unreadable.len();
            let mut said = match (results.total(), results.documents.len()) {
                (0, _) => format!("No document of the folder has “{}”", results.query),
                (n, d) => format!("{n} match(es) of “{}” in {d} document(s)", results.query),
            };
            if unreadable > 0 {
                said.push_str(&format!("; {unreadable} document(s) could not be read and were skipped"));
            }
            self.status = Some(said);
        }
    }

    /// Opens `path` (unless it is open) with the find bar on `query`'s match at `at`.
    pub(super) fn open_match(&mut self, ctx: &egui::Context, path: &Path, query: FolderQuery, at: Range<usize>) {
        let open_already = self.folder.as_ref().is_some_and(|f| {
            let here = self.doc.index_in(&f.corpus);
            here.is_some() && here == f.corpus.index_of(path)
        });
        if !open_already {
            let generation = self.doc.generation;
            self.open(ctx, path);
            if self.doc.generation == generation {
                return;
            }
        }
        self.overlays.find.open_at(query, at);
    }
}
