//! What a step of a sequence is — an action the keymap offers the analyst, or the machine's part —
//! and how random sequences of them are drawn.

use super::World;
use crate::annotation::Annotations;
use crate::session::{Edit, Verdict};
use crate::text_search::{Options, find_all};
use proptest::prelude::*;

/// One step. Numbers pick among what is there when the step runs (modulo its count).
#[derive(Debug, Clone)]
pub enum Step {
    Next,
    Prev,
    /// Walk by the lowest score first (`true`) or in document order.
    ByScore(bool),
    Select(usize),
    /// Another mention of the current span's words (where accept-all and learning act).
    SelectSameWords(usize),
    Accept,
    Reject,
    Relabel(usize),
    Grow,
    Shrink,
    GrowStart,
    ShrinkStart,
    MoveLeft,
    MoveRight,
    AcceptAll,
    Delete(usize),
    Label {
        token: usize,
        len: usize,
        label: usize,
    },
    /// The find bar's *label every match*, searching the words of a token (whole words or not).
    LabelMatches {
        token: usize,
        label: usize,
    },
    NextClaim,
    PrevClaim,
    SelectClaim(usize),
    SetClaimant(Option<usize>),
    /// The current claim's cue: `len` tokens from `token`, or none.
    SetCue(Option<(usize, usize)>),
    /// The analyst's word on the current claim's check-worthiness.
    Worth(Option<bool>),
    MakeClaim {
        token: usize,
        len: usize,
    },
    DeleteClaim(usize),
    MarkDone(bool),
    /// A reviewer taking one version of a place: the `at`-th span (or claim) accepted, every
    /// other overlapping it rejected, in one step.
    TakeVersion {
        at: usize,
        claims: bool,
    },
    AddLabel,
    /// Take a label out of the set (refused while spans use it).
    RemoveLabel(usize),
    Undo,
    Redo,
    /// The machine's follow-up to a decision: the oldest waiting (`true`) or the newest.
    Deliver(bool),
    Reset,
    SaveReload,
    TheirsOnDisk,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::Next),
        1 => Just(Step::Prev),
        1 => any::<bool>().prop_map(Step::ByScore),
        2 => any::<usize>().prop_map(Step::Select),
        3 => any::<usize>().prop_map(Step::SelectSameWords),
        4 => Just(Step::Accept),
        4 => Just(Step::Reject),
        2 => any::<usize>().prop_map(Step::Relabel),
        1 => Just(Step::Grow),
        1 => Just(Step::Shrink),
        1 => Just(Step::GrowStart),
        1 => Just(Step::ShrinkStart),
        1 => Just(Step::MoveLeft),
        1 => Just(Step::MoveRight),
        3 => Just(Step::AcceptAll),
        1 => any::<usize>().prop_map(Step::Delete),
        2 => (any::<usize>(), 1usize..4, any::<usize>()).prop_map(|(token, len, label)| Step::Label { token, len, label }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(token, label)| Step::LabelMatches { token, label }),
        2 => Just(Step::NextClaim),
        1 => Just(Step::PrevClaim),
        1 => any::<usize>().prop_map(Step::SelectClaim),
        1 => proptest::option::of(any::<usize>()).prop_map(Step::SetClaimant),
        1 => proptest::option::of((any::<usize>(), 1usize..3)).prop_map(Step::SetCue),
        1 => proptest::option::of(any::<bool>()).prop_map(Step::Worth),
        1 => (any::<usize>(), 2usize..12).prop_map(|(token, len)| Step::MakeClaim { token, len }),
        1 => any::<usize>().prop_map(Step::DeleteClaim),
        1 => any::<bool>().prop_map(Step::MarkDone),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(at, claims)| Step::TakeVersion { at, claims }),
        1 => Just(Step::AddLabel),
        1 => any::<usize>().prop_map(Step::RemoveLabel),
        4 => Just(Step::Undo),
        2 => Just(Step::Redo),
        5 => any::<bool>().prop_map(Step::Deliver),
        1 => Just(Step::Reset),
        1 => Just(Step::SaveReload),
        1 => Just(Step::TheirsOnDisk),
    ]
}

impl Step {
    /// Whether it acts on the current item of the layer the keyboard is on (a span, or a claim).
    pub fn on_current_item(&self) -> bool {
        use Step as S;
        matches!(
            self,
            S::Accept | S::Reject | S::Grow | S::Shrink | S::GrowStart | S::ShrinkStart | S::MoveLeft | S::MoveRight
        )
    }
}

/// The decision a [`Step::TakeVersion`] sends, as the review view makes it: the item it names
/// accepted, those overlapping it rejected.
pub fn take_version(ann: &Annotations, at: usize, claims: bool) -> Edit {
    let verdict = |hit: bool| if hit { Verdict::Accept } else { Verdict::Reject };
    match (claims, ann.spans().is_empty(), ann.claims.all().is_empty()) {
        (false, false, _) => {
            let chosen = &ann.spans()[at % ann.spans().len()];
            let spans = ann.overlapping(chosen.range.clone()).map(|s| (s.id, verdict(s.id == chosen.id))).collect();
            Edit::Decide { spans, claims: Vec::new() }
        }
        (true, _, false) => {
            let all = ann.claims.all();
            let chosen = &all[at % all.len()];
            let claims = ann.claims.overlapping(chosen.content.clone()).map(|c| (c.id, verdict(c.id == chosen.id)));
            Edit::Decide { spans: Vec::new(), claims: claims.collect() }
        }
        _ => Edit::Decide { spans: Vec::new(), claims: Vec::new() },
    }
}

/// The items besides the current ones a step may change (ids): deleting a span made by hand takes
/// it out of the claims that name it as their claimant (`target`: the span); taking a version
/// decides the items of the place and relinks the claims whose claimant it rejects.
pub fn also_changed(step: &Step, target: Option<u64>, before: &Annotations) -> Vec<u64> {
    let naming = |ids: &[u64]| -> Vec<u64> {
        let named = |c: &&crate::annotation::Claim| {
            c.claimant.as_ref().and_then(|w| w.entity).is_some_and(|e| ids.contains(&e.0))
        };
        before.claims.all().iter().filter(named).map(|c| c.id.0).collect()
    };
    match (step, target) {
        (Step::Delete(_), Some(id)) => naming(&[id]),
        (Step::TakeVersion { at, claims }, _) => {
            let ids = decided_by(&take_version(before, *at, *claims));
            let relinked = naming(&ids);
            ids.into_iter().chain(relinked).collect()
        }
        _ => Vec::new(),
    }
}

/// The ids of the items a decision names.
fn decided_by(edit: &Edit) -> Vec<u64> {
    match edit {
        Edit::Decide { spans, claims } => {
            spans.iter().map(|(id, _)| id.0).chain(claims.iter().map(|(id, _)| id.0)).collect()
        }
        _ => Vec::new(),
    }
}

/// The item a step names by number, if any (its id).
pub fn step_target(step: &Step, ann: &Annotations) -> Option<u64> {
    let pick = |k: usize, n: usize| (n > 0).then(|| k % n);
    match step {
        Step::Delete(k) => pick(*k, ann.spans().len()).map(|i| ann.spans()[i].id.0),
        Step::DeleteClaim(k) => pick(*k, ann.claims.all().len()).map(|i| ann.claims.all()[i].id.0),
        _ => None,
    }
}

pub fn sequence(len: usize) -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(step(), 1..len)
}

impl World {
    /// Labels every match of the `token`-th token's words, as the find bar sends it: case ignored,
    /// whole words for even `token`s (the others find the words inside longer ones too).
    pub(super) fn label_matches(&mut self, token: usize, label: usize) {
        let Some(label) = self.nth_label(label) else { return };
        let doc = self.doc();
        let query = &doc.text()[self.tokens(token, 1)];
        let options = Options { whole_word: token.is_multiple_of(2), ..Options::default() };
        let ranges = find_all(doc.text(), query, options).collect();
        self.edit(Edit::LabelMatches { ranges, label });
    }
}
