//! The machine formats read by other tools: `--format sarif` (validated
//! against the SARIF 2.1.0 schema, vendored in tests/fixtures/ with its
//! provenance in tests/fixtures/README.md), `--format github` and
//! `--format junit`, each checked against what `--format json` reports.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{Dir, Run};

/// The entry document: a finding in a file name with a space, a warning, and
/// a path item `$ref`d from another file whose operationId repeats one here.
const ROOT: &str = r#"openapi: 3.1.0
info: {title: "Tëst ✓", version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200': {description: ok}
  /pets/{id}:
    $ref: 'sub/pet item.yaml'
  /owners:
    get:
      operationId: getOwner
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
components:
  schemas:
    Orphan: {type: string}
"#;

/// `$ref`d from ROOT: the duplicate operationId is reported here, with a
/// related location in ROOT.
const PET_ITEM: &str = r"get:
  operationId: listPets
  parameters:
    - {name: id, in: path, required: true, schema: {type: string}}
  responses:
    '200': {description: ok}
";

/// Non-ASCII before the findings on one line (columns count characters), and
/// XML/URI-special characters in a message.
const ODD: &str = r##"openapi: 3.1.0
info: {title: "Tëst ✓", version: "1"}
paths: {}
components: {schemas: {"Ünused <&> ✓": {type: string}, Zed: {$ref: "#/nope"}}}
"##;

const CLEAN: &str = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n";

const BROKEN: &str = "openapi: 3.1.0\ninfo: [unclosed\n";

/// The files linted by most tests, in the order the output lists them.
const LINTED: [&str; 4] = ["api spec.yaml", "broken.yaml", "clean.yaml", "odd.yaml"];

/// The files, with only the correctness rules on (the tests compare formats
/// finding by finding, not what the REST-guideline rules find).
fn fixture() -> Dir {
    let dir = Dir::new().correctness_only();
    dir.write("api spec.yaml", ROOT);
    dir.write("sub/pet item.yaml", PET_ITEM);
    dir.write("odd.yaml", ODD);
    dir.write("clean.yaml", CLEAN);
    dir.write("broken.yaml", BROKEN);
    dir
}

fn lint(dir: &Dir, format: &str, extra: &[&str]) -> Run {
    let mut args = vec!["lint", "--format", format];
    args.extend_from_slice(extra);
    args.extend_from_slice(&LINTED);
    let r = dir.run(&args);
    assert_eq!(r.code, 1, "{format}: {}{}", r.stdout, r.stderr);
    r
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The schema violations of `log`, one per line.
fn sarif_errors(log: &Value) -> Vec<String> {
    let schema = parse(include_str!("fixtures/sarif-2.1.0.json"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the vendored SARIF schema does not compile: {e}"));
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Panics with every schema violation when `log` is not valid SARIF 2.1.0.
fn assert_valid_sarif(log: &Value) {
    let errors = sarif_errors(log);
    assert!(
        errors.is_empty(),
        "SARIF output violates the 2.1.0 schema:\n{}\n\n{log:#}",
        errors.join("\n")
    );
}

/// The same path as a relative SARIF URI (what `--format sarif` must print).
fn uri(name: &str) -> String {
    name.replace(' ', "%20")
}

/// The `(rule, file, line, col, end line, end col)` of every finding of
/// `--format json`.
fn json_findings(dir: &Dir) -> Vec<(String, String, u64, u64, u64, u64)> {
    let v = parse(&lint(dir, "json", &[]).stdout);
    let s = |d: &Value, k: &str| d[k].as_str().unwrap_or_default().to_owned();
    let n = |d: &Value| d.as_u64().unwrap_or_default();
    v["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics: {v}"))
        .iter()
        .map(|d| {
            let (line, col) = (n(&d["line"]), n(&d["col"]));
            let (end_line, end_col) = (n(&d["end"]["line"]), n(&d["end"]["col"]));
            (s(d, "rule"), s(d, "file"), line, col, end_line, end_col)
        })
        .collect()
}

fn is_stable_code(code: &str) -> bool {
    code.split_once('-').is_some_and(|(prefix, number)| {
        !prefix.is_empty()
            && prefix.bytes().all(|b| b.is_ascii_uppercase())
            && number.len() == 3
            && number.bytes().all(|b| b.is_ascii_digit())
    })
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let dir = fixture();
    let log = parse(&lint(&dir, "sarif", &[]).stdout);
    assert_valid_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().map(Vec::len), Some(1));

    // The schema does reject what is not SARIF.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    bad["runs"][0]["tool"]["driver"]["rules"][0]["unknown"] = true.into();
    assert_eq!(sarif_errors(&bad).len(), 3, "{:#?}", sarif_errors(&bad));

    // A clean run is valid too, with an empty result list.
    let clean = dir.run(&["lint", "--format", "sarif", "clean.yaml"]);
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
    let clean = parse(&clean.stdout);
    assert_valid_sarif(&clean);
    assert_eq!(clean["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn sarif_results_agree_with_json_output() {
    let dir = fixture();
    let log = parse(&lint(&dir, "sarif", &[]).stdout);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap_or_else(|| panic!("no rules: {run}"));
    let results = run["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results: {run}"));

    // Every rule has a stable code, once.
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), rules.len());
    assert!(ids.iter().all(|id| is_stable_code(id)), "{ids:?}");
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "{ids:?}"
    );

    let expected = json_findings(&dir);
    assert_eq!(results.len(), expected.len(), "{run:#}");
    let mut codes = BTreeSet::new();
    for (result, (rule, file, line, col, end_line, end_col)) in results.iter().zip(&expected) {
        let id = result["ruleId"].as_str().unwrap_or_default();
        assert_eq!(id, rule, "{result:#}");
        assert!(is_stable_code(id), "{id}");
        codes.insert(id.to_owned());
        let index = result["ruleIndex"]
            .as_u64()
            .unwrap_or_else(|| panic!("no ruleIndex: {result:#}"));
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        assert_eq!(rules.get(index).map(|r| &r["id"]), Some(&result["ruleId"]));

        let fingerprints = result["partialFingerprints"]
            .as_object()
            .unwrap_or_else(|| panic!("no partialFingerprints: {result:#}"));
        assert!(
            !fingerprints.is_empty()
                && fingerprints
                    .values()
                    .all(|f| f.as_str().is_some_and(|f| !f.is_empty())),
            "{result:#}"
        );

        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], uri(file).as_str());
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        let got = |k: &str| region[k].as_u64().unwrap_or_default();
        assert_eq!(
            (
                got("startLine"),
                got("startColumn"),
                got("endLine"),
                got("endColumn")
            ),
            (*line, *col, *end_line, *end_col),
            "{file}: {result:#}"
        );
    }
    // The fixture covers loader checks and rules, errors and warnings.
    for code in ["LOAD-002", "OAS-001", "OAS-002", "OAS-005", "OAS-008"] {
        assert!(codes.contains(code), "no {code} in {codes:?}");
    }
    let levels: BTreeSet<&str> = results.iter().filter_map(|r| r["level"].as_str()).collect();
    assert_eq!(levels, BTreeSet::from(["error", "warning"]));

    // The duplicate operationId is reported in the `$ref`d file, with the
    // first use as a related location in the entry document.
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "OAS-005")
        .unwrap_or_else(|| panic!("no OAS-005: {run:#}"));
    let here = &duplicate["locations"][0]["physicalLocation"];
    assert_eq!(here["artifactLocation"]["uri"], "sub/pet%20item.yaml");
    assert_eq!(here["region"]["startLine"], 2);
    let related = &duplicate["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "api%20spec.yaml"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 6);
    assert_eq!(related["physicalLocation"]["region"]["startColumn"], 20);
    assert_eq!(related["message"]["text"], "first used here");
}

#[test]
fn sarif_fingerprints_do_not_change_when_findings_move() {
    let dir = fixture();
    let fingerprints = |dir: &Dir| -> (Vec<String>, Vec<u64>) {
        let log = parse(&lint(dir, "sarif", &[]).stdout);
        let results = log["runs"][0]["results"].as_array().cloned();
        let results = results.unwrap_or_default();
        let prints = results
            .iter()
            .map(|r| r["partialFingerprints"].to_string())
            .collect();
        let lines = results
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap_or_default()
            })
            .collect();
        (prints, lines)
    };
    let (before, lines_before) = fingerprints(&dir);
    let distinct: BTreeSet<&String> = before.iter().collect();
    assert_eq!(
        distinct.len(),
        before.len(),
        "fingerprints collide: {before:?}"
    );
    dir.write("api spec.yaml", format!("# moved down\n\n{ROOT}"));
    dir.write("odd.yaml", format!("# moved down\n{ODD}"));
    let (after, lines_after) = fingerprints(&dir);
    assert_ne!(lines_before, lines_after);
    assert_eq!(before, after);
}

#[test]
fn sarif_uses_file_uris_outside_the_working_directory() {
    let dir = fixture();
    let r = crate::util::run_in(
        &dir.path().join("sub"),
        &["lint", "--format", "sarif", "../api spec.yaml"],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let log = parse(&r.stdout);
    assert_valid_sarif(&log);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    let uri = location["artifactLocation"]["uri"]
        .as_str()
        .unwrap_or_default();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/api%20spec.yaml"),
        "{location:#}"
    );
    assert!(location["artifactLocation"].get("uriBaseId").is_none());
}

#[test]
fn github_annotations_match_json_output() {
    let dir = fixture();
    let r = lint(&dir, "github", &[]);
    let mut lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines.pop(),
        Some("5 errors, 3 warnings, 0 infos in 4 files")
    );
    let expected = json_findings(&dir);
    assert_eq!(lines.len(), expected.len(), "{}", r.stdout);
    for (line, (rule, file, l, c, el, ec)) in lines.iter().zip(&expected) {
        // ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE (name)::message
        let rest = line
            .strip_prefix("::")
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (head, message) = rest
            .split_once("::")
            .unwrap_or_else(|| panic!("no message: {line}"));
        let (command, properties) = head
            .split_once(' ')
            .unwrap_or_else(|| panic!("no properties: {line}"));
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        let properties: Vec<(&str, &str)> = properties
            .split(',')
            .map(|p| p.split_once('=').unwrap_or_else(|| panic!("{p} in {line}")))
            .collect();
        let keys: Vec<&str> = properties.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"],
            "{line}"
        );
        let value = |k: &str| {
            properties
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| *v)
        };
        assert_eq!(value("file"), Some(file.as_str()), "{line}");
        let numbers = [l, c, el, ec].map(u64::to_string);
        let got = ["line", "col", "endLine", "endColumn"].map(|k| value(k).unwrap_or_default());
        assert_eq!(got, numbers.each_ref().map(String::as_str), "{line}");
        let title = value("title").unwrap_or_default();
        assert!(title.starts_with(&format!("{rule} (")), "{line}");
        // A message stays on one line; its help line is an escaped newline.
        assert!(!message.is_empty() && !message.contains('\r'), "{line}");
        if ["OAS-002", "OAS-005", "OAS-008"].contains(&rule.as_str()) {
            assert!(message.contains("%0Ahelp: "), "{line}");
        }
    }
    assert!(lines.iter().any(|l| l.starts_with("::warning ")));
}

#[test]
fn junit_is_well_formed_with_one_test_case_per_file() {
    let dir = fixture();
    let r = lint(&dir, "junit", &[]);
    let doc = roxmltree::Document::parse(&r.stdout)
        .unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{}", r.stdout));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let cases: Vec<roxmltree::Node> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
    // Every linted file, then the `$ref`d file that has a finding.
    assert_eq!(
        names,
        [LINTED.as_slice(), &["sub/pet item.yaml"]].concat(),
        "{}",
        r.stdout
    );
    let failed: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .filter_map(|c| c.attribute("name"))
        .collect();
    assert_eq!(
        failed,
        [
            "api spec.yaml",
            "broken.yaml",
            "odd.yaml",
            "sub/pet item.yaml"
        ]
    );
    for suite in [root]
        .into_iter()
        .chain(root.children().filter(|n| n.has_tag_name("testsuite")))
    {
        assert_eq!(suite.attribute("tests"), Some("5"), "{}", r.stdout);
        assert_eq!(suite.attribute("failures"), Some("4"), "{}", r.stdout);
    }

    // Each error is listed in its file's failure; warnings are not failures
    // at the default `--fail-on error`.
    let failure_text = |name: &str| -> String {
        cases
            .iter()
            .filter(|c| c.attribute("name") == Some(name))
            .flat_map(|c| c.children().filter(|n| n.has_tag_name("failure")))
            .map(|f| {
                assert!(f.attribute("message").is_some_and(|m| !m.is_empty()));
                f.text().unwrap_or_default().to_owned()
            })
            .collect()
    };
    for (rule, file, line, col, _, _) in json_findings(&dir) {
        let listed = failure_text(&file).contains(&format!("{file}:{line}:{col}: error [{rule}]"));
        assert_eq!(
            listed,
            rule != "OAS-008",
            "{rule} at {file}:{line}:{col}\n{}",
            r.stdout
        );
    }
    // Special characters survive the round trip through XML.
    assert!(
        failure_text("odd.yaml").contains("Ünused <&> ✓"),
        "{}",
        r.stdout
    );

    // With `--fail-on warning` the unused component fails its file too.
    let r = lint(&dir, "junit", &["--fail-on", "warning"]);
    let doc = roxmltree::Document::parse(&r.stdout)
        .unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{}", r.stdout));
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .any(|f| f.text().is_some_and(|t| t.contains("warning [OAS-008]"))),
        "{}",
        r.stdout
    );
}
