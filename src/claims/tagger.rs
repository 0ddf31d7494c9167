//! The claim tagger: every token of a sentence is tagged as part of a claimant (`SOURCE`), a cue
//! (`CUE`), what is claimed (`CONTENT`) or nothing, with the same averaged perceptron and Viterbi
//! decoding as the entity tagger ([`crate::tagger`]). PolNeAR annotates attributions exactly so —
//! each token has at most one of the three roles — so a sequence tagger is the natural learner, and
//! it sees more than quotation marks: indirect speech, "according to", beliefs and intentions.
//!
//! On top of the entity features it sees what attribution depends on: whether a token is inside
//! quotation marks (tracked across the paragraph), how far it is from the nearest cue word on each
//! side and which word that is, and whether the sentence holds a quote or a colon.

use super::brat::BratDocument;
use crate::doc::Document;
use crate::ner::features::{Lexicon, feature_key};
use crate::ner::names::LearnedNames;
use crate::offsets::TokenRange;
use crate::tagger::tags::{O, TagSet};
use crate::tagger::{Model, SentenceFeatures};
use rustc_hash::FxHashSet;

/// The roles, in the model's type order.
pub const ROLES: [&str; 3] = ["SOURCE", "CUE", "CONTENT"];
pub const SOURCE: usize = 0;
pub const CUE: usize = 1;
pub const CONTENT: usize = 2;

pub fn tag_set() -> TagSet {
    TagSet::new(ROLES.map(String::from).to_vec())
}

const CUES: &str = include_str!("../../assets/claims/cues.txt");

/// What the claim features look words up in.
pub struct ClaimLexicon {
    entity: &'static Lexicon,
    cues: FxHashSet<&'static str>,
}

impl Default for ClaimLexicon {
    fn default() -> Self {
        let cues = crate::lexicon::gazetteer::entries(CUES).collect();
        Self { entity: Lexicon::shipped_without_vectors(), cues }
    }
}

/// A role the tagger found in a sentence: which one (an index into [`ROLES`]), its tokens in the
/// document, and the model's mean confidence over them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoleSpan {
    pub role: usize,
    pub tokens: TokenRange,
    pub confidence: f32,
}

/// Whether each token of the document is inside quotation marks. Curly quotes open and close;
/// a straight `"` toggles; a new paragraph starts outside (a quote running on into the next
/// paragraph opens it again, as English punctuation does).
pub fn inside_quotes(doc: &Document) -> Vec<bool> {
    let mut inside = false;
    let mut paragraph = usize::MAX;
    doc.tokens()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = doc.paragraph_of(t.range.start);
            if p != paragraph {
                paragraph = p;
                inside = false;
            }
            match doc.token_text(i) {
                "“" | "«" => {
                    inside = true;
                    false
                }
                "”" | "»" => {
                    inside = false;
                    false
                }
                "\"" | "''" | "``" => {
                    inside = !inside;
                    false
                }
                _ => inside,
            }
        })
        .collect()
}

fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "far",
    }
}

impl ClaimLexicon {
    fn is_cue(&self, lower: &str) -> bool {
        self.cues.contains(lower)
    }

    /// Features of every sentence of a document (`sentences` are token ranges).
    pub fn features(&self, doc: &Document, sentences: &[TokenRange]) -> Vec<SentenceFeatures> {
        let words: Vec<Vec<&str>> = sentences.iter().map(|r| r.range().map(|i| doc.token_text(i)).collect()).collect();
        let base = crate::ner::document_features(self.entity, &LearnedNames::default(), &words);
        let quoted = inside_quotes(doc);
        sentences
            .iter()
            .zip(&words)
            .zip(base)
            .map(|((range, words), base)| {
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                let cues: Vec<usize> = (0..lower.len()).filter(|&i| self.is_cue(&lower[i])).collect();
                let has_quote = range.range().any(|i| matches!(doc.token_text(i), "“" | "”" | "\"" | "«" | "»"));
                let colon = words.iter().position(|w| *w == ":");
                base.extended(|i, keys| {
                    let q = if quoted[range.start + i] { "in" } else { "out" };
                    keys.push(feature_key("claim-quote", &[q]));
                    keys.push(feature_key("claim-quote-sentence", &[q, if has_quote { "q" } else { "-" }]));
                    let left = cues.iter().rev().find(|&&c| c < i);
                    let right = cues.iter().find(|&&c| c > i);
                    let shape = crate::ner::features::shape(words[i]);
                    let side = |name, c: Option<&usize>| match c {
                        Some(&c) => {
                            let d = bucket(c.abs_diff(i));
                            [
                                feature_key(name, &[d]),
                                feature_key(name, &[d, &lower[c]]),
                                feature_key(name, &[d, &shape, q]),
                            ]
                        }
                        None => [
                            feature_key(name, &["none"]),
                            feature_key(name, &["none", q]),
                            feature_key(name, &["none", &shape]),
                        ],
                    };
                    keys.extend(side("claim-cue-left", left));
                    keys.extend(side("claim-cue-right", right));
                    if self.is_cue(&lower[i]) {
                        keys.push(feature_key("claim-is-cue", &[]));
                    }
                    let colon_side = match colon {
                        Some(c) if c < i => "after",
                        Some(c) if c > i => "before",
                        Some(_) => "at",
                        None => "none",
                    };
                    keys.push(feature_key("claim-colon", &[colon_side, q]));
                })
            })
            .collect()
    }
}

/// The token ranges of a document's sentences.
pub fn sentence_tokens(doc: &Document) -> Vec<TokenRange> {
    doc.sentences().iter().map(|s| doc.tokens_in(s)).filter(|t| !t.is_empty()).collect()
}

/// Gold role tags for each sentence of a brat document (as tokenized by Marginalia).
pub fn gold_tags(doc: &Document, brat: &BratDocument, sentences: &[TokenRange]) -> Vec<Vec<usize>> {
    let set = tag_set();
    let mut tags = vec![O; doc.tokens().len()];
    let mut begins = vec![false; doc.tokens().len()];
    for region in &brat.regions {
        let Some(role) = ROLES.iter().position(|r| r.eq_ignore_ascii_case(&region.kind)) else { continue };
        for piece in &region.pieces {
            let toks = doc.tokens_in(piece);
            for i in toks.range() {
                tags[i] = set.inside(role);
            }
            if let Some(b) = begins.get_mut(toks.start) {
                *b = true;
            }
        }
    }
    sentences
        .iter()
        .map(|r| {
            let mut s: Vec<usize> = r
                .range()
                .map(|i| match tags[i] {
                    O => O,
                    t if begins[i] => t - 1,
                    t => t,
                })
                .collect();
            set.to_iob2(&mut s);
            s
        })
        .collect()
}

/// The roles the model finds in a document, per sentence.
pub fn roles(model: &Model, lex: &ClaimLexicon, doc: &Document) -> Vec<Vec<RoleSpan>> {
    let sentences = sentence_tokens(doc);
    let feats = lex.features(doc, &sentences);
    sentences
        .iter()
        .zip(&feats)
        .map(|(r, f)| {
            let tags = model.decode(f);
            let conf = model.confidences(f, &tags);
            crate::tagger::tags::spans_of(&model.tags, &tags)
                .into_iter()
                .map(|(role, a, b)| RoleSpan {
                    role,
                    tokens: TokenRange::new(r.start + a, r.start + b),
                    confidence: conf[a..b].iter().sum::<f32>() / (b - a) as f32,
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_tracked_across_sentences_and_reset_by_paragraphs() {
        let doc = Document::new("“We will win. They will lose,” he said.\nThen “yes” came.".into());
        let q = inside_quotes(&doc);
        let at = |w: &str| (0..doc.tokens().len()).find(|&i| doc.token_text(i) == w).map(|i| q[i]);
        assert_eq!(at("win"), Some(true));
        assert_eq!(at("lose"), Some(true));
        assert_eq!(at("said"), Some(false));
        assert_eq!(at("yes"), Some(true));
        assert_eq!(at("Then"), Some(false));
    }

    #[test]
    fn gold_tags_follow_the_brat_regions() {
        let text = "Ana said prices will fall.".to_string();
        let ann = "T1\tSource 0 3\tAna\nT2\tCue 4 8\tsaid\nT3\tContent 9 25\tprices will fall\n";
        let brat = super::super::brat::parse("t", text.clone(), ann).unwrap();
        let doc = Document::new(text);
        let sentences = sentence_tokens(&doc);
        let set = tag_set();
        let gold = gold_tags(&doc, &brat, &sentences);
        let names: Vec<String> = gold[0].iter().map(|&t| set.name(t)).collect();
        assert_eq!(names, ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "O"]);
    }
}
