use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::model::PathItemKind;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no operation of a webhook (OpenAPI 3.1) has `callbacks`.
    /// Spectral: `oas3_1-callbacks-in-webhook`.
    ///
    /// ## Why is this bad?
    /// A webhook is already a request the API makes to the consumer; a callback
    /// of a webhook would be a request back in return, which tools do not
    /// support. Describe the consumer's reply as the webhook's response, or the
    /// follow-up request as an operation under `paths`.
    ///
    /// ## Example
    /// ```yaml
    /// webhooks:
    ///   petAdopted:
    ///     post:
    ///       callbacks:
    ///         onAck:
    ///           '{$request.body#/ack}':
    ///             post: {responses: {'200': {description: ok}}}
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
    pub CallbackInWebhook {
        code: "OAS-029",
        name: "callback-in-webhook",
        category: "oas",
        severity: Warning,
        summary: "An operation of a webhook defines callbacks.",
    }
}

impl Rule for CallbackInWebhook {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        for op in &cx.model.operations {
            if op.path.kind != PathItemKind::Webhook
                || !seen.insert(std::ptr::from_ref(op.op) as usize)
            {
                continue;
            }
            if let Some(callbacks) = op.op.get("callbacks") {
                cx.report_at_key(
                    callbacks,
                    format!("webhook operation {} {} defines callbacks", op.method.to_uppercase(), op.path.key),
                )
                .set_help("describe the reply as the webhook's response, or the follow-up as an operation under `paths`");
            }
        }
    }
}
