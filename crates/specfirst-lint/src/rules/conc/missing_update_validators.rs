use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{has_header, header_param, is_path_op, label, responses};

declare_rule! {
    /// ## What it does
    /// For a `PUT` or `PATCH` that declares `If-Match`, checks that its `200`
    /// and `204` responses declare the headers `ETag` (the new validator) and
    /// `Content-Location` (the URI of the updated resource). One finding per
    /// response lists what is missing.
    ///
    /// ## Why is this bad?
    /// After a successful conditional update the client needs the new ETag
    /// for its next update; without it, it must read the resource again, and
    /// a second update made with the old tag fails with 412.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters: [{name: If-Match, in: header, schema: {type: string}}]
    ///       responses: {'204': {description: Updated}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       parameters: [{name: If-Match, in: header, schema: {type: string}}]
    ///       responses:
    ///         '204':
    ///           description: Updated
    ///           headers:
    ///             ETag: {schema: {type: string}}
    ///             Content-Location: {schema: {type: string, format: uri}}
    /// ```
    pub MissingUpdateValidators {
        code: "CONC-005",
        name: "missing-update-validators",
        category: "conc",
        severity: Info,
        summary: "A successful conditional update does not return `ETag` and `Content-Location`.",
    }
}

impl Rule for MissingUpdateValidators {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !matches!(op.method, "put" | "patch")
            || !is_path_op(op)
            || header_param(op, "If-Match").is_none()
        {
            return;
        }
        for r in responses(cx.bundle, op) {
            if !matches!(r.status, "200" | "204") {
                continue;
            }
            let missing: Vec<String> = ["ETag", "Content-Location"]
                .into_iter()
                .filter(|h| !has_header(cx.bundle, &r, h))
                .map(|h| format!("`{h}`"))
                .collect();
            if !missing.is_empty() {
                cx.report_at_key(
                    r.written,
                    format!(
                        "`{}` response of conditional {} does not declare {}",
                        r.status,
                        label(op),
                        missing.join(" or ")
                    ),
                )
                .set_help("return the new `ETag` and the resource's URI in `Content-Location`");
            }
        }
    }
}
