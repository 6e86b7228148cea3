//! Running the real binary in temporary directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
