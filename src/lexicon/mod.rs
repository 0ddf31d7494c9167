//! Word lists the engines share, looked up by token sequence: the gazetteers of `assets/gazetteers/`
//! (countries, places, organisations, demonyms, first names, titles), which both the rules and the
//! entity tagger's features read.

pub mod gazetteer;

pub use gazetteer::{Gazetteer, key};
