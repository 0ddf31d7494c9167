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
    /// Something is there that cannot be read (too large, not a regular file, no permission): why.
    Unreadable(String),
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
    /// takes its new time and inode, should the same bytes have been written again). A glance at
    /// the length, time and inode decides when they are as seen; otherwise the contents do.
    pub fn changed(&mut self, path: &Path) -> Option<OnDisk> {
        if let (OnDisk::File(seen), Ok(meta)) = (&*self, std::fs::metadata(path))
            && seen.looks_like(&meta)
        {
            return None;
        }
        self.changed_contents(path)
    }

    /// Like [`OnDisk::changed`], but always by the contents (before a save: a glance can be fooled
    /// by coarse file times and network file systems' caches).
    fn changed_contents(&mut self, path: &Path) -> Option<OnDisk> {
        let now = at(path);
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

    /// What the change was, for messages: "changed on disk", "was deleted", "can no longer be read".
    pub fn change(&self) -> String {
        match self {
            OnDisk::Absent => "was deleted".into(),
            OnDisk::File(_) => "changed on disk".into(),
            OnDisk::Unreadable(why) => format!("can no longer be read ({why})"),
        }
    }
}

/// What is at `path` now: nothing, a file (its fingerprint), or something that cannot be read.
pub fn at(path: &Path) -> OnDisk {
    match crate::input::read_file_and_metadata(path, crate::input::MAX_ANNOTATION_FILE) {
        Ok((bytes, meta)) => OnDisk::File(Fingerprint::of(&bytes, &meta)),
        Err(crate::input::ReadError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            OnDisk::Absent
        }
        Err(e) => OnDisk::Unreadable(e.to_string()),
    }
}

/// Moves a version of a document into its folder's `.marginalia/set-aside/` (hidden, never listed
/// or exported, kept for as long as anyone wants it): once the analyst chose the other version.
/// Returns where it went.
pub fn set_aside(version: &Path, whose: &str) -> std::io::Result<std::path::PathBuf> {
    let folder = version.parent().unwrap_or(Path::new("."));
    let aside = folder.join(".marginalia").join("set-aside");
    std::fs::create_dir_all(&aside)?;
    let name = version.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let original = original_of(version).unwrap_or_else(|| version.to_path_buf());
    let own = aside.join(&name);
    let place = if is_version_copy(version) && !own.exists() { own } else { free_copy_path(&aside, &original, whose) };
    move_without_replacing(version, &place)?;
    if is_version_copy(version) {
        // A copy's resume position goes with it; the document's own stays for the version put in place.
        let _ = std::fs::remove_file(super::resume::position_path(version));
    }
    Ok(place)
}

/// Loads an annotation file and the fingerprint of the very bytes loaded.
pub fn load(path: &Path) -> Result<(Loaded, OnDisk), LoadError> {
    let (bytes, meta) =
        crate::input::read_file_and_metadata(path, crate::input::MAX_ANNOTATION_FILE).map_err(LoadError::Read)?;
    let fingerprint = Fingerprint::of(&bytes, &meta);
    Ok((super::parse(path, &bytes)?, OnDisk::File(fingerprint)))
}

/// Saves the annotations to `path` if the file there is still `expected`; returns what is there
/// afterwards. The new contents are written and synced beside the file first; only then is the
/// file looked at (by its contents) and, if it is still as expected, replaced — so that the moment
/// between the look and the replacement is as short as the file system allows. A new file (`expected`
/// absent) is created only if none appeared meanwhile.
pub fn save(
    path: &Path,
    doc: &Document,
    ann: &Annotations,
    source_path: Option<&Path>,
    expected: &OnDisk,
) -> Result<OnDisk, SaveError> {
    let ron = super::checked_ron(path, doc, ann, source_path)?;
    let io = |source| SaveError::Io { path: path.to_path_buf(), source };
    let staged = super::atomic::Staged::new(path, ron.as_bytes()).map_err(io)?;
    if let Some(now) = expected.clone().changed_contents(path) {
        return Err(SaveError::Changed { path: path.to_path_buf(), now });
    }
    // The staged file keeps its inode and time when it is renamed into place.
    let written = OnDisk::File(Fingerprint::of(ron.as_bytes(), &staged.metadata().map_err(io)?));
    match staged.put_in_place(matches!(expected, OnDisk::File(_))) {
        Ok(()) => Ok(written),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(SaveError::Changed { path: path.to_path_buf(), now: at(path) })
        }
        Err(e) => Err(io(e)),
    }
}

/// A name beside `original` for another version of it (`whose` is "mine" or "theirs"):
/// `report.txt.ann.ron` → `report.txt.mine-ana-20261201-130512.ann.ron`, a name no file has yet.
pub fn version_copy_path(original: &Path, whose: &str) -> std::path::PathBuf {
    free_copy_path(original.parent().unwrap_or(Path::new(".")), original, whose)
}

/// A name for a version copy of `original` in `dir` that nothing has yet.
fn free_copy_path(dir: &Path, original: &Path, whose: &str) -> std::path::PathBuf {
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
        dir.join(format!("{b}{}", super::EXTENSION))
    };
    (1..1000).map(named).find(|p| !p.exists()).unwrap_or_else(|| named(1000))
}

/// Moves `from` to `to` unless something is at `to` (then `AlreadyExists`): a hard link, which the
/// file system refuses to make over a file, then the old name removed; where links cannot be made
/// (some USB sticks), a rename after a look.
fn move_without_replacing(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if to.symlink_metadata().is_ok() => {
            Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, format!("{} exists", to.display())))
        }
        Err(_) => std::fs::rename(from, to),
    }
}

/// Whether a file is another version of a document after a conflict (see [`version_copy_path`]):
/// `….mine-USER-YYYYMMDD-HHMMSS….ann.ron` beside the document until the analyst chooses, and the
/// version not chosen (`….mine-…` or `….theirs-…`) in `.marginalia/set-aside/` afterwards.
pub fn is_version_copy(path: &Path) -> bool {
    original_of(path).is_some()
}

/// The document's own annotation file that a version copy is of (`report.txt.mine-…​.ann.ron` →
/// `report.txt.ann.ron`), or `None` when `path` is no version copy.
pub fn original_of(path: &Path) -> Option<std::path::PathBuf> {
    copy_of(path).map(|c| c.original)
}

/// A version copy's name taken apart.
struct Copy {
    original: std::path::PathBuf,
    whose: &'static str,
    /// When it was made: date, time and the counter of copies made in the same second.
    made: (u64, u64, u64),
}

/// `path` as a version copy: `<original>.<whose>-USER-YYYYMMDD-HHMMSS[-N].ann.ron`, the last such
/// part of the name counting (an article named `a.mine-b.txt` is no copy of anything).
fn copy_of(path: &Path) -> Option<Copy> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned())?;
    let stem = name.strip_suffix(super::EXTENSION)?;
    ["mine", "theirs"]
        .into_iter()
        .filter_map(|whose| {
            let (original, rest) = stem.rsplit_once(&format!(".{whose}-"))?;
            let made = stamp(rest)?;
            Some((
                original.len(),
                Copy { original: path.with_file_name(format!("{original}{}", super::EXTENSION)), whose, made },
            ))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, copy)| copy)
}

/// The copies of the analyst's own version of `original` kept beside it, oldest first (a conflict
/// not resolved yet).
pub fn mine_copies(original: &Path) -> Vec<std::path::PathBuf> {
    let Some(folder) = original.parent() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(if folder.as_os_str().is_empty() { Path::new(".") } else { folder }) else {
        return Vec::new();
    };
    let mut copies: Vec<((u64, u64, u64), std::path::PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| copy_of(&p).map(|c| (c, p)))
        .filter(|(c, _)| c.whose == "mine" && c.original.file_name() == original.file_name())
        .map(|(c, p)| (c.made, p))
        .collect();
    copies.sort();
    copies.into_iter().map(|(_, p)| p).collect()
}

/// `USER-YYYYMMDD-HHMMSS`, perhaps with `-N`: what follows `.mine-` in a version copy's name; its
/// date, time and counter.
fn stamp(rest: &str) -> Option<(u64, u64, u64)> {
    // The date and time are the parts after the user.
    let parts: Vec<&str> = rest.rsplitn(4, '-').collect();
    let digits = |p: &str, n: usize| (p.len() == n && p.chars().all(|c| c.is_ascii_digit())).then(|| p.parse().ok())?;
    match parts.as_slice() {
        [n, time, date, _] if digits(time, 6).is_some() && digits(date, 8).is_some() => {
            let count = (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| n.parse().ok())??;
            Some((digits(date, 8)?, digits(time, 6)?, count))
        }
        [time, date, ..] => Some((digits(date, 8)?, digits(time, 6)?, 1)),
        _ => None,
    }
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
        std::fs::write(&again, "y").unwrap();
        assert!(is_version_copy(Path::new("a.txt.theirs-ana-20261201-130512.ann.ron")));
        assert_eq!(original_of(&again), Some(original.clone()));
        assert_eq!(mine_copies(&original), vec![mine.clone(), again.clone()], "oldest first");
        // Made in the same second, a tenth copy still sorts after the second.
        let tenth = dir.path().join("report.txt.mine-ana-20991231-235959-10.ann.ron");
        let second = dir.path().join("report.txt.mine-ana-20991231-235959-2.ann.ron");
        std::fs::write(&tenth, "z").unwrap();
        std::fs::write(&second, "z").unwrap();
        assert_eq!(mine_copies(&original)[2..], [second.clone(), tenth.clone()]);
        // A theirs copy of an article whose own name has `.mine-` in it is no copy of mine.
        let odd = dir.path().join("a.mine-b.txt.theirs-ana-20261201-130512.ann.ron");
        assert_eq!(original_of(&odd), Some(dir.path().join("a.mine-b.txt.ann.ron")));
        assert!(mine_copies(&dir.path().join("a.mine-b.txt.ann.ron")).is_empty());

        let aside = set_aside(&mine, "mine").unwrap();
        assert!(!mine.exists() && aside.exists() && aside.to_string_lossy().contains(".marginalia/set-aside/"));
        // A second version set aside under a name already taken there gets a name of its own.
        std::fs::write(&mine, "again").unwrap();
        let other = set_aside(&mine, "mine").unwrap();
        assert_ne!(other, aside);
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "x", "nothing set aside is replaced");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "again");
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
