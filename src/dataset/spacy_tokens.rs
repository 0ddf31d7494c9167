//! A document's tokens as spaCy holds them — each token's text and whether one space follows it —
//! for the formats spaCy reads (a `DocBin`, spaCy / Prodigy JSONL): what `Doc(words, spaces)` builds
//! from them is the text exactly, and every span starts and ends on a token.
//!
//! Marginalia's words are cut where a span starts or ends inside one; white space other than one
//! space right after a word (a line break, a second space, a no-break space, white space before the
//! first word) is a token of its own, as spaCy's tokenizer makes it.

use crate::doc::Document;
use std::collections::BTreeSet;
use std::ops::Range;

/// One token as spaCy holds it: its bytes in the text and whether one space follows.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub range: Range<usize>,
    pub space: bool,
}

/// The document's spaCy tokens, cut so that each of `spans` is whole tokens.
pub fn spacy_tokens<'a>(doc: &Document, spans: impl Iterator<Item = &'a Range<usize>>) -> Vec<Token> {
    let (mut starts, mut ends) = (BTreeSet::new(), BTreeSet::new());
    for s in spans {
        starts.insert(s.start);
        ends.insert(s.end);
    }
    let words: Vec<Range<usize>> = doc.tokens().iter().map(|t| t.range.clone()).collect();
    cut(doc.text(), &words, &starts, &ends)
}

/// The tokens that are exactly `range`, if it begins and ends on token boundaries.
pub fn whole_tokens(tokens: &[Token], range: &Range<usize>) -> Option<Range<usize>> {
    crate::doc::whole_tokens(tokens, range, |t| &t.range)
}

/// The text as spaCy tokens: Marginalia's `words` cut at span `starts` and `ends`, the white space
/// between them as tokens of its own, except one space right after a word, which is the word's
/// trailing space — unless a span starts on it or ends after it.
fn cut(text: &str, words: &[Range<usize>], starts: &BTreeSet<usize>, ends: &BTreeSet<usize>) -> Vec<Token> {
    let mut cuts: BTreeSet<usize> = words.iter().flat_map(|w| [w.start, w.end]).collect();
    cuts.extend(starts.iter().chain(ends).copied().filter(|&c| text.is_char_boundary(c)));
    cuts.extend([0, text.len()]);
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let in_word = |at: usize| {
        let i = words.partition_point(|w| w.end <= at);
        words.get(i).is_some_and(|w| w.start <= at)
    };
    let mut tokens: Vec<Token> = Vec::new();
    for piece in cuts.windows(2).map(|w| w[0]..w[1]).filter(|p| !p.is_empty()) {
        let after_word = tokens.last().is_some_and(|t| !t.space && in_word(t.range.start));
        let mut start = piece.start;
        if !in_word(start)
            && after_word
            && text[piece.clone()].starts_with(' ')
            && !starts.contains(&start)
            && !ends.contains(&(start + 1))
            && let Some(last) = tokens.last_mut()
        {
            last.space = true;
            start += 1;
        }
        if start < piece.end {
            tokens.push(Token { range: start..piece.end, space: false });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_written_as_spacy_writes_it() {
        let text = "  Leading  two spaces\n\nApple\u{a0}Inc. said so. ";
        let doc = Document::new(text.to_string());
        let tokens = spacy_tokens(&doc, std::iter::empty());
        let seen: Vec<(&str, bool)> = tokens.iter().map(|t| (&text[t.range.clone()], t.space)).collect();
        let spacy = [("  ", false), ("Leading", true), (" ", false), ("two", true), ("spaces", false), ("\n\n", false)];
        assert_eq!(seen[..6], spacy, "as en_core_web_sm tokenizes it");
        assert_eq!(seen[6..9], [("Apple", false), ("\u{a0}", false), ("Inc.", true)]);
        assert_eq!(seen.last(), Some(&(".", true)));
    }

    #[test]
    fn a_span_inside_a_word_cuts_it() {
        let doc = Document::new("the US-backed forces".to_string());
        let tokens = spacy_tokens(&doc, std::iter::once(&(4..6)));
        let text = doc.text();
        let seen: Vec<(&str, bool)> = tokens.iter().map(|t| (&text[t.range.clone()], t.space)).collect();
        assert_eq!(seen[1], ("US", false));
        assert_eq!(whole_tokens(&tokens, &(4..6)), Some(1..2));
    }
}
