//! Automatic saves, written by a background thread so that the window never waits for the disk.
//!
//! The UI thread hands over a snapshot (the shared document, a copy of the annotations, what the file
//! was when last seen, and where the analyst is); the thread writes the annotations — only if the file
//! is still the one last seen (see [`store::disk`]) — and the position beside them, and reports back
//! which revision is now on disk and what the file is now. One snapshot is written at a time; the
//! window waits for it before it moves the document elsewhere.

use crate::annotation::Annotations;
use crate::doc::Document;
use crate::store::disk::OnDisk;
use crate::store::resume::{self, Position};
use crate::store::{self, SaveError};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// The annotations to write, when they changed.
pub struct Work {
    pub revision: u64,
    pub source: Option<PathBuf>,
    pub doc: Arc<Document>,
    pub annotations: Annotations,
    /// What the file was when last read or written: it is written only if it still is.
    pub expected: OnDisk,
}

pub struct Snapshot {
    /// Which open document this belongs to (a new one is opened: old results are ignored).
    pub generation: u64,
    pub path: PathBuf,
    pub work: Option<Work>,
    pub position: Position,
}

pub struct Saved {
    pub generation: u64,
    /// The annotation file written to (the document may have moved since: then this is not news).
    pub path: PathBuf,
    /// The revision written and what the file is now, or why it was not written.
    pub work: Option<(u64, Result<OnDisk, SaveError>)>,
    /// The position written beside the annotations (a position that cannot be written is not an
    /// error worth interrupting anyone for: it is remembered in the settings too).
    pub position: Option<Position>,
}

/// Writes a snapshot (on whichever thread calls it).
pub fn write(snapshot: Snapshot) -> Saved {
    let work = snapshot.work.map(|w| {
        let result = store::disk::save(&snapshot.path, &w.doc, &w.annotations, w.source.as_deref(), &w.expected);
        (w.revision, result)
    });
    let position = resume::write(&snapshot.path, snapshot.position).ok().map(|()| snapshot.position);
    Saved { generation: snapshot.generation, path: snapshot.path, work, position }
}

pub struct Saver {
    tx: Sender<Snapshot>,
    rx: Receiver<Saved>,
    busy: bool,
}

impl Saver {
    pub fn new(ctx: eframe::egui::Context) -> Self {
        let (tx, jobs) = channel::<Snapshot>();
        let (done, rx) = channel();
        std::thread::Builder::new()
            .name("marginalia-saver".into())
            .spawn(move || {
                // One job at a time: the window hands over the next only once this one is reported.
                while let Ok(job) = jobs.recv() {
                    if done.send(write(job)).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            })
            .ok();
        Self { tx, rx, busy: false }
    }

    pub fn is_busy(&self) -> bool {
        self.busy
    }

    /// Hands a snapshot to the thread. Gives it back if the thread is gone (the caller saves itself).
    pub fn submit(&mut self, snapshot: Snapshot) -> Result<(), Box<Snapshot>> {
        self.tx.send(snapshot).map_err(|e| Box::new(e.0))?;
        self.busy = true;
        Ok(())
    }

    /// Waits for the save being written, if any (before writing the same file from the UI thread).
    pub fn wait(&mut self) -> Option<Saved> {
        if !self.busy {
            return None;
        }
        self.busy = false;
        self.rx.recv().ok()
    }

    /// The outcome of the save being written, once it is done.
    pub fn poll(&mut self) -> Option<Saved> {
        match self.rx.try_recv() {
            Ok(saved) => {
                self.busy = false;
                Some(saved)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.busy = false;
                None
            }
        }
    }
}
