//! Opening a file as an analyst means it: an article starts a new annotation file beside it, or
//! resumes the one already there; an annotation file opens on its own text. A file that fails to load
//! is reported and never replaced.

use crate::annotation::Annotations;
use crate::article::ArticleError;
use crate::doc::{Document, text_hash};
use crate::session::Session;
use crate::store::disk::OnDisk;
use crate::store::{self, LoadError};
use crate::team::Seat;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error(transparent)]
    Annotations(#[from] LoadError),
    #[error("could not make your folder {path} in the team project: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
}

impl OpenError {
    /// What was kept and what the user can do.
    pub fn advice(&self) -> &'static str {
        match self {
            OpenError::Article(_) => "Nothing was opened and nothing was changed on disk.",
            OpenError::Annotations(e) => e.advice(),
            OpenError::Folder { .. } => "Nothing was opened. Check that the project folder can be written to.",
        }
    }
}

pub struct Opened {
    pub session: Session,
    /// True for a new document: run the suggestion engines on it.
    pub needs_suggestions: bool,
    /// Something the user should know (e.g. the article changed since it was annotated).
    pub notice: Option<String>,
    /// What its annotation file was when it was read (absent for a new document): saves check it.
    pub disk: OnDisk,
    /// The other analyst whose file this is, in a team project: it is open to read, and nothing is
    /// saved into their folder.
    pub owner: Option<String>,
}

/// The file extensions (lower case) Marginalia opens as articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm", "pdf"];

/// Whether `path` names an article Marginalia opens (by its extension).
pub fn is_article(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    ARTICLE_EXTENSIONS.contains(&ext.as_str())
}

/// Opens an article (`.txt`, `.md`, a saved web page, a PDF) or an annotation file (`.ron`).
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    open_in(path, None)
}

/// Where an article's annotations are: the analyst's own file in a team project (`seat`), else
/// beside the article.
pub fn annotations_of(article: &Path, seat: Option<&Seat>) -> PathBuf {
    seat.map_or_else(|| store::annotation_path_for(article), |s| s.annotations_of(article))
}

/// Opens a file as [`open`] does, as the analyst of `seat` in a team project: an article's
/// annotations are the analyst's own file. Another analyst's file opens to be read, with no file to
/// save to (nobody writes another's folder), and a notice that says where the analyst's own is.
pub fn open_in(path: &Path, seat: Option<&Seat>) -> Result<Opened, OpenError> {
    if store::is_annotation_file(path) {
        let (loaded, disk) = store::disk::load(path)?;
        let mut session = Session::new(loaded.doc, loaded.annotations);
        session.article_path = loaded.source_path;
        session.save_path = Some(path.to_path_buf());
        if let Some((seat, owner)) = seat.and_then(|s| Some((s, s.other_owner(path)?))) {
            let own = seat.project.analyst_file(&seat.analyst, &crate::team::documents::document_name(path));
            let notice = format!(
                "This is {owner}'s file, open to read: changes here are not saved into {owner}'s folder. Your own file of this document is {}.",
                own.display()
            );
            session.save_path = None;
            return Ok(Opened {
                session,
                needs_suggestions: false,
                notice: Some(notice),
                disk: OnDisk::Absent,
                owner: Some(owner),
            });
        }
        return Ok(Opened { session, needs_suggestions: false, notice: None, disk, owner: None });
    }
    let crate::article::Article { text, meta } = crate::article::read(path)?;
    let ann_path = annotations_of(path, seat);
    if let Some(dir) = seat.map(Seat::dir) {
        std::fs::create_dir_all(&dir).map_err(|source| OpenError::Folder { path: dir, source })?;
    }
    if ann_path.exists() {
        let (loaded, disk) = store::disk::load(&ann_path)?;
        let notice = (text_hash(&text) != loaded.doc.hash()).then(|| {
            format!(
                "{} changed since it was annotated; showing the text as it was annotated (kept in {}).",
                path.display(),
                ann_path.display()
            )
        });
        let mut session = Session::new(loaded.doc, loaded.annotations);
        session.article_path = Some(path.to_path_buf());
        session.save_path = Some(ann_path);
        return Ok(Opened { session, needs_suggestions: false, notice, disk, owner: None });
    }
    // A team's new documents start with the team's labels.
    let mut annotations = match seat {
        Some(s) => Annotations::new(s.project.config.labels.clone(), Vec::new()),
        None => Annotations::default(),
    };
    annotations.meta = meta;
    let mut session = Session::new(Document::new(text), annotations);
    session.article_path = Some(path.to_path_buf());
    session.save_path = Some(ann_path);
    Ok(Opened { session, needs_suggestions: true, notice: None, disk: OnDisk::Absent, owner: None })
}

const SAMPLE_NAME: &str = "harbour-strike.txt";
const SAMPLE_TEXT: &str = include_str!("../assets/samples/harbour-strike.txt");

/// Marginalia's own folder for data: `$XDG_DATA_HOME/marginalia`, else `~/.local/share/marginalia`,
/// else a folder in the system's temporary directory.
pub fn data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("marginalia")
}

/// The bundled sample article, copied into the data folder on first use so that its annotations
/// have a writable home. Returns its path.
pub fn sample_article() -> std::io::Result<PathBuf> {
    let dir = data_dir().join("samples");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(SAMPLE_NAME);
    if !path.exists() {
        store::atomic::write_atomic(&path, SAMPLE_TEXT.as_bytes())?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_resumes_its_annotation_file_and_a_broken_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "Syria and Turkey met.").unwrap();
        let opened = open(&article).unwrap();
        assert!(opened.needs_suggestions);
        let save_path = opened.session.save_path.clone().unwrap();
        assert_eq!(save_path, dir.path().join("a.txt.ann.ron"));
        store::save(&save_path, opened.session.doc(), opened.session.annotations(), Some(&article)).unwrap();
        assert!(!open(&article).unwrap().needs_suggestions, "resumed");

        std::fs::write(&article, "Syria and Turkey met again.").unwrap();
        let changed = open(&article).unwrap();
        assert!(changed.notice.is_some());
        assert_eq!(changed.session.doc().text(), "Syria and Turkey met.");

        std::fs::write(&save_path, "(format: \"marginalia-annotations\", version: 1, source: (").unwrap();
        let err = open(&article).err().expect("broken file is an error");
        assert!(err.to_string().contains("line 1"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&save_path).unwrap(),
            "(format: \"marginalia-annotations\", version: 1, source: ("
        );
    }

    #[test]
    fn a_saved_web_page_opens_as_its_article_and_a_pdf_without_text_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("strike.html");
        std::fs::write(&page, crate::test_support::NEWS_PAGE).unwrap();
        let opened = open(&page).unwrap();
        let text = opened.session.doc().text();
        assert!(text.contains("Niels van der Berg") && !text.contains("Subscribe"), "{text}");
        assert_eq!(opened.session.annotations().meta.title.as_deref(), Some("Strike halts port"));
        assert_eq!(opened.session.save_path, Some(dir.path().join("strike.html.ann.ron")));

        let scan = dir.path().join("scan.pdf");
        std::fs::write(&scan, crate::test_support::pdf_without_text()).unwrap();
        let err = open(&scan).err().expect("a PDF without text is refused");
        assert!(err.to_string().contains("no text layer"), "{err}");
        assert!(!dir.path().join("scan.pdf.ann.ron").exists());
    }

    #[test]
    fn the_sample_article_is_a_real_article() {
        let doc = Document::new(SAMPLE_TEXT.to_string());
        assert!(doc.tokens().len() > 300);
        assert!(SAMPLE_TEXT.contains('“') && SAMPLE_TEXT.contains('’'));
    }
}
