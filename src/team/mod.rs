//! A team project: several analysts annotating one corpus, shared through git.
//!
//! Why plain files in a git work tree: every newsroom has git, it needs no server, and every decision
//! keeps its history. The layout is chosen so that git never has to merge two people's edits — each
//! analyst writes only their own folder, and the reviewer only the curated one:
//!
//! ```text
//! project/
//!   marginalia-team.ron            the team's config (labels, guidelines, analysts, assignments)
//!   annotations/<analyst>/<name>.ann.ron   what each analyst decided
//!   curated/<name>.ann.ron         the adjudicated version (`marginalia merge`, the review view)
//! ```
//!
//! A document is its text: two analysts' files of one text (the same `source.sha256`) are one
//! document, whatever they are named ([`documents`]). Outside a team project nothing here applies
//! and annotation files stay beside their articles.

pub mod agreement;
pub mod config;
pub mod documents;
mod git;
pub mod merge;
pub mod review;
pub mod seat;
pub mod sync;

pub use config::{CONFIG_FILE, TeamConfig};
pub use documents::{TeamDocument, documents};
pub use seat::Seat;
pub use sync::{SyncError, SyncReport, sync};

use std::path::{Path, PathBuf};

/// The folder of the analysts' folders.
pub const ANNOTATIONS_DIR: &str = "annotations";
/// The folder of the curated versions.
pub const CURATED_DIR: &str = "curated";

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{path}: {why}")]
    Config { path: PathBuf, why: String },
    #[error("could not {what} {path}: {source}")]
    Io { what: &'static str, path: PathBuf, source: std::io::Error },
    #[error("{0:?} cannot be an analyst's name: use letters, digits, '-', '_' or '.' (set MARGINALIA_USER)")]
    BadAnalyst(String),
    #[error("{0} is already a team project (its {CONFIG_FILE} was left as it is)")]
    AlreadyTeam(PathBuf),
}

/// An open team project: its root folder and config.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub root: PathBuf,
    pub config: TeamConfig,
}

impl Project {
    /// The team project `path` is in (the nearest folder at or above it holding a
    /// [`CONFIG_FILE`]), or `None` outside one. A config that does not load is an error, never
    /// ignored: the analyst's files would otherwise go to the single-analyst places.
    pub fn find(path: &Path) -> Result<Option<Project>, TeamError> {
        let start = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        for dir in start.ancestors() {
            let config = dir.join(CONFIG_FILE);
            if config.is_file() {
                return Ok(Some(Project { root: dir.to_path_buf(), config: TeamConfig::load(&config)? }));
            }
        }
        Ok(None)
    }

    /// Opens the project whose root is `root`.
    pub fn open(root: &Path) -> Result<Project, TeamError> {
        Ok(Project { root: root.to_path_buf(), config: TeamConfig::load(&root.join(CONFIG_FILE))? })
    }

    /// Makes `root` a team project with `config` (the folder is made if missing). An existing
    /// config is left as it is and is an error.
    pub fn init(root: &Path, config: TeamConfig) -> Result<Project, TeamError> {
        fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> TeamError + use<> {
            let path = path.to_path_buf();
            move |source| TeamError::Io { what, path, source }
        }
        for analyst in &config.analysts {
            check_analyst(analyst)?;
        }
        std::fs::create_dir_all(root.join(ANNOTATIONS_DIR)).map_err(io("make", &root.join(ANNOTATIONS_DIR)))?;
        std::fs::create_dir_all(root.join(CURATED_DIR)).map_err(io("make", &root.join(CURATED_DIR)))?;
        let path = root.join(CONFIG_FILE);
        config.save_new(&path)?;
        // The lock and position files beside annotation files are this machine's, not the team's.
        let ignore = root.join(".gitignore");
        if !ignore.exists() {
            crate::store::atomic::write_atomic(&ignore, GITIGNORE.as_bytes()).map_err(io("write", &ignore))?;
        }
        Ok(Project { root: root.to_path_buf(), config })
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    /// The folder of one analyst's files.
    pub fn analyst_dir(&self, analyst: &str) -> PathBuf {
        self.root.join(ANNOTATIONS_DIR).join(analyst)
    }

    /// The folder of the curated versions.
    pub fn curated_dir(&self) -> PathBuf {
        self.root.join(CURATED_DIR)
    }

    /// Where `analyst`'s annotations of the document named `name` (an article's file name) go.
    pub fn analyst_file(&self, analyst: &str, name: &str) -> PathBuf {
        crate::store::annotation_path_for(&self.analyst_dir(analyst).join(name))
    }

    /// Where the curated version of the document named `name` goes.
    pub fn curated_file(&self, name: &str) -> PathBuf {
        crate::store::annotation_path_for(&self.curated_dir().join(name))
    }

    /// The analysts with a folder in the project, and those the config names, in name order.
    pub fn analysts(&self) -> Vec<String> {
        let mut names: std::collections::BTreeSet<String> = self.config.analysts.iter().cloned().collect();
        if let Ok(entries) = std::fs::read_dir(self.root.join(ANNOTATIONS_DIR)) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if e.path().is_dir() && check_analyst(&name).is_ok() {
                    names.insert(name);
                }
            }
        }
        names.into_iter().collect()
    }

    /// Whether `path` is a curated version of this project (in its curated folder).
    pub fn is_curated(&self, path: &Path) -> bool {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = std::path::absolute(self.curated_dir()).unwrap_or_else(|_| self.curated_dir());
        abs.parent() == Some(dir.as_path())
    }

    /// Whose folder `path` is in, if it is in an analyst's folder of this project.
    pub fn analyst_of(&self, path: &Path) -> Option<String> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(self.root.join(ANNOTATIONS_DIR)).ok()?;
        let first = rel.components().next()?;
        Some(first.as_os_str().to_string_lossy().into_owned())
    }
}

const GITIGNORE: &str = "# Marginalia: locks, reading positions and what the suggestions learned belong to one machine\n.*.lock\n.*.resume\n.marginalia/\n";

/// The analyst working here: `$MARGINALIA_USER`, else the login name ([`crate::annotation::current_user`]),
/// checked to be usable as a folder name.
pub fn current_analyst() -> Result<String, TeamError> {
    let name = crate::annotation::current_user();
    check_analyst(&name)?;
    Ok(name)
}

/// An analyst's name names their folder: letters, digits, `-`, `_` and `.` only, not starting with a dot.
pub fn check_analyst(name: &str) -> Result<(), TeamError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok { Ok(()) } else { Err(TeamError::BadAnalyst(name.to_string())) }
}

#[cfg(test)]
mod tests;
