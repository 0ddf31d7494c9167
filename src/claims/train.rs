//! Training the claim tagger on PolNeAR-style brat data, keeping the epoch whose claims score best
//! on the dev documents (claim detection F1, as `eval-claims` measures it).

use super::brat::BratDocument;
use super::score::{Scored, Tally};
use super::tagger::{self, ClaimLexicon};
use crate::doc::Document;
use crate::tagger::train::{TrainOptions, fit};
use crate::tagger::{Model, SentenceFeatures};

/// The claims a model finds in a document, reduced to what is scored (code points).
pub fn predicted(model: &Model, lex: &ClaimLexicon, doc: &Document) -> Vec<Scored> {
    scored(doc, super::assemble::claims(doc, &tagger::roles(model, lex, doc)))
}

/// Suggested claims reduced to what is scored (code points).
pub fn scored(doc: &Document, claims: Vec<super::ClaimSuggestion>) -> Vec<Scored> {
    let cp = |r: std::ops::Range<usize>| doc.chars().chars_of(doc.text(), r.into());
    claims
        .into_iter()
        .filter_map(|c| {
            Some(Scored {
                extent: cp(c.content)?,
                claimant: c.claimant.and_then(|w| cp(w.range)),
                cue: c.cue.and_then(cp),
            })
        })
        .collect()
}

/// The gold claims of a brat document (code points).
pub fn gold(doc: &Document, brat: &BratDocument) -> Vec<Scored> {
    let cp = |r: std::ops::Range<usize>| doc.chars().chars_of(doc.text(), r.into());
    brat.attributions
        .iter()
        .filter_map(|a| {
            Some(Scored {
                extent: cp(a.extent()?)?,
                claimant: a.source.clone().and_then(cp),
                cue: a.cue.clone().and_then(cp),
            })
        })
        .collect()
}

/// Scores a model on brat documents.
pub fn evaluate(model: &Model, lex: &ClaimLexicon, docs: &[BratDocument]) -> Tally {
    let mut tally = Tally::default();
    for b in docs {
        let doc = Document::new(b.text.clone());
        tally.add(&gold(&doc, b), &predicted(model, lex, &doc));
    }
    tally
}

/// Trains on `train`; `progress` hears (epoch, sentences right, dev claim F1).
pub fn train(
    train: &[BratDocument],
    dev: &[BratDocument],
    opts: &TrainOptions,
    progress: impl FnMut(usize, f64, Option<f64>),
) -> Model {
    let lex = ClaimLexicon::default();
    let mut examples: Vec<(SentenceFeatures, Vec<usize>)> = Vec::new();
    for b in train {
        let doc = Document::new(b.text.clone());
        let sentences = tagger::sentence_tokens(&doc);
        let feats = lex.features(&doc, &sentences);
        examples.extend(feats.into_iter().zip(tagger::gold_tags(&doc, b, &sentences)));
    }
    let examples: Vec<(&SentenceFeatures, &[usize])> = examples.iter().map(|(f, g)| (f, g.as_slice())).collect();
    let dev_f1 = (!dev.is_empty()).then_some(|m: &Model| evaluate(m, &lex, dev).f1());
    fit(tagger::tag_set(), &examples, opts, dev_f1, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_said_from_a_few_documents() {
        let doc = |i: usize| {
            let text = format!("Official {i} said prices will fall. The weather was fine.");
            let said = text.find("said").unwrap();
            let n = text[..said - 1].chars().count();
            let ann = format!(
                "T1\tSource 0 {n}\tx\nT2\tCue {} {}\tsaid\nT3\tContent {} {}\tprices will fall\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n",
                n + 1,
                n + 5,
                n + 6,
                n + 22
            );
            super::super::brat::parse("t", text, &ann).unwrap()
        };
        let docs: Vec<BratDocument> = (0..6).map(doc).collect();
        let model = train(&docs, &docs, &TrainOptions { epochs: 4, seed: 1 }, |_, _, _| {});
        let t = evaluate(&model, &ClaimLexicon::default(), &docs);
        assert_eq!((t.matched, t.predicted), (6, 6), "{t:?}");
        assert_eq!(t.cue_right, 6);
    }
}
