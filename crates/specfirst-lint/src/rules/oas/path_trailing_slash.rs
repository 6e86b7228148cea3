use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no path key other than `/` ends with `/`.
    /// Spectral: `path-keys-no-trailing-slash`.
    ///
    /// ## Why is this bad?
    /// `/pets/` and `/pets` are different URLs: many servers and proxies treat
    /// them differently (redirect, 404), and clients that build URLs from the
    /// path get inconsistent results.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets/:
    ///     get:
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {description: ok}}
    /// ```
    pub PathTrailingSlash {
        code: "OAS-044",
        name: "path-trailing-slash",
        category: "oas",
        severity: Warning,
        summary: "A path ends with a slash.",
    }
}

impl Rule for PathTrailingSlash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(paths) = root.get("paths").and_then(Value::as_object) else {
            return;
        };
        for (path, item) in paths {
            if path.len() > 1 && path.ends_with('/') {
                cx.report_at_key(item, format!("path `{path}` ends with a slash"))
                    .set_help("remove the trailing `/`");
            }
        }
    }
}
