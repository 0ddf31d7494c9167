//! The house rules of `docs/ARCHITECTURE.md`, checked on the source: each top-level module imports
//! only the layers below it (so there are no cycles), and no source file grows past 600 lines.
//!
//! The order below is the one the document explains; a new top-level module must be placed in it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Bottom to top: a module may `use crate::X` only for an X before it. `test_support` (test helpers)
/// may be used by anything.
const LAYERS: &[&str] = &[
    "offsets",
    "text_search",
    "input",
    "doc",
    "annotation",
    "article",
    "errors",
    "store",
    "suggest",
    "lexicon",
    "feature_hash",
    "tagger",
    "ner",
    "rules",
    "claims",
    "engines",
    "session",
    "team",
    "workspace",
    "dataset",
    "corpus",
    "command",
    "ui",
    "app",
    "cli",
];

const MAX_LINES: usize = 600;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The first path segments of a `use` group's items: `doc::{Document, Token}, app::App` → doc, app
/// (nested groups are skipped by depth).
fn group_heads(group: &str) -> Vec<String> {
    let (mut heads, mut depth, mut item_start) = (Vec::new(), 0usize, true);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && !c.is_whitespace() => {
                item_start = false;
                let name: String = group[i..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                heads.push(name);
            }
            _ => {}
        }
    }
    heads.into_iter().filter(|h| !h.is_empty()).collect()
}

/// The top-level modules a file names as `crate::NAME` (also inside `use crate::{a, b::{c, d}}`).
fn modules_used(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            used.extend(group_heads(group));
        } else {
            let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
    }
    used
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a component").as_os_str().to_string_lossy();
        let top = first.strip_suffix(".rs").unwrap_or(&first).to_string();
        if ["lib", "main", "test_support"].contains(&top.as_str()) {
            continue;
        }
        let Some(level) = LAYERS.iter().position(|l| *l == top) else {
            wrong.push(format!("{}: the module `{top}` is not in the layer list", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file reads");
        for used in modules_used(&text) {
            if used == top || used == "test_support" {
                continue;
            }
            if top == "cli" && (used == "ui" || used == "app") {
                wrong.push(format!("{}: the command line uses `{used}`, the window's", rel.display()));
                continue;
            }
            match LAYERS.iter().position(|l| *l == used) {
                Some(u) if u < level => {}
                Some(_) => wrong.push(format!("{}: `{top}` uses `{used}`, a layer above it", rel.display())),
                None => wrong.push(format!("{}: `{top}` uses `{used}`, not in the layer list", rel.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "imports against docs/ARCHITECTURE.md's layers:\n{}", wrong.join("\n"));
}

#[test]
fn nested_use_groups_are_read_whole() {
    let used = modules_used("use crate::{doc::{Document, Token}, app::App};\nlet x = crate::store::load;");
    assert_eq!(used.into_iter().collect::<Vec<_>>(), ["app", "doc", "store"]);
}

#[test]
fn every_top_level_module_is_in_the_layer_list() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).expect("lib.rs");
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .map(|l| l.trim_end_matches(';'))
        .filter(|m| *m != "test_support")
        .collect();
    let missing: Vec<_> = declared.iter().filter(|m| !LAYERS.contains(m)).collect();
    assert!(missing.is_empty(), "modules with no layer: {missing:?}");
    let gone: Vec<_> = LAYERS.iter().filter(|l| !declared.contains(l)).collect();
    assert!(gone.is_empty(), "layers with no module: {gone:?}");
}

#[test]
fn no_source_file_is_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.strip_prefix(root).unwrap_or(f).display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}
