//! What the find bar and the folder search cost: every match of a word in 8 MB of news text (about
//! 1.4 million words, a folder of 2,000 long articles), typed with a straight apostrophe and found
//! curly or straight, case ignored — and whole words only. It also writes the text to a temporary
//! file so that `grep` can be timed on the same bytes (the note compares them):
//! `grep -o -i -E "syria['’]s" FILE | wc -l`. Cost must grow linearly: the 1 MB and 8 MB figures
//! should differ by about 8×.

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::text_search::{Options, find_all};
use std::hint::black_box;

const PARAGRAPH: &str = "Syria’s foreign minister said on Monday that talks with Turkey would resume, \
    according to Reuters. “We are ready,” said Faisal Mekdad in Damascus; Syria's allies welcomed it, \
    although officials warned that prices had risen by 12 percent since the fighting began in the north.\n\n";

fn text(bytes: usize) -> String {
    PARAGRAPH.repeat(bytes / PARAGRAPH.len() + 1)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("find_all");
    group.sample_size(10);
    for mb in [1, 8] {
        let text = text(mb << 20);
        if mb == 8 {
            let path = std::env::temp_dir().join("marginalia-text-search-8mb.txt");
            if std::fs::write(&path, &text).is_ok() {
                eprintln!("the same text for grep: {}", path.display());
            }
        }
        let matches = find_all(&text, "syria's", Options::default()).count();
        eprintln!("{mb} MB: {matches} matches of syria's");
        group.bench_function(format!("{mb} MB, quotes folded, any case"), |b| {
            b.iter(|| find_all(black_box(&text), "syria's", Options::default()).count())
        });
        let whole = Options { whole_word: true, ..Options::default() };
        group.bench_function(format!("{mb} MB, whole words"), |b| {
            b.iter(|| find_all(black_box(&text), "talks", whole).count())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
