//! A folder's learned entity model: what the suggestions learned from the analysts working there, in
//! `<folder>/.marginalia/learned-model.mgner` (an entity model file, with the names they accepted in
//! its header). The window writes it when its assistant has been idle for a moment; pre-annotation
//! reads it. The shipped model is never changed.

use super::component::Trainable;
use crate::ner::online::Learner;
use crate::tagger::file::ModelError;
use std::path::{Path, PathBuf};

/// Where a folder's learned entity model lives.
pub fn path(folder: &Path) -> PathBuf {
    folder.join(".marginalia").join("learned-model.mgner")
}

/// The folder's learned tagger, if it has one; a file that cannot be read is an error naming it (the
/// file is left as it is).
pub fn load(folder: &Path) -> Result<Option<Learner>, ModelError> {
    let path = path(folder);
    if !path.exists() {
        return Ok(None);
    }
    let bytes = crate::input::read_file(&path, crate::input::MAX_MODEL_FILE)?;
    Learner::from_bytes(&bytes).map(Some).map_err(|source| ModelError::Invalid { path, source })
}

/// Writes what `tagger` learned into the folder (atomically, making `.marginalia` if need be).
pub fn save(folder: &Path, tagger: &impl Trainable) -> std::io::Result<()> {
    let path = path(folder);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::store::atomic::write_atomic(&path, &tagger.to_bytes())
}
