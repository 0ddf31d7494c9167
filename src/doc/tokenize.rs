//! A tokenizer for news text that never loses or duplicates a character.
//!
//! Tokens are byte ranges into the text, in order and non-overlapping; every character that is not
//! whitespace belongs to exactly one token. It knows the things news text is full of: curly quotes,
//! possessives (`Turkey’s` → `Turkey` + `’s`), hyphenated modifiers (`US-backed` → `US` `-` `backed`,
//! so `US` can be labelled on its own), non-breaking spaces, abbreviations (`U.S.`, `Mr.`), initials,
//! numbers with separators (`1,000`, `3.5`), URLs and e-mail addresses.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the document text.
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// Abbreviations whose final period belongs to the word (compared in lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "gov", "sen", "rep", "rev", "st",
    "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "pres", "cmdr", "brig", "est", "approx", "dept", "univ", "assn", "bros",
    "pp", "fig", "al",
];

/// Contractions split off the end of a word, as spaCy and the Penn Treebank do.
const CONTRACTIONS: &[&str] =
    &["’s", "'s", "’S", "'S", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m"];

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                tokenize_chunk(text, s..i, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        tokenize_chunk(text, s..text.len(), &mut tokens);
    }
    tokens
}

/// Characters that never belong inside a word token (unless a joiner rule keeps them).
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '«' | '»' | '¡' | '¿' | '§' | '¶' | '·' | '°' | '£' | '€' | '¥' | '¢' | '©' | '®' | '™' | '\u{3000}'..='\u{303F}' | '،' | '؛' | '؟')
}

fn is_url_like(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.") || {
        let at = s.find('@');
        matches!(at, Some(a) if a > 0 && s[a..].contains('.'))
    }
}

fn kind_of(s: &str) -> TokenKind {
    match s.chars().next() {
        Some(c) if c.is_numeric() => TokenKind::Number,
        Some(c) if is_punct(c) => TokenKind::Punct,
        _ => TokenKind::Word,
    }
}

fn push(tokens: &mut Vec<Token>, text: &str, range: Range<usize>) {
    if !range.is_empty() {
        let kind = kind_of(&text[range.clone()]);
        tokens.push(Token { range, kind });
    }
}

fn tokenize_chunk(text: &str, chunk: Range<usize>, tokens: &mut Vec<Token>) {
    let s = &text[chunk.clone()];
    if is_url_like(s) {
        // Keep the address whole; peel only the punctuation around it.
        let lead = s.len() - s.trim_start_matches(['(', '[', '<', '"', '“', '‘', '\'']).len();
        let core_end = s.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '”', '’', '\'']).len();
        let core_end = core_end.max(lead);
        for (i, c) in s[..lead].char_indices() {
            push(tokens, text, chunk.start + i..chunk.start + i + c.len_utf8());
        }
        push(tokens, text, chunk.start + lead..chunk.start + core_end);
        for (i, c) in s[core_end..].char_indices() {
            let b = chunk.start + core_end + i;
            push(tokens, text, b..b + c.len_utf8());
        }
        return;
    }
    let first = tokens.len();
    split_core(text, chunk, tokens);
    merge_abbreviation_period(text, first, tokens);
    split_contractions(text, first, tokens);
}

/// Splits a whitespace-free chunk into word runs and punctuation, keeping joiners that sit inside a
/// word (`U.S`, `3.5`, `1,000`, `O’Brien`, `AT&T`, `10:30`).
fn split_core(text: &str, chunk: Range<usize>, tokens: &mut Vec<Token>) {
    let s = &text[chunk.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut start = 0usize; // byte offset in s of the current word run
    let mut in_word = false;
    let mut k = 0;
    while k < chars.len() {
        let (b, c) = chars[k];
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        if !is_punct(c) {
            if !in_word {
                start = b;
                in_word = true;
            }
            k += 1;
            continue;
        }
        if in_word && joins(c, prev, next, &chars[k + 1..]) {
            k += 1;
            continue;
        }
        if in_word {
            push(tokens, text, chunk.start + start..chunk.start + b);
            in_word = false;
        }
        // Runs of the same mark (`...`, `--`, `!!`) stay one token.
        let mut end = k + 1;
        if matches!(c, '.' | '-' | '=' | '*' | '_' | '!' | '?' | '~') {
            while end < chars.len() && chars[end].1 == c {
                end += 1;
            }
        }
        let end_byte = chars.get(end).map_or(s.len(), |&(eb, _)| eb);
        push(tokens, text, chunk.start + b..chunk.start + end_byte);
        k = end;
    }
    if in_word {
        push(tokens, text, chunk.start + start..chunk.end);
    }
}

/// Whether punctuation `c` between `prev` and `next` stays inside the word.
fn joins(c: char, prev: Option<char>, next: Option<char>, rest: &[(usize, char)]) -> bool {
    let (Some(p), Some(n)) = (prev, next) else { return false };
    match c {
        '.' => {
            (p.is_alphabetic() && n.is_alphabetic() && rest.get(1).is_none_or(|&(_, c2)| c2 == '.' || is_punct(c2)))
                || (p.is_ascii_digit() && n.is_ascii_digit())
        }
        ',' => {
            p.is_ascii_digit()
                && rest.len() >= 3
                && rest[..3].iter().all(|&(_, d)| d.is_ascii_digit())
                && rest.get(3).is_none_or(|&(_, d)| !d.is_ascii_digit())
        }
        '’' | '\'' => p.is_alphabetic() && n.is_alphabetic(),
        '&' => p.is_uppercase() && n.is_uppercase(),
        ':' => p.is_ascii_digit() && n.is_ascii_digit(),
        _ => false,
    }
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = word.chars();
    // An initial: `J.`
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    // Dotted letters: `U.S`, `e.g`, `U.N`
    word.contains('.') && word.split('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// `Mr` + `.` → `Mr.`; `U.S` + `.` → `U.S.`: the period belongs to an abbreviation.
fn merge_abbreviation_period(text: &str, first: usize, tokens: &mut Vec<Token>) {
    let mut k = first;
    while k + 1 < tokens.len() {
        let (a, b) = (&tokens[k], &tokens[k + 1]);
        if a.kind == TokenKind::Word
            && a.range.end == b.range.start
            && &text[b.range.clone()] == "."
            && is_abbreviation(&text[a.range.clone()])
        {
            tokens[k].range.end = tokens[k + 1].range.end;
            tokens.remove(k + 1);
        }
        k += 1;
    }
}

/// `Turkey’s` → `Turkey` `’s`; `didn’t` → `did` `n’t`.
fn split_contractions(text: &str, first: usize, tokens: &mut Vec<Token>) {
    let mut k = first;
    while k < tokens.len() {
        let r = tokens[k].range.clone();
        let w = &text[r.clone()];
        let cut = if tokens[k].kind != TokenKind::Word {
            None
        } else if let Some(suffix) = CONTRACTIONS.iter().find(|s| w.len() > s.len() && w.ends_with(*s)) {
            Some(r.end - suffix.len())
        } else if (w.ends_with("n’t") || w.ends_with("n't")) && w.chars().count() > 3 {
            Some(r.end - if w.ends_with("n’t") { "n’t".len() } else { 3 })
        } else {
            None
        };
        if let Some(cut) = cut {
            tokens[k].range.end = cut;
            tokens.insert(k + 1, Token { range: cut..r.end, kind: TokenKind::Word });
            k += 1;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.range]).collect()
    }

    #[test]
    fn possessives_and_curly_quotes() {
        assert_eq!(words("on Turkey’s border"), ["on", "Turkey", "’s", "border"]);
        assert_eq!(words("‘Heavy clashes’ in Syria"), ["‘", "Heavy", "clashes", "’", "in", "Syria"]);
        assert_eq!(words("“The clashes,” he said."), ["“", "The", "clashes", ",", "”", "he", "said", "."]);
        assert_eq!(words("the groups’ fighters"), ["the", "groups", "’", "fighters"]);
        assert_eq!(words("didn’t"), ["did", "n’t"]);
        assert_eq!(words("O’Brien left"), ["O’Brien", "left"]);
    }

    #[test]
    fn hyphens_abbreviations_numbers() {
        assert_eq!(words("US-backed Kurdish-led"), ["US", "-", "backed", "Kurdish", "-", "led"]);
        assert_eq!(words("the U.S. and Mr. Smith"), ["the", "U.S.", "and", "Mr.", "Smith"]);
        assert_eq!(words("John F. Kennedy"), ["John", "F.", "Kennedy"]);
        assert_eq!(
            words("20,000 civilians, 3.5% and 1,000."),
            ["20,000", "civilians", ",", "3.5", "%", "and", "1,000", "."]
        );
        assert_eq!(words("in 2014."), ["in", "2014", "."]);
        assert_eq!(words("Wait..."), ["Wait", "..."]);
        assert_eq!(words("the [remaining] civilians"), ["the", "[", "remaining", "]", "civilians"]);
        assert_eq!(words("AT&T at 10:30"), ["AT&T", "at", "10:30"]);
    }

    #[test]
    fn nbsp_separates_and_urls_stay_whole() {
        assert_eq!(words("Al\u{a0}Jazeera"), ["Al", "Jazeera"]);
        assert_eq!(
            words("(see https://example.org/a-b.html)."),
            ["(", "see", "https://example.org/a-b.html", ")", "."]
        );
        assert_eq!(words("mail ana@example.org."), ["mail", "ana@example.org", "."]);
    }

    #[test]
    fn kinds() {
        let t = "Bali said 41 .";
        let k: Vec<_> = tokenize(t).into_iter().map(|t| t.kind).collect();
        assert_eq!(k, [TokenKind::Word, TokenKind::Word, TokenKind::Number, TokenKind::Punct]);
    }

    proptest! {
        /// Every non-whitespace character is in exactly one token; tokens are ordered and on boundaries.
        #[test]
        fn never_loses_or_duplicates_a_character(t in "(\\PC|[ ’'.,\\-\u{a0}“”]){0,200}") {
            let toks = tokenize(&t);
            let mut covered = String::new();
            let mut last = 0;
            for tok in &toks {
                prop_assert!(tok.range.start >= last && tok.range.start < tok.range.end);
                prop_assert!(t.is_char_boundary(tok.range.start) && t.is_char_boundary(tok.range.end));
                prop_assert!(!t[tok.range.clone()].chars().any(char::is_whitespace));
                covered.push_str(&t[tok.range.clone()]);
                last = tok.range.end;
            }
            let expected: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(covered, expected);
        }
    }
}
