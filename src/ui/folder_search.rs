//! The folder panel's search (Ctrl+Shift+F): one field that filters the list by name as it is typed
//! and, on Enter, searches the documents' texts in the background; the list then shows the documents
//! with matches, each with its count and a line per match (a snippet with the match emphasised) that
//! opens the document at that match.

use crate::command::{Command, FolderQuery};
use crate::corpus::search::{Found, Results};
use crate::corpus::{Corpus, StatusFilter};
use crate::text_search::Options;
use eframe::egui::{self, Sense, TextFormat, Ui, Vec2, text::LayoutJob, text::TextWrapping};

/// One line of the folder list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Document(usize),
    /// The `k`-th match of a document.
    Match(usize, usize),
    /// A document has more matches than the list keeps.
    More(usize),
}

/// The field's text and options, and whether it should take the keyboard.
#[derive(Default)]
pub struct SearchField {
    pub text: String,
    pub options: Options,
    focus: bool,
}

impl SearchField {
    /// Gives the field the keyboard in the next frame.
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// The query the field holds.
    pub fn query(&self) -> FolderQuery {
        FolderQuery { text: self.text.trim().to_string(), options: self.options }
    }

    /// The field and its options; Enter (or the button) asks for the texts to be searched, and so
    /// does a toggle while the texts' results of this query are shown.
    pub fn show(&mut self, ui: &mut Ui, running: bool, results: Option<&Results>) -> Option<Command> {
        let shown = results.is_some_and(|r| r.query == self.text.trim());
        let mut search = false;
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let field = egui::TextEdit::singleline(&mut self.text)
                .hint_text("names; Enter: the texts")
                .desired_width(ui.available_width() - 60.0);
            let field = ui.add(field).labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                field.request_focus();
            }
            search = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let tip = "Search the texts of every document of the folder";
            search |= ui.add_enabled(!running, egui::Button::new("Texts")).on_hover_text(tip).clicked();
        });
        // Wrapped: on a narrow window the panel is narrow too.
        ui.horizontal_wrapped(|ui| {
            // A toggle searches the texts again only when their results are shown (it would
            // re-read the whole folder to filter names).
            let toggled = ui.checkbox(&mut self.options.match_case, "Match case").changed()
                | ui.checkbox(&mut self.options.whole_word, "Whole words").changed();
            search |= toggled && shown;
        });
        (search && !self.text.trim().is_empty()).then(|| Command::SearchFolderTexts(self.query()))
    }

    /// The results, if they are of what the field holds now.
    pub fn current<'a>(&self, results: Option<&'a Results>) -> Option<&'a Results> {
        results.filter(|r| r.query == self.text.trim() && r.options == self.options)
    }
}

/// The lines the list shows: the documents the filter and the name search admit, and those whose
/// texts have matches (each followed by its matches).
pub fn lines(corpus: &Corpus, filter: StatusFilter, name: &str, results: Option<&Results>) -> Vec<Line> {
    let by_name = corpus.shown(filter, name);
    let Some(results) = results else { return by_name.into_iter().map(Line::Document).collect() };
    let mut shown: Vec<usize> = results
        .documents
        .keys()
        .copied()
        .filter(|&i| corpus.documents.get(i).is_some_and(|d| filter.admits(d.status())))
        .chain(by_name)
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len());
    for i in shown {
        out.push(Line::Document(i));
        if let Some(found) = results.of(i) {
            out.extend((0..found.hits.len()).map(|k| Line::Match(i, k)));
            if found.count > found.hits.len() {
                out.push(Line::More(i));
            }
        }
    }
    out
}

/// How many matches a document's row says it has.
pub fn count_text(found: &Found) -> String {
    match found.count {
        1 => "1 match".into(),
        n => format!("{n} matches"),
    }
}

/// A match's line: the snippet, the match emphasised, on one line (cut with `…` where too long).
/// A click opens the document with the find bar on the match.
pub fn match_row(
    ui: &mut Ui,
    row_height: f32,
    path: &std::path::Path,
    results: &Results,
    found: &Found,
    k: usize,
) -> Option<Command> {
    let hit = &found.hits[k];
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), row_height), Sense::click());
    let visuals = ui.visuals();
    if response.hovered() {
        ui.painter().rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let font = egui::TextStyle::Small.resolve(ui.style());
    let weak = TextFormat { font_id: font.clone(), color: visuals.weak_text_color(), ..Default::default() };
    let strong = TextFormat {
        font_id: font,
        color: visuals.strong_text_color(),
        background: visuals.selection.bg_fill.gamma_multiply(0.6),
        ..Default::default()
    };
    let (before, matched, after) = &hit.snippet;
    let mut job = LayoutJob::default();
    job.append(before, 0.0, weak.clone());
    job.append(matched, 0.0, strong);
    job.append(after, 0.0, weak);
    job.wrap = TextWrapping::truncate_at_width(rect.width() - 30.0);
    let galley = ui.painter().layout_job(job);
    let pos = egui::pos2(rect.left() + 26.0, rect.center().y - galley.size().y / 2.0);
    ui.painter().with_clip_rect(rect).galley(pos, galley, visuals.text_color());
    let said = format!("{before}{matched}{after}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &said));
    let response = response.on_hover_text(format!("{said}\nOpen the document at this match"));
    response.clicked().then(|| Command::OpenMatch {
        path: path.to_path_buf(),
        query: FolderQuery { text: results.query.clone(), options: results.options },
        at: hit.at.clone(),
    })
}
