//! The documents of a team project, across the analysts' folders: one per text, whatever each
//! analyst's file of it is named, with every analyst's version and the curated one.

use super::{Project, TeamError};
use crate::store;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One document of the project (one text).
#[derive(Debug, Clone, PartialEq)]
pub struct TeamDocument {
    /// The SHA-256 of its text, which identifies it.
    pub hash: String,
    /// A name for it: the curated file's, else the first analyst's (without `.ann.ron`).
    pub name: String,
    /// Each analyst's annotation file of it.
    pub versions: BTreeMap<String, PathBuf>,
    /// The curated version, once there is one.
    pub curated: Option<PathBuf>,
    /// Files of the project with the same file name as one of this document's that could not be
    /// read: probably an analyst's version of it (their word is missing until the file is fixed).
    pub unreadable: Vec<Unreadable>,
}

/// A file of the project that could not be read (it is left as it is, and left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub why: String,
}

/// The project's documents in name order, and the files that could not be read. An analyst with
/// two files of one text (a copy kept after a conflict, say) counts once: the first in name order.
pub fn documents(project: &Project) -> Result<(Vec<TeamDocument>, Vec<Unreadable>), TeamError> {
    let mut by_hash: BTreeMap<String, TeamDocument> = BTreeMap::new();
    let mut unreadable = Vec::new();
    let read = |path: PathBuf, unreadable: &mut Vec<Unreadable>| match store::text_hash_of(&path) {
        Ok(hash) => Some((hash, path)),
        Err(e) => {
            unreadable.push(Unreadable { path, why: e.to_string() });
            None
        }
    };
    for (hash, path) in files_in(&project.curated_dir())?.into_iter().filter_map(|p| read(p, &mut unreadable)) {
        let entry = by_hash.entry(hash.clone()).or_insert_with(|| new_document(hash, &path));
        entry.curated.get_or_insert(path);
    }
    for analyst in project.analysts() {
        for file in files_in(&project.analyst_dir(&analyst))? {
            let Some((hash, path)) = read(file, &mut unreadable) else { continue };
            let entry = by_hash.entry(hash.clone()).or_insert_with(|| new_document(hash, &path));
            entry.versions.entry(analyst.clone()).or_insert(path);
        }
    }
    let mut docs: Vec<TeamDocument> = by_hash.into_values().collect();
    for doc in &mut docs {
        let names: Vec<_> = doc.versions.values().chain(&doc.curated).filter_map(|p| p.file_name()).collect();
        doc.unreadable =
            unreadable.iter().filter(|u| u.path.file_name().is_some_and(|n| names.contains(&n))).cloned().collect();
    }
    docs.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.hash.cmp(&b.hash)));
    Ok((docs, unreadable))
}

/// The project's document of the text whose hash is `hash`, if any analyst (or the curated
/// folder) has a file of it.
pub fn find(project: &Project, hash: &str) -> Result<Option<TeamDocument>, TeamError> {
    Ok(documents(project)?.0.into_iter().find(|d| d.hash == hash))
}

fn new_document(hash: String, path: &std::path::Path) -> TeamDocument {
    TeamDocument { hash, name: document_name(path), versions: BTreeMap::new(), curated: None, unreadable: Vec::new() }
}

/// A document's name from its annotation file: the file name without `.ann.ron`.
pub fn document_name(path: &std::path::Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.strip_suffix(store::EXTENSION).unwrap_or(&name).to_string()
}

/// The annotation files directly in `dir`, in name order, leaving out copies kept after a conflict
/// (a missing folder has none).
fn files_in(dir: &std::path::Path) -> Result<Vec<PathBuf>, TeamError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(TeamError::Io { what: "read the folder", path: dir.to_path_buf(), source }),
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && store::is_annotation_file_name(p) && !store::disk::is_version_copy(p))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    Ok(files)
}
