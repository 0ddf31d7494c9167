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
    ReviewDocument,
    TakeVersion1,
    TakeVersion2,
    TakeVersion3,
    TakeVersion4,
    TakeNeither,
    HideWhoSaidWhat,
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
        Action::ReviewDocument,
        Action::TakeVersion1,
        Action::TakeVersion2,
        Action::TakeVersion3,
        Action::TakeVersion4,
        Action::TakeNeither,
        Action::HideWhoSaidWhat,
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
            A::TakeVersion1 => vec![key(ALT, Key::Num1)],
            A::TakeVersion2 => vec![key(ALT, Key::Num2)],
            A::TakeVersion3 => vec![key(ALT, Key::Num3)],
            A::TakeVersion4 => vec![key(ALT, Key::Num4)],
            A::TakeNeither => vec![key(ALT, Key::Num0)],
            A::OpenAnnotations
            | A::ReviewDocument
            | A::HideWhoSaidWhat
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
            | A::NotWorthChecking
            | A::TakeVersion1
            | A::TakeVersion2
            | A::TakeVersion3
            | A::TakeVersion4
            | A::TakeNeither => Scope::Item,
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
            | A::CancelPreannotation
            | A::ReviewDocument
            | A::TakeVersion1
            | A::TakeVersion2
            | A::TakeVersion3
            | A::TakeVersion4
            | A::TakeNeither
            | A::HideWhoSaidWhat => Group::Documents,
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
            A::ReviewDocument => Command::ReviewDocument,
            A::TakeVersion1 => Command::TakeVersion(Some(0)),
            A::TakeVersion2 => Command::TakeVersion(Some(1)),
            A::TakeVersion3 => Command::TakeVersion(Some(2)),
            A::TakeVersion4 => Command::TakeVersion(Some(3)),
            A::TakeNeither => Command::TakeVersion(None),
            A::HideWhoSaidWhat => Command::ToggleAnonymousReview,
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
