//! The team commands: `team init` (make a folder a team project), `sync` (share one's work
//! through git), `agree` (how far the analysts agree) and `merge` (the automatic part of adjudication).

use crate::annotation::LabelSet;
use crate::team::merge::project::{Outcome, merge_project};
use crate::team::{CONFIG_FILE, Project, Seat, TeamConfig};
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
                let was_written = matches!(doc.outcome, Outcome::Written { .. });
                let what = if was_written { "written" } else { "unchanged" };
                writeln!(
                    err,
                    "{}: {} agreed by all ({}), {} waiting for the reviewer, {} reviewer's decisions kept — {path} {what}",
                    doc.name,
                    counts.agreed,
                    analysts.join(", "),
                    counts.waiting,
                    counts.kept,
                )?;
                written += usize::from(was_written);
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

/// `marginalia sync [DIR]`: commits the analyst's changed files of the team project `dir` is in,
/// pulls the others' work and pushes (see [`crate::team::sync`]). Offline, the commit is kept and the
/// run succeeds, saying so; a conflict, or a folder outside a repository, fails with what to do.
pub fn sync(dir: &Path, err: &mut impl Write) -> anyhow::Result<bool> {
    let analyst = crate::team::current_analyst()?;
    let Some(seat) = Seat::find(dir, &analyst)? else {
        anyhow::bail!(
            "{} is not in a team project (no {CONFIG_FILE} in it or above it): sync shares a team project's work; make one with `marginalia team init DIR`",
            dir.display()
        );
    };
    match crate::team::sync(&seat) {
        Ok(report) => {
            writeln!(err, "{}", report.sentence())?;
            if let Some(commit) = &report.commit {
                writeln!(err, "commit {}: {}", commit.id, commit.message)?;
            }
            Ok(true)
        }
        Err(e) => {
            writeln!(err, "marginalia: sync as {analyst} stopped: {e}")?;
            Ok(false)
        }
    }
}

/// `marginalia agree DIR [--json]`: agreement per pair of analysts and overall.
pub fn agree(dir: &Path, json: bool, out: &mut impl Write, err: &mut impl Write) -> anyhow::Result<bool> {
    let Some(project) = Project::find(dir)? else {
        anyhow::bail!("{} is not in a team project (no {CONFIG_FILE} there or above)", dir.display());
    };
    let report = crate::team::agreement::agreement(&project)?;
    for (path, why) in &report.unreadable {
        writeln!(err, "left out (could not be read, left as it is): {path}: {why}")?;
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(true);
    }
    let fig = crate::team::agreement::figure;
    if report.pairs.is_empty() {
        writeln!(
            out,
            "No two analysts have annotated the same document yet (a document counts once an analyst decided something in it)."
        )?;
    }
    for pair in &report.pairs {
        let [a, b] = &pair.analysts;
        let s = &pair.spans;
        writeln!(out, "{a} and {b}: {} documents both annotated", pair.documents)?;
        writeln!(
            out,
            "  spans: F1 {} exact, {} overlapping; {} agreed, {} only {a}, {} only {b}",
            fig(s.f1),
            fig(s.overlap_f1),
            s.agreed,
            s.only_a,
            s.only_b
        )?;
        for (label, l) in &s.per_label {
            writeln!(
                out,
                "    {label:<12} F1 {} exact, {} overlapping ({a} {}, {b} {}, agreed {})",
                fig(l.f1),
                fig(l.overlap_f1),
                l.a,
                l.b,
                l.agreed
            )?;
        }
        writeln!(
            out,
            "  tokens: Cohen's κ {}, Krippendorff's α {} ({}), {} tokens",
            fig(pair.tokens.kappa),
            fig(pair.tokens.alpha.value),
            pair.tokens.alpha.method,
            pair.tokens.count
        )?;
        let c = &pair.claims;
        writeln!(
            out,
            "  claims: F1 {} (content overlap), same cue {}, same claimant {} ({a} {}, {b} {}, paired {})",
            fig(c.f1),
            fig(c.cue),
            fig(c.claimant),
            c.a,
            c.b,
            c.matched
        )?;
        writeln!(out, "  per document, lowest span F1 first:")?;
        for d in &pair.per_document {
            writeln!(
                out,
                "    {:<30} F1 {}  κ {}  only {a} {}, only {b} {}",
                d.name,
                fig(d.spans_f1),
                fig(d.kappa),
                d.only_a,
                d.only_b
            )?;
        }
    }
    let o = &report.overall;
    writeln!(
        out,
        "overall ({} analysts, {} documents annotated by two or more): span F1 {} exact, {} overlapping; κ {}; α {} ({}); claims F1 {}",
        o.analysts.len(),
        o.documents,
        fig(o.spans.f1),
        fig(o.spans.overlap_f1),
        fig(o.tokens.kappa),
        fig(o.tokens.alpha.value),
        o.tokens.alpha.method,
        fig(o.claims.f1),
    )?;
    Ok(true)
}
