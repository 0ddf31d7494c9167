//! What each action says: its menu label and its tooltip, one place for the window's wording.

use super::Action;

impl Action {
    pub(super) fn text_and_tooltip(self) -> (&'static str, &'static str) {
        use Action as A;
        match self {
            A::OpenArticle => (
                "Open article…",
                "Open an article (text, Markdown, a saved web page or a PDF); its annotations open with it",
            ),
            A::OpenAnnotations => ("Open annotations…", "Open a Marginalia annotation file (.ann.ron)"),
            A::OpenFolder => (
                "Open folder…",
                "Open a folder of articles: the document list, its progress, the next unfinished document",
            ),
            A::OpenPath => ("Open path…", "Type the path of an article, an annotation file or a folder"),
            A::SaveNow => {
                ("Save now", "Your work is saved by itself within a second of each change; this saves at once")
            }
            A::SaveAs => {
                ("Save annotations as…", "Keep the annotations in another file (when this folder cannot be written)")
            }
            A::Export => ("Export dataset…", "Write the folder (or the open document) as training data"),
            A::Sync => (
                "Sync with team",
                "Commit your changed files to the team project's git repository, pull the others' work and push (saved first; offline, it commits and pushes next time)",
            ),
            A::Quit => ("Quit", "Close the window; your work is saved first"),
            A::Undo => ("Undo", "Undo the last change to the annotations"),
            A::Redo => ("Redo", "Redo what was undone"),
            A::Find => ("Find…", "Find words in the article (curly and straight quotes alike); label every match"),
            A::FindNext => ("Find next", "Go to the next match of the find bar"),
            A::FindPrevious => ("Find previous", "Go to the previous match of the find bar"),
            A::NextPending => ("Next pending", "Go to the next suggestion not decided yet"),
            A::PrevPending => ("Previous pending", "Go to the previous suggestion not decided yet"),
            A::Accept => ("Accept", "Accept the current suggestion (or claim), then go to the next one"),
            A::Reject => ("Reject", "Reject the current suggestion (or claim), then go to the next one"),
            A::AcceptAllMentions => {
                ("Accept all mentions", "Accept every identical mention of the current span's words, with its label")
            }
            A::GrowEnd => ("Grow by a token", "Grow the current span (or claim) by one token at its end"),
            A::ShrinkEnd => ("Shrink by a token", "Shrink the current span (or claim) by one token at its end"),
            // Ctrl+Shift moves the start as Alt+Shift moves the end (Ctrl+Alt+arrows are the desktop's).
            A::GrowStart => (
                "Grow at the start",
                "Grow the current span (or claim) by one token at its start (Ctrl+Shift with an arrow moves the start, Alt+Shift the end)",
            ),
            A::ShrinkStart => (
                "Shrink at the start",
                "Shrink the current span (or claim) by one token at its start; a claim's cue and claimant stay",
            ),
            A::MoveRight => ("Move a token right", "Move the current span (or claim) one token to the right"),
            A::MoveLeft => ("Move a token left", "Move the current span (or claim) one token to the left"),
            A::ClearSelection => (
                "Clear the selection",
                "Forget the text selected with the mouse; with nothing selected, close the find bar",
            ),
            A::Labels => ("Labels…", "Add labels, change their colours and hotkeys"),
            A::ToggleLearning => ("Learn from my corrections", "Update the suggestions from every decision"),
            A::ResetLearned => (
                "Reset learned suggestions",
                "Forget what the suggestions learned in this folder, and bring back the shipped models' suggestions (undoable)",
            ),
            A::ToggleDone => ("This document is done", "Mark the open document done, or not done any more (undoable)"),
            A::NextUnfinished => ("Next unfinished document", "Open the next document of the folder that is not done"),
            A::RefreshFolder => {
                ("List the folder again", "List the folder again, with articles added or removed since")
            }
            A::SearchFolder => (
                "Search the folder's texts…",
                "Find words in the texts of every document of the folder; a click on a match opens its document there",
            ),
            A::Preannotate => (
                "Pre-annotate new articles",
                "Suggest entities and claims for every article with no annotations yet, in the background",
            ),
            A::CancelPreannotation => ("Cancel pre-annotation", "Stop pre-annotating after the current document"),
            A::ToggleClaims => ("Show claims", "Show or hide the claims layer"),
            A::NextClaim => {
                ("Next claim", "Go to the next claim (pending ones first); Accept and Reject then act on it")
            }
            A::PrevClaim => ("Previous claim", "Go to the previous claim (pending ones first)"),
            A::PickClaimant => ("Change claimant…", "Choose who makes the current claim"),
            A::MakeClaim => (
                "Make a claim of the selection",
                "Make a claim of the text selected with the mouse, then choose its claimant (Enter), then select its cue words and press U (optional)",
            ),
            A::SetCue => (
                "Set the cue from the selection",
                "The words selected with the mouse become the current claim's cue: the words that attribute it (‘said’, ‘according to’)",
            ),
            A::ClearCue => ("Clear the cue", "The current claim has no cue any more"),
            A::WorthChecking => (
                "Worth checking",
                "Your word on the current claim: worth checking (kept apart from the machine's estimate; no refresh changes it)",
            ),
            A::NotWorthChecking => ("Not worth checking", "Your word on the current claim: not worth checking"),
            A::DarkTheme => ("Dark theme", "Switch between the light and the dark theme"),
            A::ShowRejected => ("Show rejected", "Show the suggestions you rejected (hidden otherwise)"),
            A::TextBigger => ("Bigger text", "Make the article's text bigger"),
            A::TextSmaller => ("Smaller text", "Make the article's text smaller"),
            A::Shortcuts => ("Keyboard shortcuts", "Every key and what it does"),
            A::TeamGuidelines => {
                ("Team guidelines", "The annotation guidelines of the team project open here, as its config names them")
            }
            A::TeamAgreement => (
                "Team agreement",
                "How far the team's analysts agree: span F1, κ and α, claims, per label and per document (least agreed first)",
            ),
            A::KeepMine => (
                "Keep mine",
                "Put your version under the document's name; the other is set aside in the folder's .marginalia/set-aside/",
            ),
            A::KeepTheirs => {
                ("Use theirs", "Open the other version; yours is set aside in the folder's .marginalia/set-aside/")
            }
            A::LowestScoreFirst => (
                "Lowest score first",
                "Next pending goes to the suggestion the engines are least sure of first, rather than in reading order",
            ),
            A::ReviewDocument => (
                "Review the analysts' versions",
                "Merge every analyst's version of the open document into its curated version (what all agree on accepted, the rest waiting for you), then open it to review",
            ),
            A::TakeVersion1 => (
                "Take analyst 1's version",
                "Where the current item is, accept what analyst 1 marked and reject the rest",
            ),
            A::TakeVersion2 => (
                "Take analyst 2's version",
                "Where the current item is, accept what analyst 2 marked and reject the rest",
            ),
            A::TakeVersion3 => (
                "Take analyst 3's version",
                "Where the current item is, accept what analyst 3 marked and reject the rest",
            ),
            A::TakeVersion4 => (
                "Take analyst 4's version",
                "Where the current item is, accept what analyst 4 marked and reject the rest",
            ),
            A::TakeNeither => ("Take neither version", "Where the current item is, reject what every analyst marked"),
            A::HideWhoSaidWhat => (
                "Hide who said what",
                "Under review, show the analysts as Analyst 1, Analyst 2… instead of their names",
            ),
            A::PageDown => ("Page down", "Scroll the article down a page"),
            A::PageUp => ("Page up", "Scroll the article up a page"),
            A::LineDown => ("Scroll down", "Scroll the article down a few lines"),
            A::LineUp => ("Scroll up", "Scroll the article up a few lines"),
            A::ScrollTop => ("Top of the article", "Scroll to the start of the article"),
            A::ScrollBottom => ("End of the article", "Scroll to the end of the article"),
            A::CloseWindow => ("Close the window on top", "Close the dialog or window over the article"),
        }
    }
}
