//! File → Export dataset…: which format, which documents and annotations, where to. The dialog only
//! emits commands; the app runs the export in the background and the dialog shows its report.
//!
//! The path follows the format — choosing another changes the file's ending (`.jsonl`, `.conll`, a
//! `-brat` folder, `.ron`), keeping its folder and name, also for a path typed or chosen — so that
//! two exports in two formats never land in one file. And when something is at the path, the app
//! asks (through [`ExportDialog::ask_to_replace`]) and the export runs only after *Replace*.

use crate::command::Command;
use crate::dataset::Selection;
use crate::dataset::export::{Format, LeftOut};
use crate::dataset::versions::Versions;
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
    pub result: Option<LastExport>,
    /// Something is at this path: the question shown, until *Replace* or *Cancel*.
    asking: Option<Replacing>,
    /// *Replace* was clicked for this path: the next export there may replace what is there.
    replace_confirmed: Option<PathBuf>,
    /// In a team project, whose annotations go out.
    from: Versions,
    /// In a team project, who exports and who else annotates in it (read when the dialog opens).
    team: Option<TeamVersions>,
}

/// Who is exporting in a team project, and who else annotates in it: the versions an export can take.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamVersions {
    pub me: String,
    pub analysts: Vec<String>,
}

/// What the last export did, as the dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LastExport {
    /// What it wrote, and what the format could not hold.
    Wrote(String),
    /// Why nothing was exported.
    Failed(String),
}

/// What an export would replace.
struct Replacing {
    path: PathBuf,
    folder: bool,
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
            asking: None,
            replace_confirmed: None,
            from: Versions::AsGiven,
            team: None,
        }
    }
}

const ONLY_DONE: &str = "Only documents marked done";
const INCLUDE_REJECTED: &str = "Include rejected suggestions (as negative examples)";

/// What to change in the dialog to export what was left out (the report after an export says it).
pub fn remedy(why: LeftOut) -> Option<String> {
    match why {
        LeftOut::Rejected => Some(format!("tick “{INCLUDE_REJECTED}”")),
        LeftOut::NotDone => Some(format!("untick “{ONLY_DONE}” to export them")),
        _ => None,
    }
}

const FORMATS: &[(Format, &str, &str)] = &[
    (Format::Spacy, "spaCy / Prodigy JSONL", "entities; rejected ones as negative examples if asked"),
    (
        Format::SpacyDocbin,
        "spaCy DocBin (.spacy, for spacy train)",
        "entities, all spans in doc.spans[\"sc\"]; claims left out",
    ),
    (Format::Doccano, "doccano JSONL (relations)", "entities, and claims as CLAIM spans with SAYS relations"),
    (Format::DoccanoSequence, "doccano JSONL (Sequence Labeling)", "entities that do not overlap"),
    (Format::Conll, "CoNLL-2003 (IOB2)", "entities only; overlaps and claims are counted as left out"),
    (Format::Brat, "brat (.txt + .ann, a folder)", "entities, claims as Source / Cue / Content"),
    (Format::LabelStudio, "Label Studio JSON", "entities, and claims as CLAIM / CUE / SOURCE regions with relations"),
    (
        Format::WebannoTsv,
        "WebAnno TSV 3.3 (INCEpTION, a folder)",
        "entities as NamedEntity; claims are counted as left out",
    ),
    (Format::Ron, "Marginalia dataset (.ron)", "everything"),
];

/// How a format's output is named after what is exported, and the file ending alone (which a name
/// typed or chosen may end with instead).
fn ending(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Spacy => ("-spacy.jsonl", ".jsonl"),
        Format::Doccano => ("-doccano.jsonl", ".jsonl"),
        Format::DoccanoSequence => ("-doccano-sequence.jsonl", ".jsonl"),
        Format::Conll => (".conll", ".conll"),
        Format::Brat => ("-brat", "-brat"),
        Format::LabelStudio => ("-label-studio.json", ".json"),
        Format::WebannoTsv => ("-webanno", "-webanno"),
        Format::Ron => ("-dataset.ron", ".ron"),
        Format::SpacyDocbin => (".spacy", ".spacy"),
    }
}

/// Where an export of `base` (a folder or a file) goes by default: beside it, named for the format.
pub fn default_path(base: &Path, format: Format) -> PathBuf {
    let stem = base.file_name().map_or_else(|| "dataset".into(), |n| n.to_string_lossy().replace(".ann.ron", ""));
    let name = format!("{stem}{}", ending(format).0);
    base.parent().map_or_else(|| PathBuf::from(&name), |p| p.join(&name))
}

/// `path` (written for `from`) for `to`: in the same folder, with the same name, `from`'s ending
/// replaced by `to`'s (`train.jsonl` → `train.conll`, `news-spacy.jsonl` → `news-brat`).
pub fn path_for_format(path: &str, from: Format, to: Format) -> String {
    let (named, bare) = ending(from);
    let stem = path.strip_suffix(named).or_else(|| path.strip_suffix(bare)).unwrap_or(path);
    format!("{stem}{}", ending(to).0)
}

impl ExportDialog {
    /// Opens the dialog for exporting `what` (the folder or the annotation file); `team`, in a team
    /// project, offers the curated versions and the other analysts' too.
    pub fn open_for(&mut self, base: &Path, team: Option<TeamVersions>) {
        if team.is_none() || team != self.team {
            self.from = Versions::AsGiven;
        }
        self.team = team;
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
        self.asking = None;
    }

    /// Something is at `path` (a folder with files in it, when `folder`): ask before replacing it.
    pub fn ask_to_replace(&mut self, path: &Path, folder: bool) {
        self.asking = Some(Replacing { path: path.to_path_buf(), folder });
    }

    /// Whether *Replace* was clicked for `path`; each click lets one export replace it.
    pub fn take_replace_confirmation(&mut self, path: &Path) -> bool {
        self.replace_confirmed.take_if(|p| p.as_path() == path).is_some()
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
        match self.team.clone() {
            Some(team) => self.versions(ui, scope, &team),
            None => {
                ui.label(format!("Exports {scope}."));
            }
        }
        ui.add_space(6.0);
        ui.strong("Format");
        let before = self.format;
        for &(format, name, holds) in FORMATS {
            ui.radio_value(&mut self.format, format, name).on_hover_text(holds);
        }
        if self.format != before {
            self.path = if self.path_is_default || self.path.trim().is_empty() {
                default_path(base, self.format).display().to_string()
            } else {
                path_for_format(self.path.trim(), before, self.format)
            };
            self.asking = None;
        }
        ui.add_space(6.0);
        ui.checkbox(&mut self.selection.only_done, ONLY_DONE);
        ui.checkbox(&mut self.selection.include_rejected, INCLUDE_REJECTED);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("To:");
            let field = ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(360.0)).labelled_by(label.id);
            if field.changed() {
                self.path_is_default = false;
                self.asking = None;
            }
            if ui.button("Choose…").clicked() {
                out.push(Command::ChooseExportPath(self.format));
            }
        });
        ui.add_space(8.0);
        if let Some(Replacing { path, folder }) = self.asking.take() {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            let question = if folder {
                format!("{name} exists and has files in it. Replace the files the export writes?")
            } else {
                format!("{name} exists. Replace it?")
            };
            ui.label(RichText::new(question).strong());
            // Cancel takes Export's place: a second click on it does not replace anything.
            let (cancel, replace) =
                ui.horizontal(|ui| (ui.button("Cancel").clicked(), ui.button("Replace").clicked())).inner;
            if replace {
                let from = self.from.clone();
                out.push(Command::Export { format: self.format, selection: self.selection, from, out: path.clone() });
                self.replace_confirmed = Some(path);
            } else if !cancel {
                self.asking = Some(Replacing { path, folder });
            }
            return;
        }
        ui.horizontal(|ui| {
            let ready = !busy && !self.path.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Export")).clicked() {
                self.result = None;
                let out_path = PathBuf::from(self.path.trim());
                let from = self.from.clone();
                out.push(Command::Export { format: self.format, selection: self.selection, from, out: out_path });
            }
            // The spinner comes after the buttons: Close does not move when it appears.
            if ui.button("Close").clicked() {
                self.open = false;
            }
            if busy {
                ui.spinner();
                ui.label("Exporting…");
            }
        });
        match &self.result {
            Some(LastExport::Wrote(report)) => {
                ui.separator();
                ui.label(report);
            }
            Some(LastExport::Failed(why)) => {
                ui.separator();
                ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
            }
            None => {}
        }
        let offsets =
            if self.format.counts_utf16() { "UTF-16 units, as its editor counts them" } else { "code points" };
        ui.weak(format!(
            "Only documents with a decision (or marked done), and only accepted and hand-made annotations, go out; offsets are {offsets}."
        ));
    }
}

impl ExportDialog {
    /// In a team project: which versions go out — the analyst's own (what `scope` says), each
    /// document's curated version, or another analyst's files.
    fn versions(&mut self, ui: &mut Ui, scope: &str, team: &TeamVersions) {
        ui.strong("Annotations");
        let mut what = scope.chars();
        let what: String = what.next().map(|c| c.to_uppercase().chain(what).collect()).unwrap_or_default();
        ui.radio_value(&mut self.from, Versions::AsGiven, what);
        ui.radio_value(&mut self.from, Versions::Curated, "The curated versions (reviewed), of every document")
            .on_hover_text("Each document's curated version; documents with none yet are counted as left out");
        for analyst in team.analysts.iter().filter(|a| a.as_str() != team.me) {
            ui.radio_value(&mut self.from, Versions::Analyst(analyst.clone()), format!("{analyst}'s annotations"));
        }
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    #[test]
    fn the_report_names_the_dialog_s_checkboxes() {
        assert_eq!(remedy(LeftOut::Rejected), Some(format!("tick “{INCLUDE_REJECTED}”")));
        assert!(remedy(LeftOut::NotDone).is_some_and(|r| r.contains(ONLY_DONE)));
        assert_eq!(remedy(LeftOut::Pending), None);
    }
}
