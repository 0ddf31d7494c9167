//! The claim patterns the shipped engines find, claimants resolved against the shipped entity engines'
//! suggestions (as `marginalia suggest` finds them).

use super::shipped;
use crate::doc::Document;

/// The shipped models on one text: each claim as (content, cue, claimant, what the claimant refers to).
fn claims_in(text: &str) -> Vec<(String, String, String, String)> {
    let doc = Document::new(text.to_string());
    let words = |r: Option<std::ops::Range<usize>>| r.map(|r| doc.text()[r].to_string()).unwrap_or_default();
    shipped()
        .predict(&doc, &[])
        .claims
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
    all.iter().find(|c| c.0.contains(words)).cloned().unwrap_or_else(|| panic!("no claim with {words:?} in {all:?}"))
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
    let (_, cue, who, _) =
        claim_with("“Between 500 to 1,000 civilians are inside,” Mustafa Bali said on Sunday.", "civilians are inside");
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
    let (_, cue, who, _) =
        claim_with("About 300 ships are waiting offshore, according to the port authority.", "300 ships are waiting");
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
