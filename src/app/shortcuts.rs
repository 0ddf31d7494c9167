//! The keyboard map, in one table: the app reads keys through it, the Help window lists it.
//!
//! egui matches modifiers "logically" (extra Shift/Alt are ignored), so more specific shortcuts come
//! first: Shift+Tab before Tab, Alt+Shift+→ before Alt+→, Ctrl+Shift+Z before Ctrl+Z.

use super::command::Command;
use crate::session::Edit;
use eframe::egui::{Key, KeyboardShortcut, Modifiers};

pub struct Binding {
    pub shortcut: KeyboardShortcut,
    pub command: Command,
    pub what: &'static str,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const ALT_SHIFT: Modifiers = Modifiers { alt: true, shift: true, ..Modifiers::NONE };
const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

/// Every binding, most specific first. Label hotkeys (1–9) come from the label set, not from here.
pub fn bindings() -> Vec<Binding> {
    use Command as C;
    use Edit as E;
    let b = |shortcut, command, what| Binding { shortcut, command, what };
    vec![
        b(key(CTRL_SHIFT, Key::Z), C::Edit(E::Redo), "Redo"),
        b(key(Modifiers::COMMAND, Key::Y), C::Edit(E::Redo), "Redo"),
        b(key(Modifiers::COMMAND, Key::Z), C::Edit(E::Undo), "Undo"),
        b(key(CTRL_SHIFT, Key::O), C::OpenFolderDialog, "Open folder…"),
        b(key(Modifiers::COMMAND, Key::O), C::OpenArticleDialog, "Open article…"),
        b(key(Modifiers::COMMAND, Key::ArrowRight), C::NextUnfinished, "Next unfinished document of the folder"),
        b(key(Modifiers::COMMAND, Key::D), C::ToggleDone, "Mark the document done (or not)"),
        b(key(Modifiers::NONE, Key::F5), C::RefreshFolder, "List the folder again"),
        b(key(Modifiers::COMMAND, Key::E), C::ShowExport, "Export dataset…"),
        b(key(Modifiers::COMMAND, Key::S), C::SaveNow, "Save now"),
        b(key(Modifiers::COMMAND, Key::Q), C::Quit, "Quit"),
        b(key(Modifiers::COMMAND, Key::Equals), C::TextBigger, "Bigger text"),
        b(key(Modifiers::COMMAND, Key::Plus), C::TextBigger, "Bigger text"),
        b(key(Modifiers::COMMAND, Key::Minus), C::TextSmaller, "Smaller text"),
        b(key(Modifiers::SHIFT, Key::Tab), C::Edit(E::PrevPending), "Previous pending item"),
        b(key(Modifiers::NONE, Key::Tab), C::Edit(E::NextPending), "Next pending item"),
        b(key(Modifiers::NONE, Key::J), C::Edit(E::NextPending), "Next pending item"),
        b(key(Modifiers::NONE, Key::K), C::Edit(E::PrevPending), "Previous pending item"),
        b(key(Modifiers::SHIFT, Key::A), C::Edit(E::AcceptAllMentions), "Accept every identical mention"),
        b(key(Modifiers::NONE, Key::A), C::Edit(E::Accept), "Accept"),
        b(key(Modifiers::NONE, Key::Enter), C::Edit(E::Accept), "Accept"),
        b(key(Modifiers::NONE, Key::X), C::Edit(E::Reject), "Reject"),
        b(key(Modifiers::NONE, Key::Delete), C::Edit(E::Reject), "Reject"),
        b(key(ALT_SHIFT, Key::ArrowRight), C::Edit(E::GrowEnd), "Grow the span by one token"),
        b(key(ALT_SHIFT, Key::ArrowLeft), C::Edit(E::ShrinkEnd), "Shrink the span by one token"),
        b(key(Modifiers::ALT, Key::ArrowRight), C::Edit(E::MoveRight), "Move the span one token right"),
        b(key(Modifiers::ALT, Key::ArrowLeft), C::Edit(E::MoveLeft), "Move the span one token left"),
        b(key(Modifiers::NONE, Key::Escape), C::ClearSelection, "Clear the selection"),
        b(key(Modifiers::NONE, Key::CloseBracket), C::Edit(E::NextClaim), "Next claim"),
        b(key(Modifiers::NONE, Key::OpenBracket), C::Edit(E::PrevClaim), "Previous claim"),
        b(key(Modifiers::SHIFT, Key::C), C::ToggleClaims, "Show or hide claims"),
        b(key(Modifiers::NONE, Key::C), C::MakeClaim, "Make a claim of the selected text"),
        b(key(Modifiers::NONE, Key::W), C::PickClaimant, "Change who makes the current claim"),
    ]
}

/// The text shown for a binding, e.g. `Ctrl+Shift+Z`.
pub fn describe(ctx: &eframe::egui::Context, shortcut: &KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
}

/// The first shortcut bound to `command`, for menus.
pub fn shortcut_for(command: &Command) -> Option<KeyboardShortcut> {
    bindings().into_iter().find(|b| &b.command == command).map(|b| b.shortcut)
}
