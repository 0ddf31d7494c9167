//! The keyboard, read once per frame before drawing: each key goes to what is on top — the error
//! box, then an open popup or menu, then the window opened last, then the selection's label popup,
//! then the article's current item (`command::keys` says which keys reach which). An unresolved
//! conflict's choice above the article holds back the keys that would change the article behind it.

use super::App;
use crate::command::keys::{self, Holder, Pressed};
use crate::command::{Action, Command, Overlay};
use crate::session::Edit;
use eframe::egui;

impl App {
    /// What has the keyboard this frame.
    pub(super) fn keyboard_holder(&self, ctx: &egui::Context) -> Holder {
        match self.overlays.top() {
            Some(Overlay::Error) => Holder::Modal,
            // A menu, a context menu or a combo box (also one in a window) is on top of everything.
            _ if egui::Popup::is_any_open(ctx) => Holder::Popup,
            Some(_) => Holder::Window,
            None if self.panels.view.selection().is_some() => Holder::Selection,
            None => Holder::Article,
        }
    }

    pub(super) fn read_keys(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.keys_held) {
            return;
        }
        let labels = self.doc.session.as_ref().map(|s| s.labels());
        let is_label_key = |k| labels.is_some_and(|l| l.by_hotkey(k).is_some());
        let pressed = keys::take_pressed(ctx, self.keyboard_holder(ctx), is_label_key);
        for pressed in pressed {
            match pressed {
                // Esc closes what was on top when it was pressed (drawing may take the find bar's
                // field the keyboard before the command runs).
                Pressed::Action(Action::CloseWindow) => {
                    self.queue.push(self.overlays.top().map_or(Command::CloseTop, Command::Close));
                }
                Pressed::Action(action) => self.queue.push(action.command()),
                Pressed::Label(hotkey) => {
                    let Some(label) = self.doc.session.as_ref().and_then(|s| s.labels().by_hotkey(hotkey)) else {
                        continue;
                    };
                    let name = label.name.clone();
                    self.queue.push(if self.panels.view.selection().is_some() {
                        Command::LabelSelection(name)
                    } else {
                        Command::Edit(Edit::Relabel(name))
                    });
                }
            }
        }
    }
}
