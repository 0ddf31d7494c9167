//! Laying the article out: one cached galley per paragraph, the paragraphs' tops, and the mapping
//! between byte offsets and screen positions.

use super::{ArticleView, BACKGROUND_LAYOUT_BUDGET, Cached, ViewStyle};
use crate::annotation::Status;
use crate::session::Session;
use crate::ui::colors;
use eframe::egui::{self, FontId, Pos2, Rect, TextFormat, Ui, Vec2, epaint::text::LayoutJob};
use std::ops::Range;
use std::time::Instant;

impl ArticleView {
    /// The top of each paragraph (relative to the content origin), plus the bottom of the last.
    pub(super) fn tops(&self, session: &Session, width: f32, gap: f32, style: ViewStyle) -> Vec<f32> {
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

    pub(super) fn is_fresh(&self, session: &Session, p: usize, width: f32, style: ViewStyle) -> bool {
        self.cache[p]
            .as_ref()
            .is_some_and(|c| c.revision == session.paragraph_revision(p) && c.width == width && c.style == style)
    }

    pub(super) fn ensure(&mut self, ui: &Ui, session: &Session, p: usize, width: f32, style: ViewStyle) {
        if !self.is_fresh(session, p, width, style) {
            let job = paragraph_job(ui, session, p, width, style);
            let galley = ui.painter().layout_job(job.clone());
            self.cache[p] = Some(Cached { job, galley, revision: session.paragraph_revision(p), width, style });
        }
    }

    /// Lays out stale paragraphs outside the viewport within a time budget, nearest first.
    pub(super) fn layout_in_background(
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
    pub(super) fn range_rects(&self, session: &Session, range: &Range<usize>, origin: Pos2, tops: &[f32]) -> Vec<Rect> {
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
            let top = origin + c.offset(tops[p]);
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
    pub(super) fn byte_at(&self, session: &Session, pos: Pos2, origin: Pos2, tops: &[f32]) -> Option<(usize, usize)> {
        let doc = session.doc();
        let y = pos.y - origin.y;
        let p = tops.partition_point(|&t| t <= y).saturating_sub(1).min(doc.paragraphs().len().checked_sub(1)?);
        let c = self.cache.get(p)?.as_ref()?;
        let para = doc.paragraphs().get(p)?;
        let cursor = c.galley.cursor_from_pos(pos - (origin + c.offset(tops[p])));
        let text = &doc.text()[para.clone()];
        let byte = text.char_indices().nth(cursor.index.0).map_or(text.len(), |(b, _)| b);
        Some((para.start + byte, p))
    }
}

impl Cached {
    /// Where the paragraph's galley goes, from the content origin: a right-to-left paragraph's rows
    /// end at x = 0 of its galley (egui aligns them so), which is the right edge of the text.
    pub(super) fn offset(&self, top: f32) -> Vec2 {
        Vec2::new(if self.job.halign == egui::Align::RIGHT { self.width } else { 0.0 }, top)
    }
}

/// Whether a paragraph reads right to left: its first letter of a strong direction is Hebrew,
/// Arabic, Syriac, Thaana, N'Ko or one of their presentation forms (Unicode's rule for a paragraph's
/// base direction, with the scripts news articles have).
pub(super) fn right_to_left(text: &str) -> bool {
    let rtl = |c: char| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}');
    text.chars().find(|&c| rtl(c) || c.is_alphabetic()).is_some_and(rtl)
}

pub(super) fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

/// The layout job of one paragraph: plain text with its spans' highlights.
pub(super) fn paragraph_job(ui: &Ui, session: &Session, p: usize, width: f32, style: ViewStyle) -> LayoutJob {
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
    if right_to_left(&doc.text()[para.clone()]) {
        // egui does not reorder the letters of a row (it has no bidi), but the rows sit at the right.
        job.halign = egui::Align::RIGHT;
    }
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

#[cfg(test)]
mod tests {
    use super::right_to_left;

    #[test]
    fn a_paragraph_reads_right_to_left_when_its_first_letter_does() {
        assert!(right_to_left("שלום עולם"));
        assert!(right_to_left("«٢٠ ألف» مدني غادروا سوريا، according to Reuters"), "digits and quotes are neutral");
        assert!(right_to_left("2024: ﷺ"));
        assert!(!right_to_left("Reuters: שלום"));
        assert!(!right_to_left("20,000 — «»"), "no letter: left to right");
        assert!(!right_to_left("Привет"));
    }
}
