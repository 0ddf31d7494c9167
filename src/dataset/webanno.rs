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

use super::export::{LeftOut, Report, claims_kept, spans_kept, write_file};
use super::import::{Batch, GivenSpan, Imported, NotHeld};
use super::{Entry, Selection, UniqueNames};
use crate::annotation::Status;
use crate::doc::Document;
use crate::offsets::CharMap;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

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

// ---------------------------------------------------------------------------------------------
// Import

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Span,
    Relation,
    Chain,
}

/// A layer the header declares, with its feature columns in order.
#[derive(Debug)]
struct Layer {
    kind: Kind,
    name: String,
    features: Vec<String>,
}

impl Layer {
    /// The header line's layer: `#T_SP=name|feature|…`.
    fn parse(line: &str) -> Option<Layer> {
        let kind = match line.get(..6)? {
            "#T_SP=" => Kind::Span,
            "#T_RL=" => Kind::Relation,
            "#T_CH=" => Kind::Chain,
            _ => return None,
        };
        let mut fields = line[6..].split('|').filter(|f| !f.is_empty());
        let name = fields.next().unwrap_or_default().to_string();
        let mut features: Vec<String> = fields.map(String::from).collect();
        if features.is_empty() {
            features.push(String::new()); // a layer without features still has its column
        }
        Some(Layer { kind, name, features })
    }

    /// Whether column `k` holds slot targets (after a `ROLE_` column): their `[N]` is their own.
    fn is_slot_target(&self, k: usize) -> bool {
        k > 0 && self.features.get(k - 1).is_some_and(|f| f.starts_with("ROLE_"))
    }

    /// What the import report calls this layer's annotations.
    fn what(&self) -> String {
        let short = self.name.rsplit('.').next().unwrap_or(&self.name);
        match self.kind {
            Kind::Span => format!("{short} annotations (WebAnno span layer {})", self.name),
            Kind::Relation => format!("{short} relations (WebAnno relation layer {})", self.name),
            Kind::Chain => format!("{short} chain links (WebAnno chain layer {})", self.name),
        }
    }
}

/// A span annotation as it is read: UTF-16 offsets, the line it starts on, a value per feature.
struct Annotation {
    layer: usize,
    units: Range<usize>,
    line: usize,
    values: Vec<Option<String>>,
}

/// Where the reader is between lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    BetweenSentences,
    SentenceHeader,
    Tokens,
}

struct Reader<'a> {
    path: &'a Path,
    layers: Vec<Layer>,
    text: String,
    /// The text's length in UTF-16 units.
    units: usize,
    sentences: usize,
    sentence_text: String,
    /// The sentence being read does not start where its text was placed: its rows are skipped.
    skewed: bool,
    state: State,
    annotations: Vec<Annotation>,
    by_id: HashMap<(usize, u64), usize>,
    /// Per relation or chain layer: how many relations, and the chain links seen (`chain-link`).
    relations: BTreeMap<usize, usize>,
    links: BTreeMap<usize, HashSet<String>>,
    not_held: NotHeld,
}

/// Reads a WebAnno TSV 3 file: one document, named after the file (`report.tsv` → `report`).
pub fn read(source: &str, file_name: &str, path: &Path) -> anyhow::Result<Batch> {
    let lines = java_lines(source.strip_prefix('\u{feff}').unwrap_or(source));
    let format = lines.first().copied().unwrap_or_default();
    if !format.starts_with("#FORMAT=WebAnno TSV 3") {
        anyhow::bail!("{}, line 1: not WebAnno TSV 3 (it should start with #FORMAT=WebAnno TSV 3.3)", path.display());
    }
    let layers: Vec<Layer> = lines.iter().skip(1).map_while(|l| Layer::parse(l)).collect();
    let mut reader = Reader {
        path,
        text: String::new(),
        units: 0,
        sentences: 0,
        sentence_text: String::new(),
        skewed: false,
        state: State::BetweenSentences,
        annotations: Vec::new(),
        by_id: HashMap::new(),
        relations: BTreeMap::new(),
        links: BTreeMap::new(),
        not_held: NotHeld::default(),
        layers,
    };
    let escapes = text_escapes();
    for (i, line) in lines.iter().enumerate().skip(1 + reader.layers.len()) {
        reader.line(line, i + 1, &escapes)?;
    }
    reader.finish(file_name, lines.len())
}

impl Reader<'_> {
    fn line(&mut self, line: &str, n: usize, escapes: &[(String, String)]) -> anyhow::Result<()> {
        if line.is_empty() {
            if self.state == State::SentenceHeader {
                self.place(None, n)?; // a sentence without tokens: its text still belongs to the document
            }
            self.state = State::BetweenSentences;
        } else if line.starts_with('#') {
            self.state = State::SentenceHeader;
            if let Some(text) = line.strip_prefix("#Text=") {
                self.sentence_text.push_str(&replace_each(text, escapes, true));
                self.sentence_text.push('\n');
            } else if line.starts_with("#Sentence.id=") {
                self.not_held.add("WebAnno sentence ids", 1);
            }
        } else {
            let offsets = line.split('\t').nth(1).and_then(offsets);
            if self.state == State::SentenceHeader {
                self.place(offsets.as_ref().map(|o| o.start), n)?;
            }
            let why = match (self.state, offsets) {
                (State::BetweenSentences, _) => {
                    Some("a token row outside a sentence (no #Text= line before it)".into())
                }
                (_, None) => Some("its second column is not the token's offsets (BEGIN-END)".into()),
                (_, Some(_)) if self.skewed => None,
                (_, Some(units)) => self.row(line, units, n).err(),
            };
            if let Some(why) = why {
                self.not_held.unreadable.push(format!("{}, line {n}: {why}; the row was skipped", self.path.display()));
            }
            if self.state == State::SentenceHeader {
                self.state = State::Tokens;
            }
        }
        Ok(())
    }

    /// Puts the sentence read so far into the text where its first token (at `begin`) says, as
    /// INCEpTION's reader does.
    fn place(&mut self, begin: Option<usize>, n: usize) -> anyhow::Result<()> {
        let begin = begin.unwrap_or(self.units);
        if self.units > begin && self.text.ends_with('\n') {
            self.text.pop();
            self.units -= 1;
        }
        if self.units < begin {
            let gap = begin - self.units;
            if self.text.len().saturating_add(gap) as u64 > crate::article::MAX_ARTICLE_BYTES {
                anyhow::bail!(
                    "{}, line {n}: the sentence starts at {begin}, {gap} characters after the text before it; no document is that long",
                    self.path.display()
                );
            }
            self.text.extend(std::iter::repeat_n(' ', gap));
            self.units = begin;
        }
        self.skewed = self.units != begin;
        if self.skewed {
            self.not_held.unreadable.push(format!(
                "{}, line {n}: the sentence's first token starts at {begin}, inside the sentence before it; its annotations were skipped",
                self.path.display()
            ));
        }
        self.units += self.sentence_text.encode_utf16().count();
        self.text.push_str(&self.sentence_text);
        self.sentence_text.clear();
        self.sentences += 1;
        Ok(())
    }

    /// A token or sub-token row's annotations.
    fn row(&mut self, line: &str, unit: Range<usize>, n: usize) -> Result<(), String> {
        let columns: usize = self.layers.iter().map(|l| l.features.len()).sum();
        let cells: Vec<&str> = line.split('\t').skip(3).collect();
        if cells.len() < columns {
            return Err(format!("{columns} annotation columns expected, {} found", cells.len()));
        }
        let mut cells = cells.into_iter();
        for layer in 0..self.layers.len() {
            let stacks: Vec<Vec<&str>> =
                cells.by_ref().take(self.layers[layer].features.len()).map(split_stack).collect();
            let depth = stacks.iter().map(Vec::len).max().unwrap_or(0);
            for i in 0..depth {
                let entries: Vec<Option<&str>> = stacks.iter().map(|s| s.get(i).copied()).collect();
                match self.layers[layer].kind {
                    Kind::Span => self.span(layer, &entries, unit.clone(), n)?,
                    Kind::Relation => *self.relations.entry(layer).or_default() += 1,
                    Kind::Chain => self.chain(layer, &entries),
                }
            }
        }
        Ok(())
    }

    /// One stacked entry of a span layer in a row: a new annotation, or more of one seen before.
    fn span(&mut self, layer: usize, entries: &[Option<&str>], unit: Range<usize>, line: usize) -> Result<(), String> {
        let mut id = None;
        let mut values = Vec::with_capacity(entries.len());
        for (k, entry) in entries.iter().enumerate() {
            let (value, own) = match entry {
                Some(raw) if !self.layers[layer].is_slot_target(k) => split_id(raw)?,
                other => (*other, None),
            };
            id = id.or(own);
            values.push(value.filter(|v| *v != "*").map(unescape_value));
        }
        match id.and_then(|id| self.by_id.get(&(layer, id)).copied()) {
            Some(seen) => {
                let a = &mut self.annotations[seen];
                a.units.end = unit.end;
                for (old, new) in a.values.iter_mut().zip(values) {
                    if old.is_none() {
                        *old = new;
                    }
                }
            }
            None => {
                if let Some(id) = id {
                    self.by_id.insert((layer, id), self.annotations.len());
                }
                self.annotations.push(Annotation { layer, units: unit, line, values });
            }
        }
        Ok(())
    }

    /// A chain entry: the link it is (`coref->1-2`: chain 1, link 2), counted once however many rows
    /// it covers.
    fn chain(&mut self, layer: usize, entries: &[Option<&str>]) {
        let links = self.links.entry(layer).or_default();
        let link = entries.iter().flatten().find_map(|e| e.rsplit_once("->").map(|(_, l)| l.to_string()));
        match link {
            Some(link) => links.insert(link),
            None => links.insert(format!("#{}", links.len())),
        };
    }

    fn finish(mut self, file_name: &str, lines: usize) -> anyhow::Result<Batch> {
        if self.state == State::SentenceHeader {
            self.place(None, lines)?;
        }
        if self.sentences == 0 {
            anyhow::bail!("{}: no sentences (no #Text= line followed by token rows)", self.path.display());
        }
        // INCEpTION's reader ends every sentence with a line break, the last one too.
        if self.text.ends_with('\n') {
            self.text.pop();
        }
        let chars = CharMap::new(&self.text);
        let mut spans = Vec::new();
        let mut others: BTreeMap<usize, usize> = BTreeMap::new();
        for a in std::mem::take(&mut self.annotations) {
            let layer = &self.layers[a.layer];
            if layer.name != NAMED_ENTITY {
                *others.entry(a.layer).or_default() += 1;
                continue;
            }
            if let Some(span) = self.entity(&chars, &a) {
                spans.push(span);
            }
        }
        for (layer, n) in others.into_iter().chain(self.relations.clone()) {
            self.not_held.add(self.layers[layer].what(), n);
        }
        for (layer, links) in &self.links {
            self.not_held.add(self.layers[*layer].what(), links.len());
        }
        let name = file_name.strip_suffix(".tsv").filter(|n| !n.is_empty()).unwrap_or(file_name).to_string();
        let doc = Imported { name, text: self.text, spans, ..Default::default() };
        Ok(Batch { docs: vec![doc], not_held: self.not_held })
    }

    /// A NamedEntity annotation as a span, or why it cannot be one (counted).
    fn entity(&mut self, chars: &CharMap, a: &Annotation) -> Option<GivenSpan> {
        let features = &self.layers[a.layer].features;
        for (f, v) in features.iter().zip(&a.values) {
            if f != "value" && v.is_some() {
                self.not_held.add(format!("NamedEntity {f} values (a feature Marginalia does not hold)"), 1);
            }
        }
        let label = features.iter().zip(&a.values).find(|(f, _)| *f == "value").and_then(|(_, v)| v.clone());
        let Some(label) = label.filter(|l| !l.trim().is_empty()) else {
            self.not_held.add("NamedEntity annotations without a value (no label to give them)", 1);
            return None;
        };
        if a.units.is_empty() {
            self.not_held.add("zero-width NamedEntity annotations (a span covers text)", 1);
            return None;
        }
        let Some(range) = chars.byte_range_of_utf16(&self.text, a.units.clone()) else {
            self.not_held.unreadable.push(format!(
                "{}, line {}: the NamedEntity at {}-{} is outside the text or splits a character; it was skipped",
                self.path.display(),
                a.line,
                a.units.start,
                a.units.end
            ));
            return None;
        };
        Some(GivenSpan { range, label, status: Status::Accepted, suggested: None })
    }
}

/// A row's `BEGIN-END`.
fn offsets(cell: &str) -> Option<Range<usize>> {
    let (b, e) = cell.split_once('-')?;
    let (b, e) = (b.parse().ok()?, e.parse().ok()?);
    (b <= e).then_some(b..e)
}

/// A cell's stacked values (none for `_`), split at the `|` that are not escaped.
fn split_stack(cell: &str) -> Vec<&str> {
    if cell == "_" {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in cell.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                parts.push(&cell[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&cell[start..]);
    parts
}

/// A value and its disambiguation ID (`PER[3]` → `PER`, 3), if it ends with an unescaped `]`.
fn split_id(raw: &str) -> Result<(Option<&str>, Option<u64>), String> {
    let body = raw.strip_suffix(']').filter(|b| b.chars().rev().take_while(|&c| c == '\\').count() % 2 == 0);
    let Some((value, id)) = body.and_then(|b| b.rsplit_once('[')) else { return Ok((Some(raw), None)) };
    let id = id.parse().map_err(|_| format!("the disambiguation ID in {raw:?} is not a number"))?;
    Ok((Some(value), Some(id)))
}

// ---------------------------------------------------------------------------------------------
// Export

/// A row: a token, or part of one (`Some(start, end)`, ordered as INCEpTION orders sub-tokens).
type Unit = (usize, Option<(usize, Reverse<usize>)>);

/// Writes each document of `entries` as `NAME.tsv` in the folder `dir`.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report, dir: &Path) -> anyhow::Result<()> {
    use super::folder::{inside, unique_safe_name};
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_text_escape_as_inception_does() {
        let nasty = "#*'\"`´\t:;{}|[ ]()\\§$%?=&_\n";
        let escaped = escape_value(nasty);
        assert_eq!(
            escaped, "#\\*'\"`´\\t:\\;{}\\|\\[ \\]()\\\\§$%?=&\\_\\n",
            "testTokenBoundedSpanWithSpecialSymbolsValue"
        );
        assert_eq!(unescape_value(&escaped), nasty);
        assert_eq!(escape_value("a->b"), "a\\->b");
        let escapes = text_escapes();
        assert_eq!(replace_each("a\tb\\c\r\u{1}", &escapes, false), "a\\tb\\\\c\\r\\\u{1}");
        assert_eq!(replace_each("a\\tb\\\\c\\r\\\u{1}", &escapes, true), "a\tb\\c\r\u{1}");
        assert_eq!(split_stack("PER[1]|A\\|B[2]"), ["PER[1]", "A\\|B[2]"]);
        assert_eq!(split_id("A\\]"), Ok((Some("A\\]"), None)));
        assert_eq!(split_id("A\\\\[12]"), Ok((Some("A\\\\"), Some(12))));
        assert!(split_id("A[x]").is_err());
    }

    /// A fixture from INCEpTION's test suite (see `tests/fixtures/webanno-tsv/README.md`), read.
    fn fixture(name: &str) -> Batch {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/webanno-tsv").join(name);
        let source = std::fs::read_to_string(&path).unwrap();
        read(&source, name, &path).unwrap()
    }

    /// Each span as its label and the text it covers.
    fn labelled(batch: &Batch) -> Vec<(String, String)> {
        let doc = &batch.docs[0];
        doc.spans.iter().map(|s| (s.label.clone(), doc.text[s.range.clone()].to_string())).collect()
    }

    fn counts(batch: &Batch) -> Vec<(&str, usize)> {
        batch.not_held.counts.iter().map(|(w, n)| (w.as_str(), *n)).collect()
    }

    #[test]
    fn inception_s_example_gives_its_entities_and_counts_pos_and_dependencies() {
        let batch = fixture("example2.tsv");
        let doc = &batch.docs[0];
        assert_eq!(doc.name, "example2");
        assert!(doc.text.starts_with("Ms. Haag plays Elianti .\nRolls-Royce Motor Cars Inc. said"), "{}", doc.text);
        assert!(doc.text.ends_with("building products ."), "no line break added after the last sentence");
        assert_eq!(doc.text.encode_utf16().count(), 444, "the last token ends at 444");
        let mut spans = labelled(&batch);
        spans.sort();
        let expected = [
            ("LOC", "Los Angeles"),
            ("LOC", "U.S."),
            ("LOC", "U.S."),
            ("ORG", "BELL INDUSTRIES Inc."),
            ("ORG", "Bell"),
            ("ORG", "Rolls-Royce Motor"),
            ("OTH", "Elianti"),
            ("PER", "BELL"),
            ("PER", "Ms. Haag"),
        ];
        assert_eq!(spans, expected.map(|(l, t)| (l.to_string(), t.to_string())));
        assert!(doc.spans.iter().all(|s| s.status == Status::Accepted));
        assert_eq!(
            counts(&batch),
            [
                (
                    "Dependency relations (WebAnno relation layer de.tudarmstadt.ukp.dkpro.core.api.syntax.type.dependency.Dependency)",
                    86
                ),
                ("POS annotations (WebAnno span layer de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS)", 86),
            ]
        );
        assert!(batch.not_held.unreadable.is_empty(), "{:?}", batch.not_held.unreadable);
    }

    #[test]
    fn entities_without_a_label_or_text_are_counted_not_imported() {
        let batch = fixture("testAnnotationWithLeadingWhitespace.tsv");
        assert_eq!(batch.docs[0].text, "one  two");
        assert!(batch.docs[0].spans.is_empty());
        assert_eq!(counts(&batch), [("NamedEntity annotations without a value (no label to give them)", 1)]);
        let batch = fixture("testZeroWidthAnnotationBetweenTokenIsMovedToEndOfPreviousToken.tsv");
        assert_eq!(counts(&batch), [("NamedEntity annotations without a value (no label to give them)", 1)]);
    }

    #[test]
    fn other_layers_are_counted_by_name_sub_tokens_and_stacks_included() {
        let stacked = fixture("testStackedSubMultiTokenSpanWithFeatureValue.tsv");
        assert_eq!(stacked.docs[0].text, "aaaaaa bbbbbb cccccc");
        assert_eq!(counts(&stacked), [("Span annotations (WebAnno span layer webanno.custom.Span)", 24)]);
        let chain = fixture("testSimpleChain.tsv");
        assert_eq!(counts(&chain), [("SimpleLink chain links (WebAnno chain layer webanno.custom.SimpleLink)", 3)]);
        let relation = fixture("testSubTokenRelation.tsv");
        assert_eq!(
            counts(&relation),
            [
                ("Relation relations (WebAnno relation layer webanno.custom.Relation)", 1),
                ("Span annotations (WebAnno span layer webanno.custom.Span)", 2),
            ]
        );
        let nasty = fixture("testTokenBoundedSpanWithNastyFeatureValue.tsv");
        assert!(nasty.docs[0].spans.is_empty(), "a value naming the NamedEntity type is no NamedEntity");
        // Five one-token annotations: without an `[N]`, each row's is its own.
        assert_eq!(counts(&nasty), [("Span annotations (WebAnno span layer webanno.custom.Span)", 5)]);
        let ids = fixture("testSentenceId.tsv");
        assert_eq!(ids.docs[0].text, "He loves her .\nShe loves him not .");
        assert_eq!(counts(&ids), [("WebAnno sentence ids", 2)]);
    }

    #[test]
    fn the_text_comes_back_as_inception_s_reader_rebuilds_it() {
        assert_eq!(fixture("testSentenceWithEmoji.tsv").docs[0].text, "I like it 😊 .");
        assert_eq!(fixture("testSentenceWithLineBreak.tsv").docs[0].text, "This is\na test .");
        assert_eq!(fixture("testTwoSentencesWithNoSpaceInBetween.tsv").docs[0].text, "onetwo");
    }

    #[test]
    fn broken_rows_are_reported_with_their_line_and_the_rest_is_read() {
        let tsv = format!(
            "{HEADER}\n#Text=Ana met Bo\n1-1\t0-3\tAna\t*\tPER\t\n1-2\t4-x\tmet\t_\t_\t\n1-3\t8-10\tBo\t*[1]\tPER[y]\t\n\n#Text=Hi\n2-1\t99-101\tHi\t*\tLOC\t\n2-2\t1-2\tHi\t_\n"
        );
        let batch = read(&tsv, "x.tsv", Path::new("x.tsv")).unwrap();
        assert_eq!(batch.docs[0].text, format!("Ana met Bo\n{}Hi", " ".repeat(88)));
        assert_eq!(labelled(&batch), [("PER".to_string(), "Ana".to_string()), ("LOC".into(), "Hi".into())]);
        let unreadable = batch.not_held.unreadable.join("\n");
        for said in [
            "x.tsv, line 7: its second column is not the token's offsets",
            "x.tsv, line 8: the disambiguation ID in \"PER[y]\" is not a number",
            "x.tsv, line 12: 2 annotation columns expected, 1 found",
        ] {
            assert!(unreadable.contains(said), "{said:?} in\n{unreadable}");
        }
        let far = format!("{HEADER}\n#Text=Hi\n1-1\t99999999999-99999999999\tHi\t_\t_\t\n");
        let err = read(&far, "far.tsv", Path::new("far.tsv")).unwrap_err().to_string();
        assert!(err.contains("far.tsv, line 6") && err.contains("no document is that long"), "{err}");
        assert!(read("#FORMAT=WebAnno TSV 2\n", "a.tsv", Path::new("a.tsv")).is_err());
        assert!(read(HEADER, "a.tsv", Path::new("a.tsv")).unwrap_err().to_string().contains("no sentences"));
    }

    proptest::proptest! {
        #[test]
        fn garbled_files_never_panic(cuts in proptest::collection::vec((0usize..4000, proptest::prelude::any::<char>()), 0..12)) {
            let mut source: Vec<char> = include_str!("../../tests/fixtures/webanno-tsv/testStackedSubMultiTokenSpanWithFeatureValue.tsv").chars().collect();
            source.extend(include_str!("../../tests/fixtures/webanno-tsv/example2.tsv").chars().skip(24));
            for (at, c) in cuts {
                let at = at % source.len();
                match c as u32 % 3 {
                    0 => source[at] = c,
                    1 => { source.remove(at); }
                    _ => source.insert(at, ['\t', '\n', '|', '[', ']', '-', '\\', '#', '_', '*'][c as usize % 10]),
                }
            }
            let source: String = source.into_iter().collect();
            let _ = read(&source, "g.tsv", Path::new("g.tsv"));
        }
    }

    #[test]
    fn java_lines_end_at_any_line_break() {
        assert_eq!(java_lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"]);
    }
}
