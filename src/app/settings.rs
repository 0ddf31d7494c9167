//! What the app remembers across runs (through eframe's storage): recent files and view preferences.

use crate::session::QueueOrder;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const STORAGE_KEY: &str = "marginalia-settings";
const MAX_RECENT: usize = 10;
pub const MIN_FONT: f32 = 10.0;
pub const MAX_FONT: f32 = 36.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    /// The item the analyst was on in each recent file (span id), to resume there.
    pub positions: Vec<(PathBuf, u64)>,
    pub dark: bool,
    pub font_size: f32,
    pub show_rejected: bool,
    /// Update the suggestions from every decision (Edit > Learn from my corrections).
    pub learn: bool,
    /// Show the claims layer (View > Claims).
    pub show_claims: bool,
    /// The order Next pending walks in (Edit > Lowest score first).
    pub queue_order: QueueOrder,
    /// The analyst decided something (or closed the first-run hint): the hint of the keys that
    /// matter is not shown any more.
    pub knows_the_keys: bool,
    /// Under review, the analysts are shown as "Analyst 1", "Analyst 2" (Documents > Hide who
    /// said what).
    pub anonymous_review: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            positions: Vec::new(),
            dark: false,
            font_size: 17.0,
            show_rejected: false,
            learn: true,
            show_claims: true,
            queue_order: QueueOrder::Document,
            knows_the_keys: false,
            anonymous_review: false,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = canonical(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Remembers the current item of a file (kept only for recent files).
    pub fn remember_position(&mut self, path: &Path, span: u64) {
        let path = canonical(path);
        self.positions.retain(|(p, _)| p != &path);
        self.positions.insert(0, (path, span));
        let recent = &self.recent;
        self.positions.retain(|(p, _)| recent.contains(p));
    }

    pub fn position(&self, path: &Path) -> Option<u64> {
        let path = canonical(path);
        self.positions.iter().find(|(p, _)| p == &path).map(|(_, id)| *id)
    }

    pub fn bigger(&mut self) {
        self.font_size = (self.font_size + 1.0).min(MAX_FONT);
    }

    pub fn smaller(&mut self) {
        self.font_size = (self.font_size - 1.0).max(MIN_FONT);
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_without_repeats() {
        let mut s = Settings::default();
        for p in ["/a", "/b", "/a"] {
            s.remember(Path::new(p));
        }
        assert_eq!(s.recent, vec![PathBuf::from("/a"), PathBuf::from("/b")]);
        for i in 0..20 {
            s.remember(Path::new(&format!("/f{i}")));
        }
        assert_eq!(s.recent.len(), MAX_RECENT);
        s.remember_position(Path::new("/f19"), 7);
        s.remember_position(Path::new("/nowhere"), 3);
        assert_eq!(s.position(Path::new("/f19")), Some(7));
        assert_eq!(s.position(Path::new("/nowhere")), None, "only recent files keep a position");
    }
}
