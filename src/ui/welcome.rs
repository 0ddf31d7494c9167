//! The page shown with no document open: what Marginalia is for, the ways to open something, and the
//! recent files.

use crate::command::keys::Writing;
use crate::command::{Action, Command};
use eframe::egui::Ui;
use std::path::PathBuf;

pub fn show(ui: &mut Ui, recent: &[PathBuf]) -> Vec<Command> {
    let mut out = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("Marginalia");
        ui.label("Annotate entities and claims in news articles.");
        ui.add_space(16.0);
        for action in [Action::OpenArticle, Action::OpenFolder, Action::OpenPath] {
            let text = match action.shortcut_text(Writing::of(ui.ctx())) {
                Some(keys) => format!("{}  ({keys})", action.label()),
                None => action.label().to_string(),
            };
            if ui.button(text).on_hover_text(action.tooltip()).clicked() {
                out.push(action.command());
            }
        }
        if !recent.is_empty() {
            ui.add_space(16.0);
            ui.strong("Recent files");
            for p in recent {
                if ui.link(p.display().to_string()).clicked() {
                    out.push(Command::Open(p.clone()));
                }
            }
        }
    });
    out
}
