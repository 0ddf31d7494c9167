//! Scrolling the article from the keyboard (Page Down, Space, Home, End, the arrows): a request
//! waits in the view until its next frame, which moves the scroll area by a page, a few lines or to
//! an end. It moves the view only, never the annotations or the current item.

use super::{ArticleView, MARGIN};
use crate::command::Scroll;
use eframe::egui::ScrollArea;

/// How many text lines an arrow key scrolls.
const LINES_PER_ARROW: f32 = 3.0;

impl ArticleView {
    /// Scrolls the article in its next frame.
    pub fn scroll(&mut self, scroll: Scroll) {
        self.pending_scroll = Some(scroll);
    }

    /// The article's scroll area, moved as the pending request asks (a page keeps a few lines of
    /// the last one in view, to read on from).
    pub(super) fn scroll_area(&mut self, font_size: f32) -> ScrollArea {
        let area = ScrollArea::vertical().auto_shrink(false);
        // A request made before the first frame waits for it (there is no page to move by yet).
        let Some(view) = self.viewport else { return area };
        let Some(scroll) = self.pending_scroll.take() else { return area };
        let line = font_size * 1.4;
        let page = (view.height() - 2.0 * line).max(line);
        let bottom = self.placed.as_ref().and_then(|(_, tops)| tops.last()).map_or(0.0, |t| t + MARGIN);
        let y = match scroll {
            Scroll::PageDown => view.min.y + page,
            Scroll::PageUp => view.min.y - page,
            Scroll::LineDown => view.min.y + LINES_PER_ARROW * line,
            Scroll::LineUp => view.min.y - LINES_PER_ARROW * line,
            Scroll::Top => 0.0,
            Scroll::Bottom => bottom,
        };
        area.vertical_scroll_offset(y.min(bottom - view.height()).max(0.0))
    }
}
