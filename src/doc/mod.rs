//! The document: its text and the structure computed from it (paragraphs, sentences, tokens).
//!
//! Everything inside the program works in UTF-8 byte offsets into [`Document::text`]; code points
//! appear only at file and CLI boundaries, through [`Document::chars`] (see [`crate::offsets`]).

pub mod sentences;
pub mod tokenize;

use crate::offsets::{ByteRange, CharMap, TokenRange};
use sha2::{Digest, Sha256};
use std::ops::Range;
pub use tokenize::{Token, TokenKind};

#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    chars: CharMap,
    paragraphs: Vec<Range<usize>>,
    sentences: Vec<Range<usize>>,
    tokens: Vec<Token>,
}

impl Document {
    pub fn new(text: String) -> Self {
        let chars = CharMap::new(&text);
        let tokens = tokenize::tokenize(&text);
        let paragraphs = paragraphs(&text);
        let mut sentences = Vec::new();
        for p in &paragraphs {
            let toks = &tokens[token_span(&tokens, p.clone())];
            sentences.extend(sentences::split_sentences(&text, toks));
        }
        Self { text, chars, paragraphs, sentences, tokens }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn chars(&self) -> &CharMap {
        &self.chars
    }

    /// Non-empty lines, without their line break: each is laid out and cached on its own by the view.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The token texts, for engines that look at words.
    pub fn token_text(&self, i: usize) -> &str {
        &self.text[self.tokens[i].range.clone()]
    }

    /// Hex SHA-256 of the text, stored in annotation files to notice a changed source.
    pub fn hash(&self) -> String {
        text_hash(&self.text)
    }

    /// The tokens overlapping `bytes` (token indices: iterate with [`TokenRange::range`]).
    pub fn tokens_in(&self, bytes: impl Into<ByteRange>) -> TokenRange {
        token_span(&self.tokens, bytes.into().range()).into()
    }

    /// The bytes of token `i`.
    pub fn token_bytes(&self, i: usize) -> ByteRange {
        (&self.tokens[i].range).into()
    }

    /// The bytes from the first of `tokens` to the end of the last (for no tokens, the empty range where
    /// the first would start).
    pub fn bytes_of_tokens(&self, tokens: TokenRange) -> ByteRange {
        let at = |i: usize| self.tokens.get(i).map_or(self.text.len(), |t| t.range.start);
        match tokens.end.checked_sub(1).and_then(|last| self.tokens.get(last)) {
            Some(last) if !tokens.is_empty() => ByteRange::new(at(tokens.start), last.range.end),
            _ => ByteRange::new(at(tokens.start), at(tokens.start)),
        }
    }

    /// The tokens that are exactly `range` — it starts where one starts and ends where one ends — or
    /// `None` when it cuts a token or holds none.
    pub fn whole_tokens(&self, range: &Range<usize>) -> Option<Range<usize>> {
        whole_tokens(&self.tokens, range, |t| &t.range)
    }

    /// The paragraph holding byte `at` (or the nearest one before it).
    pub fn paragraph_of(&self, at: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end < at).min(self.paragraphs.len().saturating_sub(1))
    }

    /// The sentence holding byte `at`, if any (none between sentences).
    pub fn sentence_of(&self, at: usize) -> Option<&Range<usize>> {
        // Sentences are in order and do not overlap: their ends rise.
        let i = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(i).filter(|s| s.start <= at)
    }

    /// The index of the first token that starts at or after byte `at` (the number of tokens if none does).
    pub fn first_token_from(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.range.start < at)
    }

    /// Paragraph indices overlapping or touching `range`.
    pub fn paragraphs_touching(&self, range: Range<usize>) -> Range<usize> {
        let a = self.paragraphs.partition_point(|p| p.end < range.start);
        let b = self.paragraphs.partition_point(|p| p.start <= range.end);
        a..b.max(a)
    }

    /// Widens a byte range to whole tokens (what a mouse selection snaps to). `None` when it touches
    /// no token (only whitespace).
    pub fn snap_to_tokens(&self, range: Range<usize>) -> Option<Range<usize>> {
        let toks = self.tokens_in(range);
        if toks.is_empty() {
            return None;
        }
        Some(self.tokens[toks.start].range.start..self.tokens[toks.end - 1].range.end)
    }

    /// Trims whitespace from both ends of a byte range (character-precise selections).
    pub fn trim(&self, range: Range<usize>) -> Option<Range<usize>> {
        let s = self.text.get(range.clone())?;
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        (!trimmed.is_empty()).then(|| range.start + lead..range.start + lead + trimmed.len())
    }

    /// Every token-aligned occurrence of `needle` in the text, as byte ranges.
    pub fn occurrences(&self, needle: &str) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(needle)
            .map(|(b, m)| b..b + m.len())
            .filter(|r| self.whole_tokens(r).is_some())
            .collect()
    }
}

pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Indices of tokens overlapping `range` (a token overlaps if they share at least one byte).
/// Of `tokens` (in order, not overlapping; `bytes` gives a token's bytes), the ones that are exactly
/// `range`, if it starts on a token's start and ends on a token's end: the one check that a span is
/// whole tokens, for Marginalia's tokens and for other tokenizations of the text (spaCy's).
pub fn whole_tokens<T>(
    tokens: &[T],
    range: &Range<usize>,
    bytes: impl Fn(&T) -> &Range<usize>,
) -> Option<Range<usize>> {
    let first = tokens.partition_point(|t| bytes(t).start < range.start);
    let last = tokens.partition_point(|t| bytes(t).end < range.end);
    let aligned = bytes(tokens.get(first)?).start == range.start && bytes(tokens.get(last)?).end == range.end;
    (aligned && first <= last).then_some(first..last + 1)
}

fn token_span(tokens: &[Token], range: Range<usize>) -> Range<usize> {
    let a = tokens.partition_point(|t| t.range.end <= range.start);
    let b = tokens.partition_point(|t| t.range.start < range.end);
    a..b.max(a)
}

fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            out.push(start..start + content.len());
        }
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_non_empty_lines() {
        let d = Document::new("Title\r\n\r\nFirst para.\n  \nSecond.".into());
        let p: Vec<_> = d.paragraphs().iter().map(|r| &d.text()[r.clone()]).collect();
        assert_eq!(p, ["Title", "First para.", "Second."]);
        assert_eq!(d.sentences().len(), 3);
    }

    #[test]
    fn snapping_widens_to_tokens() {
        let d = Document::new("Mustafa Bali, a SDF spokesman".into());
        assert_eq!(d.snap_to_tokens(2..10), Some(0..12));
        assert_eq!(d.snap_to_tokens(7..8), None);
        assert_eq!(d.occurrences("Bali"), vec![8..12]);
    }

    #[test]
    fn sentence_and_token_lookups_agree_with_a_scan() {
        let d = Document::new("“A quote. Two.” Then  more here.\n\nNext para. Last".into());
        for at in 0..=d.text().len() + 1 {
            let scan = d.sentences().iter().find(|s| s.start <= at && at < s.end);
            assert_eq!(d.sentence_of(at), scan, "byte {at}");
            let first = d.tokens().iter().position(|t| t.range.start >= at).unwrap_or(d.tokens().len());
            assert_eq!(d.first_token_from(at), first, "byte {at}");
        }
    }

    #[test]
    fn occurrences_respect_token_boundaries() {
        let d = Document::new("SDF and SDFs and the SDF’s".into());
        assert_eq!(d.occurrences("SDF"), vec![0..3, 21..24]);
    }
}
