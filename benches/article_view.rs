//! Frame time of the window on a long article: 50,000 words, 5,000 highlights, 1100×700, headless.
//!
//! Measures (1) frames while scrolling with the mouse wheel and (2) the frame after accepting a span
//! (which relays out one paragraph and saves by itself). Criterion reports the typical frame; the
//! `frame_stats` lines printed first give the median and the worst frame over a long run, which is
//! what a person feels. Target: median under 1 ms, worst under 5 ms (release).

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::{
    self, Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, Vec2,
};
use marginalia::annotation::{Annotations, LabelSet, Origin, Span, SpanId, Status, now};
use marginalia::app::command::Command;
use marginalia::app::settings::Settings;
use marginalia::app::{App, AppConfig};
use marginalia::doc::Document;
use std::time::{Duration, Instant};

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

struct Window {
    ctx: egui::Context,
    app: App,
    time: f64,
}

impl Window {
    fn open(path: &std::path::Path) -> Self {
        let mut app = App::new(AppConfig { autosave_after: 0.5, native_dialogs: false }, Settings::default());
        app.send(Command::Open(path.to_path_buf()));
        let mut w = Self { ctx: egui::Context::default(), app, time: 0.0 };
        // Let the background layout finish (a few ms of it per frame).
        for _ in 0..200 {
            w.frame(Vec::new());
        }
        w
    }

    fn frame(&mut self, mut events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        events.insert(0, Event::PointerMoved(Pos2::new(400.0, 350.0)));
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1100.0, 700.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let t = Instant::now();
        let app = &mut self.app;
        let _ = self.ctx.run_ui(input, |ui| app.show(ui));
        t.elapsed()
    }

    fn scroll_frame(&mut self, step: usize) -> Duration {
        // Down for 150 frames, then back up.
        let dy = if (step / 150).is_multiple_of(2) { -60.0 } else { 60.0 };
        let wheel = Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: Vec2::new(0.0, dy),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        };
        self.frame(vec![wheel])
    }

    fn accepted(&self) -> usize {
        self.app.session().map_or(0, |s| s.annotations().counts().accepted)
    }

    /// Accepts the current (pending) span, then undoes it, so every round does the same work.
    /// Returns both frames' times: the undo relays out the paragraph again, and either frame may
    /// carry the automatic save.
    fn accept_and_undo(&mut self) -> [Duration; 2] {
        let before = self.accepted();
        let key = |key, modifiers| Event::Key { key, physical_key: None, pressed: true, repeat: false, modifiers };
        let accept = self.frame(vec![key(Key::A, Modifiers::NONE)]);
        assert_eq!(self.accepted(), before + 1, "the key accepted a span");
        let undo = self.frame(vec![key(Key::Z, Modifiers::COMMAND)]);
        assert_eq!(self.accepted(), before);
        [accept, undo]
    }
}

fn stats(name: &str, mut frames: Vec<Duration>) {
    frames.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "frame_stats {name}: n={} median={:.3} ms p99={:.3} ms worst={:.3} ms",
        frames.len(),
        ms(frames[frames.len() / 2]),
        ms(frames[frames.len() * 99 / 100]),
        ms(frames[frames.len() - 1])
    );
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = long_article(dir.path());

    let t = Instant::now();
    let mut w = Window::open(&path);
    println!("open + first 200 frames (load, background layout): {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let counts = w.app.session().map(|s| s.annotations().counts()).unwrap_or_default();
    assert_eq!(counts.total(), 5000, "the bench file opened");

    stats("scrolling", (0..1200).map(|i| w.scroll_frame(i)).collect());
    stats("accept / undo one span (incl. autosaves)", (0..300).flat_map(|_| w.accept_and_undo()).collect());

    let mut step = 0;
    c.bench_function("frame while scrolling (50k words, 5k spans)", |b| {
        b.iter(|| {
            step += 1;
            w.scroll_frame(step)
        })
    });
    c.bench_function("accept + undo, two frames (50k words, 5k spans)", |b| b.iter(|| w.accept_and_undo()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
