//! Help > Keyboard shortcuts: every key of the command table by menu, the label hotkeys of the open
//! document's label set, and what the mouse does.

use crate::annotation::LabelSet;
use crate::command::keys::Writing;
use crate::command::{Action, Command, Group, Overlay};
use eframe::egui::{self, RichText, Ui};

/// The window; `labels` are the open document's (their hotkeys are listed too).
pub fn show(ctx: &egui::Context, labels: Option<&LabelSet>) -> Vec<Command> {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts").open(&mut open).resizable(false).show(ctx, |ui| {
        egui::ScrollArea::vertical().max_height(ctx.content_rect().height() - 120.0).show(ui, |ui| table(ui, labels));
    });
    if open { Vec::new() } else { vec![Command::Close(Overlay::Shortcuts)] }
}

fn table(ui: &mut Ui, labels: Option<&LabelSet>) {
    let os = Writing::of(ui.ctx());
    egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
        for group in Group::ALL {
            let keyed: Vec<Action> =
                Action::ALL.iter().copied().filter(|a| a.group() == group && !a.shortcuts().is_empty()).collect();
            if keyed.is_empty() {
                continue;
            }
            ui.strong(group.title());
            ui.end_row();
            for action in keyed {
                ui.label(RichText::new(action.all_shortcuts_text(os)).monospace());
                ui.label(action.label()).on_hover_text(action.tooltip());
                ui.end_row();
            }
        }
        ui.strong("Labels");
        ui.end_row();
        let keyed: Vec<_> =
            labels.into_iter().flat_map(|l| l.iter()).filter_map(|l| Some((l.hotkey?, &l.name))).collect();
        for (key, name) in &keyed {
            ui.label(RichText::new(key.to_string()).monospace());
            ui.label(format!("{name}: relabel the current span, or label the selection"));
            ui.end_row();
        }
        if keyed.is_empty() {
            ui.label(RichText::new("1 – 9").monospace());
            ui.label(format!(
                "A label's hotkey (Edit > {}): relabel the current span, or label the selection",
                Action::Labels.label()
            ));
            ui.end_row();
        }
        ui.strong("Mouse");
        ui.end_row();
        ui.label(RichText::new("Drag").monospace());
        ui.label("Select text (snaps to whole words; hold Alt for characters)");
        ui.end_row();
        ui.label(RichText::new("Right-click").monospace());
        ui.label("Relabel, accept, reject, delete, accept all mentions");
        ui.end_row();
    });
}
