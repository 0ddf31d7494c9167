//! The window's app: it holds what is open and runs the commands the widgets return.
//!
//! What it holds, each its own value: the open document with its save state ([`document`]), the
//! open folder ([`corpus`]), the windows over the article and the notice above it ([`overlays`]),
//! and the work off the UI thread ([`services`]: the assistant that suggests and learns, file
//! dialogs, the export). Drawing is the widgets' (`crate::ui`): each frame the app lends them a
//! [`Screen`](crate::ui::window::Screen) of its state and runs what they return.
//!
//! Each frame: collect results from background work, read the keyboard (what is on top takes it
//! first: [`keys`]), draw, run the commands ([`run`]), then save if something changed ([`saving`]).
//! [`App::show`] is the whole frame and takes only a `Ui`, so the tests drive exactly what the real
//! window runs.

pub(crate) mod assistant;
mod corpus;
pub mod dialogs;
mod document;
pub mod document_file;
mod export;
mod finding;
mod jobs;
mod keys;
mod learning;
mod opening;
mod overlays;
mod review;
mod run;
mod saver;
mod saving;
mod services;
pub mod settings;
mod team;

use crate::command::Command;
use crate::command::keys::Holder;
use crate::engines::{EngineSet, Engines};
use crate::session::Session;
use crate::ui::banners::{Banners, Conflicted};
use crate::ui::error_box::ErrorBox;
use crate::ui::menu_bar::MenuState;
use crate::ui::path_prompt::PathPrompt;
use crate::ui::status_bar::{DocumentLine, Saving, StatusLine};
use crate::ui::window::{self, ExportWindow, Folder, Look, Panels, Screen, Windows};
use document::DocumentState;
use eframe::egui::{self, Ui};
use overlays::Overlays;
use services::Services;
use settings::Settings;
use std::path::PathBuf;

/// How the app behaves; tests shorten the autosave delay and turn native dialogs off.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Seconds after the first unsaved change before saving by itself.
    pub autosave_after: f64,
    /// Show native file dialogs; when false, File → Open shows the path field.
    pub native_dialogs: bool,
    /// The engines that suggest and learn (the shipped ones; tests give their own).
    pub engines: EngineSet,
    /// Who is annotating: in a team project, whose folder the window writes
    /// (`$MARGINALIA_USER`, else the login name).
    pub analyst: String,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            autosave_after: 0.5,
            native_dialogs: true,
            engines: Engines::shipped,
            analyst: crate::annotation::current_user(),
        }
    }
}

pub struct App {
    config: AppConfig,
    pub settings: Settings,
    /// The open document and its save state.
    doc: DocumentState,
    /// The open folder, when there is one (corpus mode).
    folder: Option<corpus::FolderState>,
    /// The analyst's place in the team project of what is open, when it is in one.
    seat: Option<crate::team::Seat>,
    /// The windows over the article, and the notice above it.
    overlays: Overlays,
    /// Work off the UI thread: suggesting and learning, file dialogs, the export.
    services: Services,
    /// The panels' own state: the article's layout and selection, the lists' scroll and filters.
    panels: Panels,
    queue: Vec<Command>,
    /// A short message in the status bar (e.g. "No pending suggestions left").
    status: Option<String>,
    /// Keys of this frame are not for the document shown now (it was just loaded again).
    keys_held: bool,
    title: String,
    applied_dark: Option<bool>,
}

impl App {
    pub fn new(config: AppConfig, settings: Settings) -> Self {
        let engines = config.engines;
        Self {
            config,
            settings,
            doc: DocumentState::default(),
            folder: None,
            seat: None,
            overlays: Overlays::default(),
            services: Services::new(engines),
            panels: Panels::default(),
            queue: Vec::new(),
            status: None,
            keys_held: false,
            title: String::new(),
            applied_dark: None,
        }
    }

    /// The app eframe starts: settings from eframe's storage, then the file from the command line.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, open: Option<PathBuf>) -> Self {
        let settings = cc.storage.and_then(|s| eframe::get_value(s, settings::STORAGE_KEY)).unwrap_or_default();
        crate::ui::fonts::install(&cc.egui_ctx);
        let mut app = Self::new(AppConfig::default(), settings);
        if let Some(path) = open {
            app.queue.push(Command::Open(path));
        }
        app
    }

    pub fn session(&self) -> Option<&Session> {
        self.doc.session.as_ref()
    }

    pub fn error(&self) -> Option<&ErrorBox> {
        self.overlays.error.as_ref()
    }

    pub fn save_error(&self) -> Option<&str> {
        self.doc.save_error.as_deref()
    }

    /// The notice above the article (a file changed on disk, another window has it open, …).
    pub fn notice(&self) -> Option<&str> {
        self.overlays.notice.as_deref()
    }

    /// The open document's file changed on disk while it had unsaved changes, and the analyst has
    /// not chosen yet which version stays.
    pub fn conflict(&self) -> Option<&document_file::Conflict> {
        self.doc.conflict()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn is_suggesting(&self) -> bool {
        self.doc.suggesting
    }

    /// An automatic save is being written.
    pub fn is_saving(&self) -> bool {
        self.doc.is_saving()
    }

    pub fn prompt(&self) -> Option<&PathPrompt> {
        self.overlays.prompt.as_ref()
    }

    /// Where a byte range of the article is on screen (last frame).
    pub fn article_rects(&self, range: &std::ops::Range<usize>) -> Vec<egui::Rect> {
        self.doc.session.as_ref().map(|s| self.panels.view.screen_rects(s, range)).unwrap_or_default()
    }

    /// Queues a command, as a menu or key would (it runs during the next frame).
    pub fn send(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// The analyst's place in the team project of what is open, when it is in one.
    pub fn team(&self) -> Option<&crate::team::Seat> {
        self.seat.as_ref()
    }

    /// The team's agreement figures, once measured (View > Team agreement).
    pub fn agreement(&self) -> Option<&crate::team::agreement::Report> {
        self.overlays.agreement.as_ref().and_then(|a| a.figures.as_ref()).and_then(|f| f.as_ref().ok())
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// One whole frame.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let top = self.overlays.top();
        self.apply_view_settings(&ctx);
        self.poll_background(&ctx);
        self.handle_close_request(&ctx);
        self.read_keys(&ctx);
        // The places under review, worked out again if the document changed since the last frame.
        self.review();
        let commands = window::show(ui, self.screen(&ctx));
        self.queue.extend(commands);

        let queued = std::mem::take(&mut self.queue);
        if !queued.is_empty() {
            // Commands run after drawing: draw again to show their effect.
            ctx.request_repaint();
        }
        for command in queued {
            self.run_command(&ctx, command);
        }
        // The first decision (anything to undo) retires the first-run hint.
        self.settings.knows_the_keys |= self.doc.session.as_ref().is_some_and(Session::can_undo);
        if self.overlays.top().is_some_and(|now| Some(now) != top) {
            // A window opened (by a key, say, while a menu was open): no menu stays over it.
            egui::Popup::close_all(&ctx);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    /// What the widgets show this frame, lent from the app's state.
    fn screen(&mut self, ctx: &egui::Context) -> Screen<'_> {
        let session = self.doc.session.as_ref();
        let folder_busy = self.corpus_busy();
        let article_has_keys = matches!(self.keyboard_holder(ctx), Holder::Selection | Holder::Article);
        let export =
            self.export_named_after().filter(|_| self.overlays.export.open).map(|base| (base, self.export_scope()));
        let conflict = self.doc.conflict();
        let saving = if self.doc.save_error.is_some() {
            Saving::Failed
        } else if conflict.is_some() {
            Saving::SavedBeside
        } else if session.is_some_and(Session::is_dirty) {
            Saving::Unsaved
        } else {
            Saving::Saved
        };
        Screen {
            session,
            menu: MenuState {
                has_doc: session.is_some(),
                can_undo: session.is_some_and(Session::can_undo),
                can_redo: session.is_some_and(Session::can_redo),
                done: session.is_some_and(Session::is_done),
                in_folder: self.folder.is_some(),
                folder_busy,
                learn: self.settings.learn,
                show_claims: self.settings.show_claims,
                dark: self.settings.dark,
                show_rejected: self.settings.show_rejected,
                lowest_score_first: self.settings.queue_order == crate::session::QueueOrder::LowestScore,
                recent: &self.settings.recent,
                in_team: self.seat.is_some(),
                reviewing: self.doc.review.is_some(),
                anonymous_review: self.settings.anonymous_review,
            },
            status: StatusLine {
                team: self.seat.as_ref(),
                document: session.map(|s| DocumentLine { file: s.save_path.as_deref(), saving, counts: s.tally() }),
                suggesting: self.doc.suggesting,
                message: self.status.as_deref(),
            },
            banners: Banners {
                save_error: self.doc.save_error.as_deref(),
                conflict: conflict.map(|c| Conflicted {
                    original: &c.original,
                    mine: &c.mine,
                    theirs_unusable: c.theirs.as_ref().err().map(ToString::to_string),
                }),
                other_version: self.doc.other_version.as_deref(),
                notice: self.overlays.notice.as_deref(),
                first_steps: session.is_some() && !self.settings.knows_the_keys,
            },
            folder: self.folder.as_ref().map(|f| Folder {
                corpus: &f.corpus,
                current: self.doc.index_in(&f.corpus),
                progress: f.progress(),
                search: crate::ui::corpus_panel::Searched {
                    results: f.search.results.as_ref(),
                    running: f.search.is_running(),
                },
                team: f.team.as_ref(),
            }),
            look: Look {
                font_size: self.settings.font_size,
                show_rejected: self.settings.show_rejected,
                show_claims: self.settings.show_claims,
            },
            article_has_keys,
            panels: &mut self.panels,
            find: &mut self.overlays.find,
            windows: Windows {
                error: self.overlays.error.as_ref(),
                prompt: self.overlays.prompt.as_mut(),
                labels: &mut self.overlays.labels,
                picker: &mut self.overlays.picker,
                export: export.map(|(base, scope)| ExportWindow {
                    dialog: &mut self.overlays.export,
                    scope,
                    base,
                    busy: self.services.exporting.is_some(),
                }),
                shortcuts: self.overlays.shortcuts,
                guidelines: self.overlays.guidelines.as_ref(),
                agreement: self.overlays.agreement.as_ref(),
            },
            review: self.doc.review.as_ref().map(|r| crate::ui::review_panel::ReviewPanel {
                review: r.last(),
                anonymous: self.settings.anonymous_review,
            }),
        }
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

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc.session {
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
                let team = self.seat.as_ref().map(|s| format!(" — {}", s.describe())).unwrap_or_default();
                format!(
                    "{dirty}{}{}{team} — Marginalia",
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
