use super::path_operations;
use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every operation under `paths` has a non-empty `description`.
    /// Spectral: `operation-description`.
    ///
    /// ## Why is this bad?
    /// The description is where an operation's behaviour, side effects and
    /// errors are explained; generated documentation and SDK comments are empty without it.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       summary: List pets
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       summary: List pets
    ///       description: Lists the pets of the shelter, newest first.
    ///       responses: {'200': {description: ok}}
    /// ```
    pub OperationWithoutDescription {
        code: "OAS-035",
        name: "operation-without-description",
        category: "oas",
        severity: Warning,
        summary: "An operation has no `description`.",
    }
}

impl Rule for OperationWithoutDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for op in path_operations(cx.model) {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);

            if !truthy(op.op.get("description")) {
                let location = member_location(cx, op.op, "description");
                cx.report(location, format!("{label} has no `description`"))
                    .set_help("say what the operation does, its side effects and errors, in `description`");
            }
        }
    }
}
