use std::collections::HashMap;

use serde_json::Value;

use super::walk_documents;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no `enum` (of a schema, a server variable, anywhere in the
    /// document) lists the same value twice. Spectral: `duplicated-entry-in-enum`.
    ///
    /// ## Why is this bad?
    /// JSON Schema asks for unique `enum` values. A repeated value is usually a
    /// typo of another one (which is then missing), and generators that make one
    /// constant per value fail on the duplicate.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Status: {type: string, enum: [available, sold, available]}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Status: {type: string, enum: [available, sold, pending]}
    /// ```
    pub DuplicateEnumValue {
        code: "OAS-013",
        name: "duplicate-enum-value",
        category: "oas",
        severity: Warning,
        summary: "An `enum` lists the same value twice.",
    }
}

impl Rule for DuplicateEnumValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut found: Vec<(&Value, usize, usize)> = Vec::new();
        walk_documents(cx, |key, _, v| {
            if key == Some("properties") {
                return;
            }
            let Some(values) = v.get("enum").and_then(Value::as_array) else {
                return;
            };
            if let Some((i, j)) = first_duplicate(values) {
                found.push((v, i, j));
            }
        });
        for (schema, i, j) in found {
            let Some(values) = schema.get("enum") else {
                continue;
            };
            let shown = values.get(j).map(ToString::to_string).unwrap_or_default();
            cx.report_at_key(
                values,
                format!("`enum` lists {shown} twice (items {i} and {j})"),
            )
            .set_help("remove the duplicate (or fix the typo)");
        }
    }
}

/// The indexes of the first value that repeats an earlier one. Scalars are
/// compared through a hash map (enums can be long); objects and arrays, which
/// compare regardless of key order, pairwise among themselves.
fn first_duplicate(values: &[Value]) -> Option<(usize, usize)> {
    let mut scalars: HashMap<String, usize> = HashMap::new();
    let mut composites: Vec<usize> = Vec::new();
    for (j, b) in values.iter().enumerate() {
        if b.is_object() || b.is_array() {
            if let Some(&i) = composites.iter().find(|&&i| values[i] == *b) {
                return Some((i, j));
            }
            composites.push(j);
        } else {
            // `1` and `1.0` are the same number.
            let key = match b {
                Value::Number(n) => format!("n{}", n.as_f64().unwrap_or(f64::NAN)),
                other => other.to_string(),
            };
            if let Some(&i) = scalars.get(&key) {
                return Some((i, j));
            }
            scalars.insert(key, j);
        }
    }
    None
}
