//! The claims layer, painted over the article's text (so showing, hiding or walking claims never
//! relays anything out): what is claimed is underlined, with a bar in the margin beside it; the cue is
//! boxed; the claimant is boxed in its own colour and tied to the cue by a line — and a pronoun
//! claimant by a dotted line to the entity it refers to. Pending claims are drawn dashed and light,
//! accepted ones solid, the current one thicker.

use super::colors;
use crate::annotation::{Claim, ClaimId, Status};
use crate::session::Session;
use eframe::egui::{Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Ui, Vec2};
use std::ops::Range;

/// Where byte ranges of the text are on screen (one rectangle per row).
pub type Rects<'a> = &'a dyn Fn(&Range<usize>) -> Vec<Rect>;

/// The claims that show: not rejected ones unless rejected items are shown.
pub fn visible(session: &Session, range: Range<usize>, show_rejected: bool) -> impl Iterator<Item = &Claim> {
    session.annotations().claims.overlapping(range).filter(move |c| show_rejected || c.status != Status::Rejected)
}

/// The claim whose content holds byte `at` (the shortest, when claims nest).
pub fn claim_at(session: &Session, at: usize, show_rejected: bool) -> Option<ClaimId> {
    visible(session, at..at + 1, show_rejected)
        .filter(|c| c.content.start <= at && at < c.content.end)
        .min_by_key(|c| c.content.len())
        .map(|c| c.id)
}

/// The claim whose cue holds byte `at`, if any.
pub fn cue_at(session: &Session, at: usize, show_rejected: bool) -> Option<ClaimId> {
    visible(session, at..at + 1, show_rejected).find(|c| c.cue.as_ref().is_some_and(|r| r.contains(&at))).map(|c| c.id)
}

/// The claim whose cue or claimant holds byte `at`, if any: the claim those words belong to.
pub fn part_at(session: &Session, at: usize, show_rejected: bool) -> Option<ClaimId> {
    let holds = |r: Option<&Range<usize>>| r.is_some_and(|r| r.contains(&at));
    visible(session, at..at + 1, show_rejected)
        .find(|c| holds(c.cue.as_ref()) || holds(c.claimant.as_ref().map(|w| &w.range)))
        .map(|c| c.id)
}

/// What hovering a cue box says.
pub fn cue_tip(cue_key: &str) -> String {
    format!(
        "Cue: the words that attribute the claim (‘said’, ‘according to’, ‘warned’).\nTo change it, select other words and press {cue_key}."
    )
}

/// Paints the claims overlapping `range` (the visible text); `margin_x` is where the margin bar goes.
pub fn paint(
    ui: &Ui,
    painter: &Painter,
    session: &Session,
    range: Range<usize>,
    margin_x: f32,
    show_rejected: bool,
    rects: Rects,
) {
    let visuals = ui.visuals();
    let (tone, who) = (colors::claim(visuals), colors::claimant(visuals));
    let current = session.current_claim().map(|c| c.id);
    for claim in visible(session, range, show_rejected) {
        let is_current = Some(claim.id) == current;
        let width = if is_current { 2.5 } else { 1.5 };
        // The current claim stands out; other suggestions stay in the background of the reading.
        let faded = |c: eframe::egui::Color32| match claim.status {
            _ if is_current => c,
            Status::Accepted => c.gamma_multiply(0.85),
            Status::Pending => c.gamma_multiply(0.45),
            Status::Rejected => visuals.weak_text_color(),
        };
        let stroke = Stroke::new(width, faded(tone));
        // An interrupted content (“A,” he said, “B.”) is underlined piece by piece.
        let content: Vec<_> = claim.content_pieces().iter().flat_map(&rects).collect();
        if is_current {
            for r in &content {
                painter.rect_filled(*r, 2.0, tone.gamma_multiply(0.12));
            }
        }
        for r in &content {
            let y = r.bottom() + 1.5;
            underline(painter, Pos2::new(r.left(), y), Pos2::new(r.right(), y), stroke, claim.status);
        }
        if let (Some(first), Some(last)) = (content.first(), content.last()) {
            let bar = Stroke::new(if is_current { 4.0 } else { 3.0 }, faded(tone));
            painter.line_segment([Pos2::new(margin_x, first.top()), Pos2::new(margin_x, last.bottom())], bar);
        }
        let cue = claim.cue.as_ref().map(rects).unwrap_or_default();
        for r in &cue {
            painter.rect_stroke(r.expand(1.5), 3.0, stroke, StrokeKind::Outside);
        }
        let Some(claimant) = &claim.claimant else { continue };
        let who_stroke = Stroke::new(width, faded(who));
        let named = rects(&claimant.range);
        for r in &named {
            painter.rect_stroke(r.expand(1.5), 3.0, who_stroke, StrokeKind::Outside);
        }
        // The claimant tied to its cue (or to the start of the content).
        let target = cue.first().or(content.first());
        if let (Some(a), Some(b)) = (named.first(), target) {
            link(painter, a, b, Stroke::new(1.2, faded(who)));
        }
        // A pronoun tied to the entity it stands for.
        let entity = claimant.entity.and_then(|id| session.annotations().get(id)).filter(|e| e.range != claimant.range);
        if let (Some(a), Some(e)) = (named.first(), entity)
            && let Some(b) = rects(&e.range).first()
        {
            let points = [a.center_top(), b.center_bottom()];
            painter.extend(Shape::dotted_line(&points, faded(who), 5.0, 1.2));
        }
    }
}

fn underline(painter: &Painter, a: Pos2, b: Pos2, stroke: Stroke, status: Status) {
    match status {
        Status::Pending => {
            painter.extend(Shape::dashed_line(&[a, b], stroke, 6.0, 3.0));
        }
        _ => {
            painter.line_segment([a, b], stroke);
        }
    }
}

/// A curved line under the text from one box to another.
fn link(painter: &Painter, from: &Rect, to: &Rect, stroke: Stroke) {
    let (a, b) = (from.center_bottom() + Vec2::new(0.0, 2.0), to.center_bottom() + Vec2::new(0.0, 2.0));
    let dip = 8.0 + (a.x - b.x).abs().min(200.0) * 0.06;
    let control = Pos2::new((a.x + b.x) / 2.0, a.y.max(b.y) + dip);
    let curve = eframe::egui::epaint::QuadraticBezierShape::from_points_stroke(
        [a, control, b],
        false,
        eframe::egui::Color32::TRANSPARENT,
        stroke,
    );
    painter.add(curve);
}

/// Who makes a claim, in words: `Bali`, or for a pronoun `He = Mustafa Bali`.
pub fn claimant_text(session: &Session, claim: &Claim) -> Option<String> {
    let text = session.doc().text();
    let c = claim.claimant.as_ref()?;
    let words = &text[c.range.clone()];
    Some(match c.entity.and_then(|id| session.annotations().get(id)).filter(|e| e.range != c.range) {
        Some(e) => format!("{words} = {}", &text[e.range.clone()]),
        None => words.to_string(),
    })
}

/// The tooltip of a claim: its status, claimant (and whom a pronoun stands for), cue and check-worthiness.
pub fn describe(session: &Session, claim: &Claim) -> String {
    let text = session.doc().text();
    let status = match claim.status {
        Status::Pending => "suggested claim",
        Status::Accepted => "claim",
        Status::Rejected => "rejected claim",
    };
    let who = claimant_text(session, claim).unwrap_or_else(|| "nobody named".into());
    let cue = claim.cue.as_ref().map_or("none", |c| &text[c.clone()]);
    let estimate = claim.checkworthy.map(|w| format!("\nCheck-worthy: {:.0}% (estimated)", w * 100.0));
    let by_hand = claim
        .checkworthy_by_hand
        .map(|w| format!("\nYou: {}", if w { "worth checking" } else { "not worth checking" }));
    let worth = [estimate, by_hand].into_iter().flatten().collect::<String>();
    format!("{status}\nClaimant: {who}\nCue: {cue}{worth}")
}
