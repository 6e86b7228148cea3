use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports every `trace` operation.
    ///
    /// ## Why is this bad?
    /// An API uses GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS. TRACE
    /// echoes the request back, including credentials in headers, which
    /// cross-site tracing attacks exploit; it has no place in an API.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     trace:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub TraceOperation {
        code: "METHOD-001",
        name: "trace-operation",
        category: "method",
        severity: Warning,
        summary: "An operation uses the TRACE method.",
    }
}

impl Rule for TraceOperation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method == "trace" {
            cx.report_at_key(op.op, format!("`{}` exposes TRACE", op.path.key))
                .set_help("remove the operation: an API offers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS");
        }
    }
}
