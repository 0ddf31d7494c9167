//! What the window benches share: the app driven headless frame by frame with raw input, and the
//! frame-time summary they print.

use eframe::egui::{self, Event, Key, Modifiers, Pos2, RawInput, Rect, Vec2};
use marginalia::app::settings::Settings;
use marginalia::app::{App, AppConfig};
use marginalia::command::Command;
use std::time::{Duration, Instant};

/// The window at 1100×700, at 60 frames per second of app time.
pub struct Window {
    ctx: egui::Context,
    pub app: App,
    time: f64,
}

impl Window {
    /// Opens `path` (a file or a folder) and runs `frames` frames (loading, background layout).
    pub fn open(path: &std::path::Path, frames: usize) -> Self {
        let mut app = App::new(
            AppConfig { autosave_after: 0.5, native_dialogs: false, ..AppConfig::default() },
            Settings::default(),
        );
        app.send(Command::Open(path.to_path_buf()));
        let mut w = Self { ctx: egui::Context::default(), app, time: 0.0 };
        for _ in 0..frames {
            w.frame(Vec::new());
        }
        w
    }

    /// One frame with these input events; returns how long it took.
    pub fn frame(&mut self, mut events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        events.insert(0, Event::PointerMoved(Pos2::new(400.0, 350.0)));
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1100.0, 700.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let t = Instant::now();
        let app = &mut self.app;
        let _ = self.ctx.run_ui(input, |ui| app.show(ui));
        t.elapsed()
    }
}

/// A key press event.
pub fn key(key: Key, modifiers: Modifiers) -> Event {
    Event::Key { key, physical_key: None, pressed: true, repeat: false, modifiers }
}

/// Prints the median, 99th percentile and worst of `frames`.
pub fn stats(name: &str, mut frames: Vec<Duration>) {
    frames.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "frame_stats {name}: n={} median={:.3} ms p99={:.3} ms worst={:.3} ms",
        frames.len(),
        ms(frames[frames.len() / 2]),
        ms(frames[frames.len() * 99 / 100]),
        ms(frames[frames.len() - 1])
    );
}
