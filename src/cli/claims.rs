//! The claim commands: training and scoring the claim tagger and the check-worthiness classifier.

use crate::claims::brat;
use crate::claims::checkworthy::{self, Classifier};
use crate::claims::{ClaimSuggester, model, train};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `marginalia train-claims`: progress on stderr, the model to `out`.
pub fn train_claims(
    text: &Path,
    ann: &Path,
    dev: Option<(&Path, &Path)>,
    out_path: &Path,
    epochs: usize,
    seed: u64,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let docs = brat::read_dir(text, ann)?;
    let dev = match dev {
        Some((t, a)) => brat::read_dir(t, a)?,
        None => Vec::new(),
    };
    let claims: usize = docs.iter().map(|d| d.attributions.len()).sum();
    writeln!(err, "training on {} documents ({claims} attributions), {epochs} epochs, seed {seed}", docs.len())?;
    let opts = crate::tagger::train::TrainOptions { epochs, seed };
    let trained = train::train(&docs, &dev, &opts, super::epoch_report(err, epochs, "claim F1"));
    model::save(&trained, out_path)?;
    super::report_written(out_path, trained.num_features(), err)
}

/// `marginalia eval-claims`: the scores, and how long finding the claims took.
pub fn eval_claims(brat_dirs: &[PathBuf], model: Option<&Path>, out: &mut impl Write) -> anyhow::Result<bool> {
    let [text, ann] = brat_dirs else { anyhow::bail!("--brat takes a texts folder and an annotations folder") };
    let model = match model {
        Some(p) => model::load(p)?,
        None => model::shipped().map_err(|e| anyhow::anyhow!("the shipped claim model is unusable: {e}"))?.clone(),
    };
    let docs = brat::read_dir(text, ann)?;
    // Exactly what `suggest` does (entities first: they name claimants, then claims), with this model.
    let engines = super::suggest::shipped_engines(&mut std::io::stderr())
        .with_claims(ClaimSuggester::new(model, Classifier::shipped()?));
    let mut tally = crate::claims::score::Tally::default();
    let mut secs = 0.0;
    for b in &docs {
        let doc = crate::doc::Document::new(b.text.clone());
        let started = std::time::Instant::now();
        let claims = engines.predict(&doc, &[]).claims;
        secs += started.elapsed().as_secs_f64();
        tally.add(&train::gold(&doc, b), &train::scored(&doc, claims));
    }
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    write!(out, "{}", tally.report())?;
    writeln!(
        out,
        "{} documents, {words} words: entities and claims in {secs:.2}s = {:.1} ms per 1,000 words",
        docs.len(),
        secs * 1e3 / (words.max(1) as f64 / 1e3)
    )?;
    Ok(true)
}

/// `marginalia train-checkworthy`.
pub fn train_checkworthy(
    train_tsv: &Path,
    dev_tsv: &Path,
    out_path: &Path,
    epochs: usize,
    seed: u64,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let train = checkworthy::read_tsv(train_tsv)?;
    let dev = checkworthy::read_tsv(dev_tsv)?;
    writeln!(err, "training on {} sentences, {epochs} epochs, seed {seed}", train.len())?;
    let opts = checkworthy::Options { epochs, seed, learning_rate: 0.2, l2: 1e-5 };
    let c = Classifier::train(&train, &dev, &opts);
    c.save(out_path)?;
    let scored: Vec<(f32, bool)> = dev.iter().map(|(s, y)| (c.score(s), *y)).collect();
    writeln!(
        err,
        "wrote {}; threshold {:.2}, dev F1 {:.4}",
        out_path.display(),
        c.threshold,
        checkworthy::f1(&scored, c.threshold)
    )?;
    Ok(true)
}

/// `marginalia eval-checkworthy`: precision, recall and F1 of the check-worthy class.
pub fn eval_checkworthy(tsv: &Path, model: Option<&Path>, out: &mut impl Write) -> anyhow::Result<bool> {
    let c = match model {
        Some(p) => {
            Classifier::from_bytes(&crate::input::read_file(p, crate::input::MAX_MODEL_FILE)?).map_err(|why| {
                anyhow::anyhow!("{} is not a usable check-worthiness model: {why}; nothing was scored", p.display())
            })?
        }
        None => Classifier::shipped()?,
    };
    let data = checkworthy::read_tsv(tsv)?;
    let scored: Vec<(f32, bool)> = data.iter().map(|(s, y)| (c.score(s), *y)).collect();
    let tp = scored.iter().filter(|(s, y)| *s >= c.threshold && *y).count();
    let predicted = scored.iter().filter(|(s, _)| *s >= c.threshold).count();
    let gold = scored.iter().filter(|(_, y)| *y).count();
    writeln!(
        out,
        "{} sentences, {gold} check-worthy; predicted {predicted}, right {tp}: P={:.4} R={:.4} F1={:.4} (threshold {:.2})",
        data.len(),
        tp as f64 / predicted.max(1) as f64,
        tp as f64 / gold.max(1) as f64,
        checkworthy::f1(&scored, c.threshold),
        c.threshold
    )?;
    Ok(true)
}
