//! Where a cue's subject is, from the words alone: the function words that stand between a subject
//! and its verb (`is also`, `has been steadily`) or cannot be in a subject (`that`, `of`), and the
//! noun phrase they leave. The claimant rules use it when no entity is at hand.

use crate::doc::Document;
use crate::offsets::{ByteRange, TokenRange};

/// Words that stand between a subject and its verb (`The city is also demanding`).
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "must",
    "do",
    "does",
    "did",
    "not",
    "n't",
    "also",
    "still",
    "already",
    "never",
    "now",
    "just",
    "then",
    "later",
    "reportedly",
    "repeatedly",
    "previously",
    "steadily",
    "particularly",
    "publicly",
    "privately",
    "recently",
    "initially",
    "frequently",
    "openly",
    "strongly",
    "firmly",
    "flatly",
];

/// Words a subject does not end with, or run over.
const NOT_IN_A_SUBJECT: &[&str] = &[
    "that", "which", "who", "to", "and", "or", "but", "of", "in", "on", "for", "with", "as", "by", "from", "it",
    "there", "here", "than", "if", "when", "while", "because", "the", "a", "an", "after", "before", "at", "about",
    "into", "over", "under", "during", "since", "against", "between", "through", "without", "across", "among",
    "toward", "towards",
];

const DETERMINERS: &[&str] =
    &["the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "no", "every", "some"];

/// Verbs that put the speaker after them when they follow the quotation (`“…,” said the ruling`).
const INVERTING: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "told",
    "continued",
    "explained",
    "replied",
    "noted",
];

/// Whether the cue is a speech verb right after a quotation closes (`“…,” said`, `“…” said`).
pub fn follows_quotation(doc: &Document, cue: ByteRange) -> bool {
    let toks = doc.tokens_in(cue);
    if !INVERTING.contains(&doc.token_text(toks.start).to_lowercase().as_str()) {
        return false;
    }
    let before = |k: usize| toks.start.checked_sub(k).map(|i| doc.token_text(i));
    let closing = |t: Option<&str>| matches!(t, Some("”" | "\"" | "''"));
    closing(before(1)) || before(1) == Some(",") && closing(before(2))
}

/// The words that name who speaks at the start of `words`: up to a function word or an auxiliary (`An
/// online persona calling himself Guccifer 2.0 has claimed` names `himself Guccifer 2.0`, not `… has
/// claimed`), at most six, after an optional determiner.
pub fn speaker_words(doc: &Document, words: TokenRange) -> Option<ByteRange> {
    let determiner = |i: usize| DETERMINERS.contains(&doc.token_text(i).to_lowercase().as_str());
    let mut end = words.start;
    while end < words.end
        && end - words.start < 6
        && (may_be_in_subject(doc, end) || end == words.start && determiner(end))
    {
        end += 1;
    }
    (end > words.start).then(|| doc.bytes_of_tokens(TokenRange::new(words.start, end)))
}

/// The last word of a cue's subject, before any auxiliary or adverb (token indices).
pub struct Head {
    /// The first token of the cue's sentence.
    pub sentence_start: usize,
    pub head: usize,
    /// Whether the head is a relative pronoun (`who`, `which`, `whom`).
    pub relative: bool,
}

/// The last word of the cue's subject, in the cue's sentence.
pub fn subject_head(doc: &Document, cue: ByteRange) -> Option<Head> {
    let sentence = doc.sentence_of(cue.start)?;
    let toks = doc.tokens_in(ByteRange::new(sentence.start, cue.start));
    let head = skip_back_to_subject(doc, toks).checked_sub(1).filter(|&h| h >= toks.start)?;
    let relative = matches!(doc.token_text(head).to_lowercase().as_str(), "who" | "which" | "whom");
    Some(Head { sentence_start: toks.start, head, relative })
}

/// The token after the subject that `toks` end with: before any auxiliary or adverb (`is also`, `has
/// been steadily`).
pub fn skip_back_to_subject(doc: &Document, toks: TokenRange) -> usize {
    let between = |i: usize| {
        let l = doc.token_text(i).to_lowercase();
        BETWEEN_SUBJECT_AND_VERB.contains(&l.as_str())
    };
    let mut end = toks.end;
    while end > toks.start && between(end - 1) {
        end -= 1;
    }
    end
}

/// Whether token `i` can be a word of a subject: a word, and not a function word or an auxiliary.
fn may_be_in_subject(doc: &Document, i: usize) -> bool {
    let l = doc.token_text(i).to_lowercase();
    doc.token_text(i).chars().next().is_some_and(char::is_alphanumeric)
        && !NOT_IN_A_SUBJECT.contains(&l.as_str())
        && !BETWEEN_SUBJECT_AND_VERB.contains(&l.as_str())
}

/// The noun phrase whose last word is token `head`, starting no earlier than token `from`.
pub fn noun_phrase_ending_at(doc: &Document, from: usize, head: usize) -> Option<ByteRange> {
    if !may_be_in_subject(doc, head) {
        return None;
    }
    let mut start = head;
    while start > from && head - start < 5 && may_be_in_subject(doc, start - 1) {
        start -= 1;
    }
    if start > from && DETERMINERS.contains(&doc.token_text(start - 1).to_lowercase().as_str()) {
        start -= 1;
    }
    Some(doc.bytes_of_tokens(TokenRange::new(start, head + 1)))
}
