//! The strips above the article: a save that failed, a file changed on disk while the window had
//! unsaved work (which version stays?), the analyst's own version kept from an earlier conflict, the
//! notice of the moment, and the first-run hint of the keys that matter. Each choice is a button that
//! returns a command.

use super::actions;
use super::shortcuts_help::LABEL_KEYS;
use crate::command::keys::Writing;
use crate::command::{Action, Command};
use eframe::egui::{self, Ui};
use std::path::Path;

/// The document's file changed outside the window while it had unsaved work.
pub struct Conflicted<'a> {
    /// The document's own annotation file.
    pub original: &'a Path,
    /// Where the window's version is saved meanwhile.
    pub mine: &'a Path,
    /// Why what is at `original` cannot be used, if it cannot.
    pub theirs_unusable: Option<String>,
}

pub struct Banners<'a> {
    pub save_error: Option<&'a str>,
    pub conflict: Option<Conflicted<'a>>,
    /// The analyst's version from a conflict not resolved yet, kept beside the document.
    pub other_version: Option<&'a Path>,
    pub notice: Option<&'a str>,
    /// The analyst has not decided anything yet, in any document: name the keys that matter.
    pub first_steps: bool,
}

pub fn show(ui: &mut Ui, b: &Banners) -> Vec<Command> {
    let mut out = Vec::new();
    if let Some(err) = b.save_error {
        banner(ui, ui.visuals().error_fg_color, |ui| {
            ui.colored_label(ui.visuals().error_fg_color, err);
            actions::button(ui, Action::SaveAs, true, &mut out);
        });
    }
    if let Some(c) = &b.conflict {
        banner(ui, ui.visuals().warn_fg_color, |ui| conflict(ui, c, &mut out));
    }
    if let Some(copy) = b.other_version {
        banner(ui, ui.visuals().warn_fg_color, |ui| {
            ui.label(format!(
                "Your own version of this document, from a conflict not resolved yet, is kept beside it as {}.",
                name(copy)
            ));
            if ui.button("Open my version").on_hover_text("Then choose which version stays").clicked() {
                out.push(Command::Open(copy.to_path_buf()));
            }
        });
    }
    if b.first_steps {
        banner(ui, ui.visuals().selection.bg_fill, |ui| {
            ui.label(first_steps(Writing::of(ui.ctx())));
            if ui.small_button("Got it").on_hover_text("Do not show this again").clicked() {
                out.push(Command::DismissHint);
            }
        });
    }
    if let Some(note) = b.notice {
        banner(ui, ui.visuals().warn_fg_color, |ui| {
            ui.label(note);
            if ui.small_button("Dismiss").clicked() {
                out.push(Command::DismissNotice);
            }
        });
    }
    out
}

fn conflict(ui: &mut Ui, c: &Conflicted, out: &mut Vec<Command>) {
    let theirs = match &c.theirs_unusable {
        None => "Someone else's version is there now (another window, a program or a git pull).".to_string(),
        Some(why) => format!("What is there now cannot be used: {why}."),
    };
    ui.label(format!(
        "{} changed outside this window. {theirs} Nothing was overwritten: your version is saved as {}.",
        name(c.original),
        name(c.mine)
    ));
    actions::button(ui, Action::KeepMine, true, out);
    actions::button(ui, Action::KeepTheirs, c.theirs_unusable.is_none(), out);
}

/// The five keys of the triage loop, as the command table writes them.
fn first_steps(w: Writing) -> String {
    let key = |a: Action| format!("{} {}", a.shortcut_text(w).unwrap_or_default(), a.label().to_lowercase());
    format!(
        "The keys that matter: {}, {}, {}, {LABEL_KEYS} give the current span a label, {}.",
        key(Action::NextPending),
        key(Action::Accept),
        key(Action::Reject),
        key(Action::Undo)
    )
}

fn name(p: &Path) -> String {
    p.file_name().unwrap_or_default().to_string_lossy().into_owned()
}

/// A tinted strip across the top of the article.
fn banner(ui: &mut Ui, tint: egui::Color32, add: impl FnOnce(&mut Ui)) {
    egui::Frame::new().fill(tint.gamma_multiply(0.15)).inner_margin(8.0).corner_radius(4.0).show(ui, |ui| {
        ui.horizontal_wrapped(add);
    });
}
