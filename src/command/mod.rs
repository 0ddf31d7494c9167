//! What a person can ask the window to do, below both the widgets that ask and the app that does it.
//!
//! - [`Command`]: one request with what it needs (a path, an edit). Widgets and menus *return*
//!   commands; the app runs them once per frame, after drawing. That keeps widgets free of files and
//!   dialogs, and every action testable headless.
//! - [`Action`]: the requests a menu, a key or a button names, each with its label, tooltip and
//!   keyboard shortcuts, in one table (in the manner of rerun's `UICommand`). Menus, the keymap, the
//!   Help window and tooltips are all drawn from it, so a label or a key is written once.
//! - [`keys`]: which keys reach what this frame (what is on top takes the keyboard first), and how a
//!   shortcut is written for people (`Ctrl+Shift+Z`, `]`, `Alt+→`).
//!
//! It sits below `ui` and `app` so that widgets never import the app.

pub mod keys;
mod table;
mod wording;

pub use table::{Action, Group, Scope};

use crate::dataset::Selection;
use crate::dataset::export::Format;
use crate::dataset::versions::Versions;
use crate::session::Edit;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// An action on the open document (undoable).
    Edit(Edit),
    /// Ask for a path (a native dialog, or the path field where none can be shown).
    AskForPath(DialogKind),
    /// Open this file (article or `.ann.ron`).
    Open(PathBuf),
    /// Show the path field to type a file to open.
    PromptOpenPath,
    /// Save now (saves also happen by themselves within a second of each change).
    SaveNow,
    SaveAs(PathBuf),
    Quit,
    ToggleDarkTheme,
    TextBigger,
    TextSmaller,
    ToggleShowRejected,
    ShowLabelsEditor,
    /// Forget what the suggestions learned in this folder (the shipped model is kept), and bring back
    /// the shipped models' suggestions in the open document (undoable).
    ResetLearnedModel,
    /// The open document's file changed on disk while the window had unsaved changes: which
    /// version stays under its name (the other is set aside in `.marginalia/set-aside/`).
    KeepVersion(Keep),
    ToggleLearning,
    ShowShortcuts,
    /// Help > Team guidelines: the team project's guidelines file, in a window.
    ShowGuidelines,
    /// File > Sync with team: save, then commit, pull and push the analyst's work through git in
    /// the background, and list the folder again.
    Sync,
    /// View > Team agreement: measure how far the team project's analysts agree (again), in a window.
    ShowAgreement,
    /// Label the current selection in the article with this label.
    LabelSelection(String),
    ClearSelection,
    /// Close this window (the error box, the path field, …).
    Close(Overlay),
    /// Close whatever window is on top (Esc).
    CloseTop,
    /// Hide the notice above the article.
    DismissNotice,
    /// Hide the first-run hint of the keys for good.
    DismissHint,
    /// Show or hide the claims layer.
    ToggleClaims,
    /// Make a claim of the selected text, then choose its claimant.
    MakeClaim,
    /// Choose another claimant for the current claim.
    PickClaimant,
    /// The words selected in the article become the current claim's cue.
    SetCueFromSelection,
    /// A claim made by hand has its claimant: say how to give it a cue (optional).
    OfferCue,
    OpenFolder(PathBuf),
    /// Open the next document of the folder that is not done.
    NextUnfinished,
    /// List the folder again (articles added or removed since it was opened).
    RefreshFolder,
    /// Mark the open document done, or not done any more.
    ToggleDone,
    /// Suggest on every article of the folder that has no annotations yet, in the background.
    Preannotate,
    CancelPreannotation,
    /// File → Export dataset… (the folder's documents, or the open one).
    ShowExport,
    /// Choose where the export goes (a file, or a folder for brat).
    ChooseExportPath(Format),
    SetExportPath(PathBuf),
    Export {
        format: Format,
        selection: Selection,
        /// In a team project: the analyst's own files, the curated versions, or another analyst's.
        from: Versions,
        out: PathBuf,
    },
    /// Open the find bar over the article (or put the keyboard in it again).
    Find,
    /// Make the next (or previous) match of the find bar current, wrapping around.
    FindNext,
    FindPrevious,
    /// Put the keyboard in the folder's text search.
    SearchFolder,
    /// Search the texts of the folder's documents, in the background.
    SearchFolderTexts(FolderQuery),
    /// Open a document of the folder with the find bar on one of its matches.
    OpenMatch {
        path: PathBuf,
        query: FolderQuery,
        at: std::ops::Range<usize>,
    },
    /// Documents > Review the analysts' versions: merge the open document's analysts' versions into
    /// its curated version, and open that.
    ReviewDocument,
    /// Take analyst N's version (from 0; `None`: neither) of the place of the current item, in a
    /// curated version under review.
    TakeVersion(Option<usize>),
    /// Show who of the analysts said what under review, or only "Analyst 1", "Analyst 2"
    /// (remembered).
    ToggleAnonymousReview,
    /// Walk the pending items by the lowest score first, or in reading order again (remembered).
    ToggleLowestScoreFirst,
    /// Move the article's view (never its annotations).
    Scroll(Scroll),
}

/// What a search looks for, and how it matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FolderQuery {
    pub text: String,
    pub options: crate::text_search::Options,
}

/// How far the keyboard scrolls the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    PageDown,
    PageUp,
    LineDown,
    LineUp,
    Top,
    Bottom,
}

impl Command {
    /// Whether it changes the open document (what waits while a conflict on disk is undecided).
    pub fn changes_document(&self) -> bool {
        matches!(
            self,
            Command::Edit(_)
                | Command::ToggleDone
                | Command::LabelSelection(_)
                | Command::MakeClaim
                | Command::PickClaimant
                | Command::SetCueFromSelection
                | Command::TakeVersion(_)
                | Command::ReviewDocument
        )
    }
}

/// Which version of a document stays under its name after a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
}

/// The windows that open over the article. While one is open it has the keyboard: the article's keys
/// do not act behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// A message that needs the analyst's attention (modal).
    Error,
    /// The path field.
    Prompt,
    ClaimantPicker,
    Export,
    Labels,
    Shortcuts,
    Guidelines,
    /// The team's agreement figures.
    Agreement,
    /// The find bar: on top while its field has the keyboard.
    Find,
}

/// What a path is asked for: a native dialog's kind, or the path field's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    OpenArticle,
    OpenAnnotations,
    OpenFolder,
    SaveAnnotationsAs,
    /// Where an export goes: a file.
    ExportFile,
    /// Where an export goes: a folder (brat).
    ExportFolder,
}

impl DialogKind {
    pub fn title(self) -> &'static str {
        match self {
            DialogKind::OpenArticle => "Open article",
            DialogKind::OpenAnnotations => "Open annotations",
            DialogKind::OpenFolder => "Open folder",
            DialogKind::SaveAnnotationsAs => "Save annotations as",
            DialogKind::ExportFile => "Export to file",
            DialogKind::ExportFolder => "Export to folder",
        }
    }

    /// Whether the path is a folder's.
    pub fn wants_folder(self) -> bool {
        matches!(self, DialogKind::OpenFolder | DialogKind::ExportFolder)
    }

    /// What choosing `path` in this dialog (or typing it in the path field) does.
    pub fn chosen(self, path: PathBuf) -> Command {
        match self {
            DialogKind::OpenArticle | DialogKind::OpenAnnotations => Command::Open(path),
            DialogKind::OpenFolder => Command::OpenFolder(path),
            DialogKind::SaveAnnotationsAs => Command::SaveAs(path),
            DialogKind::ExportFile | DialogKind::ExportFolder => Command::SetExportPath(path),
        }
    }
}
