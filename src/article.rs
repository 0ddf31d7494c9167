//! Reading an article from disk, and refusing what is not one with a message that says why.
//!
//! Reads plain text and Markdown articles (web pages and PDFs go through `dataset::import`, by their
//! extension; see `workspace::article_text`). Everything else an analyst may point it at by mistake —
//! a PDF or a picture named .txt, a file in another encoding, an empty file, a 50 MB dump — is
//! answered with a clear error instead of garbage on screen or a frozen window.

use crate::input::{ReadError, read_file};
use std::path::{Path, PathBuf};

/// The largest article Marginalia opens: far beyond any news article, small enough to stay responsive.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

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
}

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
