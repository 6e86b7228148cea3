//! Parity with Spectral's `spectral:oas` ruleset: the real Spectral
//! (installed by scripts/install-test-tools.sh) and the real `specfirst`
//! (with only the parity rules of `SPECTRAL_PARITY` enabled) lint every
//! document of `specs/bad/` and the fixtures of the parity rules; the sets of
//! findings, as (rule, file, line), must be the same once Spectral's rule
//! names are mapped to our codes.
//!
//! The differences we know of and mean to keep are listed in [`KNOWN`], each
//! with its reason (`docs/spectral-mapping.md` explains them rule by rule).
//! Anything else fails the test with the list of findings only one side has;
//! so does an entry of [`KNOWN`] that no longer matches anything.
//!
//! Environment:
//! - `SPECFIRST_SPECTRAL`: the `spectral` executable to run (default: the one
//!   scripts/install-test-tools.sh installs, in
//!   `${SPECFIRST_TOOLS_DIR:-.scratch/tools}/npm/node_modules/.bin`);
//! - `SPECFIRST_SKIP_SPECTRAL=1`: pass without running when Spectral is not
//!   installed (quick local runs; the test fails otherwise).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use specfirst_lint::ALL_RULES;
use specfirst_lint::rules::oas::SPECTRAL_PARITY;

use crate::util::{Dir, bin, repo, test_tool};

/// Which side reports a finding the other does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    OnlySpectral,
    OnlySpecfirst,
}

/// A known, explained difference: findings of `rule` (a Spectral rule name
/// for `OnlySpectral`, our code for `OnlySpecfirst`) in `file` (relative to
/// the repository), at `line` or at any line (`None`).
struct Known {
    side: Side,
    rule: &'static str,
    file: &'static str,
    line: Option<u32>,
    why: &'static str,
}

const fn known(
    side: Side,
    rule: &'static str,
    file: &'static str,
    line: Option<u32>,
    why: &'static str,
) -> Known {
    Known {
        side,
        rule,
        file,
        line,
        why,
    }
}

use Side::{OnlySpecfirst, OnlySpectral};

const FX: &str = "crates/specfirst-lint/resources/fixtures/oas/";

/// A path under the `oas` fixtures.
macro_rules! fx {
    ($file:literal) => {
        concat!("crates/specfirst-lint/resources/fixtures/oas/", $file)
    };
}

/// Spectral rules compared by file only: both must find a problem in the same
/// documents, but two JSON Schema validators report different nodes (Spectral
/// the parent of an invalid member, often; we the member). See
/// docs/spectral-mapping.md, `oas3-schema`.
const FILE_LEVEL: &[&str] = &["oas3-schema"];

/// Spectral diagnostics that are not rules of the ruleset (its resolver and
/// parser): not compared. See docs/spectral-mapping.md, "Not compared".
const NOT_RULES: &[&str] = &["invalid-ref", "parser", "unrecognized-format"];

/// A finding of the first Spectral rule is expected wherever the second one
/// reports at the same file and line (Spectral reports both; we report one).
const IMPLIED: &[(&str, &str, &str)] = &[(
    "license-url",
    "info-license",
    "Spectral's license-url also fires when there is no license; OAS-017 leaves that to OAS-016",
)];

/// Every known difference, with its reason (docs/spectral-mapping.md has the details).
static KNOWN: &[Known] = &[
    // oas3-schema / OAS-001 / OAS-010 (compared by file)
    known(
        OnlySpectral,
        "oas3-schema",
        fx!("OAS-012.empty.yaml"),
        None,
        "Spectral checks the `email` format of the contact; our structure check does not check formats",
    ),
    known(
        OnlySpectral,
        "oas3-schema",
        fx!("OAS-008.yaml"),
        None,
        "Spectral's 3.1 schema rejects a Path Item that is a `$ref` (`/owners`), which OpenAPI 3.1 allows",
    ),
    known(
        OnlySpectral,
        "oas3-schema",
        "specs/bad/broken-refs.yaml",
        None,
        "Spectral's 3.1 schema rejects a Path Item that is a `$ref` (`/orders/{orderId}`), which OpenAPI 3.1 allows",
    ),
    // oas3-api-servers
    known(
        OnlySpectral,
        "oas3-api-servers",
        fx!("OAS-021.webhooks.yaml"),
        Some(1),
        "a document of webhooks only has no base URL to give",
    ),
    known(
        OnlySpectral,
        "oas3-api-servers",
        fx!("OAS-029.yaml"),
        Some(1),
        "a document of webhooks only has no base URL to give",
    ),
    known(
        OnlySpectral,
        "oas3-api-servers",
        fx!("OAS-030.yaml"),
        Some(1),
        "a document of webhooks only has no base URL to give",
    ),
    // array-items
    known(
        OnlySpectral,
        "array-items",
        fx!("OAS-010.yaml"),
        Some(49),
        "a 3.1 tuple (`prefixItems`, `items: false`) needs no `items` schema",
    ),
    known(
        OnlySpectral,
        "array-items",
        fx!("OAS-011.yaml"),
        Some(36),
        "a 3.1 tuple (`prefixItems`) needs no `items`",
    ),
    known(
        OnlySpectral,
        "array-items",
        fx!("OAS-011.yaml"),
        Some(46),
        "`type: array` inside an example value is data, not a schema",
    ),
    // license-url
    known(
        OnlySpectral,
        "license-url",
        fx!("OAS-016.ok.yaml"),
        Some(5),
        "a 3.1 SPDX `identifier` names the license as well as a `url`",
    ),
    known(
        OnlySpectral,
        "license-url",
        fx!("OAS-017.identifier.yaml"),
        Some(5),
        "a 3.1 SPDX `identifier` names the license as well as a `url`",
    ),
    // oas3-operation-security-defined
    known(
        OnlySpectral,
        "oas3-operation-security-defined",
        fx!("OAS-024.yaml"),
        Some(23),
        "scopes of an OpenID Connect scheme come from its discovery document, not `flows`",
    ),
    known(
        OnlySpectral,
        "oas3-operation-security-defined",
        fx!("OAS-024.yaml"),
        Some(24),
        "OpenAPI 3.1 allows role names with non-OAuth schemes",
    ),
    // no-$ref-siblings
    known(
        OnlySpectral,
        "oas3-parameter-description",
        fx!("OAS-018.3_0.yaml"),
        Some(8),
        "Spectral keeps the siblings of a parameter `$ref` and reports the use as well as the component",
    ),
    // oas3-server-variables
    known(
        OnlySpectral,
        "oas3-server-variables",
        fx!("OAS-001.yaml"),
        Some(14),
        "an invalid Server Object is OAS-001's finding",
    ),
    known(
        OnlySpectral,
        "oas3-server-variables",
        "specs/bad/invalid-structure-3.1.yaml",
        Some(13),
        "an invalid Server Object is OAS-001's finding",
    ),
    known(
        OnlySpectral,
        "oas3-server-variables",
        fx!("OAS-028.yaml"),
        Some(39),
        "a relative server URL (`/{version}`) is valid; Spectral wants absolute URLs after substitution",
    ),
    // oas3-unused-component
    known(
        OnlySpectral,
        "oas3-unused-component",
        fx!("OAS-008.3_0.yaml"),
        Some(33),
        "a schema named in a discriminator `mapping` is used; Spectral ignores mappings",
    ),
    known(
        OnlySpectral,
        "oas3-unused-component",
        fx!("OAS-008.yaml"),
        Some(73),
        "a schema named in a discriminator `mapping` is used; Spectral ignores mappings",
    ),
    known(
        OnlySpectral,
        "oas3-unused-component",
        fx!("OAS-008.yaml"),
        Some(74),
        "a schema named in a discriminator `mapping` is used; Spectral ignores mappings",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-001.3_0.yaml"),
        Some(49),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-008.yaml"),
        Some(50),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-008.yaml"),
        Some(57),
        "a `$ref` inside an example value is data, not a use; Spectral counts it",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-008.yaml"),
        Some(110),
        "Spectral does not check security schemes",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-008.yaml"),
        Some(130),
        "Spectral does not check path items of `components`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-008.3_0.yaml"),
        Some(24),
        "Spectral does not check security schemes",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-009.3_0.yaml"),
        Some(26),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-009.yaml"),
        Some(65),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-018.yaml"),
        Some(6),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        fx!("OAS-023.yaml"),
        Some(32),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        "specs/bad/broken-refs.yaml",
        Some(35),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        "specs/bad/broken-refs.yaml",
        Some(36),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        "specs/bad/unused-components.yaml",
        Some(27),
        "Spectral does not check security schemes",
    ),
    known(
        OnlySpecfirst,
        "OAS-008",
        "specs/bad/unused-components.yaml",
        Some(52),
        "OAS-008 follows references from the paths: a component used only by unused components is unused too; Spectral counts any `$ref`",
    ),
    // oas3-valid-media-example, oas3-valid-schema-example
    known(
        OnlySpectral,
        "oas3-valid-schema-example",
        fx!("OAS-009.yaml"),
        Some(55),
        "`format` is an annotation: OAS-009 does not assert formats such as `email`",
    ),
    known(
        OnlySpectral,
        "oas3-valid-media-example",
        fx!("OAS-009.yaml"),
        Some(80),
        "a string example of a non-JSON media type is the serialised body, not data",
    ),
    known(
        OnlySpectral,
        "oas3-valid-media-example",
        fx!("OAS-023.yaml"),
        Some(12),
        "an example without `value` is OAS-023's finding",
    ),
    known(
        OnlySpecfirst,
        "OAS-009",
        fx!("OAS-009.yaml"),
        Some(51),
        "the 3.1 `examples` list of a schema is checked; Spectral checks `example` and `default` only",
    ),
    known(
        OnlySpectral,
        "oas3-valid-media-example",
        "specs/bad/invalid-examples.yaml",
        Some(25),
        "same problem: OAS-009 reports at the example (line 24, pointing at line 25), Spectral at the failing item (line 25)",
    ),
    known(
        OnlySpecfirst,
        "OAS-009",
        "specs/bad/invalid-examples.yaml",
        Some(24),
        "same problem: OAS-009 reports at the example (line 24, pointing at line 25), Spectral at the failing item (line 25)",
    ),
    // operation-operationId-unique
    known(
        OnlySpectral,
        "operation-operationId-unique",
        fx!("OAS-005/paths/cats.yaml"),
        Some(2),
        "one Path Item file used by two paths is one operation, not a duplicate",
    ),
    known(
        OnlySpecfirst,
        "OAS-005",
        fx!("OAS-005.yaml"),
        Some(34),
        "callback operations share the operationId namespace; Spectral checks `paths` only",
    ),
    known(
        OnlySpecfirst,
        "OAS-005",
        fx!("OAS-005.yaml"),
        Some(40),
        "webhook operations share the operationId namespace; Spectral checks `paths` only",
    ),
    // path-params
    known(
        OnlySpectral,
        "path-params",
        fx!("OAS-001.3_0.yaml"),
        Some(13),
        "a path parameter without `required: true` is OAS-001's finding (at another node)",
    ),
    known(
        OnlySpectral,
        "path-params",
        "specs/bad/invalid-structure-3.0.yaml",
        Some(14),
        "a path parameter without `required: true` is OAS-001's finding (at another node)",
    ),
    known(
        OnlySpecfirst,
        "OAS-006",
        fx!("OAS-043.yaml"),
        Some(6),
        "OAS-006 reads `{}` as a nameless variable that is not declared",
    ),
    known(
        OnlySpecfirst,
        "OAS-007",
        fx!("OAS-043.yaml"),
        Some(10),
        "OAS-007 reads `{}` as a variable, so `/pets/{}` and `/pets/{petId}` are equivalent",
    ),
    // oas3_1-servers-in-webhook
    known(
        OnlySpecfirst,
        "OAS-030",
        fx!("OAS-030.yaml"),
        Some(12),
        "`servers` on a webhook's Path Item; Spectral only looks at its operations",
    ),
];

/// Where Spectral is, or `None` to skip (only when asked to).
fn spectral() -> Option<PathBuf> {
    test_tool(
        "Spectral",
        "npm/node_modules/.bin/spectral",
        "SPECFIRST_SPECTRAL",
        "SPECFIRST_SKIP_SPECTRAL",
    )
}

/// Names of one side to the names of the other.
type Names = BTreeMap<&'static str, BTreeSet<&'static str>>;

/// The parity codes, Spectral names to our codes, and our codes to Spectral names.
fn mapping() -> (BTreeSet<&'static str>, Names, Names) {
    let mut codes = BTreeSet::new();
    let mut to_ours: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut to_spectral: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, code) in SPECTRAL_PARITY {
        codes.insert(*code);
        to_ours.entry(name).or_default().insert(code);
        to_spectral.entry(code).or_default().insert(name);
    }
    (codes, to_ours, to_spectral)
}

/// The documents to lint, relative to the repository: the entry documents of
/// `specs/bad/` and the fixtures of the parity rules.
fn documents(codes: &BTreeSet<&str>) -> Vec<String> {
    let root = repo();
    let mut out = Vec::new();
    let mut push_entries = |dir: &str, keep: &dyn Fn(&str) -> bool| {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap_or_else(|e| panic!("{dir}: {e}")).path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !keep(&name) {
                continue;
            }
            let entry = if path.is_dir() {
                path.join("api.yaml")
            } else {
                path
            };
            let is_doc = std::fs::read_to_string(&entry).is_ok_and(|t| {
                t.lines()
                    .any(|l| l.starts_with("openapi:") || l.starts_with("\"openapi\""))
            });
            if is_doc {
                let rel = entry.strip_prefix(&root).unwrap_or(&entry);
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    };
    push_entries("specs/bad", &|_| true);
    push_entries(FX.trim_end_matches('/'), &|name| {
        codes.contains(name.split('.').next().unwrap_or_default())
    });
    out
}

type Finding = (String, String, u32);

/// Spectral's findings as (rule, file, line).
fn run_spectral(spectral: &Path, dir: &Dir, docs: &[String]) -> BTreeSet<Finding> {
    let ruleset = dir.write("ruleset.yaml", "extends: [[spectral:oas, all]]\n");
    let output = dir.path().join("spectral.json");
    let out = Command::new(spectral)
        .current_dir(repo())
        .arg("lint")
        .arg("--ruleset")
        .arg(&ruleset)
        .args(["--format", "json", "--quiet", "--fail-severity", "error"])
        .arg("--output")
        .arg(&output)
        .args(docs)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", spectral.display()));
    let text = std::fs::read_to_string(&output).unwrap_or_else(|e| {
        panic!(
            "Spectral wrote no {} ({e}); it printed:\n{}\n{}",
            output.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let results: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("Spectral's output is not JSON ({e}):\n{text}"));
    let root = std::fs::canonicalize(repo()).unwrap_or_else(|_| repo());
    results
        .as_array()
        .unwrap_or_else(|| panic!("Spectral's output is not a list:\n{text}"))
        .iter()
        .map(|r| {
            let code = r["code"].as_str().unwrap_or_default().to_owned();
            let source = PathBuf::from(r["source"].as_str().unwrap_or_default());
            let source = std::fs::canonicalize(&source).unwrap_or(source);
            let file = source
                .strip_prefix(&root)
                .unwrap_or(&source)
                .to_string_lossy()
                .into_owned();
            let line = r["range"]["start"]["line"].as_u64().unwrap_or_default() + 1;
            (code, file, u32::try_from(line).unwrap_or(u32::MAX))
        })
        .collect()
}

/// Our findings as (code, file, line), with only the parity rules enabled:
/// the `spectral` profile (which also enables the parity rules of Spectral's
/// non-recommended rules), and any rule outside `codes` off.
fn run_specfirst(dir: &Dir, docs: &[String], codes: &BTreeSet<&str>) -> BTreeSet<Finding> {
    let mut config = String::from("extends: [spectral]\nrules:\n");
    for rule in ALL_RULES.iter() {
        let code = rule.meta().code;
        if !codes.contains(code) {
            let _ = writeln!(config, "  {code}: off");
        }
    }
    let config = dir.write(".specfirst.yaml", config);
    let config = config.to_string_lossy().into_owned();
    let out = bin()
        .current_dir(repo())
        .args(["lint", "--format", "json", "--fail-on", "never", "--config"])
        .arg(&config)
        .args(docs)
        .output()
        .unwrap_or_else(|e| panic!("cannot run specfirst: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "specfirst's output is not JSON ({e}):\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no `diagnostics` in:\n{text}"))
        .iter()
        .filter_map(|d| {
            let code = d["rule"].as_str()?;
            // Loader checks are not rules: not compared.
            codes.contains(code).then(|| {
                let line = d["line"].as_u64().unwrap_or_default();
                (
                    code.to_owned(),
                    d["file"].as_str().unwrap_or_default().to_owned(),
                    u32::try_from(line).unwrap_or(u32::MAX),
                )
            })
        })
        .collect()
}

/// The version `scripts/install-test-tools.sh` installs (the mapping was made against it).
const SPECTRAL_VERSION: &str = "6.16.3";

#[test]
fn every_parity_code_is_a_rule() {
    for (name, code) in SPECTRAL_PARITY {
        assert!(
            ALL_RULES.iter().any(|r| r.meta().code == *code),
            "SPECTRAL_PARITY maps `{name}` to `{code}`, which is not a rule"
        );
    }
}

/// Every rule of the installed `spectral:oas` ruleset that is not for
/// Swagger 2.0 (`oas2-*`) is in SPECTRAL_PARITY, read from the ruleset's
/// source next to the executable (skipped for a `spectral` elsewhere).
fn check_ruleset_is_mapped(spectral: &Path, to_ours: &Names) {
    let Some(modules) = spectral.parent().and_then(Path::parent) else {
        return;
    };
    let source = modules.join("@stoplight/spectral-rulesets/dist/oas/index.js");
    let Ok(text) = std::fs::read_to_string(&source) else {
        return;
    };
    let rules = text.split("rules: {").nth(1).unwrap_or_default();
    let names: Vec<&str> = rules
        .lines()
        .filter_map(|l| l.strip_prefix("        '")?.strip_suffix("': {"))
        .collect();
    assert!(
        names.len() > 40,
        "cannot read the rule names of {} (found {names:?})",
        source.display()
    );
    let missing: Vec<&&str> = names
        .iter()
        .filter(|name| !name.starts_with("oas2-") && !to_ours.contains_key(**name))
        .collect();
    assert!(
        missing.is_empty(),
        "rules of spectral:oas ({}) missing from SPECTRAL_PARITY: {missing:?}",
        source.display()
    );
}

#[test]
fn spectral_and_specfirst_find_the_same_problems() {
    let Some(spectral) = spectral() else {
        return;
    };
    let version = Command::new(&spectral)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", spectral.display()));
    let version = String::from_utf8_lossy(&version.stdout);
    assert_eq!(
        version.trim(),
        SPECTRAL_VERSION,
        "{} is not Spectral {SPECTRAL_VERSION}: run `bash scripts/install-test-tools.sh`",
        spectral.display()
    );
    let (codes, to_ours, to_spectral) = mapping();
    check_ruleset_is_mapped(&spectral, &to_ours);
    let docs = documents(&codes);
    assert!(docs.len() > 40, "too few documents: {docs:?}");
    let dir = Dir::new();
    let theirs = run_spectral(&spectral, &dir, &docs);
    let ours = run_specfirst(&dir, &docs, &codes);

    let mut problems = Vec::new();
    let mut diffs: Vec<(Side, &str, &str, u32)> = Vec::new();
    let empty = BTreeSet::new();
    for (name, file, line) in &theirs {
        if NOT_RULES.contains(&name.as_str()) {
            continue;
        }
        let Some(candidates) = to_ours.get(name.as_str()) else {
            problems.push(format!(
                "Spectral rule `{name}` (at {file}:{line}) is not in SPECTRAL_PARITY: map it, or list it in NOT_RULES"
            ));
            continue;
        };
        let file_level = FILE_LEVEL.contains(&name.as_str());
        let found = ours.iter().any(|(c, f, l)| {
            candidates.contains(c.as_str()) && f == file && (file_level || l == line)
        });
        let implied = IMPLIED.iter().any(|(rule, by, _)| {
            rule == name && theirs.contains(&((*by).to_owned(), file.clone(), *line))
        });
        if !found && !implied {
            diffs.push((OnlySpectral, name, file, if file_level { 0 } else { *line }));
        }
    }
    for (code, file, line) in &ours {
        let names = to_spectral.get(code.as_str()).unwrap_or(&empty);
        let found = theirs.iter().any(|(n, f, l)| {
            names.contains(n.as_str())
                && f == file
                && (FILE_LEVEL.contains(&n.as_str()) || l == line)
        });
        if !found {
            let file_level = names.iter().all(|n| FILE_LEVEL.contains(n));
            diffs.push((
                OnlySpecfirst,
                code,
                file,
                if file_level { 0 } else { *line },
            ));
        }
    }
    diffs.sort_unstable();
    diffs.dedup();

    let mut used = vec![false; KNOWN.len()];
    for (side, rule, file, line) in &diffs {
        let hit = KNOWN.iter().position(|k| {
            k.side == *side
                && k.rule == *rule
                && k.file == *file
                && k.line.is_none_or(|l| l == *line)
        });
        match hit {
            Some(i) => used[i] = true,
            None => {
                let what = match side {
                    OnlySpectral => "only Spectral reports",
                    OnlySpecfirst => "only specfirst reports",
                };
                let at = if *line == 0 {
                    (*file).to_owned()
                } else {
                    format!("{file}:{line}")
                };
                problems.push(format!("{what} `{rule}` at {at}"));
            }
        }
    }
    for (k, used) in KNOWN.iter().zip(&used) {
        if !used {
            problems.push(format!(
                "known difference no longer seen (remove it from KNOWN): {:?} `{}` at {}:{:?} ({})",
                k.side, k.rule, k.file, k.line, k.why
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "Spectral and specfirst differ on {} document(s) of specs/bad/ and the parity fixtures.\n\
         Fix the rule, or explain the difference in docs/spectral-mapping.md and add it to \
         KNOWN in tests/spectral_parity.rs:\n  {}\n",
        docs.len(),
        problems.join("\n  ")
    );
}
