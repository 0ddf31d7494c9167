//! Help > Team guidelines: the team project's annotation guidelines (the file its config names),
//! as text in a window, so that every analyst decides by the same rules without leaving the window.

use crate::command::{Action, Command, Overlay};
use eframe::egui;

/// The guidelines, read: the file they came from and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Guidelines {
    pub file: std::path::PathBuf,
    pub text: String,
}

pub fn show(ctx: &egui::Context, guidelines: &Guidelines) -> Vec<Command> {
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new(Action::TeamGuidelines.label())
        .open(&mut open)
        .default_width(560.0)
        .max_height((screen.height() - 120.0).max(160.0))
        .show(ctx, |ui| {
            ui.weak(guidelines.file.display().to_string());
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.add(egui::Label::new(&guidelines.text).wrap());
            });
        });
    if open { Vec::new() } else { vec![Command::Close(Overlay::Guidelines)] }
}
