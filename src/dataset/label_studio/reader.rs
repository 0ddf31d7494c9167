//! Reading Label Studio's JSON and `JSON_MIN` exports (see the module above for what is read, and why).

use super::super::import::{Batch, GivenClaim, GivenSpan, Imported, NotHeld};
use super::*;
use crate::annotation::{Meta, Status};
use crate::offsets::CharMap;
use crate::offsets::CharRange;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

/// The documents of a Label Studio JSON export or `JSON_MIN` export (`source`, read from `path`);
/// documents are named after `data.source` (made a safe file name), else `{stem}-{N}`.
pub fn read(source: &str, stem: &str, path: &Path) -> anyhow::Result<Batch> {
    use serde::de::Deserializer as _;
    // One task saved on its own (`{…}`) is an export of one.
    let one_task;
    let source = if source.trim_start().starts_with('{') {
        one_task = format!("[{source}]");
        &one_task
    } else {
        source
    };
    let mut reader = Reader { stem, path, batch: Batch::default(), seen: HashSet::new() };
    let mut tasks = serde_json::Deserializer::from_str(source);
    let parsed = tasks.deserialize_seq(EachTask(|n, task| reader.task(n, &task))).and_then(|n| tasks.end().map(|()| n));
    match parsed {
        Ok(_) => Ok(reader.batch),
        Err(e) if reader.batch.docs.is_empty() && reader.batch.not_held.is_empty() => {
            anyhow::bail!("{}: not a Label Studio JSON export, an array of tasks ({e})", path.display())
        }
        Err(e) => {
            let why = format!("{}: not JSON ({e}); the tasks from there on were not read", path.display());
            reader.batch.not_held.unreadable.push(why);
            Ok(reader.batch)
        }
    }
}

/// Hands each task of a JSON array to its function as it is parsed, so only one task is in memory
/// as a JSON value at a time; gives how many there were.
struct EachTask<F>(F);

impl<'de, F: FnMut(usize, Value)> serde::de::Visitor<'de> for EachTask<F> {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array of Label Studio tasks")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while let Some(task) = seq.next_element::<Value>()? {
            n += 1;
            (self.0)(n, task);
        }
        Ok(n)
    }
}

struct Reader<'a> {
    stem: &'a str,
    path: &'a Path,
    batch: Batch,
    /// The ids of the tasks read, to tell a `JSON_MIN` export's second annotator's record of a task.
    seen: HashSet<String>,
}

impl Reader<'_> {
    fn task(&mut self, n: usize, task: &Value) {
        let id = task.get("id").filter(|v| v.is_string() || v.is_number()).map(Value::to_string);
        let at = match &id {
            Some(id) => format!("{}, task {n} (id {id})", self.path.display()),
            None => format!("{}, task {n}", self.path.display()),
        };
        let not_held = &mut self.batch.not_held;
        let Some(fields) = task.as_object() else {
            not_held.unreadable.push(format!("{at}: not a task (a JSON object)"));
            return;
        };
        if let Some(id) = id
            && !self.seen.insert(id)
        {
            not_held.add(OTHERS, 1);
            return;
        }
        let task = match fields.get("data") {
            Some(Value::Object(data)) => full_task(fields, data, not_held),
            _ => min_record(fields, not_held),
        };
        let Some(task) = task else {
            not_held.add("tasks without a text (images, audio, or an empty text)", 1);
            return;
        };
        let doc = task.document(&at, not_held);
        let name = doc.name.as_deref().and_then(super::super::folder::safe_file_name);
        let name = name.unwrap_or_else(|| format!("{}-{}", self.stem, self.batch.docs.len() + 1));
        self.batch.docs.push(Imported { name, ..doc.imported });
    }
}

/// What a task brings, before its regions are read.
struct Task<'a> {
    text: &'a str,
    /// The task's data (or a `JSON_MIN` record's fields), for the document's name and meta.
    data: &'a Map<String, Value>,
    /// Where a full task keeps its own `meta` (title and the like may be there too).
    meta: Option<&'a Map<String, Value>>,
    /// The chosen annotation's results: regions, relations, choices, ….
    results: Vec<&'a Value>,
    /// `JSON_MIN`'s regions: no id, no type.
    min_regions: Vec<&'a Value>,
    /// A model's suggestions (none in `JSON_MIN`).
    predictions: Vec<Prediction<'a>>,
}

/// One of a task's `predictions`: the engine it is imported as, its score, its results.
struct Prediction<'a> {
    engine: String,
    score: Option<f32>,
    results: &'a [Value],
}

impl<'a> Prediction<'a> {
    fn of(p: &'a Value) -> Self {
        let engine = match p["model_version"].as_str().map(str::trim).filter(|v| !v.is_empty()) {
            Some(version) => format!("{IMPORTED_MODEL}/{version}"),
            None => IMPORTED_MODEL.to_string(),
        };
        let results = p["result"].as_array().map(Vec::as_slice).unwrap_or_default();
        Prediction { engine, score: score_of(&p["score"]), results }
    }
}

/// A finite score, as an engine's score is kept.
fn score_of(v: &Value) -> Option<f32> {
    v.as_f64().map(|f| f as f32).filter(|f| f.is_finite())
}

/// A full task: `data`, `annotations` (or `completions`, before Label Studio 1.0), `predictions`.
fn full_task<'a>(
    task: &'a Map<String, Value>,
    data: &'a Map<String, Value>,
    not_held: &mut NotHeld,
) -> Option<Task<'a>> {
    let list = |key: &str| task.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let annotations = if task.contains_key("annotations") { list("annotations") } else { list("completions") };
    let cancelled = |a: &&Value| a["was_cancelled"].as_bool() == Some(true) || a["skipped"].as_bool() == Some(true);
    let (cancelled, kept): (Vec<&Value>, Vec<&Value>) = annotations.iter().partition(cancelled);
    not_held.add("cancelled (skipped) annotations", cancelled.len());
    let chosen = kept.iter().find(|a| a["ground_truth"].as_bool() == Some(true)).or(kept.first());
    not_held.add(OTHERS, kept.len().saturating_sub(1));
    let predictions = list("predictions").iter().map(Prediction::of).collect();
    not_held.add("drafts (work not submitted)", list("drafts").len());
    let results: Vec<&Value> = chosen.and_then(|a| a["result"].as_array()).into_iter().flatten().collect();
    let hint = results.iter().find(|r| r["type"] == "labels").and_then(|r| r["to_name"].as_str());
    let key = text_key(data, hint)?;
    count_other_fields(data, key, &[], not_held);
    let text = data.get(key).and_then(Value::as_str).filter(|t| !t.trim().is_empty())?;
    let meta = task.get("meta").and_then(Value::as_object);
    Some(Task { text, data, meta, results, min_regions: Vec::new(), predictions })
}

/// A `JSON_MIN` record: the task's data, each control's regions under its name (a list of objects
/// with `start`, `end` and `labels`), and Label Studio's bookkeeping.
fn min_record<'a>(record: &'a Map<String, Value>, not_held: &mut NotHeld) -> Option<Task<'a>> {
    let is_regions = |v: &Value| {
        v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|r| r.get("labels").is_some() && r.get("start").is_some()))
    };
    let region_keys: Vec<&str> = record.iter().filter(|(_, v)| is_regions(v)).map(|(k, _)| k.as_str()).collect();
    let mut known = region_keys.clone();
    known.extend(MIN_BOOKKEEPING);
    let key = text_key(record, None)?;
    count_other_fields(record, key, &known, not_held);
    let text = record.get(key).and_then(Value::as_str).filter(|t| !t.trim().is_empty())?;
    let min_regions = region_keys.iter().filter_map(|k| record[*k].as_array()).flatten().collect();
    Some(Task { text, data: record, meta: None, results: Vec::new(), min_regions, predictions: Vec::new() })
}

/// Which field holds the text: `text`, else the one the labelled regions point at (`to_name`: the
/// standard configs name the Text object after its data field). Never a field guessed among others:
/// an image's URL is a string too.
fn text_key<'a>(data: &Map<String, Value>, hint: Option<&'a str>) -> Option<&'a str> {
    let is_text = |k: &str| data.get(k).is_some_and(Value::is_string);
    [Some(TO_NAME), hint].into_iter().flatten().find(|k| is_text(k))
}

/// Counts the fields of `data` that are not its text, source, meta or one of `known`.
fn count_other_fields(data: &Map<String, Value>, text: &str, known: &[&str], not_held: &mut NotHeld) {
    let kept =
        |k: &str, v: &Value| k == text || ((k == "source" || META.contains(&k)) && v.is_string()) || known.contains(&k);
    not_held.add(
        "task data fields other than the text, its source, title, URL, date and author",
        data.iter().filter(|(k, v)| !kept(k, v)).count(),
    );
}

/// A region as read: its id (none in `JSON_MIN`), bytes, labels and note.
struct Region {
    id: Option<String>,
    range: Range<usize>,
    labels: Vec<String>,
    note: Option<String>,
}

impl Region {
    fn has(&self, label: &str) -> bool {
        self.labels.iter().any(|l| l == label)
    }
}

/// A document as read from a task, and the name its data gives.
struct Read {
    imported: Imported,
    name: Option<String>,
}

impl Task<'_> {
    fn document(&self, at: &str, not_held: &mut NotHeld) -> Read {
        let chars = CharMap::new(self.text);
        let mut regions = Vec::new();
        let mut relations = Vec::new();
        let mut choices: Vec<&Value> = Vec::new();
        for r in &self.min_regions {
            regions.extend(read_region(self.text, &chars, at, r, not_held));
        }
        for r in &self.results {
            match r["type"].as_str() {
                Some("labels") => regions.extend(read_region(self.text, &chars, at, r, not_held)),
                Some("relation") => relations.push(*r),
                Some("choices") => choices.push(*r),
                Some(kind) => not_held.add(format!("{} results", short(kind)), 1),
                None => not_held.add("results without a type", 1),
            }
        }
        let claims = claims(&regions, &relations, &choices, not_held);
        let mut spans = spans(&regions, not_held);
        let mut given: HashSet<(Range<usize>, String)> =
            spans.iter().map(|s| (s.range.clone(), s.label.clone())).collect();
        for (n, p) in self.predictions.iter().enumerate() {
            let at = format!("{at}, prediction {}", n + 1);
            let read = |r: &Value, not_held: &mut NotHeld| read_region(self.text, &chars, &at, r, not_held);
            spans.extend(suggestions(p, &mut given, not_held, read));
        }
        let field = |k: &str| {
            self.data.get(k).or_else(|| self.meta.and_then(|m| m.get(k))).and_then(Value::as_str).map(String::from)
        };
        let meta = Meta { title: field("title"), url: field("url"), date: field("date"), author: field("author") };
        let imported = Imported { name: String::new(), text: self.text.to_string(), meta, spans, claims };
        Read { imported, name: field("source") }
    }
}

/// A region of `text`, counting it when its offsets were code points and corrected; reported as
/// unreadable at `at` when it cannot be read.
fn read_region(text: &str, chars: &CharMap, at: &str, r: &Value, not_held: &mut NotHeld) -> Option<Region> {
    match region(text, chars, r) {
        Ok((region, corrected)) => {
            if corrected {
                not_held.add("regions whose offsets count code points, not UTF-16 (corrected)", 1);
            }
            Some(region)
        }
        Err(why) => {
            not_held.unreadable.push(format!("{at}, {}: {why}; it was not imported", region_name(r)));
            None
        }
    }
}

/// A prediction's labelled regions as pending suggestions of its engine with the region's score
/// (else the prediction's, else 0) — but not one `given` already holds (the same range and label).
/// Suggested claim parts and other results are counted.
fn suggestions(
    p: &Prediction,
    given: &mut HashSet<(Range<usize>, String)>,
    not_held: &mut NotHeld,
    mut read: impl FnMut(&Value, &mut NotHeld) -> Option<Region>,
) -> Vec<GivenSpan> {
    let mut spans = Vec::new();
    for r in p.results {
        if r["type"].as_str() != Some("labels") {
            not_held.add("results of predictions other than labelled regions (relations, choices, …)", 1);
            continue;
        }
        let Some(region) = read(r, not_held) else { continue };
        let score = score_of(&r["score"]).or(p.score).unwrap_or(0.0);
        for label in &region.labels {
            if [CLAIM, CUE, SOURCE].contains(&label.as_str()) {
                not_held.add("claim parts (CLAIM, CUE, SOURCE) in predictions: suggested claims are not imported", 1);
                continue;
            }
            if !given.insert((region.range.clone(), label.clone())) {
                continue;
            }
            let suggested = Some((p.engine.clone(), score));
            spans.push(GivenSpan {
                range: region.range.clone(),
                label: label.clone(),
                status: Status::Pending,
                suggested,
            });
        }
        if region.labels.is_empty() {
            not_held.add("regions without a label", 1);
        }
    }
    spans
}

/// How a region is named in a message: its id, if it has one.
fn region_name(r: &Value) -> String {
    match r.get("id").filter(|v| v.is_string() || v.is_number()) {
        Some(id) => format!("region {}", short(&id.to_string())),
        None => "a region".into(),
    }
}

/// At most 40 characters of `s`, for a message.
fn short(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A non-negative whole number, whether JSON writes it `5` or `5.0`.
fn offset(v: &Value) -> Option<usize> {
    let whole = |f: f64| (f >= 0.0 && f.fract() == 0.0 && f < 1e15).then_some(f as u64);
    v.as_u64().or_else(|| v.as_f64().and_then(whole)).and_then(|n| usize::try_from(n).ok())
}

/// Why a region cannot be read; the task's other regions are read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum BadRegion {
    #[error("its start and end are not character offsets")]
    NoOffsets,
    #[error("it is empty ({start}..{end})")]
    Empty { start: usize, end: usize },
    #[error("its offsets {start}..{end} are past the end of the text ({len} UTF-16 units)")]
    PastEnd { start: usize, end: usize, len: usize },
    #[error("its offsets {start}..{end} hold {found:?}, not its text {said:?}")]
    Elsewhere { start: usize, end: usize, found: String, said: String },
    #[error("its offsets {start}..{end} fall inside a character (between the halves of a surrogate pair)")]
    InsideCharacter { start: usize, end: usize },
}

/// A region of a result (`value` holds it) or of a `JSON_MIN` list (it is the value), in bytes, and
/// whether its offsets were code points and corrected; or why it cannot be read.
fn region(text: &str, chars: &CharMap, r: &Value) -> Result<(Region, bool), BadRegion> {
    let value = r.get("value").unwrap_or(r);
    let (Some(start), Some(end)) = (offset(&value["start"]), offset(&value["end"])) else {
        return Err(BadRegion::NoOffsets);
    };
    if start >= end {
        return Err(BadRegion::Empty { start, end });
    }
    let said = value["text"].as_str();
    let holds = |range: &Range<usize>| said.is_none_or(|s| text.get(range.clone()) == Some(s));
    let (range, corrected) = match chars.byte_range_of_utf16(text, start..end).filter(&holds) {
        Some(range) => (range, false),
        None => match chars
            .bytes_of(text, CharRange::new(start, end))
            .map(Range::from)
            .filter(|r| said.is_some() && holds(r))
        {
            Some(range) => (range, true),
            None => return Err(misplaced(text, chars, start..end, said)),
        },
    };
    let labels = value["labels"].as_array().into_iter().flatten().filter_map(Value::as_str).map(String::from).collect();
    let note = r["meta"]["text"].as_array().and_then(|t| t.first()).and_then(Value::as_str).map(String::from);
    let id = r
        .get("id")
        .filter(|v| v.is_string() || v.is_number())
        .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from));
    Ok((Region { id, range, labels, note }, corrected))
}

/// Why the UTF-16 offsets `units` do not give a region.
fn misplaced(text: &str, chars: &CharMap, units: Range<usize>, said: Option<&str>) -> BadRegion {
    let (start, end) = (units.start, units.end);
    let len = chars.utf16_len();
    if end > len {
        return BadRegion::PastEnd { start, end, len };
    }
    match (chars.byte_range_of_utf16(text, units), said) {
        (Some(r), Some(said)) => {
            BadRegion::Elsewhere { start, end, found: short(text.get(r).unwrap_or_default()), said: short(said) }
        }
        _ => BadRegion::InsideCharacter { start, end },
    }
}

/// The entity spans among `regions`: one per label, claim parts aside.
fn spans(regions: &[Region], not_held: &mut NotHeld) -> Vec<GivenSpan> {
    let mut spans = Vec::new();
    for r in regions {
        if r.labels.is_empty() {
            not_held.add("regions without a label", 1);
        }
        for label in r.labels.iter().filter(|l| ![CLAIM, CUE, SOURCE].contains(&l.as_str())) {
            spans.push(GivenSpan {
                range: r.range.clone(),
                label: label.clone(),
                status: Status::Accepted,
                suggested: None,
            });
        }
        let a_score = r.has(CLAIM) && r.note.as_deref().and_then(score).is_some();
        if r.note.is_some() && !a_score {
            not_held.add("region notes", 1);
        }
    }
    spans
}

/// The claims among `regions`: each `CLAIM` region, with the `CUE` and `SOURCE` regions related to it
/// and its check-worthiness (its note's score, else its per-region choice).
fn claims(regions: &[Region], relations: &[&Value], choices: &[&Value], not_held: &mut NotHeld) -> Vec<GivenClaim> {
    let by_id: HashMap<&str, &Region> = regions.iter().filter_map(|r| Some((r.id.as_deref()?, r))).collect();
    let end =
        |r: &Value, key: &str| r[key].as_str().map(String::from).or_else(|| r[key].as_u64().map(|n| n.to_string()));
    let pairs: Vec<(String, String)> =
        relations.iter().filter_map(|r| Some((end(r, "from_id")?, end(r, "to_id")?))).collect();
    let unpaired = relations.len() - pairs.len();
    // Each region id → the relations at either end of it (the other end's id), in the file's order.
    let mut at_end: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for (i, (from, to)) in pairs.iter().enumerate() {
        at_end.entry(to).or_default().push((i, from));
        if from != to {
            at_end.entry(from).or_default().push((i, to));
        }
    }
    let mut used_relations = vec![false; pairs.len()];
    let mut used_parts: HashSet<&str> = HashSet::new();
    let mut claims = Vec::new();
    for claim in regions.iter().filter(|r| r.has(CLAIM)) {
        let mut part = |label: &str| {
            let ends = at_end.get(claim.id.as_deref()?)?;
            ends.iter().find_map(|&(i, other)| {
                let region = by_id.get(other).filter(|r| r.has(label))?;
                used_relations[i] = true;
                used_parts.insert(other);
                Some(region.range.clone())
            })
        };
        let cue = part(CUE);
        let claimant = part(SOURCE);
        let note = claim.note.as_deref().unwrap_or_default();
        // The note carries Marginalia's estimate and the analyst's word; the region's choice is what
        // a Label Studio annotator left. A choice other than the one written for the note (or one
        // with no note: made in Label Studio) is an annotator's word, never an estimate.
        let (noted, checkworthy) = (by_hand(note), score(note));
        let written = noted.or(checkworthy.map(|w| w >= 0.5));
        let checkworthy_by_hand = match chosen(claim, choices) {
            Some(choice) if Some(choice) != written => Some(choice),
            _ => noted,
        };
        claims.push(GivenClaim {
            content: claim.range.clone(),
            pieces: Vec::new(),
            cue,
            claimant,
            status: Status::Accepted,
            checkworthy,
            checkworthy_by_hand,
        });
    }
    let loose = regions
        .iter()
        .filter(|r| (r.has(CUE) || r.has(SOURCE)) && r.id.as_deref().is_none_or(|id| !used_parts.contains(id)));
    not_held.add("CUE and SOURCE regions not tied to a CLAIM by a relation", loose.count());
    not_held.add(
        "relations other than a claim's cue and source",
        unpaired + used_relations.iter().filter(|u| !**u).count(),
    );
    let claim_ids: HashSet<&str> = regions.iter().filter(|r| r.has(CLAIM)).filter_map(|r| r.id.as_deref()).collect();
    let of_claims =
        |c: &&&Value| c["from_name"] == CHECKWORTHY && c["id"].as_str().is_some_and(|id| claim_ids.contains(id));
    not_held.add(
        "choices (classifications of the text or of its regions)",
        choices.iter().filter(|c| !of_claims(c)).count(),
    );
    claims
}

/// The score of a note `checkworthy 0.73` (its first part).
fn score(note: &str) -> Option<f32> {
    let w: f32 = note.split(';').next()?.strip_prefix(CHECKWORTHY)?.trim().parse().ok()?;
    (0.0..=1.0).contains(&w).then_some(w)
}

/// The analyst's own word in a note (`…; worth checking by hand`).
fn by_hand(note: &str) -> Option<bool> {
    let said = |word: &str| note.split(';').any(|part| part.trim() == word);
    if said(WORTH_BY_HAND) { Some(true) } else { said(NOT_WORTH_BY_HAND).then_some(false) }
}

/// A claim region's per-region check-worthiness choice: `Checkworthy` or `Not checkworthy`.
fn chosen(claim: &Region, choices: &[&Value]) -> Option<bool> {
    let id = claim.id.as_deref()?;
    let chosen = choices.iter().find(|c| c["from_name"] == CHECKWORTHY && c["id"].as_str() == Some(id))?;
    match chosen["value"]["choices"].as_array()?.first()?.as_str()? {
        WORTH => Some(true),
        NOT_WORTH => Some(false),
        _ => None,
    }
}
