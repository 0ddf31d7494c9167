//! `marginalia merge` as a reviewer uses it: what both analysts accepted is accepted in the curated
//! version, the rest waits; exporting the curated versions gives exactly what both agree on; and
//! merging again after the reviewer decided never changes the reviewer's decisions.

mod cli_support;

use cli_support::as_analyst;
use marginalia::annotation::{Review, Span, Status};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

fn ok(run: Output) -> String {
    let err = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{err}");
    err
}

/// "Ana Lima" (code points 0..8) is a person for both; ben calls Porto (29..34) an ORG, ana a LOC;
/// only ana marks Lisbon. The text has an accent before the places, so code points ≠ bytes.
const ANA: &str = r#"{"text": "Ana Lima said préços fell in Porto and Lisbon.", "spans": [{"start": 0, "end": 8, "label": "PERSON"}, {"start": 29, "end": 34, "label": "LOC"}, {"start": 39, "end": 45, "label": "LOC"}], "answer": "accept"}"#;
const BEN: &str = r#"{"text": "Ana Lima said préços fell in Porto and Lisbon.", "spans": [{"start": 0, "end": 8, "label": "PERSON"}, {"start": 29, "end": 34, "label": "ORG"}], "answer": "accept"}"#;

fn project(dir: &Path) -> PathBuf {
    let root = dir.join("news");
    let p = root.to_str().unwrap();
    ok(as_analyst("ana", &["team", "init", p, "--analyst", "ana", "--analyst", "ben"]));
    for (who, line) in [("ana", ANA), ("ben", BEN)] {
        let data = dir.join(format!("{who}.jsonl"));
        std::fs::write(&data, format!("{line}\n")).unwrap();
        ok(as_analyst(who, &["import", "--no-suggest", data.to_str().unwrap(), "-o", p]));
    }
    root
}

/// The (start, end, label) of each span of the exported JSON lines, in code points.
fn exported(root: &Path, out: &Path) -> BTreeSet<(u64, u64, String)> {
    let err = ok(as_analyst(
        "rita",
        &["export", "--format", "spacy", "--curated", root.to_str().unwrap(), "-o", out.to_str().unwrap()],
    ));
    assert!(err.contains("from the curated versions"), "{err}");
    let text = std::fs::read_to_string(out).unwrap();
    let mut spans = BTreeSet::new();
    for line in cli_support::json_lines(text.as_bytes()) {
        for s in line["spans"].as_array().unwrap() {
            spans.insert((
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap().into(),
            ));
        }
    }
    spans
}

fn curated_file(root: &Path) -> PathBuf {
    root.join("curated").join(&cli_support::files_in(&root.join("curated"))[0])
}

#[test]
fn merge_accepts_what_both_agree_on_and_export_curated_holds_exactly_that() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    let err = ok(as_analyst("rita", &["merge", root.to_str().unwrap()]));
    assert!(err.contains("1 agreed by all (ana, ben), 3 waiting for the reviewer"), "{err}");

    assert_eq!(exported(&root, &dir.path().join("c.jsonl")), BTreeSet::from([(0, 8, "PERSON".to_string())]));
    // The analysts' own files are as they imported them.
    let ana_files = cli_support::files_in(&root.join("annotations/ana"));
    let ana = marginalia::store::load(&root.join("annotations/ana").join(&ana_files[0])).unwrap();
    assert_eq!(ana.annotations.spans().len(), 3);

    let again = ok(as_analyst("rita", &["merge", root.to_str().unwrap()]));
    assert!(again.contains("unchanged"), "merging twice writes nothing new: {again}");
}

#[test]
fn merging_again_never_changes_what_the_reviewer_decided() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    ok(as_analyst("rita", &["merge", root.to_str().unwrap()]));

    // The reviewer takes ben's ORG for Porto and rejects the agreed PERSON (say the guidelines changed).
    let path = curated_file(&root);
    let mut loaded = marginalia::store::load(&path).unwrap();
    let decide = |s: &Span, status| Span {
        status,
        reviewed: Some(Review { by: "rita".into(), at: marginalia::annotation::now() }),
        ..s.clone()
    };
    let spans = loaded.annotations.spans().to_vec();
    let text = loaded.doc.text().to_string();
    for s in &spans {
        let status = match (&text[s.range.clone()], s.label.as_str()) {
            ("Ana Lima", _) => Status::Rejected,
            ("Porto", "ORG") => Status::Accepted,
            ("Porto", _) => Status::Rejected,
            _ => continue,
        };
        loaded.annotations.put(decide(s, status));
    }
    marginalia::store::save(&path, &loaded.doc, &loaded.annotations, None).unwrap();
    let lisbon = text.find("Lisbon").unwrap();
    let decided: Vec<Span> = loaded.annotations.spans().iter().filter(|s| s.range.start < lisbon).cloned().collect();

    let err = ok(as_analyst("rita", &["merge", root.to_str().unwrap()]));
    assert!(err.contains("3 reviewer's decisions kept"), "{err}");
    let after = marginalia::store::load(&path).unwrap();
    let kept: Vec<Span> = after.annotations.spans().iter().filter(|s| s.range.start < lisbon).cloned().collect();
    assert_eq!(kept, decided);
    // Porto is 29..34 in code points in the export, though bytes differ (the accent in "préços").
    assert_eq!(exported(&root, &dir.path().join("c.jsonl")), BTreeSet::from([(29, 34, "ORG".to_string())]));
}

#[test]
fn a_curated_file_that_does_not_load_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let root = project(dir.path());
    ok(as_analyst("rita", &["merge", root.to_str().unwrap()]));
    let path = curated_file(&root);
    std::fs::write(&path, "(format: \"marginalia\", version: 3, spans: [").unwrap();
    let run = as_analyst("rita", &["merge", root.to_str().unwrap()]);
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("left out (could not be read, left as it is)"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "(format: \"marginalia\", version: 3, spans: [");
}

#[test]
fn merge_outside_a_team_project_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let run = as_analyst("rita", &["merge", dir.path().to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("is not in a team project"));
}
