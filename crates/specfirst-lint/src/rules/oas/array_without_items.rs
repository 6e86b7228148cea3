use serde_json::Value;
use specfirst_source::SpecVersion;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every schema whose `type` is (or, in 3.1, includes) `array`
    /// has `items` (in 3.1, `prefixItems` will do). Spectral: `array-items`
    /// (which also looks at objects that are not schemas, such as example values).
    ///
    /// ## Why is this bad?
    /// OpenAPI 3.0 requires `items` with `type: array`; in any version an array
    /// without `items` accepts anything, so generators produce lists of untyped
    /// values and validators check nothing.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Tags: {type: array}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Tags:
    ///       type: array
    ///       items: {type: string}
    /// ```
    pub ArrayWithoutItems {
        code: "OAS-011",
        name: "array-without-items",
        category: "oas",
        severity: Error,
        summary: "A schema of `type: array` has no `items`.",
    }
}

impl Rule for ArrayWithoutItems {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_schema(&self, cx: &mut Context<'_>, schema: &Schema<'_>) {
        let s = schema.value;
        let is_array = match s.get("type") {
            Some(Value::String(t)) => t == "array",
            Some(Value::Array(list)) => {
                cx.version() != SpecVersion::V3_0 && list.iter().any(|t| t == "array")
            }
            _ => false,
        };
        if !is_array || s.get("items").is_some() || s.get("prefixItems").is_some() {
            return;
        }
        cx.report_at_key(s, "schema of `type: array` has no `items`")
            .set_help("say what the array holds with `items`, e.g. `items: {type: string}`");
    }
}
