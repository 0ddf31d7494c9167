//! Edit → Labels…: add labels, change their colours and hotkeys. Emits one `SetLabels` edit per change,
//! so each change is undoable and saved with the annotations.

use crate::annotation::LabelSet;
use crate::command::Command;
use crate::session::{Edit, Session};
use eframe::egui::{self, Ui};

#[derive(Default)]
pub struct LabelsEditor {
    pub open: bool,
    new_name: String,
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
                let mut key = l.hotkey;
                egui::ComboBox::from_id_salt(("hotkey", &l.name))
                    .width(48.0)
                    .selected_text(key.map(String::from).unwrap_or_else(|| "–".into()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut key, None, "–");
                        for k in '1'..='9' {
                            ui.selectable_value(&mut key, Some(k), k.to_string());
                        }
                    })
                    .response
                    .labelled_by(name.id);
                if key != l.hotkey {
                    let mut set = labels.clone();
                    set.set_hotkey(&l.name, key);
                    edited = Some(set);
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
        if let Some(set) = edited {
            commands.push(Command::Edit(Edit::SetLabels(set)));
        }
    }
}
