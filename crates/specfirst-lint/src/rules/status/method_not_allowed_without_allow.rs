use super::responses_without_header;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that a documented `405` response has an `Allow` header (any
    /// case). Documenting 405 is optional (generated code always sends it
    /// with `Allow`); when it is documented it must say so. A `405` shared
    /// through `$ref` is reported once, at the component.
    ///
    /// ## Why is this bad?
    /// HTTP requires `Allow` on every 405: it is how the client learns which
    /// methods the URI does support.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200': {description: OK}
    ///         '405': {description: Method not allowed}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200': {description: OK}
    ///         '405':
    ///           description: Method not allowed
    ///           headers: {Allow: {schema: {type: string}, example: 'GET, HEAD, OPTIONS'}}
    /// ```
    pub MethodNotAllowedWithoutAllow {
        code: "STATUS-010",
        name: "method-not-allowed-without-allow",
        category: "status",
        severity: Error,
        summary: "A 405 response does not document the `Allow` header.",
    }
}

impl Rule for MethodNotAllowedWithoutAllow {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let found = responses_without_header(cx, &cx.model.operations, "405", "Allow");
        for response in found {
            cx.report_at_key(response, "`405` response does not document `Allow`")
                .set_help(
                    "add `headers: {Allow: {schema: {type: string}, example: 'GET, HEAD'}}` \
                     listing the methods the URI supports",
                );
        }
    }
}
