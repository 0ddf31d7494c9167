//! The open document with its save state: the session, its annotation file, the background saver,
//! and what is known of the last save. One value, so that what belongs to the document travels
//! together; opening another one replaces it all but the count of documents opened.

use super::document_file::{Conflict, DocumentFile};
use super::saver::{Saved, Saver, Snapshot, Work};
use crate::command::Action;
use crate::corpus::Corpus;
use crate::session::Session;
use crate::store::SaveError;
use crate::store::disk::OnDisk;
use crate::store::resume::Position;
use std::path::{Path, PathBuf};

pub struct DocumentState {
    pub session: Option<Session>,
    /// The open document's annotation file: what it was when last seen, its lock, a conflict.
    pub file: Option<DocumentFile>,
    /// Counts opened documents, so that a late result (a save, suggestions) of a closed one is ignored.
    pub generation: u64,
    /// Waiting for the first suggestions of the open document.
    pub suggesting: bool,
    /// Why the last save failed, until one succeeds.
    pub save_error: Option<String>,
    /// When the session first became dirty since its last save (egui time, seconds).
    pub dirty_since: Option<f64>,
    pub last_save_attempt: f64,
    /// Writes automatic saves off the UI thread (started with the first of them).
    pub saver: Option<Saver>,
    /// Where the analyst was when the position was last written beside the annotations.
    pub position_saved: Option<Position>,
    /// The analyst's own version of the open document from an earlier, unresolved conflict.
    pub other_version: Option<PathBuf>,
    /// A close was held back because the work could not be saved: a second close quits anyway.
    pub quit_anyway: bool,
    /// Another analyst's file of a team project, open to read: whose. Nothing is saved into their
    /// folder (changes stay in the window, or go elsewhere with *Save annotations as…*).
    pub read_only: Option<String>,
    /// A curated version under review: who of the analysts marked what.
    pub review: Option<super::review::Reviewing>,
}

impl Default for DocumentState {
    fn default() -> Self {
        Self {
            session: None,
            file: None,
            generation: 0,
            suggesting: false,
            save_error: None,
            dirty_since: None,
            last_save_attempt: f64::NEG_INFINITY,
            saver: None,
            position_saved: None,
            other_version: None,
            quit_anyway: false,
            read_only: None,
            review: None,
        }
    }
}

impl DocumentState {
    /// An automatic save is being written.
    pub fn is_saving(&self) -> bool {
        self.saver.as_ref().is_some_and(Saver::is_busy)
    }

    /// Whether there is something to write: unsaved changes, or a file that went away under the
    /// document (its version is then written beside it).
    pub fn must_save(&self) -> bool {
        if self.read_only.is_some() {
            return false;
        }
        self.session.as_ref().is_some_and(Session::is_dirty) || self.file.as_ref().is_some_and(DocumentFile::is_gone)
    }

    /// The file changed on disk while the document had unsaved changes, and no version was chosen yet.
    pub fn conflict(&self) -> Option<&Conflict> {
        self.file.as_ref().and_then(|f| f.conflict.as_ref())
    }

    /// Where the open document is in `corpus`.
    pub fn index_in(&self, corpus: &Corpus) -> Option<usize> {
        let s = self.session.as_ref()?;
        [s.article_path.as_deref(), s.save_path.as_deref()].into_iter().flatten().find_map(|p| corpus.index_of(p))
    }

    /// What to write for the open document: its annotations when they changed (or `all`), and where
    /// the analyst is. `None` when there is nothing to write, or nowhere to write it.
    pub fn snapshot(&mut self, all: bool) -> Option<Snapshot> {
        let s = self.session.as_ref()?;
        let Some(path) = s.save_path.clone() else {
            self.save_error = Some(format!(
                "This document has no annotation file yet. Choose one with {}",
                Action::SaveAs.menu_path()
            ));
            return None;
        };
        let position = s.position();
        let work = (all || s.is_dirty()).then(|| Work {
            revision: s.revision(),
            source: s.article_path.clone(),
            doc: s.shared_doc(),
            annotations: s.annotations().clone(),
            expected: self.file.as_ref().map_or(OnDisk::Absent, |f| f.disk.clone()),
        });
        (work.is_some() || self.position_saved != Some(position)).then_some(Snapshot {
            generation: self.generation,
            path,
            work,
            position,
        })
    }

    /// Records the outcome of a save. Returns the file and what is there now when the save found it
    /// changed on disk (a conflict for the app to start).
    pub fn saved(&mut self, saved: Saved, now: f64) -> Option<(PathBuf, OnDisk)> {
        let s = self.session.as_mut()?;
        // A save of a document since closed, or moved (the window waits before moving it): not news.
        if saved.generation != self.generation || s.save_path.as_deref() != Some(saved.path.as_path()) {
            return None;
        }
        if saved.position.is_some() {
            self.position_saved = saved.position;
        }
        let (revision, result) = saved.work?;
        match result {
            Ok(disk) => {
                s.mark_saved(revision);
                self.save_error = None;
                self.quit_anyway = false;
                self.dirty_since = s.is_dirty().then_some(now);
                if let Some(file) = &mut self.file {
                    file.disk = disk;
                }
                None
            }
            Err(SaveError::Changed { path, now: theirs }) => Some((path, theirs)),
            Err(e) => {
                self.last_save_attempt = now;
                self.save_error = Some(format!(
                    "{e}. Your work is kept in memory: choose another place with {}",
                    Action::SaveAs.menu_path()
                ));
                None
            }
        }
    }

    /// The session's annotations of `revision` were written (by *Save as…*, or beside a changed
    /// file): nothing before it is unsaved, and the last save error is over.
    pub fn written(&mut self, revision: u64) {
        if let Some(s) = &mut self.session {
            s.mark_saved(revision);
        }
        self.save_error = None;
        self.dirty_since = None;
    }
}

/// The file a session's position is remembered under: its article, else its annotation file.
pub fn position_key(session: &Session) -> Option<PathBuf> {
    session.article_path.clone().or_else(|| session.save_path.clone())
}

/// The folder the session's files are in (where its learned model lives).
pub fn folder_of(session: &Session) -> Option<PathBuf> {
    position_key(session).and_then(|p| p.parent().map(Path::to_path_buf))
}
