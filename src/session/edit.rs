//! What a person can do to an open document: every action arrives at [`Session::apply`](super::Session::apply) as one of these.

use super::Verdict;
use crate::annotation::{ClaimId, Claimant, LabelSet, SpanId};
use std::ops::Range;

/// A user action on the open document.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Move to the next / previous pending item (wrapping around).
    NextPending,
    PrevPending,
    /// Make a span current.
    Select(SpanId),
    /// Accept / reject the current span, then move to the next pending one.
    Accept,
    Reject,
    /// Give the current span this label (and accept it).
    Relabel(String),
    /// Move the current span's (or claim's) end or start by one token (grow / shrink), or the whole
    /// span by one token.
    GrowEnd,
    ShrinkEnd,
    GrowStart,
    ShrinkStart,
    MoveLeft,
    MoveRight,
    /// Accept every token-aligned occurrence of the current span's text with its label.
    AcceptAllMentions,
    Delete(SpanId),
    /// Label a range by hand (byte offsets; overlapping pending suggestions are rejected).
    Create {
        range: Range<usize>,
        label: String,
    },
    SetLabels(LabelSet),
    /// Label every match of a search (byte ranges) by hand, in one step (see [`label_matches`]).
    LabelMatches {
        ranges: Vec<Range<usize>>,
        label: String,
    },
    /// Move to the next / previous claim (pending ones first), making claims the current layer.
    NextClaim,
    PrevClaim,
    SelectClaim(ClaimId),
    /// Give the current claim this claimant (or none), and accept it.
    SetClaimant(Option<Claimant>),
    /// Give the current claim these words as its cue (bytes), or none, and accept it.
    SetCue(Option<Range<usize>>),
    /// The analyst's word on the current claim: worth checking or not (or no word), and accept it.
    SetCheckworthy(Option<bool>),
    /// A claim made by hand: what is claimed (bytes), and who claims it if known.
    CreateClaim {
        content: Range<usize>,
        claimant: Option<Claimant>,
    },
    DeleteClaim(ClaimId),
    /// Decide these spans and claims at once, as one undoable step (a reviewer taking one
    /// analyst's version of a place where the analysts disagree: theirs accepted, the rest
    /// rejected).
    Decide {
        spans: Vec<(SpanId, Verdict)>,
        claims: Vec<(ClaimId, Verdict)>,
    },
    /// Mark the whole document done (or not done any more).
    MarkDone(bool),
    Undo,
    Redo,
}

impl Edit {
    /// Whether the assistant learns from the edit: decisions do; undo and redo do not (what they
    /// bring back must stay as it was, I2), nor marking done or editing the label set.
    pub fn teaches(&self) -> bool {
        !matches!(self, Edit::MarkDone(_) | Edit::SetLabels(_) | Edit::Undo | Edit::Redo)
    }
}
