//! Native file dialogs, run off the UI thread through `rfd::AsyncFileDialog` (the XDG portal on Linux).
//!
//! Where no dialog can be shown (no portal running: a bare X server, a container), the portal answers
//! "no file" at once; a dialog that returns nothing within a moment is taken to mean that, and the app
//! shows a path field instead of doing nothing.

use crate::command::DialogKind;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A dialog showing in its own thread.
pub struct PendingDialog {
    pub kind: DialogKind,
    /// The chosen path (if any) and how long the dialog was open.
    rx: Receiver<(Option<PathBuf>, Duration)>,
}

/// Faster than any person can cancel a dialog: the portal was not there.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

pub enum DialogOutcome {
    Chosen(PathBuf),
    Cancelled,
    Unavailable,
}

impl PendingDialog {
    pub fn spawn(kind: DialogKind, start_dir: Option<PathBuf>, ctx: eframe::egui::Context) -> Self {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut dialog = rfd::AsyncFileDialog::new().set_title(kind.title());
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let picked = match kind {
                DialogKind::OpenArticle => pollster::block_on(
                    dialog
                        .add_filter("Articles", crate::workspace::ARTICLE_EXTENSIONS)
                        .add_filter("All files", &["*"])
                        .pick_file(),
                ),
                DialogKind::OpenFolder | DialogKind::ExportFolder => pollster::block_on(dialog.pick_folder()),
                DialogKind::ExportFile => pollster::block_on(dialog.save_file()),
                DialogKind::OpenAnnotations => {
                    pollster::block_on(dialog.add_filter("Marginalia annotations", &["ron"]).pick_file())
                }
                DialogKind::SaveAnnotationsAs => {
                    pollster::block_on(dialog.add_filter("Marginalia annotations", &["ron"]).save_file())
                }
            };
            let _ = tx.send((picked.map(|f| f.path().to_path_buf()), started.elapsed()));
            ctx.request_repaint();
        });
        Self { kind, rx }
    }

    /// The outcome, once the dialog has closed.
    pub fn poll(&self) -> Option<DialogOutcome> {
        match self.rx.try_recv() {
            Ok((Some(p), _)) => Some(DialogOutcome::Chosen(p)),
            Ok((None, open_for)) if open_for < NO_DIALOG_WITHIN => Some(DialogOutcome::Unavailable),
            Ok((None, _)) => Some(DialogOutcome::Cancelled),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(DialogOutcome::Unavailable),
        }
    }
}
