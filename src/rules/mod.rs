//! The rule engine: gazetteers, capitalised names with the context around them, dates and quantities.
//!
//! It needs no training and explains itself: every suggestion names the rule that made it
//! (`rules/title`, `rules/org-keyword`, …), shown to the analyst on hover. Names are found as
//! capitalised token sequences and typed by what is in and around them: a title before (`President`,
//! `spokesman`), a known first name, an organisation word (`Forces`, `Ministry`), a place word
//! (`province`, `village of`), an acronym defined in brackets. A name found with confidence is then
//! propagated through the document (`Mustafa Bali` … later `Bali`).

use crate::doc::{Document, TokenKind};
use crate::lexicon::{Gazetteer, key};
use crate::offsets::TokenRange;
use crate::suggest::{Engine, Suggester, Suggestion};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// The rules' word lists, shipped in `assets/rules/` (one entry a line, `#` comments, each file says
/// what its list is for): built into the program and parsed once, on first use.
macro_rules! word_lists {
    ($($name:ident: $file:literal,)*) => {$(
        static $name: LazyLock<Vec<&str>> =
            LazyLock::new(|| crate::lexicon::gazetteer::entries(include_str!(concat!("../../assets/rules/", $file))).collect());
    )*};
}

word_lists! {
    STOP_CAPS: "stop_caps.txt",
    CONNECTORS: "connectors.txt",
    ORG_WORDS: "org_words.txt",
    PLACE_WORDS: "place_words.txt",
    PLACE_AFTER: "place_after.txt",
    PLACE_BEFORE: "place_before.txt",
    PLACE_OF: "place_of.txt",
    SPEECH: "speech.txt",
    MONTHS: "months.txt",
    WEEKDAYS: "weekdays.txt",
    DATE_PREPOSITIONS: "date_prepositions.txt",
    PERIODS: "periods.txt",
    RELATIVE: "relative.txt",
    MULTIPLIERS: "multipliers.txt",
    UNITS: "units.txt",
    CURRENCY: "currency.txt",
    APPROX: "approx.txt",
    QUANTITY_QUALIFIERS: "quantity_qualifiers.txt",
    NUMBER_WORDS: "number_words.txt",
}

#[derive(Default)]
pub struct RuleSuggester {
    gaz: Gazetteer,
}

/// Tokens of one sentence, with the helpers the rules share.
struct Sentence<'d> {
    doc: &'d Document,
    toks: TokenRange,
}

impl<'d> Sentence<'d> {
    fn w(&self, i: usize) -> &'d str {
        self.doc.token_text(i)
    }
    /// The token at `i`, lower-cased, or "" outside the sentence.
    fn lower(&self, i: Option<usize>) -> String {
        i.filter(|&i| self.toks.contains(i)).map(|i| self.w(i).to_lowercase()).unwrap_or_default()
    }
    fn get(&self, i: usize) -> Option<&'d str> {
        self.toks.contains(i).then(|| self.w(i))
    }
    fn bytes(&self, r: &Range<usize>) -> Range<usize> {
        let t = self.doc.tokens();
        t[r.start].range.start..t[r.end - 1].range.end
    }
    fn key(&self, r: Range<usize>) -> String {
        key(r.map(|i| self.w(i)))
    }
    /// Tokens `a` and `b` touch (no space between), as in `Al-Qaeda`.
    fn touching(&self, a: usize, b: usize) -> bool {
        self.doc.tokens()[a].range.end == self.doc.tokens()[b].range.start
    }
    /// Index of the first token of the sentence that is not an opening quote or bracket.
    fn first_word(&self) -> usize {
        self.toks.range().find(|&i| self.doc.tokens()[i].kind != TokenKind::Punct).unwrap_or(self.toks.start)
    }
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n) && w.chars().all(|c| c.is_ascii_uppercase())
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2099).contains(&y))
}

fn push(out: &mut Vec<Suggestion>, s: &Sentence, r: Range<usize>, label: &str, score: f32, rule: &str) {
    if !r.is_empty() {
        out.push(Suggestion { range: s.bytes(&r), label: label.to_string(), score, source: format!("rules/{rule}") });
    }
}

impl Suggester for RuleSuggester {
    fn engine(&self) -> Engine {
        Engine::Rules
    }

    fn suggest(&self, doc: &Document) -> Vec<Suggestion> {
        let mut out = Vec::new();
        for sentence in doc.sentences() {
            let s = Sentence { doc, toks: doc.tokens_in(sentence) };
            self.gazetteer_names(&s, &mut out);
            self.capitalised_names(&s, &mut out);
            dates(&s, &mut out);
            quantities(&s, &mut out);
        }
        propagate(doc, &mut out);
        out
    }
}

impl RuleSuggester {
    fn gazetteer_names(&self, s: &Sentence, out: &mut Vec<Suggestion>) {
        let mut i = s.toks.start;
        while i < s.toks.end {
            let longest = (1..=self.gaz.max_tokens.min(s.toks.end - i))
                .rev()
                .find_map(|n| self.gaz.label_of(&s.key(i..i + n)).map(|l| (n, l)));
            match longest {
                Some((n, label)) => {
                    // Nationalities are often part of a longer name (`Syrian Democratic Forces`).
                    let score = if label == "MISC" { 0.75 } else { 0.9 };
                    push(out, s, i..i + n, label, score, "gazetteer");
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    fn is_name_word(&self, s: &Sentence, i: usize) -> bool {
        let w = s.w(i);
        s.doc.tokens()[i].kind == TokenKind::Word
            && is_capitalised(w)
            && !STOP_CAPS.contains(&w.to_lowercase().trim_end_matches('.'))
            && !MONTHS.contains(&w)
            && !WEEKDAYS.contains(&w)
    }

    /// Length of the title (in tokens) that ends just before token `i`, if any.
    fn title_before(&self, s: &Sentence, i: usize) -> Option<usize> {
        (1..=self.gaz.max_title_tokens)
            .rev()
            .find(|&n| i >= s.toks.start + n && self.gaz.is_title(&s.key(i - n..i).to_lowercase()))
    }

    /// Length of a title starting at token `i` within `..end`.
    fn title_at(&self, s: &Sentence, i: usize, end: usize) -> Option<usize> {
        (1..=self.gaz.max_title_tokens.min(end - i)).rev().find(|&n| self.gaz.is_title(&s.key(i..i + n).to_lowercase()))
    }

    fn capitalised_names(&self, s: &Sentence, out: &mut Vec<Suggestion>) {
        let mut i = s.toks.start;
        while i < s.toks.end {
            if !self.is_name_word(s, i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            let mut saw_of = false;
            loop {
                let name_at = |j: usize| j < s.toks.end && self.is_name_word(s, j);
                let w = s.get(end).unwrap_or("");
                if name_at(end) {
                    end += 1;
                } else if w == "-" && name_at(end + 1) && s.touching(end - 1, end) && s.touching(end, end + 1) {
                    end += 2; // Al-Qaeda
                } else if CONNECTORS.contains(&w)
                    && s.get(end + 1).is_some_and(|c| CONNECTORS.contains(&c))
                    && name_at(end + 2)
                {
                    end += 3; // Niels van der Berg
                } else if CONNECTORS.contains(&w) && name_at(end + 1) {
                    saw_of |= matches!(w, "of" | "for");
                    end += 2; // Ministry of Defence
                } else if saw_of && w == "and" && s.get(end + 1) == Some("the") && name_at(end + 2) {
                    end += 3; // State of Iraq and the Levant
                } else if saw_of && matches!(w, "and" | "the") && name_at(end + 1) {
                    end += 2;
                } else {
                    break;
                }
            }
            self.classify(s, start..end, out);
            i = end;
        }
    }

    /// Types one capitalised sequence from what is in and around it.
    fn classify(&self, s: &Sentence, seq: Range<usize>, out: &mut Vec<Suggestion>) {
        // `US President Donald Trump`: the name is what follows the last title inside the sequence.
        let mut a = seq.start;
        // `President Trump`, or an apposition: `the economy minister, Annelies Koster`.
        let mut titled = self.title_before(s, a).is_some()
            || (a >= s.toks.start + 2 && s.w(a - 1) == "," && self.title_before(s, a - 1).is_some());
        let mut k = seq.start;
        while k < seq.end {
            match self.title_at(s, k, seq.end) {
                Some(n) if k + n < seq.end => {
                    a = k + n;
                    titled = true;
                    k += n;
                }
                _ => k += 1,
            }
        }
        let r = a..seq.end;
        let n = r.len();
        let words: Vec<&str> = r.clone().map(|i| s.w(i)).collect();
        if self.gaz.label_of(&s.key(r.clone())).is_some() {
            return; // the gazetteer pass has it
        }
        let sentence_initial = r.start == s.first_word();
        let prev = s.lower(r.start.checked_sub(1));
        let prev2 = format!("{} {}", s.lower(r.start.checked_sub(2)), prev);
        let next = s.lower(Some(r.end));
        let acronym_after = s.get(r.end) == Some("(") && s.get(r.end + 1).is_some_and(is_acronym);

        if titled && (1..=4).contains(&n) && !words.iter().any(|w| ORG_WORDS.contains(w)) {
            push(out, s, r, "PERSON", 0.85, "title");
        } else if acronym_after {
            push(out, s, r.clone(), "ORG", 0.85, "acronym");
            push(out, s, r.end + 1..r.end + 2, "ORG", 0.85, "acronym");
        } else if words.iter().any(|w| ORG_WORDS.contains(w)) && !(n == 1 && sentence_initial) {
            push(out, s, r, "ORG", 0.8, "org-keyword");
        } else if words.last().is_some_and(|w| PLACE_WORDS.contains(w)) && n >= 2 {
            push(out, s, r, "LOC", 0.75, "place-keyword");
        } else if PLACE_AFTER.contains(&next.as_str()) || PLACE_OF.contains(&prev2.trim()) {
            push(out, s, r, "LOC", 0.75, "place-context");
        } else if n >= 2 && self.gaz.is_first_name(words[0]) {
            push(out, s, r, "PERSON", 0.8, "first-name");
        } else if (2..=4).contains(&n)
            && (SPEECH.contains(&prev.as_str())
                || SPEECH.contains(&next.as_str())
                || (next == "," && s.lower(Some(r.end + 1)).starts_with('a')))
        {
            push(out, s, r, "PERSON", 0.7, "speaker");
        } else if n <= 3
            && PLACE_BEFORE.contains(&prev.as_str())
            && !sentence_initial
            && !words.iter().all(|w| is_acronym(w))
        {
            push(out, s, r, "LOC", 0.5, "place-context");
        } else if n == 1 && is_acronym(words[0]) {
            push(out, s, r, "ORG", 0.5, "acronym");
        } else if (2..=3).contains(&n) && !sentence_initial && words.iter().all(|w| self.gaz.label_of(w).is_none()) {
            push(out, s, r, "PERSON", 0.4, "capitalised");
        }
    }
}

fn dates(s: &Sentence, out: &mut Vec<Suggestion>) {
    let mut i = s.toks.start;
    while i < s.toks.end {
        let w = s.w(i);
        let lower = w.to_lowercase();
        let is_num =
            |j: usize| s.get(j).is_some_and(|t| t.len() <= 2 && t.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)));
        if WEEKDAYS.contains(&w) {
            push(out, s, i..i + 1, "DATE", 0.9, "date");
        } else if MONTHS.contains(&w) {
            let before_day = i > s.toks.start && is_num(i - 1);
            let mut a = if before_day { i - 1 } else { i };
            let mut b = i + 1;
            if is_num(b) {
                b += 1;
            }
            if s.get(b) == Some(",") && s.get(b + 1).is_some_and(is_year) {
                b += 2;
            } else if s.get(b).is_some_and(is_year) {
                b += 1;
            }
            let anchored = b - a > 1 || DATE_PREPOSITIONS.contains(&s.lower(i.checked_sub(1)).as_str());
            if w != "May" || anchored {
                if a > s.toks.start && matches!(s.w(a - 1), "early" | "late" | "mid") {
                    a -= 1;
                }
                push(out, s, a..b, "DATE", if anchored { 0.9 } else { 0.7 }, "date");
                i = b;
                continue;
            }
        } else if is_year(w) && s.doc.tokens()[i].kind == TokenKind::Number {
            let anchored = DATE_PREPOSITIONS.contains(&s.lower(i.checked_sub(1)).as_str());
            push(out, s, i..i + 1, "DATE", if anchored { 0.85 } else { 0.6 }, "date");
        } else if w.len() == 5 && w.ends_with('s') && is_year(&w[..4]) {
            push(out, s, i..i + 1, "DATE", 0.8, "date");
        } else if RELATIVE.contains(&lower.as_str()) && PERIODS.contains(&s.lower(Some(i + 1)).as_str()) {
            push(out, s, i..i + 2, "DATE", 0.8, "date");
            i += 2;
            continue;
        } else if matches!(lower.as_str(), "today" | "yesterday" | "tomorrow" | "tonight") {
            push(out, s, i..i + 1, "DATE", 0.8, "date");
        } else if lower == "ago"
            && i >= s.toks.start + 2
            && matches!(s.lower(Some(i - 1)).as_str(), "days" | "weeks" | "months" | "years" | "decades")
        {
            push(out, s, i - 2..i + 1, "DATE", 0.85, "date");
        }
        i += 1;
    }
}

/// The end of a number expression starting at `i` (currency, number, multiplier, unit), if one starts there.
fn number_expr(s: &Sentence, i: usize) -> Option<usize> {
    let mut j = i;
    if s.get(j).is_some_and(|w| CURRENCY.contains(&w)) {
        j += 1;
    }
    let w = s.get(j)?;
    let numeric = s.doc.tokens()[j].kind == TokenKind::Number && w.chars().next().is_some_and(|c| c.is_ascii_digit());
    let word = NUMBER_WORDS.contains(&w.to_lowercase().as_str());
    if !numeric && !word {
        return None;
    }
    j += 1;
    while s.get(j).is_some_and(|w| {
        MULTIPLIERS.contains(&w.to_lowercase().as_str()) || NUMBER_WORDS.contains(&w.to_lowercase().as_str())
    }) {
        j += 1;
    }
    if s.get(j).is_some_and(|w| UNITS.contains(&w.to_lowercase().as_str())) {
        j += 1;
    } else if s.lower(Some(j)) == "per" && s.lower(Some(j + 1)) == "cent" {
        j += 2;
    }
    Some(j)
}

fn quantities(s: &Sentence, out: &mut Vec<Suggestion>) {
    let mut i = s.toks.start;
    while i < s.toks.end {
        let Some(mut end) = number_expr(s, i) else {
            i += 1;
            continue;
        };
        let only = s.w(i);
        if end == i + 1 && is_year(only) {
            i += 1;
            continue; // a bare year is a date
        }
        if end == i + 1 && NUMBER_WORDS.contains(&only.to_lowercase().as_str()) && !s.lower(Some(end)).ends_with('s') {
            i += 1;
            continue; // `two` on its own, not counting anything
        }
        let mut start = i;
        // Ranges: `500 to 1,000`, `between 500 and 1,000`, `10-15`.
        if matches!(s.lower(Some(end)).as_str(), "to" | "and" | "-" | "–")
            && let Some(e2) = number_expr(s, end + 1)
        {
            end = e2;
            if s.lower(start.checked_sub(1)) == "between" {
                start -= 1;
            }
        }
        let before = s.lower(start.checked_sub(1));
        let before2 = format!("{} {}", s.lower(start.checked_sub(2)), before);
        if QUANTITY_QUALIFIERS.contains(&before2.as_str()) {
            start -= 2;
        } else if APPROX.contains(&before.as_str()) {
            start -= 1;
        }
        push(out, s, start..end, "QUANTITY", 0.85, "quantity");
        i = end;
    }
}

/// Names found with confidence are suggested wherever they recur; a person's surname on its own too.
fn propagate(doc: &Document, out: &mut Vec<Suggestion>) {
    let mut known: HashMap<String, (String, usize)> = HashMap::new();
    let text = doc.text();
    for sug in out.iter().filter(|s| s.score >= 0.7 && matches!(s.label.as_str(), "PERSON" | "ORG" | "LOC" | "MISC")) {
        let toks = doc.tokens_in(&sug.range);
        known.entry(key(toks.range().map(|i| doc.token_text(i)))).or_insert((sug.label.clone(), toks.len()));
        if sug.label == "PERSON" && toks.len() >= 2 {
            let last = doc.token_text(toks.end - 1);
            if is_capitalised(last) && last.chars().count() > 2 {
                known.entry(last.to_string()).or_insert(("PERSON".into(), 1));
            }
        }
    }
    let max = known.values().map(|(_, n)| *n).max().unwrap_or(0);
    let tokens = doc.tokens();
    for i in 0..tokens.len() {
        if !text[tokens[i].range.clone()].starts_with(char::is_uppercase) {
            continue;
        }
        for n in (1..=max.min(tokens.len() - i)).rev() {
            if let Some((label, _)) = known.get(&key((i..i + n).map(|j| doc.token_text(j)))) {
                let range = tokens[i].range.start..tokens[i + n - 1].range.end;
                out.push(Suggestion { range, label: label.clone(), score: 0.72, source: "rules/propagation".into() });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::resolve_overlaps;

    fn found(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text.to_string());
        resolve_overlaps(RuleSuggester::default().suggest(&doc))
            .into_iter()
            .map(|s| (text[s.range].to_string(), s.label))
            .collect()
    }

    fn has(found: &[(String, String)], text: &str, label: &str) -> bool {
        found.iter().any(|(t, l)| t == text && l == label)
    }

    #[test]
    fn particles_and_appositions_stay_in_names() {
        let f = found("“Not yet,” said Niels van der Berg. The economy minister, Annelies Koster, agreed.");
        assert!(has(&f, "Niels van der Berg", "PERSON"), "{f:?}");
        assert!(has(&f, "Annelies Koster", "PERSON"), "{f:?}");
    }

    #[test]
    fn titles_first_names_and_propagation_find_people() {
        let f = found("US President Donald Trump spoke. Later, said Mustafa Bali, a SDF spokesman. Bali said more.");
        assert!(has(&f, "US", "LOC"), "{f:?}");
        assert!(has(&f, "Donald Trump", "PERSON"), "{f:?}");
        assert!(has(&f, "Mustafa Bali", "PERSON"), "{f:?}");
        assert!(has(&f, "Bali", "PERSON"), "{f:?}");
    }

    #[test]
    fn organisations_from_keywords_and_acronyms() {
        let f = found(
            "the Kurdish-led Syrian Democratic Forces (SDF) launched a push, and the Syrian Observatory for Human Rights (SOHR) said so.",
        );
        assert!(has(&f, "Syrian Democratic Forces", "ORG"), "{f:?}");
        assert!(has(&f, "SDF", "ORG"), "{f:?}");
        assert!(has(&f, "Syrian Observatory for Human Rights", "ORG"), "{f:?}");
        assert!(has(&f, "Kurdish", "MISC"), "{f:?}");
        let f = found("It captured positions held by Islamic State of Iraq and the Levant (ISIL, ISIS) fighters.");
        assert!(has(&f, "Islamic State of Iraq and the Levant", "ORG"), "{f:?}");
    }

    #[test]
    fn places_from_context() {
        let f = found(
            "fighting inside the village of Baghouz and in eastern Deir Az Zor province, near Gaziantep on Turkey’s border.",
        );
        assert!(has(&f, "Baghouz", "LOC"), "{f:?}");
        assert!(has(&f, "Deir Az Zor", "LOC"), "{f:?}");
        assert!(has(&f, "Gaziantep", "LOC"), "{f:?}");
        assert!(has(&f, "Turkey", "LOC"), "{f:?}");
    }

    #[test]
    fn dates_and_quantities() {
        let f = found(
            "On Sunday, 20,000 civilians left; between 500 to 1,000 remain since March 5, 2019 and in 2014, up 20% last week.",
        );
        assert!(has(&f, "Sunday", "DATE"), "{f:?}");
        assert!(has(&f, "20,000", "QUANTITY"), "{f:?}");
        assert!(has(&f, "between 500 to 1,000", "QUANTITY"), "{f:?}");
        assert!(has(&f, "March 5, 2019", "DATE"), "{f:?}");
        assert!(has(&f, "2014", "DATE"), "{f:?}");
        assert!(has(&f, "20%", "QUANTITY"), "{f:?}");
        assert!(has(&f, "last week", "DATE"), "{f:?}");
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let f = found("Military advances were made overnight. Backed by air strikes, they moved.");
        assert!(f.iter().all(|(_, l)| l != "PERSON" && l != "ORG"), "{f:?}");
    }
}
