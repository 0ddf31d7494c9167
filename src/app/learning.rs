//! The window's side of the assistant: what it is asked (suggest on a document just opened, learn
//! from a decision, forget what was learned), and what its replies change in the open document.
//! Every [`Request`] the window sends is built here.

use super::App;
use super::assistant::{self, Reply, Request};
use crate::command::keys::Writing;
use crate::session::Session;
use eframe::egui;
use std::path::PathBuf;

impl App {
    /// A document was opened: the assistant works in its folder, and suggests on it if it needs it.
    pub(super) fn suggest_on_opened(&mut self, ctx: &egui::Context, folder: Option<PathBuf>, needs_suggestions: bool) {
        self.services.assistant(ctx).send(Request::Bind(folder));
        self.doc.suggesting = needs_suggestions;
        if needs_suggestions && let Some(s) = &self.doc.session {
            let request = Request::Suggest {
                generation: self.doc.generation,
                doc: s.shared_doc(),
                entities: s.annotations().spans().to_vec(),
            };
            self.services.assistant(ctx).send(request);
        }
    }

    /// Edit > Reset learned suggestions.
    pub(super) fn reset_learned(&mut self, ctx: &egui::Context) {
        if self.curated_open() {
            self.status = Some(
                "Not reset: a curated version under review holds the analysts' work only, no machine suggestions"
                    .into(),
            );
            return;
        }
        let doc = self.doc.session.as_ref().map(Session::shared_doc);
        let entities = self.doc.session.as_ref().map(|s| s.annotations().spans().to_vec()).unwrap_or_default();
        let generation = self.doc.generation;
        self.services.assistant(ctx).send(Request::Reset { generation, doc, entities });
    }

    /// Hands the open document's spans to the assistant to learn from its last action.
    pub(super) fn learn_from_session(&mut self, ctx: &egui::Context) {
        let Some(s) = &self.doc.session else { return };
        let Some(after) = s.last_action() else { return };
        let request = Request::Learn {
            generation: self.doc.generation,
            after,
            doc: s.shared_doc(),
            spans: s.spans_near_last_change(),
        };
        self.services.assistant(ctx).send(request);
    }

    /// Hands the open document's claims to the assistant to learn from its last action.
    pub(super) fn learn_claims_from_session(&mut self, ctx: &egui::Context) {
        let Some(s) = &self.doc.session else { return };
        let Some(after) = s.last_action() else { return };
        let claims = s.annotations().claims.all().to_vec();
        let entities = s.annotations().spans().to_vec();
        let request =
            Request::LearnClaims { generation: self.doc.generation, after, doc: s.shared_doc(), claims, entities };
        self.services.assistant(ctx).send(request);
    }

    /// Takes in what the assistant sent since the last frame.
    pub(super) fn poll_assistant(&mut self, ctx: &egui::Context) {
        while let Some(reply) = self.services.started_assistant().and_then(assistant::Assistant::poll) {
            self.assistant_replied(ctx, reply);
        }
    }

    fn assistant_replied(&mut self, ctx: &egui::Context, reply: Reply) {
        let generation_now = self.doc.generation;
        match reply {
            Reply::Initial { generation, suggestions, claims } if generation == generation_now => {
                self.doc.suggesting = false;
                if let Some(s) = &mut self.doc.session {
                    if s.can_undo() || s.can_redo() {
                        s.start_from_here();
                    }
                    let n = s.add_suggestions(suggestions);
                    let c = s.add_claim_suggestions(claims);
                    self.status = Some(format!("{n} suggestions, {c} claims"));
                }
            }
            Reply::Refreshed { generation, after, engine, suggestions, sentences, took }
                if generation == generation_now =>
            {
                // `None`: the action was undone meanwhile, and what the undo brought back stays.
                if let Some(r) =
                    self.doc.session.as_mut().and_then(|s| s.refresh_suggestions(after, engine, suggestions))
                {
                    self.status = Some(format!(
                        "Learned from {sentences} sentence(s) in {:.0} ms; suggestions: {} new, {} withdrawn",
                        took.as_secs_f64() * 1e3,
                        r.added,
                        r.withdrawn
                    ));
                }
            }
            Reply::ClaimsRefreshed { generation, after, claims, sentences, took } if generation == generation_now => {
                if let Some(r) = self.doc.session.as_mut().and_then(|s| s.refresh_claim_suggestions(after, claims)) {
                    self.status = Some(format!(
                        "Learned claims from {sentences} sentence(s) in {:.0} ms; claims: {} new, {} withdrawn",
                        took.as_secs_f64() * 1e3,
                        r.added,
                        r.withdrawn
                    ));
                }
            }
            Reply::Reset { generation, suggestions, claims } if generation == generation_now => {
                if let Some(s) = &mut self.doc.session {
                    let (spans, claims) = s.reset_suggestions(suggestions, claims);
                    let undo = crate::command::Action::Undo.shortcut_text(Writing::of(ctx));
                    self.status = Some(format!(
                        "Learned suggestions reset to the shipped models': {} new, {} withdrawn; claims: {} new, {} withdrawn ({} undoes it)",
                        spans.added,
                        spans.withdrawn,
                        claims.added,
                        claims.withdrawn,
                        undo.unwrap_or_default()
                    ));
                }
            }
            Reply::Notice(notice) => self.status = Some(assistant::describe(&notice)),
            // For a document no longer open.
            Reply::Initial { .. } | Reply::Refreshed { .. } | Reply::ClaimsRefreshed { .. } | Reply::Reset { .. } => {}
        }
    }
}
