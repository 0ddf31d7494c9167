//! Training and evaluating the entity tagger on CoNLL-style files.

use super::Tagger;
use super::conll::{self, ConllError};
use super::eval::Scores;
use super::model::Model;
use super::tags::{O, TagSet};
use crate::tagger::SentenceFeatures;
use crate::tagger::train::fit;
use std::path::Path;

pub use crate::tagger::train::TrainOptions;

/// Maps a data set's entity type to CoNLL's four (`None`: not an entity here).
/// GUM, WNUT-17 and re3d spell types their own way; see `../shared/data/README.md`.
pub fn conll_type(raw: &str) -> Option<&'static str> {
    match raw.to_ascii_lowercase().as_str() {
        "per" | "person" => Some("PER"),
        "org" | "organization" | "organisation" | "corporation" | "group" => Some("ORG"),
        "loc" | "location" | "place" | "gpe" => Some("LOC"),
        "misc" | "event" | "abstract" | "object" | "substance" | "plant" | "animal" | "norp" | "product"
        | "creative-work" => Some("MISC"),
        _ => None,
    }
}

/// Reads a tag like `B-person` into the CoNLL tag set (unknown types become `O`).
pub fn read_tag(set: &TagSet, raw: &str) -> usize {
    let Some((prefix, ty)) = raw.split_once('-') else { return O };
    match conll_type(ty).and_then(|t| set.parse(&format!("{prefix}-{t}"))) {
        Some(t) => t,
        None => O,
    }
}

/// A sentence with gold tags, and the document it belongs to.
pub struct Example {
    pub words: Vec<String>,
    pub gold: Vec<usize>,
    pub doc: usize,
}

/// Reads examples from a CoNLL file; `column` is the gold column (negative counts from the end).
pub fn read_examples(path: &Path, set: &TagSet, column: isize) -> Result<Vec<Example>, ConllError> {
    let lines = conll::read_lines(path)?;
    let sentences = conll::sentences(path, &lines, Some(column))?;
    Ok(sentences
        .into_iter()
        .map(|s| {
            let mut gold: Vec<usize> = s.gold.iter().map(|t| read_tag(set, t)).collect();
            set.to_iob2(&mut gold);
            Example { words: s.words, gold, doc: s.doc }
        })
        .collect())
}

/// Trains on `train`, keeping the epoch that scores best on `dev` (or the last one without dev).
/// `progress` hears about each epoch: (epoch, sentences right on train, dev F1).
pub fn train(
    train: &[Example],
    dev: &[Example],
    opts: &TrainOptions,
    progress: impl FnMut(usize, f64, Option<f64>),
) -> Model {
    let lex = super::features::Lexicon::shipped();
    let feats: Vec<SentenceFeatures> = super::group_by(train, |e| e.doc)
        .into_iter()
        .flat_map(|doc| super::document_features(lex, &Default::default(), &words_of(doc)))
        .collect();
    let examples: Vec<(&SentenceFeatures, &[usize])> =
        feats.iter().zip(train).map(|(f, e)| (f, e.gold.as_slice())).collect();
    let dev_f1 = (!dev.is_empty())
        .then_some(|m: &crate::tagger::Model| evaluate(&Tagger::new(Model::new(m.clone())), dev).overall.f1());
    Model::new(fit(TagSet::conll(), &examples, opts, dev_f1, progress))
}

fn words_of(examples: &[Example]) -> Vec<Vec<&str>> {
    examples.iter().map(|e| e.words.iter().map(String::as_str).collect()).collect()
}

/// Tags each document of `examples` and scores it against the gold tags.
pub fn evaluate(tagger: &Tagger, examples: &[Example]) -> Scores {
    let mut scores = Scores::default();
    for doc in super::group_by(examples, |e| e.doc) {
        for (e, pred) in doc.iter().zip(tagger.tag_document(&words_of(doc))) {
            scores.add(&tagger.model.tags, &e.gold, &pred);
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_from_other_data_sets_map_to_conll() {
        let set = TagSet::conll();
        assert_eq!(set.name(read_tag(&set, "B-person")), "B-PER");
        assert_eq!(set.name(read_tag(&set, "I-place")), "I-LOC");
        assert_eq!(set.name(read_tag(&set, "B-corporation")), "B-ORG", "WNUT-17");
        assert_eq!(set.name(read_tag(&set, "I-creative-work")), "I-MISC", "WNUT-17");
        assert_eq!(read_tag(&set, "B-Weapon"), O);
        assert_eq!(read_tag(&set, "O"), O);
    }

    #[test]
    fn trains_on_a_small_file_and_keeps_the_best_dev_epoch() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.conll");
        let mut text = String::from("-DOCSTART- O\n\n");
        for (a, b, c) in
            [("Anna", "Berg", "Oslo"), ("Tom", "Lee", "Paris"), ("Ida", "Holm", "Rome"), ("Kai", "Moe", "Bergen")]
        {
            text.push_str(&format!("{a} B-PER\n{b} I-PER\nvisited O\n{c} B-LOC\n. O\n\n"));
        }
        std::fs::write(&p, text).unwrap();
        let set = TagSet::conll();
        let ex = read_examples(&p, &set, -1).unwrap();
        assert_eq!(ex.len(), 4);
        let mut epochs = 0;
        let model = train(&ex, &ex, &TrainOptions { epochs: 5, seed: 7 }, |_, _, f1| {
            epochs += 1;
            assert!(f1.is_some());
        });
        assert_eq!(epochs, 5);
        assert!(evaluate(&Tagger::new(model), &ex).overall.f1() > 0.99);
    }
}
