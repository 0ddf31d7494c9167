//! View > Team agreement, driven headless as ana: a team project where she and ben annotated the
//! same two articles; the window measures their agreement in the background and shows what
//! `marginalia agree` computes from the same files — overall and for the pair, per label, and
//! their documents the least agreed first — a click on a document opens her file of it, and
//! "Measure again" shows what ben changed since.

use eframe::egui::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use marginalia::annotation::{Annotations, LabelSet, Origin, Span, SpanId, Status};
use marginalia::command::Action;
use marginalia::doc::Document;
use marginalia::team::agreement::{agreement, figure};
use marginalia::team::{Project, TeamConfig};
use std::path::{Path, PathBuf};
use support::*;

mod support;

const STRIKE: &str = "Mustafa Bali said the strike in Syria ended on Sunday.\n";
const RAIN: &str = "Rain is due in Aleppo on Monday.\n";

/// Saves `analyst`'s file of the article `name` (in documents/), with these spans accepted.
fn annotate(project: &Project, analyst: &str, name: &str, text: &str, spans: &[(&str, &str)]) -> PathBuf {
    let doc = Document::new(text.to_string());
    let spans = spans
        .iter()
        .enumerate()
        .map(|(i, (words, label))| {
            let start = text.find(words).unwrap();
            Span {
                id: SpanId(i as u64 + 1),
                range: start..start + words.len(),
                label: label.to_string(),
                status: Status::Accepted,
                origin: Origin::Human { by: analyst.into() },
                created: marginalia::annotation::now(),
                reviewed: None,
            }
        })
        .collect();
    let file = project.analyst_file(analyst, name);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let article = project.root.join("documents").join(name);
    marginalia::store::save(&file, &doc, &Annotations::new(LabelSet::default(), spans), Some(&article)).unwrap();
    file
}

/// Ana and ben agree on the rain article; on the strike ben marked only "Bali", and Syria as an ORG.
fn project(dir: &Path) -> Project {
    let root = dir.join("news");
    let config = TeamConfig { analysts: vec!["ana".into(), "ben".into()], ..Default::default() };
    let project = Project::init(&root, config).unwrap();
    std::fs::create_dir_all(root.join("documents")).unwrap();
    std::fs::write(root.join("documents/strike.txt"), STRIKE).unwrap();
    std::fs::write(root.join("documents/rain.txt"), RAIN).unwrap();
    annotate(&project, "ana", "strike.txt", STRIKE, &[("Mustafa Bali", "PERSON"), ("Syria", "LOC")]);
    annotate(&project, "ben", "strike.txt", STRIKE, &[("Bali", "PERSON"), ("Syria", "ORG")]);
    annotate(&project, "ana", "rain.txt", RAIN, &[("Aleppo", "LOC")]);
    annotate(&project, "ben", "rain.txt", RAIN, &[("Aleppo", "LOC")]);
    project
}

#[test]
fn the_agreement_panel_shows_the_pairs_figures_and_opens_the_least_agreed_document() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let root = project.root.clone();
    let mut h = harness_as("ana");
    h.state_mut().send(marginalia::command::Command::Open(root.clone()));
    h.step();
    wait_until(&mut h, "the folder read", |app| app.session().is_some() && !app.corpus_busy() && !app.is_suggesting());
    h.run();

    // From the menu, as ana would.
    h.get_by_label("View").click();
    h.run();
    h.get_by_label(Action::TeamAgreement.label()).click();
    h.step();
    wait_until(&mut h, "the agreement measured", |app| app.agreement().is_some());
    h.run();

    // What the window shows is what the one computation gives from the same files.
    let expected = agreement(&project).unwrap();
    assert_eq!(h.state().agreement(), Some(&expected));
    let pair = &expected.pairs[0];
    h.get_by_label("2 analysts; 2 documents annotated by two or more. Only accepted work counts.");
    h.get_by_label("ana and ben: 2 documents both annotated");
    // The one pair (overall is that pair): 1 of 3 spans each exactly alike, 2 overlapping with the
    // same label.
    assert!(h.query_by_label_contains("Overall").is_none());
    assert_eq!(h.query_all_by_label("Span F1 0.333 exact, 0.667 overlapping").count(), 1);
    assert_eq!(h.query_all_by_label("Spans: 1 agreed, only ana 2, only ben 2").count(), 1);
    let tokens = format!(
        "Tokens: κ {}, α {} ({} tokens)",
        figure(pair.tokens.kappa),
        figure(pair.tokens.alpha.value),
        pair.tokens.count
    );
    assert!(pair.tokens.kappa.is_some() && pair.tokens.alpha.value.is_some());
    h.get_by_label(&tokens);
    assert!(h.query_by_label_contains("Krippendorff's, nominal over tokens").is_some());
    // No claims marked: nothing to measure, shown as such (never NaN).
    assert_eq!(h.query_all_by_label("Claims F1 —, same cue —, same claimant — (ana 0, ben 0, paired 0)").count(), 1);
    assert!(h.query_by_label_contains("NaN").is_none());
    // Per label: PERSON overlaps but never matches exactly; LOC once of ana's two.
    assert_eq!(pair.spans.per_label["LOC"].f1, Some(2.0 / 3.0));

    // The least agreed document first, with its figures.
    let order: Vec<&str> = pair.per_document.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(order, ["strike.txt", "rain.txt"]);
    let links: Vec<String> = h
        .query_all_by_role(Role::Link)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.ends_with(".txt"))
        .collect();
    assert_eq!(links, ["strike.txt", "rain.txt"], "the least agreed first");
    h.get_by_label("span F1 0.000");
    h.get_by_label("span F1 1.000");
    h.get_by_label("only ana 2, only ben 2");

    // A click on the strike article opens ana's file of it (through AccessKit: the list is below
    // the window's fold at this size, where a person scrolls to it).
    h.get_by_role_and_label(Role::Link, "strike.txt").click_accesskit();
    h.step();
    wait_for_suggestions(&mut h);
    let opened = h.state().session().and_then(|s| s.save_path.clone());
    assert_eq!(opened, Some(root.join("annotations/ana/strike.txt.ann.ron")));
    assert_eq!(h.state().session().unwrap().doc().text(), STRIKE);

    // Ben agrees on Syria now; measured again, the window shows it.
    annotate(&project, "ben", "strike.txt", STRIKE, &[("Bali", "PERSON"), ("Syria", "LOC")]);
    h.get_by_label("Measure again").click();
    h.step();
    wait_until(&mut h, "the agreement measured again", |app| app.agreement().is_some());
    h.run();
    assert_eq!(h.state().agreement(), Some(&agreement(&project).unwrap()));
    h.get_by_label("Span F1 0.667 exact, 1.000 overlapping");
}

#[test]
fn with_three_analysts_the_window_shows_the_pairs_pooled_and_each_pair() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    // Cy annotated only the rain article, as ana did.
    annotate(&project, "cy", "rain.txt", RAIN, &[("Aleppo", "LOC")]);
    let mut h = harness_as("ana");
    h.state_mut().send(marginalia::command::Command::Open(project.root.clone()));
    h.step();
    wait_until(&mut h, "the folder read", |app| app.session().is_some() && !app.corpus_busy() && !app.is_suggesting());
    h.state_mut().send(Action::TeamAgreement.command());
    h.step();
    wait_until(&mut h, "the agreement measured", |app| app.agreement().is_some());
    h.run();

    let expected = agreement(&project).unwrap();
    assert_eq!(h.state().agreement(), Some(&expected));
    h.get_by_label("3 analysts; 2 documents annotated by two or more. Only accepted work counts.");
    h.get_by_label("ana and ben: 2 documents both annotated");
    h.get_by_label("ana and cy: 1 documents both annotated");
    h.get_by_label("ben and cy: 1 documents both annotated");
    h.get_by_label_contains("Overall");
    let o = &expected.overall;
    // Pooled: ana–ben's 1 of 3 alike, and the rain article's Aleppo twice more.
    assert_eq!((o.spans.agreed, o.spans.only_a, o.spans.only_b), (3, 2, 2));
    h.get_by_label(&format!("Span F1 {} exact, {} overlapping", figure(o.spans.f1), figure(o.spans.overlap_f1)));
    h.get_by_label("Spans: 3 agreed, only first 2, only second 2");
    let tokens =
        format!("Tokens: κ {}, α {} ({} tokens)", figure(o.tokens.kappa), figure(o.tokens.alpha.value), o.tokens.count);
    h.get_by_label(&tokens);
    // Cy and ben agree on all they both annotated.
    assert_eq!(h.query_all_by_label("Span F1 1.000 exact, 1.000 overlapping").count(), 2, "ana–cy and ben–cy");
}

#[test]
fn outside_a_team_project_there_is_no_agreement_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_as("ana");
    open(&mut h, &article(dir.path(), ARTICLE));
    h.get_by_label("View").click();
    h.run();
    assert!(h.get_by_label(Action::TeamAgreement.label()).accesskit_node().is_disabled(), "greyed out");
    h.state_mut().send(Action::TeamAgreement.command());
    h.run();
    assert!(h.state().status().is_some_and(|s| s.starts_with("Not in a team project")), "{:?}", h.state().status());
    assert!(h.state().agreement().is_none());
    assert!(h.query_by_label_contains("Span F1").is_none());
}
