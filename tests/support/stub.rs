//! The window tests' engines: they find exactly the entities and claims listed here, so that what a
//! test walks, accepts and rejects does not hang on what the shipped models happen to find (their
//! behaviour is tested in their own modules; the tests of learning use the shipped engines).

use marginalia::claims::{ClaimSuggestion, Claimant};
use marginalia::doc::Document;
use marginalia::engines::component::{Component, Layers};
use marginalia::engines::{Engines, Notice};
use marginalia::suggest::{Engine, Suggestion};

/// Every whole-token occurrence of these words is suggested with its label, as the shipped models
/// would label the test articles.
const ENTITIES: &[(&str, &str)] = &[
    ("US", "LOC"),
    ("Syrian", "MISC"),
    ("Mustafa Bali", "PERSON"),
    ("SDF", "ORG"),
    ("Syria", "LOC"),
    ("Sunday", "DATE"),
    ("Bali", "PERSON"),
    ("20,000", "QUANTITY"),
    ("Reuters", "ORG"),
    ("Turkey", "LOC"),
    ("Geneva", "LOC"),
];

/// The score of the suggestions of these words (0.9 for the others): for the queue by score.
const SCORES: &[(&str, f32)] = &[("Sunday", 0.3), ("Reuters", 0.5)];

/// Claims: what is claimed, its cue (the nearest occurrence after it) and its claimant (the nearest
/// after the cue).
const CLAIMS: &[(&str, &str, &str)] = &[("“We will stay until the job is done,”", "said", "Mustafa Bali")];

/// The stub engine set, for `AppConfig::engines`.
pub fn engines() -> (Engines, Vec<Notice>) {
    (Engines::new(None, vec![Box::new(Listed)], None), Vec::new())
}

struct Listed;

impl Component for Listed {
    fn engine(&self) -> Engine {
        Engine::Rules
    }

    fn predict(&self, doc: &Document, layers: &mut Layers) {
        let tokens = doc.tokens();
        let mut found = Vec::new();
        for (words, label) in ENTITIES {
            let score = SCORES.iter().find(|(w, _)| w == words).map_or(0.9, |(_, s)| *s);
            let words: Vec<&str> = words.split(' ').collect();
            for start in 0..tokens.len().saturating_sub(words.len() - 1) {
                if words.iter().enumerate().all(|(k, w)| doc.token_text(start + k) == *w) {
                    let range = tokens[start].range.start..tokens[start + words.len() - 1].range.end;
                    let source = "rules/test-list".to_string();
                    found.push(Suggestion { range, label: label.to_string(), score, source });
                }
            }
        }
        layers.propose(found);
        let text = doc.text();
        let after = |what: &str, from: usize| text[from..].find(what).map(|at| from + at..from + at + what.len());
        let claims = CLAIMS.iter().filter_map(|(content, cue, who)| {
            let content = after(content, 0)?;
            let cue = after(cue, content.end)?;
            let claimant = after(who, cue.end).map(|range| Claimant { range, refers_to: None });
            Some(ClaimSuggestion { content, cue: Some(cue), claimant, checkworthy: 0.5, score: 0.9 })
        });
        layers.add_claims(claims.collect());
    }
}
