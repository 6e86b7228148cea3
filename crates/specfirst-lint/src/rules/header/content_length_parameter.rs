use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a header parameter `Content-Length` (any case):
    ///
    /// - on `get` or `head`: error, a request without a body has no length;
    /// - on any other operation: info, the HTTP client computes it from the
    ///   body, so documenting it as a parameter is redundant.
    ///
    /// Option `requireContentLength` (default `true`: a POST or PUT without
    /// it gets 411) is enforced by generated servers and does not change
    /// this check.
    ///
    /// ## Why is this bad?
    /// A GET must not carry a body, so a `Content-Length` parameter there is
    /// a contradiction. Elsewhere a client that fills in the documented
    /// parameter by hand can send a length that disagrees with the body.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters: [{name: Content-Length, in: header, schema: {type: integer}}]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub ContentLengthParameter {
        code: "HEADER-004",
        name: "content-length-parameter",
        category: "header",
        severity: Error,
        summary: "`Content-Length` is documented as a request header parameter.",
    }
}

impl Rule for ContentLengthParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        let label = format!("{} {}", op.method.to_uppercase(), op.path.key);
        for p in &op.parameters {
            if !p.location.eq_ignore_ascii_case("header")
                || !p.name.eq_ignore_ascii_case("Content-Length")
            {
                continue;
            }
            let at = p.value.get("name").unwrap_or(p.value);
            if matches!(op.method, "get" | "head") {
                cx.report_at(
                    at,
                    format!("{label} has no body but documents `{}`", p.name),
                )
                .set_help("remove the parameter: GET and HEAD requests carry no body");
            } else {
                cx.report_at(at, format!("{label} documents `{}` as a parameter", p.name))
                    .set_help("remove the parameter: the HTTP client sets it from the body")
                    .severity = Severity::Info;
            }
        }
    }
}
