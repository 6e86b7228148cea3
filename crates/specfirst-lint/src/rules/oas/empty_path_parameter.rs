use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no path key contains `{}`, a path parameter without a name.
    /// Spectral: `path-declarations-must-exist`.
    ///
    /// ## Why is this bad?
    /// A `{}` cannot be matched with a parameter, so the template cannot be filled
    /// in by clients nor routed by servers.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets/{}:
    ///     get:
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     get:
    ///       parameters:
    ///         - {name: petId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: ok}}
    /// ```
    pub EmptyPathParameter {
        code: "OAS-043",
        name: "empty-path-parameter",
        category: "oas",
        severity: Warning,
        summary: "A path template has an empty `{}` parameter.",
    }
}

impl Rule for EmptyPathParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(paths) = root.get("paths").and_then(Value::as_object) else {
            return;
        };
        for (path, item) in paths {
            if path.contains("{}") {
                cx.report_at_key(item, format!("path `{path}` has an empty parameter `{{}}`"))
                    .set_help("name the parameter, e.g. `{{petId}}`, and declare it");
            }
        }
    }
}
