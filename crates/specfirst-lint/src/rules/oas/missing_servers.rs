use serde_json::Value;

use super::member_location;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that the document lists at least one server in a top-level
    /// `servers` array of objects. Spectral: `oas3-api-servers` (which also
    /// fires on a document of webhooks only, which has no base URL to give).
    ///
    /// ## Why is this bad?
    /// Without servers, the paths have no base URL: tools assume `/`, try-it
    /// consoles call the documentation's own host, and readers cannot tell where
    /// the API lives.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// servers:
    ///   - url: 'https://api.pets.dev/v1'
    /// paths: {}
    /// ```
    pub MissingServers {
        code: "OAS-021",
        name: "missing-servers",
        category: "oas",
        severity: Warning,
        summary: "The document has no `servers`.",
    }
}

impl Rule for MissingServers {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        // A document of webhooks only describes requests the API sends: it
        // has no base URL to give.
        let no_paths = root
            .get("paths")
            .and_then(Value::as_object)
            .is_none_or(serde_json::Map::is_empty);
        let has_webhooks = root
            .get("webhooks")
            .and_then(Value::as_object)
            .is_some_and(|w| !w.is_empty());
        if no_paths && has_webhooks && root.get("servers").is_none() {
            return;
        }
        let message = match root.get("servers") {
            None => "the document has no `servers`",
            Some(Value::Array(list)) if !list.is_empty() && list.iter().all(Value::is_object) => {
                return;
            }
            Some(Value::Array(list)) if list.is_empty() => "`servers` is empty",
            Some(_) => "`servers` is not a list of Server Objects",
        };
        let location = member_location(cx, root, "servers");
        cx.report(location, message).set_help(
            "list the API's base URLs in `servers`, e.g. `- url: https://api.example.org/v1`",
        );
    }
}
