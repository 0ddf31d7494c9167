//! Every user action the window knows, as one enum. Widgets and menus only *emit* commands; the app
//! runs them once per frame, after drawing (see [`super::App::run_command`]). That keeps widgets free
//! of files and dialogs, and every action testable headless.

use crate::dataset::Selection;
use crate::dataset::export::Format;
use crate::session::Edit;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// An action on the open document (undoable).
    Edit(Edit),
    /// File → Open article… (native dialog, or a path field where none can be shown).
    OpenArticleDialog,
    /// File → Open annotations…
    OpenAnnotationsDialog,
    /// Open this file (article or `.ann.ron`).
    Open(PathBuf),
    /// Show the path field to type a file to open.
    PromptOpenPath,
    /// Save now (saves also happen by themselves within a second of each change).
    SaveNow,
    /// Choose another place for the annotation file (when its folder is not writable).
    SaveAsDialog,
    SaveAs(PathBuf),
    Quit,
    SetDarkTheme(bool),
    TextBigger,
    TextSmaller,
    ToggleShowRejected,
    ShowLabelsEditor,
    /// Forget what the suggestions learned in this folder (the shipped model is kept), and bring back
    /// the shipped models' suggestions in the open document (undoable).
    ResetLearnedModel,
    /// The open document's file changed on disk while the window had unsaved changes: which
    /// version stays under its name (the other is set aside in `.marginalia/set-aside/`).
    KeepVersion(super::document_file::Keep),
    ToggleLearning,
    ShowShortcuts,
    /// Label the current selection in the article with this label.
    LabelSelection(String),
    ClearSelection,
    DismissError,
    /// Show or hide the claims layer.
    ToggleClaims,
    /// Make a claim of the selected text, then choose its claimant.
    MakeClaim,
    /// Choose another claimant for the current claim.
    PickClaimant,
    /// File → Open folder… (a corpus: the document list, progress, next unfinished).
    OpenFolderDialog,
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
        out: PathBuf,
    },
}
