//! The app's own panels and windows: menu bar, status bar, banners, the welcome page, the error box,
//! the path field and the keyboard help. Like the widgets, they return commands.

use super::command::Command;
use super::dialogs::DialogKind;
use super::document_file::Keep;
use super::shortcuts;
use super::{App, PathPrompt};
use crate::session::Edit;
use eframe::egui::{self, RichText, Ui};

/// A menu button that shows its keyboard shortcut and emits `command` when clicked.
fn item(ui: &mut Ui, text: &str, command: Command, enabled: bool, out: &mut Vec<Command>) {
    let mut button = egui::Button::new(text);
    if let Some(sc) = shortcuts::shortcut_for(&command) {
        button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    if ui.add_enabled(enabled, button).clicked() {
        out.push(command);
        ui.close();
    }
}

impl App {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        let has_doc = self.session.is_some();
        let (can_undo, can_redo) = self.session.as_ref().map_or((false, false), |s| (s.can_undo(), s.can_redo()));
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, "Open article…", Command::OpenArticleDialog, true, &mut out);
                item(ui, "Open annotations…", Command::OpenAnnotationsDialog, true, &mut out);
                item(ui, "Open folder…", Command::OpenFolderDialog, true, &mut out);
                item(ui, "Open path…", Command::PromptOpenPath, true, &mut out);
                ui.menu_button("Recent files", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for p in &self.settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::Open(p.clone()));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                item(ui, "Save now", Command::SaveNow, has_doc, &mut out);
                item(ui, "Save annotations as…", Command::SaveAsDialog, has_doc, &mut out);
                ui.separator();
                item(ui, "Export dataset…", Command::ShowExport, has_doc || self.corpus.is_some(), &mut out);
                ui.separator();
                item(ui, "Quit", Command::Quit, true, &mut out);
            });
            ui.menu_button("Edit", |ui| {
                item(ui, "Undo", Command::Edit(Edit::Undo), can_undo, &mut out);
                item(ui, "Redo", Command::Edit(Edit::Redo), can_redo, &mut out);
                ui.separator();
                item(ui, "Next pending", Command::Edit(Edit::NextPending), has_doc, &mut out);
                item(ui, "Previous pending", Command::Edit(Edit::PrevPending), has_doc, &mut out);
                item(ui, "Accept", Command::Edit(Edit::Accept), has_doc, &mut out);
                item(ui, "Reject", Command::Edit(Edit::Reject), has_doc, &mut out);
                item(ui, "Accept all mentions", Command::Edit(Edit::AcceptAllMentions), has_doc, &mut out);
                ui.separator();
                item(ui, "Labels…", Command::ShowLabelsEditor, has_doc, &mut out);
                let mut learn = self.settings.learn;
                if ui.checkbox(&mut learn, "Learn from my corrections").clicked() {
                    out.push(Command::ToggleLearning);
                }
                item(ui, "Reset learned suggestions", Command::ResetLearnedModel, has_doc, &mut out);
            });
            ui.menu_button("Documents", |ui| {
                let done = self.session.as_ref().is_some_and(|s| s.is_done());
                let mut marked = done;
                let mark = ui.add_enabled(has_doc, egui::Checkbox::new(&mut marked, "This document is done"));
                if mark.clicked() {
                    out.push(Command::ToggleDone);
                    ui.close();
                }
                let in_folder = self.corpus.is_some();
                item(ui, "Next unfinished document", Command::NextUnfinished, in_folder, &mut out);
                item(ui, "List the folder again", Command::RefreshFolder, in_folder && !self.corpus_busy(), &mut out);
                ui.separator();
                let preannotating = self.corpus_busy();
                item(ui, "Pre-annotate new articles", Command::Preannotate, in_folder && !preannotating, &mut out);
                item(ui, "Cancel pre-annotation", Command::CancelPreannotation, preannotating, &mut out);
                if !in_folder {
                    ui.weak("Open a folder (File > Open folder…)\nto work through many documents.");
                }
            });
            ui.menu_button("Claims", |ui| {
                let mut shown = self.settings.show_claims;
                if ui.checkbox(&mut shown, "Show claims").clicked() {
                    out.push(Command::ToggleClaims);
                }
                ui.separator();
                item(ui, "Next claim", Command::Edit(Edit::NextClaim), has_doc, &mut out);
                item(ui, "Previous claim", Command::Edit(Edit::PrevClaim), has_doc, &mut out);
                item(ui, "Change claimant…", Command::PickClaimant, has_doc, &mut out);
                item(ui, "Make a claim of the selection", Command::MakeClaim, has_doc, &mut out);
                ui.weak(
                    "Accept (A) and Reject (X) act on the current claim\nafter ] or [; J or Tab go back to entities.",
                );
            });
            ui.menu_button("View", |ui| {
                let mut dark = self.settings.dark;
                if ui.checkbox(&mut dark, "Dark theme").clicked() {
                    out.push(Command::SetDarkTheme(dark));
                }
                let mut rejected = self.settings.show_rejected;
                if ui.checkbox(&mut rejected, "Show rejected").clicked() {
                    out.push(Command::ToggleShowRejected);
                }
                ui.separator();
                item(ui, "Bigger text", Command::TextBigger, true, &mut out);
                item(ui, "Smaller text", Command::TextSmaller, true, &mut out);
            });
            ui.menu_button("Help", |ui| {
                item(ui, "Keyboard shortcuts", Command::ShowShortcuts, true, &mut out);
            });
        });
        out
    }

    pub(super) fn status_bar(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            match &self.session {
                Some(s) => {
                    let file =
                        s.save_path.as_ref().map_or_else(|| "not saved yet".to_string(), |p| p.display().to_string());
                    ui.label(file);
                    ui.separator();
                    if self.save_error.is_some() {
                        ui.colored_label(ui.visuals().error_fg_color, "Not saved");
                    } else if self.conflict().is_some() {
                        ui.colored_label(ui.visuals().warn_fg_color, "Saved beside the changed file");
                    } else if s.is_dirty() {
                        ui.label("Unsaved changes…");
                    } else {
                        ui.label("All changes saved");
                    }
                    ui.separator();
                    let c = s.annotations().counts();
                    ui.label(format!("{} pending · {} accepted · {} rejected", c.pending, c.accepted, c.rejected));
                }
                None => {
                    ui.label("No document open");
                }
            }
            if self.is_suggesting() {
                ui.separator();
                ui.spinner();
                ui.label("Suggesting…");
            }
            if let Some(msg) = &self.status {
                ui.separator();
                ui.label(RichText::new(msg).italics());
            }
        });
    }

    /// The notice and save-error banners above the article.
    pub(super) fn banners(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        if let Some(err) = &self.save_error {
            banner(ui, ui.visuals().error_fg_color, |ui| {
                ui.colored_label(ui.visuals().error_fg_color, err.as_str());
                if ui.button("Save annotations as…").clicked() {
                    out.push(Command::SaveAsDialog);
                }
            });
        }
        if let Some(c) = self.conflict() {
            let name = |p: &std::path::Path| p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            banner(ui, ui.visuals().warn_fg_color, |ui| {
                let theirs = match &c.theirs {
                    Ok(()) => {
                        "Someone else's version is there now (another window, a program or a git pull).".to_string()
                    }
                    Err(why) => format!("What is there now cannot be used: {why}."),
                };
                ui.label(format!(
                    "{} changed outside this window. {theirs} Nothing was overwritten: your version is saved as {}.",
                    name(&c.original),
                    name(&c.mine)
                ));
                if ui
                    .button("Keep mine")
                    .on_hover_text("Put your version under the document's name; the other is set aside in the folder's .marginalia/set-aside/")
                    .clicked()
                {
                    out.push(Command::KeepVersion(Keep::Mine));
                }
                let theirs = ui.add_enabled(c.theirs.is_ok(), egui::Button::new("Use theirs"));
                if theirs
                    .on_hover_text("Open the other version; yours is set aside in the folder's .marginalia/set-aside/")
                    .clicked()
                {
                    out.push(Command::KeepVersion(Keep::Theirs));
                }
            });
        }
        if let Some(copy) = &self.other_version {
            banner(ui, ui.visuals().warn_fg_color, |ui| {
                let name = copy.file_name().unwrap_or_default().to_string_lossy();
                ui.label(format!(
                    "Your own version of this document, from a conflict not resolved yet, is kept beside it as {name}."
                ));
                if ui.button("Open my version").on_hover_text("Then choose which version stays").clicked() {
                    out.push(Command::Open(copy.clone()));
                }
            });
        }
        let mut dismiss = false;
        if let Some(note) = &self.notice {
            banner(ui, ui.visuals().warn_fg_color, |ui| {
                ui.label(note.as_str());
                dismiss = ui.small_button("Dismiss").clicked();
            });
        }
        if dismiss {
            self.notice = None;
        }
        out
    }

    pub(super) fn welcome(&self, ui: &mut Ui) -> Vec<Command> {
        let mut out = Vec::new();
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("Marginalia");
            ui.label("Annotate entities and claims in news articles.");
            ui.add_space(16.0);
            if ui.button("Open article…  (Ctrl+O)").clicked() {
                out.push(Command::OpenArticleDialog);
            }
            if ui.button("Open folder…  (Ctrl+Shift+O)").clicked() {
                out.push(Command::OpenFolderDialog);
            }
            if ui.button("Open path…").clicked() {
                out.push(Command::PromptOpenPath);
            }
            if !self.settings.recent.is_empty() {
                ui.add_space(16.0);
                ui.strong("Recent files");
                for p in &self.settings.recent {
                    if ui.link(p.display().to_string()).clicked() {
                        out.push(Command::Open(p.clone()));
                    }
                }
            }
        });
        out
    }

    /// Floating windows: the error box, the path field, the label editor, the keyboard help.
    pub(super) fn windows(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut out = Vec::new();
        if let Some(err) = &self.error {
            egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(&err.title);
                ui.add_space(6.0);
                ui.label(RichText::new(&err.message).color(ui.visuals().error_fg_color));
                ui.add_space(6.0);
                ui.label(&err.advice);
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    out.push(Command::DismissError);
                }
            });
        }
        if let Some(prompt) = &mut self.prompt {
            let (submit, cancel) = path_prompt(ctx, prompt);
            if submit {
                out.push(prompt.kind.chosen(std::path::PathBuf::from(prompt.text.trim())));
            }
            if submit || cancel {
                self.prompt = None;
            }
        }
        if let Some(session) = &self.session
            && self.labels_editor.open
        {
            out.extend(self.labels_editor.show(ctx, session));
        }
        if let Some(session) = &self.session
            && self.claimant_picker.is_open()
        {
            let selection = self.view.selection();
            out.extend(self.claimant_picker.show(ctx, session, selection.as_ref()));
        }
        if self.export_dialog.open
            && let Some(base) = self.export_base()
        {
            let scope = self.export_scope();
            let busy = self.is_exporting();
            out.extend(self.export_dialog.show(ctx, &scope, &base, busy));
        }
        if self.show_shortcuts {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts").open(&mut open).resizable(false).show(ctx, shortcuts_table);
            self.show_shortcuts = open;
        }
        out
    }
}

/// A tinted strip across the top of the article.
fn banner(ui: &mut Ui, tint: egui::Color32, add: impl FnOnce(&mut Ui)) {
    egui::Frame::new().fill(tint.gamma_multiply(0.15)).inner_margin(8.0).corner_radius(4.0).show(ui, |ui| {
        ui.horizontal_wrapped(add);
    });
}

/// Returns (submitted, cancelled).
fn path_prompt(ctx: &egui::Context, prompt: &mut PathPrompt) -> (bool, bool) {
    let mut submit = false;
    let mut cancel = false;
    egui::Window::new(prompt.kind.title()).collapsible(false).resizable(false).show(ctx, |ui| {
        if let Some(note) = &prompt.note {
            ui.label(RichText::new(note).color(ui.visuals().warn_fg_color));
        }
        ui.horizontal(|ui| {
            let label = ui.label("Path:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(380.0).hint_text(match prompt.kind {
                    DialogKind::OpenFolder | DialogKind::ExportFolder => "/home/you/articles",
                    _ => "/home/you/article.txt",
                }))
                .labelled_by(label.id);
            if !field.has_focus() && prompt.text.is_empty() {
                field.request_focus();
            }
            submit =
                field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !prompt.text.trim().is_empty();
        });
        ui.horizontal(|ui| {
            submit |= ui.add_enabled(!prompt.text.trim().is_empty(), egui::Button::new("OK")).clicked();
            cancel = ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    (submit, cancel)
}

fn shortcuts_table(ui: &mut Ui) {
    egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
        for b in shortcuts::bindings() {
            ui.label(RichText::new(shortcuts::describe(ui.ctx(), &b.shortcut)).monospace());
            ui.label(b.what);
            ui.end_row();
        }
        ui.label(RichText::new("1 – 9").monospace());
        ui.label("Relabel the current span, or label the selection");
        ui.end_row();
        ui.label(RichText::new("Drag").monospace());
        ui.label("Select text (snaps to whole words; hold Alt for characters)");
        ui.end_row();
        ui.label(RichText::new("Right-click").monospace());
        ui.label("Relabel, accept, reject, delete, accept all mentions");
        ui.end_row();
    });
}
