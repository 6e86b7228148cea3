//! The write plan: what a target's files should contain, and applying it to
//! an output directory without ever writing outside it.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use similar::TextDiff;

use crate::{CodegenError, GENERATED_MARKER, Ownership, Result};

/// One file of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    /// Relative to the output directory.
    pub path: PathBuf,
    /// The complete contents.
    pub contents: String,
    /// Who owns the file.
    pub ownership: Ownership,
}

/// Every file a target produces, and where its stale files may be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The files, in manifest order.
    pub files: Vec<PlannedFile>,
    /// Directories (relative to the output directory) where files carrying
    /// the `@generated` header that the plan no longer produces are stale.
    pub generated_dirs: Vec<PathBuf>,
}

/// Whether [`Plan::apply`] changes the output directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Create, update and delete files.
    Write,
    /// Change nothing; report what `Write` would do, with diffs.
    Check,
}

/// What happens (or, in [`Mode::Check`], would happen) to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The file does not exist and is created.
    Create,
    /// A generated file whose content differs is rewritten.
    Update,
    /// A generated file already has the planned content; it is not touched.
    Unchanged,
    /// A scaffold file exists; it belongs to the user and is not touched.
    KeepScaffold,
    /// A file under a generated directory carries the `@generated` header but
    /// is no longer produced: it is deleted.
    Delete,
}

/// The outcome for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// Relative to the output directory.
    pub path: PathBuf,
    /// Who owns the file (stale files are [`Ownership::Generated`]).
    pub ownership: Ownership,
    /// What happens to it.
    pub action: Action,
    /// In [`Mode::Check`], for `Create`, `Update` and `Delete`: a unified
    /// diff from the current content to the planned one.
    pub diff: Option<String>,
}

/// What [`Plan::apply`] did or would do: planned files in plan order, then
/// stale files in path order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The mode the plan was applied in.
    pub mode: Mode,
    /// One entry per planned or stale file.
    pub files: Vec<FileReport>,
}

impl Report {
    /// Generated files that are missing, differ or are stale: in
    /// [`Mode::Check`], the output directory is out of date when this is not
    /// empty (a missing scaffold file does not count: it is the user's).
    pub fn stale(&self) -> impl Iterator<Item = &FileReport> {
        self.files.iter().filter(|f| {
            f.ownership == Ownership::Generated
                && matches!(f.action, Action::Create | Action::Update | Action::Delete)
        })
    }

    /// Whether any generated file is missing, differs or is stale.
    pub fn is_stale(&self) -> bool {
        self.stale().next().is_some()
    }
}

/// Whether `contents` starts with the `@generated` header line (`// ` or `# `
/// followed by [`GENERATED_MARKER`]).
pub fn is_generated(contents: &str) -> bool {
    contents.lines().next().is_some_and(|line| {
        ["// ", "# "].iter().any(|comment| {
            line.strip_prefix(comment)
                .is_some_and(|rest| rest.starts_with(GENERATED_MARKER))
        })
    })
}

/// `Ok` when `path` is a plain relative path: not empty, and only normal
/// components (no root, prefix, `.` or `..`).
pub(crate) fn check_relative(path: &Path) -> std::result::Result<(), String> {
    if path.as_os_str().is_empty() {
        return Err("is empty".to_owned());
    }
    if path.is_absolute() || path.has_root() {
        return Err("is absolute".to_owned());
    }
    for component in path.components() {
        match component {
            Component::Normal(_) => {}
            Component::ParentDir => return Err("contains `..`".to_owned()),
            Component::CurDir => return Err("contains `.`".to_owned()),
            Component::RootDir | Component::Prefix(_) => return Err("is absolute".to_owned()),
        }
    }
    Ok(())
}

impl Plan {
    /// Applies the plan to `out_dir` (created in [`Mode::Write`] if absent).
    ///
    /// Every path is checked first: a path that is not plain relative, that
    /// is listed twice, that ends in a symbolic link or a directory, or whose
    /// existing parent directories resolve (through symbolic links) outside
    /// `out_dir` fails the whole plan before anything is written. Generated
    /// files are rewritten only when their content differs; scaffold files
    /// are only created; stale generated files are deleted. Each write goes
    /// to a temporary file in the same directory, then is renamed into place.
    pub fn apply(&self, out_dir: &Path, mode: Mode) -> Result<Report> {
        let mut planned = BTreeSet::new();
        for file in &self.files {
            unsafe_path(&file.path, check_relative(&file.path))?;
            if !planned.insert(file.path.clone()) {
                return Err(refuse(&file.path, "is planned twice"));
            }
        }
        for dir in &self.generated_dirs {
            unsafe_path(dir, check_relative(dir))?;
        }

        // A missing output directory holds nothing to check against.
        let root = match fs::canonicalize(out_dir) {
            Ok(root) => Some(root),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_error("resolve", out_dir)(e)),
        };

        let mut files = Vec::with_capacity(self.files.len());
        let mut writes = Vec::new();
        for file in &self.files {
            let current = match &root {
                Some(root) => read_existing(root, &file.path)?,
                None => None,
            };
            let action = match (file.ownership, &current) {
                (_, None) => Action::Create,
                (Ownership::Scaffold, Some(_)) => Action::KeepScaffold,
                (Ownership::Generated, Some(old)) if old == &file.contents => Action::Unchanged,
                (Ownership::Generated, Some(_)) => Action::Update,
            };
            let diff = (mode == Mode::Check && matches!(action, Action::Create | Action::Update))
                .then(|| {
                    unified_diff(&file.path, current.as_deref().unwrap_or(""), &file.contents)
                });
            if matches!(action, Action::Create | Action::Update) {
                writes.push(file);
            }
            files.push(FileReport {
                path: file.path.clone(),
                ownership: file.ownership,
                action,
                diff,
            });
        }

        let mut stale = Vec::new();
        if let Some(root) = &root {
            for dir in &self.generated_dirs {
                find_stale(root, dir, &planned, &mut stale)?;
            }
        }
        stale.sort();
        stale.dedup_by(|a, b| a.0 == b.0);

        if mode == Mode::Write {
            // Everything is checked: only now is anything created.
            let root = match root {
                Some(root) => root,
                None => {
                    fs::create_dir_all(out_dir).map_err(io_error("create directory", out_dir))?;
                    fs::canonicalize(out_dir).map_err(io_error("resolve", out_dir))?
                }
            };
            for file in writes {
                write_atomic(&root.join(&file.path), file.contents.as_bytes())?;
            }
            for (path, _) in &stale {
                let full = root.join(path);
                fs::remove_file(&full).map_err(io_error("delete", &full))?;
            }
        }
        for (path, old) in stale {
            let diff = (mode == Mode::Check).then(|| unified_diff(&path, &old, ""));
            files.push(FileReport {
                path,
                ownership: Ownership::Generated,
                action: Action::Delete,
                diff,
            });
        }
        Ok(Report { mode, files })
    }
}

fn refuse(path: &Path, reason: impl Into<String>) -> CodegenError {
    CodegenError::UnsafePath {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn unsafe_path(path: &Path, check: std::result::Result<(), String>) -> Result<()> {
    check.map_err(|reason| refuse(path, reason))
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> CodegenError + use<> {
    let path = path.to_path_buf();
    move |source| CodegenError::Io {
        action,
        path,
        source,
    }
}

/// Checks that the existing directories on the way to `root/rel` stay inside
/// `root` (following symbolic links) and that `root/rel` itself is not a
/// symbolic link or a directory; returns its content when it exists.
fn read_existing(root: &Path, rel: &Path) -> Result<Option<String>> {
    let mut current = root.to_path_buf();
    let components: Vec<Component<'_>> = rel.components().collect();
    let Some((last, parents)) = components.split_last() else {
        return Err(refuse(rel, "is empty"));
    };
    for component in parents {
        current.push(component);
        match fs::symlink_metadata(&current) {
            Ok(_) => {
                let resolved = fs::canonicalize(&current).map_err(io_error("resolve", &current))?;
                if !resolved.starts_with(root) {
                    return Err(refuse(
                        rel,
                        format!(
                            "`{}` resolves outside the output directory",
                            current.display()
                        ),
                    ));
                }
                if !resolved.is_dir() {
                    return Err(refuse(
                        rel,
                        format!("`{}` is not a directory", current.display()),
                    ));
                }
                current = resolved;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error("inspect", &current)(e)),
        }
    }
    current.push(last);
    match fs::symlink_metadata(&current) {
        Ok(meta) if meta.file_type().is_symlink() => Err(refuse(rel, "is a symbolic link")),
        Ok(meta) if meta.is_dir() => Err(refuse(rel, "is a directory")),
        Ok(_) => {
            let bytes = fs::read(&current).map_err(io_error("read", &current))?;
            // A file that is not UTF-8 differs from any planned content.
            Ok(Some(String::from_utf8(bytes).unwrap_or_else(|e| {
                String::from_utf8_lossy(e.as_bytes()).into_owned() + "\u{fffd}"
            })))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("inspect", &current)(e)),
    }
}

/// Files under `root/dir` (recursively, not following symbolic links) that
/// carry the `@generated` marker and are not planned, with their content.
fn find_stale(
    root: &Path,
    dir: &Path,
    planned: &BTreeSet<PathBuf>,
    stale: &mut Vec<(PathBuf, String)>,
) -> Result<()> {
    let full = root.join(dir);
    match fs::symlink_metadata(&full) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse(dir, "generated directory is a symbolic link"));
        }
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error("inspect", &full)(e)),
    }
    let resolved = fs::canonicalize(&full).map_err(io_error("resolve", &full))?;
    if !resolved.starts_with(root) {
        return Err(refuse(
            dir,
            "generated directory resolves outside the output directory",
        ));
    }
    walk_stale(root, dir, planned, stale, 0)
}

fn walk_stale(
    root: &Path,
    rel_dir: &Path,
    planned: &BTreeSet<PathBuf>,
    stale: &mut Vec<(PathBuf, String)>,
    depth: usize,
) -> Result<()> {
    const MAX_DEPTH: usize = 32;
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let full = root.join(rel_dir);
    for entry in fs::read_dir(&full).map_err(io_error("read directory", &full))? {
        let entry = entry.map_err(io_error("read directory", &full))?;
        let rel = rel_dir.join(entry.file_name());
        let file_type = entry
            .file_type()
            .map_err(io_error("inspect", &entry.path()))?;
        if file_type.is_dir() {
            walk_stale(root, &rel, planned, stale, depth + 1)?;
        } else if file_type.is_file() && !planned.contains(&rel) {
            let path = entry.path();
            // Unreadable or non-UTF-8 files are not ours.
            if let Ok(contents) = fs::read_to_string(&path)
                && is_generated(&contents)
            {
                stale.push((rel, contents));
            }
        }
    }
    Ok(())
}

fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display();
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Writes `contents` to a new temporary file next to `path`, then renames it
/// over `path`: readers see the old or the new file, never a partial one.
fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(refuse(path, "has no file name"));
    };
    fs::create_dir_all(dir).map_err(io_error("create directory", dir))?;
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(
            ".{}.{}-{n}.specfirst-tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(io_error("create", &tmp)(e)),
        }
    };
    let result = file
        .write_all(contents)
        .and_then(|()| file.flush())
        .map_err(io_error("write", &tmp))
        .and_then(|()| fs::rename(&tmp, path).map_err(io_error("write", path)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn generated(path: &str, contents: &str) -> PlannedFile {
        PlannedFile {
            path: path.into(),
            contents: contents.to_owned(),
            ownership: Ownership::Generated,
        }
    }

    #[test]
    fn relative_paths() {
        assert!(check_relative(Path::new("src/generated/a.rs")).is_ok());
        assert_eq!(check_relative(Path::new("")), Err("is empty".to_owned()));
        assert_eq!(
            check_relative(Path::new("/etc/passwd")),
            Err("is absolute".to_owned())
        );
        assert_eq!(
            check_relative(Path::new("src/../../x")),
            Err("contains `..`".to_owned())
        );
        assert_eq!(
            check_relative(Path::new("./x")),
            Err("contains `.`".to_owned())
        );
    }

    #[test]
    fn marker_on_first_line_only() {
        assert!(is_generated(
            "// @generated by specfirst 1 from a. DO NOT EDIT.\nfn a() {}"
        ));
        assert!(is_generated(
            "# @generated by specfirst 1 from a. DO NOT EDIT.\n"
        ));
        assert!(!is_generated("fn a() {}\n// @generated by specfirst"));
        assert!(!is_generated(""));
        assert!(!is_generated(
            "/// Mentions @generated by specfirst in passing\n"
        ));
    }

    #[test]
    fn check_on_a_missing_directory_reports_creations() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("missing");
        let plan = Plan {
            files: vec![generated("a.rs", "x\n")],
            generated_dirs: vec!["src/generated".into()],
        };
        let report = plan.apply(&out, Mode::Check).unwrap();
        assert!(!out.exists());
        assert_eq!(report.files[0].action, Action::Create);
        assert!(report.files[0].diff.as_deref().unwrap().contains("+x"));
        assert!(report.is_stale());
    }

    #[test]
    fn write_creates_the_output_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a/b");
        let plan = Plan {
            files: vec![generated("src/x.rs", "x\n")],
            generated_dirs: vec!["src/generated".into()],
        };
        let report = plan.apply(&out, Mode::Write).unwrap();
        assert_eq!(report.files[0].action, Action::Create);
        assert_eq!(fs::read_to_string(out.join("src/x.rs")).unwrap(), "x\n");
    }

    #[test]
    fn refused_plan_does_not_create_the_output_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let plan = Plan {
            files: vec![generated("../x", "x")],
            generated_dirs: vec![],
        };
        assert!(plan.apply(&out, Mode::Write).is_err());
        assert!(!out.exists());
    }

    #[test]
    fn a_file_where_a_directory_is_planned_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("src"), "").unwrap();
        let plan = Plan {
            files: vec![generated("src/a.rs", "x")],
            generated_dirs: vec![],
        };
        let err = plan.apply(dir.path(), Mode::Write).unwrap_err();
        assert!(err.to_string().contains("not a directory"), "{err}");
    }

    #[test]
    fn duplicate_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let plan = Plan {
            files: vec![generated("a.rs", "1"), generated("a.rs", "2")],
            generated_dirs: vec![],
        };
        assert!(matches!(
            plan.apply(dir.path(), Mode::Write),
            Err(CodegenError::UnsafePath { .. })
        ));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_dir(dir.path().join("a")).unwrap().count(), 1);
    }
}
