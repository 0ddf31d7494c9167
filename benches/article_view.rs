//! Frame time of the window on a long article: 50,000 words, 5,000 highlights, 1100×700, headless.
//!
//! Measures (1) frames while scrolling with the mouse wheel and (2) the frame after accepting a span
//! (which relays out one paragraph and saves by itself). Criterion reports the typical frame; the
//! `frame_stats` lines printed first give the median and the worst frame over a long run, which is
//! what a person feels. Target: median under 1 ms, worst under 5 ms (release).

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, Vec2};
use marginalia::annotation::{Annotations, LabelSet, Origin, Span, SpanId, Status, now};
use marginalia::doc::Document;
use std::time::{Duration, Instant};
use support::{Window, key, stats};

const WORDS: &[&str] = &[
    "the",
    "forces",
    "said",
    "on",
    "village",
    "fighting",
    "was",
    "ongoing",
    "and",
    "civilians",
    "left",
    "area",
    "after",
    "talks",
];
const NAMES: &[&str] = &["Syria", "Mustafa Bali", "Deir Az Zor", "SDF", "Reuters", "Baghouz", "Turkey’s", "ISIL"];

/// A 50,000-word article in 500 paragraphs, with an entity every tenth word (5,000 spans).
fn long_article(dir: &std::path::Path) -> std::path::PathBuf {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut n = 0usize;
    for p in 0..500 {
        for w in 0..100 {
            if w % 10 == 3 {
                let name = NAMES[(p + w) % NAMES.len()];
                entities.push(text.len()..text.len() + name.len());
                text.push_str(name);
            } else {
                text.push_str(WORDS[(n * 7 + w) % WORDS.len()]);
            }
            n += 1;
            text.push(if w == 99 { '.' } else { ' ' });
        }
        text.push_str("\n\n");
    }
    let doc = Document::new(text);
    let labels = LabelSet::default();
    let names: Vec<String> = labels.iter().map(|l| l.name.clone()).collect();
    let spans = entities
        .into_iter()
        .enumerate()
        .map(|(i, range)| Span {
            id: SpanId(i as u64 + 1),
            range,
            label: names[i % 4].clone(),
            status: [Status::Pending, Status::Accepted, Status::Pending, Status::Rejected][i % 4],
            origin: Origin::Engine { engine: "bench".into(), score: 0.9, label: names[i % 4].clone() },
            created: now(),
            reviewed: None,
        })
        .collect();
    let ann = Annotations::new(labels, spans);
    let path = dir.join("long.txt.ann.ron");
    marginalia::store::save(&path, &doc, &ann, None).expect("write the bench file");
    path
}

/// Scrolls the article with the mouse wheel: down for 150 frames, then back up.
fn scroll_frame(w: &mut Window, step: usize) -> Duration {
    let dy = if (step / 150).is_multiple_of(2) { -60.0 } else { 60.0 };
    let wheel = Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: Vec2::new(0.0, dy),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    };
    w.frame(vec![wheel])
}

fn accepted(w: &Window) -> usize {
    w.app.session().map_or(0, |s| s.annotations().counts().accepted)
}

/// Accepts the current (pending) span, then undoes it, so every round does the same work.
/// Returns both frames' times: the undo relays out the paragraph again, and either frame may
/// carry the automatic save.
fn accept_and_undo(w: &mut Window) -> [Duration; 2] {
    let before = accepted(w);
    let accept = w.frame(vec![key(Key::A, Modifiers::NONE)]);
    assert_eq!(accepted(w), before + 1, "the key accepted a span");
    let undo = w.frame(vec![key(Key::Z, Modifiers::COMMAND)]);
    assert_eq!(accepted(w), before);
    [accept, undo]
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = long_article(dir.path());

    let t = Instant::now();
    let mut w = Window::open(&path, 200);
    println!("open + first 200 frames (load, background layout): {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let counts = w.app.session().map(|s| s.annotations().counts()).unwrap_or_default();
    assert_eq!(counts.total(), 5000, "the bench file opened");

    stats("scrolling", (0..1200).map(|i| scroll_frame(&mut w, i)).collect());
    stats("accept / undo one span (incl. autosaves)", (0..300).flat_map(|_| accept_and_undo(&mut w)).collect());

    let mut step = 0;
    c.bench_function("frame while scrolling (50k words, 5k spans)", |b| {
        b.iter(|| {
            step += 1;
            scroll_frame(&mut w, step)
        })
    });
    c.bench_function("accept + undo, two frames (50k words, 5k spans)", |b| b.iter(|| accept_and_undo(&mut w)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
