//! Finding words in a text the way people type them.
//!
//! An analyst types `Syria's` with a straight apostrophe; the article prints `Syria’s`. Newsrooms'
//! texts mix curly and straight quotes, apostrophes and primes freely, so every search in the window
//! (the find bar, the folder's text search, the claimant picker's filter) treats them as one
//! character, and may ignore case and insist on whole words. The one place that decides what
//! "matches" means, so that the find bar and the picker never disagree.
//!
//! Matching runs on a folded copy of the text (quotes made straight, lower-cased when case does not
//! matter) with the standard library's linear-time substring search; each match is mapped back to
//! byte offsets of the original text. Cost grows linearly with the text.

use std::ops::Range;

/// How a query matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Upper and lower case are different letters.
    pub match_case: bool,
    /// A match must not start or end inside a word.
    pub whole_word: bool,
}

/// The character a quote, apostrophe or prime is searched as: `'` or `"`; any other is itself.
pub fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '\u{FF07}' | '`' | '\u{00B4}' => {
            '\''
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' | '\u{FF02}' => '"',
        c => c,
    }
}

/// `text` as it is searched: quotes folded, and lower-cased unless case matters. For comparing two
/// strings (`fold(a).contains(&fold(b))`); to find where matches are in a text, use [`find_all`].
pub fn fold(text: &str, options: Options) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(&mut out, c, options);
    }
    out
}

/// Whether `needle` occurs in `haystack` as a search with these options would find it.
pub fn contains(haystack: &str, needle: &str, options: Options) -> bool {
    find_all(haystack, needle, options).next().is_some()
}

/// Every match of `query` in `text`, in order, as byte ranges of `text`; none for an empty query.
/// Matches do not overlap.
pub fn find_all<'a>(text: &'a str, query: &str, options: Options) -> impl Iterator<Item = Range<usize>> + 'a {
    let folded = Folded::new(text, options);
    let needle = fold(query, options);
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        loop {
            let at = from + folded.text.get(from..)?.find(&needle)?;
            let end = at + needle.len();
            match folded.original(at..end) {
                Some(range) if !options.whole_word || is_whole_word(text, &range) => {
                    from = end;
                    return Some(range);
                }
                // Not on a character or word boundary of the original: look one character on.
                _ => from = at + folded.text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
    })
}

fn push_folded(out: &mut String, c: char, options: Options) {
    let c = fold_quote(c);
    if options.match_case {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// In [`Folded::back`]: no original offset starts here.
const INSIDE: usize = usize::MAX;

/// A text folded for searching, with the way back to the original's byte offsets.
struct Folded {
    text: String,
    /// For each byte of `text` (and one past its end): the original byte offset, when a folded
    /// character starts there at the start of an original character; [`INSIDE`] inside an expansion
    /// (`İ` lower-cases to two characters) or inside a multi-byte character. (Not `Option`: that
    /// would double the memory, eight bytes for each byte searched being plenty.)
    back: Vec<usize>,
}

impl Folded {
    fn new(text: &str, options: Options) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut back = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            let before = folded.len();
            push_folded(&mut folded, c, options);
            back.push(at);
            back.resize(folded.len(), INSIDE);
            debug_assert!(folded.len() > before);
        }
        back.push(text.len());
        Self { text: folded, back }
    }

    fn original(&self, range: Range<usize>) -> Option<Range<usize>> {
        let at = |i: usize| self.back.get(i).copied().filter(|&b| b != INSIDE);
        Some(at(range.start)?..at(range.end)?)
    }
}

fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.clone()].chars().next();
    let last = text[range.clone()].chars().next_back();
    let splits_a_word_at_start = before.is_some_and(word) && first.is_some_and(word);
    let splits_a_word_at_end = after.is_some_and(word) && last.is_some_and(word);
    !splits_a_word_at_start && !splits_a_word_at_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all<'a>(text: &'a str, query: &str, options: Options) -> Vec<&'a str> {
        find_all(text, query, options).map(|r| &text[r]).collect()
    }

    #[test]
    fn straight_and_curly_quotes_find_each_other() {
        let text = "Syria’s army and “rebels”; Syria's allies";
        assert_eq!(all(text, "Syria's", Options::default()), ["Syria’s", "Syria's"]);
        assert_eq!(all(text, "Syria’s", Options::default()), ["Syria’s", "Syria's"]);
        assert_eq!(all(text, "\"rebels\"", Options::default()), ["“rebels”"]);
    }

    #[test]
    fn case_matters_only_when_asked() {
        let text = "Bali met BALI and bali.";
        assert_eq!(all(text, "bali", Options::default()).len(), 3);
        assert_eq!(all(text, "Bali", Options { match_case: true, ..Options::default() }), ["Bali"]);
    }

    #[test]
    fn whole_words_do_not_start_or_end_inside_a_word() {
        let text = "Syria, Syrian forces, the Syria.";
        let whole = Options { whole_word: true, ..Options::default() };
        assert_eq!(find_all(text, "syria", whole).count(), 2);
        assert_eq!(find_all(text, "syria", Options::default()).count(), 3);
        // A query that ends in punctuation may be followed by a word.
        assert_eq!(find_all("U.S.Army", "U.S.", whole).count(), 1);
    }

    #[test]
    fn offsets_are_the_original_text_s_even_where_folding_changes_lengths() {
        // `İ` lower-cases to two characters; `’` is three bytes and folds to one.
        let text = "İstanbul’s mayor; istanbul's";
        let found: Vec<_> = find_all(text, "istanbul's", Options::default()).collect();
        assert_eq!(found.len(), 1, "İ is not i followed by a combining dot as typed: {found:?}");
        assert_eq!(&text[found[0].clone()], "istanbul's");
        assert_eq!(all("ÉCOLE école", "école", Options::default()), ["ÉCOLE", "école"]);
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        assert_eq!(find_all("text", "", Options::default()).count(), 0);
        assert!(!contains("text", "", Options::default()));
    }

    proptest! {
        /// Every match is a char-boundary range of the text whose folded form is the folded query,
        /// matches are in order and do not overlap, and every plain occurrence is found.
        #[test]
        fn matches_are_real_ordered_and_complete(
            text in "[aAbB’' ”\"İi.]{0,40}",
            query in "[aAbB’'İi]{1,4}",
            match_case: bool,
        ) {
            let options = Options { match_case, whole_word: false };
            let found: Vec<_> = find_all(&text, &query, options).collect();
            let mut end = 0;
            for r in &found {
                prop_assert!(r.start >= end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert_eq!(fold(&text[r.clone()], options), fold(&query, options));
                end = r.end;
            }
            if !text.contains(&query) {
                return Ok(());
            }
            prop_assert!(!found.is_empty(), "{query:?} is in {text:?} but was not found");
        }
    }
}
