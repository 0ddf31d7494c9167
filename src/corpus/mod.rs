//! A corpus: a folder of articles annotated one after another (File > Open folder…, `marginalia DIR`).
//!
//! A document of the folder is an article (`.txt`, `.md`, a saved web page, a PDF) with or without its
//! annotation file beside it, or an annotation file on its own (what `marginalia import` writes). The
//! listing reads only names, so a folder of thousands opens at once; each document's status and
//! counts come from its annotation file, read in the background ([`Known::of_file`]) or from the open
//! session. Nothing here touches the window: the app owns a [`Corpus`] and the panel draws it.

pub mod preannotate;
pub mod search;
pub mod team;

use crate::store;
use crate::store::summary::summary_of_file;
use crate::store::summary::{DocStatus, Summary};
use crate::team::Seat;
use crate::workspace;
use std::path::{Path, PathBuf};

/// What is known of a document's annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// It has an annotation file not read yet.
    Unread,
    /// No annotation file yet: new, with no suggestions so far.
    NoAnnotations,
    Read(Summary),
    /// The annotation file, or the article, could not be read (it is left as it is); why.
    Broken(String),
}

impl Known {
    /// What is known of an annotation file once read: its summary, or why it cannot be read.
    pub fn of_file(path: &Path) -> Known {
        summary_of_file(path).map_or_else(|why| Known::Broken(why.to_string()), Known::Read)
    }
}

/// One document of the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEntry {
    /// Its file name (an annotation file's without `.ann.ron`).
    pub name: String,
    /// The article, when there is one.
    pub article: Option<PathBuf>,
    /// Its annotation file (which may not exist yet).
    pub annotations: PathBuf,
    pub known: Known,
}

impl DocEntry {
    /// What opening the document opens: the article (which resumes its annotations), else the annotation file.
    pub fn path(&self) -> &Path {
        self.article.as_deref().unwrap_or(&self.annotations)
    }

    /// Its status as far as known (an unread file counts as in progress until read).
    pub fn status(&self) -> DocStatus {
        match &self.known {
            Known::Read(s) => s.status,
            Known::NoAnnotations => DocStatus::New,
            Known::Unread | Known::Broken(_) => DocStatus::InProgress,
        }
    }

    pub fn is_done(&self) -> bool {
        self.status() == DocStatus::Done
    }

    /// An article with no annotations yet: pre-annotation has something to do.
    pub fn needs_suggestions(&self) -> bool {
        self.article.is_some() && self.known == Known::NoAnnotations
    }
}

/// Which documents the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Only(DocStatus),
}

impl StatusFilter {
    pub fn admits(self, status: DocStatus) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Only(s) => s == status,
        }
    }
}

/// The documents of one folder, in name order.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub folder: PathBuf,
    pub documents: Vec<DocEntry>,
    /// The analyst whose documents these are, in a team project.
    pub team: Option<Seat>,
}

impl Corpus {
    /// Lists the folder's documents (names only; nothing is read). Hidden files are left out.
    pub fn list(folder: &Path) -> std::io::Result<Corpus> {
        Corpus::list_in(folder, None)
    }

    /// Lists the folder's documents as [`list`](Corpus::list) does; in a team project (`seat`), as
    /// the analyst's: each article with the analyst's own annotation file of it, then the documents
    /// of the analyst's folder with no article here. The project's root lists the articles of its
    /// folders too (`documents/`, say). Another analyst's folder lists as a plain folder (its files
    /// open to be read).
    pub fn list_in(folder: &Path, seat: Option<Seat>) -> std::io::Result<Corpus> {
        let seat = seat.filter(|s| s.other_owner(folder).is_none());
        let documents = match &seat {
            Some(seat) => team_documents(folder, seat)?,
            None => plain_documents(folder)?,
        };
        Ok(Corpus { folder: folder.to_path_buf(), documents, team: seat })
    }

    /// The folder listed again, keeping what is known of the documents still there (new ones are
    /// unread or unannotated, documents gone are gone).
    pub fn relisted(&self) -> std::io::Result<Corpus> {
        let mut fresh = Corpus::list_in(&self.folder, self.team.clone())?;
        let known: std::collections::HashMap<&Path, &Known> =
            self.documents.iter().map(|d| (d.annotations.as_path(), &d.known)).collect();
        for d in &mut fresh.documents {
            match known.get(d.annotations.as_path()) {
                // An article annotated meanwhile (by the window or another program) is read again.
                Some(Known::NoAnnotations) if d.known == Known::Unread => {}
                Some(k) => d.known = (*k).clone(),
                None => {}
            }
        }
        Ok(fresh)
    }

    /// The document opened by `path` (its article or its annotation file).
    pub fn index_of(&self, path: &Path) -> Option<usize> {
        self.documents.iter().position(|d| d.article.as_deref() == Some(path) || d.annotations == path)
    }

    /// The next document not done after `from` (wrapping around, `from` itself excluded); from the
    /// start when nothing is open. Broken files are skipped: they cannot be opened.
    pub fn next_unfinished(&self, from: Option<usize>) -> Option<usize> {
        let n = self.documents.len();
        let start = from.map_or(0, |i| i + 1);
        (0..n)
            .map(|k| (start + k) % n)
            .filter(|&i| Some(i) != from)
            .find(|&i| !self.documents[i].is_done() && !matches!(self.documents[i].known, Known::Broken(_)))
    }

    /// How many documents are done, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.documents.iter().filter(|d| d.is_done()).count(), self.documents.len())
    }

    /// How many documents have each status.
    pub fn count(&self, status: DocStatus) -> usize {
        self.documents.iter().filter(|d| d.status() == status).count()
    }

    /// The documents the list shows for a filter and a search (case-insensitive, in the name).
    pub fn shown(&self, filter: StatusFilter, search: &str) -> Vec<usize> {
        let search = search.trim().to_lowercase();
        (0..self.documents.len())
            .filter(|&i| {
                let d = &self.documents[i];
                filter.admits(d.status()) && (search.is_empty() || d.name.to_lowercase().contains(&search))
            })
            .collect()
    }

    /// How many articles have no annotations yet (what pre-annotation would do).
    pub fn count_needing_suggestions(&self) -> usize {
        self.documents.iter().filter(|d| d.needs_suggestions()).count()
    }

    /// Articles with no annotations yet, for pre-annotation.
    pub fn needing_suggestions(&self) -> Vec<(usize, PathBuf)> {
        self.documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.needs_suggestions())
            .filter_map(|(i, d)| Some((i, d.article.clone()?)))
            .collect()
    }

    /// Annotation files not read yet.
    pub fn unread(&self) -> Vec<(usize, PathBuf)> {
        let unread = self.documents.iter().enumerate().filter(|(_, d)| d.known == Known::Unread);
        unread.map(|(i, d)| (i, d.annotations.clone())).collect()
    }
}

/// The files of a folder, in name order, hidden ones left out.
fn visible_files(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !is_hidden(p))
        .collect();
    files.sort();
    Ok(files)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A folder's articles, each with its annotation file beside it, and the annotation files on their own.
fn plain_documents(folder: &Path) -> std::io::Result<Vec<DocEntry>> {
    let files = visible_files(folder)?;
    let present: std::collections::HashSet<&PathBuf> = files.iter().collect();
    let mut documents = Vec::new();
    for path in &files {
        let name = file_name(path);
        if store::is_annotation_file_name(path) {
            let article = path.with_file_name(name.trim_end_matches(store::EXTENSION));
            if !(workspace::is_article(&article) && present.contains(&article)) {
                let name = name.trim_end_matches(store::EXTENSION).to_string();
                documents.push(DocEntry { name, article: None, annotations: path.clone(), known: Known::Unread });
            }
        } else if workspace::is_article(path) {
            let annotations = store::annotation_path_for(path);
            let known = if present.contains(&annotations) { Known::Unread } else { Known::NoAnnotations };
            documents.push(DocEntry { name, article: Some(path.clone()), annotations, known });
        }
    }
    documents.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(documents)
}

/// A team project's documents as the analyst of `seat` has them (see [`Corpus::list_in`]).
fn team_documents(folder: &Path, seat: &Seat) -> std::io::Result<Vec<DocEntry>> {
    let mut folders = vec![folder.to_path_buf()];
    let at_root = std::path::absolute(folder).is_ok_and(|f| f == seat.project.root);
    if at_root {
        let skip = [crate::team::ANNOTATIONS_DIR, crate::team::CURATED_DIR];
        let mut inside: Vec<PathBuf> = std::fs::read_dir(folder)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir() && !is_hidden(p) && !skip.contains(&file_name(p).as_str()))
            .collect();
        inside.sort();
        folders.extend(inside);
    }
    let mut documents = Vec::new();
    let mut taken = std::collections::HashSet::new();
    // The team's guidelines (a .md, say) are no document to annotate.
    let guidelines = seat.project.config.guidelines_path(&seat.project.root);
    let is_guidelines = |p: &Path| guidelines.as_deref().is_some_and(|g| std::path::absolute(p).is_ok_and(|p| p == g));
    for dir in &folders {
        for article in visible_files(dir)?.into_iter().filter(|p| workspace::is_article(p) && !is_guidelines(p)) {
            let annotations = seat.annotations_of(&article);
            // Two articles of one name share the analyst's file: the first is the document.
            if !taken.insert(annotations.clone()) {
                continue;
            }
            let known = if annotations.is_file() { Known::Unread } else { Known::NoAnnotations };
            documents.push(DocEntry { name: file_name(&article), article: Some(article), annotations, known });
        }
    }
    let own = match visible_files(&seat.dir()) {
        Ok(files) => files,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    for path in own.into_iter().filter(|p| store::is_annotation_file_name(p) && !taken.contains(p)) {
        let name = crate::team::documents::document_name(&path);
        documents.push(DocEntry { name, article: None, annotations: path, known: Known::Unread });
    }
    documents.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(documents)
}

#[cfg(test)]
mod tests;
