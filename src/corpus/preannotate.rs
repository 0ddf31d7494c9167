//! Pre-annotating a folder: every article with no annotations yet gets an annotation file of pending
//! suggestions (entities and claims), so that the analyst only decides. It runs in the background
//! (the window shows a progress bar and a Cancel button); cancelling stops between two documents.
//!
//! A file is only ever created, never replaced ([`store::save_new`]): if the analyst saved the same
//! document meanwhile, their file stays and is counted instead.

use crate::article::ArticleError;
use crate::dataset::{annotate, import::Imported};
use crate::engines::Engines;
use crate::store::summary::Summary;
use crate::store::summary::summary_of_file;
use crate::store::{self, LoadError, SaveError};
use crate::team::Seat;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// How a run ended.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Annotation files written.
    pub written: usize,
    /// Articles that could not be read or whose file could not be written, with why.
    pub failed: Vec<PreannotateError>,
    /// Stopped by the user before the end.
    pub cancelled: bool,
    /// Left to the window they are open in.
    pub open_elsewhere: usize,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = if self.cancelled { "cancelled after" } else { "done:" };
        write!(f, "Pre-annotation {how} {} document(s) annotated", self.written)?;
        if self.open_elsewhere > 0 {
            write!(f, "; {} left alone (open in a window)", self.open_elsewhere)?;
        }
        match self.failed.first() {
            None => Ok(()),
            Some(first) => write!(f, "; {} could not be (first: {first})", self.failed.len()),
        }
    }
}

/// What pre-annotating one article came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Preannotated {
    /// Its annotation file was written, with these counts.
    Written(Summary),
    /// One appeared meanwhile and was left as it is; its counts.
    Found(Summary),
    /// It is open in a window (its lock is held, or its lock file cannot be read): the window
    /// suggests on it and saves it.
    OpenElsewhere,
}

/// Why an article was not pre-annotated; nothing was written over anything.
#[derive(Debug, thiserror::Error)]
pub enum PreannotateError {
    /// The article cannot be read (a binary file, a PDF without text): no annotation file was written.
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error(transparent)]
    Save(#[from] SaveError),
    /// An annotation file appeared meanwhile and does not load; it was left as it is.
    #[error(transparent)]
    Found(#[from] LoadError),
}

/// Suggests on one article and writes its annotation file beside it (in a team project, the
/// analyst's own file of it: `seat`), unless one appeared meanwhile or the document is open in a window.
pub fn preannotate(article: &Path, seat: Option<&Seat>, engines: &Engines) -> Result<Preannotated, PreannotateError> {
    let path = crate::workspace::annotations_of(article, seat);
    if store::lock::is_held(&path) {
        return Ok(Preannotated::OpenElsewhere);
    }
    let crate::article::Article { text, meta } = crate::article::read(article)?;
    let name = article.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (doc, mut ann) = annotate(Imported { name, text, meta, ..Default::default() }, Some(engines));
    if let Some(seat) = seat {
        // The team's labels, and those of the suggestions.
        ann.labels = seat.labels_for(&ann);
        if let Err(source) = std::fs::create_dir_all(seat.dir()) {
            return Err(SaveError::Io { path: seat.dir(), source }.into());
        }
    }
    match store::save_new(&path, &doc, &ann, Some(article)) {
        Ok(()) => Ok(Preannotated::Written(Summary::of(&ann))),
        Err(SaveError::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
            Ok(Preannotated::Found(summary_of_file(&path)?))
        }
        Err(e) => Err(e.into()),
    }
}

/// Pre-annotates `articles` (corpus index, path) in order, calling `each` after every one, until the
/// end or until `cancel` is set.
pub fn run(
    articles: &[(usize, PathBuf)],
    seat: Option<&Seat>,
    engines: &Engines,
    cancel: &AtomicBool,
    mut each: impl FnMut(usize, &Result<Preannotated, PreannotateError>),
) -> Outcome {
    let mut outcome = Outcome::default();
    for (index, article) in articles {
        if cancel.load(Ordering::Relaxed) {
            outcome.cancelled = true;
            break;
        }
        let result = preannotate(article, seat, engines);
        each(*index, &result);
        match result {
            Ok(Preannotated::Written(_)) => outcome.written += 1,
            Ok(Preannotated::Found(_)) => {}
            Ok(Preannotated::OpenElsewhere) => outcome.open_elsewhere += 1,
            Err(why) => outcome.failed.push(why),
        }
    }
    outcome
}
