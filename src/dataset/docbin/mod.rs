//! spaCy's DocBin (`.spacy`), the file `spacy train` reads: zlib-compressed MessagePack holding,
//! for all documents together, one `uint64` row per token (`attrs` says the columns: `ORTH`, the
//! token's text, first), a trailing-space flag per token (`spaces`), each document's token count
//! (`lengths`), the strings the rows name by hash (`strings`, see [`murmur`]), and per document its
//! categories, span groups and (`store_user_data`) user data — as `spacy/tokens/_serialize.py`
//! writes it.
//!
//! spaCy rebuilds a document's text from its tokens and one space after each where the flag says
//! so; so white space that is not a single space after a word (a line break, `\n\n`, a
//! non-breaking space, two spaces, leading white space) is written as a token of its own, as
//! spaCy's tokenizer makes it, and `doc.text` is the text character for character. Marginalia's
//! tokens are cut where a span starts or ends inside one, so every span is whole tokens.
//!
//! Written per document: `doc.ents` from `ENT_IOB` / `ENT_TYPE` — the accepted spans, the longest
//! (in characters) first where they overlap (entities cannot); every accepted span in the span group
//! `doc.spans["sc"]` (spaCy's span categorizer's key, which may overlap), so none is lost;
//! rejected spans, when asked for, in `doc.spans["rejected"]`; the document's name, title, URL,
//! date and author in `doc.user_data`. Claims are not entity data: counted as left out.
//!
//! Read: the text, `doc.ents`, `sc` (spans not already among the entities) and `rejected`; what
//! Marginalia cannot hold (tags, lemmas, dependencies, morphology, other span groups, categories,
//! other user data) is counted. The file inflates to at most [`MAX_INFLATED`] bytes.

mod murmur;
mod symbols;

use super::export::{LeftOut, Report, claims_kept, cp, spans_kept};
use super::import::{Batch, GivenSpan, Imported, NotHeld};
use super::spacy_tokens::{spacy_tokens, whole_tokens};
use super::{Entry, Selection};
use crate::annotation::{Meta, Span, Status};
use crate::ner::tags::{O, TagSet, spans_of};
use murmur::{string_id, symbol};
use rmpv::Value;
use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::ops::Range;
use std::path::Path;

/// spaCy's attribute ids (`spacy/attrs.pyx`).
const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
/// `ENT_IOB` values: inside, outside, beginning (0 is "not annotated").
const IOB_I: u64 = 1;
const IOB_O: u64 = 2;
const IOB_B: u64 = 3;
/// The span groups Marginalia writes and reads.
const ALL_SPANS: &str = "sc";
const REJECTED: &str = "rejected";
/// `doc.user_data` keys Marginalia writes and reads.
const USER_DATA_KEYS: [&str; 5] = ["name", "title", "url", "date", "author"];
/// The most a DocBin may inflate to: what any data file may hold.
pub const MAX_INFLATED: u64 = crate::input::MAX_DATA_FILE;

/// The documents of `entries` as one DocBin, zlib-compressed.
pub fn write(entries: &[&Entry], selection: Selection, report: &mut Report) -> anyhow::Result<Vec<u8>> {
    let mut bin = Bin::default();
    for e in entries {
        bin.add(e, selection, report)?;
        report.skip(
            LeftOut::Format("claims (a spaCy DocBin holds entities and span groups, not claims)"),
            claims_kept(e, selection).count(),
        );
    }
    let mut out = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    out.write_all(&bin.message())?;
    Ok(out.finish()?)
}

/// What a DocBin holds, gathered one document at a time.
#[derive(Default)]
struct Bin {
    /// `ORTH`, `ENT_IOB`, `ENT_TYPE` of every token, row after row.
    rows: Vec<u64>,
    spaces: Vec<u8>,
    lengths: Vec<i32>,
    strings: BTreeSet<String>,
    span_groups: Vec<Value>,
    user_data: Vec<Value>,
}

impl Bin {
    fn add(&mut self, e: &Entry, selection: Selection, report: &mut Report) -> anyhow::Result<()> {
        let text = e.doc.text();
        let accepted: Vec<&Span> = spans_kept(e, selection).filter(|s| s.status == Status::Accepted).collect();
        let rejected: Vec<&Span> = spans_kept(e, selection).filter(|s| s.status == Status::Rejected).collect();
        let spans = || accepted.iter().chain(&rejected);
        let tokens = spacy_tokens(&e.doc, spans().map(|s| &s.range));
        let index = |s: &Span| {
            whole_tokens(&tokens, &s.range)
                .ok_or_else(|| anyhow::anyhow!("{}: span {:?} is not on spaCy token boundaries", e.name, s.range))
        };
        let mut tags = vec![(IOB_O, 0u64); tokens.len()];
        // Entities cannot overlap: the longest (then the first) of overlapping spans is the entity.
        let mut by_length = accepted.clone();
        by_length.sort_by_key(|s| (std::cmp::Reverse(cp(&e.doc, &s.range).len()), s.range.start));
        for s in by_length {
            let toks = index(s)?;
            if tags[toks.clone()].iter().all(|&(iob, _)| iob == IOB_O) {
                let label = self.string(&s.label);
                tags[toks.clone()].iter_mut().for_each(|t| *t = (IOB_I, label));
                tags[toks.start].0 = IOB_B;
            }
        }
        for (t, (iob, label)) in tokens.iter().zip(tags) {
            let orth = self.string(&text[t.range.clone()]);
            self.rows.extend([orth, iob, label]);
            self.spaces.push(u8::from(t.space));
        }
        self.lengths.push(i32::try_from(tokens.len())?);
        let mut groups = Vec::new();
        for (key, spans) in [(ALL_SPANS, &accepted), (REJECTED, &rejected)] {
            if !spans.is_empty() {
                let rows = spans.iter().map(|s| self.span_row(e, s, index(s)?)).collect::<anyhow::Result<Vec<_>>>()?;
                groups.push((key, rows));
            }
        }
        report.spans += accepted.len() + rejected.len();
        self.span_groups.push(Value::Binary(span_groups(groups)));
        self.user_data.push(Value::Binary(encode(&user_data(e))));
        Ok(())
    }

    /// The id of `s`, kept among the file's strings.
    fn string(&mut self, s: &str) -> u64 {
        if !s.is_empty() {
            self.strings.insert(s.to_string());
        }
        string_id(s)
    }

    /// A span as `SpanGroup.to_bytes` packs it: `>QQQllll` — id, knowledge-base id, label, first
    /// token, token after it, first character, character after it.
    fn span_row(&mut self, e: &Entry, s: &Span, toks: Range<usize>) -> anyhow::Result<Value> {
        let chars = cp(&e.doc, &s.range);
        let mut row = Vec::with_capacity(48);
        row.extend(0u64.to_be_bytes());
        row.extend(0u64.to_be_bytes());
        row.extend(self.string(&s.label).to_be_bytes());
        for n in [toks.start, toks.end, chars.start, chars.end] {
            row.extend(i32::try_from(n)?.to_be_bytes());
        }
        Ok(Value::Binary(row))
    }

    /// The MessagePack map `DocBin.to_bytes` compresses.
    fn message(self) -> Vec<u8> {
        let bytes = |v: Vec<u8>| Value::Binary(v);
        let docs = self.lengths.len();
        let flags = Value::Map(vec![(Value::from("has_unknown_spaces"), Value::Boolean(false))]);
        let map = vec![
            ("version", Value::from("0.1")),
            ("attrs", Value::Array([ORTH, ENT_IOB, ENT_TYPE].map(Value::from).to_vec())),
            ("tokens", bytes(self.rows.iter().flat_map(|r| r.to_le_bytes()).collect())),
            ("spaces", bytes(self.spaces)),
            ("lengths", bytes(self.lengths.iter().flat_map(|n| n.to_le_bytes()).collect())),
            ("strings", Value::Array(self.strings.into_iter().map(Value::from).collect())),
            ("cats", Value::Array(vec![Value::Map(Vec::new()); docs])),
            ("flags", Value::Array(vec![flags; docs])),
            ("span_groups", Value::Array(self.span_groups)),
            ("user_data", Value::Array(self.user_data)),
        ];
        encode(&Value::Map(map.into_iter().map(|(k, v)| (Value::from(k), v)).collect()))
    }
}

fn encode(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = rmpv::encode::write_value(&mut out, v);
    out
}

/// `SpanGroups.to_bytes`: a map from each group's bytes (`{name, attrs, spans}`) to its keys; an
/// empty list when there are none.
fn span_groups(groups: Vec<(&str, Vec<Value>)>) -> Vec<u8> {
    if groups.is_empty() {
        return encode(&Value::Array(Vec::new()));
    }
    let entries = groups.into_iter().map(|(key, rows)| {
        let group = Value::Map(vec![
            (Value::from("name"), Value::from(key)),
            (Value::from("attrs"), Value::Map(Vec::new())),
            (Value::from("spans"), Value::Array(rows)),
        ]);
        (Value::Binary(encode(&group)), Value::Array(vec![Value::from(key)]))
    });
    encode(&Value::Map(entries.collect()))
}

/// The document's name and what is known of its source, as `doc.user_data`.
fn user_data(e: &Entry) -> Value {
    let m = &e.annotations.meta;
    let values = [Some(&e.name), m.title.as_ref(), m.url.as_ref(), m.date.as_ref(), m.author.as_ref()];
    let pairs =
        USER_DATA_KEYS.iter().zip(values).filter_map(|(k, v)| Some((Value::from(*k), Value::from(v?.as_str()))));
    Value::Map(pairs.collect())
}

/// The documents of a DocBin (`bytes`, the file at `path`), each named by its user data's `name`,
/// else `stem` and its number.
pub fn read(bytes: &[u8], stem: &str, path: &Path) -> anyhow::Result<Batch> {
    let at = path.display();
    let mut inflated = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut inflated)
        .map_err(|e| anyhow::anyhow!("{at} is not a spaCy DocBin: its zlib data does not inflate ({e})"))?;
    if inflated.len() as u64 > MAX_INFLATED {
        anyhow::bail!("{at} inflates to more than {} MiB; Marginalia reads DocBins up to that", MAX_INFLATED >> 20);
    }
    let message = rmpv::decode::read_value(&mut inflated.as_slice())
        .map_err(|e| anyhow::anyhow!("{at} is zlib data but not a spaCy DocBin (not MessagePack: {e})"))?;
    drop(inflated);
    let bin = Columns::of(&message).map_err(|why| anyhow::anyhow!("{at} is not a spaCy DocBin: {why}"))?;
    let mut batch = Batch::default();
    bin.count_attributes(&mut batch.not_held);
    let mut start = 0;
    for (n, &len) in bin.lengths.iter().enumerate() {
        let rows = start..start + len;
        start += len;
        let mut not_held = NotHeld::default();
        match bin.document(n, rows, &mut not_held) {
            Ok(mut doc) => {
                if doc.name.is_empty() {
                    doc.name = format!("{stem}-{}", n + 1);
                }
                batch.docs.push(doc);
                batch.not_held.absorb(not_held);
            }
            Err(why) => batch.not_held.unreadable.push(format!("{at}, document {}: {why}", n + 1)),
        }
    }
    Ok(batch)
}

/// Why a file's message is not a DocBin: nothing of it is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum NotADocBin {
    #[error("its message is not a map")]
    NotAMap,
    #[error("it has no \"{0}\"")]
    Missing(&'static str),
    #[error("its \"{0}\" is not bytes")]
    NotBytes(&'static str),
    #[error("its \"attrs\" is not a list of attribute ids")]
    Attrs,
    #[error("its \"attrs\" has no ORTH (the tokens' text)")]
    NoOrth,
    #[error("its \"lengths\" or \"tokens\" is cut short")]
    CutShort,
    #[error("a document's length is negative")]
    NegativeLength,
    #[error(
        "its document lengths add up to {} tokens, but it holds {rows} tokens and {spaces} trailing-space flags",
        .total.map_or_else(|| "too many".to_string(), |t| t.to_string())
    )]
    Lengths { total: Option<usize>, rows: usize, spaces: usize },
    #[error("its \"strings\" is not a list")]
    Strings,
}

/// Why one document of a DocBin cannot be read; the others are read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum BadDocument {
    #[error("token {token}'s text ({id}) is not among its strings")]
    UnknownString { token: usize, id: u64 },
    #[error("it has no text")]
    NoText,
}

/// A DocBin's message, checked: its columns fit together.
struct Columns<'a> {
    attrs: Vec<u64>,
    tokens: &'a [u8],
    spaces: &'a [u8],
    lengths: Vec<usize>,
    strings: HashMap<u64, &'a str>,
    field: HashMap<&'a str, &'a Value>,
}

impl<'a> Columns<'a> {
    fn of(message: &'a Value) -> Result<Self, NotADocBin> {
        let Value::Map(pairs) = message else { return Err(NotADocBin::NotAMap) };
        let field: HashMap<&str, &Value> = pairs.iter().filter_map(|(k, v)| Some((k.as_str()?, v))).collect();
        let get = |k: &'static str| field.get(k).copied().ok_or(NotADocBin::Missing(k));
        let bin = |k: &'static str| get(k)?.as_slice().ok_or(NotADocBin::NotBytes(k));
        let attrs = get("attrs")?
            .as_array()
            .and_then(|a| a.iter().map(Value::as_u64).collect::<Option<Vec<_>>>())
            .ok_or(NotADocBin::Attrs)?;
        if !attrs.contains(&ORTH) {
            return Err(NotADocBin::NoOrth);
        }
        let (tokens, spaces) = (bin("tokens")?, bin("spaces")?);
        let lengths = bin("lengths")?;
        if lengths.len() % 4 != 0 || tokens.len() % (8 * attrs.len()) != 0 {
            return Err(NotADocBin::CutShort);
        }
        let lengths: Vec<usize> = lengths
            .chunks_exact(4)
            .map(|b| usize::try_from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])))
            .collect::<Result<_, _>>()
            .map_err(|_| NotADocBin::NegativeLength)?;
        let rows = tokens.len() / (8 * attrs.len());
        let total = lengths.iter().try_fold(0usize, |a, &b| a.checked_add(b));
        if total != Some(rows) || spaces.len() != rows {
            return Err(NotADocBin::Lengths { total, rows, spaces: spaces.len() });
        }
        let strings = get("strings")?.as_array().ok_or(NotADocBin::Strings)?;
        let strings = strings.iter().filter_map(Value::as_str).map(|s| (string_id(s), s)).collect();
        Ok(Columns { attrs, tokens, spaces, lengths, strings, field })
    }

    /// Column `attr` of token row `row`.
    fn value(&self, row: usize, attr: usize) -> u64 {
        let at = (row * self.attrs.len() + attr) * 8;
        self.tokens.get(at..at + 8).map_or(0, |b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }

    fn string(&self, id: u64) -> Option<&'a str> {
        symbol(id).or_else(|| self.strings.get(&id).copied())
    }

    /// Item `n` of the per-document list `key`, if the file has one.
    fn per_doc(&self, key: &str, n: usize) -> Option<&'a Value> {
        self.field.get(key).and_then(|v| v.as_array()).and_then(|a| a.get(n))
    }

    /// Token attributes Marginalia does not hold (tags, lemmas, dependencies…): how many tokens
    /// have each.
    fn count_attributes(&self, not_held: &mut NotHeld) {
        let rows = self.tokens.len() / (8 * self.attrs.len());
        for (col, &attr) in self.attrs.iter().enumerate().filter(|(_, a)| ![ORTH, ENT_IOB, ENT_TYPE].contains(a)) {
            let name = symbol(attr).map_or_else(|| format!("attribute {attr}"), String::from);
            let n = (0..rows).filter(|&r| self.value(r, col) != 0).count();
            not_held.add(format!("spaCy {name} values of tokens"), n);
        }
    }

    /// Document `n`, whose tokens are `rows`.
    fn document(&self, n: usize, rows: Range<usize>, not_held: &mut NotHeld) -> Result<Imported, BadDocument> {
        let col = |a: u64| self.attrs.iter().position(|&x| x == a);
        let orth = col(ORTH).unwrap_or(0);
        let unknown_spaces = self
            .per_doc("flags", n)
            .and_then(|f| map_get(f, "has_unknown_spaces"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut text = String::new();
        let mut ranges = Vec::with_capacity(rows.len());
        for (k, row) in rows.clone().enumerate() {
            let id = self.value(row, orth);
            let word = self.string(id).ok_or(BadDocument::UnknownString { token: k + 1, id })?;
            let start = text.len();
            text.push_str(word);
            ranges.push(start..text.len());
            if unknown_spaces || self.spaces.get(row).is_some_and(|&s| s != 0) {
                text.push(' ');
            }
        }
        if text.is_empty() {
            return Err(BadDocument::NoText);
        }
        let mut spans = match (col(ENT_IOB), col(ENT_TYPE)) {
            (Some(iob), Some(ty)) => self.entities(rows.clone(), &ranges, iob, ty, not_held),
            _ => Vec::new(),
        };
        let groups = self.per_doc("span_groups", n).and_then(Value::as_slice).unwrap_or_default();
        // `sc` holds the entities again (Marginalia writes every span there): each comes once.
        let mut entities: HashMap<(Range<usize>, String, Status), usize> = HashMap::new();
        for s in &spans {
            *entities.entry((s.range.clone(), s.label.clone(), s.status)).or_default() += 1;
        }
        for span in self.span_groups(groups, &ranges, not_held) {
            match entities.get_mut(&(span.range.clone(), span.label.clone(), span.status)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => spans.push(span),
            }
        }
        if let Some(cats) = self.per_doc("cats", n).and_then(Value::as_map) {
            not_held.add("spaCy document categories (cats)", cats.len());
        }
        let (name, meta) = self.user_data(n, not_held);
        Ok(Imported { name, text, meta, spans, claims: Vec::new() })
    }

    /// `doc.ents`: runs of tokens that `ENT_IOB` begins (3) and continues (1), labelled by `ENT_TYPE`,
    /// decoded as IOB2 by the tagger's one decoder ([`spans_of`]); an `I` that continues nothing
    /// begins an entity, as spaCy reads it.
    fn entities(
        &self,
        rows: Range<usize>,
        ranges: &[Range<usize>],
        iob: usize,
        ty: usize,
        not_held: &mut NotHeld,
    ) -> Vec<GivenSpan> {
        let mut types: Vec<&str> = Vec::new();
        // Each token's entity: whether it begins one, and the index of its label among `types`.
        let mut entity: Vec<Option<(bool, usize)>> = Vec::with_capacity(rows.len());
        for row in rows {
            let tag = self.value(row, iob);
            if tag != IOB_B && tag != IOB_I {
                entity.push(None);
                continue;
            }
            match self.string(self.value(row, ty)).filter(|l| !l.is_empty()) {
                Some(label) => {
                    let index = types.iter().position(|t| *t == label).unwrap_or(types.len());
                    if index == types.len() {
                        types.push(label);
                    }
                    entity.push(Some((tag == IOB_B, index)));
                }
                None => {
                    not_held.add("spaCy entities whose label is not among the file's strings", 1);
                    entity.push(None);
                }
            }
        }
        let set = TagSet::new(types.iter().map(|t| t.to_string()).collect());
        let mut tags: Vec<usize> = entity
            .iter()
            .map(|e| match *e {
                None => O,
                Some((true, t)) => set.begin(t),
                Some((false, t)) => set.inside(t),
            })
            .collect();
        set.to_iob2(&mut tags);
        spans_of(&set, &tags)
            .into_iter()
            .map(|(t, first, end)| GivenSpan {
                range: ranges[first].start..ranges[end - 1].end,
                label: types[t].into(),
                status: Status::Accepted,
                suggested: None,
            })
            .collect()
    }

    /// The spans of the groups `sc` (accepted) and `rejected`; other groups are counted.
    fn span_groups(&self, bytes: &[u8], ranges: &[Range<usize>], not_held: &mut NotHeld) -> Vec<GivenSpan> {
        let mut spans = Vec::new();
        for (group, keys) in groups(bytes, not_held) {
            let rows = map_get(&group, "spans").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            for key in keys {
                let status = match key.as_str() {
                    ALL_SPANS => Status::Accepted,
                    REJECTED => Status::Rejected,
                    other => {
                        not_held.add(format!("spans in the spaCy span group \"{other}\""), rows.len());
                        continue;
                    }
                };
                for row in rows {
                    match row.as_slice().and_then(|r| self.group_span(r, ranges)) {
                        Some((range, label)) => {
                            spans.push(GivenSpan { range, label: label.into(), status, suggested: None })
                        }
                        None => not_held.add(format!("spans in \"{key}\" outside their document or unlabelled"), 1),
                    }
                }
            }
        }
        spans
    }

    /// One packed span (`>QQQllll`): its bytes, from its tokens, and its label.
    fn group_span(&self, row: &[u8], ranges: &[Range<usize>]) -> Option<(Range<usize>, &'a str)> {
        let u64_at = |i: usize| Some(u64::from_be_bytes(row.get(i..i + 8)?.try_into().ok()?));
        let i32_at = |i: usize| usize::try_from(i32::from_be_bytes(row.get(i..i + 4)?.try_into().ok()?)).ok();
        let (start, end) = (i32_at(24)?, i32_at(28)?);
        let label = self.string(u64_at(16)?).filter(|l| !l.is_empty())?;
        (start < end).then_some(())?;
        Some((ranges.get(start)?.start..ranges.get(end - 1)?.end, label))
    }

    /// The document's name and meta from its user data; other entries are counted.
    fn user_data(&self, n: usize, not_held: &mut NotHeld) -> (String, Meta) {
        let data = self
            .per_doc("user_data", n)
            .and_then(Value::as_slice)
            .and_then(|mut b| rmpv::decode::read_value(&mut b).ok());
        let pairs = data.as_ref().and_then(Value::as_map).map(Vec::as_slice).unwrap_or_default();
        let ours = |(k, v): &&(Value, Value)| k.as_str().is_some_and(|k| USER_DATA_KEYS.contains(&k)) && v.is_str();
        not_held.add("spaCy user data entries (Doc.user_data)", pairs.iter().filter(|p| !ours(p)).count());
        let get = |key: &str| data.as_ref().and_then(|d| map_get(d, key)).and_then(Value::as_str).map(String::from);
        let name = get("name").and_then(|s| super::folder::safe_file_name(&s)).unwrap_or_default();
        (name, Meta { title: get("title"), url: get("url"), date: get("date"), author: get("author") })
    }
}

/// A document's span groups, each with the keys it is under: `SpanGroups.to_bytes`'s map from a
/// group's bytes to its keys, or the list of groups (each under its name) spaCy wrote before 3.3.
fn groups(bytes: &[u8], not_held: &mut NotHeld) -> Vec<(Value, Vec<String>)> {
    let decode = |v: &Value| v.as_slice().and_then(|mut b| rmpv::decode::read_value(&mut b).ok());
    let name = |g: &Value| map_get(g, "name").and_then(Value::as_str).unwrap_or_default().to_string();
    let keys = |k: &Value| k.as_array().into_iter().flatten().filter_map(Value::as_str).map(String::from).collect();
    let (read, all) = match rmpv::decode::read_value(&mut &bytes[..]) {
        Ok(Value::Map(groups)) => {
            let read: Vec<_> = groups.iter().filter_map(|(g, k)| Some((decode(g)?, keys(k)))).collect();
            (read, groups.len())
        }
        Ok(Value::Array(groups)) => {
            let read: Vec<_> =
                groups.iter().filter_map(decode).map(|g| (name(&g), g)).map(|(n, g)| (g, vec![n])).collect();
            (read, groups.len())
        }
        _ => (Vec::new(), usize::from(!bytes.is_empty())),
    };
    not_held.add("spaCy span groups that could not be read", all - read.len());
    read
}

fn map_get<'v>(map: &'v Value, key: &str) -> Option<&'v Value> {
    map.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v)
}

#[cfg(test)]
mod tests;
