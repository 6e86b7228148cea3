use super::path_operations;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every operation under `paths` documents at least one success
    /// (`2xx`) or redirection (`3xx`) response, as a code or a `2XX`/`3XX` range.
    /// Spectral: `operation-success-response`.
    ///
    /// ## Why is this bad?
    /// Clients are generated to return the success response's body; an operation
    /// with only error responses has no documented result.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'404': {description: not found}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200': {description: ok}
    ///         '404': {description: not found}
    /// ```
    pub NoSuccessResponse {
        code: "OAS-040",
        name: "no-success-response",
        category: "oas",
        severity: Warning,
        summary: "An operation has no 2xx or 3xx response.",
    }
}

impl Rule for NoSuccessResponse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for op in path_operations(cx.model) {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);

            let Some(responses) = op.op.get("responses") else {
                continue;
            };
            let Some(map) = responses.as_object() else {
                continue;
            };
            let success = map.keys().any(|k| {
                k == "2XX"
                    || k == "3XX"
                    || k.trim()
                        .parse::<f64>()
                        .is_ok_and(|n| (200.0..400.0).contains(&n))
            });
            if !success {
                cx.report_at_key(responses, format!("{label} has no 2xx or 3xx response"))
                    .set_help("document the success response (e.g. `'200'` or `'204'`)");
            }
        }
    }
}
