//! PolNeAR-style brat attribution files: text-bound `Source` / `Cue` / `Content` annotations (code
//! point offsets, possibly in several `;`-separated pieces) tied together by `Attribution` events,
//! whose roles may name annotations defined further down the file (`Content2`… for split contents).
//! Marginalia's own exports add a `Rejected` attribute (`A1\tRejected T3`) to rejected items and the
//! check-worthiness of a claim as a note (`#1\tAnnotatorNotes E2\tcheckworthy 0.87`); both are read back.
//!
//! This is what the claim tagger trains on and what `eval-claims` scores against.

use crate::offsets::{CharMap, CharRange};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One attribution, in byte ranges of the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The pieces of what is claimed, in document order.
    pub contents: Vec<Range<usize>>,
    pub cue: Option<Range<usize>>,
    pub source: Option<Range<usize>>,
    /// Flagged `Rejected` (a rejected suggestion exported as a negative example).
    pub rejected: bool,
    /// From a `checkworthy` note.
    pub checkworthy: Option<f32>,
    /// From a `CheckworthyByHand` attribute (`Yes` / `No`): the analyst's word, apart from the score.
    pub checkworthy_by_hand: Option<bool>,
}

impl Attribution {
    /// From the start of the first piece of content to the end of the last.
    pub fn extent(&self) -> Option<Range<usize>> {
        let end = self.contents.iter().map(|c| c.end).max()?;
        Some(self.contents.first()?.start..end)
    }
}

/// A text-bound annotation: its kind (`Source`, `Cue`, `Content`, …) and its pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub kind: String,
    pub pieces: Vec<Range<usize>>,
    /// Flagged `Rejected`.
    pub rejected: bool,
}

#[derive(Debug, Clone)]
pub struct BratDocument {
    pub name: String,
    pub text: String,
    pub regions: Vec<Region>,
    pub attributions: Vec<Attribution>,
    /// What the file holds that is neither an entity nor part of an attribution (relations, other
    /// events, attributes, notes, normalisations), as a reader says it → how many: importing counts
    /// them instead of dropping them in silence.
    pub unheld: std::collections::BTreeMap<&'static str, usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum BratError {
    #[error("could not read {0}: {1}")]
    Io(String, std::io::Error),
    /// A text or annotation file that is not a regular file, too large, or not UTF-8 (see [`crate::input`]).
    #[error(transparent)]
    Read(#[from] crate::input::ReadError),
    #[error("{file}, line {line}: {why}")]
    Line { file: String, line: usize, why: String },
    #[error("no text file in {dir} for the annotations {ann}")]
    NoText { dir: String, ann: String },
}

/// Parses one `.ann` file against its text.
pub fn parse(name: &str, text: String, ann: &str) -> Result<BratDocument, BratError> {
    let chars = CharMap::new(&text);
    let mut regions: HashMap<&str, Region> = HashMap::new();
    let mut order = Vec::new();
    let mut events = Vec::new();
    let mut rejected = std::collections::HashSet::new();
    let mut checkworthy = HashMap::new();
    let mut by_hand = HashMap::new();
    let mut unheld = std::collections::BTreeMap::new();
    let mut count = |what: &'static str| *unheld.entry(what).or_default() += 1;
    let bad = |line: usize, why: String| BratError::Line { file: name.to_string(), line: line + 1, why };
    for (n, line) in ann.lines().enumerate() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or_default();
        let Some(body) = cols.next() else {
            // The quoted text of an annotation may run over several lines; those carry no annotation.
            continue;
        };
        let numbered = |prefix: char| {
            id.strip_prefix(prefix).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if numbered('T') {
            let (kind, offsets) = body.split_once(' ').ok_or_else(|| bad(n, "no offsets".into()))?;
            let mut pieces = Vec::new();
            for piece in offsets.split(';') {
                let (a, b) = piece.trim().split_once(' ').ok_or_else(|| bad(n, format!("bad offsets {piece:?}")))?;
                let (a, b) = (a.parse::<usize>(), b.parse::<usize>());
                let (Ok(a), Ok(b)) = (a, b) else { return Err(bad(n, format!("bad offsets {piece:?}"))) };
                let bytes = (a <= b)
                    .then(|| chars.bytes_of(&text, CharRange::new(a, b)).map(Range::from))
                    .flatten()
                    .ok_or_else(|| bad(n, format!("offsets {a}–{b} are outside the text")))?;
                pieces.push(bytes);
            }
            regions.insert(id, Region { kind: kind.to_string(), pieces, rejected: false });
            order.push(id);
        } else if numbered('E') {
            let roles: Vec<(&str, &str)> = body.split(' ').filter_map(|r| r.split_once(':')).collect();
            events.push((id, roles));
        } else if numbered('A') || numbered('M') {
            match body.split_once(' ') {
                Some(("Rejected", target)) => _ = rejected.insert(target),
                // Marginalia's own: the exact score is in the note read below.
                Some(("Checkworthy", _)) => {}
                Some(("CheckworthyByHand", said)) => match said.split_once(' ') {
                    Some((target, word @ ("Yes" | "No"))) => _ = by_hand.insert(target, word == "Yes"),
                    _ => count("brat attributes (other than Marginalia's Rejected and Checkworthy)"),
                },
                _ => count("brat attributes (other than Marginalia's Rejected and Checkworthy)"),
            }
        } else if numbered('#') {
            let score = cols.next().and_then(|note| note.strip_prefix("checkworthy ")).and_then(|w| w.parse().ok());
            match (body.split_once(' '), score) {
                (Some(("AnnotatorNotes", target)), Some(score)) => _ = checkworthy.insert(target, score),
                _ => count("brat notes"),
            }
        } else if numbered('R') || id == "*" {
            count("brat relations (Marginalia holds claims, not relations)");
        } else if numbered('N') {
            count("brat normalisations (links to knowledge bases)");
        }
    }
    for id in &rejected {
        if let Some(r) = regions.get_mut(id) {
            r.rejected = true;
        }
    }
    let mut attributions = Vec::new();
    for (event, roles) in events {
        let piece_of = |role: &str| {
            roles.iter().find(|(r, _)| *r == role).and_then(|(_, t)| regions.get(t)).map(|r| cover(&r.pieces))
        };
        let mut contents: Vec<Range<usize>> = roles
            .iter()
            .filter(|(r, _)| r.starts_with("Content"))
            .filter_map(|(_, t)| regions.get(t))
            .flat_map(|r| r.pieces.iter().cloned())
            .collect();
        if contents.is_empty() {
            count("brat events other than attributions (no Content)");
            continue;
        }
        contents.sort_by_key(|r| r.start);
        attributions.push(Attribution {
            contents,
            cue: piece_of("Cue"),
            source: piece_of("Source"),
            rejected: rejected.contains(event),
            checkworthy: checkworthy.get(event).copied(),
            checkworthy_by_hand: by_hand.get(event).copied(),
        });
    }
    let regions = order.iter().filter_map(|id| regions.remove(id)).collect();
    Ok(BratDocument { name: name.to_string(), text, regions, attributions, unheld })
}

fn cover(pieces: &[Range<usize>]) -> Range<usize> {
    let start = pieces.iter().map(|p| p.start).min().unwrap_or(0);
    let end = pieces.iter().map(|p| p.end).max().unwrap_or(start);
    start..end
}

fn files_in(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, BratError> {
    let entries = std::fs::read_dir(dir).map_err(|e| BratError::Io(dir.display().to_string(), e))?;
    let mut files: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
    files.sort();
    Ok(files)
}

/// Every `.ann` file of `ann_dir` with its text from `text_dir`. PolNeAR names an annotation file
/// after its text file plus a suffix, so the text is the one whose name the `.ann` name starts with.
pub fn read_dir(text_dir: &Path, ann_dir: &Path) -> Result<Vec<BratDocument>, BratError> {
    let texts = files_in(text_dir, "txt")?;
    let mut docs = Vec::new();
    for ann in files_in(ann_dir, "ann")? {
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let text = texts
            .iter()
            .filter(|t| t.file_stem().and_then(|s| s.to_str()).is_some_and(|s| stem.starts_with(s)))
            .max_by_key(|t| t.as_os_str().len())
            .ok_or_else(|| BratError::NoText { dir: text_dir.display().to_string(), ann: ann.display().to_string() })?;
        // A text is at most an article; the annotations, data.
        let text = crate::input::read_text(text, crate::article::MAX_ARTICLE_BYTES)?;
        docs.push(parse(stem, text, &crate::input::read_text(&ann, crate::input::MAX_DATA_FILE)?)?);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_tie_pieces_defined_later_and_offsets_are_code_points() {
        let text = "“Prices — high,” said Ana, “will fall.”".to_string();
        let ann = "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3 Content2:T5\n\
                   T1\tContent 1 14\tPrices — high\n\
                   T2\tCue 17 21\tsaid\n\
                   T3\tSource 22 25\tAna\n\
                   T4\tAttribution 17 21\tsaid\n\
                   T5\tContent 28 37\twill fall\n";
        let d = parse("t", text, ann).unwrap();
        let a = &d.attributions[0];
        assert_eq!(&d.text[a.contents[0].clone()], "Prices — high");
        assert_eq!(&d.text[a.contents[1].clone()], "will fall");
        assert_eq!(&d.text[a.cue.clone().unwrap()], "said");
        assert_eq!(&d.text[a.source.clone().unwrap()], "Ana");
        assert_eq!(d.regions.len(), 5);
    }

    #[test]
    fn broken_lines_are_reported_not_panicked_on() {
        assert!(parse("t", "abc".into(), "T1\tContent 1 99\tx").is_err());
        assert!(parse("t", "abc".into(), "T1\tContent x y\tx").is_err());
        assert!(parse("t", "abc".into(), "T1\tContent\tx").is_err());
        assert!(parse("t", "abc".into(), "T1\tContent 0 1\ta\nThe rest of a quoted text\n").is_ok());
        assert!(parse("t", "abc".into(), "E1\tAttribution:T9 Content:T8\n").unwrap().attributions.is_empty());
    }
}
