//! Atomic file replacement: write a temporary file beside the target, fsync it, rename it over the
//! target, fsync the folder. A crash or a full disk leaves either the old file or the new one, never a
//! half-written one. [`write_atomic_new`] does the same but never replaces a file that is there (the
//! background pre-annotation of a folder must not overwrite what an analyst saved a moment earlier).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    Staged::new(path, bytes)?.put_in_place(true)
}

/// Like [`write_atomic`], but fails with [`io::ErrorKind::AlreadyExists`] when `path` exists — checked
/// by the file system at the moment the file appears, not before.
pub fn write_atomic_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    Staged::new(path, bytes)?.put_in_place(false)
}

/// New contents written and synced beside their file, not yet in its place: what is there can be
/// looked at once more, as late as possible, before it is replaced (see `store::disk`).
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl Staged {
    pub fn new(path: &Path, bytes: &[u8]) -> io::Result<Self> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(folder(path))?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        keep_permissions(path, tmp.as_file());
        Ok(Self { tmp, path: path.to_path_buf() })
    }

    /// The new file's metadata (it keeps them, inode and time, when it is put in place).
    pub fn metadata(&self) -> io::Result<fs::Metadata> {
        self.tmp.as_file().metadata()
    }

    /// Renames the new contents over the file (`replace`), or into a place nothing is at.
    pub fn put_in_place(self, replace: bool) -> io::Result<()> {
        if replace {
            self.tmp.persist(&self.path).map_err(|e| e.error)?;
        } else {
            self.tmp.persist_noclobber(&self.path).map_err(|e| e.error)?;
        }
        // Make the rename itself durable. Not every platform lets a folder be opened and synced.
        if let Ok(d) = fs::File::open(folder(&self.path)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The temporary file is private (0600); give the new file the old one's permissions, or 0644.
#[cfg(unix)]
fn keep_permissions(path: &Path, tmp: &fs::File) {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path).map(|m| m.permissions().mode()).unwrap_or(0o644);
    let _ = tmp.set_permissions(fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn keep_permissions(_path: &Path, _tmp: &fs::File) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ann.ron");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_never_replaces_one_that_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ann.ron");
        write_atomic_new(&p, b"first").unwrap();
        let e = write_atomic_new(&p, b"second").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&p).unwrap(), b"first");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    }

    #[test]
    fn failure_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-dir").join("a.ann.ron");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
