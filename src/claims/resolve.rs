//! Pronoun claimants: "he said" is only useful once we know who "he" is. The antecedent is the
//! nearest earlier entity of a compatible kind — a person for he / she / I, an organisation or a person
//! for they / we / it — looked for in the same paragraph first, then up to a few paragraphs back.

use crate::doc::Document;
use crate::suggest::Suggestion;
use std::ops::Range;

/// How far back (in bytes) an antecedent may be.
const WINDOW: usize = 2_000;

fn compatible(pronoun: &str) -> Option<&'static [&'static str]> {
    match pronoun.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" | "his" | "i" => Some(&["PERSON"]),
        "they" | "we" | "it" | "them" => Some(&["ORG", "PERSON"]),
        _ => None,
    }
}

/// The entity a pronoun claimant refers to, if it is a pronoun and one is found.
pub fn antecedent(doc: &Document, pronoun: Range<usize>, entities: &[Suggestion]) -> Option<Range<usize>> {
    let kinds = compatible(doc.text().get(pronoun.clone())?)?;
    let earliest = pronoun.start.saturating_sub(WINDOW);
    for kind in kinds {
        let found = entities
            .iter()
            .filter(|e| e.label == *kind && e.range.end <= pronoun.start && e.range.start >= earliest)
            .max_by_key(|e| e.range.end);
        if let Some(e) = found {
            return Some(e.range.clone());
        }
    }
    None
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
        assert_eq!(antecedent(&doc, he..he + 2, &ents).map(|r| &doc.text()[r]), Some("Mustafa Bali"));
        assert_eq!(antecedent(&doc, they..they + 4, &ents).map(|r| &doc.text()[r]), Some("Reuters"));
        assert_eq!(antecedent(&doc, 0..7, &ents), None, "not a pronoun");
    }
}
