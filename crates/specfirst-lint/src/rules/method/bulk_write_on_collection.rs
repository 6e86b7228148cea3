use crate::context::Context;
use crate::declare_rule;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `put` or `delete` on a collection or store path (D2) that
    /// is not marked `x-bulk: true`.
    ///
    /// ## Why is this bad?
    /// `PUT /customers` replaces every customer and `DELETE /customers`
    /// deletes them all. One mistyped request wipes the collection, so these
    /// operations are offered only when that is intended, and then marked.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers:
    ///     delete:
    ///       responses: {'204': {description: Deleted}}
    ///   /customers/{customerId}:
    ///     get:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers/{customerId}:
    ///     delete:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Deleted}}
    /// ```
    pub BulkWriteOnCollection {
        code: "METHOD-007",
        name: "bulk-write-on-collection",
        category: "method",
        severity: Warning,
        summary: "A PUT or DELETE on a collection replaces or deletes every item without `x-bulk: true`.",
    }
}

impl Rule for BulkWriteOnCollection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !matches!(op.method, "put" | "delete")
            || op.path.kind != PathItemKind::Path
            || !cx
                .model
                .kind(op.path.key)
                .is_some_and(|k| k.is_collection())
            || super::flag(op.op, "x-bulk")
        {
            return;
        }
        let what = if op.method == "put" {
            "replaces"
        } else {
            "deletes"
        };
        cx.report_at_key(
            op.op,
            format!("{} {what} the whole collection", super::label(op)),
        )
        .set_help("offer PUT and DELETE on the item path; if the bulk operation is intended, mark it with `x-bulk: true`");
    }
}
