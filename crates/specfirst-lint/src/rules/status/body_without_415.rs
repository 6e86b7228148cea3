use super::{documents, label};
use crate::context::Context;
use crate::declare_rule;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that an operation with a `requestBody` documents `415`, `4XX`
    /// or `default`, the answer to a request `Content-Type` it does not
    /// accept. The finding is at the `requestBody` key.
    ///
    /// ## Why is this bad?
    /// Every body can arrive in a media type the server does not take.
    /// Documenting 415 tells clients that outcome exists and that it is
    /// about the format, not the content.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     put:
    ///       requestBody: {content: {application/json: {}}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     put:
    ///       requestBody: {content: {application/json: {}}}
    ///       responses:
    ///         '200': {description: OK}
    ///         '415': {description: Unsupported media type}
    /// ```
    pub BodyWithout415 {
        code: "STATUS-013",
        name: "body-without-415",
        category: "status",
        severity: Info,
        summary: "An operation with a request body does not document 415.",
    }
}

impl Rule for BodyWithout415 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path {
            return;
        }
        let Some(body) = op.op.get("requestBody") else {
            return;
        };
        if documents(op, &["415", "4XX", "default"]) {
            return;
        }
        cx.report_at_key(
            body,
            format!("{} takes a body but does not document `415`", label(op)),
        )
        .set_help("add a `415` response for request media types the operation does not accept");
    }
}
