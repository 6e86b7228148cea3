use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::model::{PathItemKind, operations_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no webhook (OpenAPI 3.1) path item or operation has `servers`.
    /// Spectral: `oas3_1-servers-in-webhook` (which checks the operations only).
    ///
    /// ## Why is this bad?
    /// A webhook is a request the API makes to a URL the consumer registers:
    /// the API's servers do not apply, and servers on a webhook mislead readers
    /// and tools about where it is sent.
    ///
    /// ## Example
    /// ```yaml
    /// webhooks:
    ///   petAdopted:
    ///     post:
    ///       servers: [{url: 'https://hooks.pets.dev'}]
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// webhooks:
    ///   petAdopted:
    ///     post:
    ///       responses: {'200': {description: ok}}
    /// ```
    pub ServersInWebhook {
        code: "OAS-030",
        name: "servers-in-webhook",
        category: "oas",
        severity: Warning,
        summary: "A webhook, or an operation of a webhook, defines `servers`.",
    }
}

impl Rule for ServersInWebhook {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        for item in &cx.model.path_items {
            if item.kind != PathItemKind::Webhook
                || !seen.insert(std::ptr::from_ref(item.item) as usize)
            {
                continue;
            }
            if let Some(servers) = item.item.get("servers") {
                cx.report_at_key(servers, format!("webhook `{}` defines `servers`", item.key))
                    .set_help("remove `servers`: a webhook goes to the URL the consumer registers");
            }
            for (method, op) in operations_of(item.item) {
                if let Some(servers) = op.get("servers") {
                    cx.report_at_key(
                        servers,
                        format!(
                            "webhook operation {} {} defines `servers`",
                            method.to_uppercase(),
                            item.key
                        ),
                    )
                    .set_help("remove `servers`: a webhook goes to the URL the consumer registers");
                }
            }
        }
    }
}
