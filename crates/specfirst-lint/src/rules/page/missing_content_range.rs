use serde_json::Value;
use specfirst_diagnostics::Severity;

use super::super::payload::support::{
    Seen, is_paginated_list, label, lower, paging_metadata_headers,
};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::responses;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a paginated `GET` (one with query parameters of a rulebook
    /// pagination style: `offset`/`limit`, `page`/`size`,
    /// `pageStartIndex`/`pageSize`, on a collection path or returning a
    /// list) whose `200` response declares no
    /// `Content-Range` header. A declared `Content-Range` without a
    /// `pattern` for `items <first>-<last>/<total>` is reported at info
    /// level. Applies when option `paginationMetadata` includes headers
    /// (`headers-and-links`, the default, or `both`); with `body` the rule is
    /// off.
    ///
    /// ## Why is this bad?
    /// `Content-Range` tells the client which items it got and how many
    /// there are, so it can page on without guessing, even when it sent no
    /// range and got the default page.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: offset, in: query, schema: {type: integer, minimum: 0, default: 0}}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {application/json: {schema: {type: object, properties: {data: {type: array}}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: offset, in: query, schema: {type: integer, minimum: 0, default: 0}}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers:
    ///             Content-Range: {schema: {type: string, pattern: '^items (\d+-\d+|\*)/(\d+|\*)$', example: 'items 0-24/66'}}
    ///           content: {application/json: {schema: {type: object, properties: {data: {type: array}}}}}
    /// ```
    pub MissingContentRange {
        code: "PAGE-005",
        name: "missing-content-range",
        category: "page",
        severity: Warning,
        summary: "A paginated response does not declare the `Content-Range` header.",
    }
}

impl Rule for MissingContentRange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if !paging_metadata_headers(cx.options) {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            if !is_paginated_list(bundle, model, op) {
                continue;
            }
            for (key, d, response) in responses(bundle, op) {
                if key != "200" || !seen.first(response) {
                    continue;
                }
                let header = response
                    .get("headers")
                    .and_then(Value::as_object)
                    .and_then(|h| {
                        h.iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case("content-range"))
                    })
                    .map(|(_, h)| h);
                let Some(header) = header else {
                    cx.report_at_key(response, format!("`200` of {} has no `Content-Range` header", label(op)))
                        .set_help("declare `Content-Range: items <first>-<last>/<total>` on the paginated response");
                    continue;
                };
                let header = bundle.resolve(d, header).map_or(header, |(_, h)| h);
                let pattern = header
                    .get("schema")
                    .and_then(|s| bundle.resolve(d, s).ok())
                    .and_then(|(_, s)| s.get("pattern"))
                    .and_then(Value::as_str);
                if !pattern.is_some_and(|p| p.contains("items")) {
                    let d = cx.report_at_key(
                        header,
                        "`Content-Range` has no `items <first>-<last>/<total>` pattern",
                    );
                    d.set_help("add `pattern: '^items (\\d+-\\d+|\\*)/(\\d+|\\*)$'`");
                    lower(d, Severity::Info);
                }
            }
        }
    }
}
