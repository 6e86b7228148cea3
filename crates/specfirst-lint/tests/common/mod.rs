//! Shared by the rule and convention tests: finding fixtures, loading and
//! linting a document with one rule, and rendering what a user would see.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use specfirst_config::{Config, Options};
use specfirst_diagnostics::render::text::{self, TextOptions};
use specfirst_diagnostics::{Diagnostic, SourceMap, Summary};
use specfirst_lint::Settings;
use specfirst_source::{LoadOptions, Loader};

/// The fixtures directory, relative to the crate (and so to the working
/// directory of integration tests, which makes file names in output stable).
/// It has one directory per rule category (`oas`, `uri`, ...).
pub const FIXTURES: &str = "resources/fixtures";

/// The entry document of a multi-file fixture directory.
pub const ENTRY: &str = "api.yaml";

/// Documents referenced by fixtures of several categories (not fixtures).
pub const SHARED: &str = "shared";

/// A fixture directory's configuration: its options (RULEBOOK §2.2) apply
/// when the fixture is linted, so each option value gets its own fixture.
pub const CONFIG: &str = ".specfirst.yaml";

/// One fixture: `<category>/<CODE>[.variant].yaml`, or a directory
/// `<category>/<CODE>[.variant]/` whose entry document is `api.yaml` (and
/// which may hold a `.specfirst.yaml` with options).
#[derive(Debug, Clone)]
pub struct Fixture {
    /// File or directory name (`OAS-005.yaml`, `OAS-002`): the snapshot name.
    pub name: String,
    /// The rule code, from the name up to the first `.`.
    pub code: String,
    /// The category directory it is in.
    pub category: String,
    /// The entry document, relative to the crate directory.
    pub entry: PathBuf,
    /// The fixture's `.specfirst.yaml`, relative to the crate directory.
    pub config: Option<PathBuf>,
}

/// The crate directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_dir_sorted(dir: &Path) -> Vec<std::fs::DirEntry> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut out: Vec<_> = entries
        .map(|e| e.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())))
        .collect();
    out.sort_by_key(std::fs::DirEntry::file_name);
    out
}

/// Every fixture, sorted by name.
pub fn fixtures() -> Vec<Fixture> {
    let root = crate_dir().join(FIXTURES);
    let mut out = Vec::new();
    for category in read_dir_sorted(&root) {
        // `shared/` holds documents that fixtures of several rules reference.
        if !category.path().is_dir() || category.file_name() == SHARED {
            continue;
        }
        let category = category.file_name().to_string_lossy().into_owned();
        let rel = Path::new(FIXTURES).join(&category);
        for entry in read_dir_sorted(&root.join(&category)) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let (entry_doc, config) = if path.is_dir() {
                let config = path
                    .join(CONFIG)
                    .is_file()
                    .then(|| rel.join(&name).join(CONFIG));
                (rel.join(&name).join(ENTRY), config)
            } else if name.ends_with(".yaml") || name.ends_with(".json") {
                (rel.join(&name), None)
            } else {
                continue;
            };
            let code = name.split('.').next().unwrap_or_default().to_owned();
            out.push(Fixture {
                name,
                code,
                category: category.clone(),
                entry: entry_doc,
                config,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Lints a fixture with only its rule enabled, under its configuration's options.
pub fn lint_fixture(loader: &Loader, fixture: &Fixture) -> Vec<Diagnostic> {
    let options = match &fixture.config {
        None => Options::default(),
        Some(path) => {
            let (config, diags) = Config::load(loader, path);
            assert!(
                diags.is_empty(),
                "{}: invalid fixture configuration: {diags:?}",
                path.display()
            );
            config.options
        }
    };
    lint_with_options(loader, &fixture.entry, &fixture.code, options)
}

/// Loads `entry` (relative to the working directory, or absolute) and lints
/// it with only rule `code` enabled. The result holds the loader's own
/// diagnostics (syntax errors, duplicate keys) too, in the order
/// `specfirst lint` prints them.
pub fn lint_with(loader: &Loader, entry: &Path, code: &str) -> Vec<Diagnostic> {
    lint_with_options(loader, entry, code, Options::default())
}

/// [`lint_with`] under the given options.
pub fn lint_with_options(
    loader: &Loader,
    entry: &Path,
    code: &str,
    options: Options,
) -> Vec<Diagnostic> {
    let loaded = loader.load(entry);
    let Some(bundle) = loaded.bundle else {
        panic!(
            "{} is not a lintable OpenAPI document: {:?}",
            entry.display(),
            loaded.diagnostics
        );
    };
    let mut settings = Settings::only(code);
    settings.options = options;
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(specfirst_lint::lint(&bundle, &settings));
    settings.apply_levels(&mut diagnostics);
    let sources = loader.sources();
    diagnostics.sort_by(|a, b| {
        let (fa, fb) = (sources.get(a.location.file), sources.get(b.location.file));
        (fa.name(), a.location.span, a.code, &a.message).cmp(&(
            fb.name(),
            b.location.span,
            b.code,
            &b.message,
        ))
    });
    diagnostics
}

/// A loader with default options over a fresh source map.
pub fn loader() -> Loader {
    Loader::new(Arc::new(SourceMap::new()), LoadOptions::default())
}

/// The text output of `specfirst lint --color never` for one linted file,
/// with the absolute path of the crate (which some messages name) replaced
/// by `[CRATE]`.
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let summary = Summary::count(1, diagnostics);
    let out = text::render(
        diagnostics,
        sources,
        &summary,
        TextOptions {
            color: false,
            summary: true,
        },
    );
    redact_crate_dir(&out)
}

/// Replaces the crate directory (as written and canonicalised) by `[CRATE]`.
pub fn redact_crate_dir(text: &str) -> String {
    let dir = crate_dir();
    let mut out = text.to_owned();
    if let Ok(canonical) = std::fs::canonicalize(&dir) {
        out = out.replace(&*canonical.to_string_lossy(), "[CRATE]");
    }
    out.replace(&*dir.to_string_lossy(), "[CRATE]")
}
