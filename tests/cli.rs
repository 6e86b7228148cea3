//! The `lint`, `rules` and `rule` commands: exit codes, formats, discovery.

use crate::util::{Dir, run};

const CLEAN: &str = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n";

#[test]
fn bundled_example_lints_clean() {
    let r = run(&["lint", "specs/bookstore.yaml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "no problems found in 1 file\n");
}

#[test]
fn exit_codes() {
    let dir = Dir::new().correctness_only();
    dir.write("clean.yaml", CLEAN);
    dir.write("bad.yaml", "openapi: 3.1.0\ninfo: {title: T}\npaths: {}\n");
    assert_eq!(dir.run(&["lint", "clean.yaml"]).code, 0);
    let bad = dir.run(&["lint", "bad.yaml"]);
    assert_eq!(bad.code, 1, "{}", bad.stdout);
    assert!(bad.stdout.contains("bad.yaml:2:1"), "{}", bad.stdout);
    assert!(
        bad.stdout.contains("`info.version` is required"),
        "{}",
        bad.stdout
    );
    assert!(
        bad.stdout
            .ends_with("1 error, 0 warnings, 0 infos in 1 file\n"),
        "{}",
        bad.stdout
    );
    assert_eq!(dir.run(&["lint", "--fail-on", "never", "bad.yaml"]).code, 0);
    let missing = dir.run(&["lint", "missing.yaml"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read `missing.yaml`"),
        "{}",
        missing.stderr
    );
    assert_eq!(dir.run(&["lint", "--format", "nope", "clean.yaml"]).code, 2);
}

#[test]
fn warnings_fail_only_when_asked() {
    let dir = Dir::new();
    dir.write(
        "api.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Orphan: {type: string}\n",
    );
    assert_eq!(dir.run(&["lint", "api.yaml"]).code, 0);
    let r = dir.run(&["lint", "--fail-on", "warning", "api.yaml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("warning[OAS-008]: `components.schemas.Orphan` is never used"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("api.yaml:6:5"), "{}", r.stdout);
}

#[test]
fn json_output_is_stable() {
    let dir = Dir::new().correctness_only();
    dir.write("bad.yaml", "openapi: 3.1.0\ninfo: {title: T}\npaths: {}\n");
    let r = dir.run(&["lint", "--format", "json", "bad.yaml"]);
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    let d = &v["diagnostics"][0];
    assert_eq!(v["version"], 1);
    assert_eq!(d["rule"], "OAS-001");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "bad.yaml");
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(2), Some(1)));
    assert_eq!(d["pointer"], "/info");
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn directories_are_searched_for_entry_documents_only() {
    let dir = Dir::new().correctness_only();
    dir.write("api/a.yaml", CLEAN);
    dir.write(
        "api/b.json",
        r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}"#,
    );
    dir.write("api/schemas/pet.yaml", "type: object\n");
    let r = dir.run(&["lint", "api"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "no problems found in 2 files\n");
    let g = dir.run(&["lint", "api/*.yaml"]);
    assert_eq!(g.stdout, "no problems found in 1 file\n");
}

#[test]
fn multi_file_findings_point_into_the_referenced_file() {
    let dir = Dir::new();
    dir.write(
        "api.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /pets:\n    $ref: 'paths/pets.yaml'\n",
    );
    dir.write(
        "paths/pets.yaml",
        "get:\n  operationId: listPets\n  responses:\n    '200':\n      $ref: '../responses.yaml#/Missing'\n",
    );
    dir.write("responses.yaml", "Ok: {description: ok}\n");
    let r = dir.run(&["lint", "api.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let expected = format!("paths{}pets.yaml:5:13", std::path::MAIN_SEPARATOR);
    assert!(r.stdout.contains(&expected), "{}", r.stdout);
    assert!(
        r.stdout.contains("has nothing at `/Missing`"),
        "{}",
        r.stdout
    );
}

#[test]
fn refs_outside_the_project_are_refused_unless_allowed() {
    let dir = Dir::new();
    dir.write("secret.yaml", "Token: {type: string}\n");
    dir.write(
        "project/api.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    T: {$ref: '../secret.yaml#/Token'}\n",
    );
    let r = dir.run(&["lint", "project/api.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("error[OAS-004]"), "{}", r.stdout);
    let allowed = dir.run(&["lint", "--allow-external-refs", "project/api.yaml"]);
    assert!(!allowed.stdout.contains("OAS-004"), "{}", allowed.stdout);
}

#[test]
fn config_is_found_upward_and_validated() {
    let dir = Dir::new();
    dir.write(".specfirst.yaml", "rules:\n  OAS-001: warning\n");
    dir.write(
        "specs/bad.yaml",
        "openapi: 3.1.0\ninfo: {title: T}\npaths: {}\n",
    );
    let r = dir.run(&["lint", "specs/bad.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("warning[OAS-001]"), "{}", r.stdout);

    dir.write(
        ".specfirst.yaml",
        "rules:\n  OAS-01: off\npagination: pages\n",
    );
    let r = dir.run(&["lint", "specs/bad.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.contains(".specfirst.yaml:2:3"), "{}", r.stdout);
    assert!(r.stdout.contains("unknown rule `OAS-01`"), "{}", r.stdout);
    assert!(r.stdout.contains(".specfirst.yaml:3:13"), "{}", r.stdout);
}

#[test]
fn inline_suppression() {
    let dir = Dir::new().correctness_only();
    dir.write(
        "api.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Orphan:\n      type: string\n      x-specfirst-ignore: [OAS-008]\n",
    );
    let r = dir.run(&["lint", "--fail-on", "warning", "api.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn rules_and_rule() {
    let r = run(&["rules"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("OAS-005      duplicate-operation-id"),
        "{}",
        r.stdout
    );
    // The whole rulebook: runtime rules are listed as enforced by generated code.
    let runtime = r
        .stdout
        .split("enforced by generated code")
        .nth(1)
        .unwrap_or_default();
    assert!(
        runtime.contains("HEADER-005   Every response carries Date (§3.1)"),
        "{}",
        r.stdout
    );
    let r = run(&["rule", "OAS-005"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("# duplicate-operation-id (OAS-005)\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("## Why is this bad?"), "{}", r.stdout);
    let r = run(&["rule", "OAS-05"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `OAS-005`?"), "{}", r.stderr);
    let r = run(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}"));
    let items = v.as_array().map_or(&[][..], Vec::as_slice);
    assert!(items.len() >= 170, "{}", items.len());
    assert!(
        items
            .iter()
            .any(|i| i["code"] == "LINK-007" && i["kind"] == "runtime"),
        "{}",
        r.stdout
    );
}

#[test]
fn init_writes_a_config_that_lint_accepts_and_never_overwrites() {
    let dir = Dir::new();
    let r = dir.run(&["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("wrote"), "{}", r.stderr);
    let written = std::fs::read_to_string(dir.path().join(".specfirst.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(written.contains("maxLimit: 200"), "{written}");
    assert!(written.contains("extends: [recommended]"), "{written}");
    // The file is a valid configuration that changes nothing.
    dir.write("api.yaml", CLEAN);
    let lint = dir.run(&["lint", "api.yaml"]);
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    // A second run refuses to replace the user's file, unless forced.
    std::fs::write(dir.path().join(".specfirst.yaml"), "maxLimit: 50\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let again = dir.run(&["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let kept = std::fs::read_to_string(dir.path().join(".specfirst.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept, "maxLimit: 50\n");
    assert_eq!(dir.run(&["init", "--force"]).code, 0);
    let printed = dir.run(&["init", "--stdout"]);
    assert_eq!(printed.code, 0);
    assert_eq!(printed.stdout, written);
    assert_eq!(dir.run(&["init", "no-such-dir"]).code, 2);
}

#[test]
fn profiles_choose_the_rules() {
    let doc = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /pets/:\n    get:\n      responses:\n        '200': {description: ok}\n";
    let codes = |config: Option<&str>| {
        let dir = Dir::new();
        dir.write("api.yaml", doc);
        if let Some(c) = config {
            dir.write(".specfirst.yaml", c);
        }
        let r = dir.run(&["lint", "--format", "json", "--fail-on", "never", "api.yaml"]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        let v: serde_json::Value =
            serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}"));
        let mut codes: Vec<String> = v["diagnostics"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|d| d["rule"].as_str().unwrap_or_default().to_owned())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    let has = |codes: &[String], code: &str| codes.iter().any(|c| c == code);
    // recommended (the default): the rulebook's rule and Spectral's both fire;
    // Spectral's non-recommended `info-license` (OAS-016) does not.
    let default = codes(None);
    assert!(
        has(&default, "URI-003") && has(&default, "OAS-044"),
        "{default:?}"
    );
    assert!(!has(&default, "OAS-016"), "{default:?}");
    assert_eq!(codes(Some("extends: [recommended]\n")), default);
    // spectral: only the parity rules, the non-recommended ones included.
    let spectral = codes(Some("extends: [spectral]\n"));
    assert!(
        has(&spectral, "OAS-044") && has(&spectral, "OAS-016"),
        "{spectral:?}"
    );
    assert!(
        !spectral.iter().any(|c| c.starts_with("URI-")),
        "{spectral:?}"
    );
    // all: everything; `rules:` still overrides.
    let all = codes(Some("extends: [all]\nrules:\n  URI-003: off\n"));
    assert!(has(&all, "OAS-016") && has(&all, "OAS-044"), "{all:?}");
    assert!(!has(&all, "URI-003"), "{all:?}");
    // An unknown profile is a configuration error.
    let dir = Dir::new();
    dir.write("api.yaml", doc);
    dir.write(".specfirst.yaml", "extends: [strict]\n");
    let r = dir.run(&["lint", "api.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout.contains("unknown profile `strict`"),
        "{}",
        r.stdout
    );
}
