//! The side panel: progress, the legend, and every suggestion and annotation in document order — the
//! entities, or the claims as cards (claimant, cue, what is claimed, check-worthiness). It follows
//! the keyboard: walking claims shows the claims.

use super::colors;
use super::list_filter::{self, ListFilter};
use super::review_panel::ReviewPanel;
use crate::annotation::{Claim, ClaimId, SpanId, Status};
use crate::command::keys::Writing;
use crate::command::{Action, Command};
use crate::session::{Edit, Focus, Session};
use eframe::egui::{self, Color32, RichText, Sense, Ui, Vec2};

#[derive(Default)]
pub struct SidePanel {
    scrolled_to: Option<SpanId>,
    claim_scrolled_to: Option<ClaimId>,
    /// Which spans the list shows, in which order.
    filter: ListFilter,
    /// Which list shows; switched by the tabs, and by the keyboard's layer.
    tab: Focus,
    last_focus: Focus,
    /// The review section's list scrolled to this item last.
    review_scrolled_to: Option<crate::team::review::ItemId>,
}

const ROW_HEIGHT: f32 = 22.0;

impl SidePanel {
    /// `review`: the analysts' versions, for a curated version under review.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        show_rejected: bool,
        review: Option<&ReviewPanel>,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        // Spans and claims together, as the status bar and the folder list count them.
        let counts = session.annotations().tally();
        ui.add_space(6.0);
        ui.heading("Review");
        let decided = counts.accepted + counts.rejected;
        ui.add(egui::ProgressBar::new(counts.progress()).text(format!("{decided} of {} decided", counts.total())));
        // Wrapped: on a narrow window the panel is narrow too.
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} pending", counts.pending)).strong());
            ui.label(format!("· {} accepted", counts.accepted));
            ui.label(format!("· {} rejected", counts.rejected));
        });
        ui.separator();
        if let Some(review) = review {
            commands.extend(super::review_panel::show(ui, session, review, &mut self.review_scrolled_to));
            ui.separator();
        }
        legend(ui, session, &mut commands);
        ui.separator();

        if session.focus() != self.last_focus {
            self.last_focus = session.focus();
            self.tab = session.focus();
        }
        let claims: Vec<&Claim> = session
            .annotations()
            .claims
            .all()
            .iter()
            .filter(|c| show_rejected || c.status != Status::Rejected)
            .collect();
        ui.horizontal(|ui| {
            let entities = format!("Entities ({})", session.annotations().spans().len());
            ui.selectable_value(&mut self.tab, Focus::Entities, entities);
            ui.selectable_value(&mut self.tab, Focus::Claims, format!("Claims ({})", claims.len()));
        });
        if self.tab == Focus::Claims {
            self.claims(ui, session, &claims, &mut commands);
            return commands;
        }

        let all = session.annotations().spans();
        let labels: Vec<&str> = session.labels().iter().map(|l| l.name.as_str()).collect();
        let mut engines: Vec<&str> = all.iter().map(list_filter::engine_of).collect();
        engines.sort_unstable();
        engines.dedup();
        self.filter.show(ui, &labels, &engines);
        let shown_rejected = show_rejected || self.filter.asks_for_rejected();
        let spans = self.filter.apply(all.iter().filter(|s| shown_rejected || s.status != Status::Rejected));
        // Always a line, so that the list does not move down when a filter is set.
        let order = if self.filter.by_score { "by score" } else { "by position" };
        ui.weak(match self.filter.filters() {
            true => format!("{} of {} shown, {order}", spans.len(), all.len()),
            false => format!("All {}, {order}", all.len()),
        });
        let current = session.current_id();
        let show = spans.iter().position(|s| Some(s.id) == current).filter(|_| current != self.scrolled_to);
        if show.is_some() {
            self.scrolled_to = current;
        }
        let scroll = super::list_scroll(ui, ROW_HEIGHT, show);
        if all.is_empty() {
            ui.weak(
                "No suggestions or annotations yet. Select text with the mouse and press a label's key to add one.",
            );
        }
        scroll.show_rows(ui, ROW_HEIGHT, spans.len(), |ui, rows| {
            for span in &spans[rows] {
                let text = &session.doc().text()[span.range.clone()];
                let (status, weak) = match span.status {
                    Status::Pending => ("pending", false),
                    Status::Accepted => ("accepted", false),
                    Status::Rejected => ("rejected", true),
                };
                let score = span.score().map(|s| format!(" {s:.2}")).unwrap_or_default();
                let shown: String = text.chars().take(36).collect();
                let ellipsis = if text.chars().count() > 36 { "…" } else { "" };
                ui.horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    let color = colors::label_color(session.labels(), &span.label);
                    chip(ui, &span.label, color, LIST_CHIP);
                    let mut label = RichText::new(format!("{shown}{ellipsis}"));
                    if weak {
                        label = label.weak().strikethrough();
                    } else if span.status == Status::Accepted {
                        label = label.strong();
                    }
                    // The words take what the status leaves, cut short rather than widening the panel.
                    let words = Vec2::new((ui.available_width() - STATUS_WIDTH).max(40.0), ROW_HEIGHT);
                    let r = ui
                        .allocate_ui(words, |ui| {
                            ui.add(egui::Button::selectable(Some(span.id) == current, label).truncate())
                        })
                        .inner
                        .on_hover_text(span.provenance());
                    if r.clicked() {
                        commands.push(Command::Edit(Edit::Select(span.id)));
                    }
                    ui.add(egui::Label::new(RichText::new(format!("{status}{score}")).small().weak()).truncate());
                    r.context_menu(|ui| super::article_view::span_menu(ui, session, span.id, &mut commands));
                });
            }
        });
        commands
    }
}

impl SidePanel {
    fn claims(&mut self, ui: &mut Ui, session: &Session, claims: &[&Claim], commands: &mut Vec<Command>) {
        if claims.is_empty() {
            let key = Action::MakeClaim.shortcut_text(Writing::of(ui.ctx())).unwrap_or_default();
            ui.weak(format!("No claims yet. Select what is claimed with the mouse and press {key} to make one."));
            return;
        }
        let current = session.current_claim().map(|c| c.id);
        let scroll_to = current.filter(|c| self.claim_scrolled_to != Some(*c));
        egui::ScrollArea::vertical().auto_shrink(false).id_salt("claims").show(ui, |ui| {
            for claim in claims {
                let is_current = Some(claim.id) == current;
                let response = claim_card(ui, session, claim, is_current);
                if response.clicked() {
                    commands.push(Command::Edit(Edit::SelectClaim(claim.id)));
                }
                if is_current && scroll_to.is_some() {
                    response.scroll_to_me(Some(egui::Align::Center));
                    self.claim_scrolled_to = current;
                }
            }
        });
    }
}

/// One claim: who, the cue, what is claimed, how check-worthy, and its status.
fn claim_card(ui: &mut Ui, session: &Session, claim: &Claim, is_current: bool) -> egui::Response {
    let text = session.doc().text();
    let visuals = ui.visuals().clone();
    let stroke = if is_current {
        colors::current_outline(&visuals)
    } else {
        egui::Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
    };
    let frame = egui::Frame::group(ui.style()).stroke(stroke).inner_margin(6.0);
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let who = super::claims_layer::claimant_text(session, claim).unwrap_or_else(|| "(no claimant)".into());
            ui.label(RichText::new(who).strong().color(colors::claimant(&visuals)));
            if let Some(cue) = &claim.cue {
                ui.label(RichText::new(&text[cue.clone()]).italics().color(colors::claim(&visuals)));
            }
            let status = match claim.status {
                Status::Pending => "suggested",
                Status::Accepted => "accepted",
                Status::Rejected => "rejected",
            };
            ui.label(RichText::new(status).small().weak());
            // The analyst's own word, beside the machine's estimate (never mixed into it).
            if let Some(worth) = claim.checkworthy_by_hand {
                let said = if worth { "· worth checking, you said" } else { "· not worth checking, you said" };
                ui.label(RichText::new(said).small().strong());
            }
        });
        // The content keeps its quotation marks in the file (as PolNeAR does); the card adds its own.
        let content = text[claim.content.clone()].trim_matches(|c: char| matches!(c, '“' | '”' | '"' | ',' | ' '));
        let shown: String = content.chars().take(160).collect();
        let more = if content.chars().count() > 160 { "…" } else { "" };
        let mut body = RichText::new(format!("“{shown}{more}”"));
        if claim.status == Status::Rejected {
            body = body.weak().strikethrough();
        }
        ui.label(body);
        if let Some(w) = claim.checkworthy {
            ui.add(
                egui::ProgressBar::new(w)
                    .desired_height(10.0)
                    .text(RichText::new(format!("check-worthy {:.0}% (estimated)", w * 100.0)).small()),
            );
        }
    });
    inner.response.interact(Sense::click()).on_hover_text("Click to select")
}

/// How wide a label's chip is: in the legend, as its name up to a limit; in the list, always the
/// same, so that rows line up.
const LEGEND_CHIP: std::ops::RangeInclusive<f32> = 58.0..=150.0;
const LIST_CHIP: std::ops::RangeInclusive<f32> = 72.0..=72.0;
/// Room kept in a list row for its status and score.
const STATUS_WIDTH: f32 = 84.0;

/// A label name on its colour, as wide as `widths` allows (a long name is cut short, with its full
/// name on hover): a long label never widens the panel.
pub fn chip(ui: &mut Ui, name: &str, color: Color32, widths: std::ops::RangeInclusive<f32>) {
    let text = RichText::new(name).small().color(colors::ON_PASTEL);
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        widths.end() - 8.0,
        egui::TextStyle::Small,
    );
    let size = galley.size() + Vec2::new(8.0, 4.0);
    let wide = size.x.clamp(*widths.start(), *widths.end());
    let (rect, response) = ui.allocate_exact_size(Vec2::new(wide, size.y), Sense::hover());
    let response = if galley.elided { response.on_hover_text(name) } else { response };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name));
    ui.painter().rect_filled(rect, 3.0, color);
    ui.painter().galley(rect.left_top() + Vec2::new(4.0, 2.0), galley, colors::ON_PASTEL);
}

fn legend(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.strong("Labels");
        if ui.small_button("Edit…").on_hover_text(Action::Labels.tooltip()).clicked() {
            commands.push(Action::Labels.command());
        }
    });
    ui.horizontal_wrapped(|ui| {
        for l in session.labels().iter() {
            let color = colors::label_color(session.labels(), &l.name);
            let name = match l.hotkey {
                Some(k) => format!("{k} {}", l.name),
                None => l.name.clone(),
            };
            chip(ui, &name, color, LEGEND_CHIP);
        }
    });
    ui.weak("Filled: accepted · underlined: suggested · outlined: current");
}
