//! What is on disk is what was seen (invariant I5): an annotation file is loaded together with a
//! fingerprint of the bytes read, every save first checks that the file is still the one loaded or
//! last saved, and refuses — writing nothing over it — when it is not: a colleague's version from a
//! `git pull`, another window's save, a merge-conflict file, a deletion.
//!
//! The fingerprint is the file's length, modification time and inode (a quick look that catches
//! almost every change) and the SHA-256 of its bytes (which decides when the quick look differs but
//! the contents may not: a checkout that rewrote the same bytes).

use super::{LoadError, Loaded, SaveError};
use crate::annotation::Annotations;
use crate::doc::Document;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::SystemTime;

/// What a file was when it was last read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnDisk {
    /// There was no file (a new document).
    Absent,
    File(Fingerprint),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    sha256: [u8; 32],
}

impl Fingerprint {
    fn of(bytes: &[u8], meta: &std::fs::Metadata) -> Self {
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(meta),
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// Whether `meta` is what this fingerprint saw, at a glance.
    fn looks_like(&self, meta: &std::fs::Metadata) -> bool {
        meta.len() == self.len && meta.modified().ok() == self.modified && inode(meta) == self.inode
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> u64 {
    0
}

impl OnDisk {
    /// What is at `path` now, compared with `self`: `None` when it is the same file (then `self`
    /// takes its new time and inode, should the same bytes have been written again).
    pub fn changed(&mut self, path: &Path) -> Option<OnDisk> {
        let now = match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => OnDisk::Absent,
            // Unreadable metadata: only a read can tell, and a save will report the error itself.
            Err(_) => return None,
            Ok(meta) => match self {
                OnDisk::File(seen) if seen.looks_like(&meta) => return None,
                _ => match read_fingerprint(path) {
                    Ok(now) => now,
                    Err(_) => return None,
                },
            },
        };
        let same = match (&*self, &now) {
            (OnDisk::Absent, OnDisk::Absent) => true,
            (OnDisk::File(a), OnDisk::File(b)) => a.sha256 == b.sha256,
            _ => false,
        };
        if !same {
            return Some(now);
        }
        *self = now;
        None
    }

    /// What the change was, for messages: "changed on disk", "was deleted", "appeared".
    pub fn change(&self) -> &'static str {
        match self {
            OnDisk::Absent => "was deleted",
            OnDisk::File(_) => "changed on disk",
        }
    }
}

/// The fingerprint of what is at `path` now (`Absent` if nothing is).
pub fn at(path: &Path) -> Result<OnDisk, LoadError> {
    read_fingerprint(path)
}

fn read_fingerprint(path: &Path) -> Result<OnDisk, LoadError> {
    match super::read(path) {
        Ok(bytes) => {
            let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
            Ok(OnDisk::File(Fingerprint::of(&bytes, &meta)))
        }
        Err(LoadError::Read(crate::input::ReadError::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(OnDisk::Absent)
        }
        Err(e) => Err(e),
    }
}

fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Read(crate::input::ReadError::Io { path: path.to_path_buf(), source })
}

/// Loads an annotation file and the fingerprint of the very bytes loaded.
pub fn load(path: &Path) -> Result<(Loaded, OnDisk), LoadError> {
    let bytes = super::read(path)?;
    // Taken after reading: if the file changed in between, the fingerprint disagrees with the bytes'
    // hash and the next check reads it again.
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    let fingerprint = Fingerprint::of(&bytes, &meta);
    Ok((super::parse(path, &bytes)?, OnDisk::File(fingerprint)))
}

/// Saves the annotations to `path` if the file there is still `expected`; returns what is there
/// afterwards. A new file (`expected` absent) is created only if none appeared meanwhile.
pub fn save(
    path: &Path,
    doc: &Document,
    ann: &Annotations,
    source_path: Option<&Path>,
    expected: &OnDisk,
) -> Result<OnDisk, SaveError> {
    let ron = super::checked_ron(path, doc, ann, source_path)?;
    if let Some(now) = expected.clone().changed(path) {
        return Err(SaveError::Changed { path: path.to_path_buf(), now });
    }
    let io = |source| SaveError::Io { path: path.to_path_buf(), source };
    let written = match expected {
        OnDisk::Absent => super::atomic::write_atomic_new(path, ron.as_bytes()),
        OnDisk::File(_) => super::atomic::write_atomic(path, ron.as_bytes()),
    };
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let now = read_fingerprint(path).unwrap_or(OnDisk::Absent);
            return Err(SaveError::Changed { path: path.to_path_buf(), now });
        }
        Err(e) => return Err(io(e)),
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    Ok(OnDisk::File(Fingerprint::of(ron.as_bytes(), &meta)))
}

/// A name beside `original` for another version of it (`whose` is "mine" or "theirs"):
/// `report.txt.ann.ron` → `report.txt.mine-ana-20261201-130512.ann.ron`, a name no file has yet.
pub fn version_copy_path(original: &Path, whose: &str) -> std::path::PathBuf {
    let name = original.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(super::EXTENSION).unwrap_or(&name).to_string();
    let user: String = crate::annotation::current_user()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let base = format!("{stem}.{whose}-{user}-{stamp}");
    let named = |n: usize| {
        let b = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        original.with_file_name(format!("{b}{}", super::EXTENSION))
    };
    (1..1000).map(named).find(|p| !p.exists()).unwrap_or_else(|| named(1000))
}

/// Whether a file is another version of a document kept beside it after a conflict (see
/// [`version_copy_path`]): `….mine-USER-YYYYMMDD-HHMMSS….ann.ron` or `….theirs-….ann.ron`.
pub fn is_version_copy(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(stem) = name.strip_suffix(super::EXTENSION) else { return false };
    ["mine", "theirs"].iter().any(|whose| {
        stem.rsplit_once(&format!(".{whose}-")).is_some_and(|(_, rest)| {
            // USER-YYYYMMDD-HHMMSS, perhaps with -N: the date and time are the parts after the user.
            let parts: Vec<&str> = rest.rsplitn(4, '-').collect();
            let stamp = |p: &str, n| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
            match parts.as_slice() {
                [n, time, date, _] if stamp(time, 6) && stamp(date, 8) => n.chars().all(|c| c.is_ascii_digit()),
                [time, date, _, ..] => stamp(time, 6) && stamp(date, 8),
                _ => false,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::LabelSet;

    fn doc() -> (Document, Annotations) {
        (Document::new("Ed Davey spoke.".into()), Annotations::new(LabelSet::default(), Vec::new()))
    }

    #[test]
    fn a_file_changed_replaced_or_deleted_since_it_was_seen_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt.ann.ron");
        let (d, a) = doc();
        let mut seen = save(&p, &d, &a, None, &OnDisk::Absent).unwrap();
        assert_eq!(seen.changed(&p), None, "our own save is what we saw");
        let seen = save(&p, &d, &a, None, &seen).unwrap();

        std::fs::write(&p, "a colleague's version").unwrap();
        let e = save(&p, &d, &a, None, &seen).unwrap_err();
        assert!(matches!(e, SaveError::Changed { now: OnDisk::File(_), .. }), "{e}");
        assert!(e.to_string().contains("changed on disk"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a colleague's version");

        std::fs::remove_file(&p).unwrap();
        let e = save(&p, &d, &a, None, &seen).unwrap_err();
        assert!(e.to_string().contains("was deleted"), "{e}");
        assert!(!p.exists(), "a deleted file is not recreated behind the analyst's back");

        std::fs::write(&p, "appeared meanwhile").unwrap();
        assert!(save(&p, &d, &a, None, &OnDisk::Absent).is_err(), "a new file never replaces one that appeared");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "appeared meanwhile");
    }

    #[test]
    fn version_copies_are_named_beside_the_file_and_known_by_their_names() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("report.txt.ann.ron");
        let mine = version_copy_path(&original, "mine");
        let name = mine.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("report.txt.mine-") && name.ends_with(".ann.ron"), "{name}");
        assert!(is_version_copy(&mine), "{name}");
        std::fs::write(&mine, "x").unwrap();
        let again = version_copy_path(&original, "mine");
        assert_ne!(again, mine, "a name no file has");
        assert!(is_version_copy(&again), "{}", again.display());
        assert!(is_version_copy(Path::new("a.txt.theirs-ana-20261201-130512.ann.ron")));
        assert!(!is_version_copy(&original));
        assert!(!is_version_copy(Path::new("the.mine-field.txt.ann.ron")));
    }

    #[test]
    fn rewriting_the_same_bytes_is_no_change() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt.ann.ron");
        let (d, a) = doc();
        let mut seen = save(&p, &d, &a, None, &OnDisk::Absent).unwrap();
        let bytes = std::fs::read(&p).unwrap();
        std::fs::remove_file(&p).unwrap();
        std::fs::write(&p, &bytes).unwrap(); // a checkout of the same contents: a new inode and time
        assert_eq!(seen.changed(&p), None);
        let (loaded, mut again) = load(&p).unwrap();
        assert_eq!(loaded.annotations, a);
        assert_eq!(again.changed(&p), None);
    }
}
