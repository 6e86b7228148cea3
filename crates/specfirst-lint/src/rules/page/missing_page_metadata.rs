use specfirst_config::Pagination;

use super::super::payload::support::{Seen, is_paginated_list, json_bodies, label};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Only with option `pagination: page-size`: reports a paginated `GET`
    /// (with `page` or `size`, on a collection path or returning a list)
    /// whose JSON `200` schema has no `pagination` object with integer
    /// `page`, `size` and `count`. For page-size the rulebook's default
    /// `paginationMetadata` is `both`; since the option's stored default
    /// (`headers-and-links`) cannot be told apart from an explicit setting,
    /// the rule applies in page-size mode whatever `paginationMetadata`
    /// says. To drop the body metadata, turn this rule off.
    ///
    /// ## Why is this bad?
    /// Page-number clients need the total to know how many pages there are,
    /// and the page and size actually served (the server may clamp `size`).
    ///
    /// ## Example
    /// ```yaml
    /// # .specfirst.yaml: {pagination: page-size}
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: page, in: query, schema: {type: integer, minimum: 1, default: 1}}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: object, properties: {data: {type: array, items: {}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # .specfirst.yaml: {pagination: page-size}
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: page, in: query, schema: {type: integer, minimum: 1, default: 1}}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   data: {type: array, items: {}}
    ///                   pagination:
    ///                     type: object
    ///                     required: [page, size, count]
    ///                     properties: {page: {type: integer}, size: {type: integer}, count: {type: integer}}
    /// ```
    pub MissingPageMetadata {
        code: "PAGE-007",
        name: "missing-page-metadata",
        category: "page",
        severity: Error,
        summary: "With page-size pagination, a paginated response has no `pagination: {page, size, count}` object.",
    }
}

impl Rule for MissingPageMetadata {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.pagination != Pagination::PageSize {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            if !is_paginated_list(bundle, model, op) {
                continue;
            }
            for body in json_bodies(bundle, op, |s| s == "200") {
                if !seen.first(body.schema) {
                    continue;
                }
                let props = properties(bundle, body.doc, body.schema);
                let meta = props.iter().find(|(n, ..)| *n == "pagination");
                let problem = match meta {
                    None => Some("has no `pagination` object".to_owned()),
                    Some((_, d, v, _)) => {
                        let inner = properties(bundle, *d, v);
                        let bad: Vec<&str> = ["page", "size", "count"]
                            .into_iter()
                            .filter(|n| {
                                !inner
                                    .iter()
                                    .any(|(p, _, s, _)| p == n && type_of(s) == Some("integer"))
                            })
                            .collect();
                        (!bad.is_empty()).then(|| {
                            format!(
                                "has a `pagination` without integer {}",
                                bad.iter()
                                    .map(|b| format!("`{b}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        })
                    }
                };
                if let Some(problem) = problem {
                    cx.report_at_key(body.schema, format!("`200` of {} {problem}", label(op)))
                        .set_help("add `pagination: {page: integer, size: integer, count: integer}` next to `data`");
                }
            }
        }
    }
}
