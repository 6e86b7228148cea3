use specfirst_config::StaleEtagStatus;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{has_status, header_param, is_path_op, label};

declare_rule! {
    /// ## What it does
    /// Only with option `staleEtagStatus: 409-if-historical`: reports an
    /// operation other than `GET` and `HEAD` that declares `If-Match` but
    /// does not document `409 Conflict`, the answer to a validator that
    /// equals a superseded ETag of the resource. With the default
    /// `staleEtagStatus: 412` the rule does nothing.
    ///
    /// ## Why is this bad?
    /// In that mode a client holding an old version gets 409 rather than
    /// 412, so it can tell "you edited a stale copy" from "the tag is
    /// unknown". Generated clients only handle the statuses that are
    /// documented.
    ///
    /// ## Example
    /// ```yaml
    /// # option: staleEtagStatus: 409-if-historical
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters: [{name: If-Match, in: header, schema: {type: string}}]
    ///       responses: {'200': {description: OK}, '412': {description: Precondition failed}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # option: staleEtagStatus: 409-if-historical
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters: [{name: If-Match, in: header, schema: {type: string}}]
    ///       responses:
    ///         '200': {description: OK}
    ///         '409': {description: Stale version}
    ///         '412': {description: Precondition failed}
    /// ```
    pub MissingStaleConflict {
        code: "CONC-004",
        name: "missing-stale-conflict",
        category: "conc",
        severity: Info,
        summary: "With `staleEtagStatus: 409-if-historical`, a conditional update does not document 409.",
    }
}

impl Rule for MissingStaleConflict {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if cx.options.stale_etag_status != StaleEtagStatus::ConflictIfHistorical
            || matches!(op.method, "get" | "head")
            || !is_path_op(op)
            || header_param(op, "If-Match").is_none()
            || has_status(op, "409")
        {
            return;
        }
        cx.report_at_key(
            op.op,
            format!(
                "{} takes `If-Match` but does not document `409` for a stale validator",
                label(op)
            ),
        )
        .set_help(
            "with `staleEtagStatus: 409-if-historical`, add `'409': {description: Stale version}`",
        );
    }
}
