//! brat's standoff files: a `.txt` and an `.ann` per document.
//!
//! **Import** reads an `.ann` beside its `.txt` (or, PolNeAR's layout, the `.txt` in a sibling
//! `text/` folder): entities as its `T` lines, and PolNeAR-style attributions (`Source` / `Cue` /
//! `Content` tied by an `Attribution` event) as claims; what Marginalia cannot hold is counted.
//! Offsets are code points (brat reads the text as plain UTF-8, a byte-order mark included).
//!
//! **Export** writes a folder: entities as `T` lines, claims as `Source` / `Cue` / `Content` tied by an
//! `Attribution` event (PolNeAR's form), check-worthiness as a `Checkworthy` attribute (`High` /
//! `Low`) and its exact score as a note, the analyst's own word as a `CheckworthyByHand` attribute
//! (`Yes` / `No`, so that training data tells a decision from an estimate), rejected items (when asked for) flagged with a `Rejected`
//! attribute — and the `annotation.conf` that lets brat open the folder.

use super::export::{Report, claims_kept, cp, one_word, spans_kept, tell_renamed, write_file};
use super::import::{Batch, GivenClaim, GivenSpan, Imported, NotHeld};
use super::{Entry, Selection};
use crate::annotation::Status;
use crate::doc::Document;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// Reading

/// The text of a brat file: `name.txt` beside it, or — PolNeAR's layout — the `.txt` in a sibling
/// `text/` folder whose name the annotation file's name starts with.
fn brat_text(path: &Path, stem: &str) -> Option<std::path::PathBuf> {
    let beside = path.with_extension("txt");
    if beside.exists() {
        return Some(beside);
    }
    let folder = path.parent()?;
    [folder.to_path_buf(), folder.parent()?.join("text")]
        .into_iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flat_map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| stem.starts_with(s)))
        .max_by_key(|p| p.as_os_str().len())
}

/// The pieces of a brat content when something interrupts it (none when it is one stretch): pieces
/// that brat only split at line breaks (a gap of white space with a line break), as it must, are one
/// piece again.
fn interrupted(text: &str, pieces: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match joined.last_mut() {
            Some(last)
                if text.get(last.end..p.start).is_some_and(|gap| gap.contains('\n') && gap.trim().is_empty()) =>
            {
                last.end = p.end
            }
            _ => joined.push(p.clone()),
        }
    }
    if joined.len() > 1 { joined } else { Vec::new() }
}

/// The document of the brat file at `path` (its name's stem `stem`), with its text.
pub fn read(path: &Path, stem: &str) -> anyhow::Result<Batch> {
    let text_path = brat_text(path, stem)
        .ok_or_else(|| anyhow::anyhow!("a brat file needs its text: no {stem}.txt beside {}", path.display()))?;
    // brat counts a byte-order mark as the text's first character (it reads the file as plain
    // UTF-8), so it is kept here: the offsets stay brat's.
    let text = crate::input::read_file(&text_path, crate::article::MAX_ARTICLE_BYTES)?;
    let text = crate::input::decode_utf8(&text_path, text)?;
    let ann = crate::input::read_text(path, crate::input::MAX_DATA_FILE)?;
    let parsed = crate::claims::brat::parse(stem, text, &ann)?;
    let name = text_path.file_name().map_or_else(|| stem.to_string(), |n| n.to_string_lossy().to_string());
    const ROLES: [&str; 4] = ["Source", "Cue", "Content", "Attribution"];
    let mut not_held = NotHeld::default();
    // The parts of attributions, to tell a Source / Cue / Content that is in none.
    let mut parts: std::collections::HashSet<Range<usize>> = std::collections::HashSet::new();
    for a in &parsed.attributions {
        parts.extend(a.contents.iter().cloned().chain(a.cue.clone()).chain(a.source.clone()));
    }
    let mut spans = Vec::new();
    for r in &parsed.regions {
        let (Some(start), Some(end)) = (r.pieces.iter().map(|p| p.start).min(), r.pieces.iter().map(|p| p.end).max())
        else {
            continue;
        };
        if ROLES.contains(&r.kind.as_str()) {
            if r.kind != "Attribution" && !r.pieces.iter().all(|p| parts.contains(p) || parts.contains(&(start..end))) {
                not_held.add("Source, Cue and Content annotations in no attribution", 1);
            }
            continue;
        }
        if start >= end {
            not_held.add("zero-width text annotations", 1);
            continue;
        }
        if r.pieces.len() > 1 {
            not_held.add("discontinuous entities, imported as one stretch from their first piece to their last", 1);
        }
        let status = if r.rejected { Status::Rejected } else { Status::Accepted };
        spans.push(GivenSpan { range: start..end, label: r.kind.clone(), status, suggested: None });
    }
    let claims = parsed
        .attributions
        .iter()
        .filter_map(|a| {
            Some(GivenClaim {
                content: a.extent()?,
                pieces: interrupted(&parsed.text, &a.contents),
                cue: a.cue.clone(),
                claimant: a.source.clone(),
                status: if a.rejected { Status::Rejected } else { Status::Accepted },
                checkworthy: a.checkworthy,
                checkworthy_by_hand: a.checkworthy_by_hand,
            })
        })
        .collect();
    for (what, n) in parsed.unheld {
        not_held.add(what, n);
    }
    Ok(Batch { docs: vec![Imported { name, text: parsed.text, spans, claims, ..Default::default() }], not_held })
}

// ---------------------------------------------------------------------------------------------
// Writing

/// A brat text-bound annotation's pieces: each of `ranges` split at line breaks, as brat requires,
/// without pieces that are only white space.
fn brat_pieces(doc: &Document, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let text = doc.text();
    let mut pieces = Vec::new();
    for r in ranges {
        let mut start = r.start;
        for (i, c) in text[r.clone()].char_indices() {
            if c == '\n' {
                pieces.push(start..r.start + i);
                start = r.start + i + 1;
            }
        }
        pieces.push(start..r.end);
    }
    pieces.retain(|p| !text[p.clone()].trim().is_empty());
    pieces
}

/// A brat text-bound line's offsets and text: brat checks that the text is the pieces' words joined
/// by single spaces, and refuses the file otherwise.
fn brat_offsets_and_text(doc: &Document, ranges: &[Range<usize>]) -> (String, String) {
    let pieces = brat_pieces(doc, ranges);
    let offsets = pieces.iter().map(|p| cp(doc, p)).map(|c| format!("{} {}", c.start, c.end)).collect::<Vec<_>>();
    let words = pieces.iter().map(|p| &doc.text()[p.clone()]).collect::<Vec<_>>();
    (offsets.join(";"), words.join(" "))
}

/// brat's configuration for the exported collection: the entity types, the attribution event, the
/// attributes, and overlaps allowed (a claim's content holds its cue and claimant words).
fn brat_conf(types: &std::collections::BTreeSet<String>) -> String {
    let mut conf = String::from("[entities]\n");
    for t in types {
        let _ = writeln!(conf, "{t}");
    }
    conf += "Source\nCue\nContent\n\n[relations]\n<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n\n";
    conf += "[events]\nAttribution\tContent:Content, Cue?:Cue, Source?:Source\n\n";
    conf += "[attributes]\nRejected\tArg:<ANY>\nCheckworthy\tArg:Attribution, Value:High|Low\n";
    conf += "CheckworthyByHand\tArg:Attribution, Value:Yes|No\n";
    conf
}

/// The documents as a brat collection in the folder `dir`.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report, dir: &Path) -> anyhow::Result<()> {
    use super::folder::{inside, unique_safe_name};
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("could not make the folder {}: {e}", dir.display()))?;
    let mut types = std::collections::BTreeSet::new();
    // A document's name becomes two file names in the folder: made safe, unique, and kept inside it.
    let mut names = super::UniqueNames::default();
    for e in entries {
        let doc = &e.doc;
        let mut ann = String::new();
        let (mut t, mut ev, mut attr, mut note) = (0, 0, 0, 0);
        let mut text_bound = |ann: &mut String, kind: &str, pieces: &[Range<usize>]| {
            t += 1;
            let (offsets, words) = brat_offsets_and_text(doc, pieces);
            let _ = writeln!(ann, "T{t}\t{kind} {offsets}\t{words}");
            format!("T{t}")
        };
        let mut attribute = |ann: &mut String, what: &str, id: &str| {
            attr += 1;
            let _ = writeln!(ann, "A{attr}\t{what} {id}");
        };
        for s in spans_kept(e, selection) {
            let kind = one_word(&s.label);
            let id = text_bound(&mut ann, &kind, std::slice::from_ref(&s.range));
            types.insert(kind);
            if s.status == Status::Rejected {
                attribute(&mut ann, "Rejected", &id);
            }
            report.spans += 1;
        }
        tell_renamed(report, spans_kept(e, selection).map(|s| s.label.as_str()), "brat");
        for c in claims_kept(e, selection) {
            let content = text_bound(&mut ann, "Content", &c.content_pieces());
            let cue = c.cue.as_ref().map(|r| text_bound(&mut ann, "Cue", std::slice::from_ref(r)));
            let source = c.claimant.as_ref().map(|w| text_bound(&mut ann, "Source", std::slice::from_ref(&w.range)));
            let trigger =
                text_bound(&mut ann, "Attribution", std::slice::from_ref(c.cue.as_ref().unwrap_or(&c.content)));
            ev += 1;
            let mut roles = format!("Attribution:{trigger} Content:{content}");
            if let Some(cue) = cue {
                roles += &format!(" Cue:{cue}");
            }
            if let Some(source) = source {
                roles += &format!(" Source:{source}");
            }
            let _ = writeln!(ann, "E{ev}\t{roles}");
            let event = format!("E{ev}");
            if c.status == Status::Rejected {
                attribute(&mut ann, "Rejected", &event);
            }
            if let Some(w) = c.checkworthy {
                attribute(&mut ann, "Checkworthy", &format!("{event} {}", if w >= 0.5 { "High" } else { "Low" }));
                note += 1;
                let _ = writeln!(ann, "#{note}\tAnnotatorNotes E{ev}\tcheckworthy {w:.2}");
            }
            if let Some(worth) = c.checkworthy_by_hand {
                attribute(&mut ann, "CheckworthyByHand", &format!("{event} {}", if worth { "Yes" } else { "No" }));
            }
            report.claims += 1;
        }
        let name = unique_safe_name(&mut names, &e.name)?;
        write_file(&inside(dir, dir.join(format!("{name}.txt")))?, doc.text())?;
        write_file(&inside(dir, dir.join(format!("{name}.ann")))?, &ann)?;
    }
    write_file(&dir.join("annotation.conf"), &brat_conf(&types))
}
