//! egui widgets and panels. They read the session and return [`crate::app::command::Command`]s; none
//! of them touches a file, a dialog or the session itself.

pub mod article_view;
pub mod claimant_picker;
pub mod claims_layer;
pub mod colors;
pub mod corpus_panel;
pub mod export_dialog;
pub mod fonts;
pub mod labels_editor;
pub mod side_panel;
