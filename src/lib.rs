//! Marginalia: annotate entities and claims in news articles.
//!
//! The library holds everything but the window's main loop: the document model ([`doc`]), offsets
//! ([`offsets`]), annotations ([`annotation`]), the RON file format ([`store`]), suggestion engines
//! ([`suggest`]), the editing session with undo ([`session`]), and the egui app ([`app`], [`ui`],
//! and the [`command`]s between them).
//! `main.rs` only parses the command line.

pub mod annotation;
pub mod app;
pub mod article;
pub mod claims;
pub mod cli;
pub mod command;
pub mod corpus;
pub mod dataset;
pub mod doc;
pub mod engines;
pub mod errors;
pub mod feature_hash;
pub mod input;
pub mod lexicon;
pub mod ner;
pub mod offsets;
pub mod rules;
pub mod session;
pub mod store;
pub mod suggest;
pub mod tagger;
#[cfg(test)]
mod test_support;
pub mod ui;
pub mod workspace;
