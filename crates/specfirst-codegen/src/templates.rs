//! The template store: every template and target manifest by name.
//!
//! Names are paths relative to the repository's `templates/` directory with
//! `/` separators: `shared/macros.tera`, `server-axum/router.rs.tera`,
//! `server-axum/target.json`. The files are embedded at build time (see
//! `build.rs`); [`TemplateStore::overlay_dir`] lays a directory over them, so
//! a file in that directory replaces the embedded file of the same relative
//! name and every other name falls back to the embedded one.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{CodegenError, Result};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));
}

/// Where a stored file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary from the repository's `templates/`.
    Embedded,
    /// Read from this file (an override directory).
    File(PathBuf),
    /// Added by [`TemplateStore::insert`].
    Inserted,
}

#[derive(Debug, Clone)]
struct Entry {
    source: String,
    origin: Origin,
}

/// Templates and manifests by name, in name order.
#[derive(Debug, Clone, Default)]
pub struct TemplateStore {
    entries: BTreeMap<String, Entry>,
}

/// Directories deeper than this under an override directory are not read.
const MAX_DEPTH: usize = 16;

impl TemplateStore {
    /// An empty store (tests, or a target made only of override files).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The templates embedded in the binary.
    pub fn embedded() -> Self {
        let entries = embedded::EMBEDDED
            .iter()
            .map(|&(name, source)| {
                let entry = Entry {
                    source: source.to_owned(),
                    origin: Origin::Embedded,
                };
                (name.to_owned(), entry)
            })
            .collect();
        Self { entries }
    }

    /// The embedded templates overlaid by `dir` (the `--templates DIR` option).
    pub fn with_overrides(dir: &Path) -> Result<Self> {
        let mut store = Self::embedded();
        store.overlay_dir(dir)?;
        Ok(store)
    }

    /// Reads every file under `dir` (recursively; hidden entries and
    /// `README.md` files are skipped, symbolic links to directories are not
    /// followed) and stores it under its relative name, replacing any file of
    /// the same name.
    pub fn overlay_dir(&mut self, dir: &Path) -> Result<()> {
        let mut files = Vec::new();
        walk(dir, "", 0, &mut files)?;
        for (name, path) in files {
            let bytes = fs::read(&path).map_err(|source| CodegenError::ReadTemplates {
                path: path.clone(),
                source,
            })?;
            let source = String::from_utf8(bytes)
                .map_err(|_| CodegenError::TemplateNotUtf8 { path: path.clone() })?;
            self.entries.insert(
                name,
                Entry {
                    source,
                    origin: Origin::File(path),
                },
            );
        }
        Ok(())
    }

    /// Stores `source` under `name`, replacing any file of that name.
    pub fn insert(&mut self, name: impl Into<String>, source: impl Into<String>) {
        let entry = Entry {
            source: source.into(),
            origin: Origin::Inserted,
        };
        self.entries.insert(name.into(), entry);
    }

    /// The source of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries.get(name).map(|e| e.source.as_str())
    }

    /// The source of `name`, or [`CodegenError::TemplateNotFound`].
    pub fn require(&self, name: &str) -> Result<&str> {
        self.get(name)
            .ok_or_else(|| CodegenError::TemplateNotFound {
                name: name.to_owned(),
            })
    }

    /// Where `name` comes from.
    pub fn origin(&self, name: &str) -> Option<&Origin> {
        self.entries.get(name).map(|e| &e.origin)
    }

    /// Every stored name, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The Tera templates (names ending in `.tera`), sorted by name.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .filter(|(name, _)| name.ends_with(".tera"))
            .map(|(name, e)| (name.as_str(), e.source.as_str()))
    }
}

fn walk(dir: &Path, prefix: &str, depth: usize, files: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let read_err = |source| CodegenError::ReadTemplates {
        path: dir.to_path_buf(),
        source,
    };
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(read_err)? {
        entries.push(entry.map_err(read_err)?);
    }
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            return Err(CodegenError::TemplateNotUtf8 { path });
        };
        if file_name.starts_with('.') || file_name == "README.md" {
            continue;
        }
        let name = format!("{prefix}{file_name}");
        let file_type = entry
            .file_type()
            .map_err(|source| CodegenError::ReadTemplates {
                path: path.clone(),
                source,
            })?;
        if file_type.is_dir() {
            walk(&path, &format!("{name}/"), depth + 1, files)?;
        } else if file_type.is_file() || (file_type.is_symlink() && path.is_file()) {
            files.push((name, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn embedded_table_matches_the_templates_directory() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let mut on_disk = Vec::new();
        walk(&root, "", 0, &mut on_disk).unwrap();
        let on_disk: Vec<String> = on_disk.into_iter().map(|(name, _)| name).collect();
        let store = TemplateStore::embedded();
        let is_runtime = |n: &str| n.starts_with("runtime/") || n.starts_with("client-runtime/");
        let embedded: Vec<&str> = store.names().filter(|n| !is_runtime(n)).collect();
        assert_eq!(embedded, on_disk);
        // Plus the runtime modules, copied into generated crates.
        for (dir, prefix) in [
            ("../specfirst-runtime/src", "runtime/"),
            ("../specfirst-client-runtime/src", "client-runtime/"),
        ] {
            let runtime_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let mut modules = Vec::new();
            walk(&runtime_dir, prefix, 0, &mut modules).unwrap();
            let lib = format!("{prefix}lib.rs");
            let modules: Vec<String> = modules
                .into_iter()
                .map(|(name, _)| name)
                .filter(|n| *n != lib)
                .collect();
            let copied: Vec<&str> = store.names().filter(|n| n.starts_with(prefix)).collect();
            assert_eq!(copied, modules);
        }
        assert!(
            store
                .names()
                .all(|n| store.origin(n) == Some(&Origin::Embedded))
        );
    }

    #[test]
    fn overlay_replaces_by_name_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("t")).unwrap();
        fs::write(dir.path().join("t/a.rs.tera"), "override").unwrap();
        fs::write(dir.path().join("t/.swap"), "hidden").unwrap();
        fs::write(dir.path().join("README.md"), "docs").unwrap();

        let mut store = TemplateStore::empty();
        store.insert("t/a.rs.tera", "base a");
        store.insert("t/b.rs.tera", "base b");
        store.overlay_dir(dir.path()).unwrap();

        assert_eq!(store.get("t/a.rs.tera"), Some("override"));
        assert_eq!(store.get("t/b.rs.tera"), Some("base b"));
        assert_eq!(
            store.origin("t/a.rs.tera"),
            Some(&Origin::File(dir.path().join("t/a.rs.tera")))
        );
        assert_eq!(
            store.names().collect::<Vec<_>>(),
            ["t/a.rs.tera", "t/b.rs.tera"]
        );
    }

    #[test]
    fn non_utf8_template_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bad.tera"), [0xff, 0xfe]).unwrap();
        let err = TemplateStore::empty().overlay_dir(dir.path()).unwrap_err();
        assert!(err.to_string().contains("bad.tera"), "{err}");
    }

    #[test]
    fn missing_override_dir_is_an_error() {
        let err = TemplateStore::with_overrides(Path::new("/nonexistent/specfirst-templates"))
            .unwrap_err();
        assert!(matches!(err, CodegenError::ReadTemplates { .. }), "{err}");
    }
}
