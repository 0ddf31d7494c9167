//! Marginalia's own dataset file (`export --format ron`): one RON file bundling the documents'
//! annotation files, each under its name, read back by `import` with every annotation as it was
//! (suggestions and decisions included), each document checked as any annotation file is.

use super::export::{Report, claims_kept, spans_kept};
use super::import::Kept;
use super::{Entry, Selection};
use crate::annotation::{Claim, Span};
use crate::store;
use std::path::Path;

/// One dataset file for Marginalia: the documents' annotation files, in one RON list.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct DatasetFile {
    pub format: String,
    pub version: u32,
    pub documents: Vec<(String, store::AnnotationFile)>,
}

pub const DATASET_FORMAT: &str = "marginalia-dataset";

/// Reads a dataset file back: each document's name and its annotation file, checked like any.
pub fn read(path: &Path) -> anyhow::Result<Vec<Kept>> {
    let text = crate::input::read_text(path, crate::input::MAX_DATA_FILE)?;
    let file: DatasetFile = ron::from_str(&text).map_err(|e| {
        anyhow::anyhow!("{}, line {}, column {}: {}", path.display(), e.span.start.line, e.span.start.col, e.code)
    })?;
    if file.format != DATASET_FORMAT || file.version != 1 {
        anyhow::bail!("{} is not a Marginalia dataset file (version 1)", path.display());
    }
    file.documents
        .into_iter()
        .map(|(name, f)| {
            let loaded =
                store::from_file(f).map_err(|why| anyhow::anyhow!("{}, document {name}: {why}", path.display()))?;
            Ok(Kept { name, loaded })
        })
        .collect()
}

/// The documents as one dataset file.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report) -> Result<String, ron::Error> {
    let mut documents = Vec::new();
    for e in entries {
        let spans: Vec<Span> = spans_kept(e, selection).cloned().collect();
        let claims: Vec<Claim> = claims_kept(e, selection).cloned().collect();
        report.spans += spans.len();
        report.claims += claims.len();
        let mut kept = crate::annotation::Annotations::new(e.annotations.labels.clone(), spans).with_claims(claims);
        kept.meta = e.annotations.meta.clone();
        kept.done = e.annotations.done.clone();
        documents.push((e.name.clone(), store::to_file(&e.doc, &kept, None)));
    }
    let file = DatasetFile { format: DATASET_FORMAT.into(), version: 1, documents };
    let config = ron::ser::PrettyConfig::new().depth_limit(4).struct_names(false).indentor("    ");
    Ok(ron::ser::to_string_pretty(&file, config)? + "\n")
}
