use serde_json::Value;

use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every entry of the top-level `tags` has a non-empty
    /// `description`. Spectral: `tag-description`.
    ///
    /// ## Why is this bad?
    /// Documentation tools show the tag's description above its group of
    /// operations: without it, readers only get the tag's name.
    ///
    /// ## Example
    /// ```yaml
    /// tags:
    ///   - name: pets
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// tags:
    ///   - {name: pets, description: Pets of the shelter}
    /// paths: {}
    /// ```
    pub TagWithoutDescription {
        code: "OAS-046",
        name: "tag-without-description",
        category: "oas",
        severity: Warning,
        summary: "A top-level tag has no `description`.",
    }
}

impl Rule for TagWithoutDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(tags) = root.get("tags").and_then(Value::as_array) else {
            return;
        };
        for tag in tags {
            if !tag.is_object() || truthy(tag.get("description")) {
                continue;
            }
            let name = tag.get("name").and_then(Value::as_str).unwrap_or("?");
            let location = member_location(cx, tag, "description");
            cx.report(location, format!("tag `{name}` has no `description`"))
                .set_help("say what the operations of this tag are about in `description`");
        }
    }
}
