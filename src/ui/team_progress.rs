//! The folder panel's Team section, in a team project: who you are, and how far each analyst is
//! (documents annotated and done, of the project's), as read with the folder's statuses.

use crate::corpus::team::TeamProgress;
use crate::team::Seat;
use eframe::egui::{self, Ui};

pub fn show(ui: &mut Ui, seat: &Seat, progress: Option<&Result<TeamProgress, String>>) {
    egui::CollapsingHeader::new(format!("Team project {}", seat.project_name())).default_open(true).show(ui, |ui| {
        match progress {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Reading the analysts' files…");
                });
            }
            Some(Err(why)) => {
                ui.colored_label(ui.visuals().error_fg_color, format!("Could not read the team's files: {why}"));
            }
            Some(Ok(team)) => {
                for a in &team.analysts {
                    let you = if a.analyst == seat.analyst { " (you)" } else { "" };
                    ui.label(format!(
                        "{}{you}: {} of {} annotated, {} done",
                        a.analyst, a.annotated, team.documents, a.done
                    ))
                    .on_hover_text("Documents with a decision of theirs, and those they marked done");
                }
                if team.analysts.is_empty() {
                    ui.weak("No analyst has files here yet.");
                }
                ui.weak(format!("{} of {} documents curated", team.curated, team.documents));
                if team.unreadable > 0 {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{} files could not be read (left as they are)", team.unreadable),
                    );
                }
            }
        }
    });
}
