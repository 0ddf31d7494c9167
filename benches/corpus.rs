//! A folder of 500 generated news articles (about 600 words each) in the window: how long listing it
//! takes, how long pre-annotating all of it in the background takes, and — what an analyst feels —
//! the window's frame times while it runs, with the analyst scrolling the document list and walking
//! suggestions with the keyboard meanwhile. Target: every frame well under 16 ms (60 fps) throughout.

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::{Key, Modifiers};
use marginalia::command::Command;
use marginalia::corpus::{Corpus, Known};
use std::time::{Duration, Instant};
use support::{Window, key, stats};

const PEOPLE: &[&str] = &["Mustafa Bali", "Ana Lima", "Joe Biden", "Fatima el-Amrani", "Redur Xelil", "Imran Khan"];
const PLACES: &[&str] = &["Syria", "Brussels", "Deir Az Zor", "Gaziantep", "Rotterdam", "Iowa"];
const ORGS: &[&str] = &["Reuters", "NATO", "the SDF", "the European Commission", "Maersk", "Al Jazeera"];

/// A deterministic pseudo-random news article: reported speech, quotes, numbers, names.
fn article(seed: usize) -> String {
    let mut text =
        format!("{} and {} talks resume in {}\n\n", PLACES[seed % 6], ORGS[seed % 5], PLACES[(seed + 2) % 6]);
    for p in 0..12 {
        let k = seed * 31 + p * 7;
        let (who, org, place) = (PEOPLE[k % 6], ORGS[(k / 6) % 6], PLACES[(k / 36) % 6]);
        text += &format!(
            "{who}, a spokesman for {org}, said on Monday that {n},000 civilians had left {place} since the fighting began. \
             “We are doing everything we can,” {who} told reporters in {other}. According to {org2}, talks with officials \
             from {place} would continue next week, although {who2} warned that the ceasefire remained fragile and that \
             prices had risen by {pct} percent.\n\n",
            n = 2 + k % 40,
            other = PLACES[(k + 1) % 6],
            org2 = ORGS[(k + 3) % 6],
            who2 = PEOPLE[(k + 2) % 6],
            pct = 3 + k % 17,
        );
    }
    text
}

fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..n {
        std::fs::write(dir.path().join(format!("article-{i:03}.txt")), article(i)).expect("write an article");
    }
    dir
}

fn bench(c: &mut Criterion) {
    let dir = folder(500);
    let words: usize = (0..500).map(|i| article(i).split_whitespace().count()).sum();
    println!("corpus: 500 articles, {words} words");

    let mut w = Window::open(dir.path(), 1);
    let t = Instant::now();
    while w.app.session().is_none_or(|_| w.app.is_suggesting()) {
        w.frame(Vec::new());
    }
    println!("open the folder and its first document with suggestions: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);

    w.app.send(Command::Preannotate);
    let t = Instant::now();
    let mut frames = Vec::new();
    let mut i = 0usize;
    loop {
        // The analyst keeps working: walks suggestions and accepts some while the folder is pre-annotated.
        let events = match i % 30 {
            0 => vec![key(Key::J, Modifiers::NONE)],
            15 => vec![key(Key::A, Modifiers::NONE)],
            _ => Vec::new(),
        };
        frames.push(w.frame(events));
        i += 1;
        if !w.app.corpus_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let took = t.elapsed().as_secs_f64();
    let corpus = w.app.corpus().expect("a folder is open");
    let written = corpus.documents.iter().filter(|d| matches!(d.known, Known::Read(_))).count();
    assert_eq!(written, 500, "every article pre-annotated: {:?}", w.app.status());
    println!(
        "pre-annotation in the background: 499 articles in {took:.1} s ({:.0} articles/s, {:.0} words/s)",
        499.0 / took,
        words as f64 * 499.0 / 500.0 / took
    );
    stats("window while pre-annotating (keys J/A meanwhile)", frames);

    c.bench_function("list a 500-document folder", |b| b.iter(|| Corpus::list(dir.path()).expect("list")));
}

criterion_group!(benches, bench);
criterion_main!(benches);
