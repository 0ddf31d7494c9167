//! Which annotations of a team project's documents an export takes: the files given, each
//! document's curated version, or one analyst's files — one choice for the command line
//! (`--curated`, `--analyst`) and the window's export dialog, so that both say and count the same.

use super::Selection;
use super::export::{Format, LeftOut, Report};
use crate::team::documents::Unreadable;
use crate::team::{CONFIG_FILE, Project};
use std::path::{Path, PathBuf};

/// Which annotations of a document an export writes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Versions {
    /// The annotation files given (and those of the folders given).
    #[default]
    AsGiven,
    /// Each document's curated version, in the team project of the inputs.
    Curated,
    /// One analyst's files, in the team project of the inputs.
    Analyst(String),
}

/// The files an export of [`Versions`] reads.
#[derive(Debug, Default)]
pub struct Chosen {
    pub files: Vec<PathBuf>,
    /// Documents of the project with no file of the versions asked for.
    pub missing: usize,
    /// Files of the project that could not be read (left out and left as they are).
    pub unreadable: Vec<Unreadable>,
}

impl Versions {
    /// The files of these versions of the documents of the team projects `inputs` are in (the
    /// inputs themselves for [`Versions::AsGiven`]).
    pub fn choose(&self, inputs: &[PathBuf]) -> anyhow::Result<Chosen> {
        if *self == Versions::AsGiven {
            return Ok(Chosen { files: inputs.to_vec(), ..Chosen::default() });
        }
        let mut projects: Vec<Project> = Vec::new();
        for input in inputs {
            let Some(project) = Project::find(input)? else {
                anyhow::bail!(
                    "{} is not in a team project (no {CONFIG_FILE} in it or above it): the curated versions and one analyst's are a team project's",
                    input.display(),
                );
            };
            if !projects.iter().any(|p| p.root == project.root) {
                projects.push(project);
            }
        }
        let mut chosen = Chosen::default();
        for project in &projects {
            let (documents, unreadable) = crate::team::documents(project)?;
            chosen.unreadable.extend(unreadable);
            for document in documents {
                let file = match self {
                    Versions::Curated => document.curated,
                    Versions::Analyst(analyst) => document.versions.get(analyst).cloned(),
                    Versions::AsGiven => None,
                };
                match file {
                    Some(file) => chosen.files.push(file),
                    None => chosen.missing += 1,
                }
            }
        }
        Ok(chosen)
    }

    /// What was exported, for the report ("from ben's annotations"); nothing for the files given.
    pub fn from_what(&self) -> Option<String> {
        match self {
            Versions::AsGiven => None,
            Versions::Curated => Some("from the curated versions".into()),
            Versions::Analyst(analyst) => Some(format!("from {analyst}'s annotations")),
        }
    }

    /// Why a document with no file of these versions was left out.
    pub fn left_out(&self) -> LeftOut {
        match self {
            Versions::Curated => LeftOut::NotCurated,
            _ => LeftOut::NotTheAnalysts,
        }
    }
}

/// What [`export`] wrote, and the project's files it could not read.
pub struct Exported {
    pub report: Report,
    pub unreadable: Vec<Unreadable>,
}

/// Exports the `from` versions of `inputs` (see [`Versions::choose`]) to `out`, the documents with
/// none counted as left out.
pub fn export(
    inputs: &[PathBuf],
    from: &Versions,
    format: Format,
    selection: Selection,
    out: &Path,
) -> anyhow::Result<Exported> {
    let chosen = from.choose(inputs)?;
    let entries = super::load(&chosen.files)?;
    if entries.is_empty() {
        let unread = match chosen.unreadable.len() {
            0 => String::new(),
            n => format!(" ({n} of its files could not be read: {})", chosen.unreadable[0].path.display()),
        };
        match from.from_what() {
            None => anyhow::bail!("there are no annotation files (*{}) to export yet{unread}", crate::store::EXTENSION),
            Some(said) => {
                anyhow::bail!(
                    "nothing to export {said}: none of the project's {} documents has one{unread}",
                    chosen.missing
                )
            }
        }
    }
    let mut report = super::export::export(&entries, format, selection, out)?;
    report.skip(from.left_out(), chosen.missing);
    Ok(Exported { report, unreadable: chosen.unreadable })
}
