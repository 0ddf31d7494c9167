//! The dataset commands: `import` (documents into annotation files) and `export` (annotation files
//! into training data).

use crate::annotation::Annotations;
use crate::dataset::export::{Format, LeftOut};
use crate::dataset::folder::{AnnotationFolder, Place, Written};
use crate::dataset::import::{Batch, Contents, InputFormat, Kept, NotHeld};
use crate::dataset::versions::Versions;
use crate::dataset::{self, Selection};
use crate::doc::Document;
use crate::engines::Engines;
use crate::team::Seat;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `marginalia import`: one annotation file per document in `dir`, named as the window names an
/// article's annotations. A file that is there is kept (and said so) unless `overwrite`; a document
/// or file that cannot be read or written is reported and the others still imported (exit code 1 if
/// any failed).
pub fn import(
    files: &[PathBuf],
    dir: &Path,
    format: Option<InputFormat>,
    suggest: bool,
    overwrite: bool,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let seat = Seat::find(dir, &crate::annotation::current_user())?;
    if let Some((seat, owner)) = seat.as_ref().and_then(|s| Some((s, s.other_owner(dir)?))) {
        anyhow::bail!(
            "{} is in {owner}'s folder of the team project {}: nobody writes another analyst's files, and nothing was imported. \
             Import into the project ({}) to write your own files, in annotations/{}/",
            dir.display(),
            seat.project_name(),
            seat.project.root.display(),
            seat.analyst
        );
    }
    // In a team project the documents are the analyst's own, wherever in the project they were sent.
    let (dir, into) = match &seat {
        Some(seat) => (seat.dir(), format!("{}/{}/ as {}", crate::team::ANNOTATIONS_DIR, seat.analyst, seat.analyst)),
        None => (dir.to_path_buf(), dir.display().to_string()),
    };
    let dir = dir.as_path();
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("could not make the folder {}: {e}", dir.display()))?;
    let engines = suggest.then(|| super::suggest::shipped_engines(err));
    let mut run = ImportRun { folder: AnnotationFolder::new(dir, overwrite), tally: Tally::default(), seat };
    for file in files {
        let contents = match dataset::import::import(file, format) {
            Ok(c) => c,
            Err(e) => {
                run.failed(err, &format!("{}; nothing of it was imported", crate::errors::explain(&e)))?;
                continue;
            }
        };
        match contents {
            // Marginalia's own files hold annotations already: they are written out as they are.
            Contents::Annotated(documents) => {
                for Kept { name, loaded } in documents {
                    let given = loaded.annotations.spans().len() + loaded.annotations.claims.all().len();
                    let from = format!("{}, document {name:?}", file.display());
                    let source = loaded.source_path.clone();
                    run.put(&name, &from, source.as_deref(), given, err, || (loaded.doc, loaded.annotations))?;
                }
            }
            Contents::Documents(batch) => run.documents(file, batch, engines.as_ref(), err)?,
        }
    }
    let Tally { written, skipped, failed, given, not_held } = run.tally;
    // A part of a file that could not be read failed, though the rest was imported.
    let failed = failed + not_held.unreadable.len();
    let suggested = if suggest { ", with suggestions" } else { "" };
    let not_held = not_held.counts.values().sum::<usize>() + not_held.unreadable.len();
    let not_held = if not_held > 0 { format!("; {not_held} things not imported, listed above") } else { String::new() };
    writeln!(
        err,
        "imported {written} documents into {into} ({given} annotations came with them{suggested}); {skipped} skipped, {failed} failed{not_held}"
    )?;
    Ok(failed == 0)
}

/// What of `file` was not imported: what Marginalia cannot hold, by kind, and the parts it could not read.
fn tell_not_held(err: &mut impl Write, file: &Path, not_held: &NotHeld) -> std::io::Result<()> {
    if not_held.is_empty() {
        return Ok(());
    }
    if !not_held.counts.is_empty() {
        writeln!(
            err,
            "{}: not imported as it came (Marginalia cannot hold these, or changed them to fit):",
            file.display()
        )?;
        for (what, n) in &not_held.counts {
            writeln!(err, "  {n} {what}")?;
        }
    }
    for why in &not_held.unreadable {
        writeln!(err, "{why}")?;
    }
    Ok(())
}

/// What an import did, for its summary.
#[derive(Default)]
struct Tally {
    written: usize,
    skipped: usize,
    failed: usize,
    /// Annotations that came with the documents written.
    given: usize,
    not_held: NotHeld,
}

struct ImportRun {
    folder: AnnotationFolder,
    tally: Tally,
    /// The analyst importing into a team project: the team's labels go with each document.
    seat: Option<Seat>,
}

impl ImportRun {
    /// Writes the documents of `file`, with suggestions from `engines`, and tells what of it was not
    /// imported.
    fn documents(
        &mut self,
        file: &Path,
        mut batch: Batch,
        engines: Option<&Engines>,
        err: &mut impl Write,
    ) -> std::io::Result<()> {
        for imported in std::mem::take(&mut batch.docs) {
            batch.not_held.add("spans with an empty label, or not inside the text", dataset::unfit(&imported));
            if imported.text.len() as u64 > crate::article::MAX_ARTICLE_BYTES {
                let mb = crate::article::MAX_ARTICLE_BYTES / (1024 * 1024);
                let why = format!(
                    "{}, document {:?}: its text is larger than {mb} MB, the most Marginalia opens; it was not imported",
                    file.display(),
                    imported.name
                );
                self.failed(err, &why)?;
                continue;
            }
            let given = imported.spans.len() + imported.claims.len();
            let (name, from) = (imported.name.clone(), format!("{}, document {:?}", file.display(), imported.name));
            self.put(&name, &from, Some(file), given, err, || dataset::annotate(imported, engines))?;
        }
        tell_not_held(err, file, &batch.not_held)?;
        self.tally.not_held.absorb(batch.not_held);
        Ok(())
    }

    /// Writes one document named `name` (from `from`, for messages), made by `make` only if it goes out.
    fn put(
        &mut self,
        name: &str,
        from: &str,
        source: Option<&Path>,
        given: usize,
        err: &mut impl Write,
        make: impl FnOnce() -> (Document, Annotations),
    ) -> std::io::Result<()> {
        let path = match self.folder.place(name) {
            Ok(Place::Free(path)) => path,
            Ok(Place::Taken(path)) => return self.skipped(err, &path),
            Err(e) => return self.failed(err, &format!("{from}: {e}; it was not imported")),
        };
        let (doc, mut ann) = make();
        if let Some(seat) = &self.seat {
            ann.labels = seat.labels_for(&ann);
        }
        match self.folder.write(&path, &doc, &ann, source) {
            Ok(Written::Written) => {
                self.tally.written += 1;
                self.tally.given += given;
                Ok(())
            }
            Ok(Written::AppearedMeanwhile) => self.skipped(err, &path),
            Err(e) => self.failed(err, &format!("{from}: {e}; it was not imported")),
        }
    }

    fn skipped(&mut self, err: &mut impl Write, path: &Path) -> std::io::Result<()> {
        self.tally.skipped += 1;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        writeln!(err, "skipped {name}: it exists (use --overwrite to replace it)")
    }

    fn failed(&mut self, err: &mut impl Write, why: &str) -> std::io::Result<()> {
        self.tally.failed += 1;
        writeln!(err, "marginalia: {why}")
    }
}

/// `marginalia export`: the dataset (to standard output for `-o -`), and a report of what was
/// written and what was left out.
pub fn export(
    format: Format,
    inputs: &[PathBuf],
    out: &Path,
    selection: Selection,
    from: Versions,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let to_stdout = out.as_os_str() == dataset::export::STDOUT;
    if to_stdout && format.writes_folder() {
        anyhow::bail!(
            "this format writes a folder of files, which cannot go to standard output (-o -); give -o a folder"
        );
    }
    let exported = dataset::versions::export(inputs, &from, format, selection, out)?;
    for u in &exported.unreadable {
        writeln!(err, "left out {}: {} (it was left as it is)", u.path.display(), u.why)?;
    }
    let to = if to_stdout { "standard output".into() } else { out.display().to_string() };
    let said = from.from_what().map(|s| format!("{s}: ")).unwrap_or_default();
    writeln!(err, "{said}{}\n→ {to}", exported.report.describe(remedy))?;
    Ok(true)
}

/// What to add to the command line (or leave out) to export what was left out.
fn remedy(why: LeftOut) -> Option<String> {
    match why {
        LeftOut::Rejected => Some("add --include-rejected for negative examples".into()),
        LeftOut::NotDone => Some("leave out --only-done to export them".into()),
        _ => None,
    }
}
