use specfirst_config::DuplicateCreateStatus;

use super::{documents, label};
use crate::context::Context;
use crate::declare_rule;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that a `post` on a collection or store path (D2) that
    /// documents `201` also documents how a duplicate is answered:
    ///
    /// - `duplicateCreateStatus: 409` (default): `409` or `4XX`;
    /// - `duplicateCreateStatus: 303` (C-37): `303` (which must carry
    ///   `Location`, STATUS-011).
    ///
    /// ## Why is this bad?
    /// Creating something that already exists (a unique name, an idempotent
    /// retry) is a normal outcome. Without a documented answer, clients
    /// cannot tell it from any other failure.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post: {responses: {'201': {description: Created}}}
    ///   /users/{userId}:
    ///     get: {responses: {'200': {description: OK}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post: {responses: {'201': {description: Created}, '409': {description: Duplicate}}}
    ///   /users/{userId}:
    ///     get: {responses: {'200': {description: OK}}}
    /// ```
    pub CreateWithoutConflict {
        code: "STATUS-015",
        name: "create-without-conflict",
        category: "status",
        severity: Info,
        summary: "A POST that creates in a collection does not document 409 (or 303) for duplicates.",
    }
}

impl Rule for CreateWithoutConflict {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "post"
            || op.path.kind != PathItemKind::Path
            || !cx
                .model
                .kind(op.path.key)
                .is_some_and(|k| k.is_collection())
            || !documents(op, &["201"])
        {
            return;
        }
        let (wanted, code, help): (&[&str], &str, &str) = match cx.options.duplicate_create_status {
            DuplicateCreateStatus::Conflict409 => (
                &["409", "4XX"],
                "409",
                "add a `409` response for a resource that already exists",
            ),
            DuplicateCreateStatus::SeeOther303 => (
                &["303"],
                "303",
                "add a `303` response with `Location` pointing to the existing resource",
            ),
        };
        if documents(op, wanted) {
            return;
        }
        cx.report_at_key(
            op.op,
            format!(
                "{} creates but does not document `{code}` for a duplicate",
                label(op)
            ),
        )
        .set_help(help);
    }
}
