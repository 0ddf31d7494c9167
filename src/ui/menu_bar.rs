//! The menu bar: File, Edit, Documents, Claims, View, Help. Every item is an [`Action`] of the
//! command table (its label, shortcut and tooltip come from there); a click returns its command.

use super::actions::{menu_checkbox, menu_item};
use crate::command::keys::Writing;
use crate::command::{Action, Command};
use eframe::egui::{self, Ui};
use std::path::PathBuf;

/// What the menus need to know to show which items can be used, and which boxes are ticked.
pub struct MenuState<'a> {
    pub has_doc: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The open document is marked done.
    pub done: bool,
    pub in_folder: bool,
    /// The folder is being read or pre-annotated.
    pub folder_busy: bool,
    pub learn: bool,
    pub show_claims: bool,
    pub dark: bool,
    pub show_rejected: bool,
    /// Next pending walks by the lowest score first.
    pub lowest_score_first: bool,
    pub recent: &'a [PathBuf],
    /// What is open is in a team project.
    pub in_team: bool,
    /// The open document is a curated version under review.
    pub reviewing: bool,
    /// Under review, the analysts' names are hidden.
    pub anonymous_review: bool,
}

pub fn show(ui: &mut Ui, m: &MenuState) -> Vec<Command> {
    let mut out = Vec::new();
    let o = &mut out;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            menu_item(ui, Action::OpenArticle, true, o);
            menu_item(ui, Action::OpenAnnotations, true, o);
            menu_item(ui, Action::OpenFolder, true, o);
            menu_item(ui, Action::OpenPath, true, o);
            ui.menu_button("Recent files", |ui| {
                if m.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for p in m.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        o.push(Command::Open(p.clone()));
                        ui.close();
                    }
                }
            });
            ui.separator();
            menu_item(ui, Action::SaveNow, m.has_doc, o);
            menu_item(ui, Action::SaveAs, m.has_doc, o);
            ui.separator();
            menu_item(ui, Action::Export, m.has_doc || m.in_folder, o);
            menu_item(ui, Action::Sync, m.in_team, o);
            ui.separator();
            menu_item(ui, Action::Quit, true, o);
        });
        ui.menu_button("Edit", |ui| {
            menu_item(ui, Action::Undo, m.can_undo, o);
            menu_item(ui, Action::Redo, m.can_redo, o);
            ui.separator();
            for action in [Action::Find, Action::FindNext, Action::FindPrevious] {
                menu_item(ui, action, m.has_doc, o);
            }
            ui.separator();
            for action in [Action::NextPending, Action::PrevPending, Action::Accept, Action::Reject] {
                menu_item(ui, action, m.has_doc, o);
            }
            menu_checkbox(ui, Action::LowestScoreFirst, m.lowest_score_first, true, o);
            menu_item(ui, Action::AcceptAllMentions, m.has_doc, o);
            ui.menu_button("Boundaries", |ui| {
                let edges = [Action::GrowEnd, Action::ShrinkEnd, Action::GrowStart, Action::ShrinkStart];
                for action in edges.into_iter().chain([Action::MoveRight, Action::MoveLeft]) {
                    menu_item(ui, action, m.has_doc, o);
                }
            });
            ui.separator();
            menu_item(ui, Action::Labels, m.has_doc, o);
            menu_checkbox(ui, Action::ToggleLearning, m.learn, true, o);
            menu_item(ui, Action::ResetLearned, m.has_doc, o);
        });
        ui.menu_button("Documents", |ui| {
            menu_checkbox(ui, Action::ToggleDone, m.done, m.has_doc, o);
            menu_item(ui, Action::NextUnfinished, m.in_folder, o);
            menu_item(ui, Action::RefreshFolder, m.in_folder && !m.folder_busy, o);
            menu_item(ui, Action::SearchFolder, m.in_folder, o);
            ui.separator();
            menu_item(ui, Action::Preannotate, m.in_folder && !m.folder_busy, o);
            menu_item(ui, Action::CancelPreannotation, m.folder_busy, o);
            if !m.in_folder {
                ui.weak(format!(
                    "Open a folder (File > {})\nto work through many documents.",
                    Action::OpenFolder.label()
                ));
            }
            ui.separator();
            menu_item(ui, Action::ReviewDocument, m.in_team && m.has_doc, o);
            ui.menu_button("Take a version", |ui| {
                let take = [Action::TakeVersion1, Action::TakeVersion2, Action::TakeVersion3, Action::TakeVersion4];
                for action in take.into_iter().chain([Action::TakeNeither]) {
                    menu_item(ui, action, m.reviewing, o);
                }
            });
            menu_checkbox(ui, Action::HideWhoSaidWhat, m.anonymous_review, true, o);
        });
        ui.menu_button("Claims", |ui| {
            menu_checkbox(ui, Action::ToggleClaims, m.show_claims, true, o);
            ui.separator();
            for action in [Action::NextClaim, Action::PrevClaim, Action::PickClaimant, Action::MakeClaim] {
                menu_item(ui, action, m.has_doc, o);
            }
            ui.separator();
            for action in [Action::SetCue, Action::ClearCue, Action::WorthChecking, Action::NotWorthChecking] {
                menu_item(ui, action, m.has_doc, o);
            }
            ui.weak(claims_hint(ui));
        });
        ui.menu_button("View", |ui| {
            menu_checkbox(ui, Action::DarkTheme, m.dark, true, o);
            menu_checkbox(ui, Action::ShowRejected, m.show_rejected, true, o);
            ui.separator();
            menu_item(ui, Action::TextBigger, true, o);
            menu_item(ui, Action::TextSmaller, true, o);
            ui.separator();
            menu_item(ui, Action::TeamAgreement, m.in_team, o);
        });
        ui.menu_button("Help", |ui| {
            menu_item(ui, Action::Shortcuts, true, o);
            menu_item(ui, Action::TeamGuidelines, m.in_team, o);
        });
    });
    out
}

/// How the entity keys act on claims, with the keys as the table has them.
fn claims_hint(ui: &Ui) -> String {
    let os = Writing::of(ui.ctx());
    let key = |a: Action| a.shortcut_text(os).unwrap_or_default();
    format!(
        "{} ({}) and {} ({}) act on the current claim\nafter {} or {}; {} goes back to entities.",
        Action::Accept.label(),
        key(Action::Accept),
        Action::Reject.label(),
        key(Action::Reject),
        key(Action::NextClaim),
        key(Action::PrevClaim),
        Action::NextPending.all_shortcuts_text(os),
    )
}
