use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{has_status, header_param, is_path_op, label};

declare_rule! {
    /// ## What it does
    /// Reports an operation other than `GET` and `HEAD` that declares an
    /// `If-Match`, `If-Unmodified-Since` or `If-None-Match` header parameter
    /// but does not document `412 Precondition Failed`. (A conditional `GET`
    /// or `HEAD` answers `304` instead; CACHE-005 checks that.) Only the
    /// exact status key counts, not `4XX` or `default`.
    ///
    /// ## Why is this bad?
    /// When the validator a client sends no longer matches, the update is
    /// refused with 412. If 412 is not documented, generated clients treat it
    /// as an unknown error instead of "re-read and retry", and users cannot
    /// tell a conflict from a failure.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     patch:
    ///       parameters: [{name: If-Match, in: header, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     patch:
    ///       parameters: [{name: If-Match, in: header, schema: {type: string}}]
    ///       responses: {'200': {description: OK}, '412': {description: Precondition failed}}
    /// ```
    pub MissingPreconditionFailed {
        code: "CONC-003",
        name: "missing-precondition-failed",
        category: "conc",
        severity: Warning,
        summary: "A conditional update does not document 412.",
    }
}

impl Rule for MissingPreconditionFailed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if matches!(op.method, "get" | "head") || !is_path_op(op) {
            return;
        }
        let Some(h) = ["If-Match", "If-Unmodified-Since", "If-None-Match"]
            .into_iter()
            .find_map(|h| header_param(op, h))
        else {
            return;
        };
        if has_status(op, "412") {
            return;
        }
        cx.report_at_key(
            op.op,
            format!(
                "{} takes `{}` but does not document `412`",
                label(op),
                h.name
            ),
        )
        .set_help(
            "add `'412': {description: Precondition failed}` for a validator that does not match",
        );
    }
}
