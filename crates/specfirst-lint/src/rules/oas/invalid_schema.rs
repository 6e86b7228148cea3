use std::collections::HashSet;
use std::sync::OnceLock;

use jsonschema::meta::MetaValidator;
use serde_json::Value;
use specfirst_source::SpecVersion;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::model::addr;
use crate::rule::{Rule, RuleMeta};
use crate::structure::{self, Anchor};

declare_rule! {
    /// ## What it does
    /// In OpenAPI 3.1 documents, validates every Schema Object against the
    /// JSON Schema 2020-12 meta-schema: `type: strin`, `required: name`,
    /// `minimum: '5'` and the like. (The official OpenAPI 3.1 schema accepts
    /// any object as a Schema Object, so these slip through structural
    /// validation; in 3.0 documents that validation already checks schemas.)
    ///
    /// ## Why is this bad?
    /// An invalid schema validates nothing, or everything: a typo in `type`
    /// turns off the check the author meant to write, and generators emit the
    /// wrong types or refuse the document.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// components:
    ///   schemas:
    ///     Name: {type: strin}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// components:
    ///   schemas:
    ///     Name: {type: string}
    /// ```
    pub InvalidSchema {
        code: "OAS-010",
        name: "invalid-schema",
        category: "oas",
        severity: Error,
        summary: "A Schema Object of a 3.1 document is not valid JSON Schema 2020-12.",
    }
}

fn meta_validator() -> &'static MetaValidator<'static> {
    static V: OnceLock<MetaValidator<'static>> = OnceLock::new();
    V.get_or_init(jsonschema::draft202012::meta::validator)
}

/// Keywords whose subschemas the 2020-12 meta-schema checks along with the
/// schema that holds them.
const APPLICATORS: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];
const APPLICATOR_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
const APPLICATOR_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
];

/// The subschemas written inline in `s` that validating `s` also validates.
fn inline_subschemas(s: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let Some(map) = s.as_object() else {
        return out;
    };
    for (k, v) in map {
        let k = k.as_str();
        if APPLICATORS.contains(&k) {
            out.push(v);
        } else if APPLICATOR_LISTS.contains(&k) {
            out.extend(v.as_array().into_iter().flatten());
        } else if APPLICATOR_MAPS.contains(&k) {
            out.extend(v.as_object().into_iter().flat_map(|m| m.values()));
        }
    }
    out
}

impl Rule for InvalidSchema {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.version() != SpecVersion::V3_1 {
            return;
        }
        // Each schema is validated on its own unless it is written inline in
        // another one, whose validation covers it. (A schema reached through
        // a `$ref` is not covered by the schema holding the `$ref`, and the
        // walk may reach a component that way before it reaches it as a
        // component.)
        let model = cx.model;
        let covered: HashSet<usize> = model
            .schemas
            .iter()
            .flat_map(|s| inline_subschemas(s.value))
            .map(addr)
            .collect();
        for schema in &model.schemas {
            if !covered.contains(&addr(schema.value)) {
                check(cx, schema);
            }
        }
    }
}

fn check(cx: &mut Context<'_>, schema: &Schema<'_>) {
    let v = meta_validator();
    if v.is_valid(schema.value) {
        return;
    }
    let findings = structure::humanize(v.iter_errors(schema.value), schema.value);
    let doc = cx.document(schema.doc);
    let base = doc.pointer_of(schema.value).unwrap_or_default();
    for f in findings {
        let node =
            specfirst_source::pointer::lookup(schema.value, &f.pointer).unwrap_or(schema.value);
        let location = match f.anchor {
            Anchor::Key => doc.locate_key(node),
            Anchor::Value => doc.locate(node),
        };
        // Name the problem from the document's point of view, not the schema's.
        let message = f.message.replace("the document", &structure::dotted(&base));
        cx.report(location, message);
    }
}
