//! A team's day, as the issue checks it: a bare repository, two clones, two analysts importing
//! their work, `marginalia sync` in each; then `agree --json` in one clone gives the span F1 an
//! independent count gives, and `merge` + `export --curated` hold exactly the spans both agree on.

mod cli_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn git(dir: &Path, args: &[&str]) {
    let run = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .output()
        .expect("run git");
    assert!(run.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&run.stderr));
}

/// Runs marginalia in `dir` as `analyst`, without the machine's git identity.
fn in_clone(dir: &Path, analyst: &str, args: &[&str]) -> Output {
    let run = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(dir)
        .env("MARGINALIA_USER", analyst)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .expect("run marginalia");
    assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
    run
}

const TEXTS: [&str; 2] = [
    "José Álvarez told Reuters that Acme Corp would leave Lisbon.",
    "“Prices will fall,” said Ben Okafor of Nordbank in Oslo.",
];

/// An analyst's JSONL: for each text, the words they marked and their labels.
fn jsonl(marks: &[&[(&str, &str)]]) -> String {
    let mut out = String::new();
    for (text, marks) in TEXTS.iter().zip(marks) {
        let spans: Vec<serde_json::Value> = marks
            .iter()
            .map(|(words, label)| {
                let at = text.find(words).unwrap();
                let start = text[..at].chars().count();
                serde_json::json!({"start": start, "end": start + words.chars().count(), "label": label})
            })
            .collect();
        out += &serde_json::json!({"text": text, "spans": spans, "answer": "accept"}).to_string();
        out.push('\n');
    }
    out
}

/// The (text, start, end, label) of every span in JSONL `data`.
fn spans_of(data: &str) -> BTreeSet<(String, u64, u64, String)> {
    let mut out = BTreeSet::new();
    for line in cli_support::json_lines(data.as_bytes()) {
        for s in line["spans"].as_array().unwrap() {
            let text = line["text"].as_str().unwrap().to_string();
            out.insert((
                text,
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap().into(),
            ));
        }
    }
    out
}

#[test]
fn two_clones_sync_agree_merge_and_export_what_both_agree_on() {
    let dir = tempfile::tempdir().unwrap();
    let (bare, ana, ben) = (dir.path().join("team.git"), dir.path().join("ana"), dir.path().join("ben"));
    git(dir.path(), &["init", "-q", "--bare", bare.to_str().unwrap()]);
    git(dir.path(), &["clone", "-q", bare.to_str().unwrap(), ana.to_str().unwrap()]);
    in_clone(&ana, "ana", &["team", "init", ".", "--analyst", "ana", "--analyst", "ben"]);
    git(&ana, &["add", "."]);
    git(&ana, &["commit", "-qm", "team project"]);
    git(&ana, &["push", "-q", "origin", "HEAD"]);
    git(dir.path(), &["clone", "-q", bare.to_str().unwrap(), ben.to_str().unwrap()]);

    let ana_data = jsonl(&[
        &[("José Álvarez", "PERSON"), ("Reuters", "ORG"), ("Acme Corp", "ORG"), ("Lisbon", "LOC")],
        &[("Ben Okafor", "PERSON"), ("Nordbank", "ORG"), ("Oslo", "LOC")],
    ]);
    let ben_data = jsonl(&[
        &[("José Álvarez", "PERSON"), ("Acme", "ORG"), ("Lisbon", "LOC")],
        &[("Ben Okafor", "PERSON"), ("Nordbank", "LOC"), ("Oslo", "LOC"), ("Prices", "MISC")],
    ]);
    for (clone, who, data) in [(&ana, "ana", &ana_data), (&ben, "ben", &ben_data)] {
        let file = dir.path().join(format!("{who}.jsonl"));
        std::fs::write(&file, data).unwrap();
        in_clone(clone, who, &["import", "--no-suggest", file.to_str().unwrap(), "-o", "."]);
        in_clone(clone, who, &["sync"]);
    }
    let synced = in_clone(&ana, "ana", &["sync"]);
    assert!(String::from_utf8_lossy(&synced.stderr).contains("ben"), "ana's sync brings ben's work");
    assert_eq!(cli_support::files_in(&ana.join("annotations/ben")).len(), 2);

    // Independent count: exact (text, start, end, label) matches of the two JSONL files.
    let (a, b) = (spans_of(&ana_data), spans_of(&ben_data));
    let both: BTreeSet<_> = a.intersection(&b).cloned().collect();
    let expected_f1 = 2.0 * both.len() as f64 / (a.len() + b.len()) as f64;
    let agree = in_clone(&ana, "ana", &["agree", ".", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&agree.stdout).unwrap();
    let pair = &report["pairs"][0];
    assert_eq!(pair["analysts"], serde_json::json!(["ana", "ben"]));
    assert_eq!(pair["documents"], 2);
    assert!((pair["spans"]["f1"].as_f64().unwrap() - expected_f1).abs() < 1e-12, "{pair}");
    assert_eq!(report["overall"]["spans"]["f1"], pair["spans"]["f1"]);
    assert_eq!(pair["tokens"]["alpha"]["method"], "nominal over tokens");
    assert!(pair["tokens"]["kappa"].as_f64().unwrap() > 0.0);

    in_clone(&ana, "rita", &["merge", "."]);
    let out = dir.path().join("curated.jsonl");
    in_clone(&ana, "rita", &["export", "--format", "spacy", "--curated", ".", "-o", out.to_str().unwrap()]);
    assert_eq!(spans_of(&std::fs::read_to_string(&out).unwrap()), both);
}
