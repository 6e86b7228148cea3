use serde_json::Value;
use specfirst_config::SortParam;

use super::super::payload::support::{Seen, name_node};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `filter` query parameter, or the sort parameter (`sort`, or
    /// `sort_by` with option `sortParam: sort_by`), without a non-empty
    /// `description`. Undeclared query parameters are rejected at runtime
    /// (option `unknownQueryParams: reject`, the default), so the
    /// description is the only place clients learn what they may send.
    ///
    /// ## Why is this bad?
    /// Filtering and sorting are opt-in per operation. Without a description
    /// clients cannot know which fields can be filtered or sorted on, and
    /// find out by trial and `400`.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: sort, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: sort, in: query, description: 'Sort keys: lastName, firstName; prefix - for descending', schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub UndocumentedQueryFeature {
        code: "PAGE-009",
        name: "undocumented-query-feature",
        category: "page",
        severity: Info,
        summary: "A `filter` or `sort` parameter has no description.",
    }
}

impl Rule for UndocumentedQueryFeature {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let sort = match cx.options.sort_param {
            SortParam::Sort => "sort",
            SortParam::SortBy => "sort_by",
        };
        let model = cx.model;
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location != "query"
                    || !(p.name == "filter" || p.name == sort)
                    || !seen.first(p.value)
                {
                    continue;
                }
                let described = p
                    .value
                    .get("description")
                    .and_then(Value::as_str)
                    .is_some_and(|d| !d.trim().is_empty());
                if !described {
                    cx.report_at(name_node(p), format!("`{}` has no description", p.name))
                        .set_help("say which fields can be used and the syntax, e.g. `lastName|-hireDate`");
                }
            }
        }
    }
}
