//! The team commands: `team init` (make a folder a team project).

use crate::annotation::LabelSet;
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
