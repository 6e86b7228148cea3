use serde_json::Value;

use super::super::payload::support::{Seen, name_node, param_schema};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a query parameter named `after` or `before` that is not
    /// `type: string` with `format: date-time`. These names are reserved
    /// for paging time-ordered feeds by ISO 8601 timestamp (QUERY-004).
    ///
    /// ## Why is this bad?
    /// Clients combine `after`/`before` with `offset`/`limit` the same way
    /// on every feed. An `after` that is a cursor or an integer id on one
    /// feed and a timestamp on another cannot be used generically.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /remarks:
    ///     get:
    ///       parameters:
    ///         - {name: after, in: query, schema: {type: integer}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /remarks:
    ///     get:
    ///       parameters:
    ///         - {name: after, in: query, schema: {type: string, format: date-time}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub AfterBeforeType {
        code: "PAGE-008",
        name: "after-before-not-date-time",
        category: "page",
        severity: Warning,
        summary: "A query parameter `after` or `before` is not a date-time string.",
    }
}

impl Rule for AfterBeforeType {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location != "query"
                    || !matches!(p.name, "after" | "before")
                    || !seen.first(p.value)
                {
                    continue;
                }
                let schema = param_schema(bundle, p).map(|(_, s)| s);
                let ok = schema.is_some_and(|s| {
                    type_of(s) == Some("string")
                        && s.get("format").and_then(Value::as_str) == Some("date-time")
                });
                if !ok {
                    cx.report_at(name_node(p), format!("`{}` is not a date-time string", p.name))
                        .set_help("declare `schema: {type: string, format: date-time}` (an ISO 8601 timestamp)");
                }
            }
        }
    }
}
