//! Rule fixtures (ruff's layout): every `resources/fixtures/<category>/<CODE>*.yaml`,
//! or directory `<CODE>*/` with an entry `api.yaml` (for multi-file cases, or
//! with a `.specfirst.yaml` whose options apply), is linted with only rule
//! `<CODE>` enabled and rendered exactly as
//! `specfirst lint --color never` prints it; the output is a snapshot named
//! after the fixture, in `tests/snapshots/`.
//!
//! A fixture holds the cases that must fire first, each with a comment
//! saying why, then a `# OK` section of near-misses that must not.
//! Update snapshots with `INSTA_UPDATE=always cargo test -p specfirst-lint
//! --test rules` (or `cargo insta review`), then read every changed one.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

#[test]
fn fixtures() {
    let fixtures = common::fixtures();
    assert!(!fixtures.is_empty(), "no fixtures in {}", common::FIXTURES);
    // One loader (and source map) for the whole run, as in `specfirst lint`.
    let loader = common::loader();
    let mut failed = Vec::new();
    for fixture in &fixtures {
        let result = catch_unwind(AssertUnwindSafe(|| {
            let diagnostics = common::lint_fixture(&loader, fixture);
            let output = common::render(&diagnostics, loader.sources());
            let mut settings = insta::Settings::clone_current();
            settings.set_input_file(&fixture.entry);
            settings.set_description(format!(
                "{} linted with only {} enabled",
                fixture.entry.display(),
                fixture.code
            ));
            settings.set_omit_expression(true);
            settings.bind(|| insta::assert_snapshot!(fixture.name.as_str(), output));
        }));
        if result.is_err() {
            failed.push(fixture.name.as_str());
        }
    }
    assert!(failed.is_empty(), "fixtures that failed: {failed:?}");
}

/// A snapshot whose fixture was renamed or removed would never be checked again.
#[test]
fn every_snapshot_has_a_fixture() {
    let names: Vec<String> = common::fixtures().into_iter().map(|f| f.name).collect();
    let dir = common::crate_dir().join("tests/snapshots");
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let file = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .file_name()
            .to_string_lossy()
            .into_owned();
        let Some(name) = file
            .strip_prefix("rules__")
            .and_then(|f| f.strip_suffix(".snap"))
        else {
            continue;
        };
        if !names.iter().any(|n| n == name) {
            orphans.push(file);
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture: {orphans:?}"
    );
}
