//! The error box: a message that needs the analyst's attention (a file that did not open, a save that
//! failed on quit), modal — it has the keyboard until closed with OK, Enter or Esc.

use crate::command::{Command, Overlay};
use eframe::egui::{self, RichText};

/// What happened, and what to do next.
#[derive(Debug, Clone)]
pub struct ErrorBox {
    pub title: String,
    pub message: String,
    pub advice: String,
}

pub fn show(ctx: &egui::Context, err: &ErrorBox) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(&err.title);
        ui.add_space(6.0);
        ui.label(RichText::new(&err.message).color(ui.visuals().error_fg_color));
        ui.add_space(6.0);
        ui.label(&err.advice);
        ui.add_space(8.0);
        let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
        if ui.button("OK").clicked() || enter {
            out.push(Command::Close(Overlay::Error));
        }
    });
    out
}
