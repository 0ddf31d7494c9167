//! Where the analyst was in a document — the current span, the current claim and which of the two
//! the keyboard was on — kept beside its annotation file (`.report.txt.ann.ron.resume`) and written
//! on the same schedule as the annotations, so that even after a crash the document resumes at the
//! item it was on (invariant I9). Apart from the annotations because it is one analyst's place, not
//! part of the work: moving around must not change the file others review and `git diff`.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Ids alone are not enough: after a `git pull` the same id may name another span in a colleague's
/// version, so each item is named with where it is (code points, end exclusive), and resumed only
/// if it is still there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The current entity span's id, and where it is.
    #[serde(default)]
    pub span: Option<u64>,
    #[serde(default)]
    pub span_at: Option<(usize, usize)>,
    /// The current claim's id, and where what it claims is.
    #[serde(default)]
    pub claim: Option<u64>,
    #[serde(default)]
    pub claim_at: Option<(usize, usize)>,
    /// The keyboard was on the claims.
    #[serde(default)]
    pub on_claims: bool,
}

/// Where the position of an annotation file is kept.
pub fn position_path(annotations: &Path) -> PathBuf {
    super::beside(annotations, "resume")
}

/// The position saved for an annotation file, if one was (a missing or unreadable one is none).
pub fn read(annotations: &Path) -> Option<Position> {
    let bytes = crate::input::read_file(&position_path(annotations), 64 * 1024).ok()?;
    ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

/// Saves the position of an annotation file (atomically).
pub fn write(annotations: &Path, position: Position) -> std::io::Result<()> {
    let text = ron::to_string(&position).map_err(std::io::Error::other)?;
    super::atomic::write_atomic(&position_path(annotations), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_is_kept_beside_the_annotations() {
        let dir = tempfile::tempdir().unwrap();
        let ann = dir.path().join("a.txt.ann.ron");
        assert_eq!(read(&ann), None);
        let p = Position { span: Some(12), span_at: Some((3, 9)), claim: Some(40), claim_at: None, on_claims: true };
        write(&ann, p).unwrap();
        assert_eq!(read(&ann), Some(p));
        assert_eq!(position_path(&ann), dir.path().join(".a.txt.ann.ron.resume"));
    }
}
