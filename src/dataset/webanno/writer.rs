//! Writing WebAnno TSV 3.3, one file per document (see the module above for what is written).

use super::super::export::{LeftOut, Report, claims_kept, spans_kept, write_file};
use super::super::{Entry, Selection, UniqueNames};
use super::*;
use crate::annotation::Status;
use crate::doc::Document;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

/// A row: a token, or part of one (`Some(start, end)`, ordered as INCEpTION orders sub-tokens).
type Unit = (usize, Option<(usize, Reverse<usize>)>);

/// Writes each document of `entries` as `NAME.tsv` in the folder `dir`.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report, dir: &Path) -> anyhow::Result<()> {
    use super::super::folder::{inside, unique_safe_name};
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("could not make the folder {}: {e}", dir.display()))?;
    let mut names = UniqueNames::default();
    for e in entries {
        let tsv = document(e, selection, report);
        let name = unique_safe_name(&mut names, &e.name)?;
        write_file(&inside(dir, dir.join(format!("{name}.tsv")))?, &tsv)?;
    }
    Ok(())
}

/// One document's file: its accepted spans on the rows of its tokens and parts of tokens.
fn document(e: &Entry, selection: Selection, report: &mut Report) -> String {
    report.skip(
        LeftOut::Format("claims (WebAnno TSV goes out with INCEpTION's NamedEntity layer only)"),
        claims_kept(e, selection).count(),
    );
    let doc = &e.doc;
    let mut labels: Vec<&str> = Vec::new();
    let mut rows: BTreeMap<Unit, Vec<usize>> = BTreeMap::new();
    let mut multi: Vec<bool> = Vec::new();
    for s in spans_kept(e, selection) {
        if s.status == Status::Rejected {
            report.skip(LeftOut::Format("rejected spans (WebAnno TSV has no negative examples)"), 1);
            continue;
        }
        let Some(units) = units_of(doc, &s.range) else {
            report.skip(LeftOut::Format("spans starting or ending in white space (WebAnno TSV rows are tokens)"), 1);
            continue;
        };
        multi.push(units.len() > 1);
        for u in units {
            rows.entry(u).or_default().push(labels.len());
        }
        labels.push(&s.label);
        report.spans += 1;
    }
    // An annotation over several rows, or sharing a row with another, is told by its ID.
    for on_row in rows.values().filter(|a| a.len() > 1) {
        on_row.iter().for_each(|&a| multi[a] = true);
    }
    let mut next = 0;
    let ids: Vec<Option<usize>> = multi
        .iter()
        .map(|&m| {
            next += usize::from(m);
            m.then_some(next)
        })
        .collect();
    let cells = |annotations: Option<&Vec<usize>>| match annotations {
        None => "_\t_".to_string(),
        Some(a) => {
            let id = |k: usize| ids[k].map(|i| format!("[{i}]")).unwrap_or_default();
            let identifiers: Vec<String> = a.iter().map(|&k| format!("*{}", id(k))).collect();
            let values: Vec<String> = a.iter().map(|&k| format!("{}{}", escape_value(labels[k]), id(k))).collect();
            format!("{}\t{}", identifiers.join("|"), values.join("|"))
        }
    };
    body(doc, &rows, cells)
}

/// The rows `range` covers: its tokens, and the parts of the first and last it covers only partly;
/// `None` when it starts or ends in white space (or covers no token).
fn units_of(doc: &Document, range: &Range<usize>) -> Option<Vec<Unit>> {
    let tokens = doc.tokens();
    let first = tokens.partition_point(|t| t.range.end <= range.start);
    let end = tokens.partition_point(|t| t.range.start < range.end);
    if first >= end {
        return None;
    }
    let (a, b) = (&tokens.get(first)?.range, &tokens.get(end - 1)?.range);
    if a.start > range.start || b.end < range.end {
        return None;
    }
    Some(
        (first..end)
            .filter_map(|i| {
                let t = &tokens.get(i)?.range;
                let part = range.start.max(t.start)..range.end.min(t.end);
                Some(if part == *t { (i, None) } else { (i, Some((part.start, Reverse(part.end)))) })
            })
            .collect(),
    )
}

/// The header and the sentences: each one's `#Text=` lines, then its token rows, each followed by its
/// sub-token rows.
fn body(doc: &Document, rows: &BTreeMap<Unit, Vec<usize>>, cells: impl Fn(Option<&Vec<usize>>) -> String) -> String {
    let (text, tokens) = (doc.text(), doc.tokens());
    let units = |r: Range<usize>| doc.chars().utf16_range(text, r).unwrap_or(0..0);
    let escapes = text_escapes();
    let starts = sentence_starts(doc);
    let mut out = String::from(HEADER);
    for (k, &first) in starts.iter().enumerate() {
        let last = starts.get(k + 1).copied().unwrap_or(tokens.len());
        let from = tokens.get(first).map_or(text.len(), |t| t.range.start);
        let to = tokens.get(last).map_or(text.len(), |t| t.range.start);
        out.push('\n');
        for line in text[from..to].split('\n') {
            let _ = writeln!(out, "#Text={}", replace_each(line, &escapes, false));
        }
        for (j, token) in tokens[first..last].iter().enumerate() {
            let i = first + j;
            let r = units(token.range.clone());
            let _ = writeln!(
                out,
                "{}-{}\t{}-{}\t{}\t{}\t",
                k + 1,
                j + 1,
                r.start,
                r.end,
                &text[token.range.clone()],
                cells(rows.get(&(i, None)))
            );
            let parts = rows.range((i, Some((0, Reverse(usize::MAX))))..(i + 1, None));
            for (m, ((_, part), on)) in parts.enumerate() {
                let Some((start, Reverse(end))) = *part else { continue };
                let r = units(start..end);
                let _ = writeln!(
                    out,
                    "{}-{}.{}\t{}-{}\t{}\t{}\t",
                    k + 1,
                    j + 1,
                    m + 1,
                    r.start,
                    r.end,
                    &text[start..end],
                    cells(Some(on))
                );
            }
        }
    }
    out
}

/// The tokens that begin a sentence: the first, and each in another sentence than the one before.
fn sentence_starts(doc: &Document) -> Vec<usize> {
    let sentence = |i: usize| doc.tokens().get(i).and_then(|t| doc.sentence_of(t.range.start)).map(|s| s.start);
    (0..doc.tokens().len()).filter(|&i| i == 0 || sentence(i) != sentence(i - 1)).collect()
}
