use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::model::PathItemKind;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no operation of a callback has `callbacks`.
    /// Spectral: `oas3-callbacks-in-callbacks`.
    ///
    /// ## Why is this bad?
    /// A callback is a request the API makes to the client; a callback of a
    /// callback would be a request the client makes back in return, which no
    /// tool supports and which rarely is what was meant.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /subscriptions:
    ///     post:
    ///       callbacks:
    ///         onEvent:
    ///           '{$request.body#/url}':
    ///             post:
    ///               callbacks:
    ///                 onAck:
    ///                   '{$request.body#/ack}':
    ///                     post: {responses: {'200': {description: ok}}}
    ///               responses: {'200': {description: ok}}
    ///       responses: {'201': {description: created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /subscriptions:
    ///     post:
    ///       callbacks:
    ///         onEvent:
    ///           '{$request.body#/url}':
    ///             post: {responses: {'200': {description: ok}}}
    ///       responses: {'201': {description: created}}
    /// ```
    pub CallbackInCallback {
        code: "OAS-022",
        name: "callback-in-callback",
        category: "oas",
        severity: Warning,
        summary: "An operation of a callback defines callbacks of its own.",
    }
}

impl Rule for CallbackInCallback {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        for op in &cx.model.operations {
            if op.path.kind != PathItemKind::Callback
                || !seen.insert(std::ptr::from_ref(op.op) as usize)
            {
                continue;
            }
            if let Some(callbacks) = op.op.get("callbacks") {
                cx.report_at_key(
                    callbacks,
                    format!(
                        "callback operation {} {} defines callbacks",
                        op.method.to_uppercase(),
                        op.path.key
                    ),
                )
                .set_help("move the nested callback up to the operation that starts the exchange");
            }
        }
    }
}
