//! A cue without a claimant: the tagger missed who speaks. In the order of [`super::RULES`], the first
//! to find one wins: a person or organisation it took into the cue (`Said Ellis:`), a pronoun or an
//! entity right beside the cue (`he said`, `Mustafa Bali told`, `said Bali`), the speaker after a speech
//! verb that follows its quotation (`“…,” said the ruling`), the nearest person or organisation (or
//! pronoun) earlier in the sentence (`Trump took to Twitter, shaming …`), the agent of a passive (`was
//! written by Springsteen`) or the speaker after an attribution that opens its sentence, else the
//! words just before the cue (`The family is leaning toward …`).

use super::syntax::{follows_quotation, noun_phrase_ending_at, speaker_words, subject_head};
use super::{Context, Found, bytes, can_speak, compatible, is_quote_mark};
use crate::doc::Document;
use crate::offsets::{ByteRange, TokenRange};

/// A person or organisation the tagger took into the cue's words (`Said Ellis:`, `pressed by Holt about`).
pub fn inside_cue(c: &Context) -> Option<Found> {
    c.entities.inside(c.cue?, can_speak).map(|e| bytes(e).into())
}

/// A pronoun or a person or organisation right beside the cue, before it first.
pub fn beside_cue(c: &Context) -> Option<Found> {
    let (doc, toks) = (c.doc, c.doc.tokens_in(c.cue?));
    if let Some(before) = toks.start.checked_sub(1) {
        let t = doc.token_bytes(before);
        if compatible(doc.token_text(before)).is_some() {
            return Some(t.into());
        }
        if let Some(e) = c.entities.ending_at(t.end, can_speak) {
            return Some(bytes(e).into());
        }
    }
    let after = ByteRange::from(&doc.tokens().get(toks.end)?.range);
    if compatible(&doc.text()[after]).is_some() {
        return Some(after.into());
    }
    c.entities.starting_at(after.start, can_speak).map(|e| bytes(e).into())
}

/// The speaker named after a speech verb that follows its quotation (`“…,” said the ruling`).
pub fn after_quotation(c: &Context) -> Option<Found> {
    let cue = c.cue?;
    follows_quotation(c.doc, cue).then(|| inverted_speaker(c.doc, cue)).flatten().map(Found::from)
}

/// The speaker named right after a cue that follows its quotation (`“…,” said the ruling`, `said 9/11
/// widow Terry Strada.`): the words up to the next punctuation mark, at most ten.
pub fn inverted_speaker(doc: &Document, cue: ByteRange) -> Option<ByteRange> {
    let sentence = doc.sentence_of(cue.start)?;
    let words = doc.tokens_in(ByteRange::new(cue.end, sentence.end));
    let punctuation = |i: &usize| matches!(doc.token_text(*i), "," | "." | ";" | ":" | "(" | "—" | "―" | "–");
    let end = words.range().take(10).find(punctuation).unwrap_or(words.end.min(words.start + 10));
    (end > words.start && doc.token_text(words.start).chars().next().is_some_and(char::is_alphanumeric))
        .then(|| doc.bytes_of_tokens(TokenRange::new(words.start, end)))
}

/// The nearest person or organisation (or pronoun) before the cue in its sentence.
pub fn nearest_before(c: &Context) -> Option<Found> {
    let (doc, cue) = (c.doc, c.cue?);
    let sentence = doc.sentence_of(cue.start)?;
    let before = ByteRange::new(sentence.start, cue.start);
    let pronoun = doc
        .tokens_in(before)
        .range()
        .rev()
        .find(|&i| compatible(doc.token_text(i)).is_some())
        .map(|i| doc.token_bytes(i));
    let entity = c.entities.last_inside(before, can_speak).map(bytes);
    let nearest = [pronoun, entity].into_iter().flatten().max_by_key(|r| r.end)?;
    Some(nearest.into())
}

/// Who a cue names after it when nothing before it can be its subject: the agent of a passive (`was
/// written by Springsteen`), or the speaker of an attribution that opens its sentence (`Said Ellis:`).
pub fn agent_after(c: &Context) -> Option<Found> {
    let (doc, cue) = (c.doc, c.cue?);
    let sentence = doc.sentence_of(cue.start)?;
    let opens =
        doc.tokens_in(ByteRange::new(sentence.start, cue.start)).range().all(|i| is_quote_mark(doc.token_text(i)));
    let mut words = doc.tokens_in(ByteRange::new(cue.end, sentence.end));
    if words.start < words.end && doc.token_text(words.start).eq_ignore_ascii_case("by") {
        words.start += 1;
    } else if !opens {
        return None;
    }
    speaker_words(doc, words).map(Found::from)
}

/// The cue's subject when no name or pronoun is at hand: the words right before the cue (after any
/// auxiliary or adverb), back to a determiner or a word that cannot be in it (`The two Republican
/// presidents introduced`), at most six words, in the cue's sentence; a relative pronoun there is the
/// subject (`the Saudi government, which has denied`), as PolNeAR marks it.
pub fn subject_before(c: &Context) -> Option<Found> {
    let head = subject_head(c.doc, c.cue?)?;
    let range = if head.relative {
        c.doc.token_bytes(head.head)
    } else {
        noun_phrase_ending_at(c.doc, head.sentence_start, head.head)?
    };
    Some(range.into())
}

#[cfg(test)]
mod tests {
    use super::super::Entities;
    use super::super::testing::{at, entity, near_cue as near};
    use super::*;

    #[test]
    fn a_missed_claimant_is_found_beside_or_before_the_cue() {
        let doc = Document::new(
            "Reuters said so. Later, Mustafa Bali took to the radio, warning of floods. “Go,” said he.".into(),
        );
        let ents = vec![entity(&doc, "Reuters", "ORG"), entity(&doc, "Mustafa Bali", "PERSON")];
        let entities = Entities::new(&ents);
        let who = |cue: &str| near(&doc, at(&doc, cue), &entities);
        assert_eq!(who("said so").as_deref(), Some("Reuters"), "just before the cue");
        assert_eq!(who("warning").as_deref(), Some("Mustafa Bali"), "earlier in the sentence");
        let last_said = doc.text().rfind("said").unwrap();
        let after = near(&doc, ByteRange::new(last_said, last_said + 4), &entities);
        assert_eq!(after.as_deref(), Some("he"), "just after the cue");
    }

    #[test]
    fn with_no_name_at_hand_the_words_before_the_cue_are_its_subject() {
        let none = Entities::new(&[]);
        let doc = Document::new(
            "The two Republican presidents introduced the plan. The city of Phoenix is also demanding changes. \
             Prices, as expected, rose."
                .into(),
        );
        let who = |cue: &str| near(&doc, at(&doc, cue), &none);
        assert_eq!(who("introduced").as_deref(), Some("The two Republican presidents"));
        assert_eq!(who("demanding").as_deref(), Some("Phoenix"), "after `is also`, back to `of`");
        assert_eq!(who("expected"), None, "a comma is not a subject");
        let doc = Document::new(
            "The song was written by Bruce Springsteen after the shooting. The government, which has denied any role, \
             stayed."
                .into(),
        );
        let who = |cue: &str| near(&doc, at(&doc, cue), &none);
        assert_eq!(who("was written").as_deref(), Some("Bruce Springsteen"), "a passive's agent");
        assert_eq!(who("has denied").as_deref(), Some("which"), "a relative pronoun");
        let doc = Document::new("“Calling himself Guccifer 2.0 has claimed the hack.”".into());
        let cue = ByteRange::new(at(&doc, "Calling").start, at(&doc, " himself").start);
        assert_eq!(
            near(&doc, cue, &none).as_deref(),
            Some("himself Guccifer 2.0"),
            "an agent stops before an auxiliary"
        );
    }

    #[test]
    fn a_name_the_tagger_took_into_the_cue_is_the_claimant() {
        let doc = Document::new("Said Ellis: “I don't get the sense she is interested.”".into());
        let ents = vec![entity(&doc, "Ellis", "PERSON")];
        let cue = ByteRange::new(0, at(&doc, ":").end);
        assert_eq!(near(&doc, cue, &Entities::new(&ents)).as_deref(), Some("Ellis"));
    }
}
