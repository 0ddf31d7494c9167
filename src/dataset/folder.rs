//! Writing documents into a folder (`marginalia import -o DIR`, a brat export): every file stays inside
//! the folder, is named from a file name made safe, and a file that is there is never replaced unless
//! asked for.
//!
//! Why: a document's name comes from the data — a JSONL `meta.source`, a dataset bundle's names — and
//! data can say `../victim/report.txt`, `/etc/passwd` or `https://example.org/a?b=c`. Only the last
//! path component is kept (a URL's last segment, or its host), cleaned of what a file name must not
//! hold, and the joined path is checked to be in the folder. And an annotation file may hold an
//! analyst's decisions: running an import again must not replace it. New files are written with
//! [`store::save_new`], so a file that appears meanwhile (the window saving) is not replaced either.
//!
//! Annotation files are named as the window names them, by [`store::annotation_path_for`]: a document
//! named `report.txt` (an article `report.txt`, or a JSONL or brat document whose source is it) goes
//! to `report.txt.ann.ron`, so the window resumes it when the article is opened beside it.

use super::UniqueNames;
use crate::annotation::Annotations;
use crate::doc::Document;
use crate::store;
use std::path::{Path, PathBuf};

/// The longest file name made from a document's name, in bytes (file systems allow 255, and
/// `.ann.ron` and a `-2` are added; 120 bytes are 40 CJK characters).
pub const MAX_NAME_BYTES: usize = 120;

/// A file name made from `raw` (a name, a path or a URL), or `None` when nothing usable is left:
/// its last path component — for a URL, its last path segment or else its host — without control
/// or direction-changing characters, with characters Windows forbids as `_`, without leading dots
/// (no hidden files, no `..`) or trailing dots and spaces, at most [`MAX_NAME_BYTES`] long.
pub fn safe_file_name(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let last = match raw.split_once("://") {
        Some((_, rest)) => url_name(rest),
        None => raw.rsplit(['/', '\\']).next().unwrap_or(raw),
    };
    let cleaned: String = last
        .chars()
        .filter(|&c| {
            !c.is_control() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| if matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    let end = trimmed.char_indices().map(|(i, c)| i + c.len_utf8()).take_while(|&e| e <= MAX_NAME_BYTES).last();
    let short = &trimmed[..end.unwrap_or(0)];
    let short = short.trim_end_matches(['.', ' ']);
    (!short.is_empty()).then(|| short.to_string())
}

/// The part of a URL (after `scheme://`) a file is named from: the last path segment, else the host.
fn url_name(rest: &str) -> &str {
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit('@').next().unwrap_or(authority);
    path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(host)
}

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("the name {raw:?} gives no usable file name")]
    NoName { raw: String },
    #[error("{path} would not be inside {folder}")]
    Outside { path: PathBuf, folder: PathBuf },
    #[error(transparent)]
    Save(#[from] store::SaveError),
}

/// `name` made safe ([`safe_file_name`]) and unique among `names`.
pub fn unique_safe_name(names: &mut UniqueNames, name: &str) -> Result<String, FolderError> {
    let safe = safe_file_name(name).ok_or_else(|| FolderError::NoName { raw: name.to_string() })?;
    Ok(names.claim(&safe))
}

/// `path`, if it is directly inside `folder` (the last check before writing there).
pub fn inside(folder: &Path, path: PathBuf) -> Result<PathBuf, FolderError> {
    if path.parent() != Some(folder) {
        return Err(FolderError::Outside { path, folder: folder.to_path_buf() });
    }
    Ok(path)
}

/// Where a document's annotation file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Nothing is there (or it is there and may be replaced): write here.
    Free(PathBuf),
    /// An annotation file (or something else) is there, and nothing may be replaced.
    Taken(PathBuf),
}

/// What became of a document written with [`AnnotationFolder::write`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Written,
    /// A file appeared at the path meanwhile; it was left as it is.
    AppearedMeanwhile,
}

/// A folder annotation files are imported into.
pub struct AnnotationFolder {
    folder: PathBuf,
    overwrite: bool,
    names: UniqueNames,
}

impl AnnotationFolder {
    /// `overwrite`: replace annotation files that are there (else they are kept).
    pub fn new(folder: &Path, overwrite: bool) -> Self {
        Self { folder: folder.to_path_buf(), overwrite, names: UniqueNames::default() }
    }

    /// Where the document named `name` goes: its safe name, made unique among the documents placed
    /// so far (`name-2`, …), as an annotation file in the folder.
    pub fn place(&mut self, name: &str) -> Result<Place, FolderError> {
        let unique = unique_safe_name(&mut self.names, name)?;
        let path = inside(&self.folder, store::annotation_path_for(&self.folder.join(unique)))?;
        // A dangling link is something there too.
        let there = std::fs::symlink_metadata(&path).is_ok();
        Ok(if there && !self.overwrite { Place::Taken(path) } else { Place::Free(path) })
    }

    /// Writes a document's annotation file at a [`Place::Free`] path: atomically, and — unless
    /// replacing was asked for — only if no file is there by the time it is written.
    pub fn write(
        &self,
        path: &Path,
        doc: &Document,
        ann: &Annotations,
        source: Option<&Path>,
    ) -> Result<Written, FolderError> {
        if self.overwrite {
            store::save(path, doc, ann, source)?;
            return Ok(Written::Written);
        }
        match store::save_new(path, doc, ann, source) {
            Ok(()) => Ok(Written::Written),
            Err(store::SaveError::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
                Ok(Written::AppearedMeanwhile)
            }
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_data_become_plain_file_names() {
        for (raw, safe) in [
            ("report.txt", Some("report.txt")),
            ("../victim/report.txt", Some("report.txt")),
            ("/etc/passwd", Some("passwd")),
            ("C:\\Users\\ana\\news\\a.html", Some("a.html")),
            ("https://example.org/news/story.html?id=3#top", Some("story.html")),
            ("https://user@example.org:8080/", Some("example.org_8080")),
            ("https://example.org", Some("example.org")),
            ("..", None),
            ("", None),
            ("a/..", None),
            ("   ", None),
            (".hidden", Some("hidden")),
            ("tab\there\u{202E}txt.exe", Some("tabheretxt.exe")),
            ("what? \"this\" <is>*", Some("what_ _this_ _is__")),
            ("trailing. . ", Some("trailing")),
        ] {
            assert_eq!(safe_file_name(raw).as_deref(), safe, "{raw:?}");
        }
        let long = "x".repeat(1000);
        assert_eq!(safe_file_name(&long).map(|n| n.len()), Some(MAX_NAME_BYTES));
        let cjk = "中".repeat(100);
        assert!(safe_file_name(&cjk).is_some_and(|n| n.len() <= MAX_NAME_BYTES && n.starts_with('中')));
    }

    #[test]
    fn a_place_is_inside_the_folder_named_as_the_window_names_it_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let mut folder = AnnotationFolder::new(dir.path(), false);
        let first = folder.place("../elsewhere/report.txt").unwrap();
        assert_eq!(first, Place::Free(store::annotation_path_for(&dir.path().join("report.txt"))));
        assert_eq!(folder.place("report.txt").unwrap(), Place::Free(dir.path().join("report.txt-2.ann.ron")));
        assert!(matches!(folder.place("/"), Err(FolderError::NoName { .. })));
    }

    #[test]
    fn a_file_that_is_there_is_kept_unless_replacing_was_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let there = dir.path().join("a.txt.ann.ron");
        std::fs::write(&there, "an analyst's decisions").unwrap();
        let doc = Document::new("Text.".into());
        let ann = Annotations::new(crate::annotation::LabelSet::default(), Vec::new());

        assert_eq!(AnnotationFolder::new(dir.path(), false).place("a.txt").unwrap(), Place::Taken(there.clone()));
        // It appeared between the look and the write: still kept.
        let late = AnnotationFolder::new(dir.path(), false);
        assert_eq!(late.write(&there, &doc, &ann, None).unwrap(), Written::AppearedMeanwhile);
        assert_eq!(std::fs::read_to_string(&there).unwrap(), "an analyst's decisions");

        let mut replacing = AnnotationFolder::new(dir.path(), true);
        assert_eq!(replacing.place("a.txt").unwrap(), Place::Free(there.clone()));
        assert_eq!(replacing.write(&there, &doc, &ann, None).unwrap(), Written::Written);
        assert!(store::load(&there).is_ok());
    }
}
