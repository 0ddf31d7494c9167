//! Every rule of `docs/FORMAT.md` that a parsed annotation file must keep, checked before anything
//! of it is used: the text's hash, the labels, each span's and claim's offsets against its quoted
//! text, ids, scores and links. A file that breaks one is refused with the rule and the item at
//! fault ([`Invalid`]), and left as it is.

use super::{AnnotationFile, ClaimRecord};
use crate::annotation::{Claim, ClaimId, Claimant, Label, LabelSet, Origin, Span, SpanId};
use crate::offsets::CharMap;
use crate::offsets::CharRange;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

/// A file's annotations, text and source path, every rule checked.
pub(super) type Checked = (crate::annotation::Annotations, String, Option<PathBuf>);

/// Where in a file a rule is broken, as a message names it ("span 3 (id 7, the 3rd in `spans`)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// The `n`th label (from 1).
    Label { n: usize, name: String },
    /// The `n`th span (from 1) and its id.
    Span { n: usize, id: u64 },
    /// The `n`th claim (from 1) and its id.
    Claim { n: usize, id: u64 },
    /// The `k`th piece (from 1) of a claim's content.
    Piece { claim: Box<Item>, k: usize },
    /// A claim's cue.
    Cue { claim: Box<Item> },
    /// A claim's claimant.
    Claimant { claim: Box<Item> },
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Label { n, name } => write!(f, "label {n} ({name:?}, the {} in `labels`)", ordinal(*n)),
            Item::Span { n, id } => write!(f, "span {n} (id {id}, the {} in `spans`)", ordinal(*n)),
            Item::Claim { n, id } => write!(f, "claim {n} (id {id}, the {} in `claims`)", ordinal(*n)),
            Item::Piece { claim, k } => write!(f, "{claim}, its {} piece", ordinal(*k)),
            Item::Cue { claim } => write!(f, "{claim}, its cue"),
            Item::Claimant { claim } => write!(f, "{claim}, its claimant"),
        }
    }
}

/// A rule of the format a file breaks.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Invalid {
    #[error("the file has no `version` field")]
    NoVersion,
    #[error(
        "line {line}: the file has unresolved merge-conflict markers (<<<<<<<); resolve the conflict in git, or keep one version"
    )]
    ConflictMarkers { line: usize },
    #[error("`source.sha256` is {found:?}, but the SHA-256 of `text` is {hash:?} (was the text edited by hand?)")]
    Hash { found: String, hash: String },
    #[error("{item}: a label needs a name")]
    Unnamed { item: Item },
    #[error("{item}: the name {name:?} is used twice")]
    NameTwice { item: Item, name: String },
    #[error("{item}: its colour {color:?} is not of the form \"#rrggbb\"")]
    Color { item: Item, color: String },
    #[error("{item}: its hotkey '{key}' is not a digit 1 to 9 (with Shift or without) or a capital letter")]
    Hotkey { item: Item, key: String },
    #[error("{item}: its hotkey {key} is also {other:?}'s")]
    HotkeyTwice { item: Item, key: String, other: String },
    #[error("{item}: id {id} is used twice")]
    IdTwice { item: Item, id: u64 },
    #[error("{item}: label {label:?} is not in the file's label set ({known})")]
    UnknownLabel { item: Item, label: String, known: String },
    #[error("{item}: its {what} {value} is not a number from 0 to 1")]
    NotUnit { item: Item, what: &'static str, value: f32 },
    #[error("{item}: start {start} must be before end {end}")]
    Backwards { item: Item, start: usize, end: usize },
    #[error("{item}: {start}..{end} is past the end of the text ({len} characters)")]
    PastEnd { item: Item, start: usize, end: usize, len: usize },
    #[error("{item}: its quoted text {quoted:?} does not match the text at {start}..{end}, {found:?}")]
    Quote { item: Item, quoted: String, start: usize, end: usize, found: String },
    #[error("{item}: {start}..{end} is not after the previous piece inside {outer_start}..{outer_end}")]
    Piece { item: Item, start: usize, end: usize, outer_start: usize, outer_end: usize },
    #[error("{item}: its claimant links to entity span {entity}, which is not in `spans`")]
    Link { item: Item, entity: u64 },
}

pub(super) fn checked(file: AnnotationFile) -> Result<Checked, Invalid> {
    let hash = crate::doc::text_hash(&file.text);
    if file.source.sha256 != hash {
        return Err(Invalid::Hash { found: file.source.sha256, hash });
    }
    let text = Text { chars: CharMap::new(&file.text), text: &file.text };
    check_labels(&file.labels)?;
    let labels = LabelSet::new(file.labels);
    let mut seen = HashSet::new();
    let mut spans = Vec::with_capacity(file.spans.len());
    for (n, r) in file.spans.into_iter().enumerate() {
        let item = || Item::Span { n: n + 1, id: r.id };
        if !seen.insert(r.id) {
            return Err(Invalid::IdTwice { item: item(), id: r.id });
        }
        let range = text.range(r.start, r.end, &r.text, item())?;
        if !labels.contains(&r.label) {
            let known: Vec<_> = labels.iter().map(|l| l.name.as_str()).collect();
            return Err(Invalid::UnknownLabel { item: item(), label: r.label, known: known.join(", ") });
        }
        check_origin(&r.origin, item())?;
        spans.push(Span {
            id: SpanId(r.id),
            range,
            label: r.label,
            status: r.status,
            origin: r.origin,
            created: r.created,
            reviewed: r.reviewed,
        });
    }
    let claims = claims_from(&text, file.claims, &seen)?;
    let mut annotations = crate::annotation::Annotations::new(labels, spans).with_claims(claims);
    annotations.meta = file.meta;
    annotations.done = file.done;
    Ok((annotations, file.text, file.source.path.map(PathBuf::from)))
}

/// The text with its code-point map, for checking offsets without building the document.
struct Text<'a> {
    text: &'a str,
    chars: CharMap,
}

impl Text<'_> {
    /// A byte range for code points `start..end` whose text must be `quoted`.
    fn range(&self, start: usize, end: usize, quoted: &str, item: Item) -> Result<Range<usize>, Invalid> {
        if start >= end {
            return Err(Invalid::Backwards { item, start, end });
        }
        let Some(range) = self.chars.bytes_of(self.text, CharRange::new(start, end)).map(Range::from) else {
            return Err(Invalid::PastEnd { item, start, end, len: self.chars.char_len() });
        };
        if self.text[range.clone()] != *quoted {
            let found = self.text[range].to_string();
            return Err(Invalid::Quote { item, quoted: quoted.to_string(), start, end, found });
        }
        Ok(range)
    }
}

/// Every label has a name (once), a `#rrggbb` colour and at most a hotkey of its own (a digit, Shift
/// and a digit, or a capital letter).
fn check_labels(labels: &[Label]) -> Result<(), Invalid> {
    let mut names = HashSet::new();
    let mut keys = HashMap::new();
    for (n, l) in labels.iter().enumerate() {
        let item = || Item::Label { n: n + 1, name: l.name.clone() };
        if l.name.trim().is_empty() {
            return Err(Invalid::Unnamed { item: item() });
        }
        if !names.insert(l.name.as_str()) {
            return Err(Invalid::NameTwice { item: item(), name: l.name.clone() });
        }
        if crate::annotation::labels::parse_hex_color(&l.color).is_none() {
            return Err(Invalid::Color { item: item(), color: l.color.clone() });
        }
        if let Some(key) = l.hotkey {
            if !key.is_valid() {
                return Err(Invalid::Hotkey { item: item(), key: key.to_string() });
            }
            if let Some(other) = keys.insert(key, l.name.as_str()) {
                return Err(Invalid::HotkeyTwice { item: item(), key: key.to_string(), other: other.to_string() });
            }
        }
    }
    Ok(())
}

/// An engine's score is a finite number from 0 to 1.
fn check_origin(origin: &Origin, item: Item) -> Result<(), Invalid> {
    match origin {
        Origin::Engine { score, .. } => check_unit(*score, "score", item),
        Origin::Human { .. } => Ok(()),
    }
}

fn check_unit(value: f32, what: &'static str, item: Item) -> Result<(), Invalid> {
    if value.is_finite() && (0.0..=1.0).contains(&value) { Ok(()) } else { Err(Invalid::NotUnit { item, what, value }) }
}

fn claims_from(text: &Text<'_>, records: Vec<ClaimRecord>, span_ids: &HashSet<u64>) -> Result<Vec<Claim>, Invalid> {
    let mut seen = HashSet::new();
    let mut claims = Vec::with_capacity(records.len());
    for (n, r) in records.into_iter().enumerate() {
        let item = || Item::Claim { n: n + 1, id: r.id };
        let part = |f: fn(Box<Item>) -> Item| f(Box::new(item()));
        if !seen.insert(r.id) || span_ids.contains(&r.id) {
            return Err(Invalid::IdTwice { item: item(), id: r.id });
        }
        let content = text.range(r.start, r.end, &r.text, item())?;
        check_origin(&r.origin, item())?;
        if let Some(w) = r.checkworthy {
            check_unit(w, "check-worthiness", item())?;
        }
        let mut pieces = Vec::with_capacity(r.pieces.len());
        for (k, p) in r.pieces.iter().enumerate() {
            let piece_item = || Item::Piece { claim: Box::new(item()), k: k + 1 };
            let piece = text.range(p.start, p.end, &p.text, piece_item())?;
            let after_last = pieces.last().is_none_or(|last: &Range<usize>| last.end <= piece.start);
            if piece.start < content.start || piece.end > content.end || !after_last {
                let (start, end, outer_start, outer_end) = (p.start, p.end, r.start, r.end);
                return Err(Invalid::Piece { item: piece_item(), start, end, outer_start, outer_end });
            }
            pieces.push(piece);
        }
        let cue = match &r.cue {
            Some(c) => Some(text.range(c.start, c.end, &c.text, part(|claim| Item::Cue { claim }))?),
            None => None,
        };
        let claimant = match &r.claimant {
            Some(c) => {
                let range = text.range(c.start, c.end, &c.text, part(|claim| Item::Claimant { claim }))?;
                if let Some(entity) = c.entity.filter(|e| !span_ids.contains(e)) {
                    return Err(Invalid::Link { item: item(), entity });
                }
                Some(Claimant { range, entity: c.entity.map(SpanId) })
            }
            None => None,
        };
        claims.push(Claim {
            id: ClaimId(r.id),
            content,
            pieces,
            cue,
            claimant,
            checkworthy: r.checkworthy,
            checkworthy_by_hand: r.checkworthy_by_hand,
            status: r.status,
            origin: r.origin,
            created: r.created,
            reviewed: r.reviewed,
        });
    }
    Ok(claims)
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
