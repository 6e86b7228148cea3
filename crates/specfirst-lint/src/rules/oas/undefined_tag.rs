use serde_json::Value;

use super::path_operations;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every tag of an operation under `paths` is listed in the
    /// top-level `tags`. Spectral: `operation-tag-defined`.
    ///
    /// ## Why is this bad?
    /// A tag missing from the top-level list has no description and no place in
    /// the documentation's order; usually it is a typo of a listed tag.
    ///
    /// ## Example
    /// ```yaml
    /// tags: [{name: pets}]
    /// paths:
    ///   /pets:
    ///     get:
    ///       tags: [pet]
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// tags: [{name: pets}]
    /// paths:
    ///   /pets:
    ///     get:
    ///       tags: [pets]
    ///       responses: {'200': {description: ok}}
    /// ```
    pub UndefinedTag {
        code: "OAS-041",
        name: "undefined-tag",
        category: "oas",
        severity: Warning,
        summary: "An operation uses a tag that the top-level `tags` does not list.",
    }
}

impl Rule for UndefinedTag {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let defined = defined_tags(cx);
        for op in path_operations(cx.model) {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);

            let Some(tags) = op.op.get("tags").and_then(Value::as_array) else {
                continue;
            };
            for tag in tags {
                let Some(name) = tag.as_str() else {
                    continue;
                };
                if !defined.contains(&name) {
                    cx.report_at(tag, format!("tag `{name}` of {label} is not in the top-level `tags`"))
                        .set_help(format!("add `{{name: {name}, description: ...}}` to the top-level `tags`, or fix the typo"));
                }
            }
        }
    }
}

fn defined_tags<'a>(cx: &Context<'a>) -> Vec<&'a str> {
    cx.bundle
        .root()
        .value()
        .get("tags")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|t| t.get("name").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default()
}
