//! The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit
//! (installed by scripts/install-test-tools.sh) as a user's repository runs
//! them: pre-commit builds specfirst from this repository with
//! `cargo install --bins --path .` (`language: rust`) and runs the hooks on
//! the files of a temporary git repository.
//!
//! The working tree as it is on disk (tracked and untracked files, less those
//! git ignores) is committed into a snapshot repository under
//! `$CARGO_TARGET_TMPDIR/pre-commit` with fixed dates, so the same sources
//! give the same commit: pre-commit's cache (`PRE_COMMIT_HOME`, beside it)
//! then reuses the built hook, and only a change of the sources rebuilds it.
//! (`pre-commit try-repo` cannot do that: it installs into a new temporary
//! cache on every run, and leaves untracked files out.) The release build
//! goes to a target directory kept there too, so a rebuild compiles only
//! specfirst's own crates, incrementally and without LTO (`CARGO_PROFILE_*`
//! for the nested cargo only); `CARGO_HOME` is the user's, so no crate is
//! downloaded again. `cargo install` resolves the dependencies afresh
//! (pre-commit passes no `--locked`), so it asks crates.io's index, as it does
//! for users.
//!
//! Environment:
//! - `SPECFIRST_PRECOMMIT`: the `pre-commit` to run (default: the one
//!   scripts/install-test-tools.sh installs, in
//!   `${SPECFIRST_TOOLS_DIR:-.scratch/tools}/venv/bin`);
//! - `SPECFIRST_SKIP_PRECOMMIT=1`: pass without running when pre-commit is
//!   not installed (quick local runs; the test fails otherwise).

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Dir, repo, test_tool};

/// The first run builds specfirst in release mode: minutes on two cores.
const INSTALL_TIMEOUT: Duration = Duration::from_secs(40 * 60);
const RUN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// An unresolved `$ref` (an error) at 7:23.
const BAD: &str = "openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200': {$ref: '#/components/responses/Missing'}
";

const CLEAN: &str = "openapi: 3.1.0
info: {title: Pets, version: '1'}
paths: {}
";

/// YAML that is not OpenAPI, which neither hook must lint.
const WORKFLOW: &str = "on: push\njobs: {}\n";

/// Where pre-commit is, or `None` to skip (only when asked to).
fn pre_commit() -> Option<PathBuf> {
    test_tool(
        "pre-commit",
        "venv/bin/pre-commit",
        "SPECFIRST_PRECOMMIT",
        "SPECFIRST_SKIP_PRECOMMIT",
    )
}

/// A command without the variables cargo sets for this test (they would
/// leak into the nested `cargo install`) or that git sets in a hook.
fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    for (key, _) in std::env::vars_os() {
        let Some(key) = key.to_str() else { continue };
        let cargo_set = [
            "CARGO_PKG_",
            "CARGO_BIN_",
            "CARGO_CRATE_",
            "CARGO_MANIFEST_",
            "CARGO_PRIMARY_PACKAGE",
            "CARGO_TARGET_TMPDIR",
            "CARGO_RUSTC_CURRENT_DIR",
            "OUT_DIR",
        ]
        .iter()
        .any(|p| key.starts_with(p));
        let git_set = key.starts_with("GIT_") || key.starts_with("PRE_COMMIT");
        if cargo_set || git_set {
            cmd.env_remove(key);
        }
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

struct Output {
    code: i32,
    /// stdout and stderr, interleaved.
    text: String,
    took: Duration,
}

/// Runs `cmd` with its output in a file (no pipe to fill up), killing it
/// after `timeout`.
fn run(mut cmd: Command, log: &Path, timeout: Duration) -> Output {
    let file = std::fs::File::create(log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
    let file2 = file
        .try_clone()
        .unwrap_or_else(|e| panic!("{}: {e}", log.display()));
    let shown = format!("{cmd:?}");
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(file2)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let text = std::fs::read_to_string(log).unwrap_or_default();
                panic!("{shown} did not finish in {timeout:?}:\n{text}");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("{shown}: {e}"),
        }
    };
    Output {
        code: status.code().unwrap_or(-1),
        text: std::fs::read_to_string(log).unwrap_or_default(),
        took: start.elapsed(),
    }
}

/// Runs git in `dir` (with `env`); returns its standard output.
fn git(dir: &Path, env: &[(&str, &OsStr)], args: &[&str]) -> String {
    let out = command("git")
        .current_dir(dir)
        .envs(env.iter().copied())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run git: {e}"));
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Commits the working tree into a bare repository at `git_dir`; returns the
/// commit, the same for the same files.
fn snapshot(git_dir: &Path) -> String {
    if !git_dir.join("HEAD").is_file() {
        std::fs::create_dir_all(git_dir).unwrap_or_else(|e| panic!("{}: {e}", git_dir.display()));
        git(git_dir, &[], &["init", "--quiet", "--bare"]);
    }
    let work_tree = repo();
    let (name, email, date) = (
        OsStr::new("specfirst tests"),
        OsStr::new("tests@specfirst.invalid"),
        OsStr::new("2000-01-01T00:00:00Z"),
    );
    let env = [
        ("GIT_DIR", git_dir.as_os_str()),
        ("GIT_WORK_TREE", work_tree.as_os_str()),
        ("GIT_AUTHOR_NAME", name),
        ("GIT_AUTHOR_EMAIL", email),
        ("GIT_AUTHOR_DATE", date),
        ("GIT_COMMITTER_NAME", name),
        ("GIT_COMMITTER_EMAIL", email),
        ("GIT_COMMITTER_DATE", date),
    ];
    git(&work_tree, &env, &["add", "--all"]);
    let tree = git(&work_tree, &env, &["write-tree"]);
    let commit = git(
        &work_tree,
        &env,
        &["commit-tree", &tree, "-m", "specfirst working tree"],
    );
    git(&work_tree, &env, &["update-ref", "HEAD", &commit]);
    commit
}

#[test]
fn hooks_run_under_pre_commit() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let state = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit");
    let rev = snapshot(&state.join("snapshot.git"));

    // A user's repository: two specs and a CI workflow.
    let user = Dir::new();
    user.write("specs/bad.yaml", BAD);
    user.write("specs/clean.yaml", CLEAN);
    user.write(".github/workflows/ci.yml", WORKFLOW);
    user.write(
        ".pre-commit-config.yaml",
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: specfirst-lint\n        files: ^specs/\n      - id: specfirst-lint-all\n",
            state.join("snapshot.git").display()
        ),
    );
    git(user.path(), &[], &["init", "--quiet"]);
    git(user.path(), &[], &["add", "--all"]);

    let logs = Dir::new();
    let mut n = 0;
    let mut hook = |args: &[&str], timeout: Duration| -> Output {
        n += 1;
        let mut cmd = command(&pre_commit);
        cmd.current_dir(user.path())
            .env("PRE_COMMIT_HOME", state.join("home"))
            .env("CARGO_TARGET_DIR", state.join("cargo-target"))
            // The hook's wiring is under test, not the optimiser: a fast,
            // incremental release build (34 s instead of 3 min after an edit).
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
            .args(["run", "--color", "never"])
            .args(args);
        let out = run(cmd, &logs.path().join(format!("{n}.log")), timeout);
        let _ = writeln!(
            std::io::stderr(),
            "pre-commit run {}: exit {} in {:.1?}",
            args.join(" "),
            out.code,
            out.took
        );
        out
    };

    // The first run builds and installs the hook (unless it is cached).
    let bad = hook(
        &["specfirst-lint", "--files", "specs/bad.yaml"],
        INSTALL_TIMEOUT,
    );
    assert_eq!(bad.code, 1, "{}", bad.text);
    assert!(bad.text.contains("error[OAS-002]"), "{}", bad.text);
    assert!(bad.text.contains("specs/bad.yaml:7:23"), "{}", bad.text);
    assert!(bad.text.contains("Failed"), "{}", bad.text);

    // The workflow is outside `files:`, so only the clean spec is linted.
    let clean = hook(
        &[
            "specfirst-lint",
            "--files",
            "specs/clean.yaml",
            ".github/workflows/ci.yml",
        ],
        RUN_TIMEOUT,
    );
    assert_eq!(clean.code, 0, "{}", clean.text);
    assert!(clean.text.contains("Passed"), "{}", clean.text);

    // specfirst-lint-all lints every OpenAPI document whatever the files
    // changed, and nothing else.
    let all = hook(
        &["specfirst-lint-all", "--files", "specs/clean.yaml"],
        RUN_TIMEOUT,
    );
    assert_eq!(all.code, 1, "{}", all.text);
    assert!(all.text.contains("specs/bad.yaml:7:23"), "{}", all.text);
    assert!(all.text.contains("in 2 files"), "{}", all.text);
    assert!(!all.text.contains("ci.yml"), "{}", all.text);

    user.write("specs/bad.yaml", CLEAN);
    git(user.path(), &[], &["add", "--all"]);
    let fixed = hook(&["--all-files"], RUN_TIMEOUT);
    assert_eq!(fixed.code, 0, "{}", fixed.text);
    assert_eq!(fixed.text.matches("Passed").count(), 2, "{}", fixed.text);

    // Drop the hooks built from earlier sources from pre-commit's cache.
    let mut gc = command(&pre_commit);
    gc.current_dir(user.path())
        .env("PRE_COMMIT_HOME", state.join("home"))
        .arg("gc");
    let gc = run(gc, &logs.path().join("gc.log"), RUN_TIMEOUT);
    assert_eq!(gc.code, 0, "{}", gc.text);
}
