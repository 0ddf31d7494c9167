//! "Who makes this claim?": a small window listing the document's people and organisations — those
//! in the claim's own sentence first, then the nearest. Type to filter (straight and curly quotes
//! alike: `Bali's` finds `Bali’s`) (words typed that appear in the text can be the claimant even
//! when they are not an entity), Up/Down to move, Enter to choose, Esc to close (the app closes the
//! window on top). While it is open it has the keyboard, even when its filter field does not: Enter
//! chooses here, it does not accept anything in the article behind. With text selected in the
//! article, the selection is offered first. Emits one `SetClaimant` edit; for a claim just made by
//! hand, also the hint that its cue comes next (select the words, a key), which leaves the keyboard free.

use crate::annotation::{Claimant, Status};
use crate::command::keys::Writing;
use crate::command::{Action, Command};
use crate::session::{Edit, Session};
use crate::text_search::{self, Options};
use eframe::egui::{self, Key, RichText};
use std::ops::Range;

#[derive(Default)]
pub struct ClaimantPicker {
    open: bool,
    filter: String,
    chosen: usize,
    /// Give the filter field the keyboard once, when the window opens.
    focus_filter: bool,
    /// The claim was just made by hand: its cue comes next.
    made: bool,
}

/// A choice in the list: what it shows and the claimant it sets.
struct Candidate {
    text: String,
    note: String,
    claimant: Option<Claimant>,
}

/// How many entities the list shows at most.
const MAX_CANDIDATES: usize = 12;

impl ClaimantPicker {
    /// Opens the window (when a document is open); `made`: for a claim just made by hand.
    pub fn open_for(&mut self, session: Option<&Session>, made: bool) {
        *self = Self { open: session.is_some(), focus_filter: true, made, ..Self::default() };
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    fn candidates(&self, session: &Session, selection: Option<&Range<usize>>) -> Vec<Candidate> {
        let Some(claim) = session.current_claim() else { return Vec::new() };
        let doc = session.doc();
        let text = doc.text();
        let typed = self.filter.trim();
        // Case and quotes as a search in the window ignores them.
        let loose = Options::default();
        let entity_at = |r: &Range<usize>| {
            session
                .annotations()
                .overlapping(r.clone())
                .find(|s| s.range == *r && s.status != Status::Rejected)
                .map(|s| s.id)
        };
        let mut out = Vec::new();
        if let Some(sel) = selection {
            out.push(Candidate {
                text: text[sel.clone()].to_string(),
                note: "the selected text".into(),
                claimant: Some(Claimant { range: sel.clone(), entity: entity_at(sel) }),
            });
        }
        // The claim's own sentences: the claimant is most often named there.
        let own = {
            let sentence = |at: usize| doc.sentence_of(at).cloned().unwrap_or(at..at);
            sentence(claim.content.start).start..sentence(claim.content.end.saturating_sub(1)).end
        };
        let elsewhere = |r: &Range<usize>| r.start < own.start || r.end > own.end;
        // Entities, one per distinct text (those before the claim count nearer).
        let distance = |r: &Range<usize>| {
            if r.end <= claim.content.start {
                claim.content.start - r.end
            } else {
                2 * r.start.abs_diff(claim.content.end)
            }
        };
        let mut entities: Vec<_> = session
            .annotations()
            .spans()
            .iter()
            .filter(|s| s.status != Status::Rejected && matches!(s.label.as_str(), "PERSON" | "ORG" | "NORP" | "LOC"))
            .filter(|s| typed.is_empty() || text_search::contains(&text[s.range.clone()], typed, loose))
            .collect();
        // People and organisations first (places and groups speak only now and then); of those, the
        // ones in the claim's sentence, then the nearest (so of one name, its mention there).
        entities
            .sort_by_key(|s| (!matches!(s.label.as_str(), "PERSON" | "ORG"), elsewhere(&s.range), distance(&s.range)));
        let mut seen = std::collections::HashSet::new();
        for s in entities {
            let words = &text[s.range.clone()];
            if out.len() >= MAX_CANDIDATES || !seen.insert(words) {
                continue;
            }
            out.push(Candidate {
                text: words.to_string(),
                note: s.label.clone(),
                claimant: Some(Claimant { range: s.range.clone(), entity: Some(s.id) }),
            });
        }
        // Typed words that are in the text but no entity: the occurrence nearest the claim.
        let same = |w: &&str| text_search::fold(w, loose) == text_search::fold(typed, loose);
        if !typed.is_empty() && !seen.iter().any(same) {
            let words = Options { whole_word: true, ..loose };
            let found = text_search::find_all(text, typed, words).filter(|r| doc.whole_tokens(r).is_some());
            if let Some(r) = found.min_by_key(|r| (elsewhere(r), distance(r))) {
                out.push(Candidate {
                    text: text[r.clone()].to_string(),
                    note: "words in the text".into(),
                    claimant: Some(Claimant { entity: entity_at(&r), range: r }),
                });
            }
        }
        out.push(Candidate { text: "No claimant".into(), note: "unattributed".into(), claimant: None });
        out
    }

    pub fn show(&mut self, ctx: &egui::Context, session: &Session, selection: Option<&Range<usize>>) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let candidates = self.candidates(session, selection);
        let (up, down, enter) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::Enter),
            )
        });
        let last = candidates.len().saturating_sub(1);
        if down {
            self.chosen = (self.chosen + 1).min(last);
        }
        if up {
            self.chosen = self.chosen.saturating_sub(1);
        }
        self.chosen = self.chosen.min(last);
        let mut picked = enter.then_some(self.chosen);
        let mut open = true;
        egui::Window::new("Who makes this claim?")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                if let Some(claim) = session.current_claim() {
                    let content: String = session.doc().text()[claim.content.clone()].chars().take(90).collect();
                    ui.label(RichText::new(format!("“{content}…”")).italics());
                }
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("Type to filter, or type the claimant's words")
                        .desired_width(320.0),
                );
                if std::mem::take(&mut self.focus_filter) {
                    field.request_focus();
                }
                if field.changed() {
                    self.chosen = 0;
                }
                ui.add_space(4.0);
                for (i, c) in candidates.iter().enumerate() {
                    let row = ui.selectable_label(i == self.chosen, format!("{}   ({})", c.text, c.note));
                    if row.clicked() {
                        picked = Some(i);
                    }
                }
                let close = Action::CloseWindow.shortcut_text(Writing::of(ui.ctx())).unwrap_or_default();
                ui.weak(format!("Up and Down to choose · Enter to set · {close} to close"));
                if self.made {
                    let cue = Action::SetCue.shortcut_text(Writing::of(ui.ctx())).unwrap_or_default();
                    ui.weak(format!("Then select the cue words (‘said’) in the article and press {cue}, or go on"));
                }
            });
        if let Some(c) = picked.and_then(|i| candidates.into_iter().nth(i)) {
            commands.push(Command::Edit(Edit::SetClaimant(c.claimant)));
            if self.made {
                commands.push(Command::OfferCue);
            }
            open = false;
        }
        self.open = open;
        commands
    }
}
