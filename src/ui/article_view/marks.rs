//! The find bar's matches, painted over the cached text like the selection (nothing is laid out
//! again): every match lightly, the current one stronger and outlined, and scrolled into view once
//! when it changes. Under review, a line under each place waiting says how far the analysts agree
//! there (green all, amber some, red they disagree).

use super::ArticleView;
use crate::session::Session;
use eframe::egui::{self, Align, Color32, Painter, Pos2, Stroke, Ui};
use std::ops::Range;

/// The matches to paint (in text order, not overlapping) and which one is current.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    pub matches: &'a [Range<usize>],
    pub current: Option<usize>,
    /// Places waiting for the reviewer, with their agreement's colour.
    pub places: &'a [(Range<usize>, Color32)],
}

impl<'a> Marks<'a> {
    fn current(&self) -> Option<&'a Range<usize>> {
        self.current.and_then(|i| self.matches.get(i))
    }
}

/// Light and strong amber: they read over the text and over the label colours in both themes.
const MATCH: Color32 = Color32::from_rgba_premultiplied(90, 70, 0, 90);
const CURRENT: Color32 = Color32::from_rgba_premultiplied(150, 90, 0, 150);
const OUTLINE: Color32 = Color32::from_rgb(230, 130, 0);

impl ArticleView {
    /// The current match when the view has not scrolled to it yet.
    pub(super) fn match_target<'m>(&self, marks: &Marks<'m>) -> Option<&'m Range<usize>> {
        marks.current().filter(|r| self.scrolled_to_match.as_ref() != Some(*r))
    }

    /// Paints the matches inside `visible` (bytes), and scrolls to the current one if it changed.
    pub(super) fn paint_marks(
        &mut self,
        ui: &Ui,
        painter: &Painter,
        session: &Session,
        marks: &Marks,
        (origin, tops): (Pos2, &[f32]),
        visible: Range<usize>,
    ) {
        let first = marks.matches.partition_point(|r| r.end <= visible.start);
        for (i, r) in marks.matches.iter().enumerate().skip(first).take_while(|(_, r)| r.start < visible.end) {
            let current = marks.current == Some(i);
            for rect in self.range_rects(session, r, origin, tops) {
                painter.rect_filled(rect, 2.0, if current { CURRENT } else { MATCH });
                if current {
                    painter.rect_stroke(rect.expand(1.0), 2.0, Stroke::new(1.5, OUTLINE), egui::StrokeKind::Outside);
                }
            }
        }
        // Few (the places waiting), and a claim's may overlap a span's: each is checked.
        for (r, colour) in marks.places.iter().filter(|(r, _)| r.start < visible.end && r.end > visible.start) {
            for rect in self.range_rects(session, r, origin, tops) {
                let y = rect.bottom() + 2.5;
                painter
                    .line_segment([Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)], Stroke::new(3.0, *colour));
            }
        }
        if let Some(r) = self.match_target(marks) {
            if let Some(rect) = self.range_rects(session, r, origin, tops).first() {
                ui.scroll_to_rect(rect.expand(60.0), Some(Align::Center));
            }
            self.scrolled_to_match = Some(r.clone());
        }
    }
}
