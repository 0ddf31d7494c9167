//! The team project in the window, beyond where files go (`workspace::open_in`, the folder list):
//! Help > Team guidelines; File > Sync with team — saved first, synced in the background (git
//! may wait on the network), then the folder listed again so that the others' new files and
//! progress show (and, under review, who of them said what); View > Team agreement — measured in
//! the background (it reads every analyst's files), and again after a sync while its window is open.

use super::App;
use super::jobs::{Job, Report};
use crate::command::{Action, Overlay};
use crate::ui::error_box::ErrorBox;
use crate::ui::guidelines::Guidelines;
use crate::ui::team_agreement::TeamAgreement;

/// The most of a guidelines file the window reads (a long handbook is a few hundred kB).
const MAX_GUIDELINES: u64 = 8 * 1024 * 1024;

/// What the team's actions say outside a team project (their menu entries are greyed out there).
const NOT_IN_TEAM: &str = "Not in a team project: open a team project's folder or one of its documents";

impl App {
    /// Shows the guidelines file the team's config names, or says why there is none to show.
    pub(super) fn show_guidelines(&mut self) {
        let Some(seat) = &self.seat else {
            self.status = Some(NOT_IN_TEAM.into());
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

    /// File > Sync with team: saves the open document, then syncs in the background.
    pub(super) fn start_sync(&mut self, ctx: &eframe::egui::Context) {
        let Some(seat) = self.seat.clone() else {
            self.status = Some(NOT_IN_TEAM.into());
            return;
        };
        if self.services.syncing.is_some() {
            self.status = Some("A sync is running already".into());
            return;
        }
        if let Err(why) = self.save_before_reading(ctx) {
            self.status = Some(format!("Not synced: the open document could not be saved first ({why})"));
            return;
        }
        self.status = Some(format!("Syncing as {} with the team…", seat.analyst));
        self.services.syncing = Some(Job::sync(seat, ctx));
    }

    /// Takes in the sync when it is done: lists the folder again (the others' files and progress),
    /// then says what the sync did, or shows why it stopped.
    pub(super) fn poll_sync(&mut self, ctx: &eframe::egui::Context) {
        let Some(job) = &mut self.services.syncing else { return };
        let Some(result) = job.poll().into_iter().find_map(|r| match r {
            Report::Finished(result) => Some(result),
            _ => None,
        }) else {
            return;
        };
        self.services.syncing = None;
        self.reread_team_config();
        // A curated version under review: the analysts' versions that came in show who said what.
        self.start_review();
        // What came in changes the figures (a sync that stopped may have pulled before).
        if self.overlays.agreement.is_some() {
            self.measure_agreement(ctx);
        }
        let busy = self.corpus_busy();
        if self.folder.is_some() && !busy {
            self.refresh_folder(ctx);
        }
        match result {
            Ok(sentence) if busy => {
                self.status = Some(format!(
                    "{sentence} The folder is busy: {} shows what came in.",
                    Action::RefreshFolder.menu_path()
                ))
            }
            Ok(sentence) => self.status = Some(sentence),
            Err(why) => {
                self.status = Some("The sync stopped".into());
                self.overlays.show_error(ErrorBox {
                    title: "Could not sync with the team".into(),
                    message: why.to_string(),
                    advice: "Your files are as they were on disk; what was committed stays committed.".into(),
                })
            }
        }
    }

    /// The team's config again (a sync may have brought a new one); one that does not load leaves
    /// the one read before.
    fn reread_team_config(&mut self) {
        let Some(seat) = &mut self.seat else { return };
        let Ok(project) = crate::team::Project::open(&seat.project.root) else { return };
        if let Some(team) = self.folder.as_mut().and_then(|f| f.corpus.team.as_mut()) {
            team.project = project.clone();
        }
        seat.project = project;
    }

    /// View > Team agreement: shows the agreement of the team's analysts, measured afresh.
    pub(super) fn show_agreement(&mut self, ctx: &eframe::egui::Context) {
        if self.seat.is_none() {
            self.status = Some(NOT_IN_TEAM.into());
            return;
        }
        self.measure_agreement(ctx);
        self.overlays.raise(Overlay::Agreement);
    }

    /// Measures the agreement in the background; the window says so until it is done
    /// (a measure already running is dropped: its files may be older).
    fn measure_agreement(&mut self, ctx: &eframe::egui::Context) {
        let Some(seat) = &self.seat else { return };
        self.overlays.agreement =
            Some(TeamAgreement { project: seat.project_name(), analyst: seat.analyst.clone(), figures: None });
        self.services.measuring = Some(Job::agreement(seat.project.clone(), ctx));
    }

    /// Takes in the agreement once it is measured, for the window if it is still open.
    pub(super) fn poll_agreement(&mut self) {
        let Some(job) = &mut self.services.measuring else { return };
        let mut figures = None;
        for report in job.poll() {
            match report {
                Report::Agreement(report) => figures = Some(*report),
                Report::Finished(Err(why)) => figures = Some(Err(why.to_string())),
                _ => {}
            }
        }
        if job.finished {
            self.services.measuring = None;
        }
        if let (Some(figures), Some(shown)) = (figures, &mut self.overlays.agreement) {
            shown.figures = Some(figures);
        }
    }

    /// A sync with the team is running in the background.
    pub fn is_syncing(&self) -> bool {
        self.services.syncing.is_some()
    }
}
