//! Merging a whole team project's documents into their curated files: which file each goes to, and
//! the file safety every writer here keeps — a curated file that does not load, belongs to another
//! text, is open in a window, or changed while the merge ran is left exactly as it is.

use super::{MergeCounts, Proposals, Version, merge};
use crate::annotation::Timestamp;
use crate::store::{self, disk, lock};
use crate::team::documents::Unreadable;
use crate::team::{Project, TeamDocument, TeamError};
use std::path::PathBuf;

/// What merging one document did.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentMerge {
    pub name: String,
    /// The curated file (written or not).
    pub path: PathBuf,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The curated file was written.
    Written { counts: MergeCounts, analysts: Vec<String> },
    /// The curated file already held all of it.
    Unchanged { counts: MergeCounts, analysts: Vec<String> },
    /// No analyst has decided anything in it yet: no curated file is made.
    NotAnnotated,
    /// Left as it is, for this reason.
    Skipped(String),
}

/// What merging a project did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectMerge {
    pub documents: Vec<DocumentMerge>,
    /// Files that could not be read (left out and left as they are).
    pub unreadable: Vec<Unreadable>,
}

/// Merges every document of `project` (only the one named `only`, when given) into its curated file.
pub fn merge_project(project: &Project, only: Option<&str>, now: Timestamp) -> Result<ProjectMerge, TeamError> {
    let (docs, unreadable) = crate::team::documents(project)?;
    let documents = docs
        .iter()
        .filter(|d| only.is_none_or(|name| d.name == name || d.hash.starts_with(name)))
        .map(|d| merge_document(project, d, now))
        .collect();
    Ok(ProjectMerge { documents, unreadable })
}

/// The analysts' versions of `doc`, loaded (an error names the file that did not load).
pub fn load_versions(doc: &TeamDocument) -> Result<Vec<(String, store::Loaded)>, String> {
    doc.versions
        .iter()
        .map(|(analyst, path)| {
            store::load(path)
                .map(|loaded| (analyst.clone(), loaded))
                .map_err(|e| format!("{analyst}'s version could not be read ({e})"))
        })
        .collect()
}

/// Who marked what in `versions`.
pub fn proposals_of(versions: &[(String, store::Loaded)]) -> Proposals {
    let list: Vec<Version<'_>> =
        versions.iter().map(|(a, l)| Version { analyst: a, annotations: &l.annotations }).collect();
    Proposals::of(&list)
}

/// Merges one document into its curated file.
pub fn merge_document(project: &Project, doc: &TeamDocument, now: Timestamp) -> DocumentMerge {
    let path = curated_path(project, doc);
    let outcome = merge_into(project, doc, &path, now).unwrap_or_else(Outcome::Skipped);
    DocumentMerge { name: doc.name.clone(), path, outcome }
}

fn merge_into(
    project: &Project,
    doc: &TeamDocument,
    path: &std::path::Path,
    now: Timestamp,
) -> Result<Outcome, String> {
    if let Some(u) = doc.unreadable.first() {
        // That may be an analyst's version: without it, "all agree" could be wrong.
        return Err(format!(
            "{} could not be read ({}), and may be an analyst's version of it; fix it (or move it away), then merge again",
            u.path.display(),
            u.why
        ));
    }
    let versions = load_versions(doc)?;
    let proposals = proposals_of(&versions);
    if proposals.analysts.is_empty() {
        return Ok(Outcome::NotAnnotated);
    }
    let Some((_, first)) = versions.first() else { return Ok(Outcome::NotAnnotated) };
    let _lock = match lock::DocLock::acquire(path) {
        Err(lock::NotLocked::Held(holder)) => {
            return Err(format!("it is open in {}; close it there, or review it in that window", holder.describe()));
        }
        // As the window does: without a lock file, work goes on (the save still checks the file).
        Err(_) => None,
        Ok(lock) => Some(lock),
    };
    let (existing, on_disk) = match disk::load(path) {
        Ok((loaded, on_disk)) => (Some(loaded), on_disk),
        Err(_) if matches!(disk::at(path), disk::OnDisk::Absent) => (None, disk::OnDisk::Absent),
        Err(e) => return Err(format!("the curated file does not load ({e}); it was left as it is")),
    };
    if let Some(e) = &existing
        && e.doc.hash() != doc.hash
    {
        return Err("the curated file there is of another text; it was left as it is".to_string());
    }
    let curated = existing.as_ref().map(|e| &e.annotations);
    let (mut merged, counts) = merge(&proposals, curated, &project.config.labels, now);
    let analysts = proposals.analysts.clone();
    if curated == Some(&merged) {
        return Ok(Outcome::Unchanged { counts, analysts });
    }
    if merged.meta.is_empty() {
        merged.meta = meta_of(&versions);
    }
    let source = existing.as_ref().map_or(first.source_path.as_deref(), |e| e.source_path.as_deref());
    disk::save(path, &first.doc, &merged, source, &on_disk).map_err(|e| e.to_string())?;
    Ok(Outcome::Written { counts, analysts })
}

/// What the first analyst with a title, date or author knew of the document.
fn meta_of(versions: &[(String, store::Loaded)]) -> crate::annotation::Meta {
    versions.iter().map(|(_, l)| &l.annotations.meta).find(|m| !m.is_empty()).cloned().unwrap_or_default()
}

/// Where `doc`'s curated version is, or goes: its curated file, else `curated/<name>.ann.ron` —
/// with the text's hash in the name when another text's curated file has that name.
pub fn curated_path(project: &Project, doc: &TeamDocument) -> PathBuf {
    if let Some(path) = &doc.curated {
        return path.clone();
    }
    let plain = project.curated_file(&doc.name);
    if !store::load(&plain).is_ok_and(|l| l.doc.hash() != doc.hash) {
        return plain;
    }
    let short: String = doc.hash.chars().take(12).collect();
    let name = match doc.name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{short}.{ext}"),
        None => format!("{}-{short}", doc.name),
    };
    project.curated_file(&name)
}
