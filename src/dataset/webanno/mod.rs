//! WebAnno TSV 3.3, the text format INCEpTION and WebAnno import and export (their documentation,
//! "WebAnno TSV 3.3 File format"): a header naming the layers and their features
//! (`#T_SP=` span, `#T_RL=` relation, `#T_CH=` chain layers), then each sentence as its `#Text=` lines
//! and one row per token — `sentence-token`, `begin-end`, the token, one cell per feature — with
//! sub-token rows (`1-3.1`) for what covers part of a token. Offsets count UTF-16 code units (Java
//! string positions, through [`crate::offsets::CharMap`]). A cell is `_` (no annotation), `*` (an
//! annotation without a value) or values stacked with `|`; `[N]` ties the rows of one annotation that
//! spans several rows or shares a row with another of its layer.
//!
//! **Export** writes a folder, one `NAME.tsv` per document, with one layer: DKPro Core's
//! `NamedEntity` (`identifier`, `value`), which every INCEpTION project has. A label is the `value`;
//! the identifier (a knowledge-base link) is `*`. Claims are counted as left out: INCEpTION imports a
//! custom layer only into a project that defines it first, and a file with an unknown layer is
//! refused whole — a file every project reads is worth more than claims that would block it. Rejected
//! spans are left out too (the format has no negative examples), and so are spans that start or end
//! in white space (rows are tokens or parts of them). Marginalia's own tokens and sentences are the
//! rows; each sentence's `#Text=` runs to the next sentence's first token, white space included, so
//! that the document's text comes back exactly (the format keeps no text between sentences).
//!
//! **Import** rebuilds the text as INCEpTION's reader does — each sentence's `#Text=` lines joined with
//! line breaks, placed at its first token's offset, a gap filled with spaces, the line break dropped
//! where the next sentence starts at once — without the line break it adds after the last sentence.
//! `NamedEntity` annotations are the spans, their `value` the label; everything else (other span
//! layers such as POS or lemmas, relation layers such as dependencies, chains such as coreference,
//! other `NamedEntity` features, sentence ids, zero-width or unlabelled entities) is counted as not
//! held, by layer.

mod reader;
#[cfg(test)]
mod tests;
mod writer;

pub use reader::read;
pub use writer::write;

use std::collections::HashSet;

/// DKPro Core's named-entity layer, the one Marginalia's entities are.
pub const NAMED_ENTITY: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";

/// The header Marginalia writes: the format, the one layer, and the two blank lines before the body.
const HEADER: &str =
    "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n\n";

/// A feature value's reserved characters and their escapes (`->` is one unit, as the format has it).
const VALUE_ESCAPES: [(&str, &str); 10] = [
    ("\\", "\\\\"),
    ("[", "\\["),
    ("]", "\\]"),
    ("|", "\\|"),
    ("_", "\\_"),
    ("->", "\\->"),
    (";", "\\;"),
    ("\t", "\\t"),
    ("\n", "\\n"),
    ("*", "\\*"),
];

/// A `#Text=` line's escapes: control characters (a backslash before them, or their Java escape)
/// and the backslash itself.
fn text_escapes() -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = (0u8..32)
        .filter(|c| !(8..14).contains(c))
        .map(|c| ((c as char).to_string(), format!("\\{}", c as char)))
        .collect();
    for (plain, escaped) in
        [("\t", "\\t"), ("\n", "\\n"), ("\u{c}", "\\f"), ("\r", "\\r"), ("\u{8}", "\\b"), ("\\", "\\\\")]
    {
        pairs.push((plain.into(), escaped.into()));
    }
    pairs
}

/// `s` with every `from` of `pairs` replaced by its `to`, left to right (the first pair that matches
/// at a position wins), as Apache Commons' `replaceEach` does for INCEpTION. `reverse`: to → from.
fn replace_each<S: AsRef<str>>(s: &str, pairs: &[(S, S)], reverse: bool) -> String {
    fn side<S: AsRef<str>>(p: &(S, S), reverse: bool) -> (&str, &str) {
        if reverse { (p.1.as_ref(), p.0.as_ref()) } else { (p.0.as_ref(), p.1.as_ref()) }
    }
    let firsts: HashSet<u8> = pairs.iter().filter_map(|p| side(p, reverse).0.as_bytes().first().copied()).collect();
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let hit = if firsts.contains(&rest.as_bytes()[0]) {
            pairs.iter().map(|p| side(p, reverse)).find(|(from, _)| !from.is_empty() && rest.starts_with(from))
        } else {
            None
        };
        match hit {
            Some((from, to)) => {
                out.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

fn escape_value(v: &str) -> String {
    replace_each(v, &VALUE_ESCAPES, false)
}

fn unescape_value(v: &str) -> String {
    replace_each(v, &VALUE_ESCAPES, true)
}

/// The lines of a file as Java reads them: ended by `\n`, `\r\n` or `\r`.
fn java_lines(source: &str) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                lines.push(&source[start..i]);
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        lines.push(&source[start..]);
    }
    lines
}
