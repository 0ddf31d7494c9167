//! The corpus panel (left of the article, when a folder is open): how far the folder is, pre-annotation
//! of its new articles with a progress bar and Cancel, filters, the search of names and texts
//! ([`super::folder_search`]), and the document list — one line per document: status, name (cut with
//! `…` when long, whole on hover), pending and accepted counts, or its matches; a click opens a
//! document. Like every widget it only emits commands.

use super::actions;
use super::folder_search::{self, Line, SearchField};
use super::window::Folder;
use crate::command::{Action, Command};
use crate::corpus::search::Results;
use crate::corpus::{Corpus, Known, StatusFilter};
use crate::store::summary::DocStatus;
use eframe::egui::{self, Color32, Sense, Ui, Vec2, text::LayoutJob, text::TextWrapping};

#[derive(Default)]
pub struct CorpusPanel {
    filter: StatusFilter,
    search: SearchField,
    scrolled_to: Option<usize>,
}

/// The folder's text search, for the panel: its results so far, and whether it still runs.
#[derive(Clone, Copy)]
pub struct Searched<'a> {
    pub results: Option<&'a Results>,
    pub running: bool,
}

/// A background job's progress, as the panel shows it.
pub struct Progress {
    pub what: &'static str,
    pub done: usize,
    pub total: usize,
    pub cancelling: bool,
}

const ROW_HEIGHT: f32 = 24.0;

/// The colour of a status dot.
pub fn status_color(status: DocStatus, broken: bool, ui: &Ui) -> Color32 {
    if broken {
        return ui.visuals().error_fg_color;
    }
    match status {
        DocStatus::New => ui.visuals().weak_text_color(),
        DocStatus::InProgress => Color32::from_rgb(230, 150, 20),
        DocStatus::Done => Color32::from_rgb(40, 160, 70),
    }
}

impl CorpusPanel {
    pub fn show(&mut self, ui: &mut Ui, shown: &Folder) -> Vec<Command> {
        let (corpus, current, searched) = (shown.corpus, shown.current, shown.search);
        let mut out = Vec::new();
        ui.add_space(6.0);
        let folder = corpus
            .folder
            .file_name()
            .map_or_else(|| corpus.folder.display().to_string(), |n| n.to_string_lossy().into_owned());
        ui.heading(folder).on_hover_text(corpus.folder.display().to_string());
        let (done, total) = corpus.progress();
        let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
        ui.add(egui::ProgressBar::new(fraction).text(format!("{done} of {total} documents done")));
        ui.horizontal_wrapped(|ui| {
            for action in [Action::NextUnfinished, Action::Export, Action::RefreshFolder] {
                actions::button(ui, action, true, &mut out);
            }
        });
        if let Some(seat) = &corpus.team {
            super::team_progress::show(ui, seat, shown.team);
        }
        self.preannotation(ui, corpus, shown.progress.as_ref(), &mut out);
        ui.separator();
        self.filters(ui, corpus);
        out.extend(self.search.show(ui, searched.running, searched.results));
        let results = self.search.current(searched.results);
        search_summary(ui, results, searched.running);
        let shown = folder_search::lines(corpus, self.filter, &self.search.text, results);
        let show =
            shown.iter().position(|&l| Some(l) == current.map(Line::Document)).filter(|_| current != self.scrolled_to);
        if show.is_some() {
            self.scrolled_to = current;
        }
        let scroll = super::list_scroll(ui, ROW_HEIGHT, show);
        if shown.is_empty() {
            ui.weak(if total == 0 {
                "No articles here: Marginalia lists .txt, .md, .html and .pdf files and annotation files."
            } else {
                "No document matches the filter."
            });
        }
        scroll.show_rows(ui, ROW_HEIGHT, shown.len(), |ui, rows| {
            for &line in &shown[rows] {
                let (i, command) = match line {
                    Line::Document(i) => (i, row(ui, corpus, i, current == Some(i), results)),
                    Line::Match(i, k) => {
                        let found = results.and_then(|r| Some((r, r.of(i)?)));
                        let path = corpus.documents[i].path();
                        (i, found.and_then(|(r, f)| folder_search::match_row(ui, ROW_HEIGHT, path, r, f, k)))
                    }
                    Line::More(i) => {
                        let left = results.and_then(|r| r.of(i)).map_or(0, |f| f.count - f.hits.len());
                        ui.add_sized([ui.available_width(), ROW_HEIGHT], egui::Label::new(format!("… {left} more")));
                        (i, None)
                    }
                };
                if let Some(command) = command {
                    // Opened from the list: it is in view already, so the list stays where it is.
                    self.scrolled_to = Some(i);
                    out.push(command);
                }
            }
        });
        out
    }

    /// Gives the search field the keyboard (Ctrl+Shift+F).
    pub fn focus_search(&mut self) {
        self.search.focus();
    }

    fn preannotation(&self, ui: &mut Ui, corpus: &Corpus, job: Option<&Progress>, out: &mut Vec<Command>) {
        match job {
            Some(p) => {
                ui.horizontal(|ui| {
                    let bar = egui::ProgressBar::new(if p.total == 0 { 1.0 } else { p.done as f32 / p.total as f32 })
                        .text(format!("{} {} of {}", p.what, p.done, p.total))
                        .desired_width(ui.available_width() - 70.0);
                    ui.add(bar);
                    actions::button(ui, Action::CancelPreannotation, !p.cancelling, out);
                });
            }
            None => {
                let new = corpus.count_needing_suggestions();
                if new > 0 {
                    let button = egui::Button::new(format!("Pre-annotate {new} new article(s)"));
                    if ui.add(button).on_hover_text(actions::hover_text(ui, Action::Preannotate)).clicked() {
                        out.push(Action::Preannotate.command());
                    }
                }
            }
        }
    }

    fn filters(&mut self, ui: &mut Ui, corpus: &Corpus) {
        ui.horizontal_wrapped(|ui| {
            let all = format!("All {}", corpus.documents.len());
            ui.selectable_value(&mut self.filter, StatusFilter::All, all);
            for status in [DocStatus::New, DocStatus::InProgress, DocStatus::Done] {
                let text = format!("{} {}", status.title(), corpus.count(status));
                ui.selectable_value(&mut self.filter, StatusFilter::Only(status), text);
            }
        });
    }
}

/// How far the text search is, and what it found.
fn search_summary(ui: &mut Ui, results: Option<&Results>, running: bool) {
    let Some(r) = results else { return };
    let mut said = match (r.total(), r.documents.len()) {
        (0, _) if running => format!("Searching… {} searched", r.searched),
        (0, _) => "No document has it in its text".to_string(),
        (n, d) => format!("{n} match(es) in {d} document(s)"),
    };
    if !r.unreadable.is_empty() {
        said.push_str(&format!("; {} could not be read", r.unreadable.len()));
    }
    let label = ui.weak(said);
    if !r.unreadable.is_empty() {
        label.on_hover_text("Documents whose text could not be read are skipped; opening one says why.");
    }
}

/// One document: a status dot, its name, its counts (or its matches). Returns the command a click gives.
fn row(ui: &mut Ui, corpus: &Corpus, i: usize, current: bool, results: Option<&Results>) -> Option<Command> {
    let d = &corpus.documents[i];
    let broken = matches!(d.known, Known::Broken(_));
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::click());
    let visuals = ui.visuals();
    if current {
        ui.painter().rect_filled(rect, 3.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        ui.painter().rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text_color = if current { visuals.selection.stroke.color } else { visuals.text_color() };
    let dot = egui::pos2(rect.left() + 10.0, rect.center().y);
    ui.painter().circle_filled(dot, 5.0, status_color(d.status(), broken, ui));
    let found = results.and_then(|r| r.of(i));
    let counts = match &d.known {
        _ if found.is_some() => found.map(folder_search::count_text).unwrap_or_default(),
        Known::Read(s) if s.pending + s.accepted > 0 => format!("{} pending · {} accepted", s.pending, s.accepted),
        Known::Read(_) => String::new(),
        Known::NoAnnotations => "not annotated".into(),
        Known::Unread => "…".into(),
        Known::Broken(_) => "cannot be read".into(),
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let counts_galley = ui.painter().layout_no_wrap(counts, small, visuals.weak_text_color());
    let name_width = (rect.width() - 30.0 - counts_galley.size().x).max(20.0);
    let mut job = LayoutJob::simple_singleline(d.name.clone(), font, text_color);
    job.wrap = TextWrapping::truncate_at_width(name_width);
    let name = ui.painter().layout_job(job);
    let name_pos = egui::pos2(rect.left() + 22.0, rect.center().y - name.size().y / 2.0);
    ui.painter().with_clip_rect(rect).galley(name_pos, name, text_color);
    let counts_pos =
        egui::pos2(rect.right() - counts_galley.size().x - 4.0, rect.center().y - counts_galley.size().y / 2.0);
    ui.painter().galley(counts_pos, counts_galley, visuals.weak_text_color());
    let tip = match &d.known {
        Known::Broken(why) => format!("{}\n{why}\nThe file is left as it is.", d.path().display()),
        _ => format!("{}\n{} — {}", d.name, d.path().display(), d.status().name()),
    };
    let name = d.name.clone();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, current, &name));
    let response = response.on_hover_text(tip);
    (response.clicked() && !current).then(|| Command::Open(d.path().to_path_buf()))
}
