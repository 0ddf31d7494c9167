//! The find bar over the article (Ctrl+F): a field, the count (`3 of 12`), next and previous
//! (Enter, Shift+Enter, F3, Shift+F3), case and whole-word toggles, and *label every match*.
//!
//! What matches is [`crate::text_search`]'s to say (curly and straight quotes alike). The bar finds
//! the matches again only when the query, its options or the document change; the article paints
//! them over its cached text ([`Marks`]), so typing never relays the article out. Finding changes
//! nothing in the annotations: only *label every match* does, as one [`Edit`].
//!
//! While its field has the keyboard the bar is on top (`app::overlays`): letters, digits, Tab, Enter
//! and Esc are the field's and the bar's, not the article's.

use super::actions;
use super::article_view::Marks;
use crate::command::keys::Writing;
use crate::command::{Action, Command, FolderQuery, Overlay};
use crate::doc::Document;
use crate::session::{Edit, Session};
use crate::text_search::{self, Options};
use eframe::egui::{self, Key, Modifiers, Ui};
use std::ops::Range;
use std::sync::Arc;

#[derive(Default)]
pub struct FindBar {
    open: bool,
    query: String,
    options: Options,
    /// The label *label every match* gives (the label set's first until chosen).
    label: Option<String>,
    matches: Vec<Range<usize>>,
    current: Option<usize>,
    /// What `matches` were found for: the query, its options and the document (held, so that
    /// another document is never taken for this one).
    found_for: Option<(String, Options, Arc<Document>)>,
    /// The match to make current once found (a folder search's hit).
    wanted: Option<Range<usize>>,
    /// Give the field the keyboard (and select its text) in the next frame.
    focus: bool,
    /// The field had the keyboard in the last frame.
    focused: bool,
}

impl FindBar {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The bar is open and its field has the keyboard: it is on top of the article.
    pub fn has_keyboard(&self) -> bool {
        self.open && self.focused
    }

    /// Opens the bar with the keyboard in its field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
        self.focused = true;
    }

    /// Opens the bar on `query`, with the match at `at` current (once the document is shown).
    pub fn open_at(&mut self, query: FolderQuery, at: Range<usize>) {
        self.query = query.text;
        self.options = query.options;
        self.wanted = Some(at);
        self.found_for = None;
        self.open();
    }

    pub fn close(&mut self) {
        self.open = false;
        self.focused = false;
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The matches found, and which is current.
    pub fn matches(&self) -> (&[Range<usize>], Option<usize>) {
        (&self.matches, self.current)
    }

    /// Makes the next (or previous) match current, wrapping around; false when there is none.
    pub fn step(&mut self, forward: bool) -> bool {
        let n = self.matches.len();
        if n == 0 {
            return false;
        }
        self.current = Some(match (self.current, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, _) => 0,
        });
        true
    }

    /// What the article paints: the matches and the current one, while the bar is open.
    pub fn marks(&self) -> Marks<'_> {
        if self.open { Marks { matches: &self.matches, current: self.current, places: &[] } } else { Marks::default() }
    }

    /// Finds the matches again if the query, its options or the document changed. The current match
    /// stays the first one at or after where the current one was (typing on keeps the place).
    fn refresh(&mut self, session: &Session) {
        let doc = session.shared_doc();
        let fresh = self
            .found_for
            .as_ref()
            .is_some_and(|(q, o, d)| *q == self.query && *o == self.options && Arc::ptr_eq(d, &doc));
        if fresh {
            return;
        }
        let from = self.current.and_then(|i| self.matches.get(i)).map_or(0, |r| r.start);
        self.matches = text_search::find_all(doc.text(), &self.query, self.options).collect();
        self.current = match self.wanted.take() {
            Some(at) => self.matches.iter().position(|r| *r == at),
            None => None,
        }
        .or_else(|| (!self.matches.is_empty()).then(|| self.matches.partition_point(|r| r.start < from)))
        .map(|i| i.min(self.matches.len().saturating_sub(1)));
        self.found_for = Some((self.query.clone(), self.options, doc));
    }

    /// Draws the bar (above the article) and returns what was asked for.
    pub fn show(&mut self, ui: &mut Ui, session: &Session) -> Vec<Command> {
        let mut out = Vec::new();
        self.refresh(session);
        let mut refocus = false;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Find");
            let edit = egui::TextEdit::singleline(&mut self.query)
                .hint_text("Words in the article")
                .desired_width(220.0)
                .return_key(None)
                .lock_focus(true);
            let field = ui.add(edit).labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                field.request_focus();
                select_all(ui, field.id, &self.query);
            }
            if field.has_focus() {
                if ui.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::Enter)) {
                    out.push(Command::FindPrevious);
                } else if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)) {
                    out.push(Command::FindNext);
                }
            }
            self.focused = field.has_focus();
            refocus = self.focused;
            // A fixed width, so that the buttons after it stay where they are while typing.
            ui.add_sized([90.0, field.rect.height()], egui::Label::new(self.count()));
            let n = self.matches.len();
            actions::button(ui, Action::FindPrevious, n > 0, &mut out);
            actions::button(ui, Action::FindNext, n > 0, &mut out);
            if ui.button("Close").on_hover_text("Close the find bar (Esc)").clicked() {
                out.push(Command::Close(Overlay::Find));
            }
        });
        ui.horizontal_wrapped(|ui| {
            let toggled = ui.checkbox(&mut self.options.match_case, "Match case").changed()
                | ui.checkbox(&mut self.options.whole_word, "Whole words").changed();
            // The field keeps the keyboard when a toggle is clicked, as in a browser's find bar.
            self.focus |= toggled && refocus;
            ui.separator();
            self.label_every_match(ui, session, &mut out);
        });
        ui.separator();
        out
    }

    /// `3 of 12`, `No matches`, or nothing before anything is typed.
    fn count(&self) -> String {
        match (self.matches.len(), self.current) {
            _ if self.query.is_empty() => String::new(),
            (0, _) => "No matches".into(),
            (n, Some(i)) => format!("{} of {n}", i + 1),
            (n, None) => format!("{n} matches"),
        }
    }

    fn label_every_match(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Command>) {
        let labels = session.labels();
        let chosen =
            self.label.clone().filter(|l| labels.contains(l)).or_else(|| labels.iter().next().map(|l| l.name.clone()));
        let Some(mut chosen) = chosen else { return };
        let caption = ui.label("Label:");
        let combo = egui::ComboBox::from_id_salt("find-label").selected_text(chosen.clone()).show_ui(ui, |ui| {
            for l in labels.iter() {
                ui.selectable_value(&mut chosen, l.name.clone(), &l.name);
            }
        });
        combo.response.labelled_by(caption.id);
        let n = self.matches.len();
        let button = egui::Button::new(format!("Label every match as {chosen}"));
        let undo = Action::Undo.shortcut_text(Writing::of(ui.ctx())).unwrap_or_default();
        let tip = format!(
            "Make every match a span with this label, in one step ({undo} takes them all back); matches over what you already decided, or inside a suggestion not reviewed yet, are left alone"
        );
        if ui.add_enabled(n > 0, button).on_hover_text(tip).clicked() {
            out.push(Command::Edit(Edit::LabelMatches { ranges: self.matches.clone(), label: chosen.clone() }));
        }
        self.label = Some(chosen);
    }
}

/// Selects the whole text of the field `id` (Ctrl+F again: typing replaces the query).
fn select_all(ui: &Ui, id: egui::Id, text: &str) {
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
        state.cursor.set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
        state.store(ui.ctx(), id);
    }
}
