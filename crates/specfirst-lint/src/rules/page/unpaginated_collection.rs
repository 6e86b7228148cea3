use serde_json::Value;

use super::super::payload::support::{is_any_pagination_param, json_bodies, label};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `GET` on a collection or store path (D2) whose JSON `200`
    /// body is a list (a `data` array, or a top-level array) and that
    /// declares no way to page it: no pagination query parameter and no
    /// `Range` header parameter (which counts only with option
    /// `rangeHeader: true`, the default). Operations marked `x-pagination: none`
    /// (a bounded collection) are skipped.
    ///
    /// Parameters of any of the rulebook's styles (`offset`/`limit`,
    /// `page`/`size`, `pageStartIndex`/`pageSize`) count, and so do common
    /// cursor and page-size names (`cursor`, `pageToken`, `per_page`,
    /// `after`, `skip`/`top`, ...): such a collection is paginated, and a
    /// style other than the configured one is PAGE-003's finding.
    ///
    /// ## Why is this bad?
    /// A collection that grows without bound returns more and more data in
    /// one response, until clients time out and the server runs out of
    /// memory. Adding pagination later changes what every client receives.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: object, properties: {data: {type: array, items: {type: object}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: offset, in: query, schema: {type: integer, minimum: 0, default: 0}}
    ///         - {name: limit, in: query, schema: {type: integer, minimum: 1, default: 20, maximum: 200}}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: object, properties: {data: {type: array, items: {type: object}}}}
    /// ```
    pub UnpaginatedCollection {
        code: "PAGE-001",
        name: "unpaginated-collection",
        category: "page",
        severity: Warning,
        summary: "A collection `GET` returns a list without pagination parameters.",
    }
}

impl Rule for UnpaginatedCollection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        for op in &model.operations {
            if op.method != "get" || !model.kind(op.path.key).is_some_and(|k| k.is_collection()) {
                continue;
            }
            if op.op.get("x-pagination").and_then(Value::as_str) == Some("none") {
                continue;
            }
            let lists = json_bodies(bundle, op, |s| s == "200").iter().any(|b| {
                type_of(b.schema) == Some("array")
                    || properties(bundle, b.doc, b.schema)
                        .iter()
                        .any(|(n, _, v, _)| *n == "data" && type_of(v) == Some("array"))
            });
            if !lists {
                continue;
            }
            let range = cx.options.range_header;
            let paged = op.parameters.iter().any(|p| {
                (p.location == "query" && is_any_pagination_param(p.name))
                    || (range && p.location == "header" && p.name.eq_ignore_ascii_case("range"))
            });
            if !paged {
                cx.report_at_key(op.op, format!("{} returns a list without pagination", label(op)))
                    .set_help("add the pagination parameters (`offset` and `limit` by default), or mark a bounded list `x-pagination: none`");
            }
        }
    }
}
