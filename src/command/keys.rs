//! Which keys reach what this frame, and how a shortcut is written for people.
//!
//! What is on top takes the keyboard first ([`Holder`]): the modal error box, then an open popup or
//! menu, then a window over the article (a dialog, the claimant picker, the keyboard help), then text
//! selected in the article (its label popup), and only then the article's current item. A key that
//! reaches no action is left for the widget on top (the picker's Enter, a text field's letters).
//! Ctrl shortcuts (save, undo, quit, …) reach everywhere but under the modal error box, also while a
//! text field has the keyboard — except those a text field needs itself (Ctrl+→ moves by a word).
//!
//! egui matches modifiers logically — Shift and Alt pressed beyond a shortcut's are ignored, so that
//! Shift+Tab matches Tab too — so [`keymap`] lists the most specific shortcuts first, and a key press
//! goes to the first entry it matches, or to nothing if that entry is out of reach (Shift+A never
//! falls through to A).

use super::{Action, Scope};
use crate::annotation::Hotkey;
use eframe::egui::{self, Event, FontId, Key, KeyboardShortcut, Modifiers, os::OperatingSystem};

/// What has the keyboard this frame, from the top down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The modal error box: keys only close it.
    Modal,
    /// A popup or menu, over the article or a window (it closes itself on Esc).
    Popup,
    /// A window over the article.
    Window,
    /// Text selected in the article: its label popup.
    Selection,
    /// The article and its current item.
    Article,
}

impl Holder {
    pub const ALL: [Holder; 5] = [Holder::Modal, Holder::Popup, Holder::Window, Holder::Selection, Holder::Article];
}

/// What a key press of this frame was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pressed {
    Action(Action),
    /// A label's hotkey (1–9, Shift+1–9, a letter): label the selected text, or relabel the current span.
    Label(Hotkey),
}

impl Scope {
    /// Whether `shortcut`, of this scope, reaches its action while `holder` has the keyboard
    /// (`typing`: a text field has it).
    pub fn reached(self, holder: Holder, typing: bool, shortcut: &KeyboardShortcut) -> bool {
        match self {
            Scope::Window => holder != Holder::Modal && !(typing && edits_text(shortcut)),
            Scope::Overlay => matches!(holder, Holder::Modal | Holder::Window),
            Scope::Article => labels_reached(holder, typing),
            Scope::Item => holder == Holder::Article && !typing,
        }
    }
}

/// Whether label hotkeys reach the article (they label a selection, or relabel the current span).
pub fn labels_reached(holder: Holder, typing: bool) -> bool {
    matches!(holder, Holder::Selection | Holder::Article) && !typing
}

/// Whether a text field needs `shortcut` itself (typing, moving the cursor, the clipboard): such
/// shortcuts do not act while one has the keyboard.
pub fn edits_text(shortcut: &KeyboardShortcut) -> bool {
    let m = shortcut.modifiers;
    let ctrl = m.command || m.ctrl || m.mac_cmd;
    let moves = matches!(
        shortcut.logical_key,
        Key::ArrowLeft
            | Key::ArrowRight
            | Key::ArrowUp
            | Key::ArrowDown
            | Key::Home
            | Key::End
            | Key::PageUp
            | Key::PageDown
            | Key::Backspace
            | Key::Delete
    );
    let clipboard = matches!(shortcut.logical_key, Key::A | Key::C | Key::V | Key::X);
    // Function keys type nothing: F3 finds the next match also from the find bar's field.
    let function = matches!(
        shortcut.logical_key,
        Key::F1
            | Key::F2
            | Key::F3
            | Key::F4
            | Key::F5
            | Key::F6
            | Key::F7
            | Key::F8
            | Key::F9
            | Key::F10
            | Key::F11
            | Key::F12
    );
    (!ctrl && !function) || moves || clipboard
}

/// Every shortcut of the table with its action, the most specific first (more of Shift and Alt:
/// Shift+Tab before Tab, Ctrl+Shift+Z before Ctrl+Z); otherwise in the table's order.
/// Built once: every frame reads it.
pub fn keymap() -> &'static [(KeyboardShortcut, Action)] {
    static MAP: std::sync::LazyLock<Vec<(KeyboardShortcut, Action)>> = std::sync::LazyLock::new(|| {
        let mut map: Vec<_> =
            Action::ALL.iter().flat_map(|&a| a.shortcuts().into_iter().map(move |s| (s, a))).collect();
        map.sort_by_key(|(s, _)| std::cmp::Reverse(u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt)));
        map
    });
    &MAP
}

/// The shortcut of `map` a press of `key` with `modifiers` goes to: the first it matches.
fn chord_for(map: &[(KeyboardShortcut, Action)], key: Key, modifiers: Modifiers) -> Option<KeyboardShortcut> {
    map.iter().map(|(s, _)| *s).find(|s| s.logical_key == key && modifiers.matches_logically(s.modifiers))
}

/// The action a press goes to while `holder` has the keyboard: of the actions on the shortcut it
/// goes to, the one that reaches (Esc clears the selection in the article, closes a dialog over it).
fn action_for(
    map: &[(KeyboardShortcut, Action)],
    key: Key,
    modifiers: Modifiers,
    holder: Holder,
    typing: bool,
) -> Option<Action> {
    let chord = chord_for(map, key, modifiers)?;
    map.iter().find(|(s, a)| *s == chord && a.scope().reached(holder, typing, s)).map(|(_, a)| *a)
}

/// The label hotkey a press is, if any: a digit with Shift or without, a letter without; never
/// with Ctrl or Alt.
fn label_key(key: Key, modifiers: Modifiers) -> Option<Hotkey> {
    if modifiers.command || modifiers.ctrl || modifiers.mac_cmd || modifiers.alt {
        return None;
    }
    let mut name = key.name().chars();
    let (Some(c), None) = (name.next(), name.next()) else { return None };
    Some(Hotkey { key: c, shift: modifiers.shift }).filter(|h| h.is_valid())
}

/// The key a label's hotkey (or an Alt+digit shortcut) is read from: a digit key by where it is on
/// the keyboard, since what it types depends on Shift and the layout (Shift+1 types `!` on a US
/// keyboard, and a French one types digits only with Shift); any other key by what it types.
fn digit_key_of(key: Key, physical_key: Option<Key>) -> Key {
    const DIGITS: [Key; 10] =
        [Key::Num0, Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];
    physical_key.filter(|k| DIGITS.contains(k)).unwrap_or(key)
}

/// The key a label hotkey is pressed with.
fn hotkey_press(hotkey: Hotkey) -> Option<(Key, Modifiers)> {
    let modifiers = if hotkey.shift { Modifiers::SHIFT } else { Modifiers::NONE };
    Key::from_name(&hotkey.key.to_string()).map(|k| (k, modifiers))
}

/// The action of the table that a press of `hotkey` would go to instead of the label (A is
/// Accept's, J Next pending's): such a key cannot be a label's.
pub fn taken_by(hotkey: Hotkey) -> Option<Action> {
    let (key, modifiers) = hotkey_press(hotkey)?;
    let chord = chord_for(keymap(), key, modifiers)?;
    keymap().iter().find(|(s, _)| *s == chord).map(|(_, a)| *a)
}

/// Takes the key presses of this frame that reach an action or a label's hotkey (one
/// `is_label_key` says a label has), in the order they were pressed; the others stay for the widgets.
pub fn take_pressed(ctx: &egui::Context, holder: Holder, is_label_key: impl Fn(Hotkey) -> bool) -> Vec<Pressed> {
    let typing = ctx.text_edit_focused();
    let map = keymap();
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        i.events.retain(|event| {
            let Event::Key { key, physical_key, modifiers, pressed: true, .. } = event else { return true };
            // Alt+digit (taking an analyst's version) is the digit key wherever the layout puts digits.
            let key = if modifiers.alt { digit_key_of(*key, *physical_key) } else { *key };
            let pressed = match chord_for(map, key, *modifiers) {
                Some(_) => action_for(map, key, *modifiers, holder, typing).map(Pressed::Action),
                None => label_key(digit_key_of(key, *physical_key), *modifiers)
                    .filter(|&k| labels_reached(holder, typing) && is_label_key(k))
                    .map(Pressed::Label),
            };
            out.extend(pressed);
            pressed.is_none()
        });
    });
    out
}

/// How shortcuts are written in this window: with a Mac's modifier names or not, and with arrows or
/// with words for the arrow keys (egui's own font has no `→`; the system's fallback fonts do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Writing {
    pub mac: bool,
    pub arrows: bool,
}

impl Writing {
    pub fn of(ctx: &egui::Context) -> Self {
        let arrows = ctx.fonts_mut(|f| f.has_glyphs(&FontId::proportional(14.0), "←→↑↓"));
        Self { mac: ctx.os() == OperatingSystem::Mac, arrows }
    }
}

/// A shortcut as people write it: `Ctrl+Shift+Z`, `]`, `Ctrl+=`, `Alt+Shift+→` (`Cmd` and `Option`
/// on a Mac). egui's own names would read `CloseBracket`.
pub fn describe(shortcut: &KeyboardShortcut, w: Writing) -> String {
    let m = shortcut.modifiers;
    let mut parts = Vec::new();
    if w.mac {
        if m.ctrl {
            parts.push("Ctrl");
        }
        if m.command || m.mac_cmd {
            parts.push("Cmd");
        }
        if m.alt {
            parts.push("Option");
        }
    } else {
        if m.ctrl || m.command {
            parts.push("Ctrl");
        }
        if m.alt {
            parts.push("Alt");
        }
    }
    if m.shift {
        parts.push("Shift");
    }
    parts.push(key_name(shortcut.logical_key, w.arrows));
    parts.join("+")
}

/// A key's name as printed on it, or as people say it (the arrow keys as arrows, with `arrows`).
pub fn key_name(key: Key, arrows: bool) -> &'static str {
    match key {
        Key::ArrowLeft if arrows => "←",
        Key::ArrowRight if arrows => "→",
        Key::ArrowUp if arrows => "↑",
        Key::ArrowDown if arrows => "↓",
        Key::ArrowLeft => "Left",
        Key::ArrowRight => "Right",
        Key::ArrowUp => "Up",
        Key::ArrowDown => "Down",
        Key::Escape => "Esc",
        Key::Minus => "-",
        Key::PageUp => "Page Up",
        Key::PageDown => "Page Down",
        _ => key.symbol_or_name(),
    }
}

impl Action {
    /// Its first shortcut as people write it (what menus and tooltips show).
    pub fn shortcut_text(self, w: Writing) -> Option<String> {
        self.shortcuts().first().map(|s| describe(s, w))
    }

    /// All its shortcuts, for the Help window: `Ctrl+Shift+Z  or  Ctrl+Y`.
    pub fn all_shortcuts_text(self, w: Writing) -> String {
        self.shortcuts().iter().map(|s| describe(s, w)).collect::<Vec<_>>().join("  or  ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIX: Writing = Writing { mac: false, arrows: true };

    /// Two chords that are one key press for egui (Command is Ctrl off a Mac).
    fn same_chord(a: &KeyboardShortcut, b: &KeyboardShortcut) -> bool {
        let (x, y) = (a.modifiers, b.modifiers);
        a.logical_key == b.logical_key
            && x.alt == y.alt
            && x.shift == y.shift
            && (x.command || x.ctrl) == (y.command || y.ctrl)
    }

    #[test]
    fn no_two_actions_share_a_key_where_both_reach() {
        let map = keymap();
        for holder in Holder::ALL {
            for typing in [false, true] {
                let live: Vec<_> = map.iter().filter(|(s, a)| a.scope().reached(holder, typing, s)).collect();
                for (i, (sa, a)) in live.iter().enumerate() {
                    for (sb, b) in &live[i + 1..] {
                        assert!(
                            !same_chord(sa, sb),
                            "{a:?} and {b:?} are both on {} ({holder:?}, typing: {typing})",
                            describe(sa, NIX)
                        );
                    }
                    let digit = label_key(sa.logical_key, sa.modifiers).is_some_and(|h| h.key.is_ascii_digit());
                    assert!(
                        !(digit && labels_reached(holder, typing)),
                        "{a:?} takes {}, a label's hotkey ({holder:?})",
                        describe(sa, NIX)
                    );
                }
            }
        }
    }

    #[test]
    fn a_more_specific_shortcut_comes_before_the_one_it_would_also_match() {
        let map = keymap();
        for (j, (later, b)) in map.iter().enumerate() {
            let caught = chord_for(map, later.logical_key, later.modifiers);
            assert_eq!(caught, Some(*later), "pressing {} goes elsewhere than {b:?}", describe(later, NIX));
            for (earlier, a) in &map[..j] {
                let shadows = earlier.logical_key == later.logical_key
                    && later.modifiers.matches_logically(earlier.modifiers)
                    && earlier != later;
                assert!(!shadows, "{a:?} ({}) hides {b:?} ({})", describe(earlier, NIX), describe(later, NIX));
            }
        }
        let first = |key, m| action_for(map, key, m, Holder::Article, false);
        assert_eq!(first(Key::Tab, Modifiers::SHIFT), Some(Action::PrevPending));
        assert_eq!(first(Key::Tab, Modifiers::NONE), Some(Action::NextPending));
        assert_eq!(first(Key::Z, Modifiers { shift: true, ..Modifiers::COMMAND }), Some(Action::Redo));
        assert_eq!(first(Key::ArrowRight, Modifiers { shift: true, ..Modifiers::ALT }), Some(Action::GrowEnd));
    }

    #[test]
    fn what_is_on_top_takes_the_keyboard_and_ctrl_shortcuts_still_work_while_typing() {
        let map = keymap();
        let reaches = |key, m, holder, typing| action_for(map, key, m, holder, typing).is_some();
        assert!(reaches(Key::A, Modifiers::NONE, Holder::Article, false));
        assert!(!reaches(Key::A, Modifiers::NONE, Holder::Window, false), "not behind a dialog");
        assert!(!reaches(Key::Enter, Modifiers::NONE, Holder::Window, false), "the picker's Enter is its own");
        assert!(!reaches(Key::Tab, Modifiers::NONE, Holder::Selection, false), "the label popup has the keys");
        assert!(reaches(Key::Escape, Modifiers::NONE, Holder::Selection, false), "Esc clears the selection");
        assert!(reaches(Key::Z, Modifiers::COMMAND, Holder::Window, true), "undo while typing in a dialog");
        assert!(reaches(Key::S, Modifiers::COMMAND, Holder::Popup, false));
        assert!(!reaches(Key::ArrowRight, Modifiers::COMMAND, Holder::Window, true), "Ctrl+→ moves the cursor");
        assert!(reaches(Key::F3, Modifiers::SHIFT, Holder::Window, true), "the previous match, from the find bar");
        assert!(!reaches(Key::Enter, Modifiers::NONE, Holder::Window, true), "the find bar's Enter is its own");
        assert!(!reaches(Key::S, Modifiers::COMMAND, Holder::Modal, false), "the error box first");
        assert!(reaches(Key::Escape, Modifiers::NONE, Holder::Modal, false), "Esc closes it");
        let esc = |holder| action_for(map, Key::Escape, Modifiers::NONE, holder, false);
        assert_eq!(esc(Holder::Window), Some(Action::CloseWindow));
        assert_eq!(esc(Holder::Article), Some(Action::ClearSelection));
        let shift_a = |holder| action_for(map, Key::A, Modifiers::SHIFT, holder, false);
        assert_eq!(shift_a(Holder::Article), Some(Action::AcceptAllMentions));
        assert_eq!(shift_a(Holder::Selection), None, "never falls through to A");
        assert!(!reaches(Key::Escape, Modifiers::NONE, Holder::Popup, false), "a popup closes itself");
        assert!(labels_reached(Holder::Selection, false) && !labels_reached(Holder::Window, false));
    }

    #[test]
    fn a_letter_the_table_uses_is_taken_and_the_eighteen_digit_keys_are_free() {
        assert_eq!(taken_by(Hotkey::plain('A')), Some(Action::Accept));
        assert_eq!(taken_by(Hotkey::plain('J')), Some(Action::NextPending));
        assert_eq!(taken_by(Hotkey::plain('C')), Some(Action::MakeClaim));
        assert_eq!(taken_by(Hotkey::plain('G')), None);
        for d in '1'..='9' {
            assert_eq!((taken_by(Hotkey::plain(d)), taken_by(Hotkey::shifted(d))), (None, None), "{d}");
            let (key, m) = hotkey_press(Hotkey::shifted(d)).expect("a key");
            assert_eq!(label_key(key, m), Some(Hotkey::shifted(d)));
        }
        assert_eq!(label_key(Key::G, Modifiers::SHIFT), None, "Shift and a letter are the table's");
        assert_eq!(label_key(Key::Num2, Modifiers::COMMAND), None);
    }

    #[test]
    fn shortcuts_read_as_people_write_them() {
        let s = |m, k| describe(&KeyboardShortcut::new(m, k), NIX);
        assert_eq!(s(Modifiers { shift: true, ..Modifiers::COMMAND }, Key::Z), "Ctrl+Shift+Z");
        assert_eq!(s(Modifiers::NONE, Key::CloseBracket), "]");
        assert_eq!(s(Modifiers::NONE, Key::OpenBracket), "[");
        assert_eq!(s(Modifiers::COMMAND, Key::Equals), "Ctrl+=");
        assert_eq!(s(Modifiers::COMMAND, Key::Minus), "Ctrl+-");
        assert_eq!(s(Modifiers { shift: true, ..Modifiers::ALT }, Key::ArrowRight), "Alt+Shift+→");
        assert_eq!(s(Modifiers::NONE, Key::Escape), "Esc");
        assert_eq!(s(Modifiers::NONE, Key::F5), "F5");
        let mac = describe(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O), Writing { mac: true, arrows: true });
        assert_eq!(mac, "Cmd+O");
        let plain = Writing { mac: false, arrows: false };
        assert_eq!(describe(&KeyboardShortcut::new(Modifiers::COMMAND, Key::ArrowRight), plain), "Ctrl+Right");
        assert_eq!(Action::Redo.all_shortcuts_text(NIX), "Ctrl+Shift+Z  or  Ctrl+Y");
        assert_eq!(Action::OpenFolder.shortcut_text(NIX).as_deref(), Some("Ctrl+Shift+O"));
    }
}
