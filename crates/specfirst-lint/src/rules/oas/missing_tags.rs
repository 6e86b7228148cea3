use serde_json::Value;

use super::member_location;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that the document lists its tags in a non-empty top-level `tags`
    /// array. Spectral: `openapi-tags`.
    ///
    /// ## Why is this bad?
    /// The top-level `tags` give each group of operations its description and
    /// its order in generated documentation; without them tags are bare names.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// tags:
    ///   - {name: pets, description: Pets of the shelter}
    /// paths: {}
    /// ```
    pub MissingTags {
        code: "OAS-032",
        name: "missing-tags",
        category: "oas",
        severity: Warning,
        summary: "The document has no top-level `tags`.",
    }
}

impl Rule for MissingTags {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let message = match root.get("tags") {
            None => "the document has no top-level `tags`",
            Some(Value::Array(list)) if !list.is_empty() => return,
            Some(Value::Array(_)) => "the top-level `tags` is empty",
            // Not a list: invalid-structure reports it.
            Some(_) => return,
        };
        let location = member_location(cx, root, "tags");
        cx.report(location, message)
            .set_help("list the tags the operations use, each with a `description`, in `tags`");
    }
}
