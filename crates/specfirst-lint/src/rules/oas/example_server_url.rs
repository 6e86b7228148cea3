use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no top-level server URL contains `example.com`.
    /// Spectral: `oas3-server-not-example.com`.
    ///
    /// ## Why is this bad?
    /// `example.com` is a placeholder: a document published with it sends
    /// try-it consoles and generated clients nowhere.
    ///
    /// ## Example
    /// ```yaml
    /// servers:
    ///   - url: 'https://api.example.com/v1'
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// servers:
    ///   - url: 'https://api.pets.dev/v1'
    /// paths: {}
    /// ```
    pub ExampleServerUrl {
        code: "OAS-026",
        name: "example-server-url",
        category: "oas",
        severity: Warning,
        summary: "A server URL points at example.com.",
    }
}

impl Rule for ExampleServerUrl {
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
            if url.contains("example.com") {
                cx.report_at(
                    url_value,
                    format!("server URL `{url}` points at example.com"),
                )
                .set_help("put the API's real base URL");
            }
        }
    }
}
