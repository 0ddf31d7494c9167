//! How far each analyst of a team project is: of the project's documents, how many each has
//! annotated (decided something in) and marked done. Read in the background with the folder's
//! statuses, and shown in the folder's panel, so that a team sees who is where without asking.

use crate::store::summary::{DocStatus, summary_of_file};
use crate::team::{Project, TeamError};

/// One analyst's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalystProgress {
    pub analyst: String,
    /// Documents with at least one decision of theirs (or marked done).
    pub annotated: usize,
    /// Documents they marked done.
    pub done: usize,
}

/// The team's progress: the project's documents (across every analyst's folder and the curated
/// one), and each analyst's, in name order. Files that cannot be read count for no one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamProgress {
    pub documents: usize,
    pub curated: usize,
    pub analysts: Vec<AnalystProgress>,
    /// Files of the project that could not be read (left as they are).
    pub unreadable: usize,
}

/// Reads every analyst's files of `project` (see [`crate::team::documents`]).
pub fn team_progress(project: &Project) -> Result<TeamProgress, TeamError> {
    let (documents, unreadable) = crate::team::documents(project)?;
    let mut unreadable = unreadable.len();
    let analysts = project
        .analysts()
        .into_iter()
        .map(|analyst| {
            let mut progress = AnalystProgress { analyst, annotated: 0, done: 0 };
            for file in documents.iter().filter_map(|d| d.versions.get(&progress.analyst)) {
                match summary_of_file(file).map(|s| s.status) {
                    Ok(DocStatus::New) => {}
                    Ok(DocStatus::InProgress) => progress.annotated += 1,
                    Ok(DocStatus::Done) => {
                        progress.annotated += 1;
                        progress.done += 1;
                    }
                    // Changed since it was listed (a sync, say): it counts once it reads again.
                    Err(_) => unreadable += 1,
                }
            }
            progress
        })
        .collect();
    let curated = documents.iter().filter(|d| d.curated.is_some()).count();
    Ok(TeamProgress { documents: documents.len(), curated, analysts, unreadable })
}
