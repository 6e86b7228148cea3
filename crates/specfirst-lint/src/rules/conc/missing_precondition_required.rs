use serde_json::Value;
use specfirst_config::MissingPreconditionStatus;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{has_status, header_param, is_path_op, label};

declare_rule! {
    /// ## What it does
    /// Checks that an operation that requires a precondition documents the
    /// status a request without one gets (option `missingPreconditionStatus`:
    /// `428` by default, or `403` or `409`). A precondition is required when
    /// - an `If-Match` or `If-Unmodified-Since` header parameter is
    ///   `required: true` (any method), or
    /// - `requirePreconditions: true` (the default) and the operation is a
    ///   `PUT` or `PATCH` on an item path (D2), whether the header is
    ///   declared as required or as optional: the server enforces it.
    ///
    /// Only the exact status key counts (`4XX` or `default` do not).
    ///
    /// ## Why is this bad?
    /// A client that forgets `If-Match` must learn why its update was
    /// rejected. A documented 428 (RFC 6585) with an error body tells client
    /// authors and generated clients to read the resource first and send its
    /// ETag back.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters: [{name: If-Match, in: header, required: true, schema: {type: string}}]
    ///       responses: {'200': {description: OK}, '412': {description: Precondition failed}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters: [{name: If-Match, in: header, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200': {description: OK}
    ///         '412': {description: Precondition failed}
    ///         '428': {description: If-Match required}
    /// ```
    pub MissingPreconditionRequired {
        code: "CONC-002",
        name: "missing-precondition-required",
        category: "conc",
        severity: Warning,
        summary: "An operation that requires a precondition does not document the status for a missing one.",
    }
}

impl Rule for MissingPreconditionRequired {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !is_path_op(op) {
            return;
        }
        let required_header = ["If-Match", "If-Unmodified-Since"].into_iter().find(|h| {
            header_param(op, h)
                .is_some_and(|p| p.value.get("required").and_then(Value::as_bool) == Some(true))
        });
        let by_option = cx.options.require_preconditions
            && matches!(op.method, "put" | "patch")
            && cx.model.kind(op.path.key) == Some(ResourceKind::Document);
        if required_header.is_none() && !by_option {
            return;
        }
        let status = match cx.options.missing_precondition_status {
            MissingPreconditionStatus::PreconditionRequired428 => "428",
            MissingPreconditionStatus::Forbidden403 => "403",
            MissingPreconditionStatus::Conflict409 => "409",
        };
        if has_status(op, status) {
            return;
        }
        let why = required_header.map_or_else(
            || "must be conditional".to_owned(),
            |h| format!("requires `{h}`"),
        );
        cx.report_at_key(
            op.op,
            format!("{} {why} but does not document `{status}` for a request without a precondition", label(op)),
        )
        .set_help(format!(
            "add `'{status}': {{description: Precondition required}}` with an error body (option `missingPreconditionStatus`)"
        ));
    }
}
