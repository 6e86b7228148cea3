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
            'outer: for (j, b) in values.iter().enumerate() {
                for (i, a) in values[..j].iter().enumerate() {
                    if a == b {
                        found.push((v, i, j));
                        break 'outer;
                    }
                }
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
