//! Suggesting must cost time linear in the text: a 4 MB article should take four times as long as a
//! 1 MB one, not sixteen. Articles of 0.25, 1 and 4 MB are made of the bundled sample
//! (`assets/samples/harbour-strike.txt`) repeated, and each goes through the suggestion path as
//! `marginalia suggest` runs it: the document (tokens, sentences, paragraphs), then the shipped engines
//! (`marginalia::engines`): its entities, then its claims, with the entities to name claimants.
//! Prints seconds (the best of three runs) and MB/s per size, and the 4 MB / 1 MB ratio (4 when linear).
//!
//! Run: `cargo bench --bench suggest_scaling`.

use marginalia::doc::Document;
use marginalia::engines::Engines;
use std::time::Instant;

const SAMPLE: &str = include_str!("../assets/samples/harbour-strike.txt");
const SIZES_MB: [f64; 3] = [0.25, 1.0, 4.0];
/// Runs per size; the fastest counts (the others lost time to whatever else the machine was doing).
const RUNS: usize = 3;

/// The sample repeated, a blank line between copies, to at least `bytes` bytes.
fn article(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + SAMPLE.len() + 1);
    while text.len() < bytes {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    text
}

/// Seconds to suggest entities and claims in `text`, with how many of each were found.
fn suggest(engines: &Engines, text: &str) -> (f64, usize, usize) {
    let text = text.to_string();
    let t = Instant::now();
    let doc = Document::new(text);
    let found = engines.predict(&doc, &[]);
    (t.elapsed().as_secs_f64(), found.entities.len(), found.claims.len())
}

fn main() {
    let (engines, notices) = Engines::shipped();
    assert!(notices.is_empty(), "the shipped models load: {notices:?}");
    suggest(&engines, SAMPLE); // warm up
    let mut seconds = Vec::new();
    for mb in SIZES_MB {
        let text = article((mb * 1e6) as usize);
        let size = text.len() as f64 / 1e6;
        let runs: Vec<_> = (0..RUNS).map(|_| suggest(&engines, &text)).collect();
        let (secs, entities, found) = runs.into_iter().min_by(|a, b| a.0.total_cmp(&b.0)).unwrap_or_default();
        println!("{size:6.2} MB: {secs:7.2} s, {:5.2} MB/s ({entities} entities, {found} claims)", size / secs);
        seconds.push(secs);
    }
    if let [_, one, four] = seconds[..] {
        println!("4 MB / 1 MB: {:.2} (linear: 4)", four / one);
    }
}
