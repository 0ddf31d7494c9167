//! The analyst working here, in a team project: where *their* files of each document go, and whose
//! folder another file is in — so that importing, pre-annotating and the window all write the
//! analyst's own folder and never another's.

use super::{Project, TeamError, check_analyst};
use crate::annotation::{Annotations, LabelSet};
use std::path::{Path, PathBuf};

/// One analyst in one team project.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub project: Project,
    pub analyst: String,
}

impl Seat {
    /// `analyst`'s seat in the team project `path` is in (see [`Project::find`]), or `None`
    /// outside one. A name that cannot name a folder is an error inside a project only.
    pub fn find(path: &Path, analyst: &str) -> Result<Option<Seat>, TeamError> {
        let Some(project) = Project::find(path)? else { return Ok(None) };
        check_analyst(analyst)?;
        Ok(Some(Seat { project, analyst: analyst.to_string() }))
    }

    /// The analyst's folder.
    pub fn dir(&self) -> PathBuf {
        self.project.analyst_dir(&self.analyst)
    }

    /// The analyst's annotation file of an article (named after its file name).
    pub fn annotations_of(&self, article: &Path) -> PathBuf {
        let name = article.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.project.analyst_file(&self.analyst, &name)
    }

    /// The other analyst whose folder `path` is in, if it is in one.
    pub fn other_owner(&self, path: &Path) -> Option<String> {
        self.project.analyst_of(path).filter(|a| *a != self.analyst)
    }

    /// The labels of a new document of the team: the team's (their colours and keys), then those
    /// of `ann`'s spans the team does not have — not Marginalia's defaults.
    pub fn labels_for(&self, ann: &Annotations) -> LabelSet {
        let mut labels = self.project.config.labels.clone();
        for span in ann.spans() {
            if !labels.contains(&span.label) {
                labels.add_as_named(&span.label);
            }
        }
        labels
    }

    /// The project's name: its folder's.
    pub fn project_name(&self) -> String {
        let root = std::path::absolute(&self.project.root).unwrap_or_else(|_| self.project.root.clone());
        root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| root.display().to_string())
    }

    /// Who the analyst is, for the window: `ana · team project news`.
    pub fn describe(&self) -> String {
        format!("{} · team project {}", self.analyst, self.project_name())
    }
}
