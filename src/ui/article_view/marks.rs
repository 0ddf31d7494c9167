//! The find bar's matches, painted over the cached text like the selection (nothing is laid out
//! again): every match lightly, the current one stronger and outlined, and scrolled into view once
//! when it changes.

use super::ArticleView;
use crate::session::Session;
use eframe::egui::{self, Align, Color32, Painter, Pos2, Stroke, Ui};
use std::ops::Range;

/// The matches to paint (in text order, not overlapping) and which one is current.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    pub matches: &'a [Range<usize>],
    pub current: Option<usize>,
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
        if let Some(r) = self.match_target(marks) {
            if let Some(rect) = self.range_rects(session, r, origin, tops).first() {
                ui.scroll_to_rect(rect.expand(60.0), Some(Align::Center));
            }
            self.scrolled_to_match = Some(r.clone());
        }
    }
}
