use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no path key contains `?`. Spectral: `path-not-include-query`.
    ///
    /// ## Why is this bad?
    /// Query parameters are declared as parameters with `in: query`; a `?` in the
    /// path key makes the query part of the template, so tools cannot validate or
    /// generate it, and two operations differing only by query cannot be told apart.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets?status=sold:
    ///     get:
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: status, in: query, schema: {type: string}}
    ///       responses: {'200': {description: ok}}
    /// ```
    pub QueryInPath {
        code: "OAS-045",
        name: "query-in-path",
        category: "oas",
        severity: Warning,
        summary: "A path includes a query string.",
    }
}

impl Rule for QueryInPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(paths) = root.get("paths").and_then(Value::as_object) else {
            return;
        };
        for (path, item) in paths {
            if path.contains('?') {
                cx.report_at_key(item, format!("path `{path}` includes a query string"))
                    .set_help("declare the query as parameters with `in: query`");
            }
        }
    }
}
