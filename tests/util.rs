//! Running the real binary in temporary directories.

use std::io::{BufRead as _, BufReader, Read, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An external tool installed by `scripts/install-test-tools.sh`, at
/// `${SPECFIRST_TOOLS_DIR:-.scratch/tools}/<relative>`, or the executable
/// named by `$<override_var>`. `None` (the test passes without running)
/// only when `$<skip_var>` is `1`; a missing tool fails the test otherwise.
pub fn test_tool(
    name: &str,
    relative: &str,
    override_var: &str,
    skip_var: &str,
) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(override_var) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "{override_var}={} does not exist",
            path.display()
        );
        return Some(path);
    }
    let tools = std::env::var_os("SPECFIRST_TOOLS_DIR")
        .map_or_else(|| repo().join(".scratch/tools"), PathBuf::from);
    let path = tools.join(relative);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os(skip_var).is_some_and(|v| v == "1"),
        "{name} is not installed at {}: run `bash scripts/install-test-tools.sh` \
         (or set {override_var} to a {name} executable, or {skip_var}=1 to skip this test)",
        path.display()
    );
    None
}

/// The `specfirst` binary built for this test run.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_specfirst"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// The result of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            // A signal (e.g. a stack overflow) has no code: report it as -1.
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `specfirst` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = bin()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run specfirst: {e}"));
    Run::from(out)
}

/// Runs `specfirst` with `args` in the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(&repo(), args)
}

/// A temporary directory with files written into it.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// Writes [`correctness_only_config`] as the directory's `.specfirst.yaml`:
    /// for tests of the command line itself, which assert every finding.
    pub fn correctness_only(self) -> Dir {
        let text =
            std::fs::read_to_string(correctness_only_config()).unwrap_or_else(|e| panic!("{e}"));
        self.write(".specfirst.yaml", text);
        self
    }
}

/// A configuration that leaves on only the rules about OpenAPI correctness
/// (OAS-001 … OAS-010) and the loader's checks: the tests of the loader
/// (hostile inputs, broken references) assert every finding, and should not
/// change each time a REST-guideline rule is added.
pub fn correctness_only_config() -> &'static Path {
    static CONFIG: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = CONFIG.get_or_init(|| {
        let out = bin()
            .args(["rules", "--format", "json"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run specfirst rules: {e}"));
        let rules: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("specfirst rules --format json: {e}"));
        let mut text = String::from("rules:\n");
        for rule in rules.as_array().map_or(&[][..], Vec::as_slice) {
            let code = rule["code"].as_str().unwrap_or_default();
            let correctness = code
                .strip_prefix("OAS-")
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| n <= 10);
            if rule["kind"] == "rule" && !correctness {
                text.push_str(&format!("  {code}: off\n"));
            }
        }
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("correctness-only.yaml"), text)
            .unwrap_or_else(|e| panic!("{e}"));
        dir
    });
    // The TempDir lives as long as the test process.
    Box::leak(Box::new(dir.path().join("correctness-only.yaml")))
}

/// One HTTP/1.1 response, read to the end of the connection.
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The status line, the headers and the body, for assertion messages.
    pub fn dump(&self) -> String {
        let mut text = format!("HTTP {}\n", self.status);
        for (n, v) in &self.headers {
            text.push_str(&format!("{n}: {v}\n"));
        }
        text.push('\n');
        text.push_str(&self.text());
        text
    }

    /// Prism's `sl-violations` header, parsed: one object per violation, with
    /// `location` (`["request", "query", "limit"]`, `["response", "body", …]`),
    /// `severity`, `code` and `message`. Empty without the header.
    pub fn sl_violations(&self) -> Vec<serde_json::Value> {
        let Some(header) = self.header("sl-violations") else {
            return Vec::new();
        };
        match serde_json::from_str(header) {
            Ok(serde_json::Value::Array(items)) => items,
            _ => panic!("sl-violations is not a JSON array: {header}"),
        }
    }

    /// The violations of [`sl_violations`](Self::sl_violations) about the
    /// request (the client's doing), leaving out those about Prism's own
    /// response (a document whose examples do not match its schemas).
    pub fn request_violations(&self) -> Vec<serde_json::Value> {
        self.sl_violations()
            .into_iter()
            .filter(|v| v["location"][0] == "request")
            .collect()
    }
}

/// Sends one HTTP/1.1 request to `addr` (`Connection: close`) and reads the
/// whole response. `target` is the request target (`/books?limit=5`); a
/// `Content-Length` is added for a body, or for POST, PUT and PATCH.
pub fn http_request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<HttpResponse> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        request.push_str(&format!("{n}: {v}\r\n"));
    }
    let has_length = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
    if !has_length && (!body.is_empty() || matches!(method, "POST" | "PUT" | "PATCH")) {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    stream.write_all(&bytes)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not an HTTP response: {}", String::from_utf8_lossy(&raw)),
        )
    })
}

fn parse_response(raw: &[u8]) -> Option<HttpResponse> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body)?;
    }
    Some(HttpResponse {
        status,
        headers,
        body,
    })
}

/// The payload of a `Transfer-Encoding: chunked` body (trailers dropped).
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// What [`PrismMock::start_with`] passes to Prism beyond the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrismOptions {
    /// `--dynamic`: every response generated from its schema, instead of the
    /// document's examples (a request can still ask for one with
    /// `Prefer: dynamic=true`).
    pub dynamic: bool,
}

/// Path of the requests [`PrismMock::log`] sends to find the end of the log.
const PRISM_SYNC_PATH: &str = "/__specfirst_log_sync__/";

/// Prism (`@stoplight/prism-cli`, installed by scripts/install-test-tools.sh)
/// mocking one OpenAPI document on a free loopback port: `prism mock -h
/// 127.0.0.1 -p PORT -v warn DOCUMENT`, in one process (`--multiprocess=false`,
/// whatever `NODE_ENV` says), killed on drop. Threads drain its stdout and
/// stderr into a buffer, so it never blocks on a full pipe.
///
/// Environment (as for the other external tools, see [`test_tool`]):
/// - `SPECFIRST_PRISM`: the `prism` executable to run (default: the one
///   scripts/install-test-tools.sh installs, in
///   `${SPECFIRST_TOOLS_DIR:-.scratch/tools}/npm/node_modules/.bin`);
/// - `SPECFIRST_SKIP_PRISM=1`: [`start`](Self::start) returns `None` when Prism
///   is not installed, and the test passes without running.
pub struct PrismMock {
    child: Child,
    addr: SocketAddr,
    output: Arc<Mutex<String>>,
    drains: Vec<JoinHandle<()>>,
    started_in: Duration,
    syncs: AtomicU32,
}

impl PrismMock {
    /// How long Prism may take to accept connections.
    const START_TIMEOUT: Duration = Duration::from_secs(60);

    /// Starts Prism on `spec` with static responses (the document's examples).
    pub fn start(spec: &Path) -> Option<PrismMock> {
        PrismMock::start_with(spec, PrismOptions::default())
    }

    /// Starts Prism on `spec` and waits until it accepts connections; fails
    /// the test with Prism's output if it exits or is not ready in time.
    pub fn start_with(spec: &Path, options: PrismOptions) -> Option<PrismMock> {
        let prism = test_tool(
            "Prism",
            "npm/node_modules/.bin/prism",
            "SPECFIRST_PRISM",
            "SPECFIRST_SKIP_PRISM",
        )?;
        // The free port is found by binding port 0 and letting it go: another
        // process can take it before Prism binds it. Prism then exits with
        // EADDRINUSE: try another port.
        let mut attempts = 0;
        loop {
            attempts += 1;
            match PrismMock::launch(&prism, spec, options) {
                Ok(mock) => return Some(mock),
                Err(failure) if failure.contains("EADDRINUSE") && attempts < 3 => {}
                Err(failure) => panic!("Prism on {}: {failure}", spec.display()),
            }
        }
    }

    fn launch(prism: &Path, spec: &Path, options: PrismOptions) -> Result<PrismMock, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("no free port: {e}"));
        let mut cmd = Command::new(prism);
        cmd.args([
            "mock",
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "-v",
            "warn",
        ])
        .arg("--multiprocess=false");
        if options.dynamic {
            cmd.arg("--dynamic");
        }
        cmd.arg(spec)
            .env("NO_COLOR", "1")
            .env_remove("FORCE_COLOR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let began = Instant::now();
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", prism.display()));
        let output = Arc::new(Mutex::new(String::new()));
        let mut drains = Vec::new();
        if let Some(out) = child.stdout.take() {
            drains.push(drain(out, Arc::clone(&output)));
        }
        if let Some(err) = child.stderr.take() {
            drains.push(drain(err, Arc::clone(&output)));
        }
        let mut mock = PrismMock {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            output,
            drains,
            started_in: Duration::ZERO,
            syncs: AtomicU32::new(0),
        };
        loop {
            if let Ok(Some(status)) = mock.child.try_wait() {
                mock.wait_for_drains();
                return Err(format!("Prism exited ({status}):\n{}", mock.raw_output()));
            }
            if TcpStream::connect_timeout(&mock.addr, Duration::from_secs(1)).is_ok() {
                mock.started_in = began.elapsed();
                return Ok(mock);
            }
            if began.elapsed() > PrismMock::START_TIMEOUT {
                return Err(format!(
                    "Prism did not accept connections within {:?}:\n{}",
                    PrismMock::START_TIMEOUT,
                    mock.raw_output()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address Prism listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Prism's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// From spawning Prism to its first accepted connection.
    pub fn started_in(&self) -> Duration {
        self.started_in
    }

    /// Sends one request to Prism; fails the test (with Prism's log) when
    /// there is no response.
    pub fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> HttpResponse {
        http_request(self.addr, method, target, headers, body).unwrap_or_else(|e| {
            panic!(
                "{method} {target} to Prism: {e}\nPrism's log:\n{}",
                self.raw_output()
            )
        })
    }

    /// `GET target` with `headers`.
    pub fn get(&self, target: &str, headers: &[(&str, &str)]) -> HttpResponse {
        self.request("GET", target, headers, b"")
    }

    /// Everything Prism wrote to stdout and stderr so far, one line per log
    /// entry (at `-v warn`: warnings, errors and `Violation:` lines).
    ///
    /// Prism writes a request's log lines through an asynchronous stream,
    /// sometimes after the response has gone out. So that the log holds every
    /// line of the requests answered so far, this first sends a request to a
    /// path no document has (`/__specfirst_log_sync__/N`), then waits (up to 10
    /// s) for Prism to log it: its lines come in order. Those lines are left
    /// out of the result. (Were a document to match that path, the wait would
    /// time out and the log be returned as it is.)
    pub fn log(&self) -> String {
        self.sync();
        self.raw_output()
            .lines()
            .filter(|l| !l.contains(PRISM_SYNC_PATH))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    /// The request and response violations Prism logged so far (its
    /// `Violation:` lines), each without what comes before `Violation: `:
    /// the location then the message, e.g. `request.query.limit Request query
    /// parameter limit must be <= 200` or `response.body Response body must
    /// have required property 'author'`.
    pub fn violations(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter_map(|l| l.split_once("Violation: "))
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    fn sync(&self) {
        let n = self.syncs.fetch_add(1, Ordering::Relaxed);
        let path = format!("{PRISM_SYNC_PATH}{n}");
        if http_request(self.addr, "GET", &path, &[], b"").is_err() {
            return;
        }
        let marker = format!("{path} ");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && !self.raw_output().contains(&marker) {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn raw_output(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Waits (briefly) until the drain threads have read all the output
    /// of a Prism that exited.
    fn wait_for_drains(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && !self.drains.iter().all(JoinHandle::is_finished) {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for PrismMock {
    fn drop(&mut self) {
        // Prism runs as one node process (`--multiprocess=false`): killing
        // it leaves nothing behind. It keeps the test's process group, so an
        // interrupted `cargo test` (Ctrl-C) stops it too.
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.wait_for_drains();
    }
}

/// A thread appending each line `from` writes to `into`.
fn drain(from: impl Read + Send + 'static, into: Arc<Mutex<String>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(from);
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            let mut text = String::from_utf8_lossy(&line).into_owned();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            into.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push_str(&text);
            line.clear();
        }
    })
}
