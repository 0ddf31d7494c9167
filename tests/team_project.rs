//! A team project from the command line, as a team uses it: `team init`, each analyst importing
//! into the project (their files go to their own folder, never another's), and exporting one
//! analyst's annotations or the curated versions.

mod cli_support;

use cli_support::{as_analyst, files_in};
use std::path::Path;
use std::process::Output;

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

const PRICES: &str = r#"{"text": "Ana Lima said prices fell in Porto.", "spans": [{"start": 0, "end": 8, "label": "PERSON"}], "answer": "accept"}"#;
const RAIN: &str =
    r#"{"text": "Rain is due on Monday.", "spans": [{"start": 0, "end": 4, "label": "PERSON"}], "answer": "accept"}"#;
/// Ben's version of the prices article: he marks the place, with a label the team does not have.
const PRICES_BEN: &str = r#"{"text": "Ana Lima said prices fell in Porto.", "spans": [{"start": 29, "end": 34, "label": "PLACE"}], "answer": "accept"}"#;

/// A team project of ana and ben with the labels SOURCE and PERSON; ana imported two documents
/// into its root, ben one into a folder inside it.
fn project(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("news");
    let p = root.to_str().unwrap();
    let init = as_analyst(
        "ana",
        &["team", "init", p, "--analyst", "ana", "--analyst", "ben", "--label", "SOURCE", "--label", "PERSON"],
    );
    assert!(init.status.success(), "{}", stderr(&init));
    let ana_data = dir.join("ana.jsonl");
    std::fs::write(&ana_data, format!("{PRICES}\n{RAIN}\n")).unwrap();
    let ben_data = dir.join("ben.jsonl");
    std::fs::write(&ben_data, format!("{PRICES_BEN}\n")).unwrap();

    let run = as_analyst("ana", &["import", "--no-suggest", ana_data.to_str().unwrap(), "-o", p]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("imported 2 documents into annotations/ana/ as ana"), "{}", stderr(&run));
    let inside = root.join("documents");
    let run =
        as_analyst("ben", &["import", "--no-suggest", ben_data.to_str().unwrap(), "-o", inside.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("imported 1 documents into annotations/ben/ as ben"), "{}", stderr(&run));
    root
}

#[test]
fn each_analyst_imports_into_their_own_folder_with_the_teams_labels_and_never_into_anothers() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    assert_eq!(files_in(&root.join("annotations/ana")), ["ana-1.ann.ron", "ana-2.ann.ron"]);
    assert_eq!(files_in(&root.join("annotations/ben")), ["ben-1.ann.ron"]);
    assert!(!root.join("documents").exists() || files_in(&root.join("documents")).is_empty(), "nothing beside");
    assert!(!root.join("ana-1.ann.ron").exists(), "nothing in the root");

    let ana = std::fs::read_to_string(root.join("annotations/ana/ana-1.ann.ron")).unwrap();
    assert!(ana.contains("\"SOURCE\"") && ana.contains("\"PERSON\""), "the team's labels: {ana}");
    assert!(!ana.contains("\"ORG\""), "not Marginalia's defaults: {ana}");
    let ben = std::fs::read_to_string(root.join("annotations/ben/ben-1.ann.ron")).unwrap();
    assert!(ben.contains("\"SOURCE\"") && ben.contains("\"PLACE\""), "the team's, and the one his data brings: {ben}");

    // Ana importing into ben's folder is refused, and his folder is as it was.
    let data = dir.path().join("ana.jsonl");
    let into_ben = root.join("annotations/ben");
    let run = as_analyst("ana", &["import", "--no-suggest", data.to_str().unwrap(), "-o", into_ben.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("ben's folder") && stderr(&run).contains("nothing was imported"), "{}", stderr(&run));
    assert_eq!(files_in(&into_ben), ["ben-1.ann.ron"]);
    assert_eq!(std::fs::read_to_string(into_ben.join("ben-1.ann.ron")).unwrap(), ben);

    // Importing again keeps what is there.
    let run = as_analyst("ana", &["import", "--no-suggest", data.to_str().unwrap(), "-o", root.to_str().unwrap()]);
    assert!(stderr(&run).contains("imported 0 documents") && stderr(&run).contains("2 skipped"), "{}", stderr(&run));
}

/// A span as exported: start, end (code points) and label.
type Exported = (u64, u64, String);

/// The exported spaCy tasks as (text, [span]), in order.
fn tasks(path: &Path) -> Vec<(String, Vec<Exported>)> {
    let text = std::fs::read_to_string(path).unwrap();
    cli_support::json_lines(text.as_bytes())
        .iter()
        .map(|t| {
            let spans = t["spans"].as_array().cloned().unwrap_or_default();
            let spans = spans
                .iter()
                .map(|s| {
                    (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap(), s["label"].as_str().unwrap().to_string())
                })
                .collect();
            (t["text"].as_str().unwrap().to_string(), spans)
        })
        .collect()
}

#[test]
fn export_takes_one_analysts_files_or_the_curated_versions_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let out = dir.path().join("ben.jsonl.out");
    let run = as_analyst(
        "ana",
        &["export", "--format", "spacy", "--analyst", "ben", root.to_str().unwrap(), "-o", out.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(report.starts_with("from ben's annotations: wrote 1 documents"), "{report}");
    assert!(report.contains("1 documents this analyst has no file of"), "the rain article: {report}");
    assert_eq!(tasks(&out), [("Ana Lima said prices fell in Porto.".to_string(), vec![(29, 34, "PLACE".to_string())])]);

    // The curated version of the prices article: ana's decision, written as a reviewer would.
    let ana = marginalia::store::load(&root.join("annotations/ana/ana-1.ann.ron")).unwrap();
    let curated = root.join("curated/ana-1.ann.ron");
    marginalia::store::save(&curated, &ana.doc, &ana.annotations, None).unwrap();
    let out = dir.path().join("curated.jsonl");
    let inside = root.join("annotations");
    let run = as_analyst(
        "ben",
        &["export", "--format", "spacy", "--curated", inside.to_str().unwrap(), "-o", out.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(report.starts_with("from the curated versions: wrote 1 documents"), "{report}");
    assert!(report.contains("1 documents with no curated version yet"), "{report}");
    assert_eq!(tasks(&out), [("Ana Lima said prices fell in Porto.".to_string(), vec![(0, 8, "PERSON".to_string())])]);

    // Outside a team project the choice means nothing, and says so.
    let plain = dir.path().join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    cli_support::write_annotations(&plain);
    let run = as_analyst("ana", &["export", "--format", "spacy", "--curated", plain.to_str().unwrap(), "-o", "-"]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("is not in a team project"), "{}", stderr(&run));
}
