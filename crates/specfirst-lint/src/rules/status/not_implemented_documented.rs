use super::{label, response_entry};
use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `501` response on an operation the document defines.
    ///
    /// ## Why is this bad?
    /// 501 means the server does not implement the functionality at all.
    /// An operation that is documented is implemented, so its 501 is either
    /// dead documentation or a misused 405 (method not allowed on this
    /// resource) or 503 (temporarily unavailable).
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {description: OK}, '501': {description: Not implemented}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub NotImplementedDocumented {
        code: "STATUS-019",
        name: "not-implemented-documented",
        category: "status",
        severity: Info,
        summary: "A defined operation documents 501 Not Implemented.",
    }
}

impl Rule for NotImplementedDocumented {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if let Some(written) = response_entry(op, "501") {
            cx.report_at_key(
                written,
                format!("{} is defined, so it cannot answer `501`", label(op)),
            )
            .set_help(
                "remove the `501`; use `405` for a method the resource does not allow, \
                 `503` for a temporary outage",
            );
        }
    }
}
