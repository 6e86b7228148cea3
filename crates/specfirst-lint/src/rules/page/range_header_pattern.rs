use serde_json::Value;

use super::super::payload::support::{Seen, is_paginated, name_node, param_schema};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With option `rangeHeader: true` (the default), reports a `Range`
    /// header parameter of a collection `GET` (a collection or store path,
    /// D2, or an operation with pagination parameters) whose schema has no
    /// `pattern` for `items=<first>-<last>` (`^items=\d+-\d+$`). A missing
    /// `Range` parameter is not reported: generated code accepts it anyway.
    /// `Range` on other operations (byte ranges of a download) is not
    /// pagination and is left alone, and with `rangeHeader: false` the rule
    /// is off.
    ///
    /// ## Why is this bad?
    /// Without the pattern, clients do not learn the `items` unit and send
    /// byte ranges or other units the server rejects.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer, minimum: 1, default: 20, maximum: 200}}
    ///         - {name: Range, in: header, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer, minimum: 1, default: 20, maximum: 200}}
    ///         - {name: Range, in: header, schema: {type: string, pattern: '^items=\d+-\d+$', example: 'items=0-24'}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub RangeHeaderPattern {
        code: "PAGE-004",
        name: "range-header-pattern",
        category: "page",
        severity: Info,
        summary: "A `Range` header parameter of a collection does not declare the `items=<first>-<last>` pattern.",
    }
}

impl Rule for RangeHeaderPattern {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if !cx.options.range_header {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            let collection = model.kind(op.path.key).is_some_and(|k| k.is_collection());
            if op.method != "get" || !(collection || is_paginated(bundle, op)) {
                continue;
            }
            for p in &op.parameters {
                if p.location != "header"
                    || !p.name.eq_ignore_ascii_case("range")
                    || !seen.first(p.value)
                {
                    continue;
                }
                let pattern = param_schema(bundle, p)
                    .and_then(|(_, s)| s.get("pattern"))
                    .and_then(Value::as_str);
                if !pattern.is_some_and(|pt| pt.contains("items=")) {
                    cx.report_at(
                        name_node(p),
                        "`Range` header has no `items=<first>-<last>` pattern",
                    )
                    .set_help(
                        "add `pattern: '^items=\\d+-\\d+$'` and an example such as `items=0-24`",
                    );
                }
            }
        }
    }
}
