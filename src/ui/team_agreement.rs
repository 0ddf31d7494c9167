//! View > Team agreement: how far the team project's analysts agree (what `marginalia agree`
//! prints), in a window — overall (where there are several pairs), then each pair: span F1 exact
//! and overlapping, κ and α, claims, per label, and the pair's documents, the least agreed first,
//! each a click away, so that the analyst finds where the guidelines are unclear. The figures are
//! measured by the app in the background; this only draws them and returns commands.

use crate::command::{Action, Command, Overlay};
use crate::team::agreement::{ClaimFigures, PairReport, Report, Spans, Tokens, figure};
use eframe::egui::{self, Ui};

/// The agreement of a team project, as the window has it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamAgreement {
    /// The project's name.
    pub project: String,
    /// The analyst working here: a document opens as their file, where they have one.
    pub analyst: String,
    /// The figures; `None` while they are measured, the reason where they could not be.
    pub figures: Option<Result<Report, String>>,
}

pub fn show(ctx: &egui::Context, shown: &TeamAgreement) -> Vec<Command> {
    let mut open = true;
    let mut out = Vec::new();
    let height = (ctx.content_rect().height() - 120.0).max(160.0);
    egui::Window::new(Action::TeamAgreement.label())
        .open(&mut open)
        .default_width(640.0)
        .default_height(height)
        .max_height(height)
        .show(ctx, |ui| match &shown.figures {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak(format!("Measuring the agreement of {}'s analysts…", shown.project));
                });
            }
            Some(Err(why)) => {
                ui.colored_label(ui.visuals().error_fg_color, format!("Could not measure the agreement: {why}"));
            }
            Some(Ok(report)) => {
                egui::ScrollArea::vertical().show(ui, |ui| figures(ui, report, &shown.analyst, &mut out));
            }
        });
    if !open {
        out.push(Command::Close(Overlay::Agreement));
    }
    out
}

fn figures(ui: &mut Ui, r: &Report, me: &str, out: &mut Vec<Command>) {
    ui.label(format!(
        "{} analysts; {} documents annotated by two or more. Only accepted work counts.",
        r.overall.analysts.len(),
        r.overall.documents
    ));
    ui.weak(format!(
        "Span F1 = 2·agreed / (A + B), exact or overlapping; κ: Cohen's over tokens; α: Krippendorff's, {}.",
        r.overall.tokens.alpha.method
    ));
    if !r.unreadable.is_empty() {
        let heading = format!("{} files could not be read and are left out (left as they are)", r.unreadable.len());
        egui::CollapsingHeader::new(egui::RichText::new(heading).color(ui.visuals().warn_fg_color)).show(ui, |ui| {
            for (path, why) in &r.unreadable {
                ui.label(format!("{path}: {why}"));
            }
        });
    }
    if ui.button("Measure again").on_hover_text("Read the analysts' files again (after a sync, say)").clicked() {
        out.push(Command::ShowAgreement);
    }
    ui.separator();
    if r.pairs.is_empty() {
        ui.weak("No two analysts have annotated the same document yet (a document counts once an analyst decided something in it).");
        return;
    }
    // With one pair, overall is that pair.
    if r.pairs.len() > 1 {
        ui.strong("Overall (all pairs pooled; α over every analyst at once)");
        summary(ui, "overall", ("first", "second"), &r.overall.spans, &r.overall.tokens, &r.overall.claims);
    }
    for pair in &r.pairs {
        ui.separator();
        pair_section(ui, pair, me, out);
    }
}

fn pair_section(ui: &mut Ui, pair: &PairReport, me: &str, out: &mut Vec<Command>) {
    let [a, b] = &pair.analysts;
    let title = format!("{a} and {b}: {} documents both annotated", pair.documents);
    egui::CollapsingHeader::new(title).default_open(pair.documents > 0).show(ui, |ui| {
        if pair.documents == 0 {
            ui.weak("No document both annotated yet.");
            return;
        }
        let id = format!("{a}/{b}");
        summary(ui, &id, (a, b), &pair.spans, &pair.tokens, &pair.claims);
        ui.label("Documents, the least agreed first (click to open):");
        egui::Grid::new(("agreement-documents", &id)).striped(true).show(ui, |ui| {
            for d in &pair.per_document {
                // Your own file of it, else the pair's.
                let file = d.files.get(me).or_else(|| d.files.get(a)).or_else(|| d.files.get(b));
                let link = ui.link(&d.name).on_hover_text("Open this document");
                if link.clicked()
                    && let Some(file) = file
                {
                    out.push(Command::Open(file.clone()));
                }
                ui.label(format!("span F1 {}", figure(d.spans_f1)));
                ui.label(format!("κ {}", figure(d.kappa)));
                ui.label(format!("only {a} {}, only {b} {}", d.only_a, d.only_b));
                ui.end_row();
            }
        });
    });
}

/// The figures of a pair (or of all pairs pooled): spans, tokens, claims, then a table per label.
fn summary(ui: &mut Ui, id: &str, (a, b): (&str, &str), s: &Spans, t: &Tokens, c: &ClaimFigures) {
    ui.label(format!("Span F1 {} exact, {} overlapping", figure(s.f1), figure(s.overlap_f1)));
    ui.label(format!("Spans: {} agreed, only {a} {}, only {b} {}", s.agreed, s.only_a, s.only_b));
    ui.label(format!("Tokens: κ {}, α {} ({} tokens)", figure(t.kappa), figure(t.alpha.value), t.count));
    ui.label(format!(
        "Claims F1 {}, same cue {}, same claimant {} ({a} {}, {b} {}, paired {})",
        figure(c.f1),
        figure(c.cue),
        figure(c.claimant),
        c.a,
        c.b,
        c.matched
    ));
    if s.per_label.is_empty() {
        return;
    }
    egui::Grid::new(("agreement-labels", id)).striped(true).show(ui, |ui| {
        for heading in ["label", a, b, "agreed", "F1", "overlap F1"] {
            ui.strong(heading);
        }
        ui.end_row();
        for (label, f) in &s.per_label {
            ui.label(label);
            ui.label(f.a.to_string());
            ui.label(f.b.to_string());
            ui.label(f.agreed.to_string());
            ui.label(figure(f.f1));
            ui.label(figure(f.overlap_f1));
            ui.end_row();
        }
    });
}
