//! Pronoun claimants: "he said" is only useful once we know who "he" is. The antecedent is the
//! nearest earlier entity of a compatible kind — a person for he / she / I, an organisation or a person
//! for they / we / it — looked for in the same paragraph first, then up to a few paragraphs back.

use super::entities::Entities;
use crate::doc::Document;
use crate::suggest::Suggestion;
use std::ops::Range;

/// How far back (in bytes) an antecedent may be.
const WINDOW: usize = 2_000;

/// Whether an entity can be who makes a claim: a person or an organisation.
fn can_speak(e: &Suggestion) -> bool {
    matches!(e.label.as_str(), "PERSON" | "ORG")
}

/// The person or organisation whose name holds `claimant` (`Berg` in `Mr. van der Berg`), so a claimant
/// is always a whole name.
pub fn whole_name(claimant: &Range<usize>, entities: &Entities) -> Option<Range<usize>> {
    entities.holding(claimant, can_speak).map(|e| e.range.clone())
}

fn compatible(pronoun: &str) -> Option<&'static [&'static str]> {
    match pronoun.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" | "his" | "i" => Some(&["PERSON"]),
        "they" | "we" | "it" | "them" => Some(&["ORG", "PERSON"]),
        _ => None,
    }
}

/// A claimant the tagger missed: a person or organisation it took into the cue (`Said Ellis:`), a
/// pronoun or an entity right beside the cue (`he said`, `Mustafa Bali told`, `said Bali`), the speaker
/// after a speech verb that follows its quotation (`“…,” said the ruling`), else the nearest person or
/// organisation (or pronoun) earlier in the sentence (`Trump took to Twitter, shaming …`), else the
/// words just before the cue (`The family is leaning toward …`) — unless the cue is a passive with its
/// agent (`was written by Springsteen`).
pub fn near_cue(doc: &Document, cue: &Range<usize>, entities: &Entities) -> Option<super::Claimant> {
    inside_cue(cue, entities)
        .or_else(|| beside_cue(doc, cue, entities))
        .or_else(|| follows_quotation(doc, cue).then(|| inverted_speaker(doc, cue)).flatten())
        .or_else(|| nearest_before(doc, cue, entities))
        .or_else(|| agent_after(doc, cue))
        .or_else(|| subject_before(doc, cue))
}

/// The speaker named right after a cue that follows its quotation (`“…,” said the ruling`, `said 9/11
/// widow Terry Strada.`): the words up to the next punctuation mark, at most ten.
fn inverted_speaker(doc: &Document, cue: &Range<usize>) -> Option<super::Claimant> {
    let sentence = doc.sentence_of(cue.start)?;
    let words = doc.tokens_in(cue.end..sentence.end);
    let punctuation = |i: &usize| matches!(doc.token_text(*i), "," | "." | ";" | ":" | "(" | "—" | "―" | "–");
    let end = words.clone().take(10).find(punctuation).unwrap_or(words.end.min(words.start + 10));
    (end > words.start && doc.token_text(words.start).chars().next().is_some_and(char::is_alphanumeric)).then(|| {
        super::Claimant {
            range: doc.tokens()[words.start].range.start..doc.tokens()[end - 1].range.end,
            refers_to: None,
        }
    })
}

/// Who a cue names after it when nothing before it can be its subject: the agent of a passive (`was
/// written by Springsteen`), or the speaker of an attribution that opens its sentence (`Said Ellis:`).
fn agent_after(doc: &Document, cue: &Range<usize>) -> Option<super::Claimant> {
    let sentence = doc.sentence_of(cue.start)?;
    let opens = doc.tokens_in(sentence.start..cue.start).all(|i| is_quote_mark(doc.token_text(i)));
    let mut words = doc.tokens_in(cue.end..sentence.end);
    if words.start < words.end && doc.token_text(words.start).eq_ignore_ascii_case("by") {
        words.start += 1;
    } else if !opens {
        return None;
    }
    speaker_words(doc, words)
}

/// The words that name who speaks at the start of `words`: up to a function word or an auxiliary (`An
/// online persona calling himself Guccifer 2.0 has claimed` names `himself Guccifer 2.0`, not `… has
/// claimed`), at most six, after an optional determiner.
fn speaker_words(doc: &Document, words: Range<usize>) -> Option<super::Claimant> {
    let determiner = |i: usize| DETERMINERS.contains(&doc.token_text(i).to_lowercase().as_str());
    let mut end = words.start;
    while end < words.end
        && end - words.start < 6
        && (may_be_in_subject(doc, end) || end == words.start && determiner(end))
    {
        end += 1;
    }
    (end > words.start).then(|| super::Claimant {
        range: doc.tokens()[words.start].range.start..doc.tokens()[end - 1].range.end,
        refers_to: None,
    })
}

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

/// The cue's subject when no name or pronoun is at hand: the words right before the cue (after any
/// auxiliary or adverb), back to a determiner or a word that cannot be in it (`The two Republican
/// presidents introduced`), at most six words, in the cue's sentence; a relative pronoun there is the
/// subject (`the Saudi government, which has denied`), as PolNeAR marks it.
fn subject_before(doc: &Document, cue: &Range<usize>) -> Option<super::Claimant> {
    let (sentence_start, head, relative) = subject_head(doc, cue)?;
    let range =
        if relative { doc.tokens()[head].range.clone() } else { noun_phrase_ending_at(doc, sentence_start, head)? };
    Some(super::Claimant { range, refers_to: None })
}

/// Where the cue's sentence starts, the last word of the cue's subject (before any auxiliary or
/// adverb), and whether that word is a relative pronoun (`who`, `which`, `whom`); tokens, not bytes.
fn subject_head(doc: &Document, cue: &Range<usize>) -> Option<(usize, usize, bool)> {
    let sentence = doc.sentence_of(cue.start)?;
    let toks = doc.tokens_in(sentence.start..cue.start);
    let head = skip_back_to_subject(doc, toks.start, toks.end).checked_sub(1).filter(|&h| h >= toks.start)?;
    Some((toks.start, head, matches!(doc.token_text(head).to_lowercase().as_str(), "who" | "which" | "whom")))
}

/// The speaker of a quotation when the claimant found is a word inside it (`“They are wrong,” said
/// Terry Strada`; `“If he thinks that makes him smart,” the ad's narrator says`): who is beside the
/// cue outside the quotation, the words after it, or its subject before it.
/// `quoted` says of each token whether it is inside quotation marks ([`super::tagger::inside_quotes`]).
pub fn speaker_outside_quotes(
    doc: &Document,
    quoted: &[bool],
    cue: &Range<usize>,
    claimant: Option<&Range<usize>>,
    entities: &Entities,
) -> Option<super::Claimant> {
    let first = |r: &Range<usize>| doc.tokens_in(r.clone()).start;
    let inside = claimant.is_some_and(|c| quoted.get(first(c)).copied().unwrap_or(false));
    if !inside || quoted.get(first(cue)).copied().unwrap_or(true) {
        return None;
    }
    let outside = |c: &super::Claimant| !quoted.get(first(&c.range)).copied().unwrap_or(true);
    beside_cue(doc, cue, entities)
        .filter(outside)
        .or_else(|| if follows_quotation(doc, cue) { inverted_speaker(doc, cue) } else { subject_before(doc, cue) })
        .filter(outside)
}

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
fn follows_quotation(doc: &Document, cue: &Range<usize>) -> bool {
    let toks = doc.tokens_in(cue.clone());
    if !INVERTING.contains(&doc.token_text(toks.start).to_lowercase().as_str()) {
        return false;
    }
    let before = |k: usize| toks.start.checked_sub(k).map(|i| doc.token_text(i));
    let closing = |t: Option<&str>| matches!(t, Some("”" | "\"" | "''"));
    closing(before(1)) || before(1) == Some(",") && closing(before(2))
}

/// Words that open a phrase about where or when someone spoke, not who they are (`Niels van der Berg,
/// the union's lead negotiator, outside the talks`).
const CIRCUMSTANCE: &[&str] =
    &["outside", "inside", "in", "at", "on", "during", "after", "before", "from", "speaking", "standing", "while"];

/// A claimant's words without what trails them: a phrase of circumstance after a comma (`…, outside the
/// talks`) and a comma or dash at the end (`The Dutch economy minister, Annelies Koster,`).
pub fn tidy_claimant(doc: &Document, claimant: &Range<usize>) -> Range<usize> {
    let toks = doc.tokens_in(claimant.clone());
    if toks.is_empty() {
        return claimant.clone();
    }
    let circumstance = |i: usize| i < toks.end && CIRCUMSTANCE.contains(&doc.token_text(i).to_lowercase().as_str());
    let cut = toks.clone().skip(1).find(|&i| doc.token_text(i) == "," && circumstance(i + 1));
    let mut end = cut.unwrap_or(toks.end);
    while end > toks.start + 1 && matches!(doc.token_text(end - 1), "," | ";" | ":" | "-" | "--" | "—" | "–") {
        end -= 1;
    }
    claimant.start..doc.tokens()[end - 1].range.end.min(claimant.end)
}

/// A relative pronoun right before the cue (`the Chicago Police Department which reported`, `most of
/// whom had announced`) is its subject, as PolNeAR marks it, whatever name the tagger found.
pub fn relative_subject(
    doc: &Document,
    cue: &Range<usize>,
    claimant: Option<&Range<usize>>,
) -> Option<super::Claimant> {
    let (_, head, relative) = subject_head(doc, cue)?;
    let range = doc.tokens()[head].range.clone();
    (relative && claimant.is_none_or(|c| *c != range)).then_some(super::Claimant { range, refers_to: None })
}

/// The token after the subject that tokens `from..end` end with: before any auxiliary or adverb
/// (`is also`, `has been steadily`).
fn skip_back_to_subject(doc: &Document, from: usize, mut end: usize) -> usize {
    let between = |i: usize| {
        let l = doc.token_text(i).to_lowercase();
        BETWEEN_SUBJECT_AND_VERB.contains(&l.as_str())
    };
    while end > from && between(end - 1) {
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
fn noun_phrase_ending_at(doc: &Document, from: usize, head: usize) -> Option<Range<usize>> {
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
    Some(doc.tokens()[start].range.start..doc.tokens()[head].range.end)
}

fn is_parenthesis_mark(token: &str) -> bool {
    matches!(token, "," | "―" | "—" | "–")
}

/// The subject of a cue that an aside separates from it (`Trump, speaking to a veterans group in
/// Virginia, said`; `Mr. Obama, who understood that …, told`; `Harry Reid (D-Nev.), in particular, has
/// been pounding`): when the cue follows the aside's closing comma or dash, the claimant is the person,
/// organisation or noun phrase before its opening one, not a name inside it. `None` when the cue has
/// no such aside, the aside is an attribution (`The museum, Mr. Bush said, celebrated`), the cue looks
/// ahead (`, according to`) or is a participle (`…, arguing that`), `claimant` is
/// already that subject, or follows the cue after what is claimed (`“…,” Reuters, citing two sources,
/// said Sunday`; `…, said one source`).
pub fn subject_across_aside(
    doc: &Document,
    cue: &Range<usize>,
    content: &Range<usize>,
    claimant: Option<&Range<usize>>,
    entities: &Entities,
) -> Option<super::Claimant> {
    let cue_text = doc.text()[cue.clone()].to_lowercase();
    // `…, according to X` looks ahead; `X spoke out …, arguing that` is the main clause's subject.
    let participle = cue_text.split_whitespace().any(|w| w.ends_with("ing"));
    let inverted = content.end <= cue.start && claimant.is_some_and(|c| c.start >= cue.end);
    if cue_text.starts_with("according") || participle || inverted {
        return None;
    }
    let sentence = doc.sentence_of(cue.start)?;
    let toks = doc.tokens_in(sentence.start..cue.start);
    let close = skip_back_to_subject(doc, toks.start, toks.end).checked_sub(1)?;
    let mark = doc.token_text(close);
    if close < toks.start || !is_parenthesis_mark(mark) {
        return None;
    }
    let open = (toks.start..close).rev().take(30).find(|&i| doc.token_text(i) == mark)?;
    // An aside that is itself an attribution (`The museum, Mr. Bush said, celebrated …`) names who speaks.
    let attribution = matches!(doc.token_text(close - 1), "said" | "says" | "added" | "told" | "noted" | "wrote");
    if close - open < 2 || attribution {
        return None;
    }
    // The subject ends before the opening mark, after any bracket (`Harry Reid (D-Nev.)`).
    let mut end = open;
    if end > toks.start && doc.token_text(end - 1) == ")" {
        end = (toks.start..end - 1).rev().find(|&i| doc.token_text(i) == "(")?;
    }
    let head = end.checked_sub(1).filter(|&h| h >= toks.start)?;
    let before = doc.tokens()[head].range.end;
    if claimant.is_some_and(|c| c.end == before) {
        return None;
    }
    let range = entities
        .ending_at(before, can_speak)
        .map(|e| e.range.clone())
        .or_else(|| noun_phrase_ending_at(doc, toks.start, head))?;
    Some(super::Claimant { range, refers_to: None })
}

/// The subject of a participle that follows its main clause (`On Monday, Clinton leaned in heavy and
/// often, painting Trump as …`; `“…,” he said, referring to …`): the sentence's first person,
/// organisation or subject pronoun outside quotation marks, and not a possessive (`Inspired by Suu
/// Kyi's story, Laura Bush devoted …, prompting`) — not the name nearest the participle, which is
/// usually its object. `None` when the cue is not such a participle (`according to` looks ahead), no
/// subject is found, or `claimant` comes before it (`A New York judge has rejected … from wife Ivana,
/// saying`).
pub fn subject_of_participle(
    doc: &Document,
    quoted: &[bool],
    cue: &Range<usize>,
    claimant: Option<&Range<usize>>,
    entities: &Entities,
) -> Option<super::Claimant> {
    let toks = doc.tokens_in(cue.clone());
    let word = doc.token_text(toks.start).to_lowercase();
    let after_clause = toks.start.checked_sub(1).is_some_and(|i| is_parenthesis_mark(doc.token_text(i)));
    if !after_clause || !word.ends_with("ing") || word == "according" {
        return None;
    }
    let subject = first_subject(doc, quoted, cue, entities)?;
    claimant.is_none_or(|c| c.start > subject.range.start || c.start >= cue.end).then_some(subject)
}

/// Words that open a phrase before a sentence's subject (`At the Goldman Sachs Symposium, Clinton …`).
const OPENS_A_PHRASE: &[&str] = &[
    "at",
    "in",
    "on",
    "after",
    "before",
    "during",
    "since",
    "as",
    "when",
    "while",
    "with",
    "without",
    "for",
    "from",
    "by",
    "unlike",
    "like",
    "despite",
    "following",
    "under",
    "over",
    "although",
    "though",
    "because",
    "if",
    "once",
    "until",
    "amid",
    "speaking",
    "asked",
    "responding",
];

/// The first person, organisation or subject pronoun of the cue's sentence before it, outside
/// quotation marks and not a possessive, after any dateline (`PHILADELPHIA (AP) —`) and opening
/// phrase (`At the Goldman Sachs Symposium in October 2013,`).
fn first_subject(doc: &Document, quoted: &[bool], cue: &Range<usize>, entities: &Entities) -> Option<super::Claimant> {
    let sentence = doc.sentence_of(cue.start)?;
    let mut toks = doc.tokens_in(sentence.start..cue.start);
    let dash = toks.clone().take(8).find(|&i| matches!(doc.token_text(i), "—" | "―" | "--" | "–"));
    if let Some(d) = dash.filter(|&d| (toks.start..d).any(|i| doc.token_text(i) == ")")) {
        toks.start = d + 1;
    }
    let opening = toks.clone().find(|&i| !is_quote_mark(doc.token_text(i)));
    if opening.is_some_and(|i| OPENS_A_PHRASE.contains(&doc.token_text(i).to_lowercase().as_str())) {
        toks.start = toks.clone().find(|&i| doc.token_text(i) == ",")? + 1;
    }
    // A sentence may begin inside a quotation: quotation marks are followed over the paragraph.
    for i in toks {
        let word = doc.token_text(i);
        if quoted.get(i).copied().unwrap_or(false) || is_quote_mark(word) {
            continue;
        }
        let at = doc.tokens()[i].range.start;
        if let Some(e) = entities.starting_at(at, can_speak) {
            let rest = &doc.text()[e.range.end..];
            if rest.starts_with("'s") || rest.starts_with("’s") {
                continue;
            }
            return Some(super::Claimant { range: e.range.clone(), refers_to: None });
        }
        if matches!(word.to_lowercase().as_str(), "he" | "she" | "they" | "we" | "i") {
            return Some(super::Claimant { range: doc.tokens()[i].range.clone(), refers_to: None });
        }
    }
    None
}

/// The nearest person or organisation (or pronoun) before the cue in its sentence.
fn nearest_before(doc: &Document, cue: &Range<usize>, entities: &Entities) -> Option<super::Claimant> {
    let sentence = doc.sentence_of(cue.start)?;
    let pronoun = doc
        .tokens_in(sentence.start..cue.start)
        .rev()
        .find(|&i| compatible(doc.token_text(i)).is_some())
        .map(|i| doc.tokens()[i].range.clone());
    let entity = entities.last_inside(&(sentence.start..cue.start), can_speak).map(|e| e.range.clone());
    let nearest = [pronoun, entity].into_iter().flatten().max_by_key(|r| r.end)?;
    Some(super::Claimant { range: nearest, refers_to: None })
}

fn is_quote_mark(token: &str) -> bool {
    matches!(token, "\"" | "“" | "”" | "'" | "‘" | "’")
}

/// A speaker's label opening a paragraph of a transcript (`PENCE: …`, also after an opening quotation
/// mark: `"PENCE: …`) whose words are `content` (which may take the label in): the label and its colon.
pub fn speaker_label(doc: &Document, content: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let paragraph = doc.paragraphs().get(doc.paragraph_of(content.start))?;
    let mut toks = doc.tokens_in(paragraph.clone());
    while toks.start < toks.end && is_quote_mark(doc.token_text(toks.start)) {
        toks.start += 1;
    }
    let colon = toks.clone().take(4).find(|&i| doc.token_text(i) == ":")?;
    let name = toks.start..colon;
    let all_caps = !name.is_empty()
        && name.clone().all(|i| {
            let w = doc.token_text(i);
            w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
        });
    let colon_range = doc.tokens()[colon].range.clone();
    (all_caps && content.start <= colon_range.end + 2)
        .then(|| (doc.tokens()[name.start].range.start..doc.tokens()[name.end - 1].range.end, colon_range))
}

/// A pull quote's byline on the same line: `“…” ― Krystal Correa` (or `—`, `–`). Returns the name and
/// the dash, which is the cue.
pub fn dash_byline(doc: &Document, content: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let tokens = doc.tokens();
    let mut i = doc.first_token_from(content.end);
    while tokens.get(i).is_some_and(|t| is_quote_mark(&doc.text()[t.range.clone()])) {
        i += 1;
    }
    let dash = tokens.get(i)?.range.clone();
    let same_line = |end: usize| !doc.text()[content.end..end].contains('\n');
    if !matches!(&doc.text()[dash.clone()], "―" | "—" | "–") || !same_line(dash.end) {
        return None;
    }
    // Capitalised words, and the dot after an initial (`Julie A. Diaz`), on the dash's line.
    let mut name: Option<Range<usize>> = None;
    let mut previous = "";
    for t in &tokens[i + 1..] {
        let w = &doc.text()[t.range.clone()];
        let after_initial = w == "." && previous.len() == 1 && previous.chars().all(char::is_uppercase);
        let capitalised = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '’' | '\''));
        if !same_line(t.range.end) || !(capitalised || after_initial) {
            break;
        }
        name = Some(name.map_or(t.range.clone(), |n| n.start..t.range.end));
        previous = w;
    }
    let name = name?;
    let name = name.start..name.start + doc.text()[name.clone()].trim_end_matches('.').len();
    Some((name, dash))
}

/// A person or organisation the tagger took into the cue's words (`Said Ellis:`, `pressed by Holt about`).
fn inside_cue(cue: &Range<usize>, entities: &Entities) -> Option<super::Claimant> {
    entities.inside(cue, can_speak).map(|e| super::Claimant { range: e.range.clone(), refers_to: None })
}

/// A claimant right beside the cue.
fn beside_cue(doc: &Document, cue: &Range<usize>, entities: &Entities) -> Option<super::Claimant> {
    let toks = doc.tokens_in(cue.clone());
    let claimant = |range: Range<usize>| Some(super::Claimant { range, refers_to: None });
    if let Some(before) = toks.start.checked_sub(1) {
        let t = &doc.tokens()[before];
        if compatible(doc.token_text(before)).is_some() {
            return claimant(t.range.clone());
        }
        if let Some(e) = entities.ending_at(t.range.end, can_speak) {
            return claimant(e.range.clone());
        }
    }
    let after = doc.tokens().get(toks.end)?;
    if compatible(&doc.text()[after.range.clone()]).is_some() {
        return claimant(after.range.clone());
    }
    entities.starting_at(after.range.start, can_speak).and_then(|e| claimant(e.range.clone()))
}

/// The entity a pronoun claimant refers to, if it is a pronoun and one is found.
pub fn antecedent(doc: &Document, pronoun: Range<usize>, entities: &Entities) -> Option<Range<usize>> {
    let kinds = compatible(doc.text().get(pronoun.clone())?)?;
    let before = pronoun.start.saturating_sub(WINDOW)..pronoun.start;
    kinds.iter().find_map(|kind| entities.last_inside(&before, |e| e.label == *kind)).map(|e| e.range.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(doc: &Document, words: &str, label: &str) -> Suggestion {
        let at = doc.text().find(words).expect("in the text");
        Suggestion { range: at..at + words.len(), label: label.into(), score: 0.9, source: "t".into() }
    }

    #[test]
    fn he_is_the_nearest_person_before_and_they_prefers_an_organisation() {
        let doc = Document::new("Mustafa Bali of the SDF spoke. Reuters asked. He said they would stay.".into());
        let ents =
            vec![entity(&doc, "Mustafa Bali", "PERSON"), entity(&doc, "SDF", "ORG"), entity(&doc, "Reuters", "ORG")];
        let he = doc.text().find("He").unwrap();
        let they = doc.text().find("they").unwrap();
        assert_eq!(antecedent(&doc, he..he + 2, &Entities::new(&ents)).map(|r| &doc.text()[r]), Some("Mustafa Bali"));
        assert_eq!(antecedent(&doc, they..they + 4, &Entities::new(&ents)).map(|r| &doc.text()[r]), Some("Reuters"));
        assert_eq!(antecedent(&doc, 0..7, &Entities::new(&ents)), None, "not a pronoun");
    }

    #[test]
    fn a_missed_claimant_is_found_beside_or_before_the_cue() {
        let doc = Document::new(
            "Reuters said so. Later, Mustafa Bali took to the radio, warning of floods. “Go,” said he.".into(),
        );
        let ents = vec![entity(&doc, "Reuters", "ORG"), entity(&doc, "Mustafa Bali", "PERSON")];
        let words = |w: &str| {
            let a = doc.text().find(w).unwrap();
            a..a + w.len()
        };
        let who =
            |cue: &str| near_cue(&doc, &words(cue), &Entities::new(&ents)).map(|c| doc.text()[c.range].to_string());
        assert_eq!(who("said so").as_deref(), Some("Reuters"), "just before the cue");
        assert_eq!(who("warning").as_deref(), Some("Mustafa Bali"), "earlier in the sentence");
        let last_said = doc.text().rfind("said").unwrap();
        let after =
            near_cue(&doc, &(last_said..last_said + 4), &Entities::new(&ents)).map(|c| doc.text()[c.range].to_string());
        assert_eq!(after.as_deref(), Some("he"), "just after the cue");
    }

    #[test]
    fn with_no_name_at_hand_the_words_before_the_cue_are_its_subject() {
        let doc = Document::new(
            "The two Republican presidents introduced the plan. The city of Phoenix is also demanding changes. \
             Prices, as expected, rose."
                .into(),
        );
        let words = |w: &str| {
            let a = doc.text().find(w).unwrap();
            a..a + w.len()
        };
        let who = |cue: &str| near_cue(&doc, &words(cue), &Entities::new(&[])).map(|c| doc.text()[c.range].to_string());
        assert_eq!(who("introduced").as_deref(), Some("The two Republican presidents"));
        assert_eq!(who("demanding").as_deref(), Some("Phoenix"), "after `is also`, back to `of`");
        assert_eq!(who("expected"), None, "a comma is not a subject");
        let doc = Document::new(
            "The song was written by Bruce Springsteen after the shooting. The government, which has denied any role, \
             stayed."
                .into(),
        );
        let at = |w: &str| {
            let a = doc.text().find(w).unwrap();
            a..a + w.len()
        };
        let who = |cue: &str| near_cue(&doc, &at(cue), &Entities::new(&[])).map(|c| doc.text()[c.range].to_string());
        assert_eq!(who("was written").as_deref(), Some("Bruce Springsteen"), "a passive's agent");
        let doc = Document::new("“Calling himself Guccifer 2.0 has claimed the hack.”".into());
        let cue = doc.text().find("Calling").unwrap()..doc.text().find(" himself").unwrap();
        let speaker = near_cue(&doc, &cue, &Entities::new(&[])).map(|c| doc.text()[c.range].to_string());
        assert_eq!(speaker.as_deref(), Some("himself Guccifer 2.0"), "an agent stops before an auxiliary");
        assert_eq!(who("has denied").as_deref(), Some("which"), "a relative pronoun");
    }

    #[test]
    fn the_speaker_of_a_quotation_is_outside_it() {
        let doc = Document::new(
            "“They are wrong,” said 9/11 widow Terry Strada. “A state cannot do that,” said the ruling. \
             “If he thinks that makes him smart,” the narrator says."
                .into(),
        );
        let at = |w: &str| {
            let a = doc.text().find(w).unwrap();
            a..a + w.len()
        };
        let said = at("said 9/11").start..at("said 9/11").start + 4;
        let who = |cue: Range<usize>, claimant: &str| {
            let quoted = crate::claims::tagger::inside_quotes(&doc);
            speaker_outside_quotes(&doc, &quoted, &cue, Some(&at(claimant)), &Entities::new(&[]))
                .map(|c| doc.text()[c.range].to_string())
        };
        assert_eq!(who(said.clone(), "They").as_deref(), Some("9/11 widow Terry Strada"), "after the cue");
        assert_eq!(who(at("says"), "him").as_deref(), Some("the narrator"), "before the cue");
        assert_eq!(who(said, "Terry"), None, "a claimant outside the quotation stays");
        let ruling = at("said the").start..at("said the").start + 4;
        let found = near_cue(&doc, &ruling, &Entities::new(&[])).map(|c| doc.text()[c.range].to_string());
        assert_eq!(found.as_deref(), Some("the ruling"), "no claimant at all: the words after the cue");
    }

    #[test]
    fn a_name_the_tagger_took_into_the_cue_is_the_claimant() {
        let doc = Document::new("Said Ellis: “I don't get the sense she is interested.”".into());
        let ents = vec![entity(&doc, "Ellis", "PERSON")];
        let cue = 0..doc.text().find(':').unwrap() + 1;
        let who = near_cue(&doc, &cue, &Entities::new(&ents)).map(|c| doc.text()[c.range].to_string());
        assert_eq!(who.as_deref(), Some("Ellis"));
    }

    #[test]
    fn a_claimant_loses_what_trails_it() {
        let doc = Document::new(
            "Niels van der Berg, the union's lead negotiator, outside the talks, said so. Rep. Trey Gowdy (R-S.C.), said."
                .into(),
        );
        let tidy = |words: &str| {
            let at = doc.text().find(words).unwrap();
            doc.text()[tidy_claimant(&doc, &(at..at + words.len()))].to_string()
        };
        assert_eq!(
            tidy("Niels van der Berg, the union's lead negotiator, outside the talks,"),
            "Niels van der Berg, the union's lead negotiator"
        );
        assert_eq!(tidy("Rep. Trey Gowdy (R-S.C.),"), "Rep. Trey Gowdy (R-S.C.)", "brackets and abbreviations stay");
    }

    #[test]
    fn a_relative_pronoun_before_the_cue_is_its_subject() {
        let doc = Document::new("They turned to the Chicago Police Department, which reported 2,521 shootings.".into());
        let cue = doc.text().find("reported").unwrap()..doc.text().find(" 2,521").unwrap();
        let name = doc.text().find("the Chicago").unwrap()..doc.text().find(", which").unwrap();
        let who = relative_subject(&doc, &cue, Some(&name)).map(|c| doc.text()[c.range].to_string());
        assert_eq!(who.as_deref(), Some("which"));
    }

    #[test]
    fn an_aside_between_subject_and_cue_is_skipped() {
        let doc = Document::new(
            "Trump, speaking to a veterans group in Virginia, said he would act. \
             Clinton spoke in Tulsa, Oklahoma, arguing for reform. \
             “We won,” Reuters, citing two sources, said Sunday."
                .into(),
        );
        let ents = vec![
            entity(&doc, "Trump", "PERSON"),
            entity(&doc, "Virginia", "LOC"),
            entity(&doc, "Clinton", "PERSON"),
            entity(&doc, "Reuters", "ORG"),
        ];
        let at = |w: &str| {
            let a = doc.text().find(w).unwrap();
            a..a + w.len()
        };
        let across = |cue: &str, content: &str, who: &str| {
            subject_across_aside(&doc, &at(cue), &at(content), Some(&at(who)), &Entities::new(&ents))
                .map(|c| doc.text()[c.range].to_string())
        };
        assert_eq!(across("said he", "he would act", "a veterans group").as_deref(), Some("Trump"));
        assert_eq!(across("said he", "he would act", "Trump"), None, "already the subject");
        assert_eq!(across("arguing", "for reform", "Clinton"), None, "a participle's subject is the clause's");
        assert_eq!(across("said Sunday", "We won", "Reuters"), None, "no aside closes right before `said`");
    }

    #[test]
    fn a_transcript_speaker_label_is_a_claimant() {
        let doc = Document::new("WALLACE: Let me ask you about taxes.\nNo label here: just text.".into());
        let content = doc.text().find("Let me").unwrap()..doc.text().find(" about").unwrap();
        let (who, colon) = speaker_label(&doc, &content).expect("a speaker label");
        assert_eq!((&doc.text()[who], &doc.text()[colon]), ("WALLACE", ":"));
        let other = doc.text().find("just").unwrap()..doc.text().len();
        assert!(speaker_label(&doc, &other).is_none(), "not in capitals");
        let quoted = Document::new("Intro.\n\n\"PENCE: Well, look, Mark Cuban has been out there.".into());
        let content = quoted.text().find("\"PENCE").unwrap()..quoted.text().len();
        let (who, _) = speaker_label(&quoted, &content).expect("a label after a quotation mark");
        assert_eq!(&quoted.text()[who], "PENCE");
    }

    #[test]
    fn a_pull_quote_byline_after_a_dash_is_the_claimant() {
        let doc =
            Document::new("“Donald Trump scares me.” ― Julie A. Diaz Martinez.\n“He can’t.” ― Krystal Correa\n".into());
        for (quote, name) in [("Donald Trump scares me.", "Julie A. Diaz Martinez"), ("He can’t.", "Krystal Correa")]
        {
            let at = doc.text().find(quote).unwrap();
            let (who, dash) = dash_byline(&doc, &(at..at + quote.len())).expect("a byline");
            assert_eq!((&doc.text()[who], &doc.text()[dash]), (name, "―"));
        }
        let plain = Document::new("“It works,” she said — and left.".into());
        assert!(dash_byline(&plain, &(3..11)).is_none(), "a dash after the attribution is not a byline");
    }
}
