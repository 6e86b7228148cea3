use serde_json::Value;

use super::walk_documents;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every Example Object (under `components.examples` and in the
    /// `examples` of media types, parameters and headers) has exactly one of
    /// `value` and `externalValue`.
    /// Spectral: `oas3-examples-value-or-externalValue`.
    ///
    /// ## Why is this bad?
    /// The OpenAPI Specification makes `value` and `externalValue` mutually
    /// exclusive: with both, tools pick one and the other is silently ignored;
    /// with neither, the example shows nothing.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   examples:
    ///     Rex:
    ///       summary: A dog
    ///       value: {name: Rex}
    ///       externalValue: 'https://pets.dev/examples/rex.json'
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   examples:
    ///     Rex:
    ///       summary: A dog
    ///       value: {name: Rex}
    /// ```
    pub ExampleValueXorExternal {
        code: "OAS-023",
        name: "example-value-and-external-value",
        category: "oas",
        severity: Warning,
        summary: "An Example Object has both or neither of `value` and `externalValue`.",
    }
}

impl Rule for ExampleValueXorExternal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut found: Vec<(&str, &Value, bool)> = Vec::new();
        walk_documents(cx, |key, parent, v| {
            // A map of Example Objects: `examples` of a media type, parameter,
            // header or `components` (a schema's `examples` is a list).
            if key != Some("examples") || parent == Some("properties") {
                return;
            }
            let Some(map) = v.as_object() else {
                return;
            };
            for (name, example) in map {
                let Some(obj) = example.as_object() else {
                    continue;
                };
                if obj.contains_key("$ref") {
                    continue;
                }
                let value = obj.contains_key("value");
                let external = obj.contains_key("externalValue");
                if value == external {
                    found.push((name.as_str(), example, value));
                }
            }
        });
        for (name, example, both) in found {
            let message = if both {
                format!("example `{name}` has both `value` and `externalValue`")
            } else {
                format!("example `{name}` has neither `value` nor `externalValue`")
            };
            cx.report_at_key(example, message)
                .set_help("give the example exactly one of `value` and `externalValue`");
        }
    }
}
