//! The IR of whole documents, snapshotted as a compact outline.

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use specfirst_diagnostics::SourceMap;
use specfirst_ir::{Api, Shape};
use specfirst_source::{LoadOptions, Loader};

fn build(path: &Path) -> Api {
    let loader = Loader::new(Arc::new(SourceMap::new()), LoadOptions::default());
    let loaded = loader.load(path);
    let bundle = loaded
        .bundle
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    specfirst_ir::build(&bundle)
}

/// One line per operation, parameter, body, response and type.
fn outline(api: &Api) -> String {
    let mut out = String::new();
    for op in &api.operations {
        let deprecated = if op.deprecated { " (deprecated)" } else { "" };
        writeln!(
            out,
            "{} {} -> fn {} / {}{deprecated}",
            op.method, op.path, op.fn_name, op.type_prefix
        )
        .unwrap();
        for p in &op.parameters {
            writeln!(
                out,
                "  {} {} -> {}: {} [{}{}] schema={:?}",
                p.location,
                p.name,
                p.ident,
                p.rust,
                p.style,
                if p.explode { ", explode" } else { "" },
                p.schema_key
            )
            .unwrap();
        }
        writeln!(
            out,
            "  client: path {:?} {:?} accept {:?}",
            op.path_format,
            op.path_args,
            op.accept
                .iter()
                .map(|a| format!("{} v{:?}", a.media_type, a.version))
                .collect::<Vec<_>>()
        )
        .unwrap();
        if let Some(page) = &op.page {
            writeln!(
                out,
                "  page: {:?}/{:?} item {} enum {:?}",
                page.offset_param, page.limit_param, page.item, page.item_enum
            )
            .unwrap();
            for i in &page.items {
                writeln!(
                    out,
                    "    {:?}.{:?}{}: {}",
                    i.variant,
                    i.field,
                    if i.optional { "?" } else { "" },
                    i.rust
                )
                .unwrap();
            }
        }
        if let Some(b) = &op.body {
            writeln!(out, "  body: {}", b.rust).unwrap();
            for c in &b.contents {
                writeln!(
                    out,
                    "    {} v{:?}: {} variant={:?} schema={:?}",
                    c.media_type, c.version, c.rust, c.variant, c.schema_key
                )
                .unwrap();
            }
        }
        for r in &op.responses {
            writeln!(
                out,
                "  {} {}: {}{}",
                r.status,
                r.variant,
                r.rust.as_deref().unwrap_or("-"),
                if r.success { " (success)" } else { "" }
            )
            .unwrap();
            for h in &r.headers {
                writeln!(out, "    header {} -> {}: {}", h.name, h.ident, h.rust).unwrap();
            }
            for c in &r.contents {
                writeln!(out, "    {} v{:?}: {}", c.media_type, c.version, c.rust).unwrap();
            }
        }
    }
    for d in &api.types.defs {
        let side = match (d.input, d.output) {
            (true, true) => "in, out",
            (true, false) => "in",
            (false, true) => "out",
            (false, false) => "unused",
        };
        match &d.shape {
            Shape::Struct {
                fields, additional, ..
            } => {
                writeln!(out, "struct {} [{side}]", d.name).unwrap();
                for f in fields {
                    let skip = if f.skip_if_none {
                        " (skip if none)"
                    } else {
                        ""
                    };
                    writeln!(out, "  {} = {}: {}{skip}", f.wire, f.ident, f.rust).unwrap();
                }
                if let Some(a) = additional {
                    writeln!(out, "  ..: {a}").unwrap();
                }
            }
            Shape::Enum { variants } => {
                writeln!(out, "enum {} [{side}]", d.name).unwrap();
                for v in variants {
                    writeln!(out, "  {} = {:?}", v.ident, v.wire).unwrap();
                }
            }
            Shape::Union { tag, variants } => {
                writeln!(out, "union {} tag={tag:?} [{side}]", d.name).unwrap();
                for v in variants {
                    writeln!(out, "  {}({}) {:?}", v.ident, v.rust, v.tags).unwrap();
                }
            }
        }
    }
    for s in &api.security_schemes {
        writeln!(
            out,
            "security {} -> {} [{}] {} {}",
            s.name, s.ident, s.kind, s.location, s.value
        )
        .unwrap();
    }
    for w in &api.warnings {
        writeln!(out, "warning[{}]: {}", w.code, w.message).unwrap();
    }
    out
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
}

#[test]
fn client_data() {
    insta::assert_snapshot!(fixture("client-data"));
}

#[test]
fn bookstore() {
    let api = build(&repo().join("specs/bookstore.yaml"));
    insta::assert_snapshot!(outline(&api));
}

fn fixture(name: &str) -> String {
    outline(&build(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.yaml")),
    ))
}

#[test]
fn reachable_types() {
    insta::assert_snapshot!(fixture("reachable-types"));
}

#[test]
fn no_operations() {
    insta::assert_snapshot!(fixture("no-operations"));
}

#[test]
fn parameter_locals() {
    insta::assert_snapshot!(fixture("parameter-locals"));
}

/// Every `$ref` of the validation schemas points at one of its `$defs`.
fn refs_resolve(v: &serde_json::Value, defs: &serde_json::Map<String, serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(|r| r.as_str()) {
                let key = r.strip_prefix("#/$defs/").unwrap();
                assert!(defs.contains_key(key), "{r} dangles");
            }
            m.values().for_each(|c| refs_resolve(c, defs));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|c| refs_resolve(c, defs)),
        _ => {}
    }
}

#[test]
fn bookstore_validation_schemas() {
    let api = build(&repo().join("specs/bookstore.yaml"));
    let defs = api.schemas["$defs"].as_object().unwrap();
    refs_resolve(&api.schemas, defs);
    let keys: Vec<&String> = defs.keys().collect();
    insta::assert_snapshot!(format!(
        "{keys:?}\n{}",
        serde_json::to_string_pretty(&defs["BookInputV2"]).unwrap()
    ));
}

#[test]
fn the_ir_is_deterministic() {
    let path = repo().join("specs/bookstore.yaml");
    let a = serde_json::to_string(&build(&path)).unwrap();
    let b = serde_json::to_string(&build(&path)).unwrap();
    assert_eq!(a, b);
}
