//! Target manifests: `templates/<target>/target.json`.
//!
//! ```json
//! {
//!   "generated_dirs": ["src/generated"],
//!   "files": [
//!     { "template": "server-axum/lib.rs.tera", "path": "src/generated/mod.rs", "ownership": "generated" },
//!     { "template": "server-axum/handlers.rs.tera", "path": "src/handlers.rs", "ownership": "scaffold" },
//!     { "template": "server-axum/Cargo.toml.tera", "path": "Cargo.toml", "ownership": "scaffold", "kind": "toml" }
//!   ]
//! }
//! ```
//!
//! `template` is a full store name; `path` is relative to the output
//! directory; `ownership` is `generated` (rewritten on every run) or
//! `scaffold` (created once, then owned by the user); `kind` is `rust`,
//! `toml` or `text` and defaults from the path's extension (`.rs`, `.toml`,
//! anything else). `generated_dirs` (default `["src/generated"]`) are the
//! directories where files carrying the `@generated` header but no longer
//! produced by the target are stale.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::plan::check_relative;
use crate::{CodegenError, Result, TemplateStore};

/// File name of a target's manifest inside its template directory.
pub const MANIFEST_FILE: &str = "target.json";

/// Who owns an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    /// specfirst: rewritten whenever its content changes, deleted when stale.
    Generated,
    /// The user: created when absent, never overwritten.
    Scaffold,
}

/// How an output is checked and headed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// Parsed with syn, formatted with prettyplease, `// @generated` header.
    Rust,
    /// Written as rendered; `# @generated` header when generated.
    Toml,
    /// Written as rendered.
    Text,
}

impl FileKind {
    /// The kind implied by a path's extension.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some("rs") => Self::Rust,
            Some("toml") => Self::Toml,
            _ => Self::Text,
        }
    }
}

/// One output of a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The template's store name.
    pub template: String,
    /// The output path, relative to the output directory.
    pub path: PathBuf,
    /// Who owns the file.
    pub ownership: Ownership,
    /// How it is checked and headed.
    pub kind: FileKind,
}

/// A code generation target: its outputs, in manifest order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The target's name (its directory under `templates/`).
    pub name: String,
    /// The outputs.
    pub files: Vec<OutputFile>,
    /// Directories (relative to the output directory) whose stale generated
    /// files are deleted.
    pub generated_dirs: Vec<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    generated_dirs: Option<Vec<String>>,
    files: Vec<RawFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    template: String,
    path: String,
    ownership: Ownership,
    #[serde(default)]
    kind: Option<FileKind>,
}

impl Target {
    /// Loads `<name>/target.json` from the store and checks it: every
    /// template exists, every path is a plain relative path, no path is
    /// listed twice.
    pub fn load(store: &TemplateStore, name: &str) -> Result<Self> {
        let manifest = format!("{name}/{MANIFEST_FILE}");
        let source = store.require(&manifest)?;
        Self::parse(name, &manifest, source, store)
    }

    fn parse(name: &str, manifest: &str, source: &str, store: &TemplateStore) -> Result<Self> {
        let error = |message: String| CodegenError::Manifest {
            manifest: manifest.to_owned(),
            message,
        };
        let raw: RawManifest = serde_json::from_str(source).map_err(|e| error(e.to_string()))?;

        let generated_dirs = raw
            .generated_dirs
            .unwrap_or_else(|| vec!["src/generated".to_owned()]);
        let generated_dirs = generated_dirs
            .into_iter()
            .map(|dir| {
                let path = PathBuf::from(&dir);
                check_relative(&path)
                    .map_err(|reason| error(format!("generated_dirs: `{dir}` {reason}")))?;
                Ok(path)
            })
            .collect::<Result<Vec<_>>>()?;

        let mut seen = BTreeSet::new();
        let mut files = Vec::with_capacity(raw.files.len());
        for file in raw.files {
            let path = PathBuf::from(&file.path);
            check_relative(&path)
                .map_err(|reason| error(format!("path `{}` {reason}", file.path)))?;
            if !seen.insert(path.clone()) {
                return Err(error(format!("path `{}` is listed twice", file.path)));
            }
            // `.tera` files are rendered; other names (`runtime/*.rs`) are
            // copied as they are.
            let copied = file.template.ends_with(".rs") && store.get(&file.template).is_some();
            if !file.template.ends_with(".tera") && !copied {
                return Err(error(format!(
                    "template `{}` is neither a `.tera` template nor a Rust file to copy",
                    file.template
                )));
            }
            if store.get(&file.template).is_none() {
                return Err(error(format!("template `{}` not found", file.template)));
            }
            let kind = file.kind.unwrap_or_else(|| FileKind::from_path(&path));
            files.push(OutputFile {
                template: file.template,
                path,
                ownership: file.ownership,
                kind,
            });
        }
        Ok(Self {
            name: name.to_owned(),
            files,
            generated_dirs,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn store(manifest: &str) -> TemplateStore {
        let mut store = TemplateStore::empty();
        store.insert("t/target.json", manifest);
        store.insert("t/a.rs.tera", "");
        store.insert("t/Cargo.toml.tera", "");
        store
    }

    #[test]
    fn parses_files_with_defaults() {
        let s = store(
            r#"{ "files": [
                { "template": "t/a.rs.tera", "path": "src/generated/a.rs", "ownership": "generated" },
                { "template": "t/Cargo.toml.tera", "path": "Cargo.toml", "ownership": "scaffold" },
                { "template": "t/a.rs.tera", "path": "README", "ownership": "scaffold", "kind": "text" }
            ] }"#,
        );
        let target = Target::load(&s, "t").unwrap();
        assert_eq!(target.name, "t");
        assert_eq!(target.generated_dirs, [PathBuf::from("src/generated")]);
        let kinds: Vec<_> = target.files.iter().map(|f| (f.kind, f.ownership)).collect();
        assert_eq!(
            kinds,
            [
                (FileKind::Rust, Ownership::Generated),
                (FileKind::Toml, Ownership::Scaffold),
                (FileKind::Text, Ownership::Scaffold)
            ]
        );
    }

    #[test]
    fn rejects_bad_manifests() {
        let cases = [
            (
                r#"{ "files": [ { "template": "t/a.rs.tera", "path": "../a.rs", "ownership": "generated" } ] }"#,
                "..",
            ),
            (
                r#"{ "files": [ { "template": "t/a.rs.tera", "path": "/a.rs", "ownership": "generated" } ] }"#,
                "absolute",
            ),
            (
                r#"{ "files": [ { "template": "t/nope.tera", "path": "a.rs", "ownership": "generated" } ] }"#,
                "not found",
            ),
            (
                r#"{ "files": [ { "template": "t/a.rs.tera", "path": "a.rs", "ownership": "mine" } ] }"#,
                "unknown variant",
            ),
            (r#"{ "files": [], "extra": 1 }"#, "unknown field"),
            (
                r#"{ "files": [ { "template": "t/target.json", "path": "a.rs", "ownership": "generated" } ] }"#,
                ".tera",
            ),
            (
                r#"{ "files": [ { "template": "t/a.rs.tera", "path": "a.rs", "ownership": "generated" },
                                { "template": "t/a.rs.tera", "path": "a.rs", "ownership": "scaffold" } ] }"#,
                "twice",
            ),
            (
                r#"{ "generated_dirs": ["../out"], "files": [] }"#,
                "generated_dirs",
            ),
        ];
        for (manifest, expected) in cases {
            let err = Target::load(&store(manifest), "t").unwrap_err();
            let message = err.to_string();
            assert!(
                message.contains("t/target.json") && message.contains(expected),
                "{message}"
            );
        }
    }

    #[test]
    fn missing_manifest_is_named() {
        let err = Target::load(&TemplateStore::empty(), "server-axum").unwrap_err();
        assert!(err.to_string().contains("server-axum/target.json"), "{err}");
    }
}
