//! Searching the texts of a folder's documents (not only their names): each document's text as
//! opening it shows it — the text its annotation file holds, else its article's — searched with
//! [`crate::text_search`], with a snippet around each match for the hit list.
//!
//! Reading goes through the bounded readers (`store`, `article`); a document that cannot be read is
//! skipped and said so. The cost is linear in the total text: one pass per document, and a snippet
//! of bounded length per match kept.

use super::DocEntry;
use crate::text_search::{self, Options};
use crate::workspace::OpenError;
use std::ops::Range;

/// The most matches of one document the hit list keeps (all are counted).
pub const MAX_HITS: usize = 100;
/// Characters of context a snippet shows on each side of a match.
const CONTEXT: usize = 40;

/// One match: where it is in the document's text, and the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: Range<usize>,
    /// The text before the match, the match, the text after (on one line).
    pub snippet: (String, String, String),
}

/// What one document holds of a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// The first [`MAX_HITS`] matches.
    pub hits: Vec<Hit>,
    /// How many there are in all.
    pub count: usize,
}

/// A folder's search as it goes: the documents searched so far.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub query: String,
    pub options: Options,
    /// The documents with matches, by their index in the corpus (the list looks each up every frame).
    pub documents: std::collections::BTreeMap<usize, Found>,
    /// The documents that could not be read, and why.
    pub unreadable: Vec<(usize, String)>,
    pub searched: usize,
}

impl Results {
    pub fn new(query: &str, options: Options) -> Self {
        Self { query: query.to_string(), options, ..Self::default() }
    }

    /// Takes in one document's result.
    pub fn add(&mut self, index: usize, found: Result<Found, String>) {
        self.searched += 1;
        match found {
            Ok(f) if f.count > 0 => {
                self.documents.insert(index, f);
            }
            Ok(_) => {}
            Err(why) => self.unreadable.push((index, why)),
        }
    }

    /// The matches of document `index`, if it has any.
    pub fn of(&self, index: usize) -> Option<&Found> {
        self.documents.get(&index)
    }

    pub fn total(&self) -> usize {
        self.documents.values().map(|f| f.count).sum()
    }
}

/// The text a document opens with: its annotation file's (the text as annotated), else its article's.
pub fn text_of(entry: &DocEntry) -> Result<String, OpenError> {
    match &entry.article {
        Some(article) if !entry.annotations.exists() => Ok(crate::article::read(article)?.text),
        _ => Ok(crate::store::load(&entry.annotations)?.doc.text().to_string()),
    }
}

/// The matches of `query` in `text`, with their snippets (the first [`MAX_HITS`]).
pub fn search_text(text: &str, query: &str, options: Options) -> Found {
    let mut found = Found::default();
    for at in text_search::find_all(text, query, options) {
        found.count += 1;
        if found.hits.len() < MAX_HITS {
            found.hits.push(Hit { snippet: snippet(text, &at), at });
        }
    }
    found
}

/// Up to [`CONTEXT`] characters on each side of `at`, on one line.
fn snippet(text: &str, at: &Range<usize>) -> (String, String, String) {
    let start = text[..at.start].char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    let end = text[at.end..].char_indices().nth(CONTEXT).map_or(text.len(), |(i, _)| at.end + i);
    let line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let before = if start > 0 { format!("…{}", line(&text[start..at.start])) } else { line(&text[start..at.start]) };
    let after = if end < text.len() { format!("{}…", line(&text[at.end..end])) } else { line(&text[at.end..end]) };
    // Keep the space on each side of the match that `line` trims away.
    let space = |c: Option<char>| if c.is_some_and(char::is_whitespace) { " " } else { "" };
    let before = format!("{before}{}", space(text[..at.start].chars().next_back()));
    let after = format!("{}{after}", space(text[at.end..].chars().next()));
    (before, line(&text[at.clone()]), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_match_comes_with_the_words_around_it_on_one_line() {
        let text = "The mayor of Syria’s capital said\nthat Syria's army left.";
        let found = search_text(text, "syria's", Options::default());
        assert_eq!(found.count, 2);
        assert_eq!(&text[found.hits[0].at.clone()], "Syria’s");
        let (before, matched, after) = &found.hits[1].snippet;
        assert_eq!(matched, "Syria's");
        assert_eq!(before, "The mayor of Syria’s capital said that ", "the line break reads as a space");
        assert_eq!(after, " army left.");
        let long = format!("{} Syria {}", "word ".repeat(20), "word ".repeat(20));
        let (before, _, after) = &search_text(&long, "syria", Options::default()).hits[0].snippet;
        assert!(before.starts_with('…') && after.ends_with('…'), "{before:?} {after:?}");
        assert!(before.chars().count() <= 42 && after.chars().count() <= 42, "{before:?} {after:?}");
    }

    #[test]
    fn many_matches_are_all_counted_and_the_first_kept() {
        let text = "ab ".repeat(MAX_HITS + 5);
        let found = search_text(&text, "ab", Options::default());
        assert_eq!((found.count, found.hits.len()), (MAX_HITS + 5, MAX_HITS));
    }

    #[test]
    fn a_document_is_searched_as_it_opens_and_an_unreadable_one_says_why() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Bali left Syria.").unwrap();
        std::fs::write(dir.path().join("b.pdf"), b"not a pdf").unwrap();
        let corpus = crate::corpus::Corpus::list(dir.path()).unwrap();
        let mut results = Results::new("syria", Options::default());
        for (i, d) in corpus.documents.iter().enumerate() {
            let found = text_of(d).map(|t| search_text(&t, "syria", Options::default()));
            results.add(i, found.map_err(|e| e.to_string()));
        }
        assert_eq!(results.total(), 1);
        assert_eq!(results.of(0).map(|f| f.count), Some(1));
        assert_eq!(results.unreadable.len(), 1, "{results:?}");
    }
}
