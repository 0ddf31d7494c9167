//! The article: a custom widget that stays fast on long documents with thousands of highlights.
//!
//! One galley per paragraph, cached and keyed on (paragraph revision, wrap width, style). Only the
//! paragraphs inside the viewport are painted; an edit relays out only the paragraph it touched. The
//! current item, the hover and the selection are painted over the cached text, so walking the
//! suggestions never relays anything out. Paragraphs not yet laid out (at first open, or after a resize)
//! are laid out a few milliseconds' worth per frame, with an estimated height until then.
//!
//! The widget reads the session and returns [`Command`]s; it changes nothing itself.

mod layout;
mod marks;
mod pointer;
mod scrolling;

pub use marks::Marks;
use pointer::ordered;
pub use pointer::span_menu;

use super::{claims_layer, colors};
use crate::annotation::{ClaimId, SpanId};
use crate::command::Command;
use crate::session::{Focus, Session};
use eframe::egui::{self, Align, Galley, Pos2, Rect, Sense, Ui, Vec2, epaint::text::LayoutJob};
use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

/// How the article is drawn; a change relays out every paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewStyle {
    pub font_size: f32,
    pub dark: bool,
    pub show_rejected: bool,
    pub labels_revision: u64,
}

struct Cached {
    /// Kept to fetch the galley from egui's cache when painting: egui lays it out again by itself
    /// when its font atlas was rebuilt (theme change, atlas full), which our own copy would not see.
    job: LayoutJob,
    galley: Arc<Galley>,
    revision: u64,
    width: f32,
    style: ViewStyle,
}

/// What the mouse is doing in the text.
#[derive(Debug, Clone, Default)]
struct Drag {
    /// Byte offset where the button went down, and the paragraph it is in.
    anchor: Option<(usize, usize)>,
    head: usize,
}

/// Where this frame put the text, for mapping the pointer to it.
struct Placed<'a> {
    origin: Pos2,
    tops: &'a [f32],
    show_rejected: bool,
    show_claims: bool,
}

/// Time allowed per frame for laying out paragraphs outside the viewport.
const BACKGROUND_LAYOUT_BUDGET: Duration = Duration::from_millis(6);
const MARGIN: f32 = 24.0;

#[derive(Default)]
pub struct ArticleView {
    cache: Vec<Option<Cached>>,
    drag: Drag,
    /// The selection made with the mouse (byte range), waiting for a label.
    selection: Option<Range<usize>>,
    /// The span last scrolled to, so a change of current item scrolls once.
    scrolled_to: Option<SpanId>,
    /// The same for the current claim.
    scrolled_to_claim: Option<ClaimId>,
    /// The same for the find bar's current match.
    scrolled_to_match: Option<Range<usize>>,
    context: Option<pointer::ContextItem>,
    /// Where the last frame put the text: the content origin and each paragraph's top.
    placed: Option<(Pos2, Vec<f32>)>,
    /// The part of the text the last frame showed (in the text's coordinates), and a keyboard
    /// scroll waiting for the next frame.
    viewport: Option<Rect>,
    pending_scroll: Option<crate::command::Scroll>,
}

impl ArticleView {
    /// Forgets every cached layout (a new document was opened).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.clone()
    }

    pub fn clear_selection(&mut self) {
        self.selection = None;
    }

    /// Draws the article (with the claims layer when `show_claims`) and returns what the user asked for.
    /// With `keyboard`, the article holds the keyboard; without, a window over it has it. The find
    /// bar's `marks` are painted over the text.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        style: ViewStyle,
        show_claims: bool,
        keyboard: bool,
        marks: Marks,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let n = session.doc().paragraphs().len();
        self.cache.resize_with(n, || None);
        let width = (ui.available_width() - 2.0 * MARGIN).max(120.0);
        let gap = style.font_size * 0.7;
        // The entity layer's current item is outlined while the keyboard works on entities.
        let current = session.current_id().filter(|_| !show_claims || session.focus() == Focus::Entities);
        let scroll_target = current.filter(|&c| self.scrolled_to != Some(c));

        let claim = session.current_claim().filter(|_| show_claims);
        let claim_target = claim.filter(|c| self.scrolled_to_claim != Some(c.id));

        // Make sure the current item's paragraph is laid out before computing positions.
        let match_start = self.match_target(&marks).map(|r| r.start);
        let target_start = scroll_target
            .and_then(|id| session.annotations().get(id))
            .map(|s| s.range.start)
            .into_iter()
            .chain(claim_target.map(|c| c.content.start))
            .chain(match_start);
        for start in target_start {
            let p = session.doc().paragraph_of(start);
            self.ensure(ui, session, p, width, style);
        }

        self.scroll_area(style.font_size).show_viewport(ui, |ui, viewport| {
            self.viewport = Some(viewport);
            let tops = self.tops(session, width, gap, style);
            let total = tops.last().copied().unwrap_or(0.0) + MARGIN;
            let (rect, response) =
                ui.allocate_exact_size(Vec2::new(ui.available_width(), total), Sense::click_and_drag());
            let origin = rect.min + Vec2::new(MARGIN, MARGIN);

            if keyboard {
                self.keep_keyboard_focus(ui, &response);
            } else if response.has_focus() {
                // A window over the article has the keyboard: Tab moves between its fields.
                response.surrender_focus();
            }
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Article, true, "Article text"));

            // Lay out and paint the visible paragraphs.
            let first = tops.partition_point(|&t| t <= viewport.min.y - MARGIN).saturating_sub(1);
            let last = tops.partition_point(|&t| t < viewport.max.y);
            let painter = ui.painter_at(rect);
            for (p, top) in tops.iter().enumerate().take(last.min(n)).skip(first) {
                self.ensure(ui, session, p, width, style);
                if let Some(c) = &mut self.cache[p] {
                    c.galley = ui.painter().layout_job(c.job.clone());
                    painter.galley(origin + c.offset(*top), c.galley.clone(), ui.visuals().text_color());
                }
            }
            self.layout_in_background(ui, session, width, style, first..last);

            if show_claims && first < last.min(n) {
                let paras = session.doc().paragraphs();
                let visible = paras[first].start..paras[last.min(n) - 1].end;
                let rects = |r: &Range<usize>| self.range_rects(session, r, origin, &tops);
                claims_layer::paint(ui, &painter, session, visible, origin.x - 12.0, style.show_rejected, &rects);
            }
            if let Some(c) = claim_target
                && let Some(r) = self.range_rects(session, &c.content, origin, &tops).first()
            {
                ui.scroll_to_rect(r.expand(60.0), Some(Align::Center));
                self.scrolled_to_claim = Some(c.id);
            }

            // The current item: outlined, and scrolled into view once when it changes.
            if let Some(span) = current.and_then(|id| session.annotations().get(id)) {
                let rects = self.range_rects(session, &span.range, origin, &tops);
                for r in &rects {
                    painter.rect_stroke(
                        r.expand(2.0),
                        3.0,
                        colors::current_outline(ui.visuals()),
                        egui::StrokeKind::Outside,
                    );
                }
                if scroll_target.is_some()
                    && let Some(r) = rects.first()
                {
                    ui.scroll_to_rect(r.expand(40.0), Some(Align::Center));
                    self.scrolled_to = current;
                }
            }

            if first < last.min(n) {
                let paras = session.doc().paragraphs();
                let visible = paras[first].start..paras[last.min(n) - 1].end;
                self.paint_marks(ui, &painter, session, &marks, (origin, &tops), visible);
            }

            // The selection.
            let sel = self.drag.anchor.map(|(a, _)| ordered(a, self.drag.head)).or(self.selection.clone());
            if let Some(sel) = sel {
                for r in self.range_rects(session, &sel, origin, &tops) {
                    painter.rect_filled(r, 2.0, ui.visuals().selection.bg_fill.gamma_multiply(0.55));
                }
            }

            let placed = Placed { origin, tops: &tops, show_rejected: style.show_rejected, show_claims };
            self.handle_pointer(ui, session, &response, &placed, &mut commands);
            self.selection_popup(ui, session, origin, &tops, &mut commands);
            self.placed = Some((origin, tops));
        });
        commands
    }

    /// Where a byte range of the text was drawn in the last frame (one rectangle per row); empty if it
    /// was not laid out. For positioning things over the text, and for tests that aim the mouse.
    pub fn screen_rects(&self, session: &Session, range: &Range<usize>) -> Vec<Rect> {
        match &self.placed {
            Some((origin, tops)) => self.range_rects(session, range, *origin, tops),
            None => Vec::new(),
        }
    }

    /// The article keeps keyboard focus (so Tab and arrows reach the annotation shortcuts rather than
    /// moving focus between buttons) unless a text field or another widget has it.
    fn keep_keyboard_focus(&self, ui: &Ui, response: &egui::Response) {
        if ui.memory(|m| m.focused().is_none()) {
            response.request_focus();
        }
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter { tab: true, horizontal_arrows: true, vertical_arrows: true, escape: true },
                )
            });
        }
    }
}
