//! Running a command: the one place every menu item, key, button and test request arrives, after the
//! frame is drawn. Most commands hand over to the part of the app they concern.

use super::App;
use crate::command::keys::Writing;
use crate::command::{Action, Command, DialogKind, Overlay};
use crate::session::{Edit, Focus, QueueOrder, Session};
use crate::ui::outcome;
use crate::ui::path_prompt::PathPrompt;
use eframe::egui;
use std::path::Path;

impl App {
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        // Whatever sends it (a key, a menu, a click), a change to the document waits for the choice
        // between two versions on disk: the version kept must be the one the analyst saw choosing.
        if command.changes_document() && self.doc.conflict().is_some() {
            self.status = Some(format!(
                "First choose which version stays: {} or {}, above the article",
                Action::KeepMine.label(),
                Action::KeepTheirs.label()
            ));
            return;
        }
        match command {
            Command::Edit(edit) => self.edit(ctx, edit),
            Command::ResetLearnedModel => self.reset_learned(ctx),
            Command::KeepVersion(keep) => self.resolve_conflict(ctx, keep),
            Command::ToggleLearning => self.settings.learn = !self.settings.learn,
            Command::AskForPath(kind) => self.ask_for_path(ctx, kind),
            Command::PromptOpenPath => self.overlays.show_prompt(PathPrompt::new(DialogKind::OpenArticle, None)),
            Command::Open(path) => self.open(ctx, &path),
            Command::SaveNow => self.save_now(ctx),
            Command::SaveAs(path) => self.save_as(ctx, path),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::ToggleDarkTheme => self.settings.dark = !self.settings.dark,
            Command::TextBigger => self.settings.bigger(),
            Command::TextSmaller => self.settings.smaller(),
            Command::ToggleShowRejected => self.settings.show_rejected = !self.settings.show_rejected,
            Command::ShowLabelsEditor => {
                self.overlays.labels.open = true;
                self.overlays.raise(Overlay::Labels);
            }
            Command::ShowShortcuts => {
                self.overlays.shortcuts = true;
                self.overlays.raise(Overlay::Shortcuts);
            }
            Command::ShowGuidelines => self.show_guidelines(),
            Command::Sync => self.start_sync(ctx),
            Command::ShowAgreement => self.show_agreement(ctx),
            Command::LabelSelection(label) => {
                if let Some(range) = self.panels.view.selection() {
                    self.edit(ctx, Edit::Create { range, label });
                }
                self.panels.view.clear_selection();
            }
            // Esc in the article: the selection first, then the find bar (whether or not its field
            // has the keyboard).
            Command::ClearSelection if self.panels.view.selection().is_none() && self.overlays.find.is_open() => {
                self.overlays.find.close()
            }
            Command::ClearSelection => self.panels.view.clear_selection(),
            Command::Close(overlay) => self.overlays.close(overlay),
            Command::CloseTop => {
                if let Some(top) = self.overlays.top() {
                    self.overlays.close(top);
                }
            }
            Command::DismissNotice => self.overlays.notice = None,
            Command::DismissHint => self.settings.knows_the_keys = true,
            Command::ToggleClaims => self.settings.show_claims = !self.settings.show_claims,
            Command::MakeClaim => match self.panels.view.selection() {
                Some(content) => {
                    self.settings.show_claims = true;
                    self.panels.view.clear_selection();
                    self.edit(ctx, Edit::CreateClaim { content, claimant: None });
                    self.open_claimant_picker(true);
                }
                None => {
                    let key = crate::command::Action::MakeClaim.shortcut_text(Writing::of(ctx)).unwrap_or_default();
                    self.status = Some(format!("Select what is claimed with the mouse first, then press {key}"));
                }
            },
            Command::PickClaimant => match self.doc.session.as_ref().and_then(Session::current_claim) {
                Some(_) => self.open_claimant_picker(false),
                None => {
                    let key = crate::command::Action::NextClaim.shortcut_text(Writing::of(ctx)).unwrap_or_default();
                    self.status = Some(format!("Go to a claim first ({key} for the next one)"));
                }
            },
            Command::SetCueFromSelection => match self.panels.view.selection() {
                Some(cue) => {
                    self.settings.show_claims = true;
                    self.panels.view.clear_selection();
                    self.edit(ctx, Edit::SetCue(Some(cue)));
                }
                None => self.status = Some(cue_hint(ctx, "Select the cue words with the mouse first, then press")),
            },
            // Above the article, where no later message covers it, until it no longer applies.
            Command::OfferCue => self.overlays.notice = Some(cue_hint(ctx, CUE_OFFER)),
            Command::OpenFolder(folder) => self.open_folder(ctx, &folder),
            Command::NextUnfinished => self.next_unfinished(ctx),
            Command::RefreshFolder => self.refresh_folder(ctx),
            Command::ToggleDone => self.toggle_done(ctx),
            Command::Preannotate => self.start_preannotation(ctx),
            Command::CancelPreannotation => self.cancel_preannotation(),
            Command::ShowExport => self.show_export(),
            Command::ChooseExportPath(format) => {
                let kind = if format.writes_folder() { DialogKind::ExportFolder } else { DialogKind::ExportFile };
                self.ask_for_path(ctx, kind);
            }
            Command::SetExportPath(path) => self.overlays.export.set_path(&path),
            Command::Export { format, selection, from, out } => self.export(ctx, format, selection, from, out),
            Command::Find => self.find(),
            Command::FindNext => self.find_next(true),
            Command::FindPrevious => self.find_next(false),
            Command::SearchFolder => self.search_folder(),
            Command::SearchFolderTexts(query) => self.search_folder_texts(ctx, query),
            Command::OpenMatch { path, query, at } => self.open_match(ctx, &path, query, at),
            Command::ToggleLowestScoreFirst => {
                self.settings.queue_order = match self.settings.queue_order {
                    QueueOrder::Document => QueueOrder::LowestScore,
                    QueueOrder::LowestScore => QueueOrder::Document,
                };
                if let Some(s) = &mut self.doc.session {
                    s.set_queue_order(self.settings.queue_order);
                }
            }
            Command::Scroll(scroll) => self.panels.view.scroll(scroll),
            Command::ReviewDocument => self.review_document(ctx),
            Command::TakeVersion(n) => self.take_version(ctx, n),
            Command::ToggleAnonymousReview => self.settings.anonymous_review = !self.settings.anonymous_review,
        }
    }

    /// An edit of the open document; its outcome goes to the status bar, and what it decided to the
    /// assistant, to learn from.
    pub(super) fn edit(&mut self, ctx: &egui::Context, edit: Edit) {
        // A curated version is the analysts' work adjudicated: no machine suggestions learn their
        // way into it.
        let learns = self.settings.learn && !self.curated_open();
        let Some(s) = &mut self.doc.session else { return };
        let before = s.revision();
        let teaches = edit.teaches();
        self.status = outcome::sentence(&s.apply(edit));
        let cue_wanted = s.focus() == Focus::Claims && s.current_claim().is_some_and(|c| c.cue.is_none());
        if !cue_wanted && self.overlays.notice.as_deref().is_some_and(|n| n.starts_with(CUE_OFFER)) {
            self.overlays.notice = None;
        }
        if s.revision() != before && learns && teaches {
            if s.focus() == Focus::Claims {
                self.learn_claims_from_session(ctx);
            } else {
                self.learn_from_session(ctx);
            }
        }
    }

    /// The claimant picker, for the current claim (`made`: just made by hand, so the cue comes next).
    fn open_claimant_picker(&mut self, made: bool) {
        self.overlays.picker.open_for(self.doc.session.as_ref(), made);
        self.overlays.raise(Overlay::ClaimantPicker);
    }

    /// A native dialog for `kind`, or the path field where none is to be shown.
    pub(super) fn ask_for_path(&mut self, ctx: &egui::Context, kind: DialogKind) {
        if self.config.native_dialogs && self.services.dialog.is_none() {
            let start = self
                .doc
                .session
                .as_ref()
                .and_then(|s| s.article_path.as_ref())
                .and_then(|p| p.parent())
                .map(Path::to_path_buf);
            self.services.dialog = Some(super::dialogs::PendingDialog::spawn(kind, start, ctx.clone()));
        } else {
            self.overlays.show_prompt(PathPrompt::new(kind, None));
        }
    }
}

/// The notice after a claim made by hand has its claimant; it goes once the current claim has a cue
/// or the keyboard leaves claims.
const CUE_OFFER: &str = "Claimant set. Now select the cue words and press";

/// How to give the current claim a cue: `lead`, the key, and that it is optional.
fn cue_hint(ctx: &egui::Context, lead: &str) -> String {
    let key = Action::SetCue.shortcut_text(Writing::of(ctx)).unwrap_or_default();
    format!("{lead} {key} (‘said’, ‘according to’) — or go on: a cue is optional")
}
