//! The command line, run as a user would: `marginalia suggest` (files, folders, standard input,
//! pipes and devices), `check`, and the claim evaluations; `import` and `export` are in
//! `cli_datasets.rs`.

mod cli_support;

use cli_support::{ARTICLE, json_lines, marginalia, write_annotations};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs marginalia as [`marginalia`] does, but kills it if it has not finished within two minutes:
/// a reader that waits on a pipe or reads a device forever must fail the test, not hang the run.
fn marginalia_finishing(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run marginalia");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait for marginalia").is_none() {
        if started.elapsed().as_secs() > 120 {
            let _ = child.kill();
            panic!("marginalia {args:?} did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("marginalia's output")
}

fn slice_code_points(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn suggest_prints_json_lines_with_code_point_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.md");
    std::fs::write(&a, ARTICLE).unwrap();
    std::fs::write(&b, "# Talks\n\nPresident Joe Biden met NATO leaders in Brussels.\n").unwrap();
    let out = marginalia(&["suggest", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    let doc = &lines[0];
    assert_eq!(doc["id"], a.display().to_string());
    assert_eq!(doc["text"], ARTICLE);
    let text = doc["text"].as_str().unwrap();
    // The quotation is a claim: its content, the cue "said" and the claimant, in code points.
    let claims = doc["claims"].as_array().unwrap();
    let quote = claims
        .iter()
        .find(|c| {
            slice_code_points(text, c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize)
                .contains("civilians are inside")
        })
        .unwrap_or_else(|| panic!("the quotation is a claim: {claims:?}"));
    let part = |v: &serde_json::Value| {
        slice_code_points(text, v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize)
    };
    assert_eq!(part(&quote["cue"]), "said");
    assert!(part(&quote["claimant"]).starts_with("Mustafa\u{a0}Bali"), "{quote}");
    assert_eq!(quote["claimant"]["text"].as_str().map(|t| t.starts_with("Mustafa")), Some(true));
    let (score, worth) = (quote["score"].as_f64().unwrap(), quote["checkworthy"].as_f64().unwrap());
    assert!((0.0..=1.0).contains(&score) && (0.0..=1.0).contains(&worth));
    let found: Vec<(String, String)> = doc["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            assert!(
                s["score"].as_f64().unwrap() > 0.0
                    && ["rules/", "ner/"].iter().any(|p| s["source"].as_str().unwrap().starts_with(p))
            );
            (slice_code_points(text, start, end), s["label"].as_str().unwrap().to_string())
        })
        .collect();
    for expected in [
        ("Mustafa\u{a0}Bali", "PERSON"),
        ("SDF", "ORG"),
        ("Deir Az Zor", "LOC"),
        ("Sunday", "DATE"),
        ("US", "LOC"),
        ("Baghouz", "LOC"),
    ] {
        assert!(found.iter().any(|(t, l)| t == expected.0 && l == expected.1), "{expected:?} not in {found:?}");
    }
    let second: Vec<&str> =
        lines[1]["spans"].as_array().unwrap().iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert_eq!(second, ["PERSON", "ORG", "LOC"]);
}

#[test]
fn suggest_reports_bad_files_and_still_prints_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&good, "Syria and Turkey.").unwrap();
    std::fs::write(&bad, b"\xff\xfe\x00\x01binary\x00\x00").unwrap();
    let out = marginalia(&[
        "suggest",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        dir.path().join("missing.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary") && err.contains("missing.txt"), "{err}");
}

#[test]
fn check_summarises_a_good_file_and_pinpoints_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_annotations(dir.path());
    let out = marginalia(&["check", path.to_str().unwrap()]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("OK") && stdout.contains("1 accepted"), "{stdout}");

    let good = std::fs::read_to_string(&path).unwrap();
    let truncated = &good[..good.len() * 2 / 3];
    std::fs::write(&path, truncated).unwrap();
    let out = marginalia(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line ") && err.contains("column "), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), truncated, "check never writes");

    let edited = good.replacen("text: \"SDF\"", "text: \"SFD\"", 1);
    std::fs::write(&path, edited).unwrap();
    let err = String::from_utf8_lossy(&marginalia(&["check", path.to_str().unwrap()]).stderr).to_string();
    assert!(err.contains("\"SFD\" does not match"), "{err}");
}

#[test]
fn check_prints_the_format_version_the_file_was_written_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_annotations(dir.path());
    let current = String::from_utf8_lossy(&marginalia(&["check", path.to_str().unwrap()]).stdout).to_string();
    assert!(current.contains("format version 2,"), "{current}");
    // Version 1 had no claims; it is read as it is.
    let v1: String = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("version: 2,", "version: 1,", 1)
        .lines()
        .filter(|l| !l.trim_start().starts_with("claims:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, v1).unwrap();
    let out = marginalia(&["check", path.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("format version 1,"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn suggest_reads_the_text_of_an_annotation_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_annotations(dir.path());
    let out = marginalia(&["suggest", path.to_str().unwrap()]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["text"], ARTICLE);
}

#[test]
fn eval_claims_scores_brat_attributions_and_eval_checkworthy_scores_a_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let (text_dir, ann_dir) = (dir.path().join("text"), dir.path().join("ann"));
    std::fs::create_dir_all(&text_dir).unwrap();
    std::fs::create_dir_all(&ann_dir).unwrap();
    let text = "“Prices will fall,” said Ana Lima, the minister.\n";
    std::fs::write(text_dir.join("doc.txt"), text).unwrap();
    let ann = "T1\tContent 1 17\tPrices will fall\nT2\tCue 20 24\tsaid\nT3\tSource 25 33\tAna Lima\nE1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
    std::fs::write(ann_dir.join("doc_ab12.ann"), ann).unwrap();
    let out = marginalia(&["eval-claims", "--brat", text_dir.to_str().unwrap(), ann_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("claims: gold=1 predicted=1 matched=1"), "{report}");
    assert!(report.contains("cue accuracy on matched: 1/1"), "{report}");
    assert!(report.contains("ms per 1,000 words"), "{report}");

    let tsv = dir.path().join("cw.tsv");
    std::fs::write(&tsv, "Sentence_id\tText\tclass_label\n1\tUnemployment fell by 12 percent in 2019.\tYes\n2\tThank you all so much.\tNo\n").unwrap();
    let out = marginalia(&["eval-checkworthy", "--tsv", tsv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.starts_with("2 sentences, 1 check-worthy"), "{report}");

    let missing = marginalia(&["eval-claims", "--brat", "/nonexistent/t", "/nonexistent/a"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("could not read"));
}

#[test]
fn suggest_works_on_a_folder_taking_each_document_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "The minister said that prices would fall next year.\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "# Talks\n\nJoe Biden met NATO leaders in Brussels.\n").unwrap();
    std::fs::write(dir.path().join("notes.csv"), "not,an,article\n").unwrap();
    let annotated = write_annotations(dir.path());
    let out = marginalia(&["suggest", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    let name = |p: &str| Path::new(p).file_name().unwrap().to_string_lossy().to_string();
    let names: Vec<String> = ids.iter().map(|i| name(i)).collect();
    // a.txt has its annotation file beside it: the document is taken once, from that file.
    assert_eq!(names, [name(annotated.to_str().unwrap()), "b.md".to_string()]);
}

#[cfg(unix)]
fn fifo(path: &Path) -> String {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a valid NUL-terminated path and touches nothing else.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    path.to_str().unwrap().to_string()
}

#[cfg(unix)]
fn device(path: &Path) -> String {
    std::os::unix::fs::symlink("/dev/zero", path).unwrap();
    path.to_str().unwrap().to_string()
}

#[cfg(unix)]
#[test]
fn no_command_reads_a_device_or_waits_on_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name);
    let conll = d("good.conll");
    std::fs::write(&conll, "Ana B-PER\nLima I-PER\n").unwrap();
    let tsv = d("good.tsv");
    std::fs::write(&tsv, "id\ttext\tlabel\n1\tPrices rose 5%.\tYes\n").unwrap();
    let (text_dir, ann_dir) = (d("text"), d("ann"));
    std::fs::create_dir_all(&text_dir).unwrap();
    std::fs::create_dir_all(&ann_dir).unwrap();
    fifo(&text_dir.join("doc.txt"));
    std::fs::write(ann_dir.join("doc.ann"), "T1\tCue 0 4\tsaid\n").unwrap();
    std::fs::write(d("brat.ann"), "T1\tPERSON 0 3\tAna\n").unwrap();
    fifo(&d("brat.txt"));
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, Vec<&str>)> = vec![
        (vec!["suggest".into(), device(&d("page.html"))], vec!["page.html is a device"]),
        (vec!["suggest".into(), device(&d("paper.pdf"))], vec!["paper.pdf is a device"]),
        (vec!["suggest".into(), fifo(&d("pipe.html"))], vec!["pipe.html is a named pipe"]),
        (
            vec![
                "import".into(),
                "--no-suggest".into(),
                device(&d("tasks.jsonl")),
                fifo(&d("data.conll")),
                device(&d("bundle.ron")),
                d("brat.ann").to_str().unwrap().into(),
                fifo(&d("pipe.pdf")),
                "-o".into(),
                path(&d("out")),
            ],
            vec![
                "tasks.jsonl is a device",
                "data.conll is a named pipe",
                "bundle.ron is a device",
                "brat.txt is a named pipe",
                "pipe.pdf is a named pipe",
                "0 skipped, 5 failed",
            ],
        ),
        (vec!["tag".into(), "--conll".into(), fifo(&d("x.conll"))], vec!["x.conll is a named pipe"]),
        (
            vec!["tag".into(), "--conll".into(), path(&conll), "--model".into(), device(&d("m.mgner"))],
            vec!["m.mgner is a device"],
        ),
        (
            vec!["train".into(), "--conll".into(), device(&d("t.conll")), "--out".into(), path(&d("m2"))],
            vec!["t.conll is a device"],
        ),
        (vec!["eval-checkworthy".into(), "--tsv".into(), fifo(&d("c.tsv"))], vec!["c.tsv is a named pipe"]),
        (
            vec!["eval-checkworthy".into(), "--tsv".into(), path(&tsv), "--model".into(), device(&d("cw.bin"))],
            vec!["cw.bin is a device"],
        ),
        (vec!["eval-claims".into(), "--brat".into(), path(&text_dir), path(&ann_dir)], vec!["doc.txt is a named pipe"]),
    ];
    for (args, said) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = marginalia_finishing(&args);
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{args:?}: {err}");
        for s in said {
            assert!(err.contains(s), "{args:?} should say {s:?}:\n{err}");
        }
    }
}

/// Runs marginalia with `input` on its standard input (written from a thread, as a pipe would be).
fn marginalia_reading(args: &[&str], input: Vec<u8>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run marginalia");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
    let out = child.wait_with_output().expect("marginalia's output");
    writer.join().unwrap().expect("marginalia reads all its input");
    out
}

#[test]
fn suggest_reads_json_lines_from_standard_input_and_reports_a_bad_line_by_its_number() {
    let long = format!("{{\"text\": \"{}\"}}", "a".repeat(17 << 20));
    let lines = [
        serde_json::json!({"id": "doc-1", "text": ARTICLE, "meta": {"source": "wire", "n": [1, 2]}}).to_string(),
        String::new(),
        r#"{"id": 2, "text": "Joe Biden met NATO leaders in Brussels."}"#.into(),
        r#"{"id": 3, "text": 5}"#.into(),
        "not json".into(),
        long,
        r#"{"text": "Ana Lima said prices fell."}"#.into(),
    ];
    let out = marginalia_reading(&["suggest", "-"], (lines.join("\n") + "\n").into_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("standard input, line 4, column 19: not a document"), "{err}");
    assert!(err.contains("standard input, line 5, column 2: not JSON"), "{err}");
    assert!(err.contains("standard input, line 6: longer than 16 MB"), "{err}");
    let docs = json_lines(&out.stdout);
    let ids: Vec<&serde_json::Value> = docs.iter().map(|d| &d["id"]).collect();
    assert_eq!(ids, [&serde_json::json!("doc-1"), &serde_json::json!(2), &serde_json::json!("-:7")], "in order");
    assert_eq!(docs[0]["meta"], serde_json::json!({"source": "wire", "n": [1, 2]}), "meta is passed through");
    assert!(docs[1].get("meta").is_none());
    assert_eq!(docs[0]["text"], ARTICLE);
    let bali = docs[0]["spans"].as_array().unwrap().iter().find(|s| s["label"] == "PERSON").unwrap();
    let (start, end) = (bali["start"].as_u64().unwrap() as usize, bali["end"].as_u64().unwrap() as usize);
    assert_eq!(slice_code_points(ARTICLE, start, end), "Mustafa\u{a0}Bali", "offsets are code points");
}

#[test]
fn suggest_reads_plain_text_from_standard_input_as_one_document() {
    let text = "\n  President Joe Biden met NATO leaders in Brussels.\n{not a line of JSON}\n";
    let out = marginalia_reading(&["suggest", "-"], text.as_bytes().to_vec());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 1);
    assert_eq!((docs[0]["id"].as_str(), docs[0]["text"].as_str()), (Some("-"), Some(text)), "the text as it came");
    let empty = marginalia_reading(&["suggest", "-"], b" \n".to_vec());
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("standard input is empty"));
}

#[test]
fn suggest_reads_a_jsonl_file_a_line_at_a_time_and_gives_the_same_bytes_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("docs.jsonl");
    let lines: Vec<String> = (0..20)
        .map(|i| {
            serde_json::json!({"id": i, "text": format!("Report {i}: “Prices fell,” said Ana Lima in Paris.")})
                .to_string()
        })
        .collect();
    std::fs::write(&jsonl, lines.join("\n")).unwrap();
    let out = marginalia(&["suggest", jsonl.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.iter().map(|d| d["id"].as_u64().unwrap()).collect::<Vec<_>>(), (0..20).collect::<Vec<_>>());
    assert!(docs[3]["text"].as_str().unwrap().starts_with("Report 3"), "a line is a document, not JSON text");
    assert!(docs[3]["claims"].as_array().is_some_and(|c| !c.is_empty()), "{}", docs[3]);
    assert_eq!(marginalia(&["suggest", jsonl.to_str().unwrap()]).stdout, out.stdout, "byte-identical");
    assert!(out.stderr.is_empty(), "no progress bar when stderr is not a terminal");
}

#[test]
fn suggest_ends_quietly_when_the_reader_closes_the_pipe() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("big.jsonl");
    let line = serde_json::json!({"text": "Joe Biden met NATO leaders in Brussels on Sunday."}).to_string();
    std::fs::write(&jsonl, format!("{line}\n").repeat(5000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["suggest", jsonl.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&first).is_ok(), "{first}");
    // The reader (as `head -1`) is gone: the next write fails with EPIPE.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "nothing said, no panic: {err}");
}

#[test]
fn two_runs_appending_to_one_file_never_interleave_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    // Long lines (about 12 kB printed): more than a pipe or a buffer takes in one piece.
    let text = "Ana Lima said prices fell in Brussels, “and will fall again,” the minister told NATO. ".repeat(60);
    let jsonl = dir.path().join("docs.jsonl");
    let lines: Vec<String> = (0..150).map(|i| serde_json::json!({"id": i, "text": text}).to_string()).collect();
    std::fs::write(&jsonl, lines.join("\n")).unwrap();
    let all = dir.path().join("all.jsonl");
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let file = std::fs::OpenOptions::new().create(true).append(true).open(&all).unwrap();
            Command::new(env!("CARGO_BIN_EXE_marginalia"))
                .args(["suggest", jsonl.to_str().unwrap()])
                .stdout(file)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut run in runs {
        assert!(run.wait().unwrap().success());
    }
    let written = std::fs::read_to_string(&all).unwrap();
    let docs: Vec<serde_json::Value> =
        written.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("a torn line ({e})"))).collect();
    assert_eq!(docs.len(), 300);
}

#[test]
fn many_documents_give_no_progress_output_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        std::fs::write(dir.path().join(format!("{i}.txt")), format!("Report {i}: Ana Lima met NATO leaders.\n"))
            .unwrap();
    }
    let out = marginalia(&["suggest", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(json_lines(&out.stdout).len(), 30);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = (0..30).map(|i| format!("{{\"text\": \"Report {i}.\"}}\n")).collect::<String>();
    let out = marginalia_reading(&["suggest", "-"], lines.into_bytes());
    assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
