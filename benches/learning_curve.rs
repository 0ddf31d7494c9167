//! Learning from the analyst, measured: re3d (defence and security documents about Syria and Iraq, a
//! domain the shipped model never saw) is replayed as if an analyst corrected the suggestions document
//! by document — accepting what is right, rejecting what is wrong, marking what was missed — and the
//! project model is scored on re3d's test split after 0, 10, 25, 50 and 100 documents:
//! (a) PERSON / ORG / LOC (from re3d's Person / Organisation / Location), with the shipped model;
//! (b) Weapon, a label the shipped model has never seen.
//!
//! re3d's files have no document boundaries; a "document" here is 8 consecutive sentences (the split
//! holds 765 sentences, so about 95 documents). Reads `../shared/data/ner/re3d`; says so and stops
//! when the data is absent.
//!
//! (c) Gentleness: the first 25 training documents replayed one decision at a time (walking the
//! suggestions in order, accepting the right ones and rejecting the others, learning after each), and
//! after each decision the pending suggestions the learner no longer makes: in the sentences the
//! decision touched or on other mentions of the same words (what the window withdraws), and elsewhere
//! (what the window keeps: `session::machine`).
//!
//! Run: `cargo bench --bench learning_curve`. To tune the learner without looking at the test split:
//! `MARGINALIA_CURVE=dev cargo bench --bench learning_curve` replays the first 565 training sentences
//! and scores on the last 200 (38 Weapon and 593 PERSON / ORG / LOC mentions; the test split has 17
//! and 676).

use marginalia::annotation::{Origin, Span, SpanId, Status, now};
use marginalia::doc::Document;
use marginalia::ner::eval::Scores;
use marginalia::ner::model::Model;
use marginalia::ner::online::Learner;
use marginalia::ner::tags::{TagSet, spans_of};
use marginalia::ner::{SHIPPED_MODEL, Tagger, conll, type_for_label};
use std::path::Path;
use std::time::Instant;

#[path = "support/distribution.rs"]
mod distribution;
use distribution::Counts;

const SENTENCES_PER_DOC: usize = 8;
const CHECKPOINTS: &[usize] = &[0, 10, 25, 50, 100];

/// A sentence of re3d with its gold entities in app labels: (label, first token, end token).
struct Sent {
    words: Vec<String>,
    gold: Vec<(String, usize, usize)>,
}

fn read(path: &Path, keep: &dyn Fn(&str) -> Option<&'static str>) -> Vec<Sent> {
    let lines = conll::read_lines(path).expect("re3d is readable");
    let raw = conll::sentences(path, &lines, Some(-1)).expect("re3d has a tag column");
    raw.into_iter()
        .map(|s| {
            let mut gold = Vec::new();
            let mut open: Option<(String, usize)> = None;
            for (i, t) in s.gold.iter().chain(std::iter::once(&"O".to_string())).enumerate() {
                let (prefix, ty) = t.split_once('-').unwrap_or(("O", ""));
                let label = keep(ty);
                let continues = prefix == "I" && open.as_ref().is_some_and(|(l, _)| Some(l.as_str()) == label);
                if !continues {
                    if let Some((l, a)) = open.take() {
                        gold.push((l, a, i));
                    }
                    if let Some(l) = label {
                        open = Some((l.to_string(), i));
                    }
                }
            }
            Sent { words: s.words, gold }
        })
        .collect()
}

/// The replayed document: its text (tokens joined by spaces) and the byte range of each token.
fn document(sents: &[Sent]) -> (Document, Vec<Vec<std::ops::Range<usize>>>) {
    let mut text = String::new();
    let mut ranges = Vec::new();
    for s in sents {
        let mut r = Vec::new();
        for w in &s.words {
            r.push(text.len()..text.len() + w.len());
            text.push_str(w);
            text.push(' ');
        }
        text.pop();
        text.push('\n');
        ranges.push(r);
    }
    (Document::new(text), ranges)
}

/// What the analyst leaves in the document after correcting the suggestions: every gold entity
/// accepted, every other suggestion rejected.
fn corrected(
    learner: &Learner,
    doc: &Document,
    sents: &[Sent],
    ranges: &[Vec<std::ops::Range<usize>>],
    labels: &[&str],
) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut id = 0;
    let mut push = |range: std::ops::Range<usize>, label: &str, status| {
        id += 1;
        spans.push(Span {
            id: SpanId(id),
            range,
            label: label.to_string(),
            status,
            origin: Origin::Human { by: "replay".into() },
            created: now(),
            reviewed: None,
        });
    };
    let mut gold_ranges = Vec::new();
    for (s, r) in sents.iter().zip(ranges) {
        for (label, a, b) in &s.gold {
            let range = r[*a].start..r[*b - 1].end;
            gold_ranges.push((range.clone(), label.clone()));
            push(range, label, Status::Accepted);
        }
    }
    for sug in learner.suggest(doc) {
        if labels.contains(&sug.label.as_str()) && !gold_ranges.iter().any(|(r, l)| *r == sug.range && *l == sug.label)
        {
            push(sug.range, &sug.label, Status::Rejected);
        }
    }
    spans
}

/// A learner starting from the shipped model.
fn shipped() -> Learner {
    Learner::new(Tagger::new(Model::from_bytes(SHIPPED_MODEL).expect("the shipped model loads")))
}

/// Exact-span scores of the model on test sentences, counting only `labels`.
fn score(tagger: &Tagger, test: &[Sent], labels: &[&str]) -> Scores {
    let model = &tagger.model;
    let set = TagSet::new(labels.iter().map(|l| type_for_label(l).to_string()).collect());
    let mut scores = Scores::default();
    for chunk in test.chunks(SENTENCES_PER_DOC) {
        let words: Vec<Vec<&str>> = chunk.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
        for (s, f) in chunk.iter().zip(tagger.document_features(&words)) {
            let pred = model.decode(&f);
            // Re-express both sides in the evaluation tag set (other types count as O).
            let to_eval = |spans: Vec<(usize, usize, usize)>, name: &dyn Fn(usize) -> String| {
                let mut tags = vec![0; s.words.len()];
                for (ty, a, b) in spans {
                    if let Some(k) = set.types().iter().position(|t| *t == name(ty)) {
                        tags[a] = set.begin(k);
                        for t in &mut tags[a + 1..b] {
                            *t = set.inside(k);
                        }
                    }
                }
                tags
            };
            let p = to_eval(spans_of(&model.tags, &pred), &|ty| model.tags.types()[ty].clone());
            let gold: Vec<(usize, usize, usize)> = s
                .gold
                .iter()
                .filter_map(|(l, a, b)| set.types().iter().position(|t| t == type_for_label(l)).map(|k| (k, *a, *b)))
                .collect();
            let g = to_eval(gold, &|ty| set.types()[ty].clone());
            scores.add(&set, &g, &p);
        }
    }
    scores
}

fn curve(name: &str, train: &[Sent], test: &[Sent], labels: &[&str]) {
    let mut learner = shipped();
    let docs: Vec<&[Sent]> = train.chunks(SENTENCES_PER_DOC).collect();
    println!(
        "\n{name}: {} training documents of {SENTENCES_PER_DOC} sentences, {} test sentences",
        docs.len(),
        test.len()
    );
    println!("{:>10} {:>8} {:>8} {:>8} {:>14}", "documents", "P", "R", "F1", "update (mean)");
    let mut done = 0;
    let mut learn_ms = Vec::new();
    for &checkpoint in CHECKPOINTS {
        while done < checkpoint.min(docs.len()) {
            let (doc, ranges) = document(docs[done]);
            let spans = corrected(&learner, &doc, docs[done], &ranges, labels);
            let t = Instant::now();
            learner.learn(&doc, &spans);
            learn_ms.push(t.elapsed().as_secs_f64() * 1e3);
            done += 1;
        }
        let s = score(learner.tagger(), test, labels).overall;
        let mean = if learn_ms.is_empty() { 0.0 } else { learn_ms.iter().sum::<f64>() / learn_ms.len() as f64 };
        println!("{done:>10} {:>8.3} {:>8.3} {:>8.3} {:>11.2} ms", s.precision(), s.recall(), s.f1(), mean);
        if done >= docs.len() {
            break;
        }
    }
}

/// The time to learn from one fully corrected document of about 1,000 words, and to re-suggest on it.
fn update_time(train: &[Sent], labels: &[&str]) {
    let mut words = 0;
    let n = train.iter().take_while(|s| {
        words += s.words.len();
        words < 1000
    });
    let sents: Vec<&Sent> = n.collect();
    let owned: Vec<Sent> = sents.iter().map(|s| Sent { words: s.words.clone(), gold: s.gold.clone() }).collect();
    let (doc, ranges) = document(&owned);
    let mut times = Vec::new();
    for _ in 0..20 {
        let mut learner = shipped();
        let spans = corrected(&learner, &doc, &owned, &ranges, labels);
        let t = Instant::now();
        learner.learn(&doc, &spans);
        let learned = t.elapsed();
        let _ = learner.suggest(&doc);
        times.push((learned.as_secs_f64() * 1e3, t.elapsed().as_secs_f64() * 1e3));
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (learn, refresh) = times[times.len() / 2];
    println!(
        "\none corrected document of {} words ({} sentences): learning {learn:.1} ms, learning + new suggestions {refresh:.1} ms (median of 20)",
        doc.tokens().len(),
        owned.len()
    );
}

/// (c): the pending suggestions one decision takes away, near it and elsewhere.
fn withdrawals(train: &[Sent], labels: &[&str]) {
    let mut learner = shipped();
    let (mut near, mut elsewhere, mut added) = (Counts::default(), Counts::default(), Counts::default());
    for sents in train.chunks(SENTENCES_PER_DOC).take(25) {
        let (doc, ranges) = document(sents);
        let gold: Vec<(std::ops::Range<usize>, &str)> = sents
            .iter()
            .zip(&ranges)
            .flat_map(|(s, r)| s.gold.iter().map(|(l, a, b)| (r[*a].start..r[*b - 1].end, l.as_str())))
            .collect();
        let key = |s: &marginalia::suggest::Suggestion| (s.range.clone(), s.label.clone());
        let mut pending: Vec<_> =
            learner.suggest(&doc).into_iter().filter(|s| labels.contains(&s.label.as_str())).collect();
        let mut decided: Vec<Span> = Vec::new();
        loop {
            // The next suggestion in the walk, or an entity it missed that comes first (marked by hand).
            let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| a.start < b.end && b.start < a.end;
            let missed = gold.iter().find(|(r, l)| {
                !decided.iter().any(|d| overlaps(&d.range, r))
                    && !pending.iter().any(|p| p.range == *r && p.label == *l)
                    && pending.first().is_none_or(|p| r.start <= p.range.start)
            });
            let (range, label, status, origin) = match (missed, pending.first().cloned()) {
                (Some((r, l)), _) => {
                    (r.clone(), l.to_string(), Status::Accepted, Origin::Human { by: "replay".into() })
                }
                (None, Some(p)) => {
                    pending.remove(0);
                    let right = gold.iter().any(|(r, l)| *r == p.range && *l == p.label);
                    let status = if right { Status::Accepted } else { Status::Rejected };
                    (
                        p.range,
                        p.label.clone(),
                        status,
                        Origin::Engine { engine: p.source, score: p.score, label: p.label },
                    )
                }
                (None, None) => break,
            };
            pending.retain(|p| !overlaps(&p.range, &range));
            decided.push(Span {
                id: SpanId(decided.len() as u64 + 1),
                range: range.clone(),
                label,
                status,
                origin,
                created: now(),
                reviewed: None,
            });
            let next = decided[decided.len() - 1].clone();
            learner.learn(&doc, &decided);
            let fresh: std::collections::HashSet<_> = learner.suggest(&doc).iter().map(key).collect();
            let mut region: Vec<std::ops::Range<usize>> = doc
                .sentences()
                .iter()
                .filter(|s| s.start < next.range.end && next.range.start < s.end)
                .cloned()
                .collect();
            region.extend(doc.occurrences(&doc.text()[next.range.clone()]));
            let is_near = |r: &std::ops::Range<usize>| region.iter().any(|g| g.start < r.end && r.start < g.end);
            let lost: Vec<bool> =
                pending.iter().filter(|s| !fresh.contains(&key(s))).map(|s| is_near(&s.range)).collect();
            near.0.push(lost.iter().filter(|&&n| n).count());
            elsewhere.0.push(lost.iter().filter(|&&n| !n).count());
            pending.retain(|s| fresh.contains(&key(s)) || !is_near(&s.range));
            let taken = |r: &std::ops::Range<usize>| {
                decided
                    .iter()
                    .map(|d| &d.range)
                    .chain(pending.iter().map(|p| &p.range))
                    .any(|o| o.start < r.end && r.start < o.end)
            };
            let new: Vec<_> = learner
                .suggest(&doc)
                .into_iter()
                .filter(|s| labels.contains(&s.label.as_str()) && !taken(&s.range) && s.range.start > next.range.start)
                .collect();
            added.0.push(new.len());
            pending.extend(new);
            pending.sort_by_key(|s| s.range.start);
        }
    }
    println!("\n(c) one decision at a time, the first 25 training documents: pending suggestions no longer made");
    println!("  in its sentences or on the same words (withdrawn): {}", near.summary());
    println!("  elsewhere (the window keeps them):                 {}", elsewhere.summary());
    println!("  new suggestions ahead of it:                       {}", added.summary());
}

fn main() {
    let dir = Path::new("../shared/data/ner/re3d");
    let (train_path, test_path) = (dir.join("re3d-train.conll"), dir.join("re3d-test.conll"));
    if !train_path.exists() || !test_path.exists() {
        println!("learning_curve: {} is absent; nothing to measure (the data lives in ../shared/data).", dir.display());
        return;
    }
    let ppl = |ty: &str| match ty {
        "Person" => Some("PERSON"),
        "Organisation" => Some("ORG"),
        "Location" => Some("LOC"),
        _ => None,
    };
    let weapon = |ty: &str| (ty == "Weapon").then_some("WEAPON");
    let tuning = std::env::var("MARGINALIA_CURVE").is_ok_and(|v| v == "dev");
    // Replayed and scored sentences: the splits, or (tuning) the training split cut in two.
    let split = |keep: &dyn Fn(&str) -> Option<&'static str>| {
        let (train, test) = (read(&train_path, keep), read(&test_path, keep));
        if tuning {
            let mut train = train;
            let held_out = train.split_off(DEV_FROM);
            (train, held_out)
        } else {
            (train, test)
        }
    };
    if tuning {
        println!("scoring on training sentences {DEV_FROM}.. (MARGINALIA_CURVE=dev), not on the test split");
    }
    let (train, test) = split(&ppl);
    update_time(&train, &["PERSON", "ORG", "LOC"]);
    curve("(a) PERSON / ORG / LOC", &train, &test, &["PERSON", "ORG", "LOC"]);
    let (train, test) = split(&weapon);
    curve("(b) WEAPON, a new label", &train, &test, &["WEAPON"]);
    let (train, _) = split(&ppl);
    withdrawals(&train, &["PERSON", "ORG", "LOC"]);
}

/// Where the held-out part of the training split starts when tuning.
const DEV_FROM: usize = 565;
