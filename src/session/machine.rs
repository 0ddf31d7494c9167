//! What the machine may do to an open document, and nothing more (invariant I1 in
//! `docs/INVARIANTS.md`): add its first suggestions, follow up on a decision with what it learned
//! from it, and bring back the shipped models' suggestions on a reset. It only ever withdraws or adds
//! *pending* suggestions, never over anything already there, and never one a decided claim names.
//!
//! Learning is kept gentle by where a follow-up may withdraw: only in the sentences the decision
//! touched and, for entities, on the other mentions of the same words (rejecting `Syria` here may
//! withdraw `Syria` there). Elsewhere an entity follow-up only adds, and a claim follow-up changes
//! nothing at all (what is learned of claims has not been shown to help beyond the decision; see
//! `claims::online`). So one decision cannot empty the document of suggestions, whatever the
//! learner makes of it (I4).
//!
//! The first suggestions are what the analyst starts from and are not undoable; a follow-up becomes
//! part of the decision's undo entry, and a reset is an undoable action of its own (I2).

use super::Session;
use super::claims::CLAIM_ENGINE;
use super::history::{Change, ClaimChange, Entry, Serial};
use crate::annotation::claims::extent as claim_extent;
use crate::annotation::{Claim, ClaimId, Claimant, LabelSet, Origin, Span, SpanId, Status, now};
use crate::claims::ClaimSuggestion;
use crate::offsets::Covered;
use crate::suggest::{Engine, Suggestion};
use std::collections::HashSet;
use std::ops::Range;

/// What a follow-up or a reset changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    pub withdrawn: usize,
    pub added: usize,
}

impl Session {
    /// The last action that stands: what the machine's follow-up to it must name.
    pub fn last_action(&self) -> Option<Serial> {
        self.history.last()
    }

    /// The first suggestions arrived after the analyst had begun: they are what the document starts
    /// from now, and undo starts here (undoing an earlier action could put a span back over one).
    pub fn start_from_here(&mut self) {
        self.history.forget();
    }

    /// Adds machine suggestions as pending spans (not an undoable action: they are what the analyst
    /// starts from). Suggestions overlapping any existing span are left out, whatever its status: a
    /// rejected suggestion stays rejected. A label the set lacks is added to it. Returns how many
    /// were added.
    pub fn add_suggestions(&mut self, suggestions: Vec<Suggestion>) -> usize {
        let (changes, labels) = self.span_additions(suggestions, &HashSet::new());
        let added = changes.len();
        if added > 0 || labels.is_some() {
            self.apply_machine(self.machine_entry(changes, Vec::new(), labels));
        }
        added
    }

    /// Adds suggested claims as pending (not undoable, like entity suggestions). A claimant is linked
    /// to the entity span it names or refers to, when there is one. Suggestions overlapping a claim
    /// already there are left out. Returns how many were added.
    pub fn add_claim_suggestions(&mut self, suggestions: Vec<ClaimSuggestion>) -> usize {
        let changes = self.claim_additions(suggestions, &HashSet::new());
        let added = changes.len();
        if added > 0 {
            self.apply_machine(self.machine_entry(Vec::new(), changes, None));
        }
        added
    }

    /// What an entity engine (suggestions whose source names `engine`) suggests after learning
    /// from action `after`: its pending suggestions that it no longer makes are withdrawn where that
    /// action spoke (see the module docs), and the new ones added where nothing is. Becomes part of
    /// the action's undo entry. `None` (nothing changed) when the action was undone meanwhile.
    pub fn refresh_suggestions(
        &mut self,
        after: Serial,
        engine: Engine,
        suggestions: Vec<Suggestion>,
    ) -> Option<Refreshed> {
        let region = Covered::new(self.entity_region(self.history.open_to_machine(after)?));
        let fresh: HashSet<(usize, usize, &str)> =
            suggestions.iter().map(|n| (n.range.start, n.range.end, n.label.as_str())).collect();
        // A span a claim names as its claimant stays with the claim (the claim says who it is).
        let linked = self.named_by_claims(|_| true);
        let stale: Vec<Change> = self
            .ann
            .spans()
            .iter()
            .filter(|s| {
                s.is_pending() && from_engine(s, engine) && region.overlaps(&s.range) && !linked.contains(&s.id)
            })
            .filter(|s| !fresh.contains(&(s.range.start, s.range.end, s.label.as_str())))
            .map(|s| Change { before: Some(s.clone()), after: None })
            .collect();
        drop(fresh);
        Some(self.follow_up(stale, suggestions))
    }

    /// What the claim engine suggests after learning from action `after`: withdrawn *and added*
    /// only in the sentences the action touched (what is learned of claims is not proven to help
    /// elsewhere; see `claims::online`).
    pub fn refresh_claim_suggestions(
        &mut self,
        after: Serial,
        mut suggestions: Vec<ClaimSuggestion>,
    ) -> Option<Refreshed> {
        let region = Covered::new(self.claim_region(self.history.open_to_machine(after)?));
        // What is still suggested (anywhere) is not withdrawn; what is new is added only in the region.
        let fresh: HashSet<(usize, usize)> = suggestions.iter().map(|s| (s.content.start, s.content.end)).collect();
        suggestions.retain(|s| {
            region.overlaps(&claim_extent(&s.content, s.cue.as_ref(), s.claimant.as_ref().map(|c| &c.range)))
        });
        let stale: Vec<ClaimChange> = self
            .ann
            .claims
            .all()
            .iter()
            .filter(|c| c.is_pending() && claim_from_engine(c) && region.overlaps(&c.extent()))
            .filter(|c| !fresh.contains(&(c.content.start, c.content.end)) || self.link_gone(c))
            .map(|c| ClaimChange { before: Some(c.clone()), after: None })
            .collect();
        drop(fresh);
        let (entry, counts) = self.replace_claims(stale, suggestions);
        if !entry.is_empty() {
            self.history.amend(entry);
        }
        Some(counts)
    }

    /// *Reset learned suggestions*: the pending suggestions become exactly those of opening the
    /// document fresh with the shipped models (`spans` and `claims` are what they suggest), those over
    /// decided items left out (I3) — but for a span a decided claim names as its claimant, which stays
    /// with the claim. Suggestions already there as the shipped models make them stay as they are. One
    /// undoable action. Returns what changed of entities and claims.
    pub fn reset_suggestions(
        &mut self,
        spans: Vec<Suggestion>,
        claims: Vec<ClaimSuggestion>,
    ) -> (Refreshed, Refreshed) {
        let linked = self.named_by_claims(|c| !c.is_pending());
        let target = self.fresh_spans(&spans, &linked);
        let stale: Vec<Change> = self
            .ann
            .spans()
            .iter()
            .filter(|s| s.is_pending() && !linked.contains(&s.id) && !target.contains(&span_key(s)))
            .map(|s| Change { before: Some(s.clone()), after: None })
            .collect();
        let (mut entry, entities) = self.replace_spans(stale, spans);
        let target = self.fresh_claims(&claims);
        // A suggested claim naming a span that just went, or that the analyst rejected, goes too (it
        // comes back, linked afresh, if the shipped model suggests it).
        let stale: Vec<ClaimChange> = self
            .ann
            .claims
            .all()
            .iter()
            .filter(|c| c.is_pending() && (!target.contains(&claim_key(c)) || self.link_gone(c)))
            .map(|c| ClaimChange { before: Some(c.clone()), after: None })
            .collect();
        let (claims_entry, claim_counts) = self.replace_claims(stale, claims);
        entry.absorb(claims_entry);
        if !entry.is_empty() {
            entry.layer = None;
            self.history.record(entry);
        }
        (entities, claim_counts)
    }

    /// Whether a claim's claimant names a span that is gone or that the analyst rejected (then a
    /// fresh suggestion of it links to the entities as they stand now).
    fn link_gone(&self, c: &Claim) -> bool {
        let entity = c.claimant.as_ref().and_then(|w| w.entity);
        entity.is_some_and(|e| self.ann.get(e).is_none_or(|s| s.status == Status::Rejected))
    }

    /// The spans a fresh open would suggest: in document order, none over a decided span, a span
    /// in `linked`, or one suggested before it.
    fn fresh_spans(&self, suggestions: &[Suggestion], linked: &HashSet<SpanId>) -> HashSet<SpanKey> {
        let mut fresh: Vec<&Suggestion> = suggestions.iter().collect();
        fresh.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        let stays = |s: &Span| !s.is_pending() || linked.contains(&s.id);
        let mut added_until = 0;
        let mut target = HashSet::new();
        for s in fresh {
            let blocked = self.ann.overlapping(s.range.clone()).any(stays);
            if blocked || s.range.start < added_until {
                continue;
            }
            added_until = s.range.end;
            target.insert((s.range.clone(), s.label.clone(), s.source.clone(), unit(s.score).to_bits()));
        }
        target
    }

    /// The claims a fresh open would suggest: in the engine's order, none over a decided claim or
    /// one suggested before it.
    fn fresh_claims(&self, suggestions: &[ClaimSuggestion]) -> HashSet<ClaimKey> {
        let decided = self.ann.claims.all().iter().filter(|c| !c.is_pending());
        let mut taken: Vec<Range<usize>> = decided.map(|c| c.content.clone()).collect();
        let mut target = HashSet::new();
        for s in suggestions {
            if !taken.iter().any(|t| t.start < s.content.end && s.content.start < t.end) {
                taken.push(s.content.clone());
                let claimant = s.claimant.as_ref().map(|w| w.range.clone());
                target.insert((s.content.clone(), s.cue.clone(), claimant, unit(s.score).to_bits()));
            }
        }
        target
    }

    /// Withdraws `stale` and adds `suggestions` where nothing is, as the follow-up of the last action.
    fn follow_up(&mut self, stale: Vec<Change>, suggestions: Vec<Suggestion>) -> Refreshed {
        let (entry, counts) = self.replace_spans(stale, suggestions);
        if !entry.is_empty() {
            self.history.amend(entry);
        }
        counts
    }

    /// Applies the withdrawal of `stale` spans and the addition of `suggestions` where nothing is left;
    /// returns the entry that did it (not recorded).
    fn replace_spans(&mut self, stale: Vec<Change>, suggestions: Vec<Suggestion>) -> (Entry, Refreshed) {
        let removed: HashSet<SpanId> = stale.iter().filter_map(|c| c.before.as_ref().map(|b| b.id)).collect();
        let withdrawn = stale.len();
        let (mut added, labels) = self.span_additions(suggestions, &removed);
        let counts = Refreshed { withdrawn, added: added.len() };
        let mut changes = stale;
        changes.append(&mut added);
        let entry = self.machine_entry(changes, Vec::new(), labels);
        (self.apply_machine(entry), counts)
    }

    /// The same for claims: `stale` withdrawn, then `suggestions` added where no claim is left.
    fn replace_claims(&mut self, stale: Vec<ClaimChange>, suggestions: Vec<ClaimSuggestion>) -> (Entry, Refreshed) {
        let removed: HashSet<ClaimId> = stale.iter().filter_map(|c| c.before.as_ref().map(|b| b.id)).collect();
        let withdrawn = stale.len();
        let mut entry = self.apply_machine(self.machine_entry(Vec::new(), stale, None));
        let added = self.claim_additions(suggestions, &removed);
        let counts = Refreshed { withdrawn, added: added.len() };
        entry.absorb(self.apply_machine(self.machine_entry(Vec::new(), added, None)));
        (entry, counts)
    }

    /// New pending spans for `suggestions` where no span is (spans in `removed` are about to go), with
    /// fresh ids; and the label set with the labels it lacks, if any.
    fn span_additions(
        &mut self,
        mut suggestions: Vec<Suggestion>,
        removed: &HashSet<SpanId>,
    ) -> (Vec<Change>, Option<LabelSet>) {
        suggestions.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
        let created = now();
        let mut labels = self.ann.labels.clone();
        let mut added_until = 0; // the end of the last span added (they come in document order)
        let mut changes = Vec::new();
        for s in suggestions {
            let taken = self.ann.overlapping(s.range.clone()).any(|o| !removed.contains(&o.id));
            if taken || s.range.start < added_until || s.label.trim().is_empty() {
                continue;
            }
            if self.doc.text().get(s.range.clone()).is_none_or(str::is_empty) {
                continue;
            }
            labels.add_as_named(&s.label);
            added_until = s.range.end;
            let score = unit(s.score);
            let span = Span {
                id: self.ann.next_id(),
                range: s.range,
                label: s.label.clone(),
                status: Status::Pending,
                origin: Origin::Engine { engine: s.source, score, label: s.label },
                created,
                reviewed: None,
            };
            changes.push(Change { before: None, after: Some(span) });
        }
        let labels = (labels != self.ann.labels).then_some(labels);
        (changes, labels)
    }

    /// New pending claims for `suggestions` whose content overlaps no claim there (claims in
    /// `removed` are about to go), with fresh ids and claimants linked to the spans they name.
    fn claim_additions(&mut self, suggestions: Vec<ClaimSuggestion>, removed: &HashSet<ClaimId>) -> Vec<ClaimChange> {
        let created = now();
        let mut taken: Vec<Range<usize>> =
            self.ann.claims.all().iter().filter(|c| !removed.contains(&c.id)).map(|c| c.content.clone()).collect();
        let mut changes = Vec::new();
        for s in suggestions {
            let overlaps = taken.iter().any(|c| c.start < s.content.end && c.end > s.content.start);
            if overlaps || self.doc.text().get(s.content.clone()).is_none_or(str::is_empty) {
                continue;
            }
            let claimant = s.claimant.map(|w| Claimant {
                entity: self.entity_for(&w.range, w.refers_to.as_ref()).map(|e| e.id),
                range: w.range,
            });
            taken.push(s.content.clone());
            let claim = Claim {
                id: self.ann.next_claim_id(),
                content: s.content,
                pieces: Vec::new(),
                cue: s.cue,
                claimant,
                checkworthy: Some(unit(s.checkworthy)),
                checkworthy_by_hand: None,
                status: Status::Pending,
                origin: Origin::Engine { engine: CLAIM_ENGINE.into(), score: unit(s.score), label: "CLAIM".into() },
                created,
                reviewed: None,
            };
            changes.push(ClaimChange { before: None, after: Some(claim) });
        }
        changes
    }

    /// An entry of machine changes, the current items unchanged (until applied).
    fn machine_entry(&self, changes: Vec<Change>, claims: Vec<ClaimChange>, labels: Option<LabelSet>) -> Entry {
        Entry {
            changes,
            claims,
            labels: labels.map(|l| (self.ann.labels.clone(), l)),
            current_before: self.current,
            current_after: self.current,
            claim_before: self.current_claim,
            claim_after: self.current_claim,
            layer: None,
            ..Entry::default()
        }
    }

    /// Applies machine changes (without recording them); a current item they withdrew gives way to
    /// the next pending one from where it was. Returns the entry with its current items after.
    fn apply_machine(&mut self, entry: Entry) -> Entry {
        let was_at = self.current().map(|c| (c.score(), c.range.start));
        let claim_was_at = self.current_claim().map(|c| (c.origin_score(), c.content.start));
        // What learners learn from is the analyst's last change, not the machine's.
        let last_change = self.last_change.take();
        self.replay(&entry);
        self.last_change = last_change;
        if self.current.is_none() && was_at.is_none() {
            // The first suggestions: the head of the queue.
            self.current = self.next_pending_from(None, true);
        } else if self.current.is_none() {
            // Where it stood in the queue (by position, or by score when the queue is by score).
            let (score, start) = was_at.unwrap_or((None, 0));
            self.current = self.pending_span_from(score, start);
        }
        if self.current_claim.is_none()
            && let Some((score, start)) = claim_was_at
        {
            self.current_claim = self.pending_claim_from(score, start);
        }
        Entry { current_after: self.current, claim_after: self.current_claim, ..entry }
    }

    /// Spans that the claims `which` picks name as their claimant.
    fn named_by_claims(&self, which: impl Fn(&Claim) -> bool) -> HashSet<SpanId> {
        let claims = self.ann.claims.all().iter().filter(|c| which(c));
        claims.filter_map(|c| c.claimant.as_ref()?.entity).collect()
    }

    /// Where a follow-up to an entity decision may withdraw: the sentences of the spans it changed
    /// and the other mentions of their words (the decision's own changes, not what the machine did
    /// after it).
    fn entity_region(&self, entry: &Entry) -> Vec<Range<usize>> {
        let own = &entry.changes[..entry.own.0.min(entry.changes.len())];
        let spans = own.iter().flat_map(|c| c.before.iter().chain(c.after.iter()));
        let mut region = Vec::new();
        let mut words = HashSet::new();
        for s in spans {
            region.extend(self.sentences_touching(&s.range));
            if words.insert(&self.doc.text()[s.range.clone()]) {
                region.extend(self.doc.occurrences(&self.doc.text()[s.range.clone()]));
            }
        }
        region
    }

    /// Where a follow-up to a claim decision may withdraw or add: the sentences of the claims it changed.
    fn claim_region(&self, entry: &Entry) -> Vec<Range<usize>> {
        let own = &entry.claims[..entry.own.1.min(entry.claims.len())];
        let claims = own.iter().flat_map(|c| c.before.iter().chain(c.after.iter()));
        claims.flat_map(|c| self.sentences_touching(&c.extent())).collect()
    }

    fn sentences_touching(&self, range: &Range<usize>) -> Vec<Range<usize>> {
        let sentences = self.doc.sentences();
        let a = sentences.partition_point(|s| s.end <= range.start);
        let b = sentences.partition_point(|s| s.start < range.end);
        let mut out: Vec<Range<usize>> = sentences[a..b.max(a)].to_vec();
        if out.is_empty() {
            out.push(range.clone());
        }
        out
    }
}

/// A pending span as its engine suggested it: range, label, engine and score.
type SpanKey = (Range<usize>, String, String, u32);

fn span_key(s: &Span) -> SpanKey {
    match &s.origin {
        Origin::Engine { engine, score, .. } => (s.range.clone(), s.label.clone(), engine.clone(), score.to_bits()),
        Origin::Human { by } => (s.range.clone(), s.label.clone(), format!("human {by}"), u32::MAX),
    }
}

/// A pending claim as its engine suggested it: what is claimed, the cue, the claimant, the score.
type ClaimKey = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>, u32);

fn claim_key(c: &Claim) -> ClaimKey {
    let score = c.origin_score().map_or(u32::MAX, f32::to_bits);
    (c.content.clone(), c.cue.clone(), c.claimant.as_ref().map(|w| w.range.clone()), score)
}

/// A score as the annotation file holds it: finite, 0–1.
fn unit(score: f32) -> f32 {
    if score.is_finite() { score.clamp(0.0, 1.0) } else { 0.0 }
}

fn from_engine(s: &Span, engine: Engine) -> bool {
    matches!(&s.origin, Origin::Engine { engine: e, .. } if Engine::of_source(e) == Some(engine))
}

fn claim_from_engine(c: &Claim) -> bool {
    matches!(&c.origin, Origin::Engine { engine, .. } if Engine::of_source(engine) == Some(Engine::Claims))
}
