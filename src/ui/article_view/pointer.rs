//! The mouse in the article: hover tips, clicks that select, drags that select text, the
//! right-click menu, and the label popup after a selection.

use super::{ArticleView, Drag, Placed};
use crate::annotation::{ClaimId, SpanId, Status};
use crate::command::keys::Writing;
use crate::command::{Action, Command};
use crate::session::{Edit, Session};
use crate::ui::{claims_layer, colors};
use eframe::egui::{self, Align2, CursorIcon, Pos2, Ui, Vec2};
use std::ops::Range;

/// What a right-click was on: a span (and the claim around it, if any), or a claim's words.
#[derive(Debug, Clone, Copy)]
pub(super) enum ContextItem {
    Span(SpanId, Option<ClaimId>),
    Claim(ClaimId),
}

impl ArticleView {
    /// The span (visible, innermost) at a byte offset.
    pub(super) fn span_at(session: &Session, byte: usize, show_rejected: bool) -> Option<SpanId> {
        session
            .annotations()
            .overlapping(byte..byte + 1)
            .filter(|s| show_rejected || s.status != Status::Rejected)
            .min_by_key(|s| s.range.len())
            .map(|s| s.id)
    }

    pub(super) fn handle_pointer(
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
        let cue_at = |byte| placed.show_claims.then(|| claims_layer::cue_at(session, byte, show_rejected)).flatten();
        // A claim's own words: what it claims, or its cue or claimant.
        let claim_of = |byte| {
            let part = || placed.show_claims.then(|| claims_layer::part_at(session, byte, show_rejected)).flatten();
            claim_at(byte).or_else(part)
        };

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
            if cue_at(byte).is_some() {
                let key = Action::SetCue.shortcut_text(Writing::of(ui.ctx())).unwrap_or_default();
                tip.push(claims_layer::cue_tip(&key));
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
                } else if let Some(id) = claim_of(byte) {
                    commands.push(Command::Edit(Edit::SelectClaim(id)));
                }
            }
        }
        if response.secondary_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.context = self.byte_at(session, pos, origin, tops).and_then(|(b, _)| {
                let claim = claim_of(b);
                match Self::span_at(session, b, show_rejected) {
                    Some(span) => Some(ContextItem::Span(span, claim)),
                    None => claim.map(ContextItem::Claim),
                }
            });
        }
        let selected = self.selection.is_some();
        match self.context {
            Some(ContextItem::Span(id, claim)) => {
                _ = response.context_menu(|ui| {
                    span_menu(ui, session, id, commands);
                    if let Some(claim) = claim {
                        ui.menu_button("Claim", |ui| claim_menu(ui, session, claim, selected, commands));
                    }
                })
            }
            Some(ContextItem::Claim(id)) => {
                _ = response.context_menu(|ui| claim_menu(ui, session, id, selected, commands));
            }
            None => {}
        }
    }

    /// After a mouse selection: a small popup with the labels (or press a label's hotkey).
    pub(super) fn selection_popup(
        &mut self,
        ui: &Ui,
        session: &Session,
        origin: Pos2,
        tops: &[f32],
        commands: &mut Vec<Command>,
    ) {
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
                            .on_hover_text(crate::ui::actions::hover_text(ui, Action::ClearSelection));
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
        crate::ui::actions::menu_item(ui, action, true, &mut chosen);
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

/// The right-click menu of a claim, from the table's actions on it (it is selected first): accept,
/// reject, its claimant, its cue (from the selection, `selected`), check-worthiness, its edges, delete.
pub fn claim_menu(ui: &mut Ui, session: &Session, id: ClaimId, selected: bool, commands: &mut Vec<Command>) {
    let Some(claim) = session.annotations().claims.get(id) else { return };
    let act = |ui: &mut Ui, action: Action, enabled: bool, commands: &mut Vec<Command>| {
        let mut chosen = Vec::new();
        crate::ui::actions::menu_item(ui, action, enabled, &mut chosen);
        if !chosen.is_empty() {
            commands.push(Command::Edit(Edit::SelectClaim(id)));
            commands.extend(chosen);
        }
    };
    act(ui, Action::Accept, true, commands);
    act(ui, Action::Reject, true, commands);
    act(ui, Action::PickClaimant, true, commands);
    act(ui, Action::SetCue, selected, commands);
    act(ui, Action::ClearCue, claim.cue.is_some(), commands);
    ui.separator();
    act(ui, Action::WorthChecking, claim.checkworthy_by_hand != Some(true), commands);
    act(ui, Action::NotWorthChecking, claim.checkworthy_by_hand != Some(false), commands);
    ui.menu_button("Boundaries", |ui| {
        let edges = [Action::GrowStart, Action::ShrinkStart, Action::GrowEnd, Action::ShrinkEnd];
        for action in edges.into_iter().chain([Action::MoveLeft, Action::MoveRight]) {
            act(ui, action, true, commands);
        }
    });
    ui.separator();
    if ui.button("Delete").clicked() {
        commands.push(Command::Edit(Edit::DeleteClaim(id)));
        ui.close();
    }
}

pub(super) fn ordered(a: usize, b: usize) -> Range<usize> {
    a.min(b)..a.max(b)
}
