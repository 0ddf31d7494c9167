//! The review view in the window: a reviewer opens a document's curated version (Documents >
//! Review the analysts' versions merges them first), sees who of the analysts marked what at each
//! place, and takes one analyst's version of a place with one key, or neither.
//!
//! Who marked what is read from the analysts' files when the curated version opens, and again
//! when it is reviewed again (after a sync, say); the places are worked out again from the open
//! annotations after every change ([`Review::of`]).

use super::App;
use crate::command::Action;
use crate::session::{Focus, Session};
use crate::team::documents::Unreadable;
use crate::team::merge::project::{self, Outcome};
use crate::team::merge::{Proposals, project::proposals_of};
use crate::team::review::{ItemId, Place, Review};
use crate::ui::error_box::ErrorBox;
use eframe::egui;

/// The open curated version's analysts' work, and the review worked out from it.
pub struct Reviewing {
    proposals: Proposals,
    /// Files that look like an analyst's version of the document but could not be read.
    missing: Vec<Unreadable>,
    /// The review of the open annotations at a revision of the session.
    review: Review,
    revision: Option<u64>,
}

impl Reviewing {
    /// The review as last worked out (see [`Reviewing::of`]).
    pub fn last(&self) -> &Review {
        &self.review
    }

    /// The review of `session`, worked out again when it changed.
    pub fn of(&mut self, session: &Session) -> &Review {
        if self.revision != Some(session.revision()) {
            self.review = Review::of(&self.proposals, session.annotations());
            self.revision = Some(session.revision());
        }
        &self.review
    }
}

/// Who of the analysts marked what in the document of `session`, when it is a curated version of
/// `seat`'s project; why that could not be read, when it could not.
pub fn reviewing(seat: Option<&crate::team::Seat>, session: &Session) -> Option<Result<Reviewing, String>> {
    let seat = seat?;
    let path = session.save_path.as_deref()?;
    if !seat.project.is_curated(path) {
        return None;
    }
    let found = crate::team::documents::find(&seat.project, &session.doc().hash()).map_err(|e| e.to_string());
    Some(found.and_then(|doc| {
        let (versions, missing) = match doc {
            Some(doc) => (project::load_versions(&doc)?, doc.unreadable),
            None => (Vec::new(), Vec::new()),
        };
        Ok(Reviewing { proposals: proposals_of(&versions), missing, review: Review::default(), revision: None })
    }))
}

impl App {
    /// Whether the open document is a curated version of the team project (reviewed or not): no
    /// machine suggestion goes into it.
    pub(super) fn curated_open(&self) -> bool {
        let path = self.doc.session.as_ref().and_then(|s| s.save_path.as_deref());
        self.seat.as_ref().is_some_and(|seat| path.is_some_and(|p| seat.project.is_curated(p)))
    }

    /// The review of the open document, when it is a curated version being reviewed.
    pub(super) fn review(&mut self) -> Option<&Review> {
        let session = self.doc.session.as_ref()?;
        Some(self.doc.review.as_mut()?.of(session))
    }

    /// Reads who marked what for the document just opened (a curated version of the team project).
    pub(super) fn start_review(&mut self) {
        let found = self.doc.session.as_ref().and_then(|s| reviewing(self.seat.as_ref(), s));
        self.doc.review = match found {
            Some(Ok(r)) => {
                if let Some(u) = r.missing.first() {
                    self.overlays.notice = Some(format!(
                        "{} could not be read ({}): if it is an analyst's version of this document, what they marked is not shown here. Fix it (or move it away), then review again.",
                        u.path.display(),
                        u.why
                    ));
                }
                Some(r)
            }
            Some(Err(why)) => {
                self.overlays.notice = Some(format!(
                    "This is a curated version, but the analysts' versions could not be read ({why}): who said what is not shown. The file itself is as it was."
                ));
                None
            }
            None => None,
        };
    }

    /// Documents > Review the analysts' versions: the open document's analysts' versions merged
    /// into its curated version (what all agree on accepted, the rest waiting), which then opens.
    pub(super) fn review_document(&mut self, ctx: &egui::Context) {
        let (Some(seat), Some(session)) = (self.seat.clone(), self.doc.session.as_ref()) else {
            self.status = Some("Open a document of a team project first: its analysts' versions are reviewed".into());
            return;
        };
        let hash = session.doc().hash();
        let open_is_curated = session.save_path.as_deref().is_some_and(|p| seat.project.is_curated(p));
        if let Err(why) = self.save_before_reading(ctx) {
            self.status = Some(format!("Not reviewed: the open document could not be saved first ({why})"));
            return;
        }
        let doc = match crate::team::documents::find(&seat.project, &hash) {
            Ok(Some(doc)) => doc,
            Ok(None) => {
                self.status =
                    Some("No analyst of the team has a file of this text yet: there is nothing to review".into());
                return;
            }
            Err(e) => return self.review_failed(e.to_string()),
        };
        // The merge takes the curated file's lock: this window lets go of it meanwhile.
        if let Some(file) = self.doc.file.as_mut().filter(|_| open_is_curated) {
            file.let_go();
        }
        let merged = project::merge_document(&seat.project, &doc, crate::annotation::now());
        // Unless the merge wrote it, the open curated version is what is on disk: it stays open
        // (and its undo history with it), and only who said what is read again.
        let stays = open_is_curated && !matches!(merged.outcome, Outcome::Written { .. });
        if stays && let Some(file) = self.doc.file.as_mut() {
            file.take_again(&merged.path);
            self.start_review();
        }
        let said = match &merged.outcome {
            Outcome::Written { counts, analysts } | Outcome::Unchanged { counts, analysts } => format!(
                "Reviewing {} ({}): {} agreed, {} waiting for you, {} of your decisions kept",
                merged.name,
                who_reviewed(analysts, self.settings.anonymous_review),
                counts.agreed,
                counts.waiting,
                counts.kept
            ),
            Outcome::NotAnnotated => {
                self.status = Some(format!("No analyst decided anything in {} yet: nothing to review", merged.name));
                return;
            }
            Outcome::Skipped(why) => return self.review_failed(why.clone()),
        };
        if !stays {
            self.open(ctx, &merged.path);
        }
        if self.doc.review.is_some() {
            self.status = Some(said);
        }
    }

    fn review_failed(&mut self, why: String) {
        self.overlays.show_error(ErrorBox {
            title: "Could not merge the analysts' versions".into(),
            message: why,
            advice: "Nothing was changed: the analysts' files and the curated version are as they were.".into(),
        });
    }

    /// Alt+1…, Alt+0: takes analyst `n`'s version (from 0; `None`: neither) of the place of the
    /// current item, as one undoable step.
    pub(super) fn take_version(&mut self, ctx: &egui::Context, n: Option<usize>) {
        let anonymous = self.settings.anonymous_review;
        let Some(session) = self.doc.session.as_ref() else { return };
        let current = match session.focus() {
            Focus::Claims => session.current_claim().map(|c| ItemId::Claim(c.id)),
            Focus::Entities => session.current_id().map(ItemId::Span),
        };
        let Some(review) = self.review() else {
            self.status = Some(format!(
                "Versions are taken in a curated version under review: {} opens one",
                Action::ReviewDocument.menu_path()
            ));
            return;
        };
        let Some(place) = current.and_then(|id| review.place_of(id)).cloned() else {
            self.status = Some("Go to a place the analysts marked first (Tab for the next one waiting)".into());
            return;
        };
        let (analyst, said) = match n {
            None => (None, "neither version".to_string()),
            Some(n) => match review.analysts.get(n) {
                Some(a) => (Some(a.clone()), format!("{}'s version", review.name(n, anonymous))),
                None => {
                    self.status = Some(format!(
                        "This document has {} analysts: there is no analyst {}",
                        review.analysts.len(),
                        n + 1
                    ));
                    return;
                }
            },
        };
        self.edit(ctx, place.take(analyst.as_deref()));
        self.status = Some(format!("Took {said} of {}", words_of(self.doc.session.as_ref(), &place)));
    }
}

/// The analysts whose versions are reviewed, as the status bar names them: by name, or — with
/// who said what hidden — only how many.
fn who_reviewed(analysts: &[String], anonymous: bool) -> String {
    match (anonymous, analysts.len()) {
        (false, _) => analysts.join(", "),
        (true, 1) => "1 analyst".into(),
        (true, n) => format!("{n} analysts"),
    }
}

/// The words of a place, quoted and cut short, for a message.
fn words_of(session: Option<&Session>, place: &Place) -> String {
    let text = session.and_then(|s| s.doc().text().get(place.range.clone())).unwrap_or_default();
    let short: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    format!("“{short}{more}”")
}
