//! `specfirst lint` on the documents of `specs/bad/`, each written to break
//! specific rules: what it prints and its exit code, as snapshots in
//! `tests/snapshots/`. Update them with `INSTA_UPDATE=always cargo test
//! --test e2e bad_specs` and read every changed one.

use crate::util::{repo, run};

/// Lints `path` (relative to the repository) and renders the run as the
/// snapshot shows it: the exit code, then stdout. Absolute paths of the
/// repository (some messages name files outside the linted directory) are
/// written `[REPO]`.
fn lint(path: &str) -> String {
    let r = run(&["lint", "--color", "never", path]);
    let mut stdout = r.stdout;
    let root = repo();
    if let Ok(canonical) = std::fs::canonicalize(&root) {
        stdout = stdout.replace(&*canonical.to_string_lossy(), "[REPO]");
    }
    stdout = stdout.replace(&*root.to_string_lossy(), "[REPO]");
    format!("exit code: {}\n----- stdout -----\n{stdout}", r.code)
}

macro_rules! bad_spec {
    ($test:ident, $path:literal) => {
        #[test]
        fn $test() {
            insta::with_settings!({
                description => concat!("specfirst lint --color never ", $path),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(lint($path));
            });
        }
    };
}

bad_spec!(
    duplicate_operation_ids,
    "specs/bad/duplicate-operation-ids.yaml"
);
bad_spec!(path_params, "specs/bad/path-params.yaml");
bad_spec!(broken_refs, "specs/bad/broken-refs.yaml");
bad_spec!(broken_refs_multi, "specs/bad/broken-refs-multi/api.yaml");
bad_spec!(
    invalid_structure_3_0,
    "specs/bad/invalid-structure-3.0.yaml"
);
bad_spec!(
    invalid_structure_3_1,
    "specs/bad/invalid-structure-3.1.yaml"
);
bad_spec!(unused_components, "specs/bad/unused-components.yaml");
bad_spec!(invalid_examples, "specs/bad/invalid-examples.yaml");
bad_spec!(bad_config, "specs/bad/bad-config/api.yaml");

/// Every document in `specs/bad/` has a test above.
#[test]
fn every_bad_spec_is_tested() {
    let source = include_str!("bad_specs.rs");
    let dir = repo().join("specs/bad");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let name = entry.file_name().to_string_lossy().into_owned();
        let tested = if entry.path().is_dir() {
            format!("\"specs/bad/{name}/")
        } else if name.ends_with(".yaml") || name.ends_with(".json") {
            format!("\"specs/bad/{name}\"")
        } else {
            continue;
        };
        if !source.contains(&tested) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "specs/bad/ entries without a test: {missing:?}"
    );
}
