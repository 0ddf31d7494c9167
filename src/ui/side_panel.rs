//! The side panel: progress, the legend, and every suggestion and annotation in document order.

use super::colors;
use crate::annotation::{SpanId, Status};
use crate::app::command::Command;
use crate::session::{Edit, Session};
use eframe::egui::{self, Color32, RichText, Sense, Ui, Vec2};

#[derive(Default)]
pub struct SidePanel {
    scrolled_to: Option<SpanId>,
}

const ROW_HEIGHT: f32 = 22.0;

impl SidePanel {
    pub fn show(&mut self, ui: &mut Ui, session: &Session, show_rejected: bool) -> Vec<Command> {
        let mut commands = Vec::new();
        let counts = session.annotations().counts();
        ui.add_space(6.0);
        ui.heading("Review");
        let decided = counts.accepted + counts.rejected;
        ui.add(egui::ProgressBar::new(counts.progress()).text(format!("{decided} of {} decided", counts.total())));
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{} pending", counts.pending)).strong());
            ui.label(format!("· {} accepted", counts.accepted));
            ui.label(format!("· {} rejected", counts.rejected));
        });
        ui.separator();
        legend(ui, session, &mut commands);
        ui.separator();

        let spans: Vec<_> =
            session.annotations().spans().iter().filter(|s| show_rejected || s.status != Status::Rejected).collect();
        let current = session.current_id();
        let mut scroll = egui::ScrollArea::vertical().auto_shrink(false);
        if current != self.scrolled_to
            && let Some(i) = spans.iter().position(|s| Some(s.id) == current)
        {
            let row = ROW_HEIGHT + ui.spacing().item_spacing.y;
            scroll = scroll.vertical_scroll_offset((i as f32 * row - 120.0).max(0.0));
            self.scrolled_to = current;
        }
        if spans.is_empty() {
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
                    chip(ui, &span.label, color);
                    let mut label = RichText::new(format!("{shown}{ellipsis}"));
                    if weak {
                        label = label.weak().strikethrough();
                    } else if span.status == Status::Accepted {
                        label = label.strong();
                    }
                    let r = ui.selectable_label(Some(span.id) == current, label).on_hover_text(span.provenance());
                    if r.clicked() {
                        commands.push(Command::Edit(Edit::Select(span.id)));
                    }
                    ui.label(RichText::new(format!("{status}{score}")).small().weak());
                    r.context_menu(|ui| super::article_view::span_menu(ui, session, span.id, &mut commands));
                });
            }
        });
        commands
    }
}

/// A label name on its colour.
pub fn chip(ui: &mut Ui, name: &str, color: Color32) {
    let text = RichText::new(name).small().color(colors::ON_PASTEL);
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Small,
    );
    let size = galley.size() + Vec2::new(8.0, 4.0);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(size.x.max(58.0), size.y), Sense::hover());
    ui.painter().rect_filled(rect, 3.0, color);
    ui.painter().galley(rect.left_top() + Vec2::new(4.0, 2.0), galley, colors::ON_PASTEL);
}

fn legend(ui: &mut Ui, session: &Session, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.strong("Labels");
        if ui.small_button("Edit…").on_hover_text("Add labels, change colours and hotkeys").clicked() {
            commands.push(Command::ShowLabelsEditor);
        }
    });
    ui.horizontal_wrapped(|ui| {
        for l in session.labels().iter() {
            let color = colors::label_color(session.labels(), &l.name);
            let name = match l.hotkey {
                Some(k) => format!("{k} {}", l.name),
                None => l.name.clone(),
            };
            chip(ui, &name, color);
        }
    });
    ui.weak("Filled: accepted · underlined: suggested · outlined: current");
}
