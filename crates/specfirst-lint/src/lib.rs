//! The specfirst rule engine.
//!
//! [`lint`] builds the [`Model`] of a loaded [`Bundle`] in one walk, runs the
//! hooks of every enabled rule over it, drops findings suppressed with
//! `x-specfirst-ignore`, and returns the rest in a deterministic order.
//! Each rule is one file under `rules/`, declared with [`declare_rule!`].

pub mod context;
pub mod defs;
pub mod model;
pub mod profiles;
mod registry;
pub mod rule;
pub mod rulebook;
pub mod rules;
mod settings;
pub mod structure;

use rayon::prelude::*;
use serde_json::Value;
use specfirst_diagnostics::Diagnostic;
use specfirst_source::{Bundle, pointer};

pub use context::Context;
pub use model::Model;
pub use registry::{ALL_RULES, find_rule};
pub use rule::{Rule, RuleMeta};
pub use settings::{PROFILES, Settings};

/// Lints one bundle with the enabled rules of `settings`.
#[must_use]
pub fn lint(bundle: &Bundle, settings: &Settings) -> Vec<Diagnostic> {
    let mut model = Model::build(bundle);
    model.classify(bundle, &settings.options);
    // Rules are independent: run them in parallel (one large document is
    // otherwise linted on one core), then merge and sort their findings.
    let per_rule: Vec<Vec<Diagnostic>> = ALL_RULES
        .par_iter()
        .filter_map(|rule| {
            let meta = rule.meta();
            let severity = settings.severity(meta.code)?;
            let mut cx = Context {
                bundle,
                model: &model,
                options: &settings.options,
                current: Some((meta, severity)),
                diagnostics: Vec::new(),
            };
            rule.check_document(&mut cx);
            for item in &model.path_items {
                rule.check_path_item(&mut cx, item);
            }
            for op in &model.operations {
                rule.check_operation(&mut cx, op);
            }
            for schema in &model.schemas {
                rule.check_schema(&mut cx, schema);
            }
            Some(cx.diagnostics)
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = per_rule.into_iter().flatten().collect();
    diagnostics.retain(|d| !is_suppressed(bundle, d));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    diagnostics
}

/// Whether the node a finding is reported on, or one of its ancestors, lists
/// the finding's code in `x-specfirst-ignore`.
fn is_suppressed(bundle: &Bundle, d: &Diagnostic) -> bool {
    let Some(doc) = bundle
        .documents()
        .iter()
        .find(|doc| doc.file() == d.location.file)
    else {
        return false;
    };
    let ignores = |node: &Value| {
        node.get("x-specfirst-ignore")
            .and_then(Value::as_array)
            .is_some_and(|list| {
                list.iter()
                    .any(|c| c.as_str().is_some_and(|c| c == d.code || c == d.name))
            })
    };
    let mut node = doc.value();
    if ignores(node) {
        return true;
    }
    for token in pointer::tokens(&d.location.pointer) {
        let next = match node {
            Value::Object(map) => map.get(token.as_ref()),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        node = next;
        if ignores(node) {
            return true;
        }
    }
    false
}
