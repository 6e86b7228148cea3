use std::collections::HashSet;

use serde_json::Value;
use specfirst_config::LinkStyle;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, is_path_op, label, response};

declare_rule! {
    /// ## What it does
    /// For every `GET` on a collection or store path (D2), takes the item
    /// schema of its `200` JSON response — the `items` of its `data`
    /// property, or of the body when it is a bare array — and reports an
    /// item schema without a `links` property (`_links` with `linkStyle:
    /// hal`). Properties are looked up through `allOf`; items without
    /// properties (strings, `oneOf` unions) and `x-external` schemas are
    /// not checked. A shared item schema is reported once.
    ///
    /// ## Why is this bad?
    /// Every representation carries at least its own `self` link, so a
    /// client that got an item from a list can follow it without building
    /// URIs. Without `links` on the items, clients hard-code URI templates
    /// and break when they change.
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
    ///               schema:
    ///                 type: object
    ///                 properties: {data: {type: array, items: {$ref: '#/components/schemas/User'}}}
    /// components:
    ///   schemas:
    ///     User: {type: object, properties: {userId: {type: string}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties: {data: {type: array, items: {$ref: '#/components/schemas/User'}}}
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties:
    ///         userId: {type: string}
    ///         links: {type: array, items: {$ref: '#/components/schemas/Link'}}
    ///     Link:
    ///       type: object
    ///       required: [rel, href]
    ///       properties: {rel: {type: string}, href: {type: string, format: uri}}
    /// ```
    pub MissingSelfLink {
        code: "LINK-005",
        name: "missing-self-link",
        category: "link",
        severity: Warning,
        summary: "The items of a collection have no `links` property.",
    }
}

impl Rule for MissingSelfLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let links = if cx.options.link_style == LinkStyle::Hal {
            "_links"
        } else {
            "links"
        };
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in model
            .operations
            .iter()
            .filter(|op| op.method == "get" && is_path_op(op))
        {
            if !model.kind(op.path.key).is_some_and(|k| k.is_collection()) {
                continue;
            }
            let Some(ok) = response(cx.bundle, op, "200") else {
                continue;
            };
            let Some(content) = ok.value.get("content").and_then(Value::as_object) else {
                continue;
            };
            for (key, mt) in content {
                if !media::is_json(key) {
                    continue;
                }
                let Some((doc, body)) = mt
                    .get("schema")
                    .and_then(|s| cx.bundle.resolve(ok.doc, s).ok())
                else {
                    continue;
                };
                let array = if type_of(body) == Some("array") {
                    Some((doc, body))
                } else {
                    properties(cx.bundle, doc, body)
                        .into_iter()
                        .find(|(n, ..)| *n == "data")
                        .map(|(_, d, v, _)| (d, v))
                        .filter(|(_, v)| type_of(v) == Some("array"))
                };
                let Some((adoc, array)) = array else { continue };
                let Some((idoc, item)) = array
                    .get("items")
                    .and_then(|i| cx.bundle.resolve(adoc, i).ok())
                else {
                    continue;
                };
                if item.get("x-external").and_then(Value::as_bool) == Some(true)
                    || !seen.insert(addr(item))
                {
                    continue;
                }
                let props = properties(cx.bundle, idoc, item);
                if props.is_empty() || props.iter().any(|(n, ..)| *n == links) {
                    continue;
                }
                cx.report_at_key(
                    item,
                    format!(
                        "the items of collection {} have no `{links}` property",
                        label(op)
                    ),
                )
                .set_help(format!(
                    "add `{links}` with at least a `self` link to the item schema"
                ));
            }
        }
    }
}
