//! The article: a custom widget that stays fast on long documents with thousands of highlights.
//!
//! One galley per paragraph, cached and keyed on (paragraph revision, wrap width, style). Only the
//! paragraphs inside the viewport are painted; an edit relays out only the paragraph it touched. The
//! current item, the hover and the selection are painted over the cached text, so walking the
//! suggestions never relays anything out. Paragraphs not yet laid out (at first open, or after a resize)
//! are laid out a few milliseconds' worth per frame, with an estimated height until then.
//!
//! The widget reads the session and returns [`Command`]s; it changes nothing itself.

use super::{claims_layer, colors};
use crate::annotation::{ClaimId, SpanId, Status};
use crate::command::{Action, Command};
use crate::session::{Edit, Focus, Session};
use eframe::egui::{
    self, Align, Align2, CursorIcon, FontId, Galley, Pos2, Rect, Sense, TextFormat, Ui, Vec2, epaint::text::LayoutJob,
};
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    context_span: Option<SpanId>,
    /// Where the last frame put the text: the content origin and each paragraph's top.
    placed: Option<(Pos2, Vec<f32>)>,
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
    /// With `keyboard`, the article holds the keyboard; without, a window over it has it.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        style: ViewStyle,
        show_claims: bool,
        keyboard: bool,
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
        let target_start = scroll_target
            .and_then(|id| session.annotations().get(id))
            .map(|s| s.range.start)
            .into_iter()
            .chain(claim_target.map(|c| c.content.start));
        for start in target_start {
            let p = session.doc().paragraph_of(start);
            self.ensure(ui, session, p, width, style);
        }

        egui::ScrollArea::vertical().auto_shrink(false).show_viewport(ui, |ui, viewport| {
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
                    painter.galley(origin + Vec2::new(0.0, *top), c.galley.clone(), ui.visuals().text_color());
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

    /// The top of each paragraph (relative to the content origin), plus the bottom of the last.
    fn tops(&self, session: &Session, width: f32, gap: f32, style: ViewStyle) -> Vec<f32> {
        let paras = session.doc().paragraphs();
        let mut tops = Vec::with_capacity(paras.len() + 1);
        let mut y = 0.0;
        let line = style.font_size * 1.3;
        let chars_per_line = (width / (style.font_size * 0.5)).max(10.0);
        for (p, range) in paras.iter().enumerate() {
            tops.push(y);
            let h = match &self.cache[p] {
                Some(c) => c.galley.size().y,
                None => ((range.len() as f32 / chars_per_line).ceil().max(1.0)) * line,
            };
            y += h + gap;
        }
        tops.push(y);
        tops
    }

    fn is_fresh(&self, session: &Session, p: usize, width: f32, style: ViewStyle) -> bool {
        self.cache[p]
            .as_ref()
            .is_some_and(|c| c.revision == session.paragraph_revision(p) && c.width == width && c.style == style)
    }

    fn ensure(&mut self, ui: &Ui, session: &Session, p: usize, width: f32, style: ViewStyle) {
        if !self.is_fresh(session, p, width, style) {
            let job = paragraph_job(ui, session, p, width, style);
            let galley = ui.painter().layout_job(job.clone());
            self.cache[p] = Some(Cached { job, galley, revision: session.paragraph_revision(p), width, style });
        }
    }

    /// Lays out stale paragraphs outside the viewport within a time budget, nearest first.
    fn layout_in_background(
        &mut self,
        ui: &Ui,
        session: &Session,
        width: f32,
        style: ViewStyle,
        visible: Range<usize>,
    ) {
        let n = self.cache.len();
        let started = Instant::now();
        let mut remaining = false;
        let below = visible.end..n;
        let above = (0..visible.start).rev();
        for p in below.chain(above) {
            if self.is_fresh(session, p, width, style) {
                continue;
            }
            if started.elapsed() > BACKGROUND_LAYOUT_BUDGET {
                remaining = true;
                break;
            }
            self.ensure(ui, session, p, width, style);
        }
        if remaining {
            ui.ctx().request_repaint();
        }
    }

    /// Screen rectangles covering a byte range (one per wrapped row).
    fn range_rects(&self, session: &Session, range: &Range<usize>, origin: Pos2, tops: &[f32]) -> Vec<Rect> {
        let doc = session.doc();
        let mut out = Vec::new();
        for p in doc.paragraphs_touching(range.clone()) {
            let (Some(Some(c)), Some(para)) = (self.cache.get(p), doc.paragraphs().get(p)) else { continue };
            let text = &doc.text()[para.clone()];
            let a = range.start.clamp(para.start, para.end) - para.start;
            let b = range.end.clamp(para.start, para.end) - para.start;
            if a >= b {
                continue;
            }
            let (ca, cb) = (char_index(text, a), char_index(text, b));
            let top = origin + Vec2::new(0.0, tops[p]);
            let mut row_start = 0;
            for row in &c.galley.rows {
                let count = row.char_count_including_newline().0;
                let (ra, rb) = (ca.max(row_start), cb.min(row_start + row.glyphs.len()));
                if ra < rb {
                    let x0 = row.x_offset(egui::text::CharIndex(ra - row_start));
                    let x1 = row.x_offset(egui::text::CharIndex(rb - row_start));
                    out.push(Rect::from_min_max(
                        top + Vec2::new(row.pos.x + x0, row.min_y()),
                        top + Vec2::new(row.pos.x + x1, row.max_y()),
                    ));
                }
                row_start += count;
            }
        }
        out
    }

    /// The byte offset under a screen position, and its paragraph.
    fn byte_at(&self, session: &Session, pos: Pos2, origin: Pos2, tops: &[f32]) -> Option<(usize, usize)> {
        let doc = session.doc();
        let y = pos.y - origin.y;
        let p = tops.partition_point(|&t| t <= y).saturating_sub(1).min(doc.paragraphs().len().checked_sub(1)?);
        let c = self.cache.get(p)?.as_ref()?;
        let para = doc.paragraphs().get(p)?;
        let cursor = c.galley.cursor_from_pos(pos - (origin + Vec2::new(0.0, tops[p])));
        let text = &doc.text()[para.clone()];
        let byte = text.char_indices().nth(cursor.index.0).map_or(text.len(), |(b, _)| b);
        Some((para.start + byte, p))
    }

    /// The span (visible, innermost) at a byte offset.
    fn span_at(session: &Session, byte: usize, show_rejected: bool) -> Option<SpanId> {
        session
            .annotations()
            .overlapping(byte..byte + 1)
            .filter(|s| show_rejected || s.status != Status::Rejected)
            .min_by_key(|s| s.range.len())
            .map(|s| s.id)
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        session: &Session,
        response: &egui::Response,
        placed: &Placed,
        commands: &mut Vec<Command>,
    ) {
        let (origin, tops, show_rejected) = (placed.origin, placed.tops, placed.show_rejected);
        let (press_origin, alt) = ui.input(|i| (i.pointer.press_origin(), i.modifiers.alt));
        let claim_at =
            |byte| placed.show_claims.then(|| claims_layer::claim_at(session, byte, show_rejected)).flatten();

        // Hover: the span's label, status and provenance, and the claim's parts.
        if let Some(pos) = response.hover_pos()
            && let Some((byte, _)) = self.byte_at(session, pos, origin, tops)
        {
            let mut tip = Vec::new();
            if let Some(span) = Self::span_at(session, byte, show_rejected).and_then(|id| session.annotations().get(id))
            {
                let status = match span.status {
                    Status::Pending => "pending suggestion",
                    Status::Accepted => "accepted",
                    Status::Rejected => "rejected",
                };
                tip.push(format!("{}: {status}\n{}", span.label, span.provenance()));
            }
            if let Some(claim) = claim_at(byte).and_then(|id| session.annotations().claims.get(id)) {
                tip.push(claims_layer::describe(session, claim));
            }
            if !tip.is_empty() {
                ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
                tip.push("Click to select · right-click for more".into());
                response.clone().on_hover_text_at_pointer(tip.join("\n\n"));
            }
        }

        if (response.drag_started() || (response.is_pointer_button_down_on() && self.drag.anchor.is_none()))
            && let Some(p) = press_origin
            && let Some(anchor) = self.byte_at(session, p, origin, tops)
        {
            self.drag = Drag { anchor: Some(anchor), head: anchor.0 };
        }
        if let (Some((_, para)), Some(pos)) = (self.drag.anchor, response.interact_pointer_pos())
            && let Some((byte, p)) = self.byte_at(session, pos, origin, tops)
        {
            // A selection stays inside the paragraph it started in.
            let bounds = &session.doc().paragraphs()[para];
            self.drag.head = if p == para {
                byte
            } else if p > para {
                bounds.end
            } else {
                bounds.start
            };
        }
        if response.drag_stopped() {
            if let Some((anchor, _)) = self.drag.anchor.take() {
                let raw = ordered(anchor, self.drag.head);
                let doc = session.doc();
                self.selection = if alt { doc.trim(raw) } else { doc.snap_to_tokens(raw) };
            }
        } else if response.clicked() {
            self.drag.anchor = None;
            self.selection = None;
            if let Some(pos) = response.interact_pointer_pos()
                && let Some((byte, _)) = self.byte_at(session, pos, origin, tops)
            {
                if let Some(id) = Self::span_at(session, byte, show_rejected) {
                    commands.push(Command::Edit(Edit::Select(id)));
                } else if let Some(id) = claim_at(byte) {
                    commands.push(Command::Edit(Edit::SelectClaim(id)));
                }
            }
        }
        if response.secondary_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.context_span =
                self.byte_at(session, pos, origin, tops).and_then(|(b, _)| Self::span_at(session, b, show_rejected));
        }
        if let Some(id) = self.context_span {
            response.context_menu(|ui| {
                span_menu(ui, session, id, commands);
            });
        }
    }

    /// After a mouse selection: a small popup with the labels (or press a label's hotkey).
    fn selection_popup(&mut self, ui: &Ui, session: &Session, origin: Pos2, tops: &[f32], commands: &mut Vec<Command>) {
        let Some(sel) = self.selection.clone() else { return };
        let Some(anchor) = self.range_rects(session, &sel, origin, tops).last().copied() else { return };
        egui::Area::new(egui::Id::unique("label-selection"))
            .order(egui::Order::Foreground)
            .fixed_pos(anchor.left_bottom() + Vec2::new(0.0, 4.0))
            .pivot(Align2::LEFT_TOP)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label("Label as:");
                        for l in session.labels().iter() {
                            let key = l.hotkey.map(|k| format!(" {k}")).unwrap_or_default();
                            let text = egui::RichText::new(format!("{}{key}", l.name)).color(colors::ON_PASTEL);
                            let button = egui::Button::new(text).fill(colors::label_color(session.labels(), &l.name));
                            if ui.add(button).clicked() {
                                commands.push(Command::LabelSelection(l.name.clone()));
                            }
                        }
                        let cancel = ui
                            .small_button("Cancel")
                            .on_hover_text(super::actions::hover_text(ui, Action::ClearSelection));
                        if cancel.clicked() {
                            commands.push(Action::ClearSelection.command());
                        }
                    });
                });
            });
    }
}

/// The right-click menu of a span: relabel, accept, reject, delete, accept every mention.
pub fn span_menu(ui: &mut Ui, session: &Session, id: SpanId, commands: &mut Vec<Command>) {
    // The table's actions (label, shortcut, tooltip), on this span: it is selected first.
    let act = |ui: &mut Ui, action: Action, commands: &mut Vec<Command>| {
        let mut chosen = Vec::new();
        super::actions::menu_item(ui, action, true, &mut chosen);
        if !chosen.is_empty() {
            commands.push(Command::Edit(Edit::Select(id)));
            commands.extend(chosen);
        }
    };
    act(ui, Action::Accept, commands);
    act(ui, Action::Reject, commands);
    ui.menu_button("Relabel", |ui| {
        for l in session.labels().iter() {
            if ui.button(&l.name).clicked() {
                commands.push(Command::Edit(Edit::Select(id)));
                commands.push(Command::Edit(Edit::Relabel(l.name.clone())));
                ui.close();
            }
        }
    });
    act(ui, Action::AcceptAllMentions, commands);
    ui.separator();
    if ui.button("Delete").clicked() {
        commands.push(Command::Edit(Edit::Delete(id)));
        ui.close();
    }
}

fn ordered(a: usize, b: usize) -> Range<usize> {
    a.min(b)..a.max(b)
}

fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

/// The layout job of one paragraph: plain text with its spans' highlights.
fn paragraph_job(ui: &Ui, session: &Session, p: usize, width: f32, style: ViewStyle) -> LayoutJob {
    let doc = session.doc();
    let para = doc.paragraphs()[p].clone();
    let visuals = ui.visuals();
    let font = FontId::proportional(style.font_size);
    let plain = TextFormat { font_id: font.clone(), color: visuals.text_color(), ..Default::default() };
    let spans: Vec<_> = session
        .annotations()
        .overlapping(para.clone())
        .filter(|s| style.show_rejected || s.status != Status::Rejected)
        .collect();
    // Cut the paragraph wherever a span starts or ends; each piece takes the style of the innermost
    // span covering it (accepted over pending over rejected).
    let mut cuts: Vec<usize> = vec![para.start, para.end];
    for s in &spans {
        cuts.push(s.range.start.clamp(para.start, para.end));
        cuts.push(s.range.end.clamp(para.start, para.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let top = spans.iter().filter(|s| s.range.start <= a && s.range.end >= b).min_by_key(|s| {
            let rank = match s.status {
                Status::Accepted => 0,
                Status::Pending => 1,
                Status::Rejected => 2,
            };
            (rank, s.range.len())
        });
        let format = match top {
            None => plain.clone(),
            Some(s) => {
                let base = colors::label_color(session.labels(), &s.label);
                let (background, color, underline, strikethrough) = colors::span_style(base, s.status, visuals);
                TextFormat { font_id: font.clone(), color, background, underline, strikethrough, ..Default::default() }
            }
        };
        job.append(&doc.text()[a..b], 0.0, format);
    }
    job
}
