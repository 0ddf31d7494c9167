//! Claims: who said what. A claim is what is claimed (its *content*), the words that attribute it
//! (the *cue*: said, told, according to, warned, …), who claims it (the *claimant*, a pronoun resolved
//! to the entity it stands for) and how check-worthy it is.
//!
//! Suggestions come from the claim tagger ([`tagger`], trained on PolNeAR) whose roles are put
//! together into claims here ([`assemble`]), pronouns resolved by [`resolve`], and a check-worthiness
//! classifier ([`checkworthy`], trained on CheckThat! 2024); [`entities`] indexes the entities the
//! claimants are looked for among. [`brat`] reads PolNeAR-style data and [`score`] scores suggestions
//! against it.

pub mod assemble;
pub mod brat;
pub mod checkworthy;
pub mod entities;
pub mod online;
pub mod resolve;
pub mod score;
pub mod tagger;
pub mod train;

use crate::doc::Document;
use crate::ner::model::Model;
use crate::suggest::Suggestion;
use std::ops::Range;

/// The claim model shipped in `assets/models/` (see its model card there).
pub const SHIPPED_MODEL: &[u8] = include_bytes!("../../assets/models/claims-polnear.mgner");

/// A suggested claim, in byte ranges of the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSuggestion {
    /// What is claimed: from its first piece to its last.
    pub content: Range<usize>,
    pub cue: Option<Range<usize>>,
    pub claimant: Option<Claimant>,
    /// How worth checking the claim is (0–1).
    pub checkworthy: f32,
    /// How sure the engine is that this is a claim (0–1).
    pub score: f32,
}

/// Who makes a claim: the words in the text, and — for a pronoun — the entity it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimant {
    pub range: Range<usize>,
    pub refers_to: Option<Range<usize>>,
}

/// The shipped claim tagger, read once per process.
fn shipped_model() -> Result<&'static Model, String> {
    static MODEL: std::sync::LazyLock<Result<Model, String>> =
        std::sync::LazyLock::new(|| Model::from_bytes(SHIPPED_MODEL));
    MODEL.as_ref().map_err(Clone::clone)
}

/// The claim engine: the tagger (learning from the analyst's decisions), its lexicon and the
/// check-worthiness classifier.
pub struct ClaimSuggester {
    learner: online::ClaimLearner,
    lex: tagger::ClaimLexicon,
    checkworthy: checkworthy::Classifier,
}

impl ClaimSuggester {
    pub fn new(model: Model, checkworthy: checkworthy::Classifier) -> Self {
        Self { learner: online::ClaimLearner::new(model), lex: tagger::ClaimLexicon::default(), checkworthy }
    }

    /// Perceptron updates made since it was made, in all documents.
    pub fn updates(&self) -> usize {
        self.learner.updates
    }

    /// Learns from the analyst's decided claims in a document; returns the sentences learned from.
    pub fn learn(&mut self, doc: &Document, claims: &[crate::annotation::Claim]) -> usize {
        self.learner.learn(&self.lex, doc, claims)
    }

    /// The shipped models (the claim tagger is read once per process; each engine learns on a copy).
    pub fn shipped() -> Result<Self, String> {
        Ok(Self::new(shipped_model()?.clone(), checkworthy::Classifier::shipped()?))
    }

    /// Claims in a document; `entities` (the entity suggestions or annotations) resolve pronouns.
    pub fn suggest(&self, doc: &Document, entities: &[Suggestion]) -> Vec<ClaimSuggestion> {
        let entities = &entities::Entities::new(entities);
        let roles = tagger::roles(self.learner.model_for(doc), &self.lex, doc);
        let mut claims = assemble::claims(doc, &roles);
        let quoted = tagger::inside_quotes(doc);
        for c in &mut claims {
            resolve::claimant(doc, &quoted, entities, c);
            c.checkworthy = self.checkworthy.score(&doc.text()[c.content.clone()]);
        }
        claims
    }
}

#[cfg(test)]
mod patterns {
    use crate::doc::Document;

    /// The shipped models on one text: each claim as (content, cue, claimant, what the claimant refers to).
    fn claims_in(text: &str) -> Vec<(String, String, String, String)> {
        static ENGINE: std::sync::OnceLock<super::ClaimSuggester> = std::sync::OnceLock::new();
        let engine = ENGINE.get_or_init(|| super::ClaimSuggester::shipped().expect("the shipped models load"));
        let doc = Document::new(text.to_string());
        let entities = crate::suggest::Pipeline::default().suggest(&doc);
        let words = |r: Option<std::ops::Range<usize>>| r.map(|r| doc.text()[r].to_string()).unwrap_or_default();
        engine
            .suggest(&doc, &entities)
            .into_iter()
            .map(|c| {
                let who = c.claimant.clone();
                (
                    words(Some(c.content)),
                    words(c.cue),
                    words(who.as_ref().map(|w| w.range.clone())),
                    words(who.and_then(|w| w.refers_to)),
                )
            })
            .collect()
    }

    /// The claim whose content contains `words`, or a panic listing what was found.
    fn claim_with(text: &str, words: &str) -> (String, String, String, String) {
        let all = claims_in(text);
        all.iter()
            .find(|c| c.0.contains(words))
            .cloned()
            .unwrap_or_else(|| panic!("no claim with {words:?} in {all:?}"))
    }

    #[test]
    fn a_claimant_inside_a_name_is_the_whole_name() {
        let (_, cue, who, _) = claim_with(
            "Niels van der Berg leads the union. Mr. van der Berg accused the operators of offering a 3.5% rise.",
            "the operators",
        );
        assert_eq!((cue.as_str(), who.as_str()), ("accused", "Mr. van der Berg"));
    }

    #[test]
    fn a_participle_after_its_clause_is_the_subjects_claim() {
        let (_, cue, who, _) = claim_with(
            "In 1986, the Supreme Court blocked a New Jersey company from leaving its waste plants, citing a threat to public health.",
            "a threat to public health",
        );
        assert_eq!((cue.as_str(), who.as_str()), ("citing", "Supreme Court"));
        let (_, cue, who, _) = claim_with(
            "“We must end the sanctions,” Ana Lima said in the Oval Office, emphasizing it was time to act.",
            "it was time to act",
        );
        assert_eq!((cue.as_str(), who.as_str()), ("emphasizing", "Ana Lima"));
    }

    #[test]
    fn an_attribution_closing_a_sentence_takes_all_before_it() {
        let (content, cue, who, _) = claim_with(
            "Secret Service protocol called for her to be taken to a trauma center, sources said.",
            "trauma center",
        );
        assert_eq!((cue.as_str(), who.as_str()), ("said", "sources"));
        assert!(content.starts_with("Secret Service protocol called for"), "{content}");
    }

    #[test]
    fn direct_quotes_before_and_after_their_attribution() {
        let (_, cue, who, _) = claim_with(
            "“Between 500 to 1,000 civilians are inside,” Mustafa Bali said on Sunday.",
            "civilians are inside",
        );
        assert_eq!((cue.as_str(), who.as_str()), ("said", "Mustafa Bali"));
        let (_, cue, who, _) =
            claim_with("The minister told reporters: “We will not raise taxes this year.”", "We will not raise taxes");
        assert!(cue.contains("told") || cue == ":", "{cue}");
        assert_eq!(who, "The minister");
    }

    #[test]
    fn a_pronoun_claimant_refers_to_the_person_before() {
        let text = "Ana Lima runs the port. “The strike will end soon,” she said.";
        let (_, cue, who, refers) = claim_with(text, "The strike will end soon");
        assert_eq!((cue.as_str(), who.as_str(), refers.as_str()), ("said", "she", "Ana Lima"));
    }

    #[test]
    fn indirect_speech_and_according_to() {
        let (content, cue, who, _) =
            claim_with("Ana Lima said that prices would fall by 20 percent next year.", "prices would fall");
        assert_eq!((cue.as_str(), who.as_str()), ("said", "Ana Lima"));
        assert!(!content.contains("said"), "{content}");
        let (_, cue, who, _) = claim_with(
            "About 300 ships are waiting offshore, according to the port authority.",
            "300 ships are waiting",
        );
        assert_eq!((cue.as_str(), who.as_str()), ("according to", "the port authority"));
    }

    #[test]
    fn reported_states_predicted_and_denied() {
        let (_, cue, who, _) = claim_with(
            "US President Donald Trump predicted ISIL will lose the territory this week.",
            "ISIL will lose the territory",
        );
        assert_eq!(cue, "predicted");
        assert!(who.contains("Donald Trump"), "{who}");
        let (_, cue, who, _) = claim_with("The company denied that it had broken the law.", "broken the law");
        assert_eq!((cue.as_str(), who.as_str()), ("denied", "The company"));
    }

    #[test]
    fn a_quotation_over_paragraphs_and_a_pull_quote_byline() {
        let text = "“We have been patient for eleven months,” said Niels van der Berg. “We will not go back.\n\n“Not until the port listens to us.”\n\nThe talks ended.";
        let (content, _, who, _) = claim_with(text, "Not until the port listens");
        assert!(content.contains("We will not go back"), "one claim over both paragraphs: {content}");
        assert_eq!(who, "Niels van der Berg");
        let (_, cue, who, _) = claim_with("“He cannot even answer a question.” ― Esther Tapia\n", "answer a question");
        assert_eq!((cue.as_str(), who.as_str()), ("―", "Esther Tapia"));
    }
}

#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;

    proptest! {
        /// The readers of brat files and check-worthiness models never panic, whatever the bytes.
        #[test]
        fn readers_are_total(bytes in prop::collection::vec(any::<u8>(), 0..600), text in "\\PC{0,80}") {
            let ann = String::from_utf8_lossy(&bytes);
            let _ = super::brat::parse("fuzz", text.clone(), &ann);
            let _ = super::brat::parse("fuzz", text, "T1\tContent 0 3;2 9\tx\nE1\tAttribution:T1 Content:T1 Cue:T7\n");
            let _ = super::checkworthy::Classifier::from_bytes(&bytes);
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Claims found in any text stay inside it, on character boundaries.
        #[test]
        fn claims_stay_inside_the_text(text in "[A-Za-z“”\"., :]{0,200}") {
            static ENGINE: std::sync::OnceLock<super::ClaimSuggester> = std::sync::OnceLock::new();
            let engine = ENGINE.get_or_init(|| super::ClaimSuggester::shipped().expect("the shipped models load"));
            let doc = crate::doc::Document::new(text);
            for c in engine.suggest(&doc, &[]) {
                prop_assert!(doc.text().get(c.content.clone()).is_some());
                prop_assert!(c.cue.is_none_or(|r| doc.text().get(r).is_some()));
            }
        }
    }
}
