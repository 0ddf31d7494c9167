//! File → Export dataset…: which format, which documents and annotations, where to. The dialog only
//! emits commands; the app runs the export in the background and the dialog shows its report.

use crate::app::command::Command;
use crate::dataset::Selection;
use crate::dataset::export::Format;
use eframe::egui::{self, RichText, Ui};
use std::path::{Path, PathBuf};

pub struct ExportDialog {
    pub open: bool,
    format: Format,
    selection: Selection,
    path: String,
    /// The path was filled in by the dialog (it follows the format) rather than typed.
    path_is_default: bool,
    /// The last export's report, or why it failed.
    pub result: Option<Result<String, String>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Spacy,
            selection: Selection::default(),
            path: String::new(),
            path_is_default: true,
            result: None,
        }
    }
}

const FORMATS: [(Format, &str, &str); 5] = [
    (Format::Spacy, "spaCy / Prodigy JSONL", "entities; rejected ones as negative examples if asked"),
    (Format::Doccano, "doccano JSONL", "entities, and claims as CLAIM spans with SAYS relations"),
    (Format::Conll, "CoNLL-2003 (IOB2)", "entities only; overlaps and claims are counted as left out"),
    (Format::Brat, "brat (.txt + .ann, a folder)", "entities, claims as Source / Cue / Content"),
    (Format::Ron, "Marginalia dataset (.ron)", "everything"),
];

/// Where an export of `base` (a folder or a file) goes by default: beside it, named for the format.
pub fn default_path(base: &Path, format: Format) -> PathBuf {
    let stem = base.file_name().map_or_else(|| "dataset".into(), |n| n.to_string_lossy().replace(".ann.ron", ""));
    let name = match format {
        Format::Spacy => format!("{stem}-spacy.jsonl"),
        Format::Doccano => format!("{stem}-doccano.jsonl"),
        Format::Conll => format!("{stem}.conll"),
        Format::Brat => format!("{stem}-brat"),
        Format::Ron => format!("{stem}-dataset.ron"),
    };
    base.parent().map_or_else(|| PathBuf::from(&name), |p| p.join(&name))
}

impl ExportDialog {
    /// Opens the dialog for exporting `what` (the folder or the annotation file).
    pub fn open_for(&mut self, base: &Path) {
        self.open = true;
        self.result = None;
        if self.path_is_default || self.path.is_empty() {
            self.path = default_path(base, self.format).display().to_string();
            self.path_is_default = true;
        }
    }

    /// The path chosen in a file dialog.
    pub fn set_path(&mut self, path: &Path) {
        self.path = path.display().to_string();
        self.path_is_default = false;
    }

    /// `scope` says what goes out (e.g. "the folder news (500 documents, 12 done)"); `base` is it.
    pub fn show(&mut self, ctx: &egui::Context, scope: &str, base: &Path, busy: bool) -> Vec<Command> {
        let mut out = Vec::new();
        let mut open = self.open;
        let window = egui::Window::new("Export dataset").open(&mut open).resizable(false).collapsible(false);
        window.anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
            self.contents(ui, scope, base, busy, &mut out);
        });
        self.open = open && self.open;
        out
    }

    fn contents(&mut self, ui: &mut Ui, scope: &str, base: &Path, busy: bool, out: &mut Vec<Command>) {
        ui.set_max_width(520.0);
        ui.label(format!("Exports {scope}."));
        ui.add_space(6.0);
        ui.strong("Format");
        let before = self.format;
        for (format, name, holds) in FORMATS {
            ui.radio_value(&mut self.format, format, name).on_hover_text(holds);
        }
        if self.format != before && self.path_is_default {
            self.path = default_path(base, self.format).display().to_string();
        }
        ui.add_space(6.0);
        ui.checkbox(&mut self.selection.only_done, "Only documents marked done");
        ui.checkbox(&mut self.selection.include_rejected, "Include rejected suggestions (as negative examples)");
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("To:");
            let field = ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(360.0)).labelled_by(label.id);
            if field.changed() {
                self.path_is_default = false;
            }
            if ui.button("Choose…").clicked() {
                out.push(Command::ChooseExportPath(self.format));
            }
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ready = !busy && !self.path.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Export")).clicked() {
                self.result = None;
                let out_path = PathBuf::from(self.path.trim());
                out.push(Command::Export { format: self.format, selection: self.selection, out: out_path });
            }
            if busy {
                ui.spinner();
                ui.label("Exporting…");
            }
            if ui.button("Close").clicked() {
                self.open = false;
            }
        });
        match &self.result {
            Some(Ok(report)) => {
                ui.separator();
                ui.label(report);
            }
            Some(Err(why)) => {
                ui.separator();
                ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
            }
            None => {}
        }
        ui.weak("Only accepted and hand-made annotations go out; offsets are code points.");
    }
}
