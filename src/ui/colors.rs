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
    match status {
        Status::Accepted => (base, ON_PASTEL, Stroke::NONE, Stroke::NONE),
        Status::Pending => {
            // An opaque tint of the label colour over the page, with the theme's strongest text on it.
            let tint = mix(visuals.extreme_bg_color, base, if visuals.dark_mode { 0.28 } else { 0.35 });
            (tint, visuals.strong_text_color(), Stroke::new(2.0, strong(base, visuals)), Stroke::NONE)
        }
        Status::Rejected => {
            (Color32::TRANSPARENT, visuals.weak_text_color(), Stroke::NONE, Stroke::new(1.0, visuals.weak_text_color()))
        }
    }
}

/// The outline around the current item.
pub fn current_outline(visuals: &Visuals) -> Stroke {
    Stroke::new(2.5, if visuals.dark_mode { Color32::from_rgb(255, 210, 60) } else { Color32::from_rgb(200, 40, 40) })
}

/// `a` moved towards `b` by `t` (0–1), per channel, opaque.
fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// The claims layer: what is claimed and its cue, in one colour apart from every default label's.
pub fn claim(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(77, 208, 196) } else { Color32::from_rgb(0, 121, 107) }
}

/// Who makes a claim.
pub fn claimant(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(214, 160, 255) } else { Color32::from_rgb(123, 31, 162) }
}

/// How far the analysts agree at a place under review: green all, amber some, red they disagree.
pub fn agreement(a: crate::team::review::Agreement, visuals: &Visuals) -> Color32 {
    use crate::team::review::Agreement as A;
    match (a, visuals.dark_mode) {
        (A::All, false) => Color32::from_rgb(46, 125, 50),
        (A::All, true) => Color32::from_rgb(129, 199, 132),
        (A::Some, false) => Color32::from_rgb(191, 110, 0),
        (A::Some, true) => Color32::from_rgb(255, 183, 77),
        (A::Conflict, false) => Color32::from_rgb(198, 40, 40),
        (A::Conflict, true) => Color32::from_rgb(239, 122, 122),
    }
}
