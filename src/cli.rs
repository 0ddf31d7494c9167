//! The command line: `marginalia [PATH]` opens the window; subcommands work headless over the same
//! library. Offsets in everything printed are Unicode code points.

use crate::article::read_article;
use crate::doc::Document;
use crate::store;
use crate::suggest::Pipeline;
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "marginalia",
    version,
    about = "Annotate entities and claims in news articles",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// An article (.txt, .md) or an annotation file (.ann.ron) to open. Without one, the bundled sample opens.
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Commands>,
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Print suggested entities for each file as JSON Lines (offsets in code points).
    Suggest {
        /// Articles (.txt, .md) or annotation files (their text is used).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Validate an annotation file: print a summary, or the precise error (exit code 1).
    Check { file: PathBuf },
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    score: f32,
    source: &'a str,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: String,
    text: &'a str,
    spans: Vec<SpanOut<'a>>,
    /// Attributed claims arrive with the claims engine; the field is there so readers can rely on it.
    claims: Vec<serde_json::Value>,
}

fn document_text(path: &Path) -> anyhow::Result<String> {
    if store::is_annotation_file(path) {
        Ok(store::load(path)?.doc.text().to_string())
    } else {
        Ok(read_article(path)?)
    }
}

/// `marginalia suggest`: one JSON object per document. Files that cannot be read are reported on
/// stderr and the others still printed; the exit code says whether all succeeded.
pub fn suggest(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> anyhow::Result<bool> {
    let pipeline = Pipeline::default();
    let mut ok = true;
    for path in files {
        let text = match document_text(path) {
            Ok(t) => t,
            Err(e) => {
                writeln!(err, "marginalia: {e}")?;
                ok = false;
                continue;
            }
        };
        let doc = Document::new(text);
        let suggestions = pipeline.suggest(&doc);
        let spans = suggestions
            .iter()
            .filter_map(|s| {
                let r = doc.chars().char_range(doc.text(), s.range.clone())?;
                Some(SpanOut { start: r.start, end: r.end, label: &s.label, score: s.score, source: &s.source })
            })
            .collect();
        let line = DocOut { id: path.display().to_string(), text: doc.text(), spans, claims: Vec::new() };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(ok)
}

/// `marginalia check`: a summary on success; the error (with line and column) otherwise.
pub fn check(file: &Path, out: &mut impl Write, err: &mut impl Write) -> anyhow::Result<bool> {
    match store::load(file) {
        Ok(loaded) => {
            let c = loaded.annotations.counts();
            let chars = loaded.doc.chars().char_len();
            writeln!(
                out,
                "{}: OK — format version {}, {} characters, {} labels, {} spans ({} pending, {} accepted, {} rejected)",
                file.display(),
                store::FORMAT_VERSION,
                chars,
                loaded.annotations.labels.len(),
                c.total(),
                c.pending,
                c.accepted,
                c.rejected
            )?;
            Ok(true)
        }
        Err(e) => {
            writeln!(err, "{e}")?;
            writeln!(err, "{}", e.advice())?;
            Ok(false)
        }
    }
}
