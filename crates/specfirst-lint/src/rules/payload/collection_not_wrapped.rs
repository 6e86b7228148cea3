use specfirst_config::CollectionShape;

use super::support::{Seen, json_bodies, label};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For `GET` on a collection or store path (D2), checks the JSON `200`
    /// schema: a top-level `type: array` is reported, and so is an object
    /// without a `data` array (own or through `allOf`). Schemas that declare
    /// neither a type nor properties (e.g. only `oneOf`) are not judged.
    /// With option `collectionShape: bare-array` the rule is off, since a
    /// bare array is then the configured shape.
    ///
    /// ## Why is this bad?
    /// A bare array leaves no room for `links` or pagination metadata, so
    /// adding them later breaks every client. One `{data, links}` shape for
    /// every collection lets clients read all lists the same way.
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
    ///               schema: {type: array, items: {$ref: '#/components/schemas/User'}}
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
    /// components:
    ///   schemas:
    ///     User: {type: object}
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
    ///                 required: [data]
    ///                 properties:
    ///                   data: {type: array, items: {$ref: '#/components/schemas/User'}}
    ///                   links: {type: array, items: {type: object}}
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
    /// components:
    ///   schemas:
    ///     User: {type: object}
    /// ```
    pub CollectionNotWrapped {
        code: "PAYLOAD-006",
        name: "collection-not-wrapped",
        category: "payload",
        severity: Warning,
        summary: "A collection `GET` does not return an object with a `data` array.",
    }
}

impl Rule for CollectionNotWrapped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.collection_shape == CollectionShape::BareArray {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            if op.method != "get" || !model.kind(op.path.key).is_some_and(|k| k.is_collection()) {
                continue;
            }
            for body in json_bodies(bundle, op, |s| s == "200") {
                if !seen.first(body.schema) {
                    continue;
                }
                let what = label(op);
                if type_of(body.schema) == Some("array") {
                    cx.report_at_key(body.schema, format!("{what} returns a bare array"))
                        .set_help("return `{data: [...], links: [...]}` (or set `collectionShape: bare-array`)");
                    continue;
                }
                let props = properties(bundle, body.doc, body.schema);
                if props.is_empty() && type_of(body.schema) != Some("object") {
                    continue;
                }
                let data_is_array = props
                    .iter()
                    .any(|(n, _, v, _)| *n == "data" && type_of(v) == Some("array"));
                if !data_is_array {
                    cx.report_at_key(
                        body.schema,
                        format!("{what} returns an object without a `data` array"),
                    )
                    .set_help("put the items in a `data` array, next to `links`");
                }
            }
        }
    }
}
