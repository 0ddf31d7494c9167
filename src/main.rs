use clap::Parser;
use marginalia::cli::{self, Cli, Commands, TeamCommand};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    // Buffered: `tag` prints tens of thousands of lines. `suggest` writes each line whole, straight
    // to standard output (`get_mut`), so that runs appending to one file never interleave.
    let (mut out, mut err) = (std::io::BufWriter::new(std::io::stdout().lock()), std::io::stderr().lock());
    let result = match args.command {
        Some(Commands::Suggest { files }) => cli::suggest(&files, out.get_mut(), &mut err),
        Some(Commands::Check { file }) => cli::check(&file, &mut out, &mut err),
        Some(Commands::Train { conll, dev, out: model, epochs, seed, column }) => {
            cli::train(&conll, dev.as_deref(), &model, epochs, seed, column, &mut err)
        }
        Some(Commands::Clusters { conll, text, out: path, fine, coarse, iterations }) => {
            cli::clusters(&conll, &text, &path, fine, coarse, iterations, &mut err)
        }
        Some(Commands::Tag { conll, column, model }) => cli::tag(&conll, column, model.as_deref(), &mut out),
        Some(Commands::Eval { conll, column, model }) => cli::eval(&conll, column, model.as_deref(), &mut out),
        Some(Commands::TrainClaims { text, ann, dev_text, dev_ann, out: model, epochs, seed }) => {
            let dev = dev_text.as_deref().zip(dev_ann.as_deref());
            cli::train_claims(&text, &ann, dev, &model, epochs, seed, &mut err)
        }
        Some(Commands::EvalClaims { brat, model }) => cli::eval_claims(&brat, model.as_deref(), &mut out),
        Some(Commands::TrainCheckworthy { train, dev, out: model, epochs, seed }) => {
            cli::train_checkworthy(&train, &dev, &model, epochs, seed, &mut err)
        }
        Some(Commands::EvalCheckworthy { tsv, model }) => cli::eval_checkworthy(&tsv, model.as_deref(), &mut out),
        Some(Commands::Import { files, out: dir, format, no_suggest, overwrite }) => {
            cli::import(&files, &dir, format, !no_suggest, overwrite, &mut err)
        }
        Some(Commands::Export { format, inputs, out: path, only_done, include_rejected, curated, analyst }) => {
            let selection = marginalia::dataset::Selection { only_done, include_rejected };
            let from = match analyst {
                Some(name) => cli::Versions::Analyst(name),
                None if curated => cli::Versions::Curated,
                None => cli::Versions::AsGiven,
            };
            cli::export(format, &inputs, &path, selection, from, &mut err)
        }
        Some(Commands::Agree { dir, json }) => cli::agree(&dir, json, &mut out, &mut err),
        Some(Commands::Merge { dir, document }) => cli::merge(&dir, document.as_deref(), &mut err),
        Some(Commands::Team { command: TeamCommand::Init { dir, analysts, labels, guidelines } }) => {
            cli::team_init(&dir, &analysts, &labels, guidelines.as_deref(), &mut err)
        }
        Some(Commands::Sync { dir }) => cli::sync(dir.as_deref().unwrap_or(std::path::Path::new(".")), &mut err),
        None => {
            drop((out, err));
            return run_window(args.path);
        }
    };
    let flushed = std::io::Write::flush(&mut out);
    match result.and_then(|ok| flushed.map(|()| ok).map_err(anyhow::Error::from)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) if cli::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marginalia: {}", marginalia::errors::explain(&e));
            ExitCode::FAILURE
        }
    }
}

fn run_window(path: Option<std::path::PathBuf>) -> ExitCode {
    let path = match path {
        Some(p) => Some(p),
        None => match marginalia::workspace::sample_article() {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("marginalia: could not set up the bundled sample article: {e}");
                None
            }
        },
    };
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_title("Marginalia")
            .with_app_id("marginalia"),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Marginalia",
        options,
        Box::new(move |cc| Ok(Box::new(marginalia::app::App::from_creation(cc, path)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marginalia: could not open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
