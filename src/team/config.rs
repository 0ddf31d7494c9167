//! The team's config file, `marginalia-team.ron` at the project's root: what every analyst's
//! window and command line read — the labels, where the guidelines are, who the analysts are and,
//! optionally, which documents each is assigned.

use super::TeamError;
use crate::annotation::LabelSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The config file's name; the folder holding it is the project's root.
pub const CONFIG_FILE: &str = "marginalia-team.ron";
const FORMAT_NAME: &str = "marginalia-team";
const FORMAT_VERSION: u32 = 1;
/// The most a config file may be (it is a few lines; anything larger is not one).
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamConfig {
    pub format: String,
    pub version: u32,
    /// The labels every analyst uses (names, colours, hotkeys), for new documents.
    #[serde(default)]
    pub labels: LabelSet,
    /// The annotation guidelines, a path relative to the project's root.
    #[serde(default)]
    pub guidelines: Option<String>,
    /// The analysts of the team (their folders may also appear as they sync).
    #[serde(default)]
    pub analysts: Vec<String>,
    /// Optional: document name → the analysts assigned to it.
    #[serde(default)]
    pub assignments: BTreeMap<String, Vec<String>>,
}

impl Default for TeamConfig {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            labels: LabelSet::default(),
            guidelines: None,
            analysts: Vec::new(),
            assignments: BTreeMap::new(),
        }
    }
}

impl TeamConfig {
    /// Reads a config file; what is wrong says the file and the line.
    pub fn load(path: &Path) -> Result<TeamConfig, TeamError> {
        let bad = |why: String| TeamError::Config { path: path.to_path_buf(), why };
        let bytes = crate::input::read_file(path, MAX_BYTES).map_err(|e| bad(e.to_string()))?;
        let text = std::str::from_utf8(&bytes).map_err(|_| bad("it is not UTF-8 text".into()))?;
        let config: TeamConfig = ron::from_str(text).map_err(|e| bad(format!("not a team config: {e}")))?;
        if config.format != FORMAT_NAME {
            return Err(bad(format!("its format is {:?}, not {FORMAT_NAME:?}", config.format)));
        }
        if config.version > FORMAT_VERSION {
            return Err(bad(format!(
                "it is version {}, newer than this Marginalia reads ({FORMAT_VERSION}); update Marginalia",
                config.version
            )));
        }
        for analyst in config.analysts.iter().chain(config.assignments.values().flatten()) {
            super::check_analyst(analyst).map_err(|e| bad(e.to_string()))?;
        }
        Ok(config)
    }

    /// Writes a new config file; one that is there is left as it is.
    pub fn save_new(&self, path: &Path) -> Result<(), TeamError> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| TeamError::Config { path: path.to_path_buf(), why: e.to_string() })?;
        match crate::store::atomic::write_atomic_new(path, format!("{text}\n").as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(TeamError::AlreadyTeam(path.parent().map(Path::to_path_buf).unwrap_or_default()))
            }
            Err(source) => Err(TeamError::Io { what: "write", path: path.to_path_buf(), source }),
            Ok(()) => Ok(()),
        }
    }

    /// The guidelines file, if the config names one.
    pub fn guidelines_path(&self, root: &Path) -> Option<PathBuf> {
        self.guidelines.as_ref().map(|g| root.join(g))
    }

    /// Whether `analyst` is assigned the document named `name` (everyone is, where the config
    /// assigns it to nobody).
    pub fn is_assigned(&self, name: &str, analyst: &str) -> bool {
        self.assignments.get(name).is_none_or(|who| who.iter().any(|a| a == analyst))
    }
}
