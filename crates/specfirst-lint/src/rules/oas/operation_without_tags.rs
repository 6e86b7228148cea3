use super::member_location;
use super::path_operations;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every operation under `paths` has a non-empty `tags` list.
    /// Spectral: `operation-tags`.
    ///
    /// ## Why is this bad?
    /// Documentation tools group operations by tag and generators make one class
    /// per tag; untagged operations end up in a catch-all "default" group.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
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
    pub OperationWithoutTags {
        code: "OAS-042",
        name: "operation-without-tags",
        category: "oas",
        severity: Warning,
        summary: "An operation has no tags.",
    }
}

impl Rule for OperationWithoutTags {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for op in path_operations(cx.model) {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);

            match op.op.get("tags") {
                None => {
                    let location = member_location(cx, op.op, "tags");
                    cx.report(location, format!("{label} has no `tags`"))
                        .set_help("add the tag of the operation's resource in `tags`");
                }
                Some(tags) if tags.as_array().is_some_and(Vec::is_empty) => {
                    cx.report_at_key(tags, format!("{label} has empty `tags`"))
                        .set_help("add the tag of the operation's resource in `tags`");
                }
                Some(_) => {}
            }
        }
    }
}
