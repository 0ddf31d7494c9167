//! Where a document stands — new, in progress, done — and how many of its suggestions wait for a
//! decision: what the folder's list shows for each document, and what decides whether an export
//! takes it. Worked out from the annotations alone, so a listing, an export and the window agree.

use super::LoadError;
use crate::annotation::{Annotations, Counts, Origin};
use std::path::Path;

/// Where a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocStatus {
    /// Nothing decided yet (possibly pre-annotated with suggestions).
    New,
    /// Some suggestion decided or something labelled by hand, not marked done.
    InProgress,
    /// Marked done by an analyst.
    Done,
}

impl DocStatus {
    /// As a filter's title: "New", "In progress", "Done".
    pub fn title(self) -> &'static str {
        match self {
            DocStatus::New => "New",
            DocStatus::InProgress => "In progress",
            DocStatus::Done => "Done",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DocStatus::New => "new",
            DocStatus::InProgress => "in progress",
            DocStatus::Done => "done",
        }
    }
}

/// What a document's annotations amount to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub status: DocStatus,
    /// Suggested spans and claims not decided yet.
    pub pending: usize,
    /// Accepted (and hand-made) spans and claims.
    pub accepted: usize,
}

impl Summary {
    pub fn of(ann: &Annotations) -> Summary {
        let Counts { pending, accepted, .. } = ann.tally();
        let claims = ann.claims.all();
        let touched = ann.spans().iter().any(|s| s.reviewed.is_some() || matches!(s.origin, Origin::Human { .. }))
            || claims.iter().any(|c| c.reviewed.is_some() || matches!(c.origin, Origin::Human { .. }));
        let status = match (ann.done.is_some(), touched) {
            (true, _) => DocStatus::Done,
            (false, true) => DocStatus::InProgress,
            (false, false) => DocStatus::New,
        };
        Summary { status, pending, accepted }
    }
}

/// The summary of an annotation file, or why it could not be read (the file is left as it is).
pub fn summary_of_file(path: &Path) -> Result<Summary, LoadError> {
    super::load(path).map(|l| Summary::of(&l.annotations))
}
