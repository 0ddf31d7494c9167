//! Menu items, buttons and checkboxes drawn from the command table: the label, the shortcut beside it
//! and the tooltip all come from [`Action`], so no widget writes them itself.

use crate::command::keys::Writing;
use crate::command::{Action, Command};
use eframe::egui::{self, Ui};

/// What hovering an action says: its tooltip, and its shortcut when it has one.
pub fn hover_text(ui: &Ui, action: Action) -> String {
    match action.shortcut_text(Writing::of(ui.ctx())) {
        Some(keys) => format!("{} ({keys})", action.tooltip()),
        None => action.tooltip().to_string(),
    }
}

/// A menu item: the action's label with its shortcut beside it; a click sends its command and closes
/// the menu.
pub fn menu_item(ui: &mut Ui, action: Action, enabled: bool, out: &mut Vec<Command>) {
    let mut button = egui::Button::new(action.label());
    if let Some(keys) = action.shortcut_text(Writing::of(ui.ctx())) {
        button = button.shortcut_text(keys);
    }
    if ui.add_enabled(enabled, button).on_hover_text(action.tooltip()).clicked() {
        out.push(action.command());
        ui.close();
    }
}

/// A menu checkbox showing `on`; a click sends the action's command (which toggles it).
pub fn menu_checkbox(ui: &mut Ui, action: Action, on: bool, enabled: bool, out: &mut Vec<Command>) {
    let mut shown = on;
    let checkbox = ui.add_enabled(enabled, egui::Checkbox::new(&mut shown, action.label()));
    if checkbox.on_hover_text(hover_text(ui, action)).clicked() {
        out.push(action.command());
    }
}

/// A button outside the menus (its short label, the tooltip and shortcut on hover); a click sends the
/// action's command.
pub fn button(ui: &mut Ui, action: Action, enabled: bool, out: &mut Vec<Command>) {
    let hover = hover_text(ui, action);
    if ui.add_enabled(enabled, egui::Button::new(action.button_label())).on_hover_text(hover).clicked() {
        out.push(action.command());
    }
}
