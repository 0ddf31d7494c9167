//! A PDF's text layer (`lopdf`), every page in order; a scan without one is refused, saying so and
//! what to do (run it through OCR).

use super::{Article, ArticleError, MAX_PAGE_BYTES};
use crate::annotation::Meta;
use std::path::Path;

/// The text of the PDF at `path`.
pub fn read(path: &Path) -> Result<Article, ArticleError> {
    let text = text_layer(&crate::input::read_file(path, MAX_PAGE_BYTES)?, path)?;
    Ok(Article { text, meta: Meta::default() })
}

/// The text layer of a PDF (`bytes`, read from `path`), its lines' trailing spaces trimmed.
pub fn text_layer(bytes: &[u8], path: &Path) -> Result<String, ArticleError> {
    let doc =
        lopdf::Document::load_mem(bytes).map_err(|why| ArticleError::NotAPdf { path: path.to_path_buf(), why })?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    let text: String = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    if text.trim().is_empty() {
        return Err(ArticleError::NoTextLayer { path: path.to_path_buf() });
    }
    Ok(text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_without_text_is_refused_and_a_broken_one_too() {
        let scan = crate::test_support::pdf_without_text();
        let err = text_layer(&scan, Path::new("scan.pdf")).unwrap_err();
        assert!(err.to_string().contains("no text layer"), "{err}");
        assert!(matches!(text_layer(b"%PDF-1.4 garbage", Path::new("bad.pdf")), Err(ArticleError::NotAPdf { .. })));
    }
}
