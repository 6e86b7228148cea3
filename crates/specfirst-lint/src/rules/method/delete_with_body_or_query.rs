use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `delete` operation with a `requestBody`, and each query
    /// parameter of a `delete`. A query parameter that some `get` of the API
    /// declares too (`api-version`, `fields`, `pretty`) is a parameter of the
    /// whole API, not one that changes what DELETE means, and is not
    /// reported.
    ///
    /// ## Why is this bad?
    /// DELETE removes the resource its URI names, nothing more. A body is
    /// ignored by many servers and proxies, and a flag such as `soft=true`
    /// or `mode=archive` turns DELETE into another action that clients,
    /// caches and audit logs cannot tell apart. A soft or conditional delete
    /// is a controller (`POST /users/{userId}/deactivate`).
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     delete:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///         - {name: soft, in: query, schema: {type: boolean}}
    ///       responses: {'204': {description: Deleted}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}/deactivate:
    ///     x-resource-kind: controller
    ///     post:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub DeleteWithBodyOrQuery {
        code: "METHOD-003",
        name: "delete-with-body-or-query",
        category: "method",
        severity: Warning,
        summary: "A DELETE takes a request body or a query parameter that changes its meaning.",
    }
}

impl Rule for DeleteWithBodyOrQuery {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let on_get: HashSet<&str> = model
            .operations
            .iter()
            .filter(|op| op.method == "get")
            .flat_map(|op| op.parameters.iter())
            .filter(|p| p.location == "query")
            .map(|p| p.name)
            .collect();
        for op in model.operations.iter().filter(|op| op.method == "delete") {
            let label = super::label(op);
            if let Some(body) = op.op.get("requestBody") {
                cx.report_at_key(body, format!("{label} takes a request body"))
                    .set_help("DELETE removes what its URI names; send no body (for a bulk or conditional delete, use a controller with POST)");
            }
            for p in &op.parameters {
                if p.location != "query" || on_get.contains(p.name) {
                    continue;
                }
                let at: &Value = p.value.get("name").unwrap_or(p.value);
                cx.report_at(
                    at,
                    format!("{label} takes the query parameter `{}`", p.name),
                )
                .set_help("a DELETE that behaves differently on a flag is another action: make it a controller (`POST …/deactivate`)");
            }
        }
    }
}
