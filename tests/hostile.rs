//! Hostile input never crashes or hangs.
//!
//! One test per document of `specs/hostile/` (its README lists what each one
//! must give), and one per generated case too big to commit (100 MB files,
//! 10,000-deep nesting, a 1 MB line), written into a temporary directory.
//! Every run uses the real binary with `--format json` and checks the exit
//! code (never a panic or a signal), the exact findings with their line,
//! column and the source text of their range, and the wall time.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{Dir, Run, bin, correctness_only_config, repo};

/// No run may take longer than this (a debug build on a 2-core CI machine;
/// the slowest case, 100 MB of YAML, takes about 3 s on a laptop).
const BOUND: Duration = Duration::from_secs(20);

/// A finding as compared here: code, file, line, column and the source text
/// of its byte range (lossy UTF-8, empty for an empty range).
type Found = (String, String, u64, u64, String);

/// The expected finding `code` in `file` at `line:col` over `text`.
fn d(code: &str, file: &str, line: u64, col: u64, text: &str) -> Found {
    (code.to_owned(), file.to_owned(), line, col, text.to_owned())
}

/// A file of `specs/hostile/`, as the binary names it when run from the repository.
fn h(name: &str) -> String {
    format!("specs/hostile/{name}")
}

/// Runs `specfirst args` in `dir`; fails on a crash, and kills the run and
/// fails when it takes longer than [`BOUND`].
fn run_bounded(dir: &Path, args: &[&str]) -> (Run, Duration) {
    let start = Instant::now();
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run specfirst: {e}"));
    // Drain both pipes while waiting, so a large output cannot block the child.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > BOUND => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("specfirst {args:?} did not finish within {BOUND:?}");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => panic!("waiting for specfirst: {e}"),
        }
    };
    let elapsed = start.elapsed();
    let r = Run {
        // A signal (e.g. a stack overflow) has no code: report it as -1.
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    };
    assert!(
        r.code != 101 && r.code != -1 && !r.stderr.contains("panicked"),
        "specfirst {args:?} crashed (exit {}):\n{}",
        r.code,
        r.stderr
    );
    (r, elapsed)
}

/// One `specfirst lint --format json` run.
struct Lint {
    code: i32,
    stderr: String,
    output: Value,
    dir: PathBuf,
    elapsed: Duration,
}

impl Lint {
    fn diagnostics(&self) -> &[Value] {
        self.output["diagnostics"]
            .as_array()
            .map_or(&[], Vec::as_slice)
    }

    /// Every finding with the text of its range, in output order.
    fn found(&self) -> Vec<Found> {
        let mut files: HashMap<String, Vec<u8>> = HashMap::new();
        self.diagnostics()
            .iter()
            .map(|v| {
                let file = v["file"].as_str().unwrap_or_default().replace('\\', "/");
                let (start, end) = (v["range"]["start"].as_u64(), v["range"]["end"].as_u64());
                let (start, end) = (start.unwrap_or(0) as usize, end.unwrap_or(0) as usize);
                let text = if start == end {
                    String::new()
                } else {
                    let bytes = files
                        .entry(file.clone())
                        .or_insert_with(|| std::fs::read(self.dir.join(&file)).unwrap_or_default());
                    String::from_utf8_lossy(bytes.get(start..end).unwrap_or_default()).into_owned()
                };
                (
                    v["rule"].as_str().unwrap_or_default().to_owned(),
                    file,
                    v["line"].as_u64().unwrap_or(0),
                    v["col"].as_u64().unwrap_or(0),
                    text,
                )
            })
            .collect()
    }

    /// Asserts the exit code and exactly these findings.
    #[track_caller]
    fn expect(&self, code: i32, expected: &[Found]) {
        let found = self.found();
        assert_eq!(
            (self.code, found.as_slice()),
            (code, expected),
            "stderr: {}",
            self.stderr
        );
    }

    fn message(&self, i: usize) -> &str {
        self.diagnostics()[i]["message"]
            .as_str()
            .unwrap_or_default()
    }
}

/// `specfirst lint --format json args…` in `dir`, with only the correctness
/// rules on (unless `args` name a configuration).
fn lint_in(dir: &Path, args: &[&str]) -> Lint {
    let config = correctness_only_config().to_string_lossy().into_owned();
    let mut all = vec!["lint", "--format", "json"];
    if !args.contains(&"--config") && !dir.join(".specfirst.yaml").exists() {
        all.extend(["--config", config.as_str()]);
    }
    all.extend_from_slice(args);
    let (r, elapsed) = run_bounded(dir, &all);
    let output: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("specfirst {all:?}: {e}\n{}\n{}", r.stdout, r.stderr));
    Lint {
        code: r.code,
        stderr: r.stderr,
        output,
        dir: dir.to_path_buf(),
        elapsed,
    }
}

/// `specfirst lint --format json args…` in the repository.
fn lint(args: &[&str]) -> Lint {
    lint_in(&repo(), args)
}

// ---------------------------------------------------------------------------
// Resource limits

#[test]
fn alias_bomb() {
    // Stops at the first alias past a million copied nodes, before expanding it.
    let r = lint(&[&h("alias-bomb.yaml")]);
    r.expect(1, &[d("LOAD-004", &h("alias-bomb.yaml"), 13, 10, "*f")]);
    assert!(r.message(0).contains("alias bomb"), "{}", r.message(0));
}

#[test]
fn nesting_10000_deep_json() {
    let dir = Dir::new();
    dir.write(
        "arrays.json",
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    dir.write(
        "objects.json",
        format!("{}1{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000)),
    );
    // Refused at the 257th container, where it starts.
    lint_in(dir.path(), &["arrays.json"]).expect(1, &[d("LOAD-004", "arrays.json", 1, 257, "[")]);
    lint_in(dir.path(), &["objects.json"])
        .expect(1, &[d("LOAD-004", "objects.json", 1, 256 * 5 + 1, "{")]);
}

#[test]
fn nesting_10000_deep_yaml() {
    let dir = Dir::new();
    dir.write(
        "flow.yaml",
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    dir.write("block.yaml", format!("{}x\n", "- ".repeat(10_000)));
    // Indented block mappings grow quadratically: 1,000 levels is 500 KB.
    let mapping: String = (0..1_000)
        .map(|i| format!("{}a:\n", " ".repeat(i)))
        .collect();
    dir.write("mapping.yaml", mapping);
    // saphyr allows 255 flow levels, one fewer than the limit.
    let r = lint_in(dir.path(), &["flow.yaml"]);
    r.expect(1, &[d("LOAD-004", "flow.yaml", 1, 256, "[")]);
    lint_in(dir.path(), &["block.yaml"]).expect(1, &[d("LOAD-004", "block.yaml", 1, 513, "-")]);
    lint_in(dir.path(), &["mapping.yaml"])
        .expect(1, &[d("LOAD-004", "mapping.yaml", 257, 257, "a")]);
}

/// An OpenAPI document in JSON whose deepest container is at `depth`
/// (the root object is at depth 1), made of nested schemas.
fn nested_json(depth: usize) -> String {
    // root, paths, /deep, get, responses, 200, content, application/json:
    // the response schema is at depth 9.
    let mut text = String::from(
        r#"{"openapi":"3.1.0","info":{"title":"Deep","version":"1"},"paths":{"/deep":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":"#,
    );
    let (levels, inner) = if (depth - 9).is_multiple_of(2) {
        ((depth - 9) / 2, r#"{"type":"string"}"#)
    } else {
        (
            (depth - 10) / 2,
            r#"{"type":"array","items":{"type":"string"}}"#,
        )
    };
    text.push_str(&r#"{"type":"object","properties":{"a":"#.repeat(levels));
    text.push_str(inner);
    text.push_str(&"}}".repeat(levels));
    text.push_str(&"}".repeat(8));
    text
}

#[test]
fn nesting_200_deep_lints() {
    lint(&[&h("nesting-200.yaml")]).expect(0, &[]);
}

#[test]
fn nesting_limit_is_256() {
    let dir = Dir::new();
    dir.write("256.json", nested_json(256));
    let deeper = nested_json(257);
    let at = deeper.rfind(r#"{"type":"string"}"#).unwrap_or_default();
    dir.write("257.json", &deeper);
    lint_in(dir.path(), &["256.json"]).expect(0, &[]);
    lint_in(dir.path(), &["257.json"])
        .expect(1, &[d("LOAD-004", "257.json", 1, at as u64 + 1, "{")]);
}

/// About 100 MB of plausible YAML: 12,500 operations and schemas with long
/// descriptions, every one referenced, nothing to report.
fn big_yaml() -> String {
    let prose = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "
        .repeat(20);
    let line = &prose[..1600];
    let count = 12_500;
    let mut s = String::with_capacity(110 << 20);
    s.push_str("openapi: 3.1.0\ninfo: {title: Big, version: '1'}\npaths:\n");
    for i in 0..count {
        s.push_str(&format!(
            "  /things{i}/{{id}}:\n    get:\n      operationId: getThing{i}\n      description: >-\n        {line}\n        {line}\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200':\n          description: {line}\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Thing{i}'}}\n"
        ));
    }
    s.push_str("components:\n  schemas:\n");
    for i in 0..count {
        s.push_str(&format!(
            "    Thing{i}:\n      type: object\n      description: |\n        {line}\n        {line}\n      properties:\n        id: {{type: string}}\n        count: {{type: integer, minimum: 0, example: 3}}\n"
        ));
    }
    s
}

#[test]
fn file_of_100_mb() {
    let dir = Dir::new();
    let text = big_yaml();
    assert!(text.len() > 100_000_000, "{}", text.len());
    dir.write("big.yaml", text);
    // Under the default limit (256 MiB) it lints like any other document.
    let r = lint_in(dir.path(), &["big.yaml"]);
    r.expect(0, &[]);
    // Over `--max-file-size` it is refused before it is read.
    let r = lint_in(dir.path(), &["--max-file-size", "1000000", "big.yaml"]);
    r.expect(1, &[d("LOAD-004", "big.yaml", 1, 1, "")]);
    assert!(
        r.message(0).contains("over the limit of 1000000 bytes"),
        "{}",
        r.message(0)
    );
    assert!(r.elapsed < Duration::from_secs(2), "{:?}", r.elapsed);
}

#[test]
fn many_duplicate_keys() {
    // 100,000 keys, then each again: each duplicate is reported, pointing
    // back at its first occurrence (finding that occurrence by scanning the
    // keys took 34 s here; now about 1 s).
    let dir = Dir::new();
    let n = 100_000;
    let keys: String = (0..n).map(|i| format!("  k{i}: 1\n")).collect();
    dir.write(
        "dups.yaml",
        format!(
            "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths: {{}}\nx-dups:\n{keys}{keys}"
        ),
    );
    let members: Vec<String> = (0..n).map(|i| format!("  \"k{i}\": 1")).collect();
    let members = members.join(",\n");
    dir.write(
        "dups.json",
        format!("{{\"openapi\": \"3.1.0\", \"info\": {{\"title\": \"T\", \"version\": \"1\"}}, \"paths\": {{}}, \"x-dups\": {{\n{members},\n{members}\n}}}}\n"),
    );
    let r = lint_in(dir.path(), &["dups.yaml"]);
    let found = r.found();
    assert_eq!((r.code, found.len()), (1, n));
    assert_eq!(
        found[0],
        d("LOAD-003", "dups.yaml", 4 + n as u64 + 1, 3, "k0")
    );
    assert_eq!(
        found[n - 1],
        d("LOAD-003", "dups.yaml", 4 + 2 * n as u64, 3, "k99999")
    );
    let r = lint_in(dir.path(), &["dups.json"]);
    let found = r.found();
    assert_eq!((r.code, found.len()), (1, n));
    assert_eq!(
        found[0],
        d("LOAD-003", "dups.json", n as u64 + 2, 3, "\"k0\"")
    );
    assert_eq!(
        found[n - 1],
        d("LOAD-003", "dups.json", 2 * n as u64 + 1, 3, "\"k99999\"")
    );
}

#[test]
fn wide_components() {
    // 200,000 schemas, each used once: asking where each target is used to
    // scan `components/schemas` member by member (35 s here; now about 2 s).
    let dir = Dir::new();
    let n = 200_000;
    let props: Vec<String> = (0..n)
        .map(|i| format!(r##""s{i}":{{"$ref":"#/components/schemas/S{i}"}}"##))
        .collect();
    let schemas: Vec<String> = (0..n)
        .map(|i| format!(r#""S{i}":{{"type":"string"}}"#))
        .collect();
    dir.write(
        "wide.json",
        format!(
            r#"{{"openapi":"3.1.0","info":{{"title":"T","version":"1"}},"paths":{{"/x":{{"get":{{"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"type":"object","properties":{{{}}}}}}}}}}}}}}}}}}},
"components":{{"schemas":{{
{}}}}}}}
"#,
            props.join(","),
            schemas.join(",\n")
        ),
    );
    lint_in(dir.path(), &["wide.json"]).expect(0, &[]);
}

// ---------------------------------------------------------------------------
// Malformed files

#[test]
fn duplicate_keys_yaml() {
    lint(&[&h("duplicate-keys.yaml")]).expect(
        1,
        &[d("LOAD-003", &h("duplicate-keys.yaml"), 5, 3, "title")],
    );
}

#[test]
fn duplicate_keys_json() {
    lint(&[&h("duplicate-keys.json")]).expect(
        1,
        &[d("LOAD-003", &h("duplicate-keys.json"), 5, 3, "\"paths\"")],
    );
}

#[test]
fn invalid_utf8() {
    // A named file that cannot be read as text is an I/O error: exit 2.
    let r = lint(&[&h("invalid-utf8.yaml")]);
    r.expect(
        2,
        &[d("LOAD-001", &h("invalid-utf8.yaml"), 3, 14, "\u{fffd}")],
    );
    let range = &r.diagnostics()[0]["range"];
    assert_eq!(
        (range["start"].as_u64(), range["end"].as_u64()),
        (Some(34), Some(35))
    );
    assert!(
        r.message(0).contains("invalid byte at offset 34"),
        "{}",
        r.message(0)
    );
    let bytes = std::fs::read(repo().join(h("invalid-utf8.yaml"))).unwrap_or_default();
    assert_eq!(bytes.get(34), Some(&0xe9));
}

#[test]
fn ref_to_invalid_utf8() {
    // The same file reached through a `$ref` is a finding, not an I/O error.
    lint(&[&h("ref-invalid-utf8.yaml")]).expect(
        1,
        &[
            d("LOAD-001", &h("invalid-utf8.yaml"), 3, 14, "\u{fffd}"),
            d("OAS-008", &h("ref-invalid-utf8.yaml"), 6, 5, "Latin1"),
            d(
                "OAS-002",
                &h("ref-invalid-utf8.yaml"),
                6,
                20,
                "'invalid-utf8.yaml#/info'",
            ),
        ],
    );
}

#[test]
fn scalar_yaml() {
    lint(&[&h("scalar.yaml")]).expect(
        1,
        &[d("LOAD-005", &h("scalar.yaml"), 1, 1, "just a scalar")],
    );
}

#[test]
fn scalar_json() {
    lint(&[&h("scalar.json")]).expect(
        1,
        &[d("LOAD-005", &h("scalar.json"), 1, 1, "\"just a string\"")],
    );
}

#[test]
fn list_json() {
    let r = lint(&[&h("list.json")]);
    r.expect(1, &[d("LOAD-005", &h("list.json"), 1, 1, "[1, 2]")]);
    assert!(r.message(0).contains("is a list"), "{}", r.message(0));
}

#[test]
fn empty_yaml() {
    let r = lint(&[&h("empty.yaml")]);
    r.expect(1, &[d("LOAD-005", &h("empty.yaml"), 1, 1, "")]);
    assert!(r.message(0).contains("is empty"), "{}", r.message(0));
}

#[test]
fn comment_only_yaml() {
    lint(&[&h("comment-only.yaml")]).expect(1, &[d("LOAD-005", &h("comment-only.yaml"), 1, 1, "")]);
}

#[test]
fn empty_json() {
    // An empty file is not JSON at all.
    let r = lint(&[&h("empty.json")]);
    r.expect(1, &[d("LOAD-002", &h("empty.json"), 1, 1, "")]);
    assert!(
        r.message(0).contains("found end of file"),
        "{}",
        r.message(0)
    );
}

#[test]
fn broken_yaml() {
    lint(&[&h("broken.yaml")]).expect(1, &[d("LOAD-002", &h("broken.yaml"), 5, 2, "p")]);
}

#[test]
fn broken_json() {
    let r = lint(&[&h("broken.json")]);
    r.expect(1, &[d("LOAD-002", &h("broken.json"), 5, 1, "}")]);
    assert!(
        r.message(0).contains("expected a string key"),
        "{}",
        r.message(0)
    );
}

#[test]
fn second_document() {
    // Only the first document is read; the broken second one is never parsed.
    let r = lint(&[&h("second-document.yaml")]);
    r.expect(0, &[d("LOAD-009", &h("second-document.yaml"), 4, 1, "---")]);
    let strict = lint(&["--fail-on", "warning", &h("second-document.yaml")]);
    assert_eq!(strict.code, 1);
}

// ---------------------------------------------------------------------------
// Versions

#[test]
fn swagger_2() {
    // One clear diagnostic and nothing else: a Swagger file is not linted.
    let r = lint(&[&h("swagger-2.yaml")]);
    r.expect(1, &[d("LOAD-006", &h("swagger-2.yaml"), 1, 1, "swagger")]);
    assert_eq!(r.message(0), "Swagger 2.0 documents are not supported");
}

#[test]
fn openapi_version_as_a_number() {
    let r = lint(&[&h("openapi-number.yaml")]);
    r.expect(1, &[d("LOAD-007", &h("openapi-number.yaml"), 1, 10, "3.0")]);
    assert!(
        r.message(0).contains("must be a string"),
        "{}",
        r.message(0)
    );
}

#[test]
fn openapi_3_2() {
    let r = lint(&[&h("openapi-3.2.yaml")]);
    r.expect(0, &[d("LOAD-008", &h("openapi-3.2.yaml"), 1, 10, "3.2.0")]);
    assert_eq!(r.diagnostics()[0]["severity"], "info");
}

// ---------------------------------------------------------------------------
// Encodings and positions

#[test]
fn bom_yaml() {
    // The BOM is skipped; positions are bytes of the file, BOM included.
    lint(&[&h("bom.yaml")]).expect(
        1,
        &[
            d("OAS-008", &h("bom.yaml"), 6, 5, "Pet"),
            d("OAS-002", &h("bom.yaml"), 6, 17, "\"#/nope\""),
        ],
    );
}

#[test]
fn bom_json() {
    lint(&[&h("bom.json")]).expect(
        1,
        &[
            d("OAS-008", &h("bom.json"), 2, 29, "\"Pet\""),
            d("OAS-002", &h("bom.json"), 2, 45, "\"#/nope\""),
        ],
    );
}

#[test]
fn bom_on_the_line_of_a_finding() {
    // The range is right; the column is checked by the ignored test below.
    let r = lint(&[&h("bom-line-1.yaml")]);
    let found = r.found();
    assert_eq!(r.code, 1);
    assert_eq!(
        (found[0].0.as_str(), found[0].2, found[0].4.as_str()),
        ("LOAD-007", 1, "3.7.0")
    );
}

#[test]
fn bom_is_not_a_column() {
    // Editors do not show the BOM: `3.7.0` starts at column 10.
    lint(&[&h("bom-line-1.yaml")])
        .expect(1, &[d("LOAD-007", &h("bom-line-1.yaml"), 1, 10, "3.7.0")]);
}

#[test]
fn crlf_yaml() {
    // The CR is not a column; non-ASCII characters count as one column each.
    lint(&[&h("crlf.yaml")]).expect(
        1,
        &[
            d("OAS-008", &h("crlf.yaml"), 13, 5, "Pet"),
            d("OAS-002", &h("crlf.yaml"), 17, 32, "\"#/nope\""),
        ],
    );
}

#[test]
fn crlf_json() {
    lint(&[&h("crlf.json")]).expect(
        1,
        &[
            d("OAS-008", &h("crlf.json"), 6, 5, "\"Pet\""),
            d("OAS-002", &h("crlf.json"), 6, 41, "\"#/nope\""),
        ],
    );
}

#[test]
fn crlf_broken_yaml() {
    // An unclosed flow sequence is reported at the end of the file.
    let r = lint(&[&h("crlf-broken.yaml")]);
    r.expect(1, &[d("LOAD-002", &h("crlf-broken.yaml"), 8, 1, "")]);
    assert_eq!(r.diagnostics()[0]["range"]["start"], 100);
}

#[test]
fn pointer_escaping() {
    // Every `$ref` through `~0`, `~1` and percent-encoded UTF-8 resolves; the
    // one that does not has its pointer escaped and its column in characters.
    let r = lint(&[&h("pointer-escaping.yaml")]);
    r.expect(
        1,
        &[d(
            "OAS-002",
            &h("pointer-escaping.yaml"),
            35,
            27,
            "'#/components/schemas/Keys/properties/ключ'",
        )],
    );
    assert_eq!(
        r.diagnostics()[0]["pointer"],
        "/components/schemas/Keys/properties/日本語~1ключ~0/$ref"
    );
}

/// A single line of JSON over 1 MiB: 8,000 chained schemas, the last with a
/// dangling `$ref`.
fn one_line_json() -> String {
    let mut s = String::from(
        r##"{"openapi":"3.1.0","info":{"title":"One line","version":"1"},"paths":{"/x":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}}}}}},"components":{"schemas":{"##,
    );
    let n = 8_000;
    for i in 0..n {
        let next = if i + 1 < n {
            format!("#/components/schemas/S{}", i + 1)
        } else {
            "#/nope".to_owned()
        };
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#""S{i}":{{"type":"object","description":"{}","properties":{{"a":{{"type":"string"}},"b":{{"$ref":"{next}"}}}}}}"#,
            "x".repeat(40)
        ));
    }
    s.push_str("}}}");
    s
}

#[test]
fn line_of_1_mb() {
    let dir = Dir::new();
    let text = one_line_json();
    assert!(
        text.len() > 1 << 20 && !text.contains('\n'),
        "{}",
        text.len()
    );
    let col = text.rfind(r##""#/nope""##).unwrap_or_default() as u64 + 1;
    dir.write("line.json", &text);
    lint_in(dir.path(), &["line.json"])
        .expect(1, &[d("OAS-002", "line.json", 1, col, "\"#/nope\"")]);
    // The text renderer shows a window of the line, not a megabyte.
    let config = correctness_only_config().to_string_lossy().into_owned();
    let (r, _) = run_bounded(dir.path(), &["lint", "--config", &config, "line.json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(&format!("line.json:1:{col}")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.len() < 10_000,
        "{} bytes of output",
        r.stdout.len()
    );
}

#[test]
fn many_findings_on_one_long_line() {
    let dir = Dir::new();
    let n = 10_000;
    let schemas: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r##""S{i}":{{"description":"{}","$ref":"#/nope"}}"##,
                "x".repeat(100)
            )
        })
        .collect();
    dir.write(
        "line.json",
        format!(
            r#"{{"openapi":"3.1.0","info":{{"title":"T","version":"1"}},"paths":{{}},"components":{{"schemas":{{{}}}}}}}"#,
            schemas.join(",")
        ),
    );
    let r = lint_in(dir.path(), &["line.json"]);
    assert_eq!(r.diagnostics().len(), 2 * n);
    let (r, _) = run_bounded(dir.path(), &["lint", "line.json"]);
    assert_eq!(r.code, 1);
}

#[test]
fn huge_string_scalars() {
    // 16 MB strings: a plain YAML scalar on one line, a literal block, and a
    // JSON string with escapes. A finding after each is where it should be.
    let dir = Dir::new();
    let words = "lorem ipsum ".repeat((16 << 20) / 12);
    let tail = "components:\n  schemas:\n    Pet: {$ref: '#/nope'}\n";
    let head = "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\n";
    dir.write(
        "plain.yaml",
        format!(
            "{head}  description: {}\npaths: {{}}\n{tail}",
            words.trim_end()
        ),
    );
    let block: String = words
        .as_bytes()
        .chunks(120)
        .map(|c| format!("    {}\n", String::from_utf8_lossy(c)))
        .collect();
    let block_lines = block.lines().count() as u64;
    dir.write(
        "block.yaml",
        format!("{head}  description: |\n{block}paths: {{}}\n{tail}"),
    );
    let escaped = "caf\\u00e9 \\\"quoted\\\"\\n".repeat((16 << 20) / 22);
    let json = format!(
        r##"{{"openapi":"3.1.0","info":{{"title":"T","version":"1","description":"{escaped}"}},"paths":{{}},"components":{{"schemas":{{"Pet":{{"$ref":"#/nope"}}}}}}}}"##
    );
    let col = |s: &str| json.rfind(s).unwrap_or_default() as u64 + 1;
    let (pet, nope) = (col(r#""Pet""#), col(r##""#/nope""##));
    dir.write("escaped.json", &json);

    lint_in(dir.path(), &["plain.yaml"]).expect(
        1,
        &[
            d("OAS-008", "plain.yaml", 9, 5, "Pet"),
            d("OAS-002", "plain.yaml", 9, 17, "'#/nope'"),
        ],
    );
    let line = 9 + block_lines;
    lint_in(dir.path(), &["block.yaml"]).expect(
        1,
        &[
            d("OAS-008", "block.yaml", line, 5, "Pet"),
            d("OAS-002", "block.yaml", line, 17, "'#/nope'"),
        ],
    );
    lint_in(dir.path(), &["escaped.json"]).expect(
        1,
        &[
            d("OAS-008", "escaped.json", 1, pet, "\"Pet\""),
            d("OAS-002", "escaped.json", 1, nope, "\"#/nope\""),
        ],
    );
}

// ---------------------------------------------------------------------------
// References

#[test]
fn ref_dangling() {
    lint(&[&h("ref-dangling.yaml")]).expect(
        1,
        &[
            d("OAS-008", &h("ref-dangling.yaml"), 6, 5, "Pet"),
            d(
                "OAS-002",
                &h("ref-dangling.yaml"),
                9,
                23,
                "'#/components/schemas/Owner'",
            ),
            d(
                "OAS-002",
                &h("ref-dangling.yaml"),
                10,
                21,
                "'no-such-file.yaml#/Tag'",
            ),
        ],
    );
}

#[test]
fn ref_cycle() {
    // A → B → A stands for nothing: each reference on the way is reported.
    let r = lint(&[&h("ref-cycle.yaml")]);
    r.expect(
        1,
        &[
            d(
                "OAS-002",
                &h("ref-cycle.yaml"),
                12,
                30,
                "'#/components/schemas/A'",
            ),
            d(
                "OAS-002",
                &h("ref-cycle.yaml"),
                15,
                15,
                "'#/components/schemas/B'",
            ),
            d(
                "OAS-002",
                &h("ref-cycle.yaml"),
                16,
                15,
                "'#/components/schemas/A'",
            ),
        ],
    );
    assert!(r.message(1).contains("loops back"), "{}", r.message(1));
}

#[test]
fn ref_chain_longer_than_the_limit_is_not_a_cycle() {
    // S0 -> S1 -> ... -> S80 -> a string: legal, but past 64 hops it is cut,
    // and the message says why (not "loops back").
    let dir = Dir::new();
    let mut doc = String::from(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S0'}\ncomponents:\n  schemas:\n",
    );
    for i in 0..80 {
        doc.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{}'}}\n",
            i + 1
        ));
    }
    doc.push_str("    S80: {type: string}\n");
    dir.write("chain.yaml", doc);
    let r = lint_in(dir.path(), &["chain.yaml"]);
    let messages: Vec<&str> = (0..r.diagnostics().len()).map(|i| r.message(i)).collect();
    assert!(!messages.is_empty(), "the 80-hop chain should be reported");
    assert!(
        messages
            .iter()
            .all(|m| m.contains("longer than 64") && !m.contains("loops back")),
        "{messages:#?}"
    );
}

#[test]
fn ref_self() {
    lint(&[&h("ref-self.yaml")]).expect(
        1,
        &[
            d("OAS-008", &h("ref-self.yaml"), 7, 5, "Loop"),
            d(
                "OAS-002",
                &h("ref-self.yaml"),
                7,
                18,
                "'#/components/schemas/Loop'",
            ),
        ],
    );
}

#[test]
fn ref_recursive_schema() {
    // A schema that refers to itself below its root is a tree, not a cycle.
    lint(&[&h("ref-recursive-schema.yaml")]).expect(0, &[]);
}

#[test]
fn ref_escaping_the_project() {
    // Neither `../…/etc/passwd` nor `file:///etc/passwd` is read.
    let r = lint(&[&h("ref-escape.yaml")]);
    r.expect(
        1,
        &[
            d("OAS-008", &h("ref-escape.yaml"), 6, 5, "Passwd"),
            d(
                "OAS-004",
                &h("ref-escape.yaml"),
                6,
                20,
                "'../../../../../../../../../../../../etc/passwd'",
            ),
            d("OAS-008", &h("ref-escape.yaml"), 7, 5, "Absolute"),
            d(
                "OAS-004",
                &h("ref-escape.yaml"),
                7,
                22,
                "'file:///etc/passwd'",
            ),
        ],
    );
    assert!(r.message(1).contains("it was not read"), "{}", r.message(1));
}

#[test]
fn ref_remote() {
    // A warning: nothing is fetched, and the default `--fail-on error` passes.
    let r = lint(&[&h("ref-remote.yaml")]);
    r.expect(
        0,
        &[
            d("OAS-008", &h("ref-remote.yaml"), 6, 5, "Money"),
            d(
                "OAS-003",
                &h("ref-remote.yaml"),
                6,
                19,
                "'https://schemas.example.com/money.yaml#/Money'",
            ),
        ],
    );
    assert_eq!(
        lint(&["--fail-on", "warning", &h("ref-remote.yaml")]).code,
        1
    );
}

#[test]
fn ref_to_a_directory() {
    lint(&[&h("ref-directory.yaml")]).expect(
        1,
        &[
            d("OAS-008", &h("ref-directory.yaml"), 6, 5, "Here"),
            d("OAS-002", &h("ref-directory.yaml"), 6, 18, "'./#/Pet'"),
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new();
    let link = |target: &str, name: &str| {
        symlink(target, dir.path().join(name)).unwrap_or_else(|e| panic!("symlink {name}: {e}"));
    };
    link("b.yaml", "a.yaml");
    link("a.yaml", "b.yaml");
    link(".", "self");
    dir.write(
        "api.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Loop: {$ref: 'a.yaml#/X'}\n",
    );
    // Through a `$ref`: the file cannot be read (reported at the `$ref`).
    let r = lint_in(dir.path(), &["api.yaml"]);
    r.expect(
        1,
        &[
            d("OAS-008", "api.yaml", 6, 5, "Loop"),
            d("OAS-002", "api.yaml", 6, 18, "'a.yaml#/X'"),
        ],
    );
    // Named on the command line: an I/O error.
    let (r, _) = run_bounded(dir.path(), &["lint", "a.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read `a.yaml`"), "{}", r.stderr);
    // A directory walk does not follow the links round and round.
    let r = lint_in(dir.path(), &["."]);
    assert_eq!(
        (r.code, &r.output["summary"]["files"]),
        (1, &Value::from(1))
    );
}

/// Every file of `specs/hostile/` is linted by a test above.
#[test]
fn every_hostile_spec_is_tested() {
    let source = include_str!("hostile.rs");
    let dir = repo().join("specs/hostile");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let name = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .file_name()
            .to_string_lossy()
            .into_owned();
        let spec = name.ends_with(".yaml") || name.ends_with(".json");
        if spec && !source.contains(&format!("h(\"{name}\")")) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "specs/hostile/ files without a test: {missing:?}"
    );
}

#[test]
fn every_hostile_file_renders_in_every_format_without_panicking() {
    // The JSON output is checked case by case above; the other renderers
    // lay out code frames and must survive the same spans (a span inside a
    // replaced invalid byte, a long line, a BOM, CRLF...).
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("specs/hostile"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "json"))
        .collect();
    files.sort();
    assert!(files.len() > 20);
    for file in &files {
        let name = file.to_string_lossy();
        for format in ["text", "sarif", "github", "junit"] {
            let (r, _) = run_bounded(&repo(), &["lint", "--format", format, &name]);
            assert!(
                matches!(r.code, 0..=2) && !r.stderr.contains("panicked"),
                "{name} --format {format}: exit {}\n{}",
                r.code,
                r.stderr
            );
        }
    }
}

#[test]
fn code_injection_lints_without_surprises() {
    // Generation from it is tested in tests/generate.rs; the linter reads
    // the same strings as ordinary (odd) OpenAPI.
    let r = lint(&[&h("code-injection.yaml")]);
    assert!(r.code == 0 || r.code == 1, "stderr: {}", r.stderr);
    assert!(r.stderr.is_empty(), "stderr: {}", r.stderr);
    for d in r.diagnostics() {
        assert!(d["line"].as_u64().is_some_and(|l| l > 0), "{d}");
    }
}
