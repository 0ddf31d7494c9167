//! The invariants of `docs/INVARIANTS.md`, checked after every step of random sequences of what an
//! analyst and the machine do to a document: the real [`Session`], the real assistant's engines
//! learning and suggesting again ([`Worker`]), and the real store on disk.
//!
//! A step is an action the keymap offers (walk, accept, reject, relabel, nudge, accept every
//! mention, label a selection or every match of a search, the claims' walk and edits, undo, redo,
//! mark done, add or remove a label), or the machine's part: delivering a learning follow-up
//! (possibly late: after later actions, or after an undo), a reset of the learned models, a save and
//! reload, a change to the file by someone else.
//!
//! `cargo test` runs a few dozen sequences; `cargo test --release -- --ignored invariants` runs
//! many more, longer ones. What a step is and how sequences are drawn is in [`steps`]; here is the
//! world they run in and the checks.

mod steps;

use super::{Edit, Focus, QueueOrder, Serial, Session};
use crate::annotation::{Annotations, Claim, Claimant, Origin, Span};
use crate::doc::Document;
use crate::engines::worker::{Reply, Request, Worker};
use crate::store::disk::{self, OnDisk};
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use steps::{Step, also_changed, sequence, step_target, take_version};

const ARTICLE: &str = include_str!("../../../assets/samples/harbour-strike.txt");

/// The document under test, what is expected of its undo and redo, and what is on disk.
struct World {
    session: Session,
    worker: Worker,
    /// Learning requests sent and not answered yet, as the window sends them after each decision.
    waiting: Vec<Request<Serial>>,
    /// The annotations before each action that stands, and after each one undone (I2).
    undo_expect: Vec<Annotations>,
    redo_expect: Vec<Annotations>,
    seen: Option<Serial>,
    /// The annotations undoing everything gives back: as first suggested, or as last loaded.
    base: Annotations,
    path: PathBuf,
    disk: OnDisk,
    /// How many times someone else wrote the file.
    theirs: usize,
    _dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let article = dir.path().join("harbour-strike.txt");
        std::fs::write(&article, ARTICLE).expect("the article is written");
        // As the window opens an article that has no annotation file yet.
        let mut session = Session::new(Document::new(ARTICLE.to_string()), Annotations::default());
        session.article_path = Some(article.clone());
        session.save_path = Some(crate::store::annotation_path_for(&article));
        let (mut worker, _) = Worker::new();
        let doc = session.shared_doc();
        let entities = session.annotations().spans().to_vec();
        for reply in worker.handle(Request::<Serial>::Suggest { generation: 0, doc, entities }) {
            if let Reply::Initial { suggestions, claims, .. } = reply {
                session.add_suggestions(suggestions);
                session.add_claim_suggestions(claims);
            }
        }
        let path = session.save_path.clone().expect("an annotation file beside the article");
        World {
            base: session.annotations().clone(),
            session,
            worker,
            waiting: Vec::new(),
            undo_expect: Vec::new(),
            redo_expect: Vec::new(),
            seen: None,
            path,
            disk: OnDisk::Absent,
            theirs: 0,
            _dir: dir,
        }
    }

    fn doc(&self) -> Arc<Document> {
        self.session.shared_doc()
    }

    fn ann(&self) -> &Annotations {
        self.session.annotations()
    }

    /// Sends what the window sends after an edit that teaches.
    fn teach(&mut self, focus: Focus) {
        let Some(after) = self.session.last_action() else { return };
        let doc = self.doc();
        self.waiting.push(match focus {
            Focus::Claims => {
                let (claims, entities) = (self.ann().claims.all().to_vec(), self.ann().spans().to_vec());
                Request::LearnClaims { generation: 0, after, doc, claims, entities }
            }
            Focus::Entities => {
                Request::Learn { generation: 0, after, doc, spans: self.session.spans_near_last_change() }
            }
        });
    }

    fn nth_span(&self, k: usize) -> Option<crate::annotation::SpanId> {
        let spans = self.ann().spans();
        (!spans.is_empty()).then(|| spans[k % spans.len()].id)
    }

    /// The `k`-th label (wrapping), if the set has any (removing labels can empty it).
    fn nth_label(&self, k: usize) -> Option<String> {
        let labels = self.session.labels();
        let n = labels.iter().count();
        labels.iter().nth(k % n.max(1)).map(|l| l.name.clone())
    }

    fn nth_claim(&self, k: usize) -> Option<crate::annotation::ClaimId> {
        let claims = self.ann().claims.all();
        (!claims.is_empty()).then(|| claims[k % claims.len()].id)
    }

    fn tokens(&self, token: usize, len: usize) -> std::ops::Range<usize> {
        let doc = self.session.doc();
        let t = doc.tokens();
        let a = token % t.len();
        let b = (a + len).min(t.len()) - 1;
        t[a].range.start..t[b].range.end
    }

    fn edit(&mut self, edit: Edit) {
        let teaches = edit.teaches();
        let revision = self.session.revision();
        self.session.apply(edit);
        if teaches && self.session.revision() != revision {
            self.teach(self.session.focus());
        }
    }

    /// Runs one step and checks the invariants it bears on.
    fn run(&mut self, step: &Step) -> Result<(), TestCaseError> {
        let before = self.ann().clone();
        let decided = decided(&before);
        // The item the keyboard's actions are about: the current span, or the current claim.
        let on_claims = self.session.focus() == Focus::Claims;
        let (current, current_claim) = (self.session.current_id(), self.session.current_claim().map(|c| c.id));
        let (current, current_claim) = match step {
            s if s.on_current_item() && on_claims => (None, current_claim),
            s if s.on_current_item() => (current, None),
            Step::Relabel(_) | Step::AcceptAll => (current, None),
            Step::SetClaimant(_) | Step::SetCue(_) | Step::Worth(_) => (None, current_claim),
            _ => (current, current_claim),
        };
        let can = (self.session.can_undo(), self.session.can_redo());
        match step {
            Step::Next => self.edit(Edit::NextPending),
            Step::Prev => self.edit(Edit::PrevPending),
            Step::ByScore(on) => {
                self.session.set_queue_order(if *on { QueueOrder::LowestScore } else { QueueOrder::Document })
            }
            Step::Select(k) => {
                if let Some(id) = self.nth_span(*k) {
                    self.edit(Edit::Select(id));
                }
            }
            Step::SelectSameWords(k) => {
                if let Some(cur) = self.session.current() {
                    let doc = self.session.doc();
                    let words = &doc.text()[cur.range.clone()];
                    let same: Vec<_> = self
                        .ann()
                        .spans()
                        .iter()
                        .filter(|s| &doc.text()[s.range.clone()] == words)
                        .map(|s| s.id)
                        .collect();
                    let id = same[k % same.len()];
                    self.edit(Edit::Select(id));
                }
            }
            Step::Accept => self.edit(Edit::Accept),
            Step::Reject => self.edit(Edit::Reject),
            Step::Relabel(k) => {
                if let Some(label) = self.nth_label(*k) {
                    self.edit(Edit::Relabel(label));
                }
            }
            Step::Grow => self.edit(Edit::GrowEnd),
            Step::Shrink => self.edit(Edit::ShrinkEnd),
            Step::GrowStart => self.edit(Edit::GrowStart),
            Step::ShrinkStart => self.edit(Edit::ShrinkStart),
            Step::MoveLeft => self.edit(Edit::MoveLeft),
            Step::MoveRight => self.edit(Edit::MoveRight),
            Step::AcceptAll => self.edit(Edit::AcceptAllMentions),
            Step::Delete(k) => {
                if let Some(id) = self.nth_span(*k) {
                    self.edit(Edit::Delete(id));
                }
            }
            Step::Label { token, len, label } => {
                if let Some(label) = self.nth_label(*label) {
                    let range = self.tokens(*token, *len);
                    self.edit(Edit::Create { range, label });
                }
            }
            Step::LabelMatches { token, label } => self.label_matches(*token, *label),
            Step::NextClaim => self.edit(Edit::NextClaim),
            Step::PrevClaim => self.edit(Edit::PrevClaim),
            Step::SelectClaim(k) => {
                if let Some(id) = self.nth_claim(*k) {
                    self.edit(Edit::SelectClaim(id));
                }
            }
            Step::SetClaimant(k) => {
                let claimant = k.and_then(|k| self.nth_span(k)).and_then(|id| {
                    let s = self.ann().get(id)?;
                    Some(Claimant { range: s.range.clone(), entity: Some(id) })
                });
                if self.session.current_claim().is_some() {
                    self.edit(Edit::SetClaimant(claimant));
                }
            }
            Step::SetCue(cue) => {
                let cue = cue.map(|(token, len)| self.tokens(token, len));
                self.edit(Edit::SetCue(cue));
            }
            Step::Worth(by_hand) => self.edit(Edit::SetCheckworthy(*by_hand)),
            Step::MakeClaim { token, len } => {
                let content = self.tokens(*token, *len);
                self.edit(Edit::CreateClaim { content, claimant: None });
            }
            Step::DeleteClaim(k) => {
                if let Some(id) = self.nth_claim(*k) {
                    self.edit(Edit::DeleteClaim(id));
                }
            }
            Step::MarkDone(done) => self.edit(Edit::MarkDone(*done)),
            Step::TakeVersion { at, claims } => self.edit(take_version(&before, *at, *claims)),
            Step::AddLabel => {
                let mut labels = self.session.labels().clone();
                labels.add("WEAPON");
                self.edit(Edit::SetLabels(labels));
            }
            Step::RemoveLabel(k) => {
                if let Some(name) = self.nth_label(*k) {
                    let mut labels = self.session.labels().clone();
                    labels.remove(&name);
                    self.edit(Edit::SetLabels(labels));
                }
            }
            Step::Undo => self.edit(Edit::Undo),
            Step::Redo => self.edit(Edit::Redo),
            Step::Deliver(oldest) => return self.deliver(*oldest, &before),
            Step::Reset => return self.reset(&before),
            Step::SaveReload => return self.save_reload(),
            Step::TheirsOnDisk => return self.theirs_on_disk(),
        }
        // The analyst's action changes at most the item it is about (or, for undo and redo, what
        // they bring back).
        let after = decided_after(self.ann(), &decided);
        let labelled = match step {
            Step::Label { token, len, .. } => {
                let range = self.tokens(*token, *len);
                before.spans().iter().find(|s| s.range == range).map(|s| s.id.0)
            }
            _ => None,
        };
        let target = step_target(step, &before);
        let naming = also_changed(step, target, &before);
        let targets: Vec<Option<u64>> = [current.map(|i| i.0), current_claim.map(|c| c.0), target, labelled]
            .into_iter()
            .chain(naming.into_iter().map(Some))
            .collect();
        if !matches!(step, Step::Undo | Step::Redo) {
            for id in after {
                prop_assert!(targets.contains(&Some(id)), "{step:?} changed the decided item {id}");
            }
        }
        self.check_history(step, &before, can)
    }

    /// I2: an undo gives back exactly the annotations before the action it undoes, a redo exactly
    /// those after it; a new action forgets what could be redone.
    fn check_history(&mut self, step: &Step, before: &Annotations, can: (bool, bool)) -> Result<(), TestCaseError> {
        let now = self.session.last_action();
        match step {
            Step::Undo if can.0 => {
                let expected = self.undo_expect.pop();
                prop_assert!(expected.as_ref() == Some(self.ann()), "undo did not give back what was there");
                self.redo_expect.push(before.clone());
            }
            Step::Redo if can.1 => {
                let expected = self.redo_expect.pop();
                prop_assert!(expected.as_ref() == Some(self.ann()), "redo did not give back what was there");
                self.undo_expect.push(before.clone());
            }
            Step::Undo | Step::Redo => {
                prop_assert!(before == self.ann(), "an undo or redo with nothing to do changed something")
            }
            _ if now != self.seen && now.is_some() => {
                self.undo_expect.push(before.clone());
                self.redo_expect.clear();
            }
            _ => prop_assert!(before == self.ann(), "{step:?} changed the annotations without an undo entry"),
        }
        self.seen = now;
        Ok(())
    }

    /// The machine's follow-up to a decision: it may withdraw and add pending suggestions only (I1).
    fn deliver(&mut self, oldest: bool, before: &Annotations) -> Result<(), TestCaseError> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        let request = if oldest { self.waiting.remove(0) } else { self.waiting.pop().expect("not empty") };
        for reply in self.worker.handle(request) {
            match reply {
                Reply::Refreshed { after, engine, suggestions, .. } => {
                    self.session.refresh_suggestions(after, engine, suggestions);
                }
                Reply::ClaimsRefreshed { after, claims, .. } => {
                    self.session.refresh_claim_suggestions(after, claims);
                }
                _ => {}
            }
        }
        machine_only(before, self.ann())?;
        // The follow-up is part of the last action: undoing that gives back what was there before it.
        self.seen = self.session.last_action();
        Ok(())
    }

    /// I3: after a reset the pending suggestions are those of opening the document afresh with the
    /// shipped models (but over decided items, and for the spans decided claims name).
    fn reset(&mut self, before: &Annotations) -> Result<(), TestCaseError> {
        let (doc, entities) = (self.doc(), self.ann().spans().to_vec());
        // Claims are resolved against the entities the analyst decided, fresh or after a reset.
        let fresh = Worker::new().0.handle(Request::<Serial>::Suggest {
            generation: 0,
            doc: doc.clone(),
            entities: entities.clone(),
        });
        let Some(Reply::Initial { suggestions, claims, .. }) = fresh.into_iter().next() else {
            return Err(TestCaseError::fail("no first suggestions"));
        };
        for reply in self.worker.handle(Request::<Serial>::Reset { generation: 0, doc: Some(doc), entities }) {
            if let Reply::Reset { suggestions, claims, .. } = reply {
                self.session.reset_suggestions(suggestions, claims);
            }
        }
        self.waiting.clear();
        machine_only(before, self.ann())?;
        let ann = self.ann();
        let linked: Vec<&Span> = {
            let names: Vec<_> = ann
                .claims
                .all()
                .iter()
                .filter(|c| !c.is_pending())
                .filter_map(|c| c.claimant.as_ref()?.entity)
                .collect();
            ann.spans().iter().filter(|s| s.is_pending() && names.contains(&s.id)).collect()
        };
        let blocking: Vec<std::ops::Range<usize>> = ann
            .spans()
            .iter()
            .filter(|s| !s.is_pending())
            .map(|s| s.range.clone())
            .chain(linked.iter().map(|s| s.range.clone()))
            .collect();
        let mut expected: Vec<_> = suggestions
            .iter()
            .filter(|n| !blocking.iter().any(|b| b.start < n.range.end && n.range.start < b.end))
            .map(|n| (n.range.clone(), n.label.clone(), n.source.clone(), n.score))
            .chain(linked.iter().map(|s| (s.range.clone(), s.label.clone(), engine_of(s), score_of(s))))
            .collect();
        let mut pending: Vec<_> = ann
            .spans()
            .iter()
            .filter(|s| s.is_pending())
            .map(|s| (s.range.clone(), s.label.clone(), engine_of(s), score_of(s)))
            .collect();
        let order = |a: &(std::ops::Range<usize>, String, String, f32)| (a.0.start, a.0.end);
        expected.sort_by_key(order);
        pending.sort_by_key(order);
        prop_assert_eq!(pending, expected, "after a reset, the pending spans are the shipped models'");
        let mut taken: Vec<std::ops::Range<usize>> =
            ann.claims.all().iter().filter(|c| !c.is_pending()).map(|c| c.content.clone()).collect();
        let mut expected_claims = Vec::new();
        for c in claims {
            if !taken.iter().any(|t| t.start < c.content.end && c.content.start < t.end) {
                taken.push(c.content.clone());
                expected_claims.push((c.content, c.cue, c.claimant.map(|w| w.range)));
            }
        }
        let pending_claims: Vec<_> = ann
            .claims
            .all()
            .iter()
            .filter(|c| c.is_pending())
            .map(|c| (c.content.clone(), c.cue.clone(), c.claimant.as_ref().map(|w| w.range.clone())))
            .collect();
        expected_claims.sort_by_key(|c| c.0.start);
        prop_assert_eq!(pending_claims, expected_claims, "after a reset, the pending claims are the shipped models'");
        let now = self.session.last_action();
        if now != self.seen {
            self.undo_expect.push(before.clone());
            self.redo_expect.clear();
            self.seen = now;
        }
        Ok(())
    }

    /// I6 and I5: what is saved loads back exactly, and a save never replaces a file that changed.
    fn save_reload(&mut self) -> Result<(), TestCaseError> {
        let s = &self.session;
        let saved = disk::save(&self.path, s.doc(), s.annotations(), s.article_path.as_deref(), &self.disk);
        self.disk = match saved {
            Ok(d) => d,
            Err(e) => return Err(TestCaseError::fail(format!("the save failed: {e}"))),
        };
        let (loaded, disk) = match disk::load(&self.path) {
            Ok(l) => l,
            Err(e) => return Err(TestCaseError::fail(format!("what was saved does not load: {e}"))),
        };
        prop_assert!(&loaded.annotations == self.ann(), "what was saved is not what loads");
        prop_assert_eq!(loaded.doc.text(), self.session.doc().text());
        let position = self.session.position();
        let mut session = Session::new(loaded.doc, loaded.annotations);
        session.save_path = Some(self.path.clone());
        session.article_path = self.session.article_path.clone();
        session.resume(position);
        self.session = session;
        self.disk = disk;
        self.forget_history();
        Ok(())
    }

    /// A document loaded again starts a new history.
    fn forget_history(&mut self) {
        self.waiting.clear();
        self.undo_expect.clear();
        self.redo_expect.clear();
        self.seen = None;
        self.base = self.ann().clone();
    }

    /// Someone else writes the file (a colleague's version from a `git pull`): the next save refuses
    /// and leaves theirs as it is; the window's version goes to a copy beside it, which loads.
    fn theirs_on_disk(&mut self) -> Result<(), TestCaseError> {
        // Always another version than what is there: a colleague's title for the document.
        self.theirs += 1;
        let mut other = Annotations::default();
        other.meta.title = Some(format!("a colleague's version {}", self.theirs));
        let empty = crate::store::to_file(self.session.doc(), &other, None);
        let theirs = crate::store::to_ron(&empty).unwrap_or_default();
        if std::fs::write(&self.path, &theirs).is_err() {
            return Ok(());
        }
        let s = &self.session;
        let refused = disk::save(&self.path, s.doc(), s.annotations(), s.article_path.as_deref(), &self.disk);
        prop_assert!(matches!(refused, Err(crate::store::SaveError::Changed { .. })), "a changed file was overwritten");
        prop_assert_eq!(std::fs::read_to_string(&self.path).ok(), Some(theirs), "their file was touched");
        let mine = crate::store::disk::version_copy_path(&self.path, "mine");
        let kept = disk::save(&mine, s.doc(), s.annotations(), s.article_path.as_deref(), &OnDisk::Absent);
        prop_assert!(kept.is_ok(), "the window's version could not be kept beside theirs");
        prop_assert!(
            crate::store::load(&mine).is_ok_and(|l| &l.annotations == self.ann()),
            "the copy is not the window's version"
        );
        // The analyst keeps theirs under the name, and goes on with theirs.
        let _ = std::fs::remove_file(&mine);
        self.disk = disk::at(&self.path);
        self.save_reload_theirs()
    }

    fn save_reload_theirs(&mut self) -> Result<(), TestCaseError> {
        let (loaded, disk) = match disk::load(&self.path) {
            Ok(l) => l,
            Err(e) => return Err(TestCaseError::fail(format!("their file does not load: {e}"))),
        };
        let mut session = Session::new(loaded.doc, loaded.annotations);
        session.save_path = Some(self.path.clone());
        self.session = session;
        self.disk = disk;
        self.forget_history();
        Ok(())
    }
}

fn engine_of(s: &Span) -> String {
    match &s.origin {
        Origin::Engine { engine, .. } => engine.clone(),
        Origin::Human { by } => format!("human {by}"),
    }
}

fn score_of(s: &Span) -> f32 {
    s.score().unwrap_or(-1.0)
}

/// Every decided span and claim, by id.
fn decided(ann: &Annotations) -> HashMap<u64, Item> {
    let spans = ann.spans().iter().filter(|s| !s.is_pending()).map(|s| (s.id.0, Item::Span(s.clone())));
    let claims = ann.claims.all().iter().filter(|c| !c.is_pending()).map(|c| (c.id.0, Item::Claim(c.clone())));
    spans.chain(claims).collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Span(Span),
    Claim(Claim),
}

/// The ids of decided items (`decided`) that are not as they were in `after`.
fn decided_after(after: &Annotations, decided: &HashMap<u64, Item>) -> Vec<u64> {
    let now = |id: u64, item: &Item| match item {
        Item::Span(_) => after.get(crate::annotation::SpanId(id)).cloned().map(Item::Span),
        Item::Claim(_) => after.claims.get(crate::annotation::ClaimId(id)).cloned().map(Item::Claim),
    };
    decided.iter().filter(|(id, item)| now(**id, item).as_ref() != Some(*item)).map(|(id, _)| *id).collect()
}

/// I1: between `before` and `after` the machine changed nothing decided, only withdrew and added
/// pending suggestions (and labels the suggestions needed).
fn machine_only(before: &Annotations, after: &Annotations) -> Result<(), TestCaseError> {
    let changed = decided_after(after, &decided(before));
    prop_assert!(changed.is_empty(), "the machine changed decided items {changed:?}");
    let new_decided = decided(after).len() - decided(before).len();
    prop_assert_eq!(new_decided, 0, "the machine decided something");
    prop_assert!(after.labels.iter().count() >= before.labels.iter().count(), "the machine dropped a label");
    prop_assert_eq!(&after.done, &before.done);
    for s in after.spans() {
        prop_assert!(after.labels.contains(&s.label), "span label {} missing from the set (I6)", s.label);
    }
    // What the machine added lies over nothing that was there.
    let was: std::collections::HashSet<u64> = before.spans().iter().map(|s| s.id.0).collect();
    for s in after.spans().iter().filter(|s| !was.contains(&s.id.0)) {
        let over: Vec<u64> = after.overlapping(s.range.clone()).filter(|o| o.id != s.id).map(|o| o.id.0).collect();
        prop_assert!(over.is_empty(), "the machine added span {} over {over:?}", s.id.0);
    }
    let claims_were: std::collections::HashSet<u64> = before.claims.all().iter().map(|c| c.id.0).collect();
    for c in after.claims.all().iter().filter(|c| !claims_were.contains(&c.id.0)) {
        let over = after
            .claims
            .all()
            .iter()
            .any(|o| o.id != c.id && o.content.start < c.content.end && c.content.start < o.content.end);
        prop_assert!(!over, "the machine added claim {} over another", c.id.0);
    }
    Ok(())
}

fn run_all(steps: &[Step]) -> Result<(), TestCaseError> {
    let mut world = World::new();
    for (n, step) in steps.iter().enumerate() {
        world.run(step).map_err(|e| TestCaseError::fail(format!("step {} ({step:?}): {e}", n + 1)))?;
        for s in world.ann().spans() {
            prop_assert!(world.ann().labels.contains(&s.label), "step {}: label {} not in the set", n + 1, s.label);
        }
    }
    // As many undos as actions stand give back the start (or the document as last loaded).
    while world.session.can_undo() {
        world.run(&Step::Undo)?;
    }
    prop_assert!(world.ann() == &world.base, "undoing everything did not give back the start");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_sequence_keeps_the_analysts_work(steps in sequence(40)) {
        run_all(&steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// The long run: `cargo test --release -- --ignored invariants`.
    #[test]
    #[ignore]
    fn every_long_sequence_keeps_the_analysts_work(steps in sequence(120)) {
        run_all(&steps)?;
    }
}
