//! Marginalia: annotate entities and claims in news articles.
//!
//! The library holds everything but the window's main loop; `main.rs` only parses the command line.
//! Its modules, in layer order — each uses only those listed before it (`tests/architecture.rs`
//! checks it; `docs/ARCHITECTURE.md` explains it):
//!
//! - [`offsets`]: byte, code-point and UTF-16 offsets, and the one converter between them.
//! - [`text_search`]: finding words as people type them (curly and straight quotes alike, case, whole words).
//! - [`input`]: reading a file someone named, bounded (regular files only, every read capped).
//! - [`doc`]: the document: its text, paragraphs, sentences and tokens.
//! - [`annotation`]: spans, claims and labels, their status and who or what made them.
//! - [`article`]: reading an article: plain text, Markdown, a saved web page's text, a PDF's.
//! - [`errors`]: how an error reads to the user (one line, each cause said once).
//! - [`store`]: the RON annotation file: its format and checks, atomic saves, conflicts, locks, and
//!   where a document stands.
//! - [`suggest`]: the `Suggester` trait, `Suggestion`, and resolving overlapping suggestions.
//! - [`lexicon`]: the gazetteers and word lists the engines share.
//! - [`feature_hash`]: the specified hash (FNV-1a) that makes a model's feature keys.
//! - [`tagger`]: the sequence tagger: perceptron, Viterbi, tag sets, replay learner, model file.
//! - [`ner`]: the entity tagger: its features, word classes, CoNLL files, training and scores.
//! - [`rules`]: the pattern rules that suggest entities.
//! - [`claims`]: the claim engine: roles, assembly, claimants, check-worthiness, brat, scores.
//! - [`engines`]: the one place the engines are composed and a folder's learned models loaded.
//! - [`session`]: the open document: edits of spans and claims, with undo.
//! - [`team`]: a team project through git: its config, each analyst's files, the documents across them,
//!   and syncing one analyst's work with the team.
//! - [`workspace`]: opening a file as an analyst means it; Marginalia's data folder and sample.
//! - [`dataset`]: import and export, a module per format.
//! - [`corpus`]: a folder of documents: listing, statuses, pre-annotation.
//! - [`command`]: every user action, with its label, tooltip and shortcuts.
//! - [`ui`]: the egui widgets and panels, which draw and return commands.
//! - [`app`]: the window: it runs the commands, and holds the open document, the folder, the
//!   overlays and the background services.
//! - [`cli`]: the command line, headless commands over the same library.

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
pub mod team;
#[cfg(test)]
mod test_support;
pub mod text_search;
pub mod ui;
pub mod workspace;
