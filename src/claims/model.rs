//! The claim tagger's model file: a tagger file ([`crate::tagger::file`]) that says it holds a claim
//! model (`MGCLM`), so that it is never read as an entity model, nor an entity model as it (they have
//! the same layout). A claim model lists no learned names.

use crate::tagger::Model;
use crate::tagger::file::{self, FormatError, Kind, ModelError};
use std::path::Path;

/// What a claim model file holds: its magic.
pub const FILE: Kind = Kind { magic: b"MGCLM\x00\x00\x01", holds: "claim model" };

/// The claim model shipped in `assets/models/` (see its model card there).
pub const SHIPPED: &[u8] = include_bytes!("../../assets/models/claims-polnear.mgclm");

pub fn from_bytes(bytes: &[u8]) -> Result<Model, FormatError> {
    file::from_bytes(&FILE, bytes).map(|(model, _)| model)
}

pub fn to_bytes(model: &Model) -> Vec<u8> {
    file::to_bytes(&FILE, model, &[])
}

pub fn load(path: &Path) -> Result<Model, ModelError> {
    file::load(&FILE, path).map(|(model, _)| model)
}

/// Writes the model file atomically.
pub fn save(model: &Model, path: &Path) -> std::io::Result<()> {
    crate::store::atomic::write_atomic(path, &to_bytes(model))
}

/// The shipped claim tagger, read once per process.
pub fn shipped() -> Result<&'static Model, FormatError> {
    static MODEL: std::sync::LazyLock<Result<Model, FormatError>> = std::sync::LazyLock::new(|| from_bytes(SHIPPED));
    MODEL.as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_model_is_never_read_as_an_entity_model_nor_one_as_it() {
        let claims = shipped().expect("the shipped claim model loads");
        assert_eq!(from_bytes(&to_bytes(claims)).map(|m| m.tags).ok(), Some(claims.tags.clone()));
        let e = crate::ner::model::Model::from_bytes(SHIPPED).expect_err("not an entity model");
        assert_eq!(e.to_string(), "not a Marginalia NER model (or a newer version of one)");
        let e = from_bytes(crate::ner::SHIPPED_MODEL).expect_err("an entity model is not a claim model");
        assert_eq!(e.to_string(), "not a Marginalia claim model (or a newer version of one)");
    }
}
