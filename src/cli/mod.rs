//! The command line: `marginalia [PATH]` opens the window; subcommands work headless over the same
//! library. Offsets in everything printed are Unicode code points. Here: the commands and their
//! arguments, and `check`; `suggest`, the dataset commands (`import`, `export`), the entity
//! tagger's (`train`, `tag`, `eval`, `clusters`) and the claim engines' have a file each.

mod claims;
mod datasets;
mod entities;
mod progress;
mod suggest;
mod team;
pub use crate::dataset::versions::Versions;
pub use claims::{eval_checkworthy, eval_claims, train_checkworthy, train_claims};
pub use datasets::{export, import};
pub use entities::{clusters, eval, tag, train};
pub use suggest::suggest;
pub use team::{agree, init as team_init, merge, sync};

use crate::store;
use clap::{Parser, Subcommand};
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
    /// An article (.txt, .md, .html, .pdf), an annotation file (.ann.ron) or a folder of them to open.
    /// Without one, the bundled sample opens.
    pub path: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Commands>,
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Print suggested entities and claims for each document as JSON Lines (offsets in code points),
    /// in the order given. `-` reads standard input, and a .jsonl file is read, a line at a time: JSON
    /// Lines of {"id", "text", "meta"} (id and meta are printed back), or else one plain text.
    Suggest {
        /// Articles (.txt, .md, .html, .pdf), annotation files (their text is used), folders of them,
        /// .jsonl files of documents, or - for standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Validate an annotation file: print a summary, or the precise error (exit code 1).
    Check { file: PathBuf },
    /// Train the entity tagger on CoNLL files (deterministic for a seed).
    Train {
        /// Training files (token in column 0, IOB tags in `--column`).
        #[arg(long, required = true, num_args = 1..)]
        conll: Vec<PathBuf>,
        /// A development file: the epoch that scores best on it is kept.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Where to write the model.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The column of the gold tags (negative counts from the end; default: the last).
        #[arg(long, default_value_t = -1, allow_negative_numbers = true)]
        column: isize,
    },
    /// Learn word clusters from unlabeled text, for the tagger's features (deterministic).
    Clusters {
        /// CoNLL files (their words, in column 0; tags are ignored).
        #[arg(long, num_args = 1..)]
        conll: Vec<PathBuf>,
        /// Text files, or folders of .txt files.
        #[arg(long, num_args = 1..)]
        text: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 256)]
        fine: usize,
        #[arg(long, default_value_t = 64)]
        coarse: usize,
        #[arg(long, default_value_t = 8)]
        iterations: usize,
    },
    /// Tag a CoNLL file: each token line is printed back with the predicted IOB2 tag appended
    /// (with --column N: `TOKEN GOLD PREDICTED`, GOLD taken from column N). Blank and -DOCSTART- lines are kept.
    Tag {
        #[arg(long)]
        conll: PathBuf,
        #[arg(long, allow_negative_numbers = true)]
        column: Option<isize>,
        /// A model file (default: the shipped one).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Train the claim tagger on PolNeAR-style brat data (Source / Cue / Content, deterministic for a seed).
    TrainClaims {
        /// Folder of the training texts (.txt).
        #[arg(long)]
        text: PathBuf,
        /// Folder of their brat annotations (.ann).
        #[arg(long)]
        ann: PathBuf,
        /// Development texts and annotations: the epoch that finds claims best on them is kept.
        #[arg(long, requires = "dev_ann")]
        dev_text: Option<PathBuf>,
        #[arg(long, requires = "dev_text")]
        dev_ann: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 10)]
        epochs: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Score suggested claims against brat attributions (claim detection, cue and claimant), and time them.
    EvalClaims {
        /// The texts folder, then the annotations folder.
        #[arg(long, num_args = 2, value_names = ["TEXT_DIR", "ANN_DIR"], required = true)]
        brat: Vec<PathBuf>,
        /// A claim model (default: the shipped one).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Train the check-worthiness classifier on CheckThat!-style TSV files (id, text, Yes/No).
    TrainCheckworthy {
        #[arg(long)]
        train: PathBuf,
        /// The threshold is chosen for F1 on this file.
        #[arg(long)]
        dev: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 6)]
        epochs: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Score the check-worthiness classifier on a CheckThat!-style TSV file (F1 of the positive class).
    EvalCheckworthy {
        #[arg(long)]
        tsv: PathBuf,
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Import documents (articles, web pages, PDFs; JSONL, CoNLL, brat, Label Studio, WebAnno TSV, spaCy DocBin, Marginalia's own files; told by their content) into annotation files in a folder
    /// (report.txt → report.txt.ann.ron); annotations that come with them are accepted, and suggestions
    /// added unless --no-suggest. Annotation files already there are kept unless --overwrite.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(short, long)]
        out: PathBuf,
        /// Read the files as this format (default: told by each file's content, then its name).
        #[arg(long, value_enum)]
        format: Option<crate::dataset::import::InputFormat>,
        #[arg(long)]
        no_suggest: bool,
        /// Replace annotation files that are there (they may hold an analyst's decisions).
        #[arg(long)]
        overwrite: bool,
    },
    /// Export annotation files (or folders of them) as a dataset: a file (-o - for standard output),
    /// or a folder for brat and WebAnno TSV.
    Export {
        #[arg(long, value_enum)]
        format: crate::dataset::export::Format,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long)]
        out: PathBuf,
        /// Only documents an analyst marked done (Ctrl+D in the window).
        #[arg(long)]
        only_done: bool,
        /// Rejected suggestions too, as negative examples where the format can hold them.
        #[arg(long)]
        include_rejected: bool,
        /// The inputs are a team project (its root or a folder in it): export each document's
        /// curated version (those without one are counted as left out).
        #[arg(long, conflicts_with = "analyst")]
        curated: bool,
        /// The inputs are a team project: export this analyst's files of its documents.
        #[arg(long, value_name = "NAME")]
        analyst: Option<String>,
    },
    /// How far the analysts of a team project agree, per pair and overall, on the documents both
    /// annotated: span F1 (exact, overlapping, per label), token Cohen's κ, Krippendorff's α
    /// (nominal over tokens), claims, per document, and what each found alone.
    Agree {
        /// The team project (its root or a folder in it).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Print JSON: {"pairs": [...], "overall": {...}}.
        #[arg(long)]
        json: bool,
    },
    /// In a team project, put what every analyst of a document accepted into its curated version
    /// (curated/<name>.ann.ron) as accepted, and the rest there as pending for the reviewer. The
    /// reviewer's decisions in a curated file are never changed.
    Merge {
        /// The team project (its root or a folder in it).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Only this document (its name, or the start of its text's hash).
        #[arg(long)]
        document: Option<String>,
    },
    /// Share your work in a team project through git: commit your changed files (your own
    /// annotations/<you>/, the curated versions, the team's config and guidelines — never another
    /// analyst's folder), pull the others' work with a rebase, and push. Offline, the commit is kept
    /// and pushed on the next sync.
    Sync {
        /// A folder of the team project (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Team projects: several analysts on one corpus, shared through git.
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// Score the tagger on a CoNLL file: precision, recall and F1 per type (exact spans), and speed.
    Eval {
        #[arg(long)]
        conll: PathBuf,
        /// The column of the gold tags (negative counts from the end; default: the last).
        #[arg(long, default_value_t = -1, allow_negative_numbers = true)]
        column: isize,
        #[arg(long)]
        model: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make a folder (usually a git work tree) a team project: a config file (labels, guidelines,
    /// analysts) that the window and the command line read, and a folder per analyst.
    Init {
        dir: PathBuf,
        /// An analyst of the team (repeat for each; others appear as they sync).
        #[arg(long = "analyst")]
        analysts: Vec<String>,
        /// A label the team uses (repeat for each; default: Marginalia's labels).
        #[arg(long = "label")]
        labels: Vec<String>,
        /// The annotation guidelines, a file relative to DIR.
        #[arg(long)]
        guidelines: Option<String>,
    },
}

/// Whether `e` is a write to standard output that the reader closed (`marginalia suggest … | head -1`):
/// the run ends there, quietly and successfully, as Unix filters do. (Rust ignores SIGPIPE, so the
/// write fails with `EPIPE` rather than killing the process.)
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

/// `marginalia check`: a summary on success; the error (with line and column) otherwise.
pub fn check(file: &Path, out: &mut impl Write, err: &mut impl Write) -> anyhow::Result<bool> {
    match store::load(file) {
        Ok(loaded) => {
            let c = loaded.annotations.counts();
            let chars = loaded.doc.chars().char_len();
            writeln!(
                out,
                "{}: OK — format version {}, {} characters, {} labels, {} spans ({} pending, {} accepted, {} rejected), {} claims ({} pending)",
                file.display(),
                loaded.version,
                chars,
                loaded.annotations.labels.len(),
                c.total(),
                c.pending,
                c.accepted,
                c.rejected,
                loaded.annotations.claims.all().len(),
                loaded.annotations.claims.all().iter().filter(|c| c.is_pending()).count()
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

/// Reports each training epoch on `err`: sentences right, the dev score (named `dev_what`), time.
fn epoch_report<'a>(
    err: &'a mut impl Write,
    epochs: usize,
    dev_what: &'a str,
) -> impl FnMut(usize, f64, Option<f64>) + 'a {
    let started = std::time::Instant::now();
    move |epoch, acc, score| {
        let dev = score.map(|f| format!(", dev {dev_what} {f:.4}")).unwrap_or_default();
        let _ = writeln!(
            err,
            "epoch {epoch}/{epochs}: {:.1}% of training sentences right{dev} ({:.1}s)",
            acc * 100.0,
            started.elapsed().as_secs_f64()
        );
    }
}

/// Says where a trained model was written, how many features it kept and how large it is.
fn report_written(out_path: &Path, features: usize, err: &mut impl Write) -> anyhow::Result<bool> {
    let size = std::fs::metadata(out_path).map(|m| m.len()).unwrap_or(0);
    writeln!(err, "wrote {} ({features} features, {:.1} MB)", out_path.display(), size as f64 / 1e6)?;
    Ok(true)
}
