//! The windows over the article — the error box, the path field, the claimant picker, the export
//! dialog, the labels editor, the keyboard help, the team's guidelines and agreement — and the notice
//! above it. The window on top is the one opened last (the error box is modal: always on top); it
//! has the keyboard. The find bar above the article is on top of them while its field has the
//! keyboard (the analyst is typing there).

use crate::command::Overlay;
use crate::ui::claimant_picker::ClaimantPicker;
use crate::ui::error_box::ErrorBox;
use crate::ui::export_dialog::ExportDialog;
use crate::ui::find_bar::FindBar;
use crate::ui::labels_editor::LabelsEditor;
use crate::ui::path_prompt::PathPrompt;

#[derive(Default)]
pub struct Overlays {
    pub error: Option<ErrorBox>,
    pub prompt: Option<PathPrompt>,
    /// Shown above the article until dismissed (e.g. the article changed since it was annotated).
    pub notice: Option<String>,
    pub shortcuts: bool,
    /// The team's guidelines, while shown.
    pub guidelines: Option<crate::ui::guidelines::Guidelines>,
    /// The team's agreement, while shown.
    pub agreement: Option<crate::ui::team_agreement::TeamAgreement>,
    pub export: ExportDialog,
    pub labels: LabelsEditor,
    pub picker: ClaimantPicker,
    pub find: FindBar,
    /// The windows in the order they were opened, the last on top (some may have closed since:
    /// widgets close themselves with their ✕).
    order: Vec<Overlay>,
}

impl Overlays {
    pub fn is_open(&self, overlay: Overlay) -> bool {
        match overlay {
            Overlay::Error => self.error.is_some(),
            Overlay::Prompt => self.prompt.is_some(),
            Overlay::ClaimantPicker => self.picker.is_open(),
            Overlay::Export => self.export.open,
            Overlay::Labels => self.labels.open,
            Overlay::Shortcuts => self.shortcuts,
            Overlay::Guidelines => self.guidelines.is_some(),
            Overlay::Agreement => self.agreement.is_some(),
            Overlay::Find => self.find.has_keyboard(),
        }
    }

    /// Notes that `overlay` was just opened: it is on top now.
    pub fn raise(&mut self, overlay: Overlay) {
        let open: Vec<Overlay> = self.order.iter().copied().filter(|&o| o != overlay && self.is_open(o)).collect();
        self.order = open;
        self.order.push(overlay);
    }

    /// The window that has the keyboard, if any is open.
    pub fn top(&self) -> Option<Overlay> {
        if self.error.is_some() {
            return Some(Overlay::Error);
        }
        if self.find.has_keyboard() {
            return Some(Overlay::Find);
        }
        self.order.iter().rev().copied().find(|&o| self.is_open(o))
    }

    pub fn close(&mut self, overlay: Overlay) {
        match overlay {
            Overlay::Error => self.error = None,
            Overlay::Prompt => self.prompt = None,
            Overlay::ClaimantPicker => self.picker.close(),
            Overlay::Export => self.export.open = false,
            Overlay::Labels => self.labels.open = false,
            Overlay::Shortcuts => self.shortcuts = false,
            Overlay::Guidelines => self.guidelines = None,
            Overlay::Agreement => self.agreement = None,
            Overlay::Find => self.find.close(),
        }
    }

    pub fn show_error(&mut self, error: ErrorBox) {
        self.error = Some(error);
    }

    pub fn show_prompt(&mut self, prompt: PathPrompt) {
        self.prompt = Some(prompt);
        self.raise(Overlay::Prompt);
    }
}
