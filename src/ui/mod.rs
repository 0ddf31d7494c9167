//! egui widgets and panels. They read the session and return [`crate::command::Command`]s; none of
//! them touches a file, a dialog or the session itself, and none imports the app. [`window`] lays
//! the whole window out from what the app lends it each frame.

pub mod actions;
pub mod article_view;
pub mod banners;
pub mod claimant_picker;
pub mod claims_layer;
pub mod colors;
pub mod corpus_panel;
pub mod error_box;
pub mod export_dialog;
pub mod find_bar;
pub mod folder_search;
pub mod fonts;
pub mod guidelines;
pub mod labels_editor;
pub mod list_filter;
pub mod menu_bar;
pub mod outcome;
pub mod path_prompt;
pub mod review_panel;
pub mod shortcuts_help;
pub mod side_panel;
pub mod status_bar;
pub mod team_agreement;
pub mod team_progress;
pub mod welcome;
pub mod window;

use eframe::egui;

/// The scroll area of a list of rows `row_height` high; with `show`, scrolled so that that row stands
/// near the top (lists follow the keyboard this way).
pub fn list_scroll(ui: &egui::Ui, row_height: f32, show: Option<usize>) -> egui::ScrollArea {
    let scroll = egui::ScrollArea::vertical().auto_shrink(false);
    match show {
        Some(i) => {
            let row = row_height + ui.spacing().item_spacing.y;
            scroll.vertical_scroll_offset((i as f32 * row - 120.0).max(0.0))
        }
        None => scroll,
    }
}
