//! What the app remembers across runs (through eframe's storage): recent files and view preferences.

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
    pub dark: bool,
    pub font_size: f32,
    pub show_rejected: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { recent: Vec::new(), dark: false, font_size: 17.0, show_rejected: false }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub fn bigger(&mut self) {
        self.font_size = (self.font_size + 1.0).min(MAX_FONT);
    }

    pub fn smaller(&mut self) {
        self.font_size = (self.font_size - 1.0).max(MIN_FONT);
    }
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
    }
}
