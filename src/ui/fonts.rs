//! Fallback fonts from the system, so that articles in (or quoting) Arabic, Cyrillic, Greek, Chinese or
//! Japanese show their letters instead of empty boxes.
//!
//! egui's built-in font covers Latin only. Marginalia does not ship large font files; it adds the
//! common ones a Debian/Ubuntu desktop has (DejaVu, Noto, Droid) behind egui's own, in this order,
//! and simply skips those that are missing.

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::path::Path;
use std::sync::Arc;

const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
];

/// Installs the fallback fonts found; returns how many.
pub fn install_system_fallbacks(ctx: &egui::Context) -> usize {
    let mut fonts = FontDefinitions::default();
    let mut added = 0;
    for path in CANDIDATES.iter().map(Path::new) {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let name = path.file_stem().map_or_else(|| format!("fallback-{added}"), |s| s.to_string_lossy().into_owned());
        fonts.font_data.insert(name.clone(), Arc::new(FontData::from_owned(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.clone());
        }
        added += 1;
    }
    if added > 0 {
        ctx.set_fonts(fonts);
    }
    added
}
