//! The entity tag set: CoNLL-2003's four types, tagged in the IOB2 tag set of [`crate::tagger::tags`]
//! (named here too, since every reader of CoNLL files and entity models speaks it).

pub use crate::tagger::tags::{O, TagSet, spans_of};

/// CoNLL-2003's entity types: the ones the shipped model is trained on.
pub const CONLL_TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

impl TagSet {
    /// CoNLL's four types.
    pub fn conll() -> Self {
        Self::new(CONLL_TYPES.map(String::from).to_vec())
    }
}
