//! The definitions the rules share (RULEBOOK §0.4, D1–D14), each in its own
//! file, so that every rule reads paths, words, statuses and media types the
//! same way.

pub mod headers;
pub mod language;
pub mod media;
pub mod plural;
pub mod resource;
pub mod schema_walk;
pub mod security;
pub mod segments;
pub mod status;
pub mod time_names;
pub mod words;
