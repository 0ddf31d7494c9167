//! Reading an article from disk — plain text and Markdown ([`read_article`]), a saved web page's
//! main text ([`web_page`]), a PDF's text layer ([`pdf`]) — and refusing what is not one with a
//! message that says why. Everything else an analyst may point it at by mistake — a PDF or a
//! picture named .txt, a file in another encoding, an empty file, a 50 MB dump, a page nested too
//! deep to parse, a scan without text — is answered with a clear error instead of garbage on screen
//! or a frozen window.
//!
//! Opening a file in the window, pre-annotating a folder and `suggest` read articles here by their
//! extension ([`read`]); `import` reads them here too, as their content shows.

pub mod pdf;
pub mod web_page;

use crate::annotation::Meta;
use crate::input::{ReadError, read_file};
use std::path::{Path, PathBuf};

/// The largest article Marginalia opens: far beyond any news article, small enough to stay responsive.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// The most a saved web page or a PDF may hold: far more than its text (markup, scripts, images).
pub const MAX_PAGE_BYTES: u64 = 4 * MAX_ARTICLE_BYTES;

#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// Not a regular file, too large, or unreadable (see [`crate::input`]).
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{path} is empty: there is nothing to annotate")]
    Empty { path: PathBuf },
    #[error(
        "{path} looks like a {kind}, not a text article. Marginalia opens text (.txt, .md), saved web pages (.html) and PDFs (.pdf)"
    )]
    Binary { path: PathBuf, kind: &'static str },
    /// A web page nested deeper than [`web_page::MAX_DEPTH`]: parsing it would take minutes.
    #[error(
        "{path} nests its elements more than {} levels deep (news pages: a few dozen); Marginalia cannot read such a page",
        web_page::MAX_DEPTH
    )]
    TooDeep { path: PathBuf },
    #[error("{path} could not be read as a web page: {why}")]
    NotAPage { path: PathBuf, why: dom_smoothie::ReadabilityError },
    #[error("no article text found in {path} ({why}); is it a saved news page?")]
    NoArticle { path: PathBuf, why: dom_smoothie::ReadabilityError },
    #[error("no article text found in {path}")]
    NoText { path: PathBuf },
    #[error("{path} is not a readable PDF ({why})")]
    NotAPdf { path: PathBuf, why: lopdf::Error },
    #[error("{path} has no text layer (a scanned PDF?): there is no text to annotate. Run it through OCR first")]
    NoTextLayer { path: PathBuf },
}

/// An article's text and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub text: String,
    /// Title, byline and date, as a saved web page gives them (nothing for text and PDFs).
    pub meta: Meta,
}

/// The article in the file at `path`, as its extension says it is written: a saved web page
/// (`.html`, `.htm`), a PDF (`.pdf`), else plain text or Markdown.
pub fn read(path: &Path) -> Result<Article, ArticleError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => web_page::read(path),
        "pdf" => pdf::read(path),
        _ => Ok(Article { text: read_article(path)?, meta: Meta::default() }),
    }
}

/// A plain-text or Markdown article.
pub fn read_article(path: &Path) -> Result<String, ArticleError> {
    decode_article(path, read_file(path, MAX_ARTICLE_BYTES)?)
}

/// Checks and decodes the bytes of an article (`path` is for messages).
pub fn decode_article(path: &Path, mut bytes: Vec<u8>) -> Result<String, ArticleError> {
    let p = || path.to_path_buf();
    if let Some(kind) = binary_kind(&bytes) {
        return Err(ArticleError::Binary { path: p(), kind });
    }
    crate::input::skip_bom(&mut bytes);
    let text = crate::input::decode_utf8(path, bytes)?;
    if text.trim().is_empty() {
        return Err(ArticleError::Empty { path: p() });
    }
    Ok(text)
}

/// Names the kind of a binary file from its first bytes, or `None` for text.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF document"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive (or a Word/OpenDocument file)"),
        (b"\x7FELF", "program"),
        (b"\x1F\x8B", "gzip archive"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))).count();
    (controls > 0 && controls * 100 >= head.len().max(1)).then_some("binary file")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, ArticleError> {
        decode_article(Path::new("a.txt"), bytes.to_vec())
    }

    #[test]
    fn accepts_text_and_strips_a_bom() {
        assert_eq!(decode("\u{feff}Hello".as_bytes()).unwrap(), "Hello");
    }

    #[test]
    fn refuses_what_is_not_an_article() {
        assert!(matches!(decode(b""), Err(ArticleError::Empty { .. })));
        assert!(matches!(decode(b" \n\n "), Err(ArticleError::Empty { .. })));
        assert!(matches!(decode(b"%PDF-1.7 ..."), Err(ArticleError::Binary { kind: "PDF document", .. })));
        assert!(matches!(decode(&[0u8, 1, 2, 3, 200, 0]), Err(ArticleError::Binary { .. })));
        let e = decode(b"line one\nline \xE9two").unwrap_err();
        assert!(matches!(e, ArticleError::Read(ReadError::NotUtf8 { line: 2, at: 14, .. })), "{e}");
        assert!(e.to_string().contains("UTF-8"));
    }

    #[test]
    fn refuses_a_huge_file_before_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(MAX_ARTICLE_BYTES + 1).unwrap();
        assert!(matches!(read_article(&p), Err(ArticleError::Read(ReadError::TooLarge { .. }))));
    }
}
