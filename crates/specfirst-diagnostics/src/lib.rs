//! Source files, byte spans and diagnostics shared by every part of specfirst.
//!
//! A [`SourceMap`] owns the text of every file that was read. Everything that
//! points into a file does so with a [`FileId`] and a byte [`Span`]; line and
//! column numbers (1-based, columns counted in characters) are computed only
//! when a [`Diagnostic`] is rendered. The [`render`] module turns diagnostics
//! into the output formats of `specfirst lint`.

mod diagnostic;
pub mod render;
mod source;

pub use diagnostic::{Diagnostic, Location, Related, Severity, Summary};
pub use source::{FileId, LineCol, SourceFile, SourceMap, Span};
