//! Embeds every file under the repository's `templates/` directory into the
//! crate: generates `$OUT_DIR/embedded_templates.rs`, a sorted table of
//! `(name, include_str!(absolute path))` where `name` is the path relative to
//! `templates/` with `/` separators (`server-axum/router.rs.tera`), plus the
//! modules of `specfirst-runtime` as `runtime/<module>.rs` and those of
//! `specfirst-client-runtime` as `client-runtime/<module>.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.join("../../templates");
    println!("cargo:rerun-if-changed={}", root.display());

    let mut files = Vec::new();
    if root.is_dir() {
        collect(&root, "", &mut files);
    }
    // The runtime support modules, copied verbatim into generated crates
    // (`runtime/<module>.rs`); `lib.rs` is the crate root, not a module.
    // Server and client runtimes are separate crates (the client's must not
    // depend on axum).
    for (dir, prefix) in [
        ("../specfirst-runtime/src", "runtime/"),
        ("../specfirst-client-runtime/src", "client-runtime/"),
    ] {
        let runtime = manifest_dir.join(dir);
        println!("cargo:rerun-if-changed={}", runtime.display());
        let mut modules = Vec::new();
        collect(&runtime, prefix, &mut modules);
        let lib = format!("{prefix}lib.rs");
        files.extend(modules.into_iter().filter(|(name, _)| *name != lib));
    }
    files.sort();

    let mut out = String::from("pub(crate) static EMBEDDED: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let path = path
            .to_str()
            .expect("template paths are UTF-8 (checked while walking)");
        writeln!(out, "    ({name:?}, include_str!({path:?})),").expect("write to String");
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    fs::write(out_dir.join("embedded_templates.rs"), out).expect("write embedded_templates.rs");
}

/// Regular files under `dir`, recursively; hidden entries and `README.md`
/// files (documentation of the tree, not templates) are skipped.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            println!(
                "cargo:warning=skipping template with a non-UTF-8 name in {}",
                dir.display()
            );
            continue;
        };
        if file_name.starts_with('.') || file_name == "README.md" {
            continue;
        }
        let name = format!("{prefix}{file_name}");
        let path = entry.path();
        let file_type = entry
            .file_type()
            .unwrap_or_else(|e| panic!("stat {}: {e}", path.display()));
        if file_type.is_dir() {
            collect(&path, &format!("{name}/"), files);
        } else if file_type.is_file() {
            let absolute = fs::canonicalize(&path)
                .unwrap_or_else(|e| panic!("canonicalize {}: {e}", path.display()));
            if absolute.to_str().is_none() {
                println!(
                    "cargo:warning=skipping template with a non-UTF-8 path: {}",
                    path.display()
                );
                continue;
            }
            files.push((name, absolute));
        }
    }
}
