//! The entity model: the sequence tagger ([`crate::tagger`]) trained over the entity features, and the
//! names it learned from the analyst, which some of those features look up ([`LearnedNames`]). Its
//! file is a tagger file ([`crate::tagger::file`]) that says it holds an NER model (`MGNER`), with the
//! learned names in its header; a trained model lists none.

use super::names::LearnedNames;
use crate::tagger::{self, file};
use std::path::Path;

pub use crate::tagger::file::{FormatError, ModelError};

/// What an entity model file holds: its magic.
pub const FILE: file::Kind = file::Kind { magic: b"MGNER\x00\x00\x01", holds: "NER model" };

#[derive(Debug, Clone)]
pub struct Model {
    pub tagger: tagger::Model,
    /// Names learned from the analyst (empty in a trained model).
    pub names: LearnedNames,
}

impl Model {
    /// A trained tagger, with no learned names.
    pub fn new(tagger: tagger::Model) -> Self {
        Self { tagger, names: LearnedNames::default() }
    }

    pub fn num_features(&self) -> usize {
        self.tagger.num_features()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        to_bytes(&self.tagger, &self.names)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, FormatError> {
        let (tagger, names) = file::from_bytes(&FILE, bytes)?;
        Ok(Self { tagger, names: names_of(&names) })
    }

    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let (tagger, names) = file::load(&FILE, path)?;
        Ok(Self { tagger, names: names_of(&names) })
    }

    /// Writes the model file atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::store::atomic::write_atomic(path, &self.to_bytes())
    }
}

/// The file of an entity tagger and the names it learned.
pub fn to_bytes(tagger: &tagger::Model, names: &LearnedNames) -> Vec<u8> {
    file::to_bytes(&FILE, tagger, &names.entries())
}

fn names_of(pairs: &[(String, String)]) -> LearnedNames {
    LearnedNames::from_entries(pairs.iter().map(|(ty, name)| (ty.as_str(), name.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learned_names_travel_with_the_model() {
        let mut learned = Model::from_bytes(crate::ner::SHIPPED_MODEL).expect("the shipped model loads");
        assert!(learned.names.is_empty(), "a trained model lists no names");
        learned.names.add(&["barrel".to_string(), "bomb".to_string()], "WEAPON");
        let bytes = learned.to_bytes();
        let again = Model::from_bytes(&bytes).unwrap();
        assert_eq!(again.names.entries(), vec![("WEAPON", "barrel bomb")]);
        assert!(again.to_bytes() == bytes, "save → load → save is the identity");
    }
}
