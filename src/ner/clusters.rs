//! Word clusters learned from unlabeled text, so that the tagger generalises from the names it saw in
//! training to words that behave like them (`Rotterdam` like `Antwerp`, `Koster` like `Smith`).
//!
//! The clustering is the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): words
//! are moved, one at a time, to whichever cluster most increases the likelihood of a class-bigram
//! model of the text, until few words move. It is the flat cousin of Brown clustering, which Ratinov &
//! Roth (2009) found among the most useful features for NER, and it runs in seconds on a million words.
//! Two granularities are kept (a fine and a coarse clustering), as Brown cluster prefixes would give.

use rustc_hash::FxHashMap;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Word → (fine cluster, coarse cluster).
    of: FxHashMap<String, (u16, u16)>,
}

/// Words seen fewer times than this are left unclustered.
pub const MIN_COUNT: u32 = 3;

impl Clusters {
    pub fn get(&self, word: &str) -> Option<(u16, u16)> {
        self.of.get(word).copied()
    }

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }

    /// Clusters `tokens` (the words of a corpus in order; `None` marks a sentence boundary).
    pub fn learn(tokens: &[Option<&str>], fine: usize, coarse: usize, iterations: usize) -> Self {
        let (vocab, ids) = vocabulary(tokens);
        let fine_of = exchange(&ids, vocab.len(), fine, iterations);
        let coarse_of = exchange(&ids, vocab.len(), coarse, iterations);
        let of = vocab
            .into_iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), (fine_of[i] as u16, coarse_of[i] as u16)))
            .collect();
        Self { of }
    }

    /// The text form: `word<TAB>fine<TAB>coarse`, one word a line, sorted by word.
    pub fn to_text(&self) -> String {
        let mut rows: Vec<_> = self.of.iter().collect();
        rows.sort();
        rows.into_iter().map(|(w, (f, c))| format!("{w}\t{f}\t{c}\n")).collect()
    }

    /// Reads the text form; malformed lines are an error naming the line.
    pub fn from_text(text: &str) -> Result<Self, MalformedLine> {
        let mut of = FxHashMap::default();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let (w, f, c) = parse_line(line).ok_or(MalformedLine(n + 1))?;
            of.insert(w.to_string(), (f, c));
        }
        Ok(Self { of })
    }
}

/// A line of a cluster file that is not `word<TAB>fine<TAB>coarse` (its number, from 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {0}: expected word, fine and coarse cluster")]
pub struct MalformedLine(pub usize);

/// One line of the text form: `word<TAB>fine<TAB>coarse`.
pub fn parse_line(line: &str) -> Option<(&str, u16, u16)> {
    let mut parts = line.split('\t');
    Some((parts.next()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// Words with at least [`MIN_COUNT`] occurrences (most frequent first), and the corpus as word ids
/// (`None` for rare words and boundaries, which break bigrams).
fn vocabulary<'a>(tokens: &[Option<&'a str>]) -> (Vec<&'a str>, Vec<Option<u32>>) {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for w in tokens.iter().flatten() {
        *counts.entry(w).or_default() += 1;
    }
    let mut vocab: Vec<&str> = counts.iter().filter(|&(_, &c)| c >= MIN_COUNT).map(|(&w, _)| w).collect();
    vocab.sort_by(|a, b| counts[b].cmp(&counts[a]).then(a.cmp(b)));
    let index: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, &w)| (w, i as u32)).collect();
    let ids = tokens.iter().map(|t| t.and_then(|w| index.get(w).copied())).collect();
    (vocab, ids)
}

fn xlogx(x: f64) -> f64 {
    if x <= 0.0 { 0.0 } else { x * x.ln() }
}

/// The exchange algorithm over word ids; returns each word's cluster.
fn exchange(ids: &[Option<u32>], v: usize, k: usize, iterations: usize) -> Vec<usize> {
    let k = k.min(v.max(1));
    // Word unigram and bigram counts.
    let mut unigram = vec![0f64; v];
    let mut right: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); v];
    let mut left: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); v];
    for w in ids.iter().flatten() {
        unigram[*w as usize] += 1.0;
    }
    for pair in ids.windows(2) {
        if let [Some(a), Some(b)] = pair {
            *right[*a as usize].entry(*b).or_default() += 1.0;
            *left[*b as usize].entry(*a).or_default() += 1.0;
        }
    }
    // Most frequent words spread over the clusters first.
    let mut cluster: Vec<usize> = (0..v).map(|w| w % k).collect();
    let mut n = vec![0f64; k];
    let mut nn = vec![0f64; k * k];
    for w in 0..v {
        n[cluster[w]] += unigram[w];
        for (&u, &c) in &right[w] {
            nn[cluster[w] * k + cluster[u as usize]] += c;
        }
    }
    let mut to_right = vec![0f64; k];
    let mut to_left = vec![0f64; k];
    for _ in 0..iterations {
        let mut moved = 0;
        for w in 0..v {
            let from = cluster[w];
            let self_loop = right[w].get(&(w as u32)).copied().unwrap_or(0.0);
            // Counts of w's bigrams by the neighbour's cluster (w itself excluded).
            let mut touched: Vec<usize> = Vec::new();
            for (&u, &c) in &right[w] {
                if u as usize != w {
                    let cu = cluster[u as usize];
                    if to_right[cu] == 0.0 && to_left[cu] == 0.0 {
                        touched.push(cu);
                    }
                    to_right[cu] += c;
                }
            }
            for (&u, &c) in &left[w] {
                if u as usize != w {
                    let cu = cluster[u as usize];
                    if to_right[cu] == 0.0 && to_left[cu] == 0.0 {
                        touched.push(cu);
                    }
                    to_left[cu] += c;
                }
            }
            // Take w out of its cluster.
            n[from] -= unigram[w];
            for &c in &touched {
                nn[from * k + c] -= to_right[c];
                nn[c * k + from] -= to_left[c];
            }
            nn[from * k + from] -= self_loop;
            // The gain of putting w into cluster `to`.
            let gain = |to: usize, nn: &[f64], n: &[f64]| {
                let mut g = 0.0;
                for &c in &touched {
                    if c != to {
                        g += xlogx(nn[to * k + c] + to_right[c]) - xlogx(nn[to * k + c]);
                        g += xlogx(nn[c * k + to] + to_left[c]) - xlogx(nn[c * k + to]);
                    }
                }
                let diag = nn[to * k + to];
                g += xlogx(diag + to_right[to] + to_left[to] + self_loop) - xlogx(diag);
                g - 2.0 * (xlogx(n[to] + unigram[w]) - xlogx(n[to]))
            };
            let mut best = (gain(from, &nn, &n), from);
            for to in 0..k {
                if to != from {
                    let g = gain(to, &nn, &n);
                    if g > best.0 + 1e-9 {
                        best = (g, to);
                    }
                }
            }
            let to = best.1;
            // Put w into the chosen cluster.
            n[to] += unigram[w];
            for &c in &touched {
                if c != to {
                    nn[to * k + c] += to_right[c];
                    nn[c * k + to] += to_left[c];
                }
            }
            nn[to * k + to] += to_right[to] + to_left[to] + self_loop;
            if to != from {
                cluster[w] = to;
                moved += 1;
            }
            for &c in &touched {
                to_right[c] = 0.0;
                to_left[c] = 0.0;
            }
        }
        if moved * 200 < v {
            break;
        }
    }
    cluster
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        let mut corpus = Vec::new();
        for i in 0..60 {
            let city = ["Paris", "Oslo", "Rome"][i % 3];
            let name = ["Smith", "Jones", "Brown"][i % 3];
            corpus.extend([Some("in"), Some(city), Some("today"), None, Some("Mr"), Some(name), Some("said"), None]);
        }
        let c = Clusters::learn(&corpus, 4, 2, 10);
        let fine = |w: &str| c.get(w).map(|x| x.0);
        assert_eq!(fine("Paris"), fine("Rome"));
        assert_eq!(fine("Smith"), fine("Jones"));
        assert_ne!(fine("Paris"), fine("Smith"));
        let back = Clusters::from_text(&c.to_text()).unwrap();
        assert_eq!(back, c);
        assert!(Clusters::from_text("a\tb\n").is_err());
    }
}
