//! A sequence tagger: each token of a sentence gets a tag of IOB2 over some types, from hashed
//! features the task computes. The entity tagger (the `ner` module: people, places, …) and the claim
//! tagger (`claims`: claimant, cue, content) are both one, over their own features.
//!
//! [`SentenceFeatures`] is what it reads; [`tags`] the tag set over a task's types; [`model`] a linear
//! scorer with tag transitions, decoded by Viterbi; [`train`] the averaged structured perceptron that
//! learns it; [`replay`] learning from corrections one at a time without undoing earlier ones;
//! [`file`] the model file, whose magic names what the model holds.

pub mod features;
pub mod file;
pub mod model;
pub mod replay;
pub mod tags;
pub mod train;

pub use features::SentenceFeatures;
pub use model::Model;

/// Features for the tests of this module: each word, its lower case, and its neighbours, and as many
/// keys again of the word (a real task has dozens a token, which outweigh the transitions).
#[cfg(test)]
pub(crate) fn toy_features(words: &[&str]) -> SentenceFeatures {
    use std::hash::{Hash, Hasher};
    let key = |parts: &[&str]| {
        let mut h = std::hash::DefaultHasher::new();
        parts.hash(&mut h);
        h.finish()
    };
    let mut f = SentenceFeatures::with_capacity(words.len(), 46);
    for (i, w) in words.iter().enumerate() {
        let prev = if i == 0 { "<s>" } else { words[i - 1] };
        let next = words.get(i + 1).copied().unwrap_or("</s>");
        let lower = w.to_lowercase();
        let capital = if w.starts_with(char::is_uppercase) { "X" } else { "x" };
        f.building().extend([
            key(&["bias"]),
            key(&["w", w]),
            key(&["l", &lower]),
            key(&["cap", capital]),
            key(&["prev", prev]),
            key(&["next", next]),
        ]);
        f.building().extend((0..40).map(|k| key(&["copy", &k.to_string(), w])));
        f.end_token();
    }
    f
}
