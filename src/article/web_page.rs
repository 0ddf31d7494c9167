//! A saved web page: the article's main text, title, byline and date, with the navigation and ads
//! left behind (`dom_smoothie`, the Readability algorithm) — and a page nested so deep that parsing
//! it would take minutes refused before it is parsed whole.
//!
//! Why: html5ever's tree builder (which `dom_query`, and so `dom_smoothie`, parses with) looks
//! through its open elements for most tags, so parsing takes time in the square of the nesting: a page
//! of 1,000 nested `<div>`s parses in 5 ms, 3,000 in a second, 100,000 in a minute and a half, with
//! the window black meanwhile; the Readability pass over the tree is quadratic too. Saved news pages
//! nest a few dozen levels (the 130 real pages of Mozilla Readability's tests: at most 42, counted as
//! below).
//!
//! So the page is fed to the tree builder a few kilobytes at a time, and between two pieces the
//! elements it holds open — and the formatting elements it will open again, which nest as deep — are
//! counted ([`TreeBuilder::trace_handles`](html5ever::tree_builder::TreeBuilder::trace_handles)).
//! Past [`MAX_DEPTH`] the page is refused, at most one piece's worth of tags later: the parse stays
//! in its fast range whatever the page holds. This counts what the parser itself builds, so there
//! is no second account of the HTML standard's rules for closing elements to get wrong (a model of
//! them run on the tokenizer alone was tried first: a property test comparing it with the parsed
//! tree kept finding pages it counted shallower than they parse — self-closing `<div/>`s, `</form>`
//! leaving its contents open, `<svg>` contents breaking back out to HTML, `<select>` as a scope —
//! each one a way for a hostile page past the check). The tree parsed is the one Readability reads.

use super::{Article, ArticleError, MAX_PAGE_BYTES};
use crate::annotation::Meta;
use html5ever::interface::{TreeSink, tree_builder::Tracer};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use std::cell::Cell;
use std::path::Path;

/// The deepest a page may nest (news pages: a few dozen levels; parsing 1,000 takes milliseconds).
pub const MAX_DEPTH: usize = 1000;

/// How much of the page the parser takes between two counts: at most this many tags open past the
/// limit before it is noticed (a few thousand levels parse in well under a second).
const PIECE: usize = 4096;

/// The article of the saved web page at `path`.
pub fn read(path: &Path) -> Result<Article, ArticleError> {
    article(&crate::input::read_text(path, MAX_PAGE_BYTES)?, path)
}

/// The article of a saved web page (`page`, read from `path`) and what the page says about it.
pub fn article(page: &str, path: &Path) -> Result<Article, ArticleError> {
    let p = || path.to_path_buf();
    let document = parse(page).map_err(|TooDeep| ArticleError::TooDeep { path: p() })?;
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut reader = dom_smoothie::Readability::with_document(document, None, Some(config))
        .map_err(|why| ArticleError::NotAPage { path: p(), why })?;
    let article = reader.parse().map_err(|why| ArticleError::NoArticle { path: p(), why })?;
    // Paragraphs are lines in Marginalia: runs of blank lines and spaces are tidied.
    let text: String =
        article.text_content.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    if text.is_empty() {
        return Err(ArticleError::NoText { path: p() });
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let title = nonempty(Some(article.title.clone()));
    let text = match &title {
        Some(t) if !text.starts_with(t.as_str()) => format!("{t}\n{text}"),
        _ => text,
    };
    let meta = Meta { title, url: None, date: nonempty(article.published_time), author: nonempty(article.byline) };
    Ok(Article { text, meta })
}

/// The page nests more than [`MAX_DEPTH`] elements deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep;

/// The tree of `page`, parsed as `dom_query::Document::from` parses it (scripting off, so that
/// `<noscript>` holds elements), unless it nests deeper than [`MAX_DEPTH`].
pub fn parse(page: &str) -> Result<dom_query::Document, TooDeep> {
    let opts = html5ever::ParseOpts {
        tree_builder: TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(dom_query::Document::default(), opts);
    let mut rest = page;
    while !rest.is_empty() {
        let mut cut = rest.len().min(PIECE);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, after) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(piece));
        rest = after;
        let held = Count::default();
        parser.tokenizer.sink.trace_handles(&held);
        if held.0.get() > MAX_DEPTH {
            return Err(TooDeep);
        }
    }
    Ok(parser.finish())
}

/// Counts the handles the tree builder holds: the document, the open elements, the formatting
/// elements to open again, and its `<head>` and `<form>`.
#[derive(Default)]
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = <dom_query::Document as TreeSink>::Handle;

    fn trace_handle(&self, _: &Self::Handle) {
        self.0.set(self.0.get() + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tag: &str, n: usize) -> String {
        format!("{}x{}", format!("<{tag}>").repeat(n), format!("</{tag}>").repeat(n))
    }

    #[test]
    fn deep_pages_are_refused_without_parsing_them_whole() {
        // These would take from a second to minutes to parse; refused, they take milliseconds.
        for page in [
            nested("div", 10_000),
            nested("div", 100_000),
            "<div/>".repeat(100_000),
            "<ul><li>".repeat(50_000),
            "<span><div></span>".repeat(50_000),
            "<table><tr><td>".repeat(30_000),
            format!("<svg><foreignObject>{}", "<section/>".repeat(100_000)),
            (0..20_000).map(|i| format!("<p><b id={i}>x")).collect(),
        ] {
            assert_eq!(parse(&page).err(), Some(TooDeep), "{}…", &page[..40]);
        }
    }

    #[test]
    fn what_browsers_close_by_themselves_is_not_deep() {
        for page in [
            nested("div", 900),
            "<p>one".repeat(20_000),
            "<ul>".to_string() + &"<li>item".repeat(20_000),
            "<table>".to_string() + &"<tr><td>a<td>b".repeat(10_000),
            "<select>".to_string() + &"<option>o".repeat(10_000),
            "<dl>".to_string() + &"<dt>t<dd>d".repeat(10_000),
            "<div>".to_string() + &"<br><img src=x><input><meta charset=utf-8><hr>".repeat(10_000),
            "<a href=1>link".repeat(10_000),
            "<h2>one<h3>two".repeat(10_000),
            format!("<script>{}</script><style>{}</style>", "<div>".repeat(20_000), "<div>".repeat(20_000)),
        ] {
            assert!(parse(&page).is_ok(), "{}…", &page[..40]);
        }
    }

    #[test]
    fn a_page_gives_its_article_and_a_deep_one_is_refused_saying_so() {
        let page = article(crate::test_support::NEWS_PAGE, Path::new("page.html")).unwrap();
        assert!(page.text.contains("Niels van der Berg"), "{}", page.text);
        assert!(!page.text.contains("Subscribe") && !page.text.contains("Sport"), "{}", page.text);
        assert_eq!(page.meta.title.as_deref(), Some("Strike halts port"));
        let paragraphs = format!(
            "<html><body><article><h1>Port</h1>{}</article></body></html>",
            "<p>The strike went on.".repeat(5000)
        );
        assert!(article(&paragraphs, Path::new("p.html")).is_ok(), "unclosed paragraphs do not nest");
        for n in [10_000, 100_000] {
            let deep = format!("{}Text{}", "<div>".repeat(n), "</div>".repeat(n));
            let err = article(&deep, Path::new("deep.html")).unwrap_err().to_string();
            assert_eq!(
                err,
                "deep.html nests its elements more than 1000 levels deep (news pages: a few dozen); Marginalia cannot read such a page"
            );
        }
    }

    #[test]
    fn the_tree_is_the_one_dom_query_parses() {
        let page = crate::test_support::NEWS_PAGE;
        assert_eq!(parse(page).unwrap().html(), dom_query::Document::from(page).html());
        let multibyte = "<p>é".repeat(3000);
        assert_eq!(parse(&multibyte).unwrap().html(), dom_query::Document::from(multibyte.as_str()).html());
    }
}
