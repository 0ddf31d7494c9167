//! Help > Keyboard shortcuts: every key of the command table by menu, the label hotkeys of the open
//! document's label set, and what the mouse does.

use crate::annotation::LabelSet;
use crate::command::keys::Writing;
use crate::command::{Action, Command, Group, Overlay};
use eframe::egui::{self, RichText, Ui};

/// The label hotkeys, as the Help window and the first-run hint write them.
pub const LABEL_KEYS: &str = "1–9";

/// A window at least this wide shows the keys in two columns side by side (one under the other on
/// a narrower one).
const TWO_COLUMNS: f32 = 1200.0;

/// Room left above the window for the menu bar.
const MENU_BAR: f32 = 32.0;

/// The window; `labels` are the open document's (their hotkeys are listed too). It fits the
/// screen: what does not fit scrolls.
pub fn show(ctx: &egui::Context, labels: Option<&LabelSet>) -> Vec<Command> {
    let mut open = true;
    let screen = ctx.content_rect();
    // Under the menu bar, which stays in reach.
    let window = egui::Window::new(Action::Shortcuts.label()).open(&mut open).resizable(false);
    let top = screen.center_top() + egui::vec2(0.0, MENU_BAR);
    window.pivot(egui::Align2::CENTER_TOP).default_pos(top).max_width(screen.width() - 32.0).show(ctx, |ui| {
        // The menu bar, the title bar and the window's margins take the rest.
        let scroll = egui::ScrollArea::vertical().max_height((screen.height() - MENU_BAR - 90.0).max(120.0));
        scroll.show(ui, |ui| {
            let w = Writing::of(ui.ctx());
            let first = |ui: &mut Ui| {
                for group in [Group::File, Group::Edit, Group::Documents] {
                    actions(ui, group, w);
                }
            };
            let second = |ui: &mut Ui| {
                for group in [Group::Claims, Group::View, Group::Windows] {
                    actions(ui, group, w);
                }
                hotkeys(ui, labels);
                mouse(ui);
            };
            if screen.width() >= TWO_COLUMNS {
                ui.horizontal_top(|ui| {
                    grid(ui, "shortcuts-1", first);
                    ui.add_space(24.0);
                    grid(ui, "shortcuts-2", second);
                });
            } else {
                grid(ui, "shortcuts", |ui| {
                    first(ui);
                    second(ui);
                });
            }
        });
    });
    if open { Vec::new() } else { vec![Command::Close(Overlay::Shortcuts)] }
}

fn grid(ui: &mut Ui, id: &str, rows: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id).num_columns(2).striped(true).show(ui, rows);
}

fn row(ui: &mut Ui, keys: &str, what: &str) -> egui::Response {
    ui.label(RichText::new(keys).monospace());
    let response = ui.label(what);
    ui.end_row();
    response
}

/// The actions of a menu that have keys.
fn actions(ui: &mut Ui, group: Group, w: Writing) {
    let keyed: Vec<Action> =
        Action::ALL.iter().copied().filter(|a| a.group() == group && !a.shortcuts().is_empty()).collect();
    if keyed.is_empty() {
        return;
    }
    ui.strong(group.title());
    ui.end_row();
    for action in keyed {
        row(ui, &action.all_shortcuts_text(w), action.label()).on_hover_text(action.tooltip());
    }
}

/// The label set's hotkeys.
fn hotkeys(ui: &mut Ui, labels: Option<&LabelSet>) {
    ui.strong("Labels");
    ui.end_row();
    let keyed: Vec<_> = labels.into_iter().flat_map(|l| l.iter()).filter_map(|l| Some((l.hotkey?, &l.name))).collect();
    for (key, name) in &keyed {
        row(ui, &key.to_string(), &format!("{name}: relabel the current span, or label the selection"));
    }
    if keyed.is_empty() {
        let what = format!(
            "A label's hotkey (Edit > {}): relabel the current span, or label the selection",
            Action::Labels.label()
        );
        row(ui, LABEL_KEYS, &what);
    }
}

fn mouse(ui: &mut Ui) {
    ui.strong("Mouse");
    ui.end_row();
    row(ui, "Drag", "Select text (snaps to whole words; hold Alt for characters)");
    row(ui, "Right-click", "On a span: relabel, accept, reject, delete, accept all mentions");
    row(ui, "", "On a claim: accept, reject, claimant, cue, check-worthiness, its edges, delete");
}
