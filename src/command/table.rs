//! The command table: every action a menu, a key or a button names — its label, its tooltip, its
//! keyboard shortcuts, where its keys work, and the command it sends. Menus, the keymap, the Help
//! window and tooltips all read it, so a label or a key is written here once.

use super::{Command, DialogKind, Keep, Scroll};
use crate::session::Edit;
use eframe::egui::{Key, KeyboardShortcut, Modifiers};

/// An action a person can name: from a menu, with a key, or with a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    OpenArticle,
    OpenAnnotations,
    OpenFolder,
    OpenPath,
    SaveNow,
    SaveAs,
    Export,
    Sync,
    Quit,
    Undo,
    Redo,
    Find,
    FindNext,
    FindPrevious,
    NextPending,
    PrevPending,
    Accept,
    Reject,
    AcceptAllMentions,
    GrowEnd,
    ShrinkEnd,
    GrowStart,
    ShrinkStart,
    MoveRight,
    MoveLeft,
    ClearSelection,
    Labels,
    ToggleLearning,
    ResetLearned,
    ToggleDone,
    NextUnfinished,
    RefreshFolder,
    SearchFolder,
    Preannotate,
    CancelPreannotation,
    ToggleClaims,
    NextClaim,
    PrevClaim,
    PickClaimant,
    MakeClaim,
    SetCue,
    ClearCue,
    WorthChecking,
    NotWorthChecking,
    DarkTheme,
    ShowRejected,
    TextBigger,
    TextSmaller,
    Shortcuts,
    TeamGuidelines,
    TeamAgreement,
    KeepMine,
    KeepTheirs,
    LowestScoreFirst,
    PageDown,
    PageUp,
    LineDown,
    LineUp,
    ScrollTop,
    ScrollBottom,
    CloseWindow,
}

/// Where an action's keys work, given what has the keyboard (see [`super::keys::Holder`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window, also while a text field has the keyboard (unless the chord is one a
    /// text field needs, such as Ctrl+→), but not under the modal error box.
    Window,
    /// In the window on top of the article (a dialog, the claimant picker, the error box).
    Overlay,
    /// In the article when nothing is on top of it, with or without text selected.
    Article,
    /// On the current item, when nothing is on top of the article and no text is selected (the
    /// selection's label popup takes the keyboard first).
    Item,
}

/// The menu an action belongs to: its section in the Help window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    File,
    Edit,
    Documents,
    Claims,
    View,
    Windows,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::File => "File",
            Group::Edit => "Edit",
            Group::Documents => "Documents",
            Group::Claims => "Claims",
            Group::View => "View",
            Group::Windows => "Windows",
        }
    }
}

const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL: Modifiers = Modifiers::COMMAND;
const ALT_SHIFT: Modifiers = Modifiers { alt: true, shift: true, ..Modifiers::NONE };
const CTRL_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

impl Action {
    /// Every action, in the order of the menus (and of the Help window).
    pub const ALL: &[Action] = &[
        Action::OpenArticle,
        Action::OpenAnnotations,
        Action::OpenFolder,
        Action::OpenPath,
        Action::SaveNow,
        Action::SaveAs,
        Action::Export,
        Action::Sync,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Find,
        Action::FindNext,
        Action::FindPrevious,
        Action::NextPending,
        Action::PrevPending,
        Action::Accept,
        Action::Reject,
        Action::AcceptAllMentions,
        Action::GrowEnd,
        Action::ShrinkEnd,
        Action::GrowStart,
        Action::ShrinkStart,
        Action::MoveRight,
        Action::MoveLeft,
        Action::ClearSelection,
        Action::Labels,
        Action::ToggleLearning,
        Action::ResetLearned,
        Action::ToggleDone,
        Action::NextUnfinished,
        Action::RefreshFolder,
        Action::SearchFolder,
        Action::Preannotate,
        Action::CancelPreannotation,
        Action::ToggleClaims,
        Action::NextClaim,
        Action::PrevClaim,
        Action::PickClaimant,
        Action::MakeClaim,
        Action::SetCue,
        Action::ClearCue,
        Action::WorthChecking,
        Action::NotWorthChecking,
        Action::DarkTheme,
        Action::ShowRejected,
        Action::TextBigger,
        Action::TextSmaller,
        Action::Shortcuts,
        Action::TeamGuidelines,
        Action::TeamAgreement,
        Action::KeepMine,
        Action::KeepTheirs,
        Action::LowestScoreFirst,
        Action::PageDown,
        Action::PageUp,
        Action::LineDown,
        Action::LineUp,
        Action::ScrollTop,
        Action::ScrollBottom,
        Action::CloseWindow,
    ];

    /// What a menu item says.
    pub fn label(self) -> &'static str {
        self.text_and_tooltip().0
    }

    /// What hovering it says.
    pub fn tooltip(self) -> &'static str {
        self.text_and_tooltip().1
    }

    /// Where it is in the menus, as a message names it: `File > Save annotations as…`.
    pub fn menu_path(self) -> String {
        format!("{} > {}", self.group().title(), self.label())
    }

    /// What a button outside the menus says, where the menu's label would be too long.
    pub fn button_label(self) -> &'static str {
        match self {
            Action::NextUnfinished => "Next unfinished",
            Action::Export => "Export…",
            Action::RefreshFolder => "Refresh",
            Action::CancelPreannotation => "Cancel",
            Action::FindNext => "Next",
            Action::FindPrevious => "Previous",
            _ => self.label(),
        }
    }

    fn text_and_tooltip(self) -> (&'static str, &'static str) {
        use Action as A;
        match self {
            A::OpenArticle => (
                "Open article…",
                "Open an article (text, Markdown, a saved web page or a PDF); its annotations open with it",
            ),
            A::OpenAnnotations => ("Open annotations…", "Open a Marginalia annotation file (.ann.ron)"),
            A::OpenFolder => (
                "Open folder…",
                "Open a folder of articles: the document list, its progress, the next unfinished document",
            ),
            A::OpenPath => ("Open path…", "Type the path of an article, an annotation file or a folder"),
            A::SaveNow => {
                ("Save now", "Your work is saved by itself within a second of each change; this saves at once")
            }
            A::SaveAs => {
                ("Save annotations as…", "Keep the annotations in another file (when this folder cannot be written)")
            }
            A::Export => ("Export dataset…", "Write the folder (or the open document) as training data"),
            A::Sync => (
                "Sync with team",
                "Commit your changed files to the team project's git repository, pull the others' work and push (saved first; offline, it commits and pushes next time)",
            ),
            A::Quit => ("Quit", "Close the window; your work is saved first"),
            A::Undo => ("Undo", "Undo the last change to the annotations"),
            A::Redo => ("Redo", "Redo what was undone"),
            A::Find => ("Find…", "Find words in the article (curly and straight quotes alike); label every match"),
            A::FindNext => ("Find next", "Go to the next match of the find bar"),
            A::FindPrevious => ("Find previous", "Go to the previous match of the find bar"),
            A::NextPending => ("Next pending", "Go to the next suggestion not decided yet"),
            A::PrevPending => ("Previous pending", "Go to the previous suggestion not decided yet"),
            A::Accept => ("Accept", "Accept the current suggestion (or claim), then go to the next one"),
            A::Reject => ("Reject", "Reject the current suggestion (or claim), then go to the next one"),
            A::AcceptAllMentions => {
                ("Accept all mentions", "Accept every identical mention of the current span's words, with its label")
            }
            A::GrowEnd => ("Grow by a token", "Grow the current span (or claim) by one token at its end"),
            A::ShrinkEnd => ("Shrink by a token", "Shrink the current span (or claim) by one token at its end"),
            // Ctrl+Shift moves the start as Alt+Shift moves the end (Ctrl+Alt+arrows are the desktop's).
            A::GrowStart => (
                "Grow at the start",
                "Grow the current span (or claim) by one token at its start (Ctrl+Shift with an arrow moves the start, Alt+Shift the end)",
            ),
            A::ShrinkStart => (
                "Shrink at the start",
                "Shrink the current span (or claim) by one token at its start; a claim's cue and claimant stay",
            ),
            A::MoveRight => ("Move a token right", "Move the current span (or claim) one token to the right"),
            A::MoveLeft => ("Move a token left", "Move the current span (or claim) one token to the left"),
            A::ClearSelection => (
                "Clear the selection",
                "Forget the text selected with the mouse; with nothing selected, close the find bar",
            ),
            A::Labels => ("Labels…", "Add labels, change their colours and hotkeys"),
            A::ToggleLearning => ("Learn from my corrections", "Update the suggestions from every decision"),
            A::ResetLearned => (
                "Reset learned suggestions",
                "Forget what the suggestions learned in this folder, and bring back the shipped models' suggestions (undoable)",
            ),
            A::ToggleDone => ("This document is done", "Mark the open document done, or not done any more (undoable)"),
            A::NextUnfinished => ("Next unfinished document", "Open the next document of the folder that is not done"),
            A::RefreshFolder => {
                ("List the folder again", "List the folder again, with articles added or removed since")
            }
            A::SearchFolder => (
                "Search the folder's texts…",
                "Find words in the texts of every document of the folder; a click on a match opens its document there",
            ),
            A::Preannotate => (
                "Pre-annotate new articles",
                "Suggest entities and claims for every article with no annotations yet, in the background",
            ),
            A::CancelPreannotation => ("Cancel pre-annotation", "Stop pre-annotating after the current document"),
            A::ToggleClaims => ("Show claims", "Show or hide the claims layer"),
            A::NextClaim => {
                ("Next claim", "Go to the next claim (pending ones first); Accept and Reject then act on it")
            }
            A::PrevClaim => ("Previous claim", "Go to the previous claim (pending ones first)"),
            A::PickClaimant => ("Change claimant…", "Choose who makes the current claim"),
            A::MakeClaim => (
                "Make a claim of the selection",
                "Make a claim of the text selected with the mouse, then choose its claimant (Enter), then select its cue words and press U (optional)",
            ),
            A::SetCue => (
                "Set the cue from the selection",
                "The words selected with the mouse become the current claim's cue: the words that attribute it (‘said’, ‘according to’)",
            ),
            A::ClearCue => ("Clear the cue", "The current claim has no cue any more"),
            A::WorthChecking => (
                "Worth checking",
                "Your word on the current claim: worth checking (kept apart from the machine's estimate; no refresh changes it)",
            ),
            A::NotWorthChecking => ("Not worth checking", "Your word on the current claim: not worth checking"),
            A::DarkTheme => ("Dark theme", "Switch between the light and the dark theme"),
            A::ShowRejected => ("Show rejected", "Show the suggestions you rejected (hidden otherwise)"),
            A::TextBigger => ("Bigger text", "Make the article's text bigger"),
            A::TextSmaller => ("Smaller text", "Make the article's text smaller"),
            A::Shortcuts => ("Keyboard shortcuts", "Every key and what it does"),
            A::TeamGuidelines => {
                ("Team guidelines", "The annotation guidelines of the team project open here, as its config names them")
            }
            A::TeamAgreement => (
                "Team agreement",
                "How far the team's analysts agree: span F1, κ and α, claims, per label and per document (least agreed first)",
            ),
            A::KeepMine => (
                "Keep mine",
                "Put your version under the document's name; the other is set aside in the folder's .marginalia/set-aside/",
            ),
            A::KeepTheirs => {
                ("Use theirs", "Open the other version; yours is set aside in the folder's .marginalia/set-aside/")
            }
            A::LowestScoreFirst => (
                "Lowest score first",
                "Next pending goes to the suggestion the engines are least sure of first, rather than in reading order",
            ),
            A::PageDown => ("Page down", "Scroll the article down a page"),
            A::PageUp => ("Page up", "Scroll the article up a page"),
            A::LineDown => ("Scroll down", "Scroll the article down a few lines"),
            A::LineUp => ("Scroll up", "Scroll the article up a few lines"),
            A::ScrollTop => ("Top of the article", "Scroll to the start of the article"),
            A::ScrollBottom => ("End of the article", "Scroll to the end of the article"),
            A::CloseWindow => ("Close the window on top", "Close the dialog or window over the article"),
        }
    }

    /// Its keyboard shortcuts, the one menus show first.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        use Action as A;
        match self {
            A::OpenArticle => vec![key(CTRL, Key::O)],
            A::OpenFolder => vec![key(CTRL_SHIFT, Key::O)],
            A::SaveNow => vec![key(CTRL, Key::S)],
            A::Export => vec![key(CTRL, Key::E)],
            A::Quit => vec![key(CTRL, Key::Q)],
            A::Undo => vec![key(CTRL, Key::Z)],
            A::Redo => vec![key(CTRL_SHIFT, Key::Z), key(CTRL, Key::Y)],
            A::Find => vec![key(CTRL, Key::F)],
            A::FindNext => vec![key(NONE, Key::F3)],
            A::FindPrevious => vec![key(SHIFT, Key::F3)],
            A::SearchFolder => vec![key(CTRL_SHIFT, Key::F)],
            A::NextPending => vec![key(NONE, Key::Tab), key(NONE, Key::J)],
            A::PrevPending => vec![key(SHIFT, Key::Tab), key(NONE, Key::K)],
            A::Accept => vec![key(NONE, Key::A), key(NONE, Key::Enter)],
            A::Reject => vec![key(NONE, Key::X), key(NONE, Key::Delete)],
            A::AcceptAllMentions => vec![key(SHIFT, Key::A)],
            A::GrowEnd => vec![key(ALT_SHIFT, Key::ArrowRight)],
            A::ShrinkEnd => vec![key(ALT_SHIFT, Key::ArrowLeft)],
            A::GrowStart => vec![key(CTRL_SHIFT, Key::ArrowLeft)],
            A::ShrinkStart => vec![key(CTRL_SHIFT, Key::ArrowRight)],
            A::MoveRight => vec![key(ALT, Key::ArrowRight)],
            A::MoveLeft => vec![key(ALT, Key::ArrowLeft)],
            A::ClearSelection => vec![key(NONE, Key::Escape)],
            A::ToggleDone => vec![key(CTRL, Key::D)],
            A::NextUnfinished => vec![key(CTRL, Key::ArrowRight)],
            A::RefreshFolder => vec![key(NONE, Key::F5)],
            A::ToggleClaims => vec![key(SHIFT, Key::C)],
            A::NextClaim => vec![key(NONE, Key::CloseBracket)],
            A::PrevClaim => vec![key(NONE, Key::OpenBracket)],
            A::PickClaimant => vec![key(NONE, Key::W)],
            A::MakeClaim => vec![key(NONE, Key::C)],
            A::SetCue => vec![key(NONE, Key::U)],
            A::ClearCue => vec![key(SHIFT, Key::U)],
            A::WorthChecking => vec![key(NONE, Key::V)],
            A::NotWorthChecking => vec![key(SHIFT, Key::V)],
            A::TextBigger => vec![key(CTRL, Key::Equals), key(CTRL, Key::Plus)],
            A::TextSmaller => vec![key(CTRL, Key::Minus)],
            A::PageDown => vec![key(NONE, Key::PageDown), key(NONE, Key::Space)],
            A::PageUp => vec![key(NONE, Key::PageUp), key(SHIFT, Key::Space)],
            A::LineDown => vec![key(NONE, Key::ArrowDown)],
            A::LineUp => vec![key(NONE, Key::ArrowUp)],
            A::ScrollTop => vec![key(NONE, Key::Home), key(CTRL, Key::Home)],
            A::ScrollBottom => vec![key(NONE, Key::End), key(CTRL, Key::End)],
            A::CloseWindow => vec![key(NONE, Key::Escape)],
            A::OpenAnnotations
            | A::LowestScoreFirst
            | A::OpenPath
            | A::SaveAs
            | A::Sync
            | A::Labels
            | A::ToggleLearning
            | A::ResetLearned
            | A::Preannotate
            | A::CancelPreannotation
            | A::DarkTheme
            | A::ShowRejected
            | A::Shortcuts
            | A::TeamGuidelines
            | A::TeamAgreement
            | A::KeepMine
            | A::KeepTheirs => Vec::new(),
        }
    }

    /// Where its keys work.
    pub fn scope(self) -> Scope {
        use Action as A;
        match self {
            A::NextPending
            | A::PrevPending
            | A::Accept
            | A::Reject
            | A::AcceptAllMentions
            | A::GrowEnd
            | A::ShrinkEnd
            | A::GrowStart
            | A::ShrinkStart
            | A::MoveRight
            | A::MoveLeft
            | A::NextClaim
            | A::PrevClaim
            | A::ClearCue
            | A::WorthChecking
            | A::NotWorthChecking => Scope::Item,
            A::ClearSelection
            | A::ToggleClaims
            | A::PickClaimant
            | A::MakeClaim
            | A::SetCue
            | A::PageDown
            | A::PageUp
            | A::LineDown
            | A::LineUp
            | A::ScrollTop
            | A::ScrollBottom => Scope::Article,
            A::CloseWindow => Scope::Overlay,
            _ => Scope::Window,
        }
    }

    pub fn group(self) -> Group {
        use Action as A;
        match self {
            A::OpenArticle
            | A::OpenAnnotations
            | A::OpenFolder
            | A::OpenPath
            | A::SaveNow
            | A::SaveAs
            | A::Export
            | A::Sync
            | A::Quit => Group::File,
            A::ToggleDone
            | A::NextUnfinished
            | A::RefreshFolder
            | A::SearchFolder
            | A::Preannotate
            | A::CancelPreannotation => Group::Documents,
            A::ToggleClaims
            | A::NextClaim
            | A::PrevClaim
            | A::PickClaimant
            | A::MakeClaim
            | A::SetCue
            | A::ClearCue
            | A::WorthChecking
            | A::NotWorthChecking => Group::Claims,
            A::DarkTheme | A::ShowRejected | A::TextBigger | A::TextSmaller | A::TeamAgreement => Group::View,
            A::PageDown | A::PageUp | A::LineDown | A::LineUp | A::ScrollTop | A::ScrollBottom => Group::View,
            A::Shortcuts | A::TeamGuidelines | A::CloseWindow => Group::Windows,
            A::KeepMine | A::KeepTheirs => Group::File,
            _ => Group::Edit,
        }
    }

    /// The command it sends.
    pub fn command(self) -> Command {
        use Action as A;
        match self {
            A::OpenArticle => Command::AskForPath(DialogKind::OpenArticle),
            A::OpenAnnotations => Command::AskForPath(DialogKind::OpenAnnotations),
            A::OpenFolder => Command::AskForPath(DialogKind::OpenFolder),
            A::OpenPath => Command::PromptOpenPath,
            A::SaveNow => Command::SaveNow,
            A::SaveAs => Command::AskForPath(DialogKind::SaveAnnotationsAs),
            A::Export => Command::ShowExport,
            A::Sync => Command::Sync,
            A::Quit => Command::Quit,
            A::Undo => Command::Edit(Edit::Undo),
            A::Redo => Command::Edit(Edit::Redo),
            A::Find => Command::Find,
            A::FindNext => Command::FindNext,
            A::FindPrevious => Command::FindPrevious,
            A::SearchFolder => Command::SearchFolder,
            A::NextPending => Command::Edit(Edit::NextPending),
            A::PrevPending => Command::Edit(Edit::PrevPending),
            A::Accept => Command::Edit(Edit::Accept),
            A::Reject => Command::Edit(Edit::Reject),
            A::AcceptAllMentions => Command::Edit(Edit::AcceptAllMentions),
            A::GrowEnd => Command::Edit(Edit::GrowEnd),
            A::ShrinkEnd => Command::Edit(Edit::ShrinkEnd),
            A::GrowStart => Command::Edit(Edit::GrowStart),
            A::ShrinkStart => Command::Edit(Edit::ShrinkStart),
            A::MoveRight => Command::Edit(Edit::MoveRight),
            A::MoveLeft => Command::Edit(Edit::MoveLeft),
            A::ClearSelection => Command::ClearSelection,
            A::Labels => Command::ShowLabelsEditor,
            A::ToggleLearning => Command::ToggleLearning,
            A::ResetLearned => Command::ResetLearnedModel,
            A::ToggleDone => Command::ToggleDone,
            A::NextUnfinished => Command::NextUnfinished,
            A::RefreshFolder => Command::RefreshFolder,
            A::Preannotate => Command::Preannotate,
            A::CancelPreannotation => Command::CancelPreannotation,
            A::ToggleClaims => Command::ToggleClaims,
            A::NextClaim => Command::Edit(Edit::NextClaim),
            A::PrevClaim => Command::Edit(Edit::PrevClaim),
            A::PickClaimant => Command::PickClaimant,
            A::MakeClaim => Command::MakeClaim,
            A::SetCue => Command::SetCueFromSelection,
            A::ClearCue => Command::Edit(Edit::SetCue(None)),
            A::WorthChecking => Command::Edit(Edit::SetCheckworthy(Some(true))),
            A::NotWorthChecking => Command::Edit(Edit::SetCheckworthy(Some(false))),
            A::DarkTheme => Command::ToggleDarkTheme,
            A::ShowRejected => Command::ToggleShowRejected,
            A::TextBigger => Command::TextBigger,
            A::TextSmaller => Command::TextSmaller,
            A::Shortcuts => Command::ShowShortcuts,
            A::TeamGuidelines => Command::ShowGuidelines,
            A::TeamAgreement => Command::ShowAgreement,
            A::KeepMine => Command::KeepVersion(Keep::Mine),
            A::KeepTheirs => Command::KeepVersion(Keep::Theirs),
            A::LowestScoreFirst => Command::ToggleLowestScoreFirst,
            A::PageDown => Command::Scroll(Scroll::PageDown),
            A::PageUp => Command::Scroll(Scroll::PageUp),
            A::LineDown => Command::Scroll(Scroll::LineDown),
            A::LineUp => Command::Scroll(Scroll::LineUp),
            A::ScrollTop => Command::Scroll(Scroll::Top),
            A::ScrollBottom => Command::Scroll(Scroll::Bottom),
            A::CloseWindow => Command::CloseTop,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once_with_a_label_and_a_tooltip() {
        let mut seen = std::collections::HashSet::new();
        for &a in Action::ALL {
            assert!(seen.insert(a), "{a:?} is listed twice");
            assert!(!a.label().is_empty() && !a.tooltip().is_empty(), "{a:?}");
        }
        let labels: std::collections::HashSet<_> = Action::ALL.iter().map(|a| a.label()).collect();
        assert_eq!(labels.len(), Action::ALL.len(), "no two actions read the same in a menu");
        // The last variant's number is one less than the count: with no repeats, every action is in ALL.
        assert_eq!(Action::ALL.len(), Action::CloseWindow as usize + 1, "ALL lists every action");
    }

    #[test]
    fn messages_name_a_menu_item_by_its_menu_and_label() {
        assert_eq!(Action::SaveAs.menu_path(), "File > Save annotations as…");
    }
}
