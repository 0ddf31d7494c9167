//! Who makes a claim. The tagger's claimant is often missing or wrong — it took the name into the
//! cue, stopped at a pronoun, picked a name inside the quotation or the aside — so a list of small
//! rules looks again, each a function of one [`Context`] (the document, which tokens are quoted, the
//! entities, the claim's content and cue, the claimant found so far) that may find a claimant.
//!
//! The rules run in the order of [`RULES`], and each runs only in its [`When`]:
//! 1. [`labels`]: a claim with neither cue nor claimant may be a transcript's (`PENCE: …`) or a pull
//!    quote's (`“…” ― Esther Tapia`): the label or byline names the claimant and is the cue.
//! 2. [`near_cue`]: a cue without a claimant looks for one in, beside, after and before it; the first
//!    rule to find one wins.
//! 3. [`overrides`]: rules that put another claimant in place of the one found, each only under its
//!    own conditions; a later one sees what the earlier ones chose.
//! 4. [`tidy`]: the claimant loses what trails it and is widened to the whole name it is part of.
//!
//! Last, a pronoun claimant is resolved to the entity it stands for ([`tidy::antecedent`]). The
//! function words the rules read to find a subject are in [`syntax`].

pub mod labels;
pub mod near_cue;
pub mod overrides;
pub mod syntax;
pub mod tidy;

use super::entities::Entities;
use super::{ClaimSuggestion, Claimant};
use crate::doc::Document;
use crate::offsets::ByteRange;
use crate::suggest::Suggestion;

/// One claim as the rules see it, and what they look at.
pub struct Context<'a> {
    pub doc: &'a Document,
    /// Whether each token of the document is inside quotation marks ([`super::tagger::inside_quotes`]).
    pub quoted: &'a [bool],
    pub entities: &'a Entities<'a>,
    /// What is claimed.
    pub content: ByteRange,
    pub cue: Option<ByteRange>,
    /// The claimant found so far.
    pub claimant: Option<ByteRange>,
}

/// What a rule finds: a claimant, and for a speaker's label or a byline the cue that introduces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub claimant: ByteRange,
    pub cue: Option<ByteRange>,
}

impl From<ByteRange> for Found {
    fn from(claimant: ByteRange) -> Self {
        Found { claimant, cue: None }
    }
}

/// When a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The claim has neither a cue nor a claimant.
    Unattributed,
    /// No claimant is found yet.
    NoClaimant,
    /// Always; what it finds replaces the claimant found so far.
    Always,
}

impl When {
    fn holds(self, c: &Context) -> bool {
        match self {
            When::Unattributed => c.cue.is_none() && c.claimant.is_none(),
            When::NoClaimant => c.claimant.is_none(),
            When::Always => true,
        }
    }
}

/// A claimant rule and when it runs.
#[derive(Clone, Copy)]
pub struct Rule {
    pub when: When,
    pub find: fn(&Context) -> Option<Found>,
}

/// The rules, in the order they run (the module docs say why).
pub const RULES: &[Rule] = &[
    Rule { when: When::Unattributed, find: labels::speaker_label },
    Rule { when: When::Unattributed, find: labels::dash_byline },
    Rule { when: When::NoClaimant, find: near_cue::inside_cue },
    Rule { when: When::NoClaimant, find: near_cue::beside_cue },
    Rule { when: When::NoClaimant, find: near_cue::after_quotation },
    Rule { when: When::NoClaimant, find: near_cue::nearest_before },
    Rule { when: When::NoClaimant, find: near_cue::agent_after },
    Rule { when: When::NoClaimant, find: near_cue::subject_before },
    Rule { when: When::Always, find: overrides::subject_across_aside },
    Rule { when: When::Always, find: overrides::speaker_outside_quotes },
    Rule { when: When::Always, find: overrides::relative_subject },
    Rule { when: When::Always, find: overrides::subject_of_participle },
    Rule { when: When::Always, find: tidy::trimmed },
    Rule { when: When::Always, find: tidy::whole_name },
];

impl Context<'_> {
    /// Runs the rules whose time has come, in order.
    fn run(&mut self, rules: &[Rule]) {
        for rule in rules {
            if rule.when.holds(self)
                && let Some(found) = (rule.find)(self)
            {
                self.take(found);
            }
        }
    }

    fn take(&mut self, found: Found) {
        if let Some(cue) = found.cue {
            // What is claimed starts after the speaker's label.
            if self.content.start < cue.end
                && let Some(next) = self.doc.tokens().get(self.doc.first_token_from(cue.end))
                && next.range.start < self.content.end
            {
                self.content.start = next.range.start;
            }
            self.cue = Some(cue);
        }
        self.claimant = Some(found.claimant);
    }
}

/// Finds (or corrects) a claim's claimant with [`RULES`], and for a pronoun the entity it refers to.
/// `quoted` says of each token whether it is inside quotation marks ([`super::tagger::inside_quotes`]).
pub fn claimant(doc: &Document, quoted: &[bool], entities: &Entities, claim: &mut ClaimSuggestion) {
    let mut context = Context {
        doc,
        quoted,
        entities,
        content: (&claim.content).into(),
        cue: claim.cue.as_ref().map(Into::into),
        claimant: claim.claimant.as_ref().map(|who| (&who.range).into()),
    };
    context.run(RULES);
    claim.content = context.content.range();
    claim.cue = context.cue.map(ByteRange::range);
    claim.claimant = context.claimant.map(|who| Claimant {
        range: who.range(),
        refers_to: tidy::antecedent(doc, who, entities).map(ByteRange::range),
    });
}

/// Whether an entity can be who makes a claim: a person or an organisation.
fn can_speak(e: &Suggestion) -> bool {
    matches!(e.label.as_str(), "PERSON" | "ORG")
}

/// The bytes of an entity.
fn bytes(e: &Suggestion) -> ByteRange {
    (&e.range).into()
}

/// The kinds of entity a pronoun can stand for, if it is one that can make a claim.
fn compatible(pronoun: &str) -> Option<&'static [&'static str]> {
    match pronoun.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" | "his" | "i" => Some(&["PERSON"]),
        "they" | "we" | "it" | "them" => Some(&["ORG", "PERSON"]),
        _ => None,
    }
}

fn is_quote_mark(token: &str) -> bool {
    matches!(token, "\"" | "“" | "”" | "'" | "‘" | "’")
}

fn is_parenthesis_mark(token: &str) -> bool {
    matches!(token, "," | "―" | "—" | "–")
}

#[cfg(test)]
mod testing {
    use super::*;

    /// The bytes of the first occurrence of `words` in the document.
    pub fn at(doc: &Document, words: &str) -> ByteRange {
        let a = doc.text().find(words).expect("in the text");
        ByteRange::new(a, a + words.len())
    }

    /// An entity with that label on the first occurrence of `words`.
    pub fn entity(doc: &Document, words: &str, label: &str) -> Suggestion {
        Suggestion { range: at(doc, words).range(), label: label.into(), score: 0.9, source: "t".into() }
    }

    /// A claim with a cue and no claimant yet, for trying rules on.
    pub fn at_cue<'a>(
        doc: &'a Document,
        quoted: &'a [bool],
        entities: &'a Entities<'a>,
        cue: ByteRange,
    ) -> Context<'a> {
        Context { doc, quoted, entities, content: ByteRange::default(), cue: Some(cue), claimant: None }
    }

    /// The claimant the rules for a missing one ([`When::NoClaimant`]) find for `cue`, as words.
    pub fn near_cue(doc: &Document, cue: ByteRange, entities: &Entities) -> Option<String> {
        let mut context = at_cue(doc, &[], entities, cue);
        let rules: Vec<Rule> = RULES.iter().filter(|r| r.when == When::NoClaimant).copied().collect();
        context.run(&rules);
        context.claimant.map(|r| doc.text()[r].to_string())
    }

    /// What one rule finds, as words.
    pub fn found(context: &Context, rule: fn(&Context) -> Option<Found>) -> Option<String> {
        rule(context).map(|f| context.doc.text()[f.claimant].to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{at, entity};
    use super::*;

    #[test]
    fn the_rules_run_in_order_each_when_its_time_has_come() {
        // `Said Ellis:` is inside the cue (near_cue), and tidying keeps it whole.
        let doc = Document::new("Ana Lima spoke. Said Ellis: “I don't get the sense she is interested.”".into());
        let ents = vec![entity(&doc, "Ana Lima", "PERSON"), entity(&doc, "Ellis", "PERSON")];
        let entities = Entities::new(&ents);
        let quoted = crate::claims::tagger::inside_quotes(&doc);
        let cue = ByteRange::new(at(&doc, "Said").start, at(&doc, ":").end);
        let content = at(&doc, "I don't get the sense she is interested");
        let mut claim = ClaimSuggestion {
            content: content.range(),
            cue: Some(cue.range()),
            claimant: None,
            checkworthy: 0.0,
            score: 0.5,
        };
        claimant(&doc, &quoted, &entities, &mut claim);
        let who = claim.claimant.expect("a claimant");
        assert_eq!(&doc.text()[who.range], "Ellis");
        assert_eq!(who.refers_to, None, "a name refers to nothing");
        // A transcript's label names the claimant and is the cue; what is claimed starts after it.
        let doc = Document::new("WALLACE: Let me ask you about taxes.".into());
        let mut claim =
            ClaimSuggestion { content: 0..doc.text().len(), cue: None, claimant: None, checkworthy: 0.0, score: 0.5 };
        claimant(&doc, &[], &Entities::new(&[]), &mut claim);
        assert_eq!(&doc.text()[claim.content.clone()], "Let me ask you about taxes.");
        assert_eq!(claim.cue.map(|c| &doc.text()[c]), Some(":"));
        assert_eq!(claim.claimant.map(|w| &doc.text()[w.range]), Some("WALLACE"));
    }
}
