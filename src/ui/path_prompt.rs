//! The path field, shown instead of a native file dialog where none can be shown (or asked for with
//! File > Open path…): type a path, Enter or OK to use it, Esc or Cancel to close.

use crate::command::{Command, DialogKind, Overlay};
use eframe::egui::{self, RichText};

pub struct PathPrompt {
    pub kind: DialogKind,
    pub text: String,
    /// Why the field is shown (no file dialog on this system), if that needs saying.
    pub note: Option<String>,
}

impl PathPrompt {
    pub fn new(kind: DialogKind, note: Option<String>) -> Self {
        Self { kind, text: String::new(), note }
    }
}

pub fn show(ctx: &egui::Context, prompt: &mut PathPrompt) -> Vec<Command> {
    let mut out = Vec::new();
    let (mut submit, mut cancel) = (false, false);
    egui::Window::new(prompt.kind.title()).collapsible(false).resizable(false).show(ctx, |ui| {
        if let Some(note) = &prompt.note {
            ui.label(RichText::new(note).color(ui.visuals().warn_fg_color));
        }
        ui.horizontal(|ui| {
            let label = ui.label("Path:");
            let hint = if prompt.kind.wants_folder() { "/home/you/articles" } else { "/home/you/article.txt" };
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(380.0).hint_text(hint))
                .labelled_by(label.id);
            if !field.has_focus() && prompt.text.is_empty() {
                field.request_focus();
            }
            submit =
                field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !prompt.text.trim().is_empty();
        });
        ui.horizontal(|ui| {
            submit |= ui.add_enabled(!prompt.text.trim().is_empty(), egui::Button::new("OK")).clicked();
            cancel = ui.button("Cancel").clicked();
        });
    });
    if submit || cancel {
        out.push(Command::Close(Overlay::Prompt));
    }
    if submit {
        out.push(prompt.kind.chosen(std::path::PathBuf::from(prompt.text.trim())));
    }
    out
}
