//! Reading WebAnno TSV 3 (see the module above for how the text and the entities are rebuilt).

use super::super::import::{Batch, GivenSpan, Imported, NotHeld};
use super::*;
use crate::annotation::Status;
use crate::offsets::CharMap;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

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

/// Why a token row was skipped (the rest of the file is read, and the row reported with its line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum BadRow {
    #[error("a token row outside a sentence (no #Text= line before it)")]
    OutsideSentence,
    #[error("its second column is not the token's offsets (BEGIN-END)")]
    NoOffsets,
    #[error("{expected} annotation columns expected, {found} found")]
    Columns { expected: usize, found: usize },
    #[error("the disambiguation ID in {raw:?} is not a number")]
    Id { raw: String },
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
                (State::BetweenSentences, _) => Some(BadRow::OutsideSentence),
                (_, None) => Some(BadRow::NoOffsets),
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
    fn row(&mut self, line: &str, unit: Range<usize>, n: usize) -> Result<(), BadRow> {
        let columns: usize = self.layers.iter().map(|l| l.features.len()).sum();
        let cells: Vec<&str> = line.split('\t').skip(3).collect();
        if cells.len() < columns {
            return Err(BadRow::Columns { expected: columns, found: cells.len() });
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
    fn span(&mut self, layer: usize, entries: &[Option<&str>], unit: Range<usize>, line: usize) -> Result<(), BadRow> {
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
pub(super) fn split_stack(cell: &str) -> Vec<&str> {
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
pub(super) fn split_id(raw: &str) -> Result<(Option<&str>, Option<u64>), BadRow> {
    let body = raw.strip_suffix(']').filter(|b| b.chars().rev().take_while(|&c| c == '\\').count() % 2 == 0);
    let Some((value, id)) = body.and_then(|b| b.rsplit_once('[')) else { return Ok((Some(raw), None)) };
    let id = id.parse().map_err(|_| BadRow::Id { raw: raw.to_string() })?;
    Ok((Some(value), Some(id)))
}
