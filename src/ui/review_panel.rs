//! The review section of the side panel, for a curated version under review: the analysts with
//! the keys that take each one's version, and every place still waiting — coloured by how far the
//! analysts agree there, with who marked which item — each resolved with one click or key.

use super::colors;
use super::side_panel::chip;
use crate::annotation::Status;
use crate::command::keys::Writing;
use crate::command::{Action, Command};
use crate::session::{Edit, Focus, Session};
use crate::team::review::{Agreement, Item, ItemId, Place, Review};
use eframe::egui::{self, RichText, Ui};

/// The actions that take analyst 1, 2… 's version, in order.
const TAKE: [Action; 4] = [Action::TakeVersion1, Action::TakeVersion2, Action::TakeVersion3, Action::TakeVersion4];

/// What the review section shows.
pub struct ReviewPanel<'a> {
    pub review: &'a Review,
    /// Analysts shown as "Analyst 1", "Analyst 2".
    pub anonymous: bool,
}

impl ReviewPanel<'_> {
    /// The places waiting, each with its agreement's colour (for the article).
    pub fn waiting(&self, visuals: &egui::Visuals) -> Vec<(std::ops::Range<usize>, egui::Color32)> {
        let waiting = self.review.places.iter().filter(|p| !p.is_decided());
        waiting.map(|p| (p.range.clone(), colors::agreement(p.agreement, visuals))).collect()
    }
}

/// Draws the section; returns what the reviewer asked for.
/// `scrolled_to`: the item the list last scrolled to (it scrolls when the current item changes).
pub fn show(ui: &mut Ui, session: &Session, panel: &ReviewPanel, scrolled_to: &mut Option<ItemId>) -> Vec<Command> {
    let mut out = Vec::new();
    let review = panel.review;
    let w = Writing::of(ui.ctx());
    ui.horizontal(|ui| {
        ui.strong("Analysts' versions");
        let mut hidden = panel.anonymous;
        if ui.checkbox(&mut hidden, "Hide names").on_hover_text(Action::HideWhoSaidWhat.tooltip()).changed() {
            out.push(Action::HideWhoSaidWhat.command());
        }
    });
    if review.analysts.is_empty() {
        ui.weak("No analyst has decided anything in this document yet.");
        return out;
    }
    ui.horizontal_wrapped(|ui| {
        for n in 0..review.analysts.len() {
            let key = TAKE.get(n).and_then(|a| a.shortcut_text(w)).map(|k| format!("{k} ")).unwrap_or_default();
            ui.label(format!("{key}{}", review.name(n, panel.anonymous)));
        }
        let neither = Action::TakeNeither.shortcut_text(w).unwrap_or_default();
        ui.weak(format!("{neither} neither"));
    });
    ui.horizontal_wrapped(|ui| {
        let v = ui.visuals().clone();
        for (a, what) in
            [(Agreement::All, "all agree"), (Agreement::Some, "some marked"), (Agreement::Conflict, "disagree")]
        {
            dot(ui, colors::agreement(a, &v));
            ui.label(RichText::new(what).small());
        }
    });
    let open = review.open();
    let decided = review.places.len() - open;
    let places = if open == 1 { "place" } else { "places" };
    ui.label(RichText::new(format!("{open} {places} waiting · {decided} decided")).strong());
    let current = match session.focus() {
        Focus::Claims => session.current_claim().map(|c| ItemId::Claim(c.id)),
        Focus::Entities => session.current_id().map(ItemId::Span),
    };
    let shown: Vec<&Place> =
        review.places.iter().filter(|p| !p.is_decided() || current.is_some_and(|c| p.contains(c))).collect();
    egui::ScrollArea::vertical().id_salt("review places").max_height(240.0).auto_shrink([false, true]).show(ui, |ui| {
        for place in shown {
            let is_current = current.is_some_and(|c| place.contains(c));
            let response = place_card(ui, session, panel, place, is_current, &mut out);
            if is_current && *scrolled_to != current {
                response.scroll_to_me(None);
                *scrolled_to = current;
            }
        }
    });
    out
}

/// One place: its agreement, its items with who marked each, and a button per version.
fn place_card(
    ui: &mut Ui,
    session: &Session,
    panel: &ReviewPanel,
    place: &Place,
    is_current: bool,
    out: &mut Vec<Command>,
) -> egui::Response {
    let visuals = ui.visuals().clone();
    let colour = colors::agreement(place.agreement, &visuals);
    // The current place stands out by a thicker line and a fill, not by another colour: the
    // colour says how far the analysts agree.
    let (width, fill) = if is_current { (3.0, visuals.faint_bg_color) } else { (1.0, egui::Color32::TRANSPARENT) };
    let frame = egui::Frame::group(ui.style()).stroke(egui::Stroke::new(width, colour)).fill(fill).inner_margin(5.0);
    frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            for item in &place.items {
                item_row(ui, session, panel, item, out);
            }
            ui.horizontal_wrapped(|ui| {
                dot(ui, colour);
                for n in 0..panel.review.analysts.len() {
                    let name = panel.review.name(n, panel.anonymous);
                    let tip =
                        TAKE.get(n).map_or("Accept what this analyst marked here, reject the rest", |a| a.tooltip());
                    if ui.small_button(format!("Take {name}'s")).on_hover_text(tip).clicked() {
                        out.push(Command::Edit(place.take(panel.review.analysts.get(n).map(String::as_str))));
                    }
                }
                if ui.small_button("Neither").on_hover_text(Action::TakeNeither.tooltip()).clicked() {
                    out.push(Command::Edit(place.take(None)));
                }
            });
        })
        .response
}

/// One item of a place: its label, its words (a click makes it current), who marked it, its status.
fn item_row(ui: &mut Ui, session: &Session, panel: &ReviewPanel, item: &Item, out: &mut Vec<Command>) {
    let text = session.doc().text().get(item.range.clone()).unwrap_or_default();
    let words: String = text.chars().take(32).collect();
    let more = if text.chars().count() > 32 { "…" } else { "" };
    ui.horizontal_wrapped(|ui| {
        match item.id {
            ItemId::Span(_) => chip(ui, &item.label, colors::label_color(session.labels(), &item.label), 48.0..=90.0),
            ItemId::Claim(_) => {
                ui.label(RichText::new("claim").small().color(colors::claim(ui.visuals())));
            }
        }
        let mut label = RichText::new(format!("“{words}{more}”"));
        label = match item.status {
            Status::Accepted => label.strong(),
            Status::Rejected => label.weak().strikethrough(),
            Status::Pending => label,
        };
        if ui.add(egui::Button::selectable(false, label)).clicked() {
            out.push(Command::Edit(match item.id {
                ItemId::Span(id) => Edit::Select(id),
                ItemId::Claim(id) => Edit::SelectClaim(id),
            }));
        }
        ui.label(RichText::new(who(panel, item)).small());
        let status = match item.status {
            Status::Pending => "waiting",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        };
        ui.label(RichText::new(status).small().weak());
    });
}

/// Who marked an item, as the reviewer is shown it.
fn who(panel: &ReviewPanel, item: &Item) -> String {
    let review = panel.review;
    let names: Vec<String> = (0..review.analysts.len())
        .filter(|&n| item.by.contains(&review.analysts[n]))
        .map(|n| review.name(n, panel.anonymous))
        .collect();
    match names.len() {
        0 => "no analyst".into(),
        n if n == review.analysts.len() && n > 1 => format!("all ({})", names.join(", ")),
        _ => names.join(", "),
    }
}

/// A small disc of an agreement's colour.
fn dot(ui: &mut Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::Vec2::splat(10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.5, colour);
}
