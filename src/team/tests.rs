use super::*;
use crate::annotation::{Annotations, LabelSet};
use crate::doc::Document;

fn save(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    crate::store::save(path, &Document::new(text.into()), &Annotations::new(LabelSet::default(), Vec::new()), None)
        .unwrap();
}

#[test]
fn init_writes_a_config_that_is_found_from_inside_and_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let config = TeamConfig { analysts: vec!["ana".into(), "ben".into()], ..Default::default() };
    let project = Project::init(dir.path(), config.clone()).unwrap();
    assert!(project.analyst_dir("ana").starts_with(dir.path().join("annotations")));
    let found = Project::find(&dir.path().join("annotations")).unwrap().expect("found from a subfolder");
    assert_eq!(found.config, config);
    assert_eq!(found.analyst_file("ana", "a.txt"), found.root.join("annotations/ana/a.txt.ann.ron"));

    let before = std::fs::read(dir.path().join(CONFIG_FILE)).unwrap();
    let again = Project::init(dir.path(), TeamConfig::default()).unwrap_err();
    assert!(matches!(again, TeamError::AlreadyTeam(_)), "{again}");
    assert_eq!(std::fs::read(dir.path().join(CONFIG_FILE)).unwrap(), before);
}

#[test]
fn outside_a_team_project_nothing_is_found_and_a_broken_config_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(Project::find(dir.path()).unwrap(), None);
    std::fs::write(dir.path().join(CONFIG_FILE), "(format: \"marginalia-team\", version: 1, analysts: [\"../x\"])")
        .unwrap();
    let err = Project::find(dir.path()).unwrap_err().to_string();
    assert!(err.contains(CONFIG_FILE) && err.contains("../x"), "{err}");
    std::fs::write(dir.path().join(CONFIG_FILE), "\u{0}\u{1}binary").unwrap();
    assert!(Project::find(dir.path()).is_err());
}

#[test]
fn analysts_names_must_be_folder_names() {
    for bad in ["", "..", "../ben", "a/b", ".hidden", "a b"] {
        assert!(check_analyst(bad).is_err(), "{bad:?}");
    }
    for good in ["ana", "ben.k", "o_brien-2", "Zoë"] {
        assert!(check_analyst(good).is_ok(), "{good:?}");
    }
}

#[test]
fn one_text_is_one_document_whatever_each_analyst_named_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::init(dir.path(), TeamConfig::default()).unwrap();
    save(&project.analyst_file("ana", "strike.txt"), "The strike ended.");
    save(&project.analyst_file("ben", "harbour.txt"), "The strike ended.");
    save(&project.analyst_file("ben", "other.txt"), "Another text.");
    std::fs::write(project.analyst_file("ana", "broken.txt"), "(format: ").unwrap();
    let (docs, unreadable) = documents(&project).unwrap();
    assert_eq!(project.analysts(), vec!["ana".to_string(), "ben".to_string()]);
    assert_eq!(docs.len(), 2, "{docs:#?}");
    let both = docs.iter().find(|d| d.versions.len() == 2).expect("one document for the shared text");
    assert_eq!(both.hash, crate::doc::text_hash("The strike ended."));
    assert_eq!(unreadable.len(), 1);
    assert!(unreadable[0].path.ends_with("broken.txt.ann.ron"));
    assert_eq!(project.analyst_of(&project.analyst_file("ben", "x.txt")).as_deref(), Some("ben"));
    assert_eq!(project.analyst_of(&project.curated_file("x.txt")), None);
}

#[test]
fn assignments_limit_who_is_assigned() {
    let mut config = TeamConfig::default();
    config.assignments.insert("a.txt".into(), vec!["ana".into()]);
    assert!(config.is_assigned("a.txt", "ana") && !config.is_assigned("a.txt", "ben"));
    assert!(config.is_assigned("b.txt", "ben"), "unassigned documents are everyone's");
}

#[test]
fn a_sync_commit_names_five_files_at_most_with_the_analysts_documents_by_name() {
    let mine: Vec<String> = (1..=6).map(|i| format!("annotations/ana/a{i}.txt.ann.ron")).collect();
    assert_eq!(sync::describe_files("ana", &mine[..1]), "1 annotation file (a1.txt)");
    assert_eq!(
        sync::describe_files("ana", &mine),
        "6 annotation files (a1.txt, a2.txt, a3.txt, a4.txt, a5.txt and 1 more)"
    );
    let shared = [mine[0].clone(), "curated/a1.txt.ann.ron".into(), CONFIG_FILE.into()];
    assert_eq!(sync::describe_files("ana", &shared), "3 files (a1.txt, curated/a1.txt.ann.ron, marginalia-team.ron)");
}
