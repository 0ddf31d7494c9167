//! The side list's filters and order: which spans it shows (by label, status, engine, score range)
//! and whether by position or by score — a queue to work down, as the analyst chooses it. It filters
//! the list only; the article and the annotations stay as they are. Its controls keep their places
//! and sizes whatever is chosen, so that nothing moves under the pointer.

use crate::annotation::{Origin, Span, Status};
use crate::session::QueueOrder;
use eframe::egui::{self, Ui};

/// What the list shows, and in which order.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFilter {
    pub label: Option<String>,
    pub status: Option<Status>,
    /// An engine's name, or [`BY_HAND`].
    pub engine: Option<String>,
    /// The scores shown, inclusive (spans made by hand have none: shown while the range is whole).
    pub scores: (f32, f32),
    pub by_score: bool,
}

/// The engine filter's name for spans made by hand.
pub const BY_HAND: &str = "by hand";

impl Default for ListFilter {
    fn default() -> Self {
        Self { label: None, status: None, engine: None, scores: (0.0, 1.0), by_score: false }
    }
}

impl ListFilter {
    /// Whether anything is filtered out.
    pub fn filters(&self) -> bool {
        let whole = Self::default();
        (&self.label, self.status, &self.engine, self.scores)
            != (&whole.label, whole.status, &whole.engine, whole.scores)
    }

    /// Whether a rejected span is shown where rejected ones are hidden: when rejected ones are asked for.
    pub fn asks_for_rejected(&self) -> bool {
        self.status == Some(Status::Rejected)
    }

    pub fn keeps(&self, span: &Span) -> bool {
        let engine = engine_of(span);
        let scored = match span.score() {
            Some(s) => (self.scores.0..=self.scores.1).contains(&s),
            None => self.scores == (0.0, 1.0),
        };
        self.label.as_ref().is_none_or(|l| *l == span.label)
            && self.status.is_none_or(|s| s == span.status)
            && self.engine.as_ref().is_none_or(|e| e == engine)
            && scored
    }

    /// The spans it keeps, in its order (by score: the lowest first, unscored last, ties by position).
    pub fn apply<'a>(&self, spans: impl Iterator<Item = &'a Span>) -> Vec<&'a Span> {
        let mut kept: Vec<&Span> = spans.filter(|s| self.keeps(s)).collect();
        if self.by_score {
            kept.sort_by_key(|s| QueueOrder::LowestScore.rank(s.score(), s.range.start));
        }
        kept
    }

    /// The controls: label, status, engine, score range, order, and *Show all*.
    pub fn show(&mut self, ui: &mut Ui, labels: &[&str], engines: &[&str]) {
        const WIDTH: f32 = 92.0;
        ui.horizontal_wrapped(|ui| {
            let labels = labels.iter().map(|l| (l.to_string(), *l));
            choose(ui, ("list-label", "Only the spans of this label"), WIDTH, "Any label", &mut self.label, labels);
            let statuses =
                [(Status::Pending, "pending"), (Status::Accepted, "accepted"), (Status::Rejected, "rejected")];
            let status = ("list-status", "Only the spans pending, accepted or rejected");
            choose(ui, status, WIDTH, "Any status", &mut self.status, statuses.into_iter());
            let engines = engines.iter().map(|e| (e.to_string(), *e));
            let engine = ("list-engine", "Only the spans this engine suggested, or those made by hand");
            choose(ui, engine, WIDTH, "Any engine", &mut self.engine, engines);
        });
        // Wrapped, so that a narrow panel is not widened by its controls.
        ui.horizontal_wrapped(|ui| {
            ui.label("Score");
            let (lo, hi) = &mut self.scores;
            ui.add(egui::DragValue::new(lo).range(0.0..=*hi).speed(0.01).fixed_decimals(2))
                .on_hover_text("The lowest score shown");
            ui.label("–");
            let low = *lo;
            ui.add(egui::DragValue::new(hi).range(low..=1.0).speed(0.01).fixed_decimals(2))
                .on_hover_text("The highest score shown");
            egui::ComboBox::from_id_salt("list-order")
                .width(WIDTH)
                .selected_text(if self.by_score { "By score" } else { "By position" })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.by_score, false, "By position");
                    ui.selectable_value(&mut self.by_score, true, "By score");
                })
                .response
                .on_hover_text("The list's order: as in the article, or the lowest score first");
            let all = ui.add_enabled(self.filters(), egui::Button::new("Show all"));
            if all.on_hover_text("Take the filters off").clicked() {
                *self = Self { by_score: self.by_score, ..Self::default() };
            }
        });
    }
}

/// The engine a span came from, or [`BY_HAND`].
pub fn engine_of(span: &Span) -> &str {
    match &span.origin {
        Origin::Engine { engine, .. } => engine,
        Origin::Human { .. } => BY_HAND,
    }
}

/// A combo box of fixed width (its id, and what hovering it says): `any`, or one of `options`
/// (value, what it reads).
fn choose<'a, T: Clone + PartialEq>(
    ui: &mut Ui,
    (id, hover): (&str, &str),
    width: f32,
    any: &'a str,
    value: &mut Option<T>,
    options: impl Iterator<Item = (T, &'a str)>,
) {
    let options: Vec<(T, &str)> = options.collect();
    let shown = value.as_ref().and_then(|v| options.iter().find(|(o, _)| o == v)).map_or(any, |(_, t)| t);
    let combo = egui::ComboBox::from_id_salt(id).width(width).truncate().selected_text(shown);
    let response = combo.show_ui(ui, |ui| {
        ui.selectable_value(value, None, any);
        for (o, text) in options {
            ui.selectable_value(value, Some(o), text);
        }
    });
    response.response.on_hover_text(hover);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::human_span;

    #[test]
    fn filters_keep_what_they_name_and_by_score_puts_the_lowest_first() {
        let suggested = |id, range, label: &str, engine: &str, score| Span {
            origin: Origin::Engine { engine: engine.into(), score, label: label.into() },
            ..human_span(id, range, label, Status::Pending)
        };
        let a = suggested(1, 0..3, "ORG", "rules", 0.8);
        let b = suggested(2, 5..9, "LOC", "ner", 0.3);
        let c = human_span(3, 10..12, "ORG", Status::Accepted);
        let spans = [a.clone(), b.clone(), c.clone()];
        let ids = |f: &ListFilter| f.apply(spans.iter()).iter().map(|s| s.id.0).collect::<Vec<_>>();
        let mut f = ListFilter::default();
        assert_eq!(ids(&f), [1, 2, 3]);
        f.by_score = true;
        assert_eq!(ids(&f), [2, 1, 3], "lowest first, unscored last");
        f.label = Some("ORG".into());
        assert_eq!(ids(&f), [1, 3]);
        f.scores = (0.5, 1.0);
        assert_eq!(ids(&f), [1], "a span made by hand has no score in a range");
        f = ListFilter { engine: Some(BY_HAND.into()), ..ListFilter::default() };
        assert_eq!(ids(&f), [3]);
        f = ListFilter { status: Some(Status::Pending), ..ListFilter::default() };
        assert_eq!(ids(&f), [1, 2]);
        assert!(f.filters() && !ListFilter { by_score: true, ..ListFilter::default() }.filters());
    }
}
