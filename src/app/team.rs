//! The team project in the window, beyond where files go (`workspace::open_in`, the folder list):
//! Help > Team guidelines.

use super::App;
use crate::command::Overlay;
use crate::ui::error_box::ErrorBox;
use crate::ui::guidelines::Guidelines;

/// The most of a guidelines file the window reads (a long handbook is a few hundred kB).
const MAX_GUIDELINES: u64 = 8 * 1024 * 1024;

impl App {
    /// Shows the guidelines file the team's config names, or says why there is none to show.
    pub(super) fn show_guidelines(&mut self) {
        let Some(seat) = &self.seat else {
            self.status = Some("Not in a team project: open a team project's folder or one of its documents".into());
            return;
        };
        let Some(file) = seat.project.config.guidelines_path(&seat.project.root) else {
            self.status = Some(format!(
                "The team project {} names no guidelines (its {} has no guidelines file)",
                seat.project_name(),
                crate::team::CONFIG_FILE
            ));
            return;
        };
        match crate::input::read_text(&file, MAX_GUIDELINES) {
            Ok(text) => {
                self.overlays.guidelines = Some(Guidelines { file, text });
                self.overlays.raise(Overlay::Guidelines);
            }
            Err(e) => self.overlays.show_error(ErrorBox {
                title: "Could not show the team's guidelines".into(),
                message: e.to_string(),
                advice: format!(
                    "The config ({}) names {}; once that file is there (after a sync, say), this shows it.",
                    seat.project.config_path().display(),
                    file.display()
                ),
            }),
        }
    }
}
