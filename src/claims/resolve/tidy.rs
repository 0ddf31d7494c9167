//! The claimant found, made presentable: without what trails it (`…, outside the talks`), widened to
//! the whole name it is part of (`Berg` → `Mr. van der Berg`), and — for a pronoun — resolved to the
//! entity it stands for: "he said" is only useful once we know who "he" is. The antecedent is the
//! nearest earlier entity of a compatible kind — a person for he / she / I, an organisation or a
//! person for they / we / it — within a window before the pronoun.

use super::{Context, Entities, Found, bytes, can_speak, compatible};
use crate::doc::Document;
use crate::offsets::ByteRange;

/// How far back (in bytes) an antecedent may be.
const WINDOW: usize = 2_000;

/// Words that open a phrase about where or when someone spoke, not who they are (`Niels van der Berg,
/// the union's lead negotiator, outside the talks`).
const CIRCUMSTANCE: &[&str] =
    &["outside", "inside", "in", "at", "on", "during", "after", "before", "from", "speaking", "standing", "while"];

/// The claimant without what trails it ([`tidy_claimant`]).
pub fn trimmed(c: &Context) -> Option<Found> {
    c.claimant.map(|who| tidy_claimant(c.doc, who).into())
}

/// A claimant's words without what trails them: a phrase of circumstance after a comma (`…, outside the
/// talks`) and a comma or dash at the end (`The Dutch economy minister, Annelies Koster,`).
fn tidy_claimant(doc: &Document, claimant: ByteRange) -> ByteRange {
    let toks = doc.tokens_in(claimant);
    if toks.is_empty() {
        return claimant;
    }
    let circumstance = |i: usize| i < toks.end && CIRCUMSTANCE.contains(&doc.token_text(i).to_lowercase().as_str());
    let cut = toks.range().skip(1).find(|&i| doc.token_text(i) == "," && circumstance(i + 1));
    let mut end = cut.unwrap_or(toks.end);
    while end > toks.start + 1 && matches!(doc.token_text(end - 1), "," | ";" | ":" | "-" | "--" | "—" | "–") {
        end -= 1;
    }
    ByteRange::new(claimant.start, doc.token_bytes(end - 1).end.min(claimant.end))
}

/// The person or organisation whose name holds the claimant (`Berg` in `Mr. van der Berg`), so a
/// claimant is always a whole name.
pub fn whole_name(c: &Context) -> Option<Found> {
    c.entities.holding(c.claimant?, can_speak).map(|e| bytes(e).into())
}

/// The entity a pronoun claimant refers to, if it is a pronoun and one is found.
pub fn antecedent(doc: &Document, pronoun: ByteRange, entities: &Entities) -> Option<ByteRange> {
    let kinds = compatible(doc.text().get(pronoun.range())?)?;
    let before = ByteRange::new(pronoun.start.saturating_sub(WINDOW), pronoun.start);
    kinds.iter().find_map(|kind| entities.last_inside(before, |e| e.label == *kind)).map(bytes)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, entity};
    use super::*;

    #[test]
    fn he_is_the_nearest_person_before_and_they_prefers_an_organisation() {
        let doc = Document::new("Mustafa Bali of the SDF spoke. Reuters asked. He said they would stay.".into());
        let ents =
            vec![entity(&doc, "Mustafa Bali", "PERSON"), entity(&doc, "SDF", "ORG"), entity(&doc, "Reuters", "ORG")];
        let entities = Entities::new(&ents);
        let refers = |pronoun: ByteRange| antecedent(&doc, pronoun, &entities).map(|r| &doc.text()[r]);
        assert_eq!(refers(at(&doc, "He")), Some("Mustafa Bali"));
        assert_eq!(refers(at(&doc, "they")), Some("Reuters"));
        assert_eq!(refers(ByteRange::new(0, 7)), None, "not a pronoun");
    }

    #[test]
    fn a_claimant_loses_what_trails_it() {
        let doc = Document::new(
            "Niels van der Berg, the union's lead negotiator, outside the talks, said so. Rep. Trey Gowdy (R-S.C.), said."
                .into(),
        );
        let tidy = |words: &str| doc.text()[tidy_claimant(&doc, at(&doc, words))].to_string();
        assert_eq!(
            tidy("Niels van der Berg, the union's lead negotiator, outside the talks,"),
            "Niels van der Berg, the union's lead negotiator"
        );
        assert_eq!(tidy("Rep. Trey Gowdy (R-S.C.),"), "Rep. Trey Gowdy (R-S.C.)", "brackets and abbreviations stay");
    }

    #[test]
    fn a_claimant_inside_a_name_is_the_whole_name() {
        let doc = Document::new("Mr. van der Berg accused the operators.".into());
        let ents = vec![entity(&doc, "Mr. van der Berg", "PERSON")];
        let entities = Entities::new(&ents);
        let c = Context {
            doc: &doc,
            quoted: &[],
            entities: &entities,
            content: at(&doc, "the operators"),
            cue: Some(at(&doc, "accused")),
            claimant: Some(at(&doc, "Berg")),
        };
        assert_eq!(whole_name(&c).map(|f| &doc.text()[f.claimant]), Some("Mr. van der Berg"));
    }
}
