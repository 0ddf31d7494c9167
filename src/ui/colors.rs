//! Colours for highlights, readable in light and dark themes: dark text on a pastel fill for accepted
//! spans, a faint fill with a label-coloured underline for pending suggestions.

use crate::annotation::{LabelSet, Status};
use eframe::egui::{Color32, Stroke, Visuals};

/// Text drawn on a pastel fill, in either theme.
pub const ON_PASTEL: Color32 = Color32::from_rgb(24, 24, 24);

pub fn label_color(labels: &LabelSet, name: &str) -> Color32 {
    let [r, g, b] = labels.get(name).map_or([200, 200, 200], |l| l.rgb());
    Color32::from_rgb(r, g, b)
}

/// A darker tone of a label colour, for underlines and outlines on light backgrounds.
pub fn strong(c: Color32, visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { c } else { Color32::from_rgb(c.r() / 2, c.g() / 2, c.b() / 2) }
}

/// How a span of this status is drawn: (background, text colour, underline, strikethrough).
pub fn span_style(base: Color32, status: Status, visuals: &Visuals) -> (Color32, Color32, Stroke, Stroke) {
    let text = visuals.text_color();
    match status {
        Status::Accepted => (base, ON_PASTEL, Stroke::NONE, Stroke::NONE),
        Status::Pending => (base.gamma_multiply(0.35), text, Stroke::new(2.0, strong(base, visuals)), Stroke::NONE),
        Status::Rejected => (Color32::TRANSPARENT, visuals.weak_text_color(), Stroke::NONE, Stroke::new(1.0, visuals.weak_text_color())),
    }
}

/// The outline around the current item.
pub fn current_outline(visuals: &Visuals) -> Stroke {
    Stroke::new(2.5, if visuals.dark_mode { Color32::from_rgb(255, 210, 60) } else { Color32::from_rgb(200, 40, 40) })
}
