//! The fonts behind egui's own, so that articles show their letters and emoji instead of empty boxes.
//!
//! egui's built-in fonts cover Latin only (its emoji fonts are behind a feature eframe does not
//! pass on): the emoji of a tweet quoted in an article were boxes. Marginalia ships the monochrome
//! Noto Emoji (`assets/fonts/`, 790 kB, OFL; egui draws outline glyphs only, not colour emoji
//! fonts), and adds the common fonts a Debian/Ubuntu desktop has for Arabic, Cyrillic,
//! Greek, Chinese or Japanese (DejaVu, Noto, Droid), skipping those that are missing.

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::path::Path;
use std::sync::Arc;

/// Noto Emoji, without what egui cannot use (how it was made: `assets/fonts/README.md`).
const EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
];

/// Installs the bundled emoji and the system fonts found; returns how many system fonts.
pub fn install(ctx: &egui::Context) -> usize {
    let mut fonts = bundled();
    let mut added = 0;
    for path in CANDIDATES.iter().map(Path::new) {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let name = path.file_stem().map_or_else(|| format!("fallback-{added}"), |s| s.to_string_lossy().into_owned());
        fallback(&mut fonts, name, FontData::from_owned(bytes));
        added += 1;
    }
    ctx.set_fonts(fonts);
    added
}

/// egui's fonts, then the bundled emoji.
fn bundled() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fallback(&mut fonts, "NotoEmoji-Regular".into(), FontData::from_static(EMOJI));
    fonts
}

/// Adds a font after those already there, for both families.
fn fallback(fonts: &mut FontDefinitions, name: String, data: FontData) {
    fonts.font_data.insert(name.clone(), Arc::new(data));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(name.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::FontId;

    fn has_glyph(fonts: FontDefinitions, c: char) -> [bool; 2] {
        let ctx = egui::Context::default();
        ctx.set_fonts(fonts);
        ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
        [FontId::proportional(14.0), FontId::monospace(14.0)].map(|f| ctx.fonts_mut(|fonts| fonts.has_glyph(&f, c)))
    }

    #[test]
    fn emoji_old_and_new_have_glyphs_in_both_families() {
        assert_eq!(has_glyph(FontDefinitions::default(), '😀'), [false; 2], "egui's own fonts have no emoji");
        // A flag is two regional-indicator letters (egui does not shape them into one glyph).
        for c in "😀👍🇺🇦❤✅🎉🤔🥲🫠🧠".chars() {
            assert_eq!(has_glyph(bundled(), c), [true; 2], "{c} has a glyph");
        }
    }
}
