use serde_json::Value;
use specfirst_source::SpecVersion;

use super::walk_documents;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// In OpenAPI 3.0 documents, checks that no object with a `$ref` has other
    /// properties: 3.0 replaces the whole object by the referenced one, so the
    /// siblings are ignored. Spectral: `no-$ref-siblings`.
    ///
    /// ## Why is this bad?
    /// Authors add `description`, `nullable` or `example` next to a `$ref`
    /// expecting them to apply; OpenAPI 3.0 tools silently drop them. Wrap the
    /// reference in `allOf` to add to it, or move to OpenAPI 3.1, where a Schema
    /// Object's `$ref` can have siblings.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.0.3
    /// info: {title: Pets, version: '1'}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       properties:
    ///         owner:
    ///           $ref: '#/components/schemas/Owner'
    ///           description: Who adopted the pet
    ///     Owner: {type: object}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.0.3
    /// info: {title: Pets, version: '1'}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       properties:
    ///         owner:
    ///           description: Who adopted the pet
    ///           allOf: [{$ref: '#/components/schemas/Owner'}]
    ///     Owner: {type: object}
    /// ```
    pub RefSiblings {
        code: "OAS-018",
        name: "ref-siblings",
        category: "oas",
        severity: Error,
        summary: "A `$ref` has sibling properties, which OpenAPI 3.0 ignores.",
    }
}

impl Rule for RefSiblings {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.version() != SpecVersion::V3_0 {
            return;
        }
        let mut found: Vec<(&str, &Value)> = Vec::new();
        walk_documents(cx, |_, _, v| {
            let Some(map) = v.as_object() else {
                return;
            };
            if !map.contains_key("$ref") || map.len() < 2 {
                return;
            }
            for (k, sibling) in map {
                if k != "$ref" {
                    found.push((k.as_str(), sibling));
                }
            }
        });
        for (key, sibling) in found {
            cx.report_at_key(
                sibling,
                format!("`{key}` next to `$ref` is ignored in OpenAPI 3.0"),
            )
            .set_help(
                "wrap the reference in `allOf: [{$ref: ...}]` to add to it, or remove the sibling",
            );
        }
    }
}
