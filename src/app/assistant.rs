//! The assistant: one background thread that suggests and learns, so the window never waits for it.
//!
//! It owns the rule engine, the claim engine and a [`Learner`] (the project model: the shipped tagger plus everything the
//! analyst taught it). The window sends it a document to suggest on when one is opened, and the
//! document's spans after every decision; it learns, re-tags the document and sends back fresh
//! suggestions; the same for claims. The learned entity model is kept per folder, in
//! `<folder>/.marginalia/learned-model.mgner`, written when the assistant has been idle for a
//! moment; what is learned of claims stays in the document it was learned in
//! (`claims::online` says why); the shipped models are never changed.

use crate::annotation::{Claim, Span};
use crate::claims::{ClaimSuggester, ClaimSuggestion};
use crate::doc::Document;
use crate::ner::model::Model;
use crate::ner::online::Learner;
use crate::session::Serial;
use crate::suggest::rules::RuleSuggester;
use crate::suggest::{Suggester, Suggestion, resolve_overlaps};
use crate::workspace::{learned_model_path, load_learned};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

pub(crate) enum Request {
    /// Work in this folder from now on (loads its learned model, saving the previous one).
    Bind(Option<PathBuf>),
    /// First suggestions for a newly opened document.
    Suggest { generation: u64, doc: Arc<Document> },
    /// Learn from the document's spans after the analyst's action `after`, then re-suggest on it.
    Learn { generation: u64, after: Serial, doc: Arc<Document>, spans: Vec<Span> },
    /// Learn from the document's claims after action `after`, then suggest its claims again.
    LearnClaims { generation: u64, after: Serial, doc: Arc<Document>, claims: Vec<Claim> },
    /// Forget what was learned in this folder; then suggest on `doc` (the open one) with the shipped models.
    Reset { generation: u64, doc: Option<Arc<Document>> },
}

pub(crate) enum Reply {
    /// All engines' suggestions for a newly opened document: entities, and claims (whose pronoun
    /// claimants were resolved against those entities).
    Initial { generation: u64, suggestions: Vec<Suggestion>, claims: Vec<ClaimSuggestion> },
    /// The learned model's suggestions after learning from action `after`.
    Refreshed { generation: u64, after: Serial, suggestions: Vec<Suggestion>, sentences: usize, took: Duration },
    /// The claim model's suggestions after learning from action `after`.
    ClaimsRefreshed { generation: u64, after: Serial, claims: Vec<ClaimSuggestion>, sentences: usize, took: Duration },
    /// The shipped models' suggestions for the open document, after a reset.
    Reset { generation: u64, suggestions: Vec<Suggestion>, claims: Vec<ClaimSuggestion> },
    /// Something the user should know (a model that could not be loaded or saved, a reset).
    Notice(String),
}

/// The engine id of the learned model's suggestions (they are the ones a refresh replaces).
pub const LEARNED_ENGINE: &str = "ner/";

pub struct Assistant {
    /// `None` once shutting down.
    tx: Option<Sender<Request>>,
    rx: Receiver<Reply>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Assistant {
    pub fn start(ctx: eframe::egui::Context) -> Self {
        let (tx, requests) = channel();
        let (replies, rx) = channel();
        let thread = std::thread::Builder::new()
            .name("marginalia-assistant".into())
            .spawn(move || {
                let (worker, notices) = Worker::new();
                for n in notices {
                    let _ = replies.send(n);
                }
                worker.run(requests, replies, ctx)
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

/// The engines and what they learned, answering one request at a time; [`Assistant`] runs one on
/// its own thread, and tests drive one directly.
pub(crate) struct Worker {
    rules: RuleSuggester,
    /// `None` when the shipped claim models could not be loaded (reported once, at start).
    claims: Option<ClaimSuggester>,
    learner: Learner,
    folder: Option<PathBuf>,
    /// Learned since the last write to disk.
    unsaved: bool,
}

fn shipped() -> Model {
    crate::ner::Tagger::shipped()
        .map(|t| (*t.model).clone())
        .unwrap_or_else(|_| Model::new(crate::ner::tags::TagSet::conll()))
}

impl Worker {
    /// The shipped engines, and what the user should know if some could not be loaded.
    pub(crate) fn new() -> (Self, Vec<Reply>) {
        let mut notices = Vec::new();
        let claims = ClaimSuggester::shipped()
            .map_err(|e| notices.push(Reply::Notice(format!("The claim models could not be loaded ({e}); no claims"))))
            .ok();
        let worker = Self {
            rules: RuleSuggester::default(),
            claims,
            learner: Learner::new(shipped()),
            folder: None,
            unsaved: false,
        };
        (worker, notices)
    }

    fn run(mut self, requests: Receiver<Request>, replies: Sender<Reply>, ctx: eframe::egui::Context) {
        let send = |out: Vec<Reply>| {
            for r in out {
                let _ = replies.send(r);
            }
        };
        loop {
            let request = match requests.recv_timeout(Duration::from_secs(1)) {
                Ok(r) => r,
                Err(RecvTimeoutError::Timeout) => {
                    send(self.save());
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
                    send(self.handle(request));
                }
                request = next;
            }
            send(self.handle(request));
            ctx.request_repaint();
        }
        send(self.save());
    }

    /// Every engine's suggestions for a document: entities, then claims resolved against them.
    fn suggest(&self, doc: &Document) -> (Vec<Suggestion>, Vec<ClaimSuggestion>) {
        let mut all = self.learner.suggest(doc);
        all.extend(self.rules.suggest(doc));
        let suggestions = resolve_overlaps(all);
        let claims = self.claims.as_ref().map(|c| c.suggest(doc, &suggestions)).unwrap_or_default();
        (suggestions, claims)
    }

    pub(crate) fn handle(&mut self, request: Request) -> Vec<Reply> {
        let mut out = Vec::new();
        match request {
            Request::Bind(folder) => {
                if folder != self.folder {
                    out.extend(self.save());
                    self.folder = folder;
                    let has_learned = self.folder.as_deref().map(learned_model_path).is_some_and(|p| p.exists());
                    if has_learned || self.learner.updates > 0 {
                        let model = self.load().unwrap_or_else(|why| {
                            out.push(Reply::Notice(why));
                            shipped()
                        });
                        self.learner = Learner::new(model);
                    }
                }
            }
            Request::Suggest { generation, doc } => {
                let (suggestions, claims) = self.suggest(&doc);
                out.push(Reply::Initial { generation, suggestions, claims });
            }
            Request::Learn { generation, after, doc, spans } => {
                let started = Instant::now();
                let learned = self.learner.learn(&doc, &spans);
                // Even a step with no update may have learned names.
                self.unsaved |= learned.sentences > 0;
                let suggestions = self.learner.suggest(&doc);
                let (sentences, took) = (learned.sentences, started.elapsed());
                out.push(Reply::Refreshed { generation, after, suggestions, sentences, took });
            }
            Request::LearnClaims { generation, after, doc, claims } => {
                let started = Instant::now();
                let Some(engine) = self.claims.as_mut() else { return out };
                let sentences = engine.learn(&doc, &claims);
                let mut entities = self.learner.suggest(&doc);
                entities.extend(self.rules.suggest(&doc));
                let claims = engine.suggest(&doc, &resolve_overlaps(entities));
                out.push(Reply::ClaimsRefreshed { generation, after, claims, sentences, took: started.elapsed() });
            }
            Request::Reset { generation, doc } => {
                self.learner = Learner::new(shipped());
                self.claims = ClaimSuggester::shipped().ok();
                self.unsaved = false;
                if let Some(folder) = &self.folder {
                    let _ = std::fs::remove_file(learned_model_path(folder));
                }
                match doc {
                    Some(doc) => {
                        let (suggestions, claims) = self.suggest(&doc);
                        out.push(Reply::Reset { generation, suggestions, claims });
                    }
                    None => out.push(Reply::Notice("The learned models were reset to the shipped ones".into())),
                }
            }
        }
        out
    }

    /// The folder's learned model, or the shipped one if it has none; an error names a learned model
    /// that could not be read (it is left as it is).
    fn load(&self) -> Result<Model, String> {
        let learned = self.folder.as_deref().map(|f| load_learned(&learned_model_path(f))).transpose()?.flatten();
        Ok(learned.unwrap_or_else(shipped))
    }

    /// Writes what was learned to the folder's `.marginalia` (when something was).
    fn save(&mut self) -> Vec<Reply> {
        let mut out = Vec::new();
        if !self.unsaved {
            return out;
        }
        self.unsaved = false;
        let Some(folder) = self.folder.clone() else { return out };
        let path = learned_model_path(&folder);
        let written =
            path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| self.learner.model().save(&path));
        if let Err(e) = written {
            out.push(Reply::Notice(format!(
                "The learned model could not be saved to {}: {e}; it stays in memory",
                path.display()
            )));
        }
        out
    }
}
