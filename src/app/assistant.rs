//! The assistant: one background thread that suggests and learns, so the window never waits for it.
//!
//! The thread runs an [`engines::worker::Worker`](crate::engines::worker::Worker): the window sends it
//! a document to suggest on when one is opened, and the document's spans or claims after every
//! decision; it learns, suggests again and replies. When it has been idle for a moment it writes what
//! was learned to the folder. This module is the thread and its channels, and the words the window
//! says about what the engines report.

use crate::engines::worker::{self, Worker};
use crate::engines::{EngineSet, Notice};
use crate::session::Serial;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

pub(crate) type Request = worker::Request<Serial>;
pub(crate) type Reply = worker::Reply<Serial>;

pub struct Assistant {
    /// `None` once shutting down.
    tx: Option<Sender<Request>>,
    rx: Receiver<Reply>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Assistant {
    /// Starts the thread, with the engines `engines` gives.
    pub fn start(ctx: eframe::egui::Context, engines: EngineSet) -> Self {
        let (tx, requests) = channel();
        let (replies, rx) = channel();
        let thread = std::thread::Builder::new()
            .name("marginalia-assistant".into())
            .spawn(move || {
                let (worker, notices) = Worker::of(engines);
                for n in notices {
                    let _ = replies.send(Reply::Notice(n));
                }
                run(worker, requests, replies, ctx)
            })
            .ok();
        Self { tx: Some(tx), rx, thread }
    }

    pub fn send(&self, request: Request) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(request);
        }
    }

    pub fn poll(&self) -> Option<Reply> {
        self.rx.try_recv().ok()
    }
}

impl Drop for Assistant {
    /// Lets the worker finish what it is doing and write the learned model before the app goes.
    fn drop(&mut self) {
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers requests until the window goes; writes what was learned when idle for a second, and last.
fn run(mut worker: Worker, requests: Receiver<Request>, replies: Sender<Reply>, ctx: eframe::egui::Context) {
    let send = |out: Vec<Reply>| {
        for r in out {
            let _ = replies.send(r);
        }
    };
    loop {
        let request = match requests.recv_timeout(Duration::from_secs(1)) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => {
                send(worker.save());
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        // Of several learning requests waiting, only the newest matters.
        let mut request = request;
        while let Ok(next) = requests.try_recv() {
            let both_learn = matches!((&request, &next), (Request::Learn { .. }, Request::Learn { .. }))
                || matches!((&request, &next), (Request::LearnClaims { .. }, Request::LearnClaims { .. }));
            if !both_learn {
                send(worker.handle(request));
            }
            request = next;
        }
        send(worker.handle(request));
        ctx.request_repaint();
    }
    send(worker.save());
}

/// What the window says about something the engines report.
pub(crate) fn describe(notice: &Notice) -> String {
    match notice {
        Notice::NoEntityModel(e) => {
            format!("The shipped entity model could not be loaded ({e}); entities come from the rules only")
        }
        Notice::NoClaimModels(e) => format!("The claim models could not be loaded ({e}); no claims"),
        Notice::LearnedUnreadable(e) => {
            format!("{e}; the shipped model is used instead (the file was left as it is)")
        }
        Notice::LearnedUnsaved { path, error } => {
            format!("The learned model could not be saved to {}: {error}; it stays in memory", path.display())
        }
        Notice::Reset => "The learned models were reset to the shipped ones".into(),
    }
}
