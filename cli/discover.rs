//! Which files `specfirst lint` checks: named files as given, directories
//! searched for OpenAPI entry documents, glob patterns expanded.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// A problem with an argument (exit status 2).
#[derive(Debug)]
pub struct ArgError(pub String);

/// Expands the `PATH` arguments into files, in a stable order without repeats.
pub fn files(args: &[String]) -> Result<Vec<PathBuf>, ArgError> {
    let mut out = Vec::new();
    for arg in args {
        if arg.contains(['*', '?', '[', '{']) && !Path::new(arg).exists() {
            let found = glob(arg)?;
            if found.is_empty() {
                return Err(ArgError(format!("no files match `{arg}`")));
            }
            out.extend(found);
            continue;
        }
        let path = PathBuf::from(arg);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => out.extend(search_dir(&path, None)),
            Ok(_) => out.push(path),
            Err(e) => return Err(ArgError(format!("cannot read `{arg}`: {e}"))),
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(std::path::absolute(p).unwrap_or_else(|_| p.clone())));
    Ok(out)
}

fn glob(pattern: &str) -> Result<Vec<PathBuf>, ArgError> {
    let matcher = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| ArgError(format!("invalid glob `{pattern}`: {e}")))?
        .compile_matcher();
    // Walk from the longest directory prefix without glob characters.
    let literal: PathBuf = Path::new(pattern)
        .components()
        .take_while(|c| {
            !c.as_os_str()
                .to_string_lossy()
                .contains(['*', '?', '[', '{'])
        })
        .collect();
    let base = if literal.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        literal
    };
    Ok(search_dir(
        &base,
        Some(&|p: &Path| {
            let shown = p.strip_prefix("./").unwrap_or(p);
            matcher.is_match(shown)
        }),
    ))
}

/// Files under `dir`, sorted; with `keep`, those it accepts (any extension),
/// else YAML/JSON files that start an OpenAPI document.
fn search_dir(dir: &Path, keep: Option<&dyn Fn(&Path) -> bool>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .sort_by_file_path(Ord::cmp)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| match keep {
            Some(f) => f(p),
            None => is_spec_file(p),
        })
        .collect();
    out.sort();
    out
}

fn is_spec_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("yaml" | "yml" | "json")) {
        return false;
    }
    if path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".specfirst"))
    {
        return false;
    }
    looks_like_openapi(path)
}

/// Whether the start of a file has a top-level `openapi` or `swagger` key.
fn looks_like_openapi(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return true; // let the loader report why it cannot be read
    };
    let mut head = Vec::new();
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return true;
    }
    let text = String::from_utf8_lossy(&head);
    text.lines().any(|l| {
        l.starts_with("openapi:") || l.starts_with("swagger:") || l.starts_with("\"openapi\":")
    }) || text.contains("\"openapi\"")
        || text.contains("\"swagger\"")
}
