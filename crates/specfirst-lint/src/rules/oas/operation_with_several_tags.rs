use super::path_operations;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no operation under `paths` has more than one tag.
    /// Spectral: `operation-singular-tag`.
    ///
    /// ## Why is this bad?
    /// Documentation tools list an operation once under each of its tags, and
    /// generators put it in one class per tag: several tags duplicate it.
    /// (Turn this rule off when you use tags as cross-cutting labels.)
    ///
    /// ## Example
    /// ```yaml
    /// tags: [{name: pets}, {name: store}]
    /// paths:
    ///   /pets:
    ///     get:
    ///       tags: [pets, store]
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
    pub OperationWithSeveralTags {
        code: "OAS-039",
        name: "operation-with-several-tags",
        category: "oas",
        severity: Warning,
        summary: "An operation has more than one tag.",
    }
}

impl Rule for OperationWithSeveralTags {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for op in path_operations(cx.model) {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);

            let Some(tags) = op.op.get("tags") else {
                continue;
            };
            if tags.as_array().is_some_and(|t| t.len() > 1) {
                cx.report_at_key(tags, format!("{label} has more than one tag"))
                    .set_help("keep the one tag that names the operation's resource");
            }
        }
    }
}
