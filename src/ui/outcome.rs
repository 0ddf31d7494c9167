//! What an edit's [`Outcome`] says in the status bar: the session tells what happened, this says it
//! in words (and names the keys and menus to use from the command table).

use crate::command::Action;
use crate::session::{Labelled, Mentions, Outcome};

/// The sentence for the status bar, or `None` when there is nothing to say.
pub fn sentence(outcome: &Outcome) -> Option<String> {
    Some(match outcome {
        Outcome::Done | Outcome::NothingCurrent => return None,
        Outcome::NoPendingLeft => "No pending suggestions left".into(),
        Outcome::NoClaims => "No claims in this document".into(),
        Outcome::NotOnAClaim => format!("Go to a claim first ({})", Action::NextClaim.menu_path()),
        Outcome::NoSuchLabel(label) => format!("No label {label}"),
        Outcome::NothingSelected => "Select some text first".into(),
        Outcome::NoClaimContent => "Select what is claimed first".into(),
        Outcome::SpanCannotMove => "The span cannot move further".into(),
        Outcome::ClaimCannotChange => "The claim cannot change further".into(),
        Outcome::CueInsideClaim => {
            "The cue is the words that attribute the claim (‘said’), outside what is claimed".into()
        }
        Outcome::SpanAlreadyRejected => "That suggestion is already rejected (kept as a negative example)".into(),
        Outcome::ClaimAlreadyRejected => "That claim is already rejected".into(),
        Outcome::LabelInUse(label) => format!("{label} is used by spans in this document, so it stays"),
        Outcome::Mentions(m) => mentions(m),
        Outcome::MarkedDone { undecided: 0 } => "Marked done".into(),
        Outcome::MarkedDone { undecided } => {
            format!("Marked done; {undecided} suggestion(s) left undecided are not exported")
        }
        Outcome::MarkedNotDone => "Marked not done".into(),
        Outcome::LabelledMatches(l) => labelled(l),
        Outcome::NothingToUndo => format!("Nothing to {}", Action::Undo.label().to_lowercase()),
        Outcome::NothingToRedo => format!("Nothing to {}", Action::Redo.label().to_lowercase()),
    })
}

fn mentions(m: &Mentions) -> String {
    let Mentions { words, label, accepted, created, left } = m;
    match (accepted, left) {
        (0, 0) => format!("Every mention of “{words}” is already accepted as {label}"),
        (0, k) => format!(
            "Nothing to accept: the other {k} mention(s) of “{words}” are decided already or inside another suggestion"
        ),
        (n, 0) => format!("Accepted {n} mention(s) of “{words}” as {label} ({created} new)"),
        (n, k) => format!(
            "Accepted {n} mention(s) of “{words}” as {label} ({created} new); {k} left alone (decided already, or inside another suggestion)"
        ),
    }
}

fn labelled(l: &Labelled) -> String {
    let Labelled { label, labelled, decided, cut_tokens, unreviewed } = l;
    let mut said = match labelled {
        0 => "No match labelled".to_string(),
        1 => format!("Labelled 1 match as {label}"),
        n => format!("Labelled {n} matches as {label}"),
    };
    if *decided > 0 {
        said.push_str(&format!("; {decided} skipped (already decided)"));
    }
    if *cut_tokens > 0 {
        said.push_str(&format!("; {cut_tokens} skipped (part of a word)"));
    }
    if *unreviewed > 0 {
        said.push_str(&format!("; {unreviewed} skipped (inside a suggestion to review first)"));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_as_before() {
        let m = |accepted, left| {
            Outcome::Mentions(Mentions { words: "Syria".into(), label: "LOC".into(), accepted, created: 1, left })
        };
        assert_eq!(
            sentence(&m(2, 1)).unwrap(),
            "Accepted 2 mention(s) of “Syria” as LOC (1 new); 1 left alone (decided already, or inside another suggestion)"
        );
        assert_eq!(sentence(&m(2, 0)).unwrap(), "Accepted 2 mention(s) of “Syria” as LOC (1 new)");
        assert!(sentence(&m(0, 0)).unwrap().starts_with("Every mention"));
        assert_eq!(sentence(&Outcome::NothingToRedo).unwrap(), "Nothing to redo");
        assert_eq!(
            sentence(&Outcome::MarkedDone { undecided: 3 }).unwrap(),
            "Marked done; 3 suggestion(s) left undecided are not exported"
        );
        assert_eq!(sentence(&Outcome::Done), None);
        let l = |labelled, decided, cut_tokens| {
            let unreviewed = 0;
            let done = Labelled { label: "PERSON".into(), labelled, decided, cut_tokens, unreviewed };
            sentence(&Outcome::LabelledMatches(done))
        };
        assert_eq!(l(9, 3, 0).unwrap(), "Labelled 9 matches as PERSON; 3 skipped (already decided)");
        assert_eq!(l(1, 0, 2).unwrap(), "Labelled 1 match as PERSON; 2 skipped (part of a word)");
        let inside = Labelled { label: "LOC".into(), labelled: 2, decided: 0, cut_tokens: 0, unreviewed: 1 };
        assert_eq!(
            sentence(&Outcome::LabelledMatches(inside)).unwrap(),
            "Labelled 2 matches as LOC; 1 skipped (inside a suggestion to review first)"
        );
    }
}
