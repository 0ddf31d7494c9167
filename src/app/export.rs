//! Exporting a dataset from the window: the folder (or the open document) goes out in the background,
//! after the open document is saved and, when something is at the chosen path, after the analyst
//! agreed to replace it; the dialog shows the report.

use super::App;
use super::jobs::{Job, Report};
use crate::command::Overlay;
use crate::dataset::Selection;
use crate::dataset::export::Format;
use crate::dataset::versions::Versions;
use crate::ui::export_dialog::{LastExport, TeamVersions};
use eframe::egui;
use std::path::{Path, PathBuf};

impl App {
    /// Shows the export's report when it is done.
    pub(super) fn poll_export(&mut self) {
        let Some(job) = &mut self.services.exporting else { return };
        for report in job.poll() {
            if let Report::Finished(result) = report {
                let last = match result {
                    Ok(report) => LastExport::Wrote(report),
                    Err(why) => LastExport::Failed(why.to_string()),
                };
                let (LastExport::Wrote(message) | LastExport::Failed(message)) = &last;
                self.status = message.lines().next().map(str::to_string);
                self.overlays.export.result = Some(last);
            }
        }
        if job.finished {
            self.services.exporting = None;
        }
    }

    /// What an export takes: the open folder, else the open document's annotation file.
    pub(super) fn export_base(&self) -> Option<PathBuf> {
        match &self.folder {
            Some(state) => Some(state.corpus.folder.clone()),
            None => self.doc.session.as_ref().and_then(|s| s.save_path.clone()),
        }
    }

    /// What an export reads: in a team project's folder, the analyst's own files (what the folder
    /// lists); else [`export_base`](Self::export_base).
    fn export_inputs(&self) -> Option<Vec<PathBuf>> {
        match self.folder.as_ref().and_then(|f| f.corpus.team.as_ref()) {
            Some(seat) => Some(vec![seat.dir()].into_iter().filter(|d| d.is_dir()).collect()),
            None => self.export_base().map(|base| vec![base]),
        }
    }

    /// Says what an export takes, for its dialog.
    pub(super) fn export_scope(&self) -> String {
        match &self.folder {
            Some(state) => {
                let (done, total) = state.corpus.progress();
                if let Some(seat) = &state.corpus.team {
                    return format!(
                        "your annotations ({}) in the team project {} ({total} documents, {done} marked done)",
                        seat.analyst,
                        seat.project_name()
                    );
                }
                format!("the folder {} ({total} documents, {done} marked done)", state.corpus.folder.display())
            }
            None => "the open document".into(),
        }
    }

    /// What an export is named after, and beside, by default: in a team project the project's
    /// folder — the export lands beside the git work tree, where no sync picks it up — else
    /// [`export_base`](Self::export_base).
    pub(super) fn export_named_after(&self) -> Option<PathBuf> {
        match &self.seat {
            Some(seat) => Some(seat.project.root.clone()),
            None => self.export_base(),
        }
    }

    pub(super) fn show_export(&mut self) {
        match self.export_named_after() {
            Some(base) => {
                let team = self
                    .seat
                    .as_ref()
                    .map(|seat| TeamVersions { me: seat.analyst.clone(), analysts: seat.project.analysts() });
                self.overlays.export.open_for(&base, team);
                self.overlays.raise(Overlay::Export);
            }
            None => self.status = Some("Open a document or a folder first".into()),
        }
    }

    /// Saves the open document, then exports in the background — unless something is at `out` that
    /// the analyst has not agreed to replace: then the dialog asks first.
    pub(super) fn export(
        &mut self,
        ctx: &egui::Context,
        format: Format,
        selection: Selection,
        from: Versions,
        out: PathBuf,
    ) {
        // The curated versions and another analyst's are the project's, whatever is open.
        let inputs = match (&from, &self.seat) {
            (Versions::AsGiven, _) => self.export_inputs(),
            (_, Some(seat)) => Some(vec![seat.project.root.clone()]),
            (_, None) => None,
        };
        let Some(inputs) = inputs else { return };
        if let Some(folder) = would_replace(&out)
            && !self.overlays.export.take_replace_confirmation(&out)
        {
            self.overlays.export.ask_to_replace(&out, folder);
            return;
        }
        if let Err(why) = self.save_before_reading(ctx) {
            self.overlays.export.result =
                Some(LastExport::Failed(format!("Nothing was exported: the open document is not saved ({why})")));
            return;
        }
        self.services.exporting = Some(Job::export(inputs, from, format, selection, out, ctx));
    }

    /// An export is running in the background.
    pub fn is_exporting(&self) -> bool {
        self.services.exporting.is_some()
    }
}

/// What exporting to `out` would replace: `Some(false)` for a file (or anything not a folder),
/// `Some(true)` for a folder with something in it, `None` for nothing.
fn would_replace(out: &Path) -> Option<bool> {
    let meta = std::fs::symlink_metadata(out).ok()?;
    if !meta.is_dir() {
        return Some(false);
    }
    let has_files = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_some());
    has_files.then_some(true)
}
