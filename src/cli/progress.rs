//! A progress bar on standard error for long runs, drawn only when standard error is a terminal:
//! when it goes to a file, a pipe or a log (tests, pipelines, CI), nothing is drawn, so that what
//! the command says there is only its messages.
//!
//! The bar is drawn from the thread that does the work (no ticker thread: `main` holds the lock
//! on standard error for the whole run), at most a few times a second, and cleared at the end.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// Counts documents: a bar out of `total` when it is known, a running count otherwise.
    pub fn documents(total: Option<u64>) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self::hidden();
        }
        let (bar, template) = match total {
            Some(n) => (ProgressBar::new(n), "{bar:30} {pos}/{len} documents ({elapsed}, about {eta} left)"),
            None => (ProgressBar::no_length(), "{spinner} {pos} documents ({elapsed})"),
        };
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        // The templates are constants: they parse.
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Self(Some(bar))
    }

    /// No bar (one document: there is nothing to wait for).
    pub fn hidden() -> Self {
        Self(None)
    }

    /// One more document done.
    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Runs `f` (which writes to standard error) with the bar off the screen.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Takes the bar off the screen for good.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
