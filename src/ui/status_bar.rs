//! The status bar: who you are in a team project, the annotation file and whether it is saved, what is left to decide, whether
//! suggestions are on their way, and the last thing worth saying (a save, a learning step, an edit's
//! outcome).

use crate::annotation::Counts;
use eframe::egui::{RichText, Ui};
use std::path::Path;

/// Where the open document's work stands on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// The last save failed (the banner says why).
    Failed,
    /// The file changed on disk: the window's version went beside it (the banner asks which stays).
    SavedBeside,
    Unsaved,
    Saved,
}

/// The open document, as the status bar tells of it.
pub struct DocumentLine<'a> {
    pub file: Option<&'a Path>,
    pub saving: Saving,
    /// Spans and claims together.
    pub counts: Counts,
}

pub struct StatusLine<'a> {
    /// The analyst, when what is open is in a team project (nothing is said outside one).
    pub team: Option<&'a crate::team::Seat>,
    pub document: Option<DocumentLine<'a>>,
    pub suggesting: bool,
    pub message: Option<&'a str>,
}

pub fn show(ui: &mut Ui, line: &StatusLine) {
    ui.horizontal(|ui| {
        if let Some(seat) = line.team {
            ui.strong(seat.describe()).on_hover_text(format!(
                "You annotate as {} in the team project at {}: your files are in {}",
                seat.analyst,
                seat.project.root.display(),
                seat.dir().display()
            ));
            ui.separator();
        }
        match &line.document {
            Some(d) => {
                ui.label(d.file.map_or_else(|| "not saved yet".to_string(), |p| p.display().to_string()));
                ui.separator();
                match d.saving {
                    Saving::Failed => ui.colored_label(ui.visuals().error_fg_color, "Not saved"),
                    Saving::SavedBeside => {
                        ui.colored_label(ui.visuals().warn_fg_color, "Saved beside the changed file")
                    }
                    Saving::Unsaved => ui.label("Unsaved changes…"),
                    Saving::Saved => ui.label("All changes saved"),
                };
                ui.separator();
                let c = d.counts;
                ui.label(format!("{} pending · {} accepted · {} rejected", c.pending, c.accepted, c.rejected))
                    .on_hover_text("Entity spans and claims together");
            }
            None => {
                ui.label("No document open");
            }
        }
        if line.suggesting {
            ui.separator();
            ui.spinner();
            ui.label("Suggesting…");
        }
        if let Some(msg) = line.message {
            ui.separator();
            ui.label(RichText::new(msg).italics());
        }
    });
}
