use super::response_entry;
use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports every response key `302`.
    ///
    /// ## Why is this bad?
    /// Clients disagree on what 302 means: HTTP/1.0 says "repeat the request
    /// at the new URI", browsers turn it into a GET. HTTP/1.1 added 303 (go
    /// and GET the other URI) and 307 (repeat the same method there) to
    /// remove the ambiguity. Generated code never sends 302.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /reports/latest:
    ///     get:
    ///       responses:
    ///         '302': {description: Moved, headers: {Location: {schema: {type: string}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /reports/latest:
    ///     get:
    ///       responses:
    ///         '307': {description: Temporarily moved, headers: {Location: {schema: {type: string}}}}
    /// ```
    pub RedirectWith302 {
        code: "STATUS-012",
        name: "redirect-with-302",
        category: "status",
        severity: Warning,
        summary: "A response uses the ambiguous 302 Found.",
    }
}

impl Rule for RedirectWith302 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if let Some(written) = response_entry(op, "302") {
            cx.report_at_key(
                written,
                "`302` leaves the method of the redirected request open",
            )
            .set_help("use `303` to continue with a GET, or `307` to repeat the same method");
        }
    }
}
