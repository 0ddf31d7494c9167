//! The entity tagger's commands: `train` it on CoNLL files, `tag` a CoNLL file with it, `eval`
//! (score) it on one, and learn the word `clusters` its features use.

use super::{epoch_report, report_written};
use crate::article::read_article;
use crate::doc::Document;
use std::io::Write;
use std::path::{Path, PathBuf};

fn tagger(model: Option<&Path>) -> anyhow::Result<crate::ner::Tagger> {
    match model {
        Some(p) => Ok(crate::ner::Tagger::new(crate::ner::model::Model::load(p)?)),
        None => crate::ner::Tagger::shipped().map_err(|e| anyhow::anyhow!("the shipped model is unusable: {e}")),
    }
}

/// `marginalia train`: progress on stderr, the model to `out`.
pub fn train(
    files: &[PathBuf],
    dev: Option<&Path>,
    out_path: &Path,
    epochs: usize,
    seed: u64,
    column: isize,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    use crate::ner::train;
    use crate::tagger::tags::TagSet;
    let set = TagSet::conll();
    let mut examples = Vec::new();
    for f in files {
        examples.extend(train::read_examples(f, &set, column)?);
    }
    let dev = match dev {
        Some(d) => train::read_examples(d, &set, column)?,
        None => Vec::new(),
    };
    let tokens: usize = examples.iter().map(|e| e.words.len()).sum();
    writeln!(err, "training on {} sentences ({tokens} tokens), {epochs} epochs, seed {seed}", examples.len())?;
    let model = train::train(
        &examples,
        &dev,
        &crate::tagger::train::TrainOptions { epochs, seed },
        epoch_report(err, epochs, "F1"),
    );
    model.save(out_path)?;
    report_written(out_path, model.num_features(), err)
}

/// `marginalia tag`: the file back, with a predicted column. Documents (between `-DOCSTART-` lines)
/// are tagged whole, since the tagger looks at how words appear across a document.
pub fn tag(file: &Path, column: Option<isize>, model: Option<&Path>, out: &mut impl Write) -> anyhow::Result<bool> {
    use crate::ner::conll::{self, Line};
    let tagger = tagger(model)?;
    let lines = conll::read_lines(file)?;
    let tags = &tagger.model.tags;
    for doc in conll::documents(&lines) {
        let sentences: Vec<Vec<&str>> = conll::sentence_tokens(doc);
        let mut predicted = tagger.tag_document(&sentences).into_iter().flatten();
        for line in doc {
            match line {
                Line::Token(cols) => {
                    let pred = tags.name(predicted.next().unwrap_or(crate::tagger::tags::O));
                    match column {
                        Some(c) => {
                            let gold = conll::column(cols, c).map_or("O", String::as_str);
                            writeln!(out, "{} {gold} {pred}", cols[0])?;
                        }
                        None => writeln!(out, "{} {pred}", cols.join(" "))?,
                    }
                }
                Line::Blank => writeln!(out)?,
                Line::DocStart(l) => writeln!(out, "{l}")?,
            }
        }
    }
    Ok(true)
}

/// `marginalia eval`: scores and tokens per second (features and decoding, one thread).
pub fn eval(file: &Path, column: isize, model: Option<&Path>, out: &mut impl Write) -> anyhow::Result<bool> {
    use crate::ner::train;
    use crate::tagger::tags::TagSet;
    let tagger = tagger(model)?;
    let examples = train::read_examples(file, &TagSet::conll(), column)?;
    let tokens: usize = examples.iter().map(|e| e.words.len()).sum();
    let started = std::time::Instant::now();
    let scores = train::evaluate(&tagger, &examples);
    let secs = started.elapsed().as_secs_f64();
    write!(out, "{}", scores.report())?;
    writeln!(
        out,
        "{} sentences, {tokens} tokens in {secs:.2}s = {:.0} tokens/s",
        examples.len(),
        tokens as f64 / secs.max(1e-9)
    )?;
    Ok(true)
}

/// The words of a corpus for clustering: CoNLL sentences and tokenized text, `None` between sentences.
fn corpus_words(conll_files: &[PathBuf], texts: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut words = Vec::new();
    for f in conll_files {
        let lines = crate::ner::conll::read_lines(f)?;
        for s in crate::ner::conll::sentence_tokens(&lines) {
            words.extend(s.into_iter().map(String::from));
            words.push(String::new());
        }
    }
    let mut files = Vec::new();
    for t in texts {
        if t.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(t)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
            inside.retain(|p| p.extension().is_some_and(|e| e == "txt"));
            inside.sort();
            files.extend(inside);
        } else {
            files.push(t.clone());
        }
    }
    for f in files {
        let doc = Document::new(read_article(&f)?);
        for s in doc.sentences() {
            words.extend(doc.tokens_in(s).range().map(|i| doc.token_text(i).to_string()));
            words.push(String::new());
        }
    }
    Ok(words)
}

/// `marginalia clusters`: word clusters for the tagger.
pub fn clusters(
    conll: &[PathBuf],
    texts: &[PathBuf],
    out_path: &Path,
    fine: usize,
    coarse: usize,
    iterations: usize,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let words = corpus_words(conll, texts)?;
    let tokens: Vec<Option<&str>> = words.iter().map(|w| (!w.is_empty()).then_some(w.as_str())).collect();
    writeln!(err, "clustering {} tokens into {fine} and {coarse} clusters", tokens.iter().flatten().count())?;
    let started = std::time::Instant::now();
    let c = crate::ner::clusters::Clusters::learn(&tokens, fine, coarse, iterations);
    crate::store::atomic::write_atomic(out_path, c.to_text().as_bytes())?;
    writeln!(err, "wrote {} ({} words) in {:.1}s", out_path.display(), c.len(), started.elapsed().as_secs_f64())?;
    Ok(true)
}
