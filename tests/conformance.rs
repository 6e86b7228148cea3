//! The generated bookstore server (generated-examples/bookstore-server),
//! judged over HTTP: RULEBOOK §3 behaviours checked request by request, then
//! schemathesis (installed by scripts/install-test-tools.sh) with every
//! check and the stateful phase, which must find nothing.
//!
//! Environment:
//! - `SPECFIRST_SCHEMATHESIS`: the `schemathesis` to run (default: the one
//!   scripts/install-test-tools.sh installs, in
//!   `${SPECFIRST_TOOLS_DIR:-.scratch/tools}/venv/bin`);
//! - `SPECFIRST_SKIP_SCHEMATHESIS=1`: skip the schemathesis run when it is not
//!   installed (quick local runs; the test fails otherwise).

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Dir, repo, test_tool};

/// The bookstore server, built by cargo, listening on a free loopback port;
/// killed on drop.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn server_binary() -> PathBuf {
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(repo())
        .args([
            "build",
            "--quiet",
            "-p",
            "bookstore-server",
            "--bin",
            "bookstore-server",
            "--message-format=json",
        ])
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert!(
        out.status.success(),
        "cargo build -p bookstore-server failed"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|m| m.get("executable")?.as_str().map(PathBuf::from))
        .next_back()
        .unwrap_or_else(|| panic!("no executable in cargo's output:\n{stdout}"))
}

fn start() -> Server {
    let binary = server_binary();
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"));
    let child = Command::new(&binary)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// One HTTP/1.1 exchange.
struct Exchange {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Exchange {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

impl Server {
    /// Sends `method path` with `headers` (and a bearer token) and `body`.
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Exchange {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).unwrap_or_else(|e| panic!("connect: {e}"));
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer test\r\n"
        );
        for (n, v) in headers {
            request.push_str(&format!("{n}: {v}\r\n"));
        }
        let has_length = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
        if !has_length
            && (!body.is_empty() || method == "POST" || method == "PUT" || method == "PATCH")
        {
            request.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream
            .write_all(request.as_bytes())
            .unwrap_or_else(|e| panic!("send: {e}"));
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .unwrap_or_else(|e| panic!("read: {e}"));
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad response: {text}"));
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Exchange {
            status,
            headers,
            body: body.to_owned(),
        }
    }
}

const BOOK_V2: &str = r#"{"title": "Structure and Interpretation of Computer Programs", "authors": ["Harold Abelson", "Gerald Jay Sussman"], "isbn": "9780262510875", "language": "en", "price": {"amount": "55.00", "currency": "USD"}}"#;

fn book_v1(isbn: &str, title: &str) -> String {
    format!(
        r#"{{"title": "{title}", "author": "Erich Gamma, Richard Helm", "isbn": "{isbn}", "language": "en", "price": {{"amount": "59.99", "currency": "USD"}}}}"#
    )
}

#[test]
fn runtime_conventions_over_http() {
    let s = start();
    let v2 = ("Content-Type", "application/json; version=2");

    // Routing: 404, 405 with Allow, OPTIONS, unknown methods.
    let r = s.send("GET", "/nope", &[], "");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "NotFound");
    assert!(r.header("date").is_some());
    let r = s.send("DELETE", "/books", &[], "");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD, POST, OPTIONS"));
    assert_eq!(r.json()["code"], "MethodNotAllowed");
    let r = s.send("TRACE", "/books", &[], "");
    assert_eq!(r.status, 405);
    let r = s.send("OPTIONS", "/books", &[], "");
    assert_eq!(r.status, 204);
    assert_eq!(r.header("allow"), Some("GET, HEAD, POST, OPTIONS"));

    // Credentials are required (their checking is the application's).
    let mut raw = TcpStream::connect(("127.0.0.1", s.port)).unwrap_or_else(|e| panic!("{e}"));
    raw.write_all(b"GET /books HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    raw.read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(text.starts_with("HTTP/1.1 401"), "{text}");

    // Create in version 2: 201, Location, ETag, the version in Content-Type.
    let r = s.send(
        "POST",
        "/books",
        &[v2, ("Accept", "application/json; version=2")],
        BOOK_V2,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; version=2")
    );
    assert!(r.header("deprecated").is_none());
    let location = r.header("location").unwrap_or_default().to_owned();
    assert!(
        location.starts_with("https://api.example.com/books/"),
        "{location}"
    );
    let id = r.json()["bookId"].as_str().unwrap_or_default().to_owned();
    let path = format!("/books/{id}");
    assert_eq!(r.json()["authors"][1], "Gerald Jay Sussman");

    // Duplicate ISBN → 409; a wrong check digit → 422.
    let r = s.send("POST", "/books", &[v2], BOOK_V2);
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["code"], "DuplicateIsbn");
    let r = s.send("POST", "/books", &[], &book_v1("9780262510876", "Bad"));
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["target"], "isbn");

    // Validation: every violation at once, with targets.
    let r = s.send(
        "POST",
        "/books",
        &[v2],
        r#"{"title": "", "authors": [], "isbn": "x", "extra": 1}"#,
    );
    assert_eq!(r.status, 400, "{}", r.body);
    let e = r.json();
    assert_eq!(e["code"], "BadArgument");
    let targets: Vec<&str> = e["details"]
        .as_array()
        .map(|d| d.iter().filter_map(|x| x["target"].as_str()).collect())
        .unwrap_or_default();
    for t in ["title", "authors", "isbn", "language", "price", "extra"] {
        assert!(targets.contains(&t), "{t} missing from {targets:?}");
    }
    let r = s.send("GET", "/books?limit=0&color=red", &[], "");
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["details"].as_array().map(Vec::len),
        Some(2),
        "{}",
        r.body
    );
    let r = s.send("POST", "/books", &[v2], "{not json");
    assert_eq!(r.status, 400);
    let r = s.send("POST", "/books", &[("Content-Type", "text/plain")], "hello");
    assert_eq!(r.status, 415);
    let r = s.send("GET", "/books", &[], "{}");
    assert_eq!(r.status, 400, "a body on GET");
    // Declared, not sent: the server answers before reading the body, and
    // a client still writing 2 MiB would see the connection reset.
    let r = s.send("POST", "/books", &[v2, ("Content-Length", "2097152")], "");
    assert_eq!(r.status, 413);

    // Negotiation (§3.2.4): default is the earliest version, deprecated.
    let r = s.send("GET", &path, &[], "");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; version=1")
    );
    assert_eq!(r.header("deprecated"), Some("true"));
    assert_eq!(r.json()["author"], "Harold Abelson, Gerald Jay Sussman");
    let r = s.send(
        "GET",
        &path,
        &[("Accept", "application/json; version=2")],
        "",
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/json; version=2")
    );
    assert!(r.header("deprecated").is_none());
    let r = s.send(
        "GET",
        &path,
        &[(
            "Accept",
            "application/json; version=2, application/json; version=1; q=0.5",
        )],
        "",
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/json; version=2")
    );
    let r = s.send(
        "GET",
        &path,
        &[("Accept", "application/json; version=3")],
        "",
    );
    assert_eq!(r.status, 406);
    assert_eq!(
        r.json(),
        serde_json::json!(["application/json; version=1", "application/json; version=2"])
    );
    let r = s.send("GET", &path, &[("Accept", "text/html")], "");
    assert_eq!(r.status, 406);
    let r = s.send("GET", &path, &[("Accept", "*/*")], "");
    assert_eq!(
        r.header("content-type"),
        Some("application/json; version=1")
    );

    // Conditional GET and HEAD.
    let r = s.send(
        "GET",
        &path,
        &[("Accept", "application/json; version=2")],
        "",
    );
    let etag = r.header("etag").unwrap_or_default().to_owned();
    assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");
    let r = s.send(
        "GET",
        &path,
        &[
            ("Accept", "application/json; version=2"),
            ("If-None-Match", &etag),
        ],
        "",
    );
    assert_eq!(r.status, 304);
    assert!(r.body.is_empty());
    assert_eq!(r.header("etag"), Some(etag.as_str()));
    let r = s.send("HEAD", &path, &[], "");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert!(r.header("content-length").is_some_and(|l| l != "0"));

    // Preconditions (§3.9): 428 without, 412 stale, 200 current.
    let body = book_v1("9780262510875", "SICP, 2nd edition");
    let r = s.send("PUT", &path, &[], &body);
    assert_eq!(r.status, 428);
    assert_eq!(r.json()["code"], "PreconditionRequired");
    let r = s.send("PUT", &path, &[("If-Match", "\"0000\"")], &body);
    assert_eq!(r.status, 412);
    let r = s.send(
        "PATCH",
        &path,
        &[
            v2,
            ("If-Match", &etag),
            ("Accept", "application/json; version=2"),
        ],
        r#"{"summary": null, "pageCount": 657}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["pageCount"], 657);
    assert!(r.json()["summary"].is_null());
    let newer = r.header("etag").unwrap_or_default().to_owned();
    assert_ne!(newer, etag);
    let r = s.send(
        "PATCH",
        &path,
        &[v2, ("If-Match", &etag)],
        r#"{"pageCount": 1}"#,
    );
    assert_eq!(r.status, 412, "the old ETag is stale");

    // Pagination (§3.5): Content-Range and links from the total.
    for i in 0..4 {
        let isbn = isbn_with_check_digit(&format!("97802016336{i}"));
        let r = s.send("POST", "/books", &[], &book_v1(&isbn, &format!("Book {i}")));
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let r = s.send("GET", "/books?offset=1&limit=2&sort=title", &[], "");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-range"), Some("items 1-2/5"));
    let links = r.json()["links"].clone();
    let rels: Vec<&str> = links
        .as_array()
        .map(|l| l.iter().filter_map(|x| x["rel"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(rels, ["first", "last", "previous", "next"], "{links}");
    assert_eq!(
        links[3]["href"],
        "https://api.example.com/books?sort=title&offset=3&limit=2"
    );
    let r = s.send("GET", "/books", &[("Range", "items=2-3")], "");
    assert_eq!(r.header("content-range"), Some("items 2-3/5"));
    let r = s.send("GET", "/books?limit=1", &[("Range", "items=2-3")], "");
    assert_eq!(
        r.header("content-range"),
        Some("items 0-0/5"),
        "the query wins"
    );
    let r = s.send("GET", "/books?filter=title::book*", &[], "");
    assert_eq!(r.json()["data"].as_array().map(Vec::len), Some(4));

    // Deprecated operation; delete, then 404.
    let r = s.send(
        "POST",
        "/books/search",
        &[("Content-Type", "application/json")],
        r#"{"keywords": "programs"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("deprecated"), Some("true"));
    let r = s.send("DELETE", &path, &[("If-Match", "\"0000\"")], "");
    assert_eq!(r.status, 412);
    let r = s.send("DELETE", &path, &[], "");
    assert_eq!(r.status, 204);
    let r = s.send("GET", &path, &[], "");
    assert_eq!(r.status, 404);
    let r = s.send("GET", "/books/not-a-uuid", &[], "");
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["target"], "bookId");
}

/// `prefix` (12 digits) with its ISBN-13 check digit.
fn isbn_with_check_digit(prefix: &str) -> String {
    let sum: u32 = prefix
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d } else { d * 3 })
        .sum();
    format!("{prefix}{}", (10 - sum % 10) % 10)
}

fn schemathesis() -> Option<PathBuf> {
    test_tool(
        "schemathesis",
        "venv/bin/schemathesis",
        "SPECFIRST_SCHEMATHESIS",
        "SPECFIRST_SKIP_SCHEMATHESIS",
    )
}

#[test]
fn schemathesis_finds_nothing() {
    let Some(schemathesis) = schemathesis() else {
        return;
    };
    let s = start();
    // schemathesis writes .hypothesis/ and .schemathesis/ where it runs.
    let scratch = Dir::new();
    let conformance = repo().join("tests/conformance");
    for f in ["schemathesis.toml", "hooks.py"] {
        std::fs::copy(conformance.join(f), scratch.path().join(f))
            .unwrap_or_else(|e| panic!("copy {f}: {e}"));
    }
    let spec = repo().join("specs/bookstore.yaml");
    let out = Command::new(&schemathesis)
        .current_dir(scratch.path())
        .env("SCHEMATHESIS_HOOKS", "hooks")
        .env("SPECFIRST_CONFORMANCE_SPEC", &spec)
        .env("PYTHONPATH", scratch.path())
        .env("NO_COLOR", "1")
        .args(["--config-file", "schemathesis.toml", "run"])
        .arg(&spec)
        .args([
            "--url",
            &format!("http://127.0.0.1:{}", s.port),
            "--header",
            "Authorization: Bearer test",
            "--checks",
            "all",
            "--exclude-checks",
            "response_schema_conformance",
            "--max-examples",
            "100",
            "--seed",
            "20261122",
            "--output-sanitize",
            "false",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", schemathesis.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis found problems:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Stateful"), "{stdout}");
}
