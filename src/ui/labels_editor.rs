//! Edit → Labels…: add labels, change their colours and hotkeys. Emits one `SetLabels` edit per change,
//! so each change is undoable and saved with the annotations.

use crate::annotation::{Hotkey, LabelSet};
use crate::command::{Command, keys};
use crate::session::{Edit, Session};
use eframe::egui::{self, Ui};
use std::collections::HashMap;

#[derive(Default)]
pub struct LabelsEditor {
    pub open: bool,
    new_name: String,
    /// What the analyst is typing in a label's key field, until Enter (by label name).
    key_drafts: HashMap<String, String>,
    /// Why the last key typed was refused.
    refused: Option<String>,
}

impl LabelsEditor {
    pub fn show(&mut self, ctx: &egui::Context, session: &Session) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut open = self.open;
        egui::Window::new("Labels").open(&mut open).resizable(false).show(ctx, |ui| {
            self.contents(ui, session, &mut commands);
        });
        self.open = open;
        commands
    }

    fn contents(&mut self, ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
        let labels = session.labels();
        let mut edited: Option<LabelSet> = None;
        egui::Grid::new("labels-grid").num_columns(4).striped(true).show(ui, |ui| {
            ui.strong("Label");
            ui.strong("Colour");
            ui.strong("Key");
            ui.label("");
            ui.end_row();
            for l in labels.iter() {
                let name = ui.label(&l.name);
                let mut rgb = l.rgb();
                if ui.color_edit_button_srgb(&mut rgb).labelled_by(name.id).changed() {
                    let mut set = labels.clone();
                    if let Some(m) = set.get_mut(&l.name) {
                        m.color = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
                    }
                    edited = Some(set);
                }
                let shown = || l.hotkey.map(|k| k.to_string()).unwrap_or_default();
                let mut text = self.key_drafts.get(&l.name).cloned().unwrap_or_else(shown);
                let field = ui
                    .add(egui::TextEdit::singleline(&mut text).desired_width(56.0).hint_text("–"))
                    .labelled_by(name.id)
                    .on_hover_text("1–9, Shift+1–9, or a letter no shortcut uses (Enter); empty for none");
                if field.changed() {
                    self.key_drafts.insert(l.name.clone(), text);
                }
                if field.lost_focus()
                    && let Some(draft) = self.key_drafts.remove(&l.name)
                {
                    match key_for(labels, &l.name, &draft) {
                        Ok(key) if key != l.hotkey => {
                            let mut set = labels.clone();
                            set.set_hotkey(&l.name, key);
                            edited = Some(set);
                            self.refused = None;
                        }
                        Ok(_) => self.refused = None,
                        Err(why) => self.refused = Some(why),
                    }
                }
                let used = session.annotations().spans().iter().filter(|s| s.label == l.name).count();
                let remove = ui.add_enabled(used == 0, egui::Button::new("Remove"));
                let remove = if used > 0 {
                    remove.on_disabled_hover_text(format!("{used} span(s) use this label"))
                } else {
                    remove
                };
                if remove.clicked() {
                    let mut set = labels.clone();
                    set.remove(&l.name);
                    edited = Some(set);
                }
                ui.end_row();
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            let name = ui.label("New label:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.new_name).hint_text("e.g. WEAPON").desired_width(140.0))
                .labelled_by(name.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Add").clicked() || enter {
                let mut set = labels.clone();
                if set.add(&self.new_name) {
                    edited = Some(set);
                    self.new_name.clear();
                }
            }
        });
        // Last, and always a line: the refusal takes the hint's place, and nothing moves.
        match &self.refused {
            Some(why) => ui.colored_label(ui.visuals().error_fg_color, why),
            None => ui.weak("A key: 1–9, Shift+1–9, or a letter no shortcut uses"),
        };
        if let Some(set) = edited {
            commands.push(Command::Edit(Edit::SetLabels(set)));
        }
    }
}

/// The key `text` names for label `name`, or why it cannot have it: it is no key a label can have,
/// a shortcut of the table takes it (A accepts), or another label has it.
fn key_for(labels: &LabelSet, name: &str, text: &str) -> Result<Option<Hotkey>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let Some(key) = Hotkey::parse(text) else {
        return Err(format!("“{}” cannot be a label's key: use 1–9, Shift+1–9 or a letter", text.trim()));
    };
    if let Some(action) = keys::taken_by(key) {
        return Err(format!("{key} is the key of {}: choose another for {name}", action.menu_path()));
    }
    match labels.by_hotkey(key) {
        Some(other) if other.name != name => {
            Err(format!("{key} is {}'s key: give {} another first", other.name, other.name))
        }
        _ => Ok(Some(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_a_shortcut_or_another_label_has_is_refused_saying_which() {
        let labels = LabelSet::default();
        assert_eq!(key_for(&labels, "LOC", " g "), Ok(Some(Hotkey::plain('G'))));
        assert_eq!(key_for(&labels, "LOC", "Shift+4"), Ok(Some(Hotkey::shifted('4'))));
        assert_eq!(key_for(&labels, "LOC", ""), Ok(None));
        assert_eq!(key_for(&labels, "LOC", "3"), Ok(Some(Hotkey::plain('3'))), "its own");
        let taken = key_for(&labels, "LOC", "a").unwrap_err();
        assert!(taken.contains("Edit > Accept"), "{taken}");
        assert!(key_for(&labels, "LOC", "2").unwrap_err().contains("ORG's key"));
        assert!(key_for(&labels, "LOC", "ctrl+g").is_err());
    }
}
