//! Work on many documents, off the UI thread: reading the statuses of a folder's annotation files,
//! pre-annotating its new articles, searching their texts, exporting a dataset, syncing with the team,
//! measuring how far the team's analysts agree.
//!
//! Each job is a thread that reports as it goes; the window polls it once per frame, draws its
//! progress and stays responsive. A job can be cancelled: it stops between two documents. Reports
//! name the corpus they belong to, so that a job of a folder no longer open is ignored.

use crate::corpus::preannotate::{self, Preannotated};
use crate::corpus::search::{self, Found};
use crate::corpus::team::{TeamProgress, team_progress};
use crate::corpus::{DocEntry, Known};
use crate::dataset::{self, Selection, export::Format, versions::Versions};
use crate::engines::{EngineSet, Engines};
use crate::team::Project;
use eframe::egui::Context;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Reading,
    Preannotating,
    Searching,
    Exporting,
    Syncing,
    Measuring,
}

pub enum Report {
    /// What is now known of a corpus document's annotations.
    Document { index: usize, known: Known },
    /// What a folder's text search found in a corpus document, or why it could not be read.
    Searched { index: usize, found: Result<Found, String> },
    /// How far each analyst of the folder's team project is.
    Team(Result<TeamProgress, String>),
    /// How far the team's analysts agree, or why it could not be measured.
    Agreement(Box<Result<crate::team::agreement::Report, String>>),
    /// Something the user should know before the end (a learned model that could not be read).
    Notice(String),
    /// The job ended: what to tell the user, or why it failed.
    Finished(Result<String, JobFailed>),
}

/// Why a job did not do its work.
#[derive(Debug, Clone, thiserror::Error)]
pub enum JobFailed {
    #[error("Could not start the background work: {0}")]
    NotStarted(Arc<std::io::Error>),
    /// The export failed; what happened, explained (the chain of causes, in words).
    #[error("Nothing was exported: {0}")]
    Export(String),
    /// The sync stopped; why, and what to do (see [`crate::team::SyncError`]).
    #[error("The sync stopped: {0}")]
    Sync(String),
}

pub struct Job {
    pub kind: JobKind,
    /// The corpus it works on (`App`'s corpus generation), if any.
    pub corpus: u64,
    pub total: usize,
    pub done: usize,
    pub finished: bool,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Report>,
}

/// Sends reports and wakes the window, at most every 50 ms (a job may finish hundreds of documents a
/// second), and always at the end.
struct Reporter {
    tx: Sender<Report>,
    ctx: Context,
    last: Instant,
}

impl Reporter {
    fn send(&mut self, report: Report) {
        let last = matches!(report, Report::Finished(_));
        let _ = self.tx.send(report);
        if last || self.last.elapsed() > Duration::from_millis(50) {
            self.ctx.request_repaint();
            self.last = Instant::now();
        }
    }
}

impl Job {
    fn spawn(
        kind: JobKind,
        corpus: u64,
        total: usize,
        ctx: &Context,
        work: impl FnOnce(&mut Reporter, &AtomicBool) + Send + 'static,
    ) -> Job {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let mut reporter = Reporter { tx, ctx: ctx.clone(), last: Instant::now() };
        let name = format!("marginalia-{kind:?}").to_lowercase();
        let started = std::thread::Builder::new().name(name).spawn(move || work(&mut reporter, &flag));
        let mut job = Job { kind, corpus, total, done: 0, finished: false, cancel, rx };
        if let Err(e) = started {
            job.finished = true;
            job.total = 0;
            let (tx, rx) = channel();
            let _ = tx.send(Report::Finished(Err(JobFailed::NotStarted(Arc::new(e)))));
            job.rx = rx;
        }
        job
    }

    /// Reads the status of each annotation file, then — in a team project — how far each analyst is.
    pub fn read(corpus: u64, files: Vec<(usize, PathBuf)>, team: Option<Project>, ctx: &Context) -> Job {
        Job::spawn(JobKind::Reading, corpus, files.len(), ctx, move |out, cancel| {
            for (index, path) in files {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                let known = Known::of_file(&path);
                out.send(Report::Document { index, known });
            }
            if let Some(project) = team.filter(|_| !cancel.load(Ordering::Relaxed)) {
                out.send(Report::Team(team_progress(&project).map_err(|e| e.to_string())));
            }
            out.send(Report::Finished(Ok(String::new())));
        })
    }

    /// Pre-annotates the articles with `engines` and what the suggestions learned in `folder`.
    pub fn preannotate(
        corpus: u64,
        engines: EngineSet,
        folder: PathBuf,
        seat: Option<crate::team::Seat>,
        articles: Vec<(usize, PathBuf)>,
        ctx: &Context,
    ) -> Job {
        Job::spawn(JobKind::Preannotating, corpus, articles.len(), ctx, move |out, cancel| {
            let (engines, notices) = Engines::for_folder(engines, &folder);
            for notice in notices {
                out.send(Report::Notice(crate::app::assistant::describe(&notice)));
            }
            let outcome = preannotate::run(&articles, seat.as_ref(), &engines, cancel, |index, result| {
                let known = match result {
                    Ok(Preannotated::Written(summary) | Preannotated::Found(summary)) => Known::Read(*summary),
                    // Its row is the window's to update, and it is offered again next time.
                    Ok(Preannotated::OpenElsewhere) => return,
                    // An article that cannot be read (a binary file, a PDF without text) is shown as such.
                    Err(why) => Known::Broken(why.to_string()),
                };
                out.send(Report::Document { index, known });
            });
            out.send(Report::Finished(Ok(outcome.to_string())));
        })
    }

    /// Searches the texts of `documents` for `query`.
    pub fn search(
        corpus: u64,
        documents: Vec<(usize, DocEntry)>,
        query: String,
        options: crate::text_search::Options,
        ctx: &Context,
    ) -> Job {
        Job::spawn(JobKind::Searching, corpus, documents.len(), ctx, move |out, cancel| {
            for (index, entry) in documents {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                let found = search::text_of(&entry).map(|text| search::search_text(&text, &query, options));
                out.send(Report::Searched { index, found: found.map_err(|e| e.to_string()) });
            }
            out.send(Report::Finished(Ok(String::new())));
        })
    }

    /// Exports the `from` versions of the annotation files of `inputs` to `out`.
    pub fn export(
        inputs: Vec<PathBuf>,
        from: Versions,
        format: Format,
        selection: Selection,
        out: PathBuf,
        ctx: &Context,
    ) -> Job {
        Job::spawn(JobKind::Exporting, 0, 1, ctx, move |reporter, _| {
            let result = dataset::versions::export(&inputs, &from, format, selection, &out);
            reporter.send(Report::Finished(match result {
                Ok(exported) => {
                    let said = from.from_what().map(|s| format!(" {s}")).unwrap_or_default();
                    let unread = match exported.unreadable.len() {
                        0 => String::new(),
                        n => format!(
                            "\n{n} files of the project could not be read and were left as they are (the first: {})",
                            exported.unreadable[0].path.display()
                        ),
                    };
                    let report = exported.report.describe(crate::ui::export_dialog::remedy);
                    Ok(format!("Exported{said} to {}: {report}{unread}", out.display()))
                }
                Err(e) => Err(JobFailed::Export(crate::errors::explain(&e))),
            }));
        })
    }

    /// Commits the analyst's work, pulls the team's and pushes (`crate::team::sync`).
    pub fn sync(seat: crate::team::Seat, ctx: &Context) -> Job {
        Job::spawn(JobKind::Syncing, 0, 1, ctx, move |reporter, _| {
            let result = crate::team::sync(&seat).map(|r| r.sentence()).map_err(|e| JobFailed::Sync(e.to_string()));
            reporter.send(Report::Finished(result));
        })
    }

    /// Measures the agreement of the team's analysts (`crate::team::agreement`): it reads every
    /// analyst's files.
    pub fn agreement(project: Project, ctx: &Context) -> Job {
        Job::spawn(JobKind::Measuring, 0, 1, ctx, move |reporter, _| {
            let report = crate::team::agreement::agreement(&project).map_err(|e| e.to_string());
            reporter.send(Report::Agreement(Box::new(report)));
            reporter.send(Report::Finished(Ok(String::new())));
        })
    }

    /// Asks the job to stop after the document it is on.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The reports since the last poll.
    pub fn poll(&mut self) -> Vec<Report> {
        let reports: Vec<Report> = self.rx.try_iter().collect();
        for r in &reports {
            match r {
                Report::Document { .. } | Report::Searched { .. } => self.done += 1,
                Report::Finished(_) => self.finished = true,
                Report::Notice(_) | Report::Team(_) | Report::Agreement(_) => {}
            }
        }
        reports
    }
}

impl Drop for Job {
    /// A job of a folder no longer open, or of a window closing, stops at the next document.
    fn drop(&mut self) {
        self.cancel();
    }
}
