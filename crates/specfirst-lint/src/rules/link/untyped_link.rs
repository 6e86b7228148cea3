use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::properties;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, uses_versioned_media_types};
use crate::rules::link::support::is_link_schema;

declare_rule! {
    /// ## What it does
    /// When the API uses versioned media types (a content key with a valid
    /// `version` parameter, VERSION-001), reports every link object schema
    /// (a schema with `href` and `rel` properties; with `linkStyle: hal`,
    /// `href` alone) that has no `type` property.
    ///
    /// ## Why is this bad?
    /// When a linked resource has several media types or versions, the link
    /// says which one it points to (`type: 'application/json; version=2'`),
    /// so the client can request exactly that representation instead of
    /// guessing and getting the earliest version.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {'application/json; version=2': {schema: {$ref: '#/components/schemas/Link'}}}
    /// components:
    ///   schemas:
    ///     Link: {type: object, properties: {rel: {type: string}, href: {type: string}}}
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
    ///           content: {'application/json; version=2': {schema: {$ref: '#/components/schemas/Link'}}}
    /// components:
    ///   schemas:
    ///     Link: {type: object, properties: {rel: {type: string}, href: {type: string}, type: {type: string}}}
    /// ```
    pub UntypedLink {
        code: "LINK-006",
        name: "untyped-link",
        category: "link",
        severity: Info,
        summary: "Links have no `type` although the API uses versioned media types.",
    }
}

impl Rule for UntypedLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        if !uses_versioned_media_types(cx.bundle, &model.operations) {
            return;
        }
        let mut seen = HashSet::new();
        for schema in &model.schemas {
            if !is_link_schema(cx.bundle, schema.doc, schema.value, cx.options.link_style)
                || !seen.insert(addr(schema.value))
            {
                continue;
            }
            let has_type = properties(cx.bundle, schema.doc, schema.value)
                .iter()
                .any(|(n, ..)| *n == "type");
            if !has_type {
                cx.report_at_key(schema.value, "link object has no `type` property for the media type and version of its target")
                    .set_help("add `type: {type: string}`, e.g. `application/json; version=2`");
            }
        }
    }
}
