//! Generated clients against Prism: for `specs/bookstore.yaml` and the two
//! real documents of `tests/fixtures/prism/`, `specfirst generate client`
//! renders a crate, a hand-written driver (`tests/prism_client/<name>.rs`)
//! calls every operation of the document through it, and Prism (see
//! [`PrismMock`]) answers.
//!
//! The driver runs in three modes, one JSON line per call:
//! - `static`: the document's examples; every call must succeed, except the
//!   calls whose example breaks its own schema (asserted exactly, see
//!   [`apideck_ats`]);
//! - `dynamic`: `Prefer: dynamic=true`, bodies generated from the schemas,
//!   each operation five times; every call must succeed;
//! - `errors`: `Prefer: code=<status>` with error statuses the operation
//!   documents; every call must be `ClientError::Api` with that status and,
//!   where the document's error example has them, its `code` and `message`.
//!
//! And Prism must log no request violation: the client sent what the
//! document describes.
//!
//! The three crates are built once per test run, together, in a temporary
//! workspace with the shared target directory (`target/e2e-generated`) and
//! the workspace's `Cargo.lock`, offline; each test starts Prism while the
//! drivers build. Environment as for [`PrismMock`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::generate::cargo;
use crate::util::{Dir, PrismMock, repo, run};

/// One document, its generated crate and its driver.
struct Document {
    /// The crate's name (`--name`); the driver binary is `<name>-driver`.
    name: &'static str,
    /// The document, relative to the repository.
    spec: &'static str,
    /// The driver, relative to the repository.
    driver: &'static str,
}

const BOOKSTORE: Document = Document {
    name: "bookstore",
    spec: "specs/bookstore.yaml",
    driver: "tests/prism_client/bookstore.rs",
};
const ADYEN: Document = Document {
    name: "adyen-transfers-v4",
    spec: "tests/fixtures/prism/adyen-transfers-v4.json",
    driver: "tests/prism_client/adyen.rs",
};
const APIDECK: Document = Document {
    name: "apideck-ats",
    spec: "tests/fixtures/prism/apideck-ats.json",
    driver: "tests/prism_client/apideck.rs",
};
const DOCUMENTS: [&Document; 3] = [&BOOKSTORE, &ADYEN, &APIDECK];

/// How many times the `dynamic` mode calls each operation.
const DYNAMIC_CALLS: usize = 5;

/// The directory of the drivers, built once per test run (the first test to
/// get here builds all three).
fn drivers() -> &'static Path {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match BUILT.get_or_init(build_drivers) {
        Ok(dir) => dir,
        Err(message) => panic!("{message}"),
    }
}

/// Generates the three clients into one temporary workspace, adds their
/// drivers, and builds them with one `cargo build`.
fn build_drivers() -> Result<PathBuf, String> {
    let dir = Dir::new();
    let mut members = Vec::new();
    for doc in DOCUMENTS {
        let out = dir.path().join(doc.name);
        let r = run(&[
            "generate",
            "client",
            doc.spec,
            "--out",
            &out.to_string_lossy(),
            "--name",
            doc.name,
        ]);
        if r.code != 0 {
            return Err(format!(
                "generate client {}: exit {}\n{}{}",
                doc.spec, r.code, r.stdout, r.stderr
            ));
        }
        // Cargo.toml is a scaffold file: the driver needs tokio's runtime
        // and macros, and a binary name of its own in the workspace.
        let manifest = out.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{e}"))?;
        let tokio = "tokio = { version = \"1\", features = [\"time\"] }";
        if !text.contains(tokio) {
            return Err(format!("{}: no `{tokio}`:\n{text}", manifest.display()));
        }
        let text = text.replace(
            tokio,
            "tokio = { version = \"1\", features = [\"time\", \"macros\", \"rt-multi-thread\"] }",
        ) + &format!(
            "\n[[bin]]\nname = \"{}-driver\"\npath = \"src/bin/driver.rs\"\n",
            doc.name
        );
        std::fs::write(&manifest, text).map_err(|e| format!("{e}"))?;
        std::fs::create_dir_all(out.join("src/bin")).map_err(|e| format!("{e}"))?;
        std::fs::copy(repo().join(doc.driver), out.join("src/bin/driver.rs"))
            .map_err(|e| format!("copy {}: {e}", doc.driver))?;
        members.push(format!("{:?}", doc.name));
    }
    dir.write(
        "Cargo.toml",
        format!(
            "[workspace]\nmembers = [{}]\nresolver = \"3\"\n",
            members.join(", ")
        ),
    );
    std::fs::copy(repo().join("Cargo.lock"), dir.path().join("Cargo.lock"))
        .map_err(|e| format!("copy Cargo.lock: {e}"))?;
    let out = cargo()
        .current_dir(dir.path())
        .args(["build", "--quiet", "--offline", "--bins"])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the generated clients and their drivers do not build:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(repo().join("target/e2e-generated/debug"))
}

/// One line of a driver's output.
#[derive(Debug, Clone)]
struct Call {
    operation: String,
    mode: String,
    /// The status of `Prefer: code=…` (mode `errors`).
    forced: Option<u16>,
    /// `ok`, or the `ClientError` variant in snake case (`api`, `decode`, …).
    outcome: String,
    status: Option<u16>,
    /// The error's `Display`.
    detail: String,
    /// `ApiError::code` and `message`.
    code: Option<String>,
    message: Option<String>,
}

impl Call {
    fn parse(line: &str) -> Call {
        let v: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("driver output is not a JSON line ({e}): {line}"));
        let text = |k: &str| v[k].as_str().map(str::to_owned);
        let status = |k: &str| v[k].as_u64().and_then(|s| u16::try_from(s).ok());
        Call {
            operation: text("operation").unwrap_or_default(),
            mode: text("mode").unwrap_or_default(),
            forced: status("forced"),
            outcome: text("outcome").unwrap_or_default(),
            status: status("status"),
            detail: text("detail").unwrap_or_default(),
            code: text("code"),
            message: text("message"),
        }
    }
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}{}: {} {:?} {}",
            self.mode,
            self.operation,
            self.forced
                .map(|s| format!(" (Prefer: code={s})"))
                .unwrap_or_default(),
            self.outcome,
            self.status,
            self.detail
        )
    }
}

/// A document, parsed, with local `$ref`s followed on demand.
struct Spec {
    root: Value,
}

impl Spec {
    fn load(doc: &Document) -> Spec {
        let path = repo().join(doc.spec);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", doc.spec));
        let format = specfirst_source::Format::detect(&path, &text);
        let parsed = specfirst_source::parse::parse(&text, format, &Default::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", doc.spec));
        Spec { root: parsed.value }
    }

    /// `value`, or what its local `$ref` points to (followed repeatedly).
    fn resolve<'a>(&'a self, mut value: &'a Value) -> &'a Value {
        for _ in 0..16 {
            let Some(target) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let pointer = target
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("non-local $ref {target}"));
            value = self
                .root
                .pointer(pointer)
                .unwrap_or_else(|| panic!("$ref {target} does not resolve"));
        }
        value
    }

    /// Every operation, by operationId.
    fn operations(&self) -> BTreeMap<String, &Value> {
        let mut operations = BTreeMap::new();
        let paths = self.root["paths"].as_object().expect("paths");
        for item in paths.values() {
            let item = self.resolve(item);
            for method in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                if let Some(op) = item.get(method) {
                    let id = op["operationId"]
                        .as_str()
                        .expect("every operation has an id");
                    assert!(
                        operations.insert(id.to_owned(), op).is_none(),
                        "operationId {id} twice"
                    );
                }
            }
        }
        operations
    }

    /// The error example of `status` of an operation: the JSON media type's
    /// `example`, its first `examples` entry, the schema's `example`, or else
    /// the object the schema's properties' `example`s make (which is what
    /// Prism serves). `None` without one.
    fn error_example(&self, op: &Value, status: u16) -> Option<Value> {
        let response = self.resolve(op["responses"].get(status.to_string())?);
        let media = response["content"].get("application/json")?;
        if let Some(example) = media.get("example") {
            return Some(example.clone());
        }
        if let Some(first) = media
            .get("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next())
        {
            return self.resolve(first).get("value").cloned();
        }
        let schema = self.resolve(media.get("schema")?);
        if let Some(example) = schema.get("example") {
            return Some(example.clone());
        }
        let examples: serde_json::Map<String, Value> = schema
            .get("properties")?
            .as_object()?
            .iter()
            .filter_map(|(k, p)| Some((k.clone(), self.resolve(p).get("example")?.clone())))
            .collect();
        (!examples.is_empty()).then_some(Value::Object(examples))
    }
}

/// What [`run_document`] leaves to the document's own checks.
struct Outcome {
    calls: Vec<Call>,
    /// Prism's logged violations (none about requests).
    violations: Vec<String>,
    /// How many `errors` calls were checked against an error example's
    /// `code` or `message`.
    examples_checked: usize,
}

/// Prism on the document, the driver run in the three modes (concurrently),
/// and the checks every document passes. `None` when Prism is not installed
/// and `SPECFIRST_SKIP_PRISM=1`.
fn run_document(doc: &Document) -> Option<Outcome> {
    let mock = PrismMock::start(&repo().join(doc.spec))?;
    let driver = drivers().join(format!("{}-driver", doc.name));
    let children: Vec<_> = ["static", "dynamic", "errors"]
        .into_iter()
        .map(|mode| {
            let child = Command::new(&driver)
                .args([&mock.base_url(), mode])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", driver.display()));
            (mode, child)
        })
        .collect();
    let mut calls = Vec::new();
    for (mode, child) in children {
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("{} {mode}: {e}", doc.name));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{} driver, mode {mode}: {}\n{stdout}{}",
            doc.name,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        calls.extend(stdout.lines().map(Call::parse));
    }
    let violations = mock.violations();
    let all = || calls.iter().map(|c| format!("{c}\n")).collect::<String>();

    // Every operation of the document, in every mode.
    let spec = Spec::load(doc);
    let operations = spec.operations();
    let ids: BTreeSet<&str> = operations.keys().map(String::as_str).collect();
    for mode in ["static", "dynamic", "errors"] {
        let called: BTreeSet<&str> = calls
            .iter()
            .filter(|c| c.mode == mode)
            .map(|c| c.operation.as_str())
            .collect();
        assert_eq!(
            called, ids,
            "{}: operations called in mode {mode}",
            doc.name
        );
    }
    let count = |mode: &str, op: &str| {
        calls
            .iter()
            .filter(|c| c.mode == mode && c.operation == op)
            .count()
    };
    for id in &ids {
        assert_eq!(
            count("static", id),
            1,
            "{}: static calls of {id}\n{}",
            doc.name,
            all()
        );
        assert_eq!(
            count("dynamic", id),
            DYNAMIC_CALLS,
            "{}: dynamic calls of {id}\n{}",
            doc.name,
            all()
        );
    }

    // Dynamic responses follow the schemas: every call succeeds.
    for call in calls.iter().filter(|c| c.mode == "dynamic") {
        assert_eq!(call.outcome, "ok", "{}: {call}", doc.name);
    }

    // Forced error statuses: documented ones, answered as `Api` with the
    // status and the example's code and message.
    let mut examples_checked = 0;
    for call in calls.iter().filter(|c| c.mode == "errors") {
        let forced = call
            .forced
            .unwrap_or_else(|| panic!("{}: {call}: no forced status", doc.name));
        let op = operations[&call.operation];
        assert!(
            op["responses"].get(forced.to_string()).is_some(),
            "{}: {call}: the driver forces a status the operation does not document",
            doc.name
        );
        assert_eq!(call.outcome, "api", "{}: {call}", doc.name);
        assert_eq!(call.status, Some(forced), "{}: {call}", doc.name);
        if let Some(example) = spec.error_example(op, forced) {
            let has = |k: &str| example.get(k).is_some_and(Value::is_string);
            examples_checked += usize::from(has("code") || has("message"));
            if let Some(code) = example.get("code").and_then(Value::as_str) {
                assert_eq!(call.code.as_deref(), Some(code), "{}: {call}", doc.name);
            }
            if let Some(message) = example.get("message").and_then(Value::as_str) {
                assert_eq!(
                    call.message.as_deref(),
                    Some(message),
                    "{}: {call}",
                    doc.name
                );
            }
        }
    }

    // The client sent what the document describes.
    let request_violations: Vec<&String> = violations
        .iter()
        .filter(|v| v.starts_with("request"))
        .collect();
    assert!(
        request_violations.is_empty(),
        "{}: Prism reports request violations: {request_violations:#?}\n{}",
        doc.name,
        mock.log()
    );
    Some(Outcome {
        calls,
        violations,
        examples_checked,
    })
}

/// `static` calls, all successful.
fn assert_static_ok(doc: &Document, calls: &[Call]) {
    for call in calls.iter().filter(|c| c.mode == "static") {
        assert_eq!(call.outcome, "ok", "{}: {call}", doc.name);
    }
}

fn errors_calls(calls: &[Call]) -> usize {
    calls.iter().filter(|c| c.mode == "errors").count()
}

/// The bookstore, in version 1 throughout: Prism validates request and
/// response bodies against the first `application/json` media type only
/// (version 1; see `tests/prism.rs`), so version 2 calls would be refused or
/// get response violations for Prism's reasons. The loopback tests of the
/// example cover version 2.
#[test]
fn bookstore() {
    let Some(outcome) = run_document(&BOOKSTORE) else {
        return;
    };
    assert_static_ok(&BOOKSTORE, &outcome.calls);
    assert!(outcome.violations.is_empty(), "{:#?}", outcome.violations);
    // Every error response of the bookstore has an example with a code and
    // a message.
    assert_eq!(outcome.examples_checked, errors_calls(&outcome.calls));
    let forced: BTreeSet<u16> = outcome.calls.iter().filter_map(|c| c.forced).collect();
    assert_eq!(
        forced,
        BTreeSet::from([400, 401, 403, 404, 409, 412, 415, 422, 428, 500])
    );
}

/// Adyen Transfers v4 (OpenAPI 3.1): its error responses have no examples,
/// so only the status of the forced errors is checked (Prism fills the
/// required fields of the schema with placeholders).
#[test]
fn adyen_transfers_v4() {
    let Some(outcome) = run_document(&ADYEN) else {
        return;
    };
    assert_static_ok(&ADYEN, &outcome.calls);
    assert!(outcome.violations.is_empty(), "{:#?}", outcome.violations);
    assert_eq!(outcome.examples_checked, 0);
    assert!(errors_calls(&outcome.calls) >= 7);
}

/// Apideck ATS (OpenAPI 3.0). The examples of `Applicant.birthday` and
/// `Job.closing_date` are date-times where the schema says `format: date`
/// (see `tests/fixtures/prism/README.md`): the static responses of the four
/// operations that return them break the document, Prism reports it as a
/// response violation, and the client refuses to decode them, naming the
/// field. Exactly those four calls; everything else succeeds (the dynamic
/// responses of the same operations follow the schema).
#[test]
fn apideck_ats() {
    let Some(outcome) = run_document(&APIDECK) else {
        return;
    };
    let broken: BTreeMap<&str, &str> = [
        ("applicantsAll", "data[0].birthday"),
        ("applicantsOne", "data.birthday"),
        ("jobsAll", "data[0].closing_date"),
        ("jobsOne", "data.closing_date"),
    ]
    .into_iter()
    .collect();
    for call in outcome.calls.iter().filter(|c| c.mode == "static") {
        match broken.get(call.operation.as_str()) {
            Some(path) => {
                assert_eq!(call.outcome, "decode", "{call}");
                assert_eq!(call.status, Some(200), "{call}");
                let at = format!("cannot decode the 200 response body at {path}: ");
                assert!(call.detail.contains(&at), "expected `{at}` in: {call}");
            }
            None => assert_eq!(call.outcome, "ok", "{call}"),
        }
    }
    let mut violations = outcome.violations;
    violations.sort();
    assert_eq!(
        violations,
        [
            "response.body.data.0.birthday Response body property data.0.birthday must match format \"date\"",
            "response.body.data.0.closing_date Response body property data.0.closing_date must match format \"date\"",
            "response.body.data.birthday Response body property data.birthday must match format \"date\"",
            "response.body.data.closing_date Response body property data.closing_date must match format \"date\"",
        ]
    );
    // Every error response has a `message` example (`code` has none: the
    // document's errors carry `status_code`, `error` and `type_name`).
    assert_eq!(outcome.examples_checked, errors_calls(&outcome.calls));
}
