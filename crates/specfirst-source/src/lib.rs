//! Loads OpenAPI documents exactly: YAML or JSON, every node with its span,
//! `$ref`s resolved across files, hostile input bounded.
//!
//! - [`parse`] turns text into a `serde_json::Value` plus the span of every
//!   node and key.
//! - [`Document`] is one parsed file; its [`SpanIndex`] answers "where is this
//!   node?" for any `&Value` inside it.
//! - [`Loader`] reads files once per run and builds a [`Bundle`]: an entry
//!   document and every file its `$ref`s reach, with [`Bundle::resolve`] to
//!   follow references.

pub mod checks;
mod document;
mod index;
mod loader;
pub mod parse;
pub mod pointer;
mod version;

pub use document::Document;
pub use index::SpanIndex;
pub use loader::{Bundle, FileEntry, LoadOptions, Loaded, Loader, RefError, RefSite, ref_of};
pub use parse::{Format, Limits, Parsed};
pub use version::SpecVersion;
