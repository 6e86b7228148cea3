use super::responses_without_header;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that a documented `503` response has a `Retry-After` header
    /// (any case), as delta-seconds or an HTTP-date. A `503` shared through
    /// `$ref` is reported once, at the component.
    ///
    /// ## Why is this bad?
    /// Without `Retry-After`, clients treat 503 like 500: they either give
    /// up or retry at once, which makes an overload worse.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200': {description: OK}
    ///         '503': {description: Maintenance}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200': {description: OK}
    ///         '503':
    ///           description: Maintenance
    ///           headers: {Retry-After: {schema: {type: integer, minimum: 0}, example: 120}}
    /// ```
    pub UnavailableWithoutRetryAfter {
        code: "STATUS-018",
        name: "unavailable-without-retry-after",
        category: "status",
        severity: Warning,
        summary: "A 503 response does not document the `Retry-After` header.",
    }
}

impl Rule for UnavailableWithoutRetryAfter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let found = responses_without_header(cx, &cx.model.operations, "503", "Retry-After");
        for response in found {
            cx.report_at_key(response, "`503` response does not document `Retry-After`")
                .set_help(
                    "add `headers: {Retry-After: {schema: {type: integer, minimum: 0}}}` \
                     (seconds, or an HTTP-date)",
                );
        }
    }
}
