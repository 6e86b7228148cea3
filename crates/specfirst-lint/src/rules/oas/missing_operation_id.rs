use super::path_operations;
use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every operation under `paths` has an `operationId`.
    /// Spectral: `operation-operationId`.
    ///
    /// ## Why is this bad?
    /// Code generators name methods after `operationId`; without it they make up
    /// names from the path and method, which change when the path does. Links and
    /// documentation anchors need it too.
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
    /// paths:
    ///   /pets:
    ///     get:
    ///       operationId: listPets
    ///       responses: {'200': {description: ok}}
    /// ```
    pub MissingOperationId {
        code: "OAS-036",
        name: "missing-operation-id",
        category: "oas",
        severity: Warning,
        summary: "An operation has no `operationId`.",
    }
}

impl Rule for MissingOperationId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for op in path_operations(cx.model) {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);

            if !truthy(op.op.get("operationId")) {
                let location = member_location(cx, op.op, "operationId");
                cx.report(location, format!("{label} has no `operationId`"))
                    .set_help("add a unique `operationId`, e.g. `listPets`");
            }
        }
    }
}
