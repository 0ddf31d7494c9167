//! Sentence boundaries inside a paragraph.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or brackets after it) when the next
//! token starts a new sentence (a capital, a digit or an opening quote). Abbreviations never end one:
//! the tokenizer keeps their period attached (`U.S.`, `Mr.`, `Jan.`, initials). Nothing inside quotation
//! marks ends a sentence, so a quoted statement of two sentences stays with its attribution.

use super::tokenize::Token;
use std::ops::Range;

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…" | "..." | "?!" | "!?")
        || t.chars().all(|c| matches!(c, '.' | '!' | '?')) && !t.is_empty()
}

fn is_closer(t: &str) -> bool {
    matches!(t, "”" | "’" | "\"" | "'" | ")" | "]" | "»")
}

fn starts_sentence(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '“' | '‘' | '"' | '(' | '[' | '«'))
}

/// Sentence byte ranges for the tokens of one paragraph (`tokens` are that paragraph's, in order).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(first) = tokens.first() else { return out };
    let mut start = Some(first.range.start);
    let mut depth: i32 = 0; // curly-quote nesting; straight quotes toggle
    let mut straight_open = false;
    let mut k = 0;
    while k < tokens.len() {
        let t = &text[tokens[k].range.clone()];
        match t {
            "“" | "«" => depth += 1,
            "”" | "»" => depth = (depth - 1).max(0),
            "\"" => straight_open = !straight_open,
            _ => {}
        }
        if is_terminal(t) && depth == 0 && !straight_open {
            let mut end = k;
            while end + 1 < tokens.len() && is_closer(&text[tokens[end + 1].range.clone()]) {
                end += 1;
            }
            let next = tokens.get(end + 1).map(|n| &text[n.range.clone()]);
            if next.is_none_or(starts_sentence) {
                if let Some(s) = start {
                    out.push(s..tokens[end].range.end);
                }
                start = tokens.get(end + 1).map(|n| n.range.start);
                k = end + 1;
                continue;
            }
        } else if is_terminal(t) && (depth > 0 || straight_open) {
            // A quote that ends with its sentence: `… morning.”  He said` closes both.
            let closes = tokens.get(k + 1).map(|n| &text[n.range.clone()]);
            let after = tokens.get(k + 2).map(|n| &text[n.range.clone()]);
            let closing_quote = matches!(closes, Some("”" | "»")) || (straight_open && closes == Some("\""));
            if closing_quote && after.is_some_and(starts_sentence) {
                depth = (depth - 1).max(0);
                if closes == Some("\"") {
                    straight_open = false;
                }
                if let Some(s) = start {
                    out.push(s..tokens[k + 1].range.end);
                }
                start = Some(tokens[k + 2].range.start);
                k += 2;
                continue;
            }
        }
        k += 1;
    }
    if let (Some(s), Some(last)) = (start, tokens.last()) {
        out.push(s..last.range.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::tokenize::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text, &tokenize(text)).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(sents("Bali said so. He left! Why?"), ["Bali said so.", "He left!", "Why?"]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sents("The U.S. Army and Mr. Smith met on Jan. 5. John F. Kennedy spoke."),
            ["The U.S. Army and Mr. Smith met on Jan. 5.", "John F. Kennedy spoke."]
        );
    }

    #[test]
    fn quotes_stay_whole() {
        assert_eq!(
            sents("“The battle is ongoing. There were clashes,” said Rahman. Then quiet."),
            ["“The battle is ongoing. There were clashes,” said Rahman.", "Then quiet."]
        );
        assert_eq!(sents("He said: “We won.” Then he left."), ["He said: “We won.”", "Then he left."]);
    }
}
