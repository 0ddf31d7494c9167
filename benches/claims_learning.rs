//! Learning claims from the analyst, measured on PolNeAR dev (2016 US political news, the shipped
//! claim tagger's own domain; its `train/` is what the model learned from and `test/` is kept for
//! final evaluation, so neither is used here).
//!
//! The first 60% of the dev documents are replayed as an analyst would work through them: walking
//! the pending suggested claims in document order, accepting one that matches a gold attribution
//! (sharing at least half of the shorter of the two, as `eval-claims` matches), rejecting one that
//! matches none, and adding a gold claim no suggestion found when the walk passes it — one decision
//! at a time, each followed by what the app does: `ClaimSuggester::learn` with the document's claims
//! so far, new suggestions, and — in the sentences the decision touched only, as the window does — the
//! pending ones that are no longer suggested withdrawn and the new ones that overlap no claim added.
//!
//! Two figures:
//! (a) withdrawals: after each decision, how many of the claims the engine suggested *outside the
//!     sentences the decision touches* it no longer makes (the same content exactly), how many of
//!     those matched a gold claim, and how many it newly makes there.
//!     These are the engine's own figures; the window applies none of them (a claim follow-up
//!     changes only the decision's sentences, `session::machine`);
//! (b) the replay curve: claim detection P / R / F1, cue and claimant accuracy on the held-out 40% of
//!     dev after 0, 10, 25 and 50 replayed documents (and all of them), beside the shipped model.
//!     What is learned stays in its document (`claims::online` says why), so this curve shows that
//!     nothing learned elsewhere reaches unseen documents.
//!
//! Reads `../shared/data/claims/polnear/dev`; says so and stops when the data is absent.
//! Run: `cargo bench --bench claims_learning`. To tune without looking at the held-out 40%:
//! `MARGINALIA_CURVE=dev cargo bench --bench claims_learning` replays the first 30% of dev and
//! scores on the next 30%.

use marginalia::annotation::{Claim, ClaimId, Claimant, Origin, Status, now};
use marginalia::claims::brat::{self, BratDocument};
use marginalia::claims::score::Tally;
use marginalia::claims::{ClaimSuggester, ClaimSuggestion, train};
use marginalia::doc::Document;
use marginalia::engines::Engines;
use marginalia::suggest::Suggestion;
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

#[path = "support/distribution.rs"]
mod distribution;
use distribution::Counts;

const CHECKPOINTS: &[usize] = &[0, 10, 25, 50, usize::MAX];

/// A dev document with what the claim engine needs beside the text: the entity suggestions (which
/// name claimants), computed once with the shipped entity models.
struct Doc<'a> {
    brat: &'a BratDocument,
    doc: Document,
    entities: Vec<Suggestion>,
}

fn prepare<'a>(docs: &'a [BratDocument], engines: &Engines) -> Vec<Doc<'a>> {
    docs.iter()
        .map(|b| {
            let doc = Document::new(b.text.clone());
            let entities = engines.entities(&doc);
            Doc { brat: b, doc, entities }
        })
        .collect()
}

/// The documents replayed and those scored. PolNeAR dev is sorted by publisher (Breitbart first,
/// The Western Journal last) and annotates some articles twice: articles are dealt out in a fixed
/// shuffled order, each article (with all its annotation files) to one side — 2 in 5 held out —
/// and an article is replayed once, with its first annotation file. Tuning splits the replayed
/// side the same way again.
fn split(all: &[BratDocument], tuning: bool) -> (Vec<BratDocument>, Vec<BratDocument>) {
    let mut articles: Vec<Vec<&BratDocument>> = Vec::new();
    for d in all {
        match articles.last_mut() {
            Some(last) if last[0].text == d.text => last.push(d),
            _ => articles.push(vec![d]),
        }
    }
    let mut rng = fastrand::Rng::with_seed(1);
    rng.shuffle(&mut articles);
    let (mut replayed, mut held_out) = deal(articles);
    if tuning {
        let (a, b) = deal(replayed);
        replayed = a;
        held_out = b;
    }
    (replayed.into_iter().map(|a| a[0].clone()).collect(), held_out.into_iter().flatten().cloned().collect())
}

/// Every fifth article from the second and the fourth on to the second list, the others to the first.
fn deal<T>(items: Vec<T>) -> (Vec<T>, Vec<T>) {
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for (k, a) in items.into_iter().enumerate() {
        if k % 5 == 1 || k % 5 == 3 { second.push(a) } else { first.push(a) }
    }
    (first, second)
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Whether a claim's content matches a gold extent the way the scorer matches them (bytes here).
fn matches(content: &Range<usize>, gold: &Range<usize>) -> bool {
    let o = overlap(content, gold);
    o > 0 && 2 * o >= content.len().min(gold.len())
}

#[derive(Default)]
struct Replayed {
    accepted: usize,
    rejected: usize,
    added: usize,
    /// Per decision: pending suggestions outside its sentences that were withdrawn, and of those how
    /// many matched a gold claim still open (good suggestions lost).
    withdrawn: Counts,
    good_withdrawn: Counts,
    /// Per decision: suggestions outside its sentences newly made.
    new_outside: Counts,
    learn_ms: Vec<f64>,
}

fn suggested(s: ClaimSuggestion, id: ClaimId) -> Claim {
    Claim {
        id,
        content: s.content,
        pieces: Vec::new(),
        cue: s.cue,
        claimant: s.claimant.map(|w| Claimant { range: w.range, entity: None }),
        checkworthy: Some(s.checkworthy),
        checkworthy_by_hand: None,
        status: Status::Pending,
        origin: Origin::Engine { engine: "claims/tagger".into(), score: s.score, label: "CLAIM".into() },
        created: now(),
        reviewed: None,
    }
}

/// Adds suggestions that overlap no claim already there, as the session does.
fn add_suggestions(claims: &mut Vec<Claim>, fresh: Vec<ClaimSuggestion>, next_id: &mut u64) {
    for s in fresh {
        if claims.iter().any(|c| c.content.start < s.content.end && c.content.end > s.content.start) {
            continue;
        }
        *next_id += 1;
        claims.push(suggested(s, ClaimId(*next_id)));
    }
}

/// One document replayed decision by decision (see the module docs).
fn replay(engine: &mut ClaimSuggester, d: &Doc, out: &mut Replayed) {
    let doc = &d.doc;
    let gold: Vec<&brat::Attribution> = d.brat.attributions.iter().filter(|a| a.extent().is_some()).collect();
    let extent = |a: &brat::Attribution| a.extent().unwrap_or_default();
    let mut open = vec![true; gold.len()];
    let mut claims: Vec<Claim> = Vec::new();
    let mut next_id = 0;
    add_suggestions(&mut claims, engine.suggest(doc, &d.entities), &mut next_id);
    let mut cursor = 0;
    loop {
        let pending = claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_pending() && c.content.start >= cursor)
            .min_by_key(|(_, c)| c.content.start)
            .map(|(i, c)| (c.content.start, i));
        // A gold claim no pending suggestion ahead will match is added when the walk reaches it, or
        // at once when the walk has passed it (its claim began before a suggestion just decided).
        let missed = (0..gold.len())
            .filter(|&g| open[g])
            .filter(|&g| {
                !claims
                    .iter()
                    .any(|c| c.is_pending() && c.content.start >= cursor && matches(&c.content, &extent(gold[g])))
            })
            .min_by_key(|&g| extent(gold[g]).start)
            .map(|g| (extent(gold[g]).start, g));
        let take_pending = match (pending, missed) {
            (Some((at, _)), Some((gat, _))) => at <= gat,
            (p, _) => p.is_some(),
        };
        let decided = match (pending.filter(|_| take_pending), missed) {
            (Some((at, i)), _) => {
                let content = claims[i].content.clone();
                // The gold claim it is: one not yet accepted if it can be, else one already accepted
                // (a quotation PolNeAR ties into one attribution may be suggested as two claims).
                let hit = (0..gold.len())
                    .filter(|&g| matches(&content, &extent(gold[g])))
                    .max_by_key(|&g| (open[g], overlap(&content, &extent(gold[g]))));
                claims[i].status = match hit {
                    Some(g) => {
                        open[g] = false;
                        out.accepted += 1;
                        Status::Accepted
                    }
                    None => {
                        out.rejected += 1;
                        Status::Rejected
                    }
                };
                cursor = at;
                i
            }
            (_, Some((at, g))) => {
                open[g] = false;
                out.added += 1;
                next_id += 1;
                let a = gold[g];
                claims.push(Claim {
                    id: ClaimId(next_id),
                    content: extent(a),
                    pieces: if a.contents.len() > 1 { a.contents.clone() } else { Vec::new() },
                    cue: a.cue.clone(),
                    claimant: a.source.clone().map(|range| Claimant { range, entity: None }),
                    checkworthy: None,
                    checkworthy_by_hand: None,
                    status: Status::Accepted,
                    origin: Origin::Human { by: "replay".into() },
                    created: now(),
                    reviewed: None,
                });
                cursor = cursor.max(at);
                claims.len() - 1
            }
            (None, None) => break,
        };
        // The sentences of the decision, and what was pending outside them.
        let marks = claims[decided].extent();
        let sentences: Vec<&Range<usize>> = doc
            .sentences()
            .iter()
            .filter(|s| s.start < marks.end.max(marks.start + 1) && s.end > marks.start)
            .collect();
        let outside = |c: &Claim| !sentences.iter().any(|s| s.start < c.extent().end && s.end > c.extent().start);
        let away = |r: &Range<usize>| !sentences.iter().any(|s| s.start < r.end && r.start < s.end);
        // What the engine suggested outside the decision's sentences before it learned from it.
        let before: Vec<(Range<usize>, bool)> = engine
            .suggest(doc, &d.entities)
            .into_iter()
            .filter(|s| away(&s.content))
            .map(|s| {
                let good = (0..gold.len()).any(|g| open[g] && matches(&s.content, &extent(gold[g])));
                (s.content, good)
            })
            .collect();
        claims.sort_by_key(Claim::order_key);
        let t = Instant::now();
        engine.learn(doc, &claims);
        out.learn_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let fresh = engine.suggest(doc, &d.entities);
        let kept: std::collections::HashSet<(usize, usize)> =
            fresh.iter().map(|s| (s.content.start, s.content.end)).collect();
        let was: std::collections::HashSet<(usize, usize)> = before.iter().map(|(r, _)| (r.start, r.end)).collect();
        let lost: Vec<&(Range<usize>, bool)> =
            before.iter().filter(|(r, _)| !kept.contains(&(r.start, r.end))).collect();
        out.withdrawn.0.push(lost.len());
        out.good_withdrawn.0.push(lost.iter().filter(|(_, good)| *good).count());
        let new_outside =
            fresh.iter().filter(|s| away(&s.content) && !was.contains(&(s.content.start, s.content.end))).count();
        out.new_outside.0.push(new_outside);
        // What the window then does: pending claims in the decision's sentences that are not
        // suggested again go, and new ones come only there (`Session::refresh_claim_suggestions`).
        claims.retain(|c| !c.is_pending() || outside(c) || kept.contains(&(c.content.start, c.content.end)));
        let inside: Vec<ClaimSuggestion> = fresh
            .into_iter()
            .filter(|s| {
                let extent = marginalia::annotation::claims::extent(
                    &s.content,
                    s.cue.as_ref(),
                    s.claimant.as_ref().map(|w| &w.range),
                );
                sentences.iter().any(|r| r.start < extent.end && extent.start < r.end)
            })
            .collect();
        add_suggestions(&mut claims, inside, &mut next_id);
    }
}

fn score(engine: &ClaimSuggester, docs: &[Doc]) -> Tally {
    let mut tally = Tally::default();
    for d in docs {
        tally.add(&train::gold(&d.doc, d.brat), &train::scored(&d.doc, engine.suggest(&d.doc, &d.entities)));
    }
    tally
}

fn row(name: &str, t: &Tally) -> String {
    format!(
        "{name:>10} {:>7.4} {:>7.4} {:>7.4} {:>7.3} {:>7.3}",
        t.precision(),
        t.recall(),
        t.f1(),
        t.cue_accuracy(),
        t.claimant_accuracy()
    )
}

fn main() {
    let dir = Path::new("../shared/data/claims/polnear/dev");
    let (text, ann) = (dir.join("text"), dir.join("attributions"));
    if !text.is_dir() || !ann.is_dir() {
        println!(
            "claims_learning: {} is absent; nothing to measure (the data lives in ../shared/data).",
            dir.display()
        );
        return;
    }
    let all = brat::read_dir(&text, &ann).expect("PolNeAR dev is readable");
    let tuning = std::env::var("MARGINALIA_CURVE").is_ok_and(|v| v == "dev");
    if tuning {
        println!("tuning (MARGINALIA_CURVE=dev): replaying half of the replayed 60% of dev, scoring on the other half");
    }
    let (replayed, held_out) = split(&all, tuning);
    let (engines, _) = Engines::shipped();
    let (replayed, held_out) = (prepare(&replayed, &engines), prepare(&held_out, &engines));
    let claims = |docs: &[Doc]| docs.iter().map(|d| d.brat.attributions.len()).sum::<usize>();
    println!(
        "PolNeAR dev: {} documents replayed ({} attributions), {} held out ({} attributions)",
        replayed.len(),
        claims(&replayed),
        held_out.len(),
        claims(&held_out)
    );
    let shipped = score(&ClaimSuggester::shipped().expect("the shipped models load"), &held_out);
    let mut engine = ClaimSuggester::shipped().expect("the shipped models load");
    let mut stats = Replayed::default();
    println!("\nheld-out claims after replayed documents, beside the shipped model:");
    println!("{:>10} {:>7} {:>7} {:>7} {:>7} {:>7}", "documents", "P", "R", "F1", "cue", "claimant");
    println!("{}", row("shipped", &shipped));
    let started = Instant::now();
    let mut done = 0;
    for &checkpoint in CHECKPOINTS {
        while done < checkpoint.min(replayed.len()) {
            replay(&mut engine, &replayed[done], &mut stats);
            done += 1;
        }
        let t = score(&engine, &held_out);
        let worse = if t.f1() < shipped.f1() { "  (below the shipped model)" } else { "" };
        println!("{}{worse}", row(&done.to_string(), &t));
        if done >= replayed.len() {
            break;
        }
    }
    stats.learn_ms.sort_by(f64::total_cmp);
    let median_ms = stats.learn_ms.get(stats.learn_ms.len() / 2).copied().unwrap_or(0.0);
    println!(
        "\n{} decisions ({} accepted, {} rejected, {} added), {} perceptron updates; learning {median_ms:.1} ms a decision (median), {:.0} s in all",
        stats.withdrawn.0.len(),
        stats.accepted,
        stats.rejected,
        stats.added,
        engine.updates(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "suggestions outside the decision's sentences the engine no longer makes, per decision (the window keeps them):"
    );
    println!("  all:                       {}", stats.withdrawn.summary());
    println!("  matching a gold claim:     {}", stats.good_withdrawn.summary());
    println!("new suggestions outside the decision's sentences per decision (the window adds none):");
    println!("  {}", stats.new_outside.summary());
}
