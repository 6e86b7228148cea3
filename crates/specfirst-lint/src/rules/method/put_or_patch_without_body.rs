use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `put` or `patch` operation without a `requestBody` (error),
    /// and one whose Request Body Object does not say `required: true`
    /// (warning; reported at the shared component when the body is a
    /// `$ref`).
    ///
    /// The findings of the lower severity keep it only while the rule runs at
    /// its default severity; a severity configured for the rule applies to
    /// every finding.
    ///
    /// ## Why is this bad?
    /// PUT replaces a resource with the representation in its body, and
    /// PATCH changes it with the changes in its body; without a body there is
    /// nothing to apply. OpenAPI request bodies are optional unless marked
    /// `required: true`, so generated clients let callers leave it out and
    /// the server answers `400`.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Updated}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       requestBody:
    ///         required: true
    ///         content: {application/json: {schema: {type: object}}}
    ///       responses: {'204': {description: Updated}}
    /// ```
    pub PutOrPatchWithoutBody {
        code: "METHOD-004",
        name: "put-or-patch-without-body",
        category: "method",
        severity: Error,
        summary: "A PUT or PATCH declares no request body, or does not make it required.",
    }
}

impl Rule for PutOrPatchWithoutBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !matches!(op.method, "put" | "patch") {
            return;
        }
        let method = op.method.to_uppercase();
        if op.op.get("requestBody").is_none() {
            cx.report_at_key(
                op.op,
                format!("{} declares no request body", super::label(op)),
            )
            .set_help(format!(
                "declare `requestBody` with `required: true` and JSON content: the {method} body is what the resource becomes"
            ));
            return;
        }
        let Some((_, body)) = super::request_body(cx, op) else {
            return;
        };
        if body.get("required").and_then(Value::as_bool) == Some(true) {
            return;
        }
        let severity = crate::rules::uri::split_severity(cx, Severity::Warning);
        let message = format!("the {method} request body is not `required: true`");
        let d = match body.get("required") {
            Some(required) => cx.report_at(required, message),
            None => cx.report_at_key(body, message),
        };
        d.severity = severity;
        d.set_help("add `required: true` to the Request Body Object");
    }
}
