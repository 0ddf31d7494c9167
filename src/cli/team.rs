//! The team commands: `team init` (make a folder a team project) and `merge` (the automatic part
//! of adjudication).

use crate::annotation::LabelSet;
use crate::team::merge::project::{Outcome, merge_project};
use crate::team::{CONFIG_FILE, Project, TeamConfig};
use std::io::Write;
use std::path::Path;

/// `marginalia team init DIR`: writes the team's config (the labels given, else the default ones),
/// and the folders analysts' files go to. A folder that is a team project already is left as it is.
pub fn init(
    dir: &Path,
    analysts: &[String],
    labels: &[String],
    guidelines: Option<&str>,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let mut config =
        TeamConfig { analysts: analysts.to_vec(), guidelines: guidelines.map(str::to_string), ..Default::default() };
    if !labels.is_empty() {
        config.labels = LabelSet::new(Vec::new());
        for label in labels {
            config.labels.add_as_named(label);
        }
    }
    if let Some(g) = &config.guidelines
        && !dir.join(g).is_file()
    {
        writeln!(
            err,
            "note: the guidelines file {} is not there yet; the window shows it once it is",
            dir.join(g).display()
        )?;
    }
    let project = Project::init(dir, config)?;
    let who = if analysts.is_empty() {
        "no analysts named yet (each appears as they sync)".to_string()
    } else {
        analysts.join(", ")
    };
    writeln!(
        err,
        "{} is a team project: {CONFIG_FILE} written ({} labels; analysts: {who}).\n\
         Each analyst's files go to annotations/<analyst>/ (you are {}), the curated versions to curated/.\n\
         Next: commit it (git add . && git commit) and push, so the team can clone it.",
        project.root.display(),
        project.config.labels.len(),
        crate::annotation::current_user(),
    )?;
    Ok(true)
}

/// `marginalia merge DIR`: merges each document's analysts' versions into its curated file and
/// says, per document, what was agreed, what waits for the reviewer and what was left as it was.
/// Fails (after merging what it could) when a document could not be merged.
pub fn merge(dir: &Path, only: Option<&str>, err: &mut impl Write) -> anyhow::Result<bool> {
    let Some(project) = Project::find(dir)? else {
        anyhow::bail!(
            "{} is not in a team project (no {CONFIG_FILE} there or above); nothing was merged",
            dir.display()
        );
    };
    let report = merge_project(&project, only, crate::annotation::now())?;
    if let Some(name) = only
        && report.documents.is_empty()
    {
        anyhow::bail!("no document named {name:?} in {}; nothing was merged", project.root.display());
    }
    let (mut written, mut agreed, mut waiting, mut failed) = (0, 0, 0, 0);
    for doc in &report.documents {
        let path = doc.path.strip_prefix(&project.root).unwrap_or(&doc.path).display();
        match &doc.outcome {
            Outcome::Written { counts, analysts } | Outcome::Unchanged { counts, analysts } => {
                let what = if matches!(doc.outcome, Outcome::Written { .. }) { "written" } else { "unchanged" };
                writeln!(
                    err,
                    "{}: {} agreed by all ({}), {} waiting for the reviewer, {} reviewer's decisions kept — {path} {what}",
                    doc.name,
                    counts.agreed,
                    analysts.join(", "),
                    counts.waiting,
                    counts.kept,
                )?;
                written += usize::from(what == "written");
                agreed += counts.agreed;
                waiting += counts.waiting;
            }
            Outcome::NotAnnotated => {
                writeln!(err, "{}: no analyst has decided anything in it yet; no curated file made", doc.name)?
            }
            Outcome::Skipped(why) => {
                failed += 1;
                writeln!(err, "{}: not merged: {why} ({path})", doc.name)?;
            }
        }
    }
    for file in &report.unreadable {
        writeln!(err, "left out (could not be read, left as it is): {}: {}", file.path.display(), file.why)?;
    }
    writeln!(
        err,
        "merged {} documents: {written} curated files written; {agreed} items agreed by all, {waiting} waiting for review{}",
        report.documents.len(),
        if failed > 0 { format!("; {failed} not merged (see above)") } else { String::new() },
    )?;
    Ok(failed == 0)
}
