//! The crate's error type: every variant names the template, manifest or path
//! it is about.

use std::path::PathBuf;

/// Everything that can go wrong while loading templates, rendering a target
/// or applying a plan.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodegenError {
    /// A file or directory of the template overrides could not be read.
    #[error("cannot read templates from `{path}`: {source}")]
    ReadTemplates {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A template file is not valid UTF-8.
    #[error("template file `{path}` is not valid UTF-8")]
    TemplateNotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// A template or manifest name is not in the store.
    #[error("template `{name}` not found (neither in the override directory nor embedded)")]
    TemplateNotFound {
        /// The name, e.g. `server-axum/router.rs.tera`.
        name: String,
    },
    /// A target manifest is malformed.
    #[error("invalid target manifest `{manifest}`: {message}")]
    Manifest {
        /// The manifest's name, e.g. `server-axum/target.json`.
        manifest: String,
        /// What is wrong.
        message: String,
    },
    /// The templates do not compile (syntax error, missing parent or include).
    #[error("cannot load the templates: {source}")]
    TemplateSyntax {
        /// Tera's report, naming the template and the line.
        source: tera::Error,
    },
    /// The context does not serialize to a map.
    #[error("invalid template context: {source}")]
    Context {
        /// Tera's error.
        source: tera::Error,
    },
    /// A template failed while rendering (undefined variable, filter error…).
    #[error("cannot render template `{template}` (output `{path}`): {source}")]
    Render {
        /// The template's name.
        template: String,
        /// The output path.
        path: PathBuf,
        /// Tera's report.
        source: tera::Error,
    },
    /// A template rendered text that is not valid Rust; nothing is written.
    #[error(
        "template `{template}` rendered invalid Rust for `{path}`: {message} \
         (at {line}:{column} of the rendered text)\n{excerpt}"
    )]
    InvalidRust {
        /// The template's name.
        template: String,
        /// The output path.
        path: PathBuf,
        /// syn's message.
        message: String,
        /// 1-based line in the rendered text.
        line: usize,
        /// 1-based column (characters) in the rendered text.
        column: usize,
        /// A few numbered lines of the rendered text around `line`.
        excerpt: String,
    },
    /// A planned path would leave the output directory, or is not a plain
    /// relative path; nothing is written.
    #[error("refusing to write `{path}`: {reason}")]
    UnsafePath {
        /// The planned path.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// An I/O operation on the output directory failed.
    #[error("cannot {action} `{path}`: {source}")]
    Io {
        /// What was being done (`read`, `write`, `create directory`, …).
        action: &'static str,
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}
