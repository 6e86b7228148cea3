use std::collections::HashMap;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no two entries of the top-level `tags` have the same `name`.
    /// Spectral: `openapi-tags-uniqueness`.
    ///
    /// ## Why is this bad?
    /// The OpenAPI Specification requires tag names to be unique. With two
    /// entries, tools keep one description (which one differs by tool) and may
    /// show the group twice.
    ///
    /// ## Example
    /// ```yaml
    /// tags:
    ///   - {name: pets, description: Pets}
    ///   - {name: pets, description: Animals}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// tags:
    ///   - {name: pets, description: Pets}
    /// paths: {}
    /// ```
    pub DuplicateTag {
        code: "OAS-034",
        name: "duplicate-tag",
        category: "oas",
        severity: Error,
        summary: "Two top-level tags have the same `name`.",
    }
}

impl Rule for DuplicateTag {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(tags) = root.get("tags").and_then(Value::as_array) else {
            return;
        };
        let mut first: HashMap<&str, &Value> = HashMap::new();
        for tag in tags {
            let Some(name_value) = tag.get("name") else {
                continue;
            };
            let Some(name) = name_value.as_str() else {
                continue;
            };
            if let Some(prev) = first.get(name) {
                let related = cx.locate(prev);
                let d = cx.report_at(name_value, format!("tag `{name}` is listed twice"));
                d.set_help("merge the two entries into one");
                if let Some(loc) = related {
                    d.add_related(loc, "first listed here");
                }
            } else {
                first.insert(name, name_value);
            }
        }
    }
}
