//! Automatic saves, written by a background thread so that the window never waits for the disk.
//!
//! The UI thread hands over a snapshot (the shared document and a copy of the annotations); the
//! thread serializes it and writes it atomically, and reports back which revision is now on disk.
//! If several snapshots queue up while the disk is slow, only the newest is written.

use crate::annotation::Annotations;
use crate::doc::Document;
use crate::store::{self, SaveError};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

pub struct Snapshot {
    /// Which open document this belongs to (a new one is opened: old results are ignored).
    pub generation: u64,
    pub revision: u64,
    pub path: PathBuf,
    pub source: Option<PathBuf>,
    pub doc: Arc<Document>,
    pub annotations: Annotations,
}

pub struct Saved {
    pub generation: u64,
    pub revision: u64,
    pub result: Result<(), SaveError>,
}

pub struct Saver {
    tx: Sender<Snapshot>,
    rx: Receiver<Saved>,
    /// Revision being written, if any.
    in_flight: Option<u64>,
}

impl Saver {
    pub fn new(ctx: eframe::egui::Context) -> Self {
        let (tx, jobs) = channel::<Snapshot>();
        let (done, rx) = channel();
        std::thread::Builder::new()
            .name("marginalia-saver".into())
            .spawn(move || {
                while let Ok(mut job) = jobs.recv() {
                    while let Ok(newer) = jobs.try_recv() {
                        job = newer;
                    }
                    let result = store::save(&job.path, &job.doc, &job.annotations, job.source.as_deref());
                    if done.send(Saved { generation: job.generation, revision: job.revision, result }).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            })
            .ok();
        Self { tx, rx, in_flight: None }
    }

    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Hands a snapshot to the thread. Returns false if the thread is gone (the caller saves itself).
    pub fn submit(&mut self, snapshot: Snapshot) -> bool {
        let revision = snapshot.revision;
        let sent = self.tx.send(snapshot).is_ok();
        if sent {
            self.in_flight = Some(revision);
        }
        sent
    }

    /// Waits for the save being written, if any (before writing the same file from the UI thread).
    pub fn wait(&mut self) -> Option<Saved> {
        self.in_flight?;
        self.in_flight = None;
        self.rx.recv().ok()
    }

    /// The outcome of the last save, once it is done.
    pub fn poll(&mut self) -> Option<Saved> {
        match self.rx.try_recv() {
            Ok(saved) => {
                if self.in_flight == Some(saved.revision) {
                    self.in_flight = None;
                }
                Some(saved)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.in_flight = None;
                None
            }
        }
    }
}
