use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no top-level server URL (other than `/`) ends with `/`.
    /// Spectral: `oas3-server-trailing-slash`.
    ///
    /// ## Why is this bad?
    /// Paths start with `/`, so a server URL ending with `/` gives URLs with `//`
    /// (`https://api.pets.dev/v1//pets`), which some servers and proxies reject.
    ///
    /// ## Example
    /// ```yaml
    /// servers:
    ///   - url: 'https://api.pets.dev/v1/'
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// servers:
    ///   - url: 'https://api.pets.dev/v1'
    /// paths: {}
    /// ```
    pub ServerUrlTrailingSlash {
        code: "OAS-027",
        name: "server-url-trailing-slash",
        category: "oas",
        severity: Warning,
        summary: "A server URL ends with a slash.",
    }
}

impl Rule for ServerUrlTrailingSlash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(servers) = root.get("servers").and_then(Value::as_array) else {
            return;
        };
        for server in servers {
            let Some(url_value) = server.get("url") else {
                continue;
            };
            let Some(url) = url_value.as_str() else {
                continue;
            };
            if url.len() > 1 && url.ends_with('/') {
                cx.report_at(url_value, format!("server URL `{url}` ends with a slash"))
                    .set_help("remove the trailing `/`");
            }
        }
    }
}
