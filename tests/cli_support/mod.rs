//! Running the command line as a user would, shared by the command-line test files.
#![allow(dead_code)] // each test file uses some of these

use std::path::Path;
use std::process::{Command, Output};

/// Runs marginalia with `args` and gives what it did.
pub fn marginalia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia")).args(args).output().expect("run marginalia")
}

/// Runs marginalia as `analyst` (`$MARGINALIA_USER`).
pub fn as_analyst(analyst: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .env("MARGINALIA_USER", analyst)
        .args(args)
        .output()
        .expect("run marginalia")
}

/// An article with what trips offsets up: emoji with a modifier, a no-break space, Arabic, a
/// combining mark.
pub const ARTICLE: &str = "👍🏽 “Between 500 to 1,000 civilians are inside,” said Mustafa\u{a0}Bali, a SDF spokesman, in Deir Az Zor on Sunday. سوريا e\u{301} US-backed forces held the village of Baghouz.\n";

/// An annotation file of [`ARTICLE`] with the shipped suggestions, the first accepted.
pub fn write_annotations(dir: &Path) -> std::path::PathBuf {
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

/// The JSON values of a command's output lines.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(stdout.to_vec()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The names in a folder, in order (none for a folder that is not there).
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}
