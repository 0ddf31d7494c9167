//! The whole window, laid out: the menu bar on top, the status bar at the bottom, the folder's
//! document list on the left (when a folder is open), the review panel on the right, the article (or
//! the welcome page) in the middle under its banners, and the windows over it. It only draws and
//! returns commands: the app lends it a [`Screen`] of its state each frame and runs what comes back.

use super::article_view::{ArticleView, Marks, ViewStyle};
use super::banners::Banners;
use super::claimant_picker::ClaimantPicker;
use super::corpus_panel::{CorpusPanel, Progress, Searched};
use super::error_box::ErrorBox;
use super::export_dialog::ExportDialog;
use super::find_bar::FindBar;
use super::labels_editor::LabelsEditor;
use super::menu_bar::MenuState;
use super::path_prompt::PathPrompt;
use super::side_panel::SidePanel;
use super::status_bar::StatusLine;
use super::{banners, error_box, menu_bar, path_prompt, shortcuts_help, status_bar, welcome};
use crate::command::Command;
use crate::corpus::Corpus;
use crate::session::Session;
use eframe::egui::{self, Ui};
use std::path::PathBuf;

/// The panels' own state (layout caches, the mouse selection, scroll positions, filters).
#[derive(Default)]
pub struct Panels {
    pub view: ArticleView,
    pub side: SidePanel,
    pub corpus: CorpusPanel,
}

/// The open folder, for its panel.
pub struct Folder<'a> {
    pub corpus: &'a Corpus,
    /// The open document's row.
    pub current: Option<usize>,
    pub progress: Option<Progress>,
    pub search: Searched<'a>,
    /// How far each analyst is, in a team project (`None` while it is read).
    pub team: Option<&'a Result<crate::corpus::team::TeamProgress, String>>,
}

/// How the article is shown.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub font_size: f32,
    pub show_rejected: bool,
    pub show_claims: bool,
}

/// The export dialog, with what it exports.
pub struct ExportWindow<'a> {
    pub dialog: &'a mut ExportDialog,
    /// What goes out, in words ("the folder news (500 documents, 12 marked done)").
    pub scope: String,
    /// The folder or the annotation file it is.
    pub base: PathBuf,
    pub busy: bool,
}

/// The windows over the article (each drawn when open).
pub struct Windows<'a> {
    pub error: Option<&'a ErrorBox>,
    pub prompt: Option<&'a mut PathPrompt>,
    pub labels: &'a mut LabelsEditor,
    pub picker: &'a mut ClaimantPicker,
    pub export: Option<ExportWindow<'a>>,
    pub shortcuts: bool,
    /// The team's guidelines, when shown.
    pub guidelines: Option<&'a super::guidelines::Guidelines>,
    /// The team's agreement, when shown.
    pub agreement: Option<&'a super::team_agreement::TeamAgreement>,
}

/// What the window shows this frame.
pub struct Screen<'a> {
    pub session: Option<&'a Session>,
    pub menu: MenuState<'a>,
    pub status: StatusLine<'a>,
    pub banners: Banners<'a>,
    pub folder: Option<Folder<'a>>,
    pub look: Look,
    /// Nothing is on top of the article: it holds the keyboard.
    pub article_has_keys: bool,
    pub panels: &'a mut Panels,
    /// The find bar, drawn above the article while open.
    pub find: &'a mut FindBar,
    pub windows: Windows<'a>,
    /// The analysts' versions, for a curated version under review.
    pub review: Option<super::review_panel::ReviewPanel<'a>>,
}

/// Draws the window; returns what the analyst asked for.
pub fn show(ui: &mut Ui, screen: Screen) -> Vec<Command> {
    let Screen { session, menu, status, banners, folder, look, article_has_keys, panels, find, windows, review } =
        screen;
    let mut out = Vec::new();
    egui::Panel::top("menu").show(ui, |ui| out.extend(menu_bar::show(ui, &menu)));
    egui::Panel::bottom("status").show(ui, |ui| status_bar::show(ui, &status));
    let width = ui.max_rect().width();
    if let Some(f) = folder {
        PanelWidth { id: "corpus", default: 290.0, min: 220.0 }.apply(egui::Panel::left, width).show(ui, |ui| {
            out.extend(cut_at_edge(ui, |ui| panels.corpus.show(ui, &f)));
        });
    }
    if let Some(session) = session {
        PanelWidth { id: "side", default: 340.0, min: 240.0 }.apply(egui::Panel::right, width).show(ui, |ui| {
            out.extend(cut_at_edge(ui, |ui| panels.side.show(ui, session, look.show_rejected, review.as_ref())));
        });
    }
    egui::CentralPanel::default().show(ui, |ui| {
        out.extend(banners::show(ui, &banners));
        match session {
            Some(session) => {
                let style = ViewStyle {
                    font_size: look.font_size,
                    dark: ui.visuals().dark_mode,
                    show_rejected: look.show_rejected,
                    labels_revision: session.labels_revision(),
                };
                if find.is_open() {
                    out.extend(find.show(ui, session));
                }
                let places = review.as_ref().map(|r| r.waiting(ui.visuals())).unwrap_or_default();
                let marks = Marks { places: &places, ..find.marks() };
                out.extend(panels.view.show(ui, session, style, look.show_claims, article_has_keys, marks));
            }
            None => out.extend(welcome::show(ui, menu.recent)),
        }
    });
    out.extend(show_windows(ui.ctx(), session, &panels.view, windows));
    out
}

/// How wide a panel beside the article is: as designed, but never so wide that the two panels
/// leave the article less than [`Self::ARTICLE`] points (at 900 points it keeps 60% of the window).
/// egui remembers a panel's width: a window too narrow for the designed width has panels of its
/// own, so that widened again it gets back the widths it had.
struct PanelWidth {
    id: &'static str,
    default: f32,
    min: f32,
}

impl PanelWidth {
    const ARTICLE: f32 = 540.0;
    /// However narrow the window.
    const NARROWEST: f32 = 120.0;

    fn apply(self, side: fn((&'static str, bool)) -> egui::Panel, window: f32) -> egui::Panel {
        let max = ((window - Self::ARTICLE) / 2.0).max(Self::NARROWEST);
        let default = self.default.min(max);
        side((self.id, max < self.default)).default_size(default).size_range(self.min.min(default)..=max)
    }
}

/// Draws a panel's contents in its width: a row wider than the panel is cut at its edge. (egui
/// would widen the panel to fit it, up to its largest size and then past the window's right edge,
/// for the side panel.)
fn cut_at_edge<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    let rect = ui.available_rect_before_wrap();
    let mut inside = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    let r = add(&mut inside);
    let height = inside.min_rect().height().min(rect.height());
    ui.advance_cursor_after_rect(egui::Rect::from_min_size(rect.min, egui::vec2(rect.width(), height)));
    r
}

fn show_windows(ctx: &egui::Context, session: Option<&Session>, view: &ArticleView, w: Windows) -> Vec<Command> {
    let mut out = Vec::new();
    if let Some(err) = w.error {
        out.extend(error_box::show(ctx, err));
    }
    if let Some(prompt) = w.prompt {
        out.extend(path_prompt::show(ctx, prompt));
    }
    if let Some(session) = session {
        if w.labels.open {
            out.extend(w.labels.show(ctx, session));
        }
        if w.picker.is_open() {
            out.extend(w.picker.show(ctx, session, view.selection().as_ref()));
        }
    }
    if let Some(export) = w.export {
        out.extend(export.dialog.show(ctx, &export.scope, &export.base, export.busy));
    }
    if w.shortcuts {
        out.extend(shortcuts_help::show(ctx, session.map(Session::labels)));
    }
    if let Some(g) = w.guidelines {
        out.extend(super::guidelines::show(ctx, g));
    }
    if let Some(agreement) = w.agreement {
        out.extend(super::team_agreement::show(ctx, agreement));
    }
    out
}
