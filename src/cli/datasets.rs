//! The dataset commands: `import` (documents into annotation files) and `export` (annotation files
//! into training data).

use crate::dataset::{self, Engines, Selection, export::Format};
use crate::store;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `marginalia import`: one annotation file per document in `dir`; files that cannot be read are
/// reported and the others still imported (exit code 1 if any failed).
pub fn import(files: &[PathBuf], dir: &Path, suggest: bool, err: &mut impl Write) -> anyhow::Result<bool> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("could not make the folder {}: {e}", dir.display()))?;
    let engines = suggest.then(Engines::shipped);
    let (mut ok, mut written, mut given) = (true, 0, 0);
    let mut names = std::collections::HashSet::new();
    for file in files {
        // Marginalia's own dataset file holds annotation files: they are written out as they are.
        if file.to_string_lossy().ends_with(".ron") && !store::is_annotation_file_name(file) {
            for (name, loaded) in dataset::export::read_dataset(file)? {
                let path = dir.join(format!("{name}{}", store::EXTENSION));
                store::save(&path, &loaded.doc, &loaded.annotations, loaded.source_path.as_deref())?;
                names.insert(name);
                written += 1;
                given += loaded.annotations.spans().len() + loaded.annotations.claims.all().len();
            }
            continue;
        }
        let docs = match dataset::import::import(file) {
            Ok(d) => d,
            Err(e) => {
                writeln!(err, "marginalia: {}", crate::errors::explain(&e))?;
                ok = false;
                continue;
            }
        };
        for imported in docs {
            let mut name = imported.name.clone();
            let mut n = 2;
            while !names.insert(name.clone()) {
                name = format!("{}-{n}", imported.name);
                n += 1;
            }
            given += imported.spans.len() + imported.claims.len();
            let (doc, ann) = dataset::annotate(imported, engines.as_ref());
            let path = dir.join(format!("{name}{}", store::EXTENSION));
            store::save(&path, &doc, &ann, Some(file))?;
            written += 1;
        }
    }
    let suggested = if suggest { ", with suggestions" } else { "" };
    writeln!(
        err,
        "imported {written} documents ({given} annotations came with them{suggested}) into {}",
        dir.display()
    )?;
    Ok(ok)
}

/// `marginalia export`: the dataset, and a report of what was written and what was left out.
pub fn export(
    format: Format,
    inputs: &[PathBuf],
    out: &Path,
    selection: Selection,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let entries = dataset::load(inputs)?;
    if entries.is_empty() {
        anyhow::bail!("no annotation files (*{}) among the inputs", store::EXTENSION);
    }
    let report = dataset::export::export(&entries, format, selection, out)?;
    writeln!(err, "{report}\n→ {}", out.display())?;
    Ok(true)
}
