//! Suggesting and learning for the window, one request at a time: the window's assistant runs a
//! [`Worker`] on a thread of its own (`app::assistant`), and tests drive one directly.
//!
//! It owns the engines and what they learned: the entity tagger learns from every decision and is
//! kept per folder ([`super::learned`]), written when [`Worker::save`] is called (the assistant does
//! when idle); what is learned of claims stays in the document it was learned in (`claims::online`
//! says why); the shipped models are never changed.
//!
//! Requests that suggest claims carry the session's entity spans, so that claims are resolved against
//! the entities as the analyst left them. `A` is the window's name for the action a learning request
//! follows (its undo serial), handed back with the reply.

use super::component::{Component, Example, Trainable};
use super::{EngineSet, Engines, Notice, learned};
use crate::annotation::{Claim, Span};
use crate::claims::ClaimSuggestion;
use crate::doc::Document;
use crate::suggest::{Engine, Suggestion};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub enum Request<A> {
    /// Work in this folder from now on (loads its learned model, saving the previous one).
    Bind(Option<PathBuf>),
    /// First suggestions for a newly opened document, whose session holds `entities`.
    Suggest { generation: u64, doc: Arc<Document>, entities: Vec<Span> },
    /// Learn from the document's spans after the analyst's action `after`, then re-suggest on it.
    Learn { generation: u64, after: A, doc: Arc<Document>, spans: Vec<Span> },
    /// Learn from the document's claims after action `after`, then suggest its claims again (against
    /// the session's `entities`).
    LearnClaims { generation: u64, after: A, doc: Arc<Document>, claims: Vec<Claim>, entities: Vec<Span> },
    /// Forget what was learned in this folder; then suggest on `doc` (the open one, whose session holds
    /// `entities`) with the shipped models.
    Reset { generation: u64, doc: Option<Arc<Document>>, entities: Vec<Span> },
}

pub enum Reply<A> {
    /// All engines' suggestions for a newly opened document: entities, and claims (whose claimants
    /// were resolved against the entities as they stand).
    Initial { generation: u64, suggestions: Vec<Suggestion>, claims: Vec<ClaimSuggestion> },
    /// The learning engine's suggestions after learning from action `after`: they replace its own.
    Refreshed {
        generation: u64,
        after: A,
        engine: Engine,
        suggestions: Vec<Suggestion>,
        sentences: usize,
        took: Duration,
    },
    /// The claim model's suggestions after learning from action `after`.
    ClaimsRefreshed { generation: u64, after: A, claims: Vec<ClaimSuggestion>, sentences: usize, took: Duration },
    /// The shipped models' suggestions for the open document, after a reset.
    Reset { generation: u64, suggestions: Vec<Suggestion>, claims: Vec<ClaimSuggestion> },
    /// Something the user should know (a model that could not be loaded or saved, a reset).
    Notice(Notice),
}

/// The engines and what they learned, answering one request at a time.
pub struct Worker {
    engines: Engines,
    /// Where its engines came from (a reset starts from there again).
    start: EngineSet,
    folder: Option<PathBuf>,
    /// Learned since the last write to disk.
    unsaved: bool,
}

/// The spans a fresh suggestion keeps: the decided ones (pending ones are what it replaces).
fn decided(spans: Vec<Span>) -> Vec<Span> {
    spans.into_iter().filter(|s| !s.is_pending()).collect()
}

impl Worker {
    /// The shipped engines, and what the user should know if some could not be loaded.
    pub fn new() -> (Self, Vec<Notice>) {
        Self::of(Engines::shipped)
    }

    /// The engines `start` gives, and what the user should know if some could not be loaded.
    pub fn of(start: EngineSet) -> (Self, Vec<Notice>) {
        let (engines, notices) = start();
        (Self { engines, start, folder: None, unsaved: false }, notices)
    }

    pub fn handle<A>(&mut self, request: Request<A>) -> Vec<Reply<A>> {
        let mut out = Vec::new();
        match request {
            Request::Bind(folder) => {
                if folder != self.folder {
                    out.extend(self.save());
                    self.folder = folder;
                    let has_learned = self.folder.as_deref().is_some_and(|f| learned::path(f).exists());
                    let has_learned_here = self.engines.tagger.as_ref().is_some_and(|t| t.updates > 0);
                    if has_learned || has_learned_here {
                        // What this folder learned, else the set's own tagger as it started.
                        let (fresh, notices) = match &self.folder {
                            Some(folder) => Engines::for_folder(self.start, folder),
                            None => (self.start)(),
                        };
                        self.engines.tagger = fresh.tagger;
                        out.extend(notices.into_iter().map(Reply::Notice));
                    }
                }
            }
            Request::Suggest { generation, doc, entities } => {
                let found = self.engines.predict(&doc, &decided(entities));
                out.push(Reply::Initial { generation, suggestions: found.entities, claims: found.claims });
            }
            Request::Learn { generation, after, doc, spans } => {
                let started = Instant::now();
                let Some(tagger) = self.engines.tagger.as_mut() else { return out };
                let learned = tagger.update(&[Example { doc: &doc, spans: &spans, claims: &[] }]);
                // Even a step with no update may have learned names.
                self.unsaved |= learned.sentences > 0;
                let (engine, suggestions) = (tagger.engine(), tagger.suggest(&doc));
                let (sentences, took) = (learned.sentences, started.elapsed());
                out.push(Reply::Refreshed { generation, after, engine, suggestions, sentences, took });
            }
            Request::LearnClaims { generation, after, doc, claims, entities } => {
                let started = Instant::now();
                let Some(engine) = self.engines.claims.as_mut() else { return out };
                let learned = engine.update(&[Example { doc: &doc, spans: &entities, claims: &claims }]);
                let claims = self.engines.predict(&doc, &entities).claims;
                let (sentences, took) = (learned.sentences, started.elapsed());
                out.push(Reply::ClaimsRefreshed { generation, after, claims, sentences, took });
            }
            Request::Reset { generation, doc, entities } => {
                let (engines, notices) = (self.start)();
                self.engines = engines;
                out.extend(notices.into_iter().map(Reply::Notice));
                self.unsaved = false;
                if let Some(folder) = &self.folder {
                    let _ = std::fs::remove_file(learned::path(folder));
                }
                match doc {
                    Some(doc) => {
                        let found = self.engines.predict(&doc, &decided(entities));
                        out.push(Reply::Reset { generation, suggestions: found.entities, claims: found.claims });
                    }
                    None => out.push(Reply::Notice(Notice::Reset)),
                }
            }
        }
        out
    }

    /// Writes what was learned to the folder's `.marginalia` (when something was).
    pub fn save<A>(&mut self) -> Vec<Reply<A>> {
        if !std::mem::take(&mut self.unsaved) {
            return Vec::new();
        }
        let (Some(folder), Some(tagger)) = (&self.folder, &self.engines.tagger) else { return Vec::new() };
        match learned::save(folder, tagger) {
            Ok(()) => Vec::new(),
            Err(error) => vec![Reply::Notice(Notice::LearnedUnsaved { path: learned::path(folder), error })],
        }
    }
}
