use specfirst_config::LinkStyle;

use super::super::payload::support::{
    Seen, is_paginated_list, json_bodies, label, paging_metadata_headers,
};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a paginated `GET` (query parameters of a rulebook pagination
    /// style, on a collection path or returning a list) whose JSON `200` schema has no top-level links for `first`,
    /// `previous`, `next` and `last`: a `links` array (option `linkStyle:
    /// atom-array`, the default), a `links` object (`rel-map`) or `_links`
    /// (`hal`). Applies when option `paginationMetadata` includes links
    /// (`headers-and-links`, the default, or `both`).
    ///
    /// ## Why is this bad?
    /// Links let clients page by following URIs instead of building them,
    /// so the server can change its paging parameters without breaking
    /// them.
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
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   data: {type: array, items: {type: object}}
    ///                   links: {type: array, items: {type: object}}
    /// ```
    pub MissingPaginationLinks {
        code: "PAGE-006",
        name: "missing-pagination-links",
        category: "page",
        severity: Warning,
        summary: "A paginated response has no top-level `links` for first, previous, next and last.",
    }
}

impl Rule for MissingPaginationLinks {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if !paging_metadata_headers(cx.options) {
            return;
        }
        let (name, kind) = match cx.options.link_style {
            LinkStyle::AtomArray => ("links", Some("array")),
            LinkStyle::RelMap => ("links", Some("object")),
            LinkStyle::Hal => ("_links", None),
        };
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
                let ok = props.iter().any(|(n, _, v, _)| {
                    *n == name && kind.is_none_or(|k| type_of(v).is_none_or(|t| t == k))
                });
                if !ok {
                    let shape = kind.map_or(String::new(), |k| format!(" {k}"));
                    cx.report_at_key(
                        body.schema,
                        format!("`200` of {} has no `{name}`{shape} for paging", label(op)),
                    )
                    .set_help(
                        "add the `first`, `previous`, `next` and `last` links (option `linkStyle`)",
                    );
                }
            }
        }
    }
}
