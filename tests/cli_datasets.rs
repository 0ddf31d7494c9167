//! The dataset commands, run as a user would: `marginalia import` (every format, told by its content;
//! only inside its folder, never over an analyst's file) and `export` (what each format holds and
//! what it leaves out).

mod cli_support;

use cli_support::{ARTICLE, json_lines, marginalia, write_annotations};
use std::path::{Path, PathBuf};

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
    assert!(report.contains("(leave out --only-done to export them)"), "the command line names its option: {report}");

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
