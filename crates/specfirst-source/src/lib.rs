//! Loads OpenAPI documents exactly: YAML or JSON, every node with its span,
//! `$ref`s resolved across files, hostile input bounded.

pub mod parse;

pub use parse::{Format, Limits, Parsed};
