//! Rules that put another claimant in place of the one found, each only under its own conditions:
//! the subject across an aside (`Trump, speaking to a veterans group in Virginia, said`), the speaker
//! outside a quotation (`“They are wrong,” said Terry Strada`), a relative pronoun before the cue (`the
//! Chicago Police Department, which reported`) and the subject of a participle after its clause
//! (`…, citing a threat`). Each returns `None` to leave the claimant as it is.

use super::near_cue::{beside_cue, inverted_speaker, subject_before};
use super::syntax::{follows_quotation, noun_phrase_ending_at, skip_back_to_subject, subject_head};
use super::{Context, Found, bytes, can_speak, is_parenthesis_mark, is_quote_mark};
use crate::offsets::ByteRange;

/// The subject of a cue that an aside separates from it (`Trump, speaking to a veterans group in
/// Virginia, said`; `Mr. Obama, who understood that …, told`; `Harry Reid (D-Nev.), in particular, has
/// been pounding`): when the cue follows the aside's closing comma or dash, the claimant is the person,
/// organisation or noun phrase before its opening one, not a name inside it. `None` when the cue has
/// no such aside, the aside is an attribution (`The museum, Mr. Bush said, celebrated`), the cue looks
/// ahead (`, according to`) or is a participle (`…, arguing that`), the claimant is
/// already that subject, or follows the cue after what is claimed (`“…,” Reuters, citing two sources,
/// said Sunday`; `…, said one source`).
pub fn subject_across_aside(c: &Context) -> Option<Found> {
    let (doc, cue) = (c.doc, c.cue?);
    let cue_text = doc.text()[cue].to_lowercase();
    // `…, according to X` looks ahead; `X spoke out …, arguing that` is the main clause's subject.
    let participle = cue_text.split_whitespace().any(|w| w.ends_with("ing"));
    let inverted = c.content.end <= cue.start && c.claimant.is_some_and(|w| w.start >= cue.end);
    if cue_text.starts_with("according") || participle || inverted {
        return None;
    }
    let sentence = doc.sentence_of(cue.start)?;
    let toks = doc.tokens_in(ByteRange::new(sentence.start, cue.start));
    let close = skip_back_to_subject(doc, toks).checked_sub(1)?;
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
    let before = doc.token_bytes(head).end;
    if c.claimant.is_some_and(|w| w.end == before) {
        return None;
    }
    let range =
        c.entities.ending_at(before, can_speak).map(bytes).or_else(|| noun_phrase_ending_at(doc, toks.start, head))?;
    Some(range.into())
}

/// The speaker of a quotation when the claimant found is a word inside it (`“They are wrong,” said
/// Terry Strada`; `“If he thinks that makes him smart,” the ad's narrator says`): who is beside the
/// cue outside the quotation, the words after it, or its subject before it.
pub fn speaker_outside_quotes(c: &Context) -> Option<Found> {
    let (doc, cue, quoted) = (c.doc, c.cue?, c.quoted);
    let first = |r: ByteRange| doc.tokens_in(r).start;
    let inside = c.claimant.is_some_and(|w| quoted.get(first(w)).copied().unwrap_or(false));
    if !inside || quoted.get(first(cue)).copied().unwrap_or(true) {
        return None;
    }
    let outside = |f: &Found| !quoted.get(first(f.claimant)).copied().unwrap_or(true);
    beside_cue(c)
        .filter(outside)
        .or_else(|| {
            if follows_quotation(doc, cue) { inverted_speaker(doc, cue).map(Found::from) } else { subject_before(c) }
        })
        .filter(outside)
}

/// A relative pronoun right before the cue (`the Chicago Police Department which reported`, `most of
/// whom had announced`) is its subject, as PolNeAR marks it, whatever name the tagger found.
pub fn relative_subject(c: &Context) -> Option<Found> {
    let head = subject_head(c.doc, c.cue?)?;
    let range = c.doc.token_bytes(head.head);
    (head.relative && c.claimant.is_none_or(|w| w != range)).then_some(range.into())
}

/// The subject of a participle that follows its main clause (`On Monday, Clinton leaned in heavy and
/// often, painting Trump as …`; `“…,” he said, referring to …`): the sentence's first person,
/// organisation or subject pronoun outside quotation marks, and not a possessive (`Inspired by Suu
/// Kyi's story, Laura Bush devoted …, prompting`) — not the name nearest the participle, which is
/// usually its object. `None` when the cue is not such a participle (`according to` looks ahead), no
/// subject is found, or the claimant comes before it (`A New York judge has rejected … from wife
/// Ivana, saying`).
pub fn subject_of_participle(c: &Context) -> Option<Found> {
    let (doc, cue) = (c.doc, c.cue?);
    let toks = doc.tokens_in(cue);
    let word = doc.token_text(toks.start).to_lowercase();
    let after_clause = toks.start.checked_sub(1).is_some_and(|i| is_parenthesis_mark(doc.token_text(i)));
    if !after_clause || !word.ends_with("ing") || word == "according" {
        return None;
    }
    let subject = first_subject(c, cue)?;
    c.claimant.is_none_or(|w| w.start > subject.start || w.start >= cue.end).then_some(subject.into())
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
fn first_subject(c: &Context, cue: ByteRange) -> Option<ByteRange> {
    let doc = c.doc;
    let sentence = doc.sentence_of(cue.start)?;
    let mut toks = doc.tokens_in(ByteRange::new(sentence.start, cue.start));
    let dash = toks.range().take(8).find(|&i| matches!(doc.token_text(i), "—" | "―" | "--" | "–"));
    if let Some(d) = dash.filter(|&d| (toks.start..d).any(|i| doc.token_text(i) == ")")) {
        toks.start = d + 1;
    }
    let opening = toks.range().find(|&i| !is_quote_mark(doc.token_text(i)));
    if opening.is_some_and(|i| OPENS_A_PHRASE.contains(&doc.token_text(i).to_lowercase().as_str())) {
        toks.start = toks.range().find(|&i| doc.token_text(i) == ",")? + 1;
    }
    // A sentence may begin inside a quotation: quotation marks are followed over the paragraph.
    for i in toks.range() {
        let word = doc.token_text(i);
        if c.quoted.get(i).copied().unwrap_or(false) || is_quote_mark(word) {
            continue;
        }
        if let Some(e) = c.entities.starting_at(doc.token_bytes(i).start, can_speak) {
            let rest = &doc.text()[e.range.end..];
            if rest.starts_with("'s") || rest.starts_with("’s") {
                continue;
            }
            return Some(bytes(e));
        }
        if matches!(word.to_lowercase().as_str(), "he" | "she" | "they" | "we" | "i") {
            return Some(doc.token_bytes(i));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, at_cue, entity, found, near_cue};
    use super::super::{Context, Entities};
    use super::*;
    use crate::doc::Document;

    #[test]
    fn the_speaker_of_a_quotation_is_outside_it() {
        let doc = Document::new(
            "“They are wrong,” said 9/11 widow Terry Strada. “A state cannot do that,” said the ruling. \
             “If he thinks that makes him smart,” the narrator says."
                .into(),
        );
        let (none, quoted) = (Entities::new(&[]), crate::claims::tagger::inside_quotes(&doc));
        let said = ByteRange::new(at(&doc, "said 9/11").start, at(&doc, "said 9/11").start + 4);
        let who = |cue: ByteRange, claimant: &str| {
            let c = Context { claimant: Some(at(&doc, claimant)), ..at_cue(&doc, &quoted, &none, cue) };
            found(&c, speaker_outside_quotes)
        };
        assert_eq!(who(said, "They").as_deref(), Some("9/11 widow Terry Strada"), "after the cue");
        assert_eq!(who(at(&doc, "says"), "him").as_deref(), Some("the narrator"), "before the cue");
        assert_eq!(who(said, "Terry"), None, "a claimant outside the quotation stays");
        let ruling = ByteRange::new(at(&doc, "said the").start, at(&doc, "said the").start + 4);
        assert_eq!(
            near_cue(&doc, ruling, &none).as_deref(),
            Some("the ruling"),
            "no claimant: the words after the cue"
        );
    }

    #[test]
    fn a_relative_pronoun_before_the_cue_is_its_subject() {
        let doc = Document::new("They turned to the Chicago Police Department, which reported 2,521 shootings.".into());
        let cue = ByteRange::new(at(&doc, "reported").start, at(&doc, " 2,521").start);
        let name = ByteRange::new(at(&doc, "the Chicago").start, at(&doc, ", which").start);
        let none = Entities::new(&[]);
        let c = Context { claimant: Some(name), ..at_cue(&doc, &[], &none, cue) };
        assert_eq!(found(&c, relative_subject).as_deref(), Some("which"));
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
        let entities = Entities::new(&ents);
        let across = |cue: &str, content: &str, who: &str| {
            let c = Context {
                content: at(&doc, content),
                claimant: Some(at(&doc, who)),
                ..at_cue(&doc, &[], &entities, at(&doc, cue))
            };
            found(&c, subject_across_aside)
        };
        assert_eq!(across("said he", "he would act", "a veterans group").as_deref(), Some("Trump"));
        assert_eq!(across("said he", "he would act", "Trump"), None, "already the subject");
        assert_eq!(across("arguing", "for reform", "Clinton"), None, "a participle's subject is the clause's");
        assert_eq!(across("said Sunday", "We won", "Reuters"), None, "no aside closes right before `said`");
    }
}
