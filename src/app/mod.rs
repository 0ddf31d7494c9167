//! The window: owns the open session, runs commands, saves by itself, and talks to dialogs and the
//! suggestion engines off the UI thread.
//!
//! Each frame: collect results from background work, read the keyboard, draw the panels (which return
//! commands), run the commands, then save if something changed. [`App::show`] is the whole frame and
//! takes only a `Ui`, so the tests drive exactly what the real window runs.

pub(crate) mod assistant;
pub mod command;
mod corpus;
pub mod dialogs;
pub mod document_file;
mod jobs;
mod panels;
mod saver;
pub mod settings;
pub mod shortcuts;

use crate::session::{Edit, Focus, Session};
use crate::store;
use crate::ui::article_view::{ArticleView, ViewStyle};
use crate::ui::claimant_picker::ClaimantPicker;
use crate::ui::corpus_panel::CorpusPanel;
use crate::ui::export_dialog::ExportDialog;
use crate::ui::labels_editor::LabelsEditor;
use crate::ui::side_panel::SidePanel;
use crate::workspace;
use assistant::{Assistant, Reply, Request};
use command::Command;
use dialogs::{DialogKind, DialogOutcome, PendingDialog};
use document_file::DocumentFile;
use eframe::egui::{self, Ui};
use saver::{Saved, Saver, Snapshot, Work};
use settings::Settings;
use std::path::{Path, PathBuf};

/// How the app behaves; tests shorten the autosave delay and turn native dialogs off.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Seconds after the first unsaved change before saving by itself.
    pub autosave_after: f64,
    /// Show native file dialogs; when false, File → Open shows the path field.
    pub native_dialogs: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self { autosave_after: 0.5, native_dialogs: true }
    }
}

/// A message that needs the user's attention (a file that did not open, a save that failed on quit).
#[derive(Debug, Clone)]
pub struct ErrorBox {
    pub title: String,
    pub message: String,
    pub advice: String,
}

/// The path field shown instead of (or besides) a native dialog.
pub struct PathPrompt {
    pub kind: DialogKind,
    pub text: String,
    pub note: Option<String>,
}

pub struct App {
    config: AppConfig,
    pub settings: Settings,
    /// Suggests and learns in the background (started with the first frame).
    assistant: Option<Assistant>,
    session: Option<Session>,
    view: ArticleView,
    side: SidePanel,
    labels_editor: LabelsEditor,
    claimant_picker: ClaimantPicker,
    /// The open folder, when there is one (corpus mode).
    corpus: Option<corpus::CorpusState>,
    corpus_panel: CorpusPanel,
    export_dialog: ExportDialog,
    exporting: Option<jobs::Job>,
    queue: Vec<Command>,
    /// A short message in the status bar (e.g. "No pending suggestions left").
    status: Option<String>,
    error: Option<ErrorBox>,
    /// Shown above the article until dismissed (e.g. the article changed since it was annotated).
    notice: Option<String>,
    save_error: Option<String>,
    /// When the session first became dirty since its last save (egui time, seconds).
    dirty_since: Option<f64>,
    last_save_attempt: f64,
    /// Writes automatic saves off the UI thread (started with the first frame).
    saver: Option<Saver>,
    /// The open document's annotation file: what it was when last seen, its lock, a conflict.
    file: Option<DocumentFile>,
    /// Where the analyst was when the position was last written beside the annotations.
    position_saved: Option<crate::store::resume::Position>,
    /// The analyst's own version of the open document from an earlier, unresolved conflict.
    other_version: Option<PathBuf>,
    /// Keys of this frame are not for the document shown now (it was just loaded again).
    keys_held: bool,
    /// Counts opened documents, so a late save result of a closed one is ignored.
    generation: u64,
    /// Waiting for the first suggestions of the open document.
    suggesting: bool,
    dialog: Option<PendingDialog>,
    prompt: Option<PathPrompt>,
    show_shortcuts: bool,
    title: String,
    quit_anyway: bool,
    applied_dark: Option<bool>,
}

impl App {
    pub fn new(config: AppConfig, settings: Settings) -> Self {
        Self {
            config,
            settings,
            assistant: None,
            session: None,
            view: ArticleView::default(),
            side: SidePanel::default(),
            labels_editor: LabelsEditor::default(),
            claimant_picker: ClaimantPicker::default(),
            corpus: None,
            corpus_panel: CorpusPanel::default(),
            export_dialog: ExportDialog::default(),
            exporting: None,
            queue: Vec::new(),
            status: None,
            error: None,
            notice: None,
            save_error: None,
            dirty_since: None,
            last_save_attempt: f64::NEG_INFINITY,
            saver: None,
            file: None,
            position_saved: None,
            other_version: None,
            keys_held: false,
            generation: 0,
            suggesting: false,
            dialog: None,
            prompt: None,
            show_shortcuts: false,
            title: String::new(),
            quit_anyway: false,
            applied_dark: None,
        }
    }

    /// The app eframe starts: settings from eframe's storage, then the file from the command line.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, open: Option<PathBuf>) -> Self {
        let settings = cc.storage.and_then(|s| eframe::get_value(s, settings::STORAGE_KEY)).unwrap_or_default();
        crate::ui::fonts::install_system_fallbacks(&cc.egui_ctx);
        let mut app = Self::new(AppConfig::default(), settings);
        if let Some(path) = open {
            app.queue.push(Command::Open(path));
        }
        app
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn error(&self) -> Option<&ErrorBox> {
        self.error.as_ref()
    }

    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }

    /// The notice above the article (a file changed on disk, another window has it open, …).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The open document's file changed on disk while it had unsaved changes, and the analyst has
    /// not chosen yet which version stays.
    pub fn conflict(&self) -> Option<&document_file::Conflict> {
        self.file.as_ref().and_then(|f| f.conflict.as_ref())
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn is_suggesting(&self) -> bool {
        self.suggesting
    }

    fn assistant(&mut self, ctx: &egui::Context) -> &Assistant {
        self.assistant.get_or_insert_with(|| Assistant::start(ctx.clone()))
    }

    /// An automatic save is being written.
    pub fn is_saving(&self) -> bool {
        self.saver.as_ref().is_some_and(Saver::is_busy)
    }

    pub fn prompt(&self) -> Option<&PathPrompt> {
        self.prompt.as_ref()
    }

    /// Where a byte range of the article is on screen (last frame).
    pub fn article_rects(&self, range: &std::ops::Range<usize>) -> Vec<egui::Rect> {
        self.session.as_ref().map(|s| self.view.screen_rects(s, range)).unwrap_or_default()
    }

    /// Queues a command, as a menu or key would (it runs during the next frame).
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// One whole frame.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_view_settings(&ctx);
        self.poll_background(&ctx);
        self.handle_close_request(&ctx);
        self.read_keys(&ctx);

        let mut commands = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| commands.extend(self.menu_bar(ui)));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.corpus.is_some() {
            egui::Panel::left("corpus").default_size(290.0).min_size(220.0).show(ui, |ui| {
                commands.extend(self.corpus_panel(ui));
            });
        }
        if let Some(session) = &self.session {
            egui::Panel::right("side").default_size(340.0).min_size(240.0).show(ui, |ui| {
                commands.extend(self.side.show(ui, session, self.settings.show_rejected));
            });
        }
        egui::CentralPanel::default().show(ui, |ui| commands.extend(self.central(ui)));
        commands.extend(self.windows(&ctx));
        self.queue.extend(commands);

        let queued = std::mem::take(&mut self.queue);
        if !queued.is_empty() {
            // Commands run after drawing: draw again to show their effect.
            ctx.request_repaint();
        }
        for command in queued {
            self.run_command(&ctx, command);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    /// Applies the theme when it changed (setting it every frame would request endless repaints).
    fn apply_view_settings(&mut self, ctx: &egui::Context) {
        if self.applied_dark != Some(self.settings.dark) {
            // Ctrl+= / Ctrl+- size the article text, not the whole interface.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            ctx.set_theme(if self.settings.dark { egui::Theme::Dark } else { egui::Theme::Light });
            self.applied_dark = Some(self.settings.dark);
        }
    }

    fn central(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = self.banners(ui);
        match &self.session {
            Some(session) => {
                let style = ViewStyle {
                    font_size: self.settings.font_size,
                    dark: ui.visuals().dark_mode,
                    show_rejected: self.settings.show_rejected,
                    labels_revision: session.labels_revision(),
                };
                commands.extend(self.view.show(ui, session, style, self.settings.show_claims));
            }
            None => commands.extend(self.welcome(ui)),
        }
        commands
    }

    fn read_keys(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.keys_held) {
            return;
        }
        if self.error.is_some() {
            if ctx.input_mut(|i| {
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
                    || i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)
            }) {
                self.queue.push(Command::DismissError);
            }
            return;
        }
        if ctx.text_edit_focused() {
            return;
        }
        for b in shortcuts::bindings() {
            if ctx.input_mut(|i| i.consume_shortcut(&b.shortcut)) {
                self.queue.push(b.command);
            }
        }
        let Some(session) = &self.session else { return };
        const DIGITS: [egui::Key; 9] = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ];
        for (n, key) in DIGITS.iter().enumerate() {
            let hotkey = char::from(b'1' + n as u8);
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, *key))
                && let Some(label) = session.labels().by_hotkey(hotkey)
            {
                let name = label.name.clone();
                self.queue.push(if self.view.selection().is_some() {
                    Command::LabelSelection(name)
                } else {
                    Command::Edit(Edit::Relabel(name))
                });
            }
        }
    }

    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit(edit) => {
                let Some(s) = &mut self.session else { return };
                let before = s.revision();
                let teaches = edit.teaches();
                self.status = s.apply(edit);
                if s.revision() != before && self.settings.learn && teaches {
                    if s.focus() == Focus::Claims {
                        self.learn_claims_from_session(ctx);
                    } else {
                        self.learn_from_session(ctx);
                    }
                }
            }
            Command::ResetLearnedModel => {
                let doc = self.session.as_ref().map(Session::shared_doc);
                let entities = self.session.as_ref().map(|s| s.annotations().spans().to_vec()).unwrap_or_default();
                let generation = self.generation;
                self.assistant(ctx).send(Request::Reset { generation, doc, entities });
            }
            Command::KeepVersion(keep) => self.resolve_conflict(ctx, keep),
            Command::ToggleLearning => self.settings.learn = !self.settings.learn,
            Command::OpenArticleDialog => self.ask_for_path(ctx, DialogKind::OpenArticle),
            Command::OpenAnnotationsDialog => self.ask_for_path(ctx, DialogKind::OpenAnnotations),
            Command::SaveAsDialog => self.ask_for_path(ctx, DialogKind::SaveAnnotationsAs),
            Command::PromptOpenPath => {
                self.prompt = Some(PathPrompt { kind: DialogKind::OpenArticle, text: String::new(), note: None })
            }
            Command::Open(path) => self.open(ctx, &path),
            Command::SaveNow => {
                if self.must_save() {
                    if self.save(ctx.input(|i| i.time)) {
                        self.status = Some("Saved".into());
                    }
                } else {
                    // Nothing to write: a look at the file instead (it may have changed meanwhile).
                    self.status = Some("Everything is saved".into());
                    self.check_disk(ctx, true);
                }
            }
            Command::SaveAs(path) => self.save_as(ctx, path),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::SetDarkTheme(dark) => self.settings.dark = dark,
            Command::TextBigger => self.settings.bigger(),
            Command::TextSmaller => self.settings.smaller(),
            Command::ToggleShowRejected => self.settings.show_rejected = !self.settings.show_rejected,
            Command::ShowLabelsEditor => self.labels_editor.open = true,
            Command::ShowShortcuts => self.show_shortcuts = true,
            Command::LabelSelection(label) => {
                if let Some(range) = self.view.selection() {
                    self.run_command(ctx, Command::Edit(Edit::Create { range, label }));
                }
                self.view.clear_selection();
            }
            Command::ClearSelection => self.view.clear_selection(),
            Command::DismissError => self.error = None,
            Command::ToggleClaims => self.settings.show_claims = !self.settings.show_claims,
            Command::MakeClaim => match self.view.selection() {
                Some(content) => {
                    self.settings.show_claims = true;
                    self.view.clear_selection();
                    self.run_command(ctx, Command::Edit(Edit::CreateClaim { content, claimant: None }));
                    self.claimant_picker.open_for(self.session.as_ref());
                }
                None => self.status = Some("Select what is claimed with the mouse first, then press C".into()),
            },
            Command::OpenFolderDialog => self.ask_for_path(ctx, DialogKind::OpenFolder),
            Command::OpenFolder(folder) => self.open_folder(ctx, &folder),
            Command::NextUnfinished => self.next_unfinished(ctx),
            Command::RefreshFolder => self.refresh_folder(ctx),
            Command::ToggleDone => self.toggle_done(ctx),
            Command::Preannotate => self.start_preannotation(ctx),
            Command::CancelPreannotation => self.cancel_preannotation(),
            Command::ShowExport => self.show_export(),
            Command::ChooseExportPath(format) => self.choose_export_path(ctx, format),
            Command::SetExportPath(path) => self.export_dialog.set_path(&path),
            Command::Export { format, selection, out } => self.export(ctx, format, selection, out),
            Command::PickClaimant => match self.session.as_ref().and_then(Session::current_claim) {
                Some(_) => {
                    self.claimant_picker.open_for(self.session.as_ref());
                }
                None => self.status = Some("Go to a claim first (] for the next one)".into()),
            },
        }
    }

    fn ask_for_path(&mut self, ctx: &egui::Context, kind: DialogKind) {
        if self.config.native_dialogs && self.dialog.is_none() {
            let start = self
                .session
                .as_ref()
                .and_then(|s| s.article_path.as_ref())
                .and_then(|p| p.parent())
                .map(Path::to_path_buf);
            self.dialog = Some(PendingDialog::spawn(kind, start, ctx.clone()));
        } else {
            self.prompt = Some(PathPrompt { kind, text: String::new(), note: None });
        }
    }

    /// Opens a file (a folder opens as a corpus), keeping the current document if it fails (or if its
    /// unsaved work cannot be saved).
    pub fn open(&mut self, ctx: &egui::Context, path: &Path) {
        if path.is_dir() {
            return self.open_folder(ctx, path);
        }
        if self.must_save() && !self.save(ctx.input(|i| i.time)) {
            self.error = Some(ErrorBox {
                title: "Your current work is not saved".into(),
                message: self.save_error.clone().unwrap_or_default(),
                advice: format!(
                    "{} was not opened. Save the current annotations with File > Save annotations as…, then open it again.",
                    path.display()
                ),
            });
            return;
        }
        self.remember_position();
        match workspace::open(path) {
            Ok(mut opened) => {
                self.generation += 1;
                self.settings.remember(path);
                // Where the analyst was: beside the annotations (written with them), else the settings.
                let beside = opened.session.save_path.as_deref().and_then(crate::store::resume::read);
                let remembered = position_key(&opened.session)
                    .and_then(|k| self.settings.position(&k))
                    .map(|id| crate::store::resume::Position { span: Some(id), ..Default::default() });
                if let Some(p) = beside.or(remembered) {
                    opened.session.resume(p);
                }
                self.position_saved = beside;
                // The previous document's lock goes before this one's is taken (it may be the same file).
                self.file = None;
                let mut file = DocumentFile::opened(opened.session.save_path.as_deref(), opened.disk);
                // A conflict not resolved yet is found again from the files: opening the copy of the
                // analyst's version asks again which stays; opening the document says the copy is there.
                let saved_at = opened.session.save_path.clone();
                file.conflict = saved_at.as_deref().and_then(document_file::Conflict::of_copy);
                self.other_version = saved_at
                    .as_deref()
                    .filter(|_| file.conflict.is_none())
                    .and_then(|p| store::disk::mine_copies(p).pop());
                self.notice = match (&file.shared_with, opened.notice) {
                    (Some(h), notice) => Some(format!(
                        "{}{} is also open in another Marginalia window: {}. Both can work on it: if both change it, the second to save keeps its version in a separate file beside it instead of replacing the other.",
                        notice.map(|n| format!("{n} ")).unwrap_or_default(),
                        path.file_name().unwrap_or_default().to_string_lossy(),
                        h.describe()
                    )),
                    (None, notice) => notice,
                };
                if let Some(lock) = &file.lock_unreadable {
                    self.notice = Some(format!(
                        "{}The lock file {} cannot be read, so this window cannot tell whether another one has the document open; it was left as it is (delete it if no other window has the document open).",
                        self.notice.take().map(|n| format!("{n} ")).unwrap_or_default(),
                        lock.display()
                    ));
                }
                self.file = Some(file);
                self.save_error = None;
                self.dirty_since = None;
                self.view.reset();
                self.status = None;
                let folder = position_key(&opened.session).and_then(|p| p.parent().map(Path::to_path_buf));
                self.assistant(ctx).send(Request::Bind(folder));
                self.suggesting = opened.needs_suggestions;
                if opened.needs_suggestions {
                    let request = Request::Suggest {
                        generation: self.generation,
                        doc: opened.session.shared_doc(),
                        entities: opened.session.annotations().spans().to_vec(),
                    };
                    self.assistant(ctx).send(request);
                }
                self.session = Some(opened.session);
            }
            Err(e) => {
                self.error = Some(ErrorBox {
                    title: format!("Could not open {}", path.file_name().unwrap_or_default().to_string_lossy()),
                    message: e.to_string(),
                    advice: e.advice().to_string(),
                });
            }
        }
    }

    /// Hands the open document's spans to the assistant to learn from its last action.
    fn learn_from_session(&mut self, ctx: &egui::Context) {
        let Some(s) = &self.session else { return };
        let Some(after) = s.last_action() else { return };
        let request = Request::Learn {
            generation: self.generation,
            after,
            doc: s.shared_doc(),
            spans: s.spans_near_last_change(),
        };
        self.assistant(ctx).send(request);
    }

    /// Hands the open document's claims to the assistant to learn from its last action.
    fn learn_claims_from_session(&mut self, ctx: &egui::Context) {
        let Some(s) = &self.session else { return };
        let Some(after) = s.last_action() else { return };
        let claims = s.annotations().claims.all().to_vec();
        let entities = s.annotations().spans().to_vec();
        let request =
            Request::LearnClaims { generation: self.generation, after, doc: s.shared_doc(), claims, entities };
        self.assistant(ctx).send(request);
    }

    fn assistant_replied(&mut self, reply: Reply) {
        match reply {
            Reply::Initial { generation, suggestions, claims } if generation == self.generation => {
                self.suggesting = false;
                if let Some(s) = &mut self.session {
                    if s.can_undo() || s.can_redo() {
                        s.start_from_here();
                    }
                    let n = s.add_suggestions(suggestions);
                    let c = s.add_claim_suggestions(claims);
                    self.status = Some(format!("{n} suggestions, {c} claims"));
                }
            }
            Reply::Refreshed { generation, after, engine, suggestions, sentences, took }
                if generation == self.generation =>
            {
                // `None`: the action was undone meanwhile, and what the undo brought back stays.
                if let Some(r) = self.session.as_mut().and_then(|s| s.refresh_suggestions(after, engine, suggestions)) {
                    self.status = Some(format!(
                        "Learned from {sentences} sentence(s) in {:.0} ms; suggestions: {} new, {} withdrawn",
                        took.as_secs_f64() * 1e3,
                        r.added,
                        r.withdrawn
                    ));
                }
            }
            Reply::ClaimsRefreshed { generation, after, claims, sentences, took } if generation == self.generation => {
                if let Some(r) = self.session.as_mut().and_then(|s| s.refresh_claim_suggestions(after, claims)) {
                    self.status = Some(format!(
                        "Learned claims from {sentences} sentence(s) in {:.0} ms; claims: {} new, {} withdrawn",
                        took.as_secs_f64() * 1e3,
                        r.added,
                        r.withdrawn
                    ));
                }
            }
            Reply::Reset { generation, suggestions, claims } if generation == self.generation => {
                if let Some(s) = &mut self.session {
                    let (spans, claims) = s.reset_suggestions(suggestions, claims);
                    self.status = Some(format!(
                        "Learned suggestions reset to the shipped models': {} new, {} withdrawn; claims: {} new, {} withdrawn (Ctrl+Z undoes it)",
                        spans.added, spans.withdrawn, claims.added, claims.withdrawn
                    ));
                }
            }
            Reply::Notice(notice) => self.status = Some(assistant::describe(&notice)),
            // For a document no longer open.
            Reply::Initial { .. } | Reply::Refreshed { .. } | Reply::ClaimsRefreshed { .. } | Reply::Reset { .. } => {}
        }
    }

    /// Notes the current item of the open file, to resume there next time.
    fn remember_position(&mut self) {
        if let Some(s) = &self.session
            && let (Some(path), Some(id)) = (position_key(s), s.current_id())
        {
            self.settings.remember_position(&path, id.0);
        }
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(saved) = self.saver.as_mut().and_then(Saver::poll) {
            self.saved(saved, ctx.input(|i| i.time));
        }
        self.check_disk(ctx, false);
        while let Some(reply) = self.assistant.as_ref().and_then(Assistant::poll) {
            self.assistant_replied(reply);
        }
        self.poll_export();
        self.poll_corpus(ctx);
        if self.suggesting {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if let Some(outcome) = self.dialog.as_ref().and_then(PendingDialog::poll) {
            let kind = self.dialog.take().map_or(DialogKind::OpenArticle, |d| d.kind);
            match outcome {
                DialogOutcome::Chosen(path) => self.queue.push(kind.chosen(path)),
                DialogOutcome::Cancelled => {}
                DialogOutcome::Unavailable => {
                    self.prompt = Some(PathPrompt {
                        kind,
                        text: String::new(),
                        note: Some(
                            "No file dialog could be shown on this system; type the file's path instead.".into(),
                        ),
                    })
                }
            }
        }
    }

    /// Records the outcome of a save.
    fn saved(&mut self, saved: Saved, now: f64) {
        let Some(s) = &mut self.session else { return };
        // A save of a document since closed, or moved (the window waits before moving it): not news.
        if saved.generation != self.generation || s.save_path.as_deref() != Some(saved.path.as_path()) {
            return;
        }
        if saved.position.is_some() {
            self.position_saved = saved.position;
        }
        let Some((revision, result)) = saved.work else { return };
        match result {
            Ok(disk) => {
                s.mark_saved(revision);
                self.save_error = None;
                self.quit_anyway = false;
                self.dirty_since = s.is_dirty().then_some(now);
                if let Some(file) = &mut self.file {
                    file.disk = disk;
                }
            }
            Err(store::SaveError::Changed { path, now: theirs }) => self.start_conflict(now, path, theirs),
            Err(e) => {
                self.last_save_attempt = now;
                self.save_error = Some(format!(
                    "{e}. Your work is kept in memory: choose another place with File > Save annotations as…"
                ));
            }
        }
    }

    /// What to write for the open document: its annotations when they changed (or `all`), and where
    /// the analyst is. `None` when there is nothing to write, or nowhere to write it.
    fn snapshot(&mut self, all: bool) -> Option<Snapshot> {
        let s = self.session.as_ref()?;
        let Some(path) = s.save_path.clone() else {
            self.save_error =
                Some("This document has no annotation file yet. Choose one with File > Save annotations as…".into());
            return None;
        };
        let position = s.position();
        let work = (all || s.is_dirty()).then(|| Work {
            revision: s.revision(),
            source: s.article_path.clone(),
            doc: s.shared_doc(),
            annotations: s.annotations().clone(),
            expected: self.file.as_ref().map_or(store::disk::OnDisk::Absent, |f| f.disk.clone()),
        });
        (work.is_some() || self.position_saved != Some(position)).then_some(Snapshot {
            generation: self.generation,
            path,
            work,
            position,
        })
    }

    /// Takes in the save being written in the background, if any.
    fn wait_for_saver(&mut self, now: f64) {
        if let Some(done) = self.saver.as_mut().and_then(Saver::wait) {
            self.saved(done, now);
        }
    }

    /// Saves now, on this thread (explicit saves, before opening another file, on quit). Returns
    /// whether everything is saved.
    /// Whether there is something to write: unsaved changes, or a file that went away under the
    /// document (its version is then written beside it).
    fn must_save(&self) -> bool {
        self.session.as_ref().is_some_and(Session::is_dirty) || self.file.as_ref().is_some_and(DocumentFile::is_gone)
    }

    fn save(&mut self, now: f64) -> bool {
        self.wait_for_saver(now);
        let Some(snap) = self.snapshot(true) else { return self.session.is_none() || self.save_error.is_none() };
        self.last_save_attempt = now;
        self.saved(saver::write(snap), now);
        self.save_error.is_none() && !self.session.as_ref().is_some_and(Session::is_dirty)
    }

    /// *Save annotations as…*: a new file (one already there is not replaced). The document moves
    /// there only once it is written; until then it stays where it was.
    fn save_as(&mut self, ctx: &egui::Context, path: PathBuf) {
        let now = ctx.input(|i| i.time);
        self.wait_for_saver(now);
        let Some(s) = &mut self.session else { return };
        if s.save_path.as_deref() == Some(path.as_path()) {
            self.save(now);
            return;
        }
        if path.exists() {
            self.error = Some(ErrorBox {
                title: format!("{} already exists", path.display()),
                message: "Marginalia does not replace a file it did not open.".into(),
                advice: "Choose another name (or move that file away first); your work is still here.".into(),
            });
            return;
        }
        let revision = s.revision();
        let absent = store::disk::OnDisk::Absent;
        match store::disk::save(&path, s.doc(), s.annotations(), s.article_path.as_deref(), &absent) {
            Ok(disk) => {
                s.save_path = Some(path.clone());
                s.mark_saved(revision);
                self.save_error = None;
                self.dirty_since = None;
                match &mut self.file {
                    Some(file) => {
                        // A choice of versions still open stays with the file it was about.
                        file.conflict = None;
                        file.moved_to(&path, disk)
                    }
                    None => self.file = Some(DocumentFile::opened(Some(&path), disk)),
                }
                self.position_saved = None; // the resume position follows with the next save
                self.status = Some(format!("Saved to {}", path.display()));
            }
            Err(e) => {
                self.error = Some(ErrorBox {
                    title: format!("Could not save to {}", path.display()),
                    message: e.to_string(),
                    advice: "Your work stays where it was (and in memory); choose another place.".into(),
                });
            }
        }
    }

    /// Saves within `autosave_after` seconds of the first unsaved change (or move), in the
    /// background; retries a failed save every 5 s.
    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let Some(s) = &self.session else { return };
        let moved = self.position_saved != Some(s.position()) && s.save_path.as_ref().is_some_and(|p| p.exists());
        if !s.is_dirty() && !moved {
            self.dirty_since = None;
            return;
        }
        let since = *self.dirty_since.get_or_insert(now);
        let due = (since + self.config.autosave_after).max(if self.save_error.is_some() {
            self.last_save_attempt + 5.0
        } else {
            0.0
        });
        if now < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return;
        }
        let saver = self.saver.get_or_insert_with(|| Saver::new(ctx.clone()));
        if saver.is_busy() {
            return; // its result triggers a repaint, and the next frame saves what changed since
        }
        if let Some(snap) = self.snapshot(false) {
            self.last_save_attempt = now;
            self.dirty_since = None;
            let saver = self.saver.get_or_insert_with(|| Saver::new(ctx.clone()));
            if let Err(snap) = saver.submit(snap) {
                self.saved(saver::write(*snap), now);
            }
        }
    }

    /// Closing the window saves first; if that fails, the close waits for the user.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.quit_anyway {
            return;
        }
        if self.must_save() && !self.save(ctx.input(|i| i.time)) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.quit_anyway = true; // a second close discards
            self.error = Some(ErrorBox {
                title: "Unsaved annotations".into(),
                message: self.save_error.clone().unwrap_or_default(),
                advice: "Save them with File > Save annotations as…, or close the window again to quit without saving."
                    .into(),
            });
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            Some(s) => {
                let name = s
                    .article_path
                    .as_ref()
                    .or(s.save_path.as_ref())
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned());
                let dirty = if s.is_dirty() { "● " } else { "" };
                let folder = self.corpus().map(|c| {
                    let (done, total) = c.progress();
                    let name = c.folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    format!(" — {name} ({done} of {total} done)")
                });
                format!(
                    "{dirty}{}{} — Marginalia",
                    name.unwrap_or_else(|| "untitled".into()),
                    folder.unwrap_or_default()
                )
            }
            None => "Marginalia".into(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }
}

/// The file a session's position is remembered under: its article, else its annotation file.
fn position_key(session: &Session) -> Option<PathBuf> {
    session.article_path.clone().or_else(|| session.save_path.clone())
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_position();
        eframe::set_value(storage, settings::STORAGE_KEY, &self.settings);
    }
}
