//! What an [`Edit`](super::Edit) did, as a value: the session says *what happened* (nothing to undo,
//! N mentions accepted, a label in use), and the window decides how to say it, in which words. That
//! keeps English out of the domain, and lets tests check what happened rather than a sentence.

/// The outcome of [`Session::apply`](super::Session::apply).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The edit was applied (or changed nothing worth mentioning: a move to where the analyst is).
    Done,
    /// The edit acts on the current span (or claim) and there is none.
    NothingCurrent,
    /// The edit is for the claim in review, and the keyboard is on the entities.
    NotOnAClaim,
    /// Next / previous pending: every suggestion is decided.
    NoPendingLeft,
    /// Next / previous claim: the document has no claims.
    NoClaims,
    /// A label the label set does not have.
    NoSuchLabel(String),
    /// A span made from an empty (or impossible) range.
    NothingSelected,
    /// A claim made from an empty (or impossible) range.
    NoClaimContent,
    /// The span's boundary (or its position) is at the document's edge.
    SpanCannotMove,
    /// The same for what a claim claims.
    ClaimCannotChange,
    /// A cue over what is claimed: the cue is the words that attribute it, beside it.
    CueInsideClaim,
    /// Deleting a suggestion already rejected (it is kept as a negative example).
    SpanAlreadyRejected,
    ClaimAlreadyRejected,
    /// A label set without a label that spans use: the label stays.
    LabelInUse(String),
    /// Accept every mention of `words`: what was done.
    Mentions(Mentions),
    /// Marked done, with this many suggestions (spans and claims) still undecided.
    MarkedDone {
        undecided: usize,
    },
    MarkedNotDone,
    /// Label every match: what was labelled and what was left alone.
    LabelledMatches(super::label_matches::Labelled),
    NothingToUndo,
    NothingToRedo,
}

/// What *Accept all mentions* did with the mentions of the current span's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentions {
    pub words: String,
    pub label: String,
    /// Mentions accepted (suggestions relabelled and accepted, plus new spans).
    pub accepted: usize,
    /// Of those, the new spans (where nothing was).
    pub created: usize,
    /// Mentions left as they are: decided already, or inside another suggestion.
    pub left: usize,
}
