//! The command line, run as a user would: `marginalia suggest`, `check`, and the claim evaluations.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn marginalia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia")).args(args).output().expect("run marginalia")
}

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

const ARTICLE: &str = "👍🏽 “Between 500 to 1,000 civilians are inside,” said Mustafa\u{a0}Bali, a SDF spokesman, in Deir Az Zor on Sunday. سوريا e\u{301} US-backed forces held the village of Baghouz.\n";

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

fn write_annotations(dir: &Path) -> std::path::PathBuf {
    use marginalia::annotation::Annotations;
    use marginalia::doc::Document;
    use marginalia::session::Session;
    let doc = Document::new(ARTICLE.to_string());
    let suggestions = marginalia::engines::Engines::shipped().0.entities(&doc);
    let mut s = Session::new(doc, Annotations::default());
    s.add_suggestions(suggestions);
    s.apply(marginalia::session::Edit::Accept);
    let path = dir.join("a.txt.ann.ron");
    marginalia::store::save(&path, s.doc(), s.annotations(), None).unwrap();
    path
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
fn import_then_export_keeps_the_annotations_and_reports_what_a_format_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("tasks.jsonl");
    let line = r#"{"text": "👍 Ana Lima said prices fell.", "spans": [{"start": 2, "end": 10, "label": "PERSON"}], "answer": "accept", "meta": {"title": "Prices", "url": "https://example.org/a"}}"#;
    std::fs::write(&jsonl, format!("{line}\n")).unwrap();
    let txt = dir.path().join("plain.txt");
    std::fs::write(&txt, "Nothing annotated here.\n").unwrap();
    let out = dir.path().join("corpus");
    let run = marginalia(&[
        "import",
        "--no-suggest",
        jsonl.to_str().unwrap(),
        txt.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stderr).contains("imported 2 documents"));
    assert!(out.join("plain.txt.ann.ron").exists(), "named as the window names an article's annotations");
    let ron = std::fs::read_to_string(out.join("tasks-1.ann.ron")).unwrap();
    assert!(ron.contains("text: \"Ana Lima\"") && ron.contains("status: Accepted"), "{ron}");
    assert!(ron.contains("url: Some(\"https://example.org/a\")"), "the source's metadata is kept: {ron}");

    let spacy = dir.path().join("train.jsonl");
    let run = marginalia(&["export", "--format", "spacy", out.to_str().unwrap(), "-o", spacy.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(report.contains("1 documents with no decision yet"), "plain.txt, untouched, is left out: {report}");
    let exported = std::fs::read_to_string(&spacy).unwrap();
    let tasks: Vec<serde_json::Value> = exported.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(tasks.len(), 1, "no \"accept\" task without spans for a document nobody read: {exported}");
    let span = &tasks.iter().find(|t| t["text"].as_str().unwrap().contains("Ana")).unwrap()["spans"][0];
    assert_eq!(
        (span["start"].as_u64(), span["end"].as_u64(), span["label"].as_str()),
        (Some(2), Some(10), Some("PERSON"))
    );
    assert_eq!(
        (span["token_start"].as_u64(), span["token_end"].as_u64()),
        (Some(1), Some(2)),
        "token_end is inclusive"
    );

    let done = dir.path().join("done.jsonl");
    let run = marginalia(&[
        "export",
        "--format",
        "spacy",
        "--only-done",
        out.to_str().unwrap(),
        "-o",
        done.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(report.contains("wrote 0 documents") && report.contains("2 documents not marked done"), "{report}");

    let brat = dir.path().join("brat");
    let run = marginalia(&["export", "--format", "brat", out.to_str().unwrap(), "-o", brat.to_str().unwrap()]);
    assert!(run.status.success());
    assert!(std::fs::read_to_string(brat.join("tasks-1.ann")).unwrap().starts_with("T1\tPERSON 2 10\tAna Lima"));

    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"text\": 5}\n").unwrap();
    let run = marginalia(&["import", "--no-suggest", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("line 1: no \"text\""),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
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

/// A JSONL file of documents whose `meta.source` say where they came from, hostile or not.
fn tasks_with_sources(dir: &Path, sources: &[&str]) -> PathBuf {
    let lines: Vec<String> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            serde_json::json!({"text": format!("Document {i}: Ana Lima spoke."), "meta": {"source": s}}).to_string()
        })
        .collect();
    let path = dir.join("tasks.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn import_writes_only_inside_its_folder_and_never_over_an_analyst_s_file() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::write(victim.join("report.txt.ann.ron"), "27 accepted, 13 rejected").unwrap();
    let absolute = victim.join("notes.txt");
    let jsonl = tasks_with_sources(
        dir.path(),
        &[
            "../victim/report.txt",
            absolute.to_str().unwrap(),
            "https://example.org/news/story.html?id=7",
            "https://example.org/",
            "\u{7}/",
        ],
    );
    let out = dir.path().join("corpus");
    let args = ["import", "--no-suggest", jsonl.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let run = marginalia(&args);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    assert!(err.contains("imported 5 documents") && err.contains("0 skipped, 0 failed"), "{err}");
    assert_eq!(
        names_in(&out),
        ["example.org.ann.ron", "notes.txt.ann.ron", "report.txt.ann.ron", "story.html.ann.ron", "tasks-5.ann.ron"]
    );
    assert_eq!(std::fs::read_to_string(victim.join("report.txt.ann.ron")).unwrap(), "27 accepted, 13 rejected");
    assert_eq!(names_in(&victim), ["report.txt.ann.ron"]);

    // Again: what is there (an analyst may have worked on it since) is kept, and said so.
    std::fs::write(out.join("report.txt.ann.ron"), "the analyst's decisions").unwrap();
    let run = marginalia(&args);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    assert!(err.contains("skipped report.txt.ann.ron: it exists (use --overwrite to replace it)"), "{err}");
    assert!(err.contains("imported 0 documents") && err.contains("5 skipped, 0 failed"), "{err}");
    assert_eq!(std::fs::read_to_string(out.join("report.txt.ann.ron")).unwrap(), "the analyst's decisions");

    let run =
        marginalia(&["import", "--no-suggest", "--overwrite", jsonl.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("imported 5 documents"));
    assert!(marginalia(&["check", out.join("report.txt.ann.ron").to_str().unwrap()]).status.success());
}

#[test]
fn an_imported_article_is_resumed_by_the_window_and_a_bundle_s_names_stay_inside() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("report.txt");
    std::fs::write(&article, "Ana Lima said prices fell.\n").unwrap();
    let run = marginalia(&["import", "--no-suggest", article.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let opened = marginalia::workspace::open(&article).unwrap();
    assert!(!opened.needs_suggestions, "the window found the imported annotations and resumes them");
    assert_eq!(opened.session.save_path.as_deref(), Some(dir.path().join("report.txt.ann.ron").as_path()));
    assert_eq!(names_in(dir.path()), ["report.txt", "report.txt.ann.ron"], "one file for one article");

    // A dataset bundle names its documents; a name is a file name, whatever the bundle says.
    let mut ann = marginalia::store::load(&dir.path().join("report.txt.ann.ron")).unwrap();
    ann.annotations.done = Some(marginalia::annotation::Review { by: "ana".into(), at: marginalia::annotation::now() });
    marginalia::store::save(&dir.path().join("report.txt.ann.ron"), &ann.doc, &ann.annotations, None).unwrap();
    let bundle = dir.path().join("bundle.ron");
    let run = marginalia(&["export", "--format", "ron", dir.path().to_str().unwrap(), "-o", bundle.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = std::fs::read_to_string(&bundle).unwrap();
    assert!(text.contains("\"report\""), "{text}");
    std::fs::write(&bundle, text.replacen("\"report\"", "\"../../escaped\"", 1)).unwrap();
    let out = dir.path().join("a").join("b");
    let run = marginalia(&["import", bundle.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(names_in(&out), ["escaped.ann.ron"]);
    assert!(!dir.path().join("escaped.ann.ron").exists());
}

#[test]
fn import_tells_a_file_s_format_by_its_content() {
    let dir = tempfile::tempdir().unwrap();
    // CoNLL-2003's own test file is named test.txt, in IOB1 with a BOM-less -DOCSTART- line.
    let conll = dir.path().join("test.txt");
    std::fs::write(
        &conll,
        "\u{feff}-DOCSTART- -X- -X- O\n\nSOCCER NN B-NP O\n- : O O\nJAPAN NNP B-NP I-LOC\nGET VB B-VP O\n\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n",
    )
    .unwrap();
    // A Marginalia annotation file is annotations, suggestions and decisions as they are.
    let annotations = write_annotations(dir.path());
    let xmi = dir.path().join("doc.xmi");
    std::fs::write(
        &xmi,
        "<?xml version=\"1.0\"?><xmi:XMI xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:cas=\"http:///uima/cas.ecore\"/>",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = marginalia(&[
        "import",
        "--no-suggest",
        conll.to_str().unwrap(),
        annotations.to_str().unwrap(),
        xmi.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "the XMI file failed: {err}");
    assert!(err.contains("doc.xmi looks like a UIMA CAS XMI file"), "{err}");
    assert!(err.contains("imported 3 documents"), "{err}");
    let first = marginalia::store::load(&out.join("test-1.ann.ron")).unwrap();
    assert_eq!(first.doc.text(), "SOCCER - JAPAN GET\n");
    let spans: Vec<_> =
        first.annotations.spans().iter().map(|s| (&first.doc.text()[s.range.clone()], s.label.as_str())).collect();
    assert_eq!(spans, [("JAPAN", "LOC")]);
    let second = marginalia::store::load(&out.join("test-2.ann.ron")).unwrap();
    assert_eq!(second.annotations.spans()[0].label, "PER");
    let before = marginalia::store::load(&annotations).unwrap();
    let after = marginalia::store::load(&out.join("a.txt.ann.ron")).unwrap();
    assert_eq!(after.annotations.spans(), before.annotations.spans(), "pending and accepted, as they were");
    assert!(!out.join("doc.xmi.ann.ron").exists());

    // --format overrides what the content shows.
    let again = dir.path().join("again");
    let run = marginalia(&[
        "import",
        "--no-suggest",
        "--format",
        "text",
        conll.to_str().unwrap(),
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let raw = marginalia::store::load(&again.join("test.txt.ann.ron")).unwrap();
    assert!(raw.doc.text().starts_with("-DOCSTART-"));
}

#[test]
fn import_counts_what_a_format_brings_that_marginalia_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.txt"), "Ann Lee met Bo Chen in Paris.\n").unwrap();
    let ann = dir.path().join("d.ann");
    std::fs::write(
        &ann,
        "T1\tPerson 0 7\tAnn Lee\nT2\tPerson 12 19\tBo Chen\nR1\tMet Arg1:T1 Arg2:T2\nA1\tNegated T1\nN1\tReference T1 Wikidata:Q1\tAnn Lee\n#1\tAnnotatorNotes T2\tcheck\n",
    )
    .unwrap();
    let jsonl = dir.path().join("tasks.jsonl");
    std::fs::write(&jsonl, "{\"text\": \"A b\"}\nnot json\n{\"text\": \"C d\", \"answer\": \"ignore\"}\n").unwrap();
    let out = dir.path().join("out");
    let run = marginalia(&[
        "import",
        "--no-suggest",
        ann.to_str().unwrap(),
        jsonl.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "line 2 failed: {err}");
    for said in [
        "1 brat relations",
        "1 brat attributes",
        "1 brat normalisations",
        "1 brat notes",
        "tasks.jsonl, line 2: not JSON",
        "1 Prodigy tasks answered \"ignore\"",
    ] {
        assert!(err.contains(said), "{said:?} in {err}");
    }
    assert!(err.contains("imported 2 documents"), "{err}");
    let d = marginalia::store::load(&out.join("d.txt.ann.ron")).unwrap();
    assert_eq!(d.annotations.spans().len(), 2);
}

#[test]
fn a_document_that_fails_is_reported_and_the_others_are_still_imported() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Ana Lima said prices fell.\n").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let out = dir.path().join("out");
    // A folder where an annotation file would go: something is there, so it is kept.
    std::fs::create_dir_all(out.join("other.txt.ann.ron")).unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Other text.\n").unwrap();
    let run = marginalia(&[
        "import",
        "--no-suggest",
        empty.to_str().unwrap(),
        good.to_str().unwrap(),
        other.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("empty.txt is empty"), "{err}");
    assert!(err.contains("imported 1 documents") && err.contains("1 skipped, 1 failed"), "{err}");
    assert!(out.join("good.txt.ann.ron").is_file());
}

#[test]
fn import_reads_a_label_studio_export_and_export_writes_one_with_utf16_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = dir.path().join("project-1-at-2026.json");
    // "😀 Ana Lima": Label Studio's editor counts 😀 as two units, so Ana Lima is 3..11.
    let file = r#"[{"id": 1, "data": {"text": "😀 Ana Lima left Paris.", "source": "report.txt", "title": "Departure"},
        "annotations": [{"result": [
            {"id": "a", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 3, "end": 11, "text": "Ana Lima", "labels": ["PERSON"]}},
            {"id": "b", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 17, "end": 22, "text": "Paris", "labels": ["LOC"]}}]},
            {"was_cancelled": true, "result": []}],
        "predictions": [{"model_version": "m1", "score": 0.5, "result": [{"id": "p", "type": "labels", "value": {"start": 12, "end": 16, "labels": ["ORG"]}}]}]}]"#;
    std::fs::write(&tasks, file).unwrap();
    let out = dir.path().join("corpus");
    let run = marginalia(&["import", "--no-suggest", tasks.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains("1 cancelled (skipped) annotations") && said.contains("(3 annotations came with them)"),
        "{said}"
    );
    let ron = std::fs::read_to_string(out.join("report.txt.ann.ron")).unwrap();
    assert!(
        ron.contains("start: 2, end: 10, text: \"Ana Lima\", label: \"PERSON\""),
        "code points in Marginalia's file: {ron}"
    );
    assert!(ron.contains("title: Some(\"Departure\")"), "{ron}");
    assert!(ron.contains("label-studio/m1"), "the prediction, a pending suggestion of its model: {ron}");

    let exported = dir.path().join("corpus-label-studio.json");
    let run =
        marginalia(&["export", "--format", "label-studio", out.to_str().unwrap(), "-o", exported.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("wrote 1 documents, 2 spans, 0 claims")
            && said.contains("1 pending suggestions written as predictions"),
        "{said}"
    );
    let tasks: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let region = &tasks[0]["annotations"][0]["result"][0]["value"];
    assert_eq!(
        (region["start"].as_u64(), region["end"].as_u64(), region["text"].as_str()),
        (Some(3), Some(11), Some("Ana Lima"))
    );
    assert_eq!(tasks[0]["data"]["title"], "Departure");
    let predicted = &tasks[0]["predictions"][0];
    assert_eq!((&predicted["model_version"], &predicted["score"]), (&"marginalia label-studio/m1".into(), &0.5.into()));
    assert_eq!(predicted["result"][0]["value"]["text"], "left");
}

/// Each token row's offsets → its NamedEntity labels (without their `[N]`), from a WebAnno TSV file
/// whose NamedEntity `value` is the fifth column (after POS in INCEpTION's, after `identifier` in ours).
fn entity_rows(tsv: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    tsv.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let value = cells.get(4)?;
            let mut labels: Vec<String> =
                value.split('|').map(|v| v.split('[').next().unwrap_or(v).to_string()).collect();
            labels.sort();
            Some((cells[1].to_string(), labels))
        })
        .collect()
}

#[test]
fn an_inception_file_imports_and_exports_again_as_webanno_tsv_with_the_same_entities() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/webanno-tsv/example2.tsv");
    let corpus = dir.path().join("corpus");
    let run = marginalia(&["import", "--no-suggest", fixture.to_str().unwrap(), "-o", corpus.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("imported 1 documents"), "{said}");
    assert!(said.contains("86 POS annotations") && said.contains("86 Dependency relations"), "{said}");

    let out = dir.path().join("webanno");
    let run = marginalia(&["export", "--format", "webanno-tsv", corpus.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{report}");
    assert!(report.contains("wrote 1 documents, 9 spans, 0 claims; nothing left out"), "{report}");
    let written = std::fs::read_to_string(out.join("example2.tsv")).unwrap();
    // INCEpTION's rows and ours agree wherever the tokens do (ours split `Rolls-Royce` at the hyphen).
    let (theirs, ours) = (entity_rows(&std::fs::read_to_string(&fixture).unwrap()), entity_rows(&written));
    let same: Vec<&String> = theirs.keys().filter(|k| ours.contains_key(*k)).collect();
    assert!(same.len() >= 80, "{} of {} rows have the same offsets", same.len(), theirs.len());
    for k in same {
        assert_eq!(theirs[k], ours[k], "the row at {k}");
    }
    assert!(written.contains("\t191-195\tBELL\t*[") && written.contains("\t363-366\tLos\t*["), "{written}");
}

#[test]
fn a_spacy_docbin_imports_with_its_entities_and_exports_for_spacy_train() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spacy-docbin/en_core_web_sm.spacy");
    let out = dir.path().join("corpus");
    let run = marginalia(&["import", "--no-suggest", fixture.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{report}");
    assert!(report.contains("imported 3 documents") && report.contains("14 annotations came"), "{report}");
    assert!(report.contains("spaCy TAG values of tokens"), "what Marginalia cannot hold is counted: {report}");
    let ron = std::fs::read_to_string(out.join("news-1.ann.ron")).unwrap();
    assert!(ron.contains("text: \"Angela Merkel\"") && ron.contains("label: \"PERSON\""), "{ron}");

    let spacy = dir.path().join("train.spacy");
    let run = marginalia(&["export", "--format", "spacy-docbin", out.to_str().unwrap(), "-o", spacy.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success() && report.contains("wrote 3 documents, 14 spans"), "{report}");
    assert_eq!(std::fs::read(&spacy).unwrap()[..2], [0x78, 0x9c], "zlib, as spaCy writes it");
    let again = dir.path().join("again");
    let run = marginalia(&["import", "--no-suggest", spacy.to_str().unwrap(), "-o", again.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&run.stderr).contains("imported 3 documents"));
    let back = std::fs::read_to_string(again.join("news-1.ann.ron")).unwrap();
    assert!(back.contains("text: \"Angela Merkel\""), "{back}");
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

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(stdout.to_vec()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
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
fn export_writes_a_file_format_to_standard_output_and_refuses_a_folder_format() {
    let dir = tempfile::tempdir().unwrap();
    let ann = write_annotations(dir.path());
    let out = marginalia(&["export", "--format", "spacy", ann.to_str().unwrap(), "-o", "-"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("wrote 1 documents, 1 spans") && err.contains("→ standard output"), "{err}");
    let tasks = json_lines(&out.stdout);
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["text"], ARTICLE);
    assert!(!dir.path().join("-").exists(), "no file named -");
    let brat = marginalia(&["export", "--format", "brat", ann.to_str().unwrap(), "-o", "-"]);
    assert_eq!(brat.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&brat.stderr).contains("writes a folder"),
        "{}",
        String::from_utf8_lossy(&brat.stderr)
    );
    assert!(!Path::new("-").exists());
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
