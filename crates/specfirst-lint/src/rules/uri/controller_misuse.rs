use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::defs::segments::{Segment, segments};
use crate::defs::words::{is_controller_verb, is_crud_verb, tokenize};
use crate::model::operations_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For every controller path (D2: marked `x-resource-kind: controller`,
    /// or only `post` operations under a last segment that starts with a
    /// controller verb), reports:
    /// - (a) an operation other than `post` (error);
    /// - (b) another `paths` key below the controller, such as
    ///   `/alerts/{alertId}/resend/logs` (error);
    /// - (c) a path marked `x-resource-kind: controller` whose last segment
    ///   does not start with a verb (info).
    ///
    /// The controller verbs are D10's list plus the option
    /// `controllerVerbs`; add your own verbs there (`reindex`) to classify
    /// such paths and to silence (c).
    ///
    /// The findings of the lower severity keep it only while the rule runs at
    /// its default severity; a severity configured for the rule applies to
    /// every finding.
    ///
    /// ## Why is this bad?
    /// A controller runs an action outside create, read, update and delete
    /// (`POST /alerts/{alertId}/resend`). It is invoked with `POST` only,
    /// because the other methods have fixed meanings it does not have, and it
    /// is the end of its path, because an action has no child resources.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /alerts/{alertId}/resend:
    ///     x-resource-kind: controller
    ///     parameters:
    ///       - {name: alertId, in: path, required: true, schema: {type: string}}
    ///     get:
    ///       responses: {'200': {description: OK}}
    ///   /alerts/{alertId}/resend/logs:
    ///     parameters:
    ///       - {name: alertId, in: path, required: true, schema: {type: string}}
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /alerts/{alertId}/resend:
    ///     x-resource-kind: controller
    ///     parameters:
    ///       - {name: alertId, in: path, required: true, schema: {type: string}}
    ///     post:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub ControllerMisuse {
        code: "URI-010",
        name: "controller-misuse",
        category: "uri",
        severity: Error,
        summary: "A controller resource is called with a method other than POST, has child paths, or is not named by a verb.",
    }
}

impl Rule for ControllerMisuse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let items: Vec<_> = super::paths(cx).collect();
        let shapes: Vec<String> = items
            .iter()
            .map(|p| super::shape(super::path_of(p.key)))
            .collect();
        for (i, p) in items.iter().enumerate() {
            if cx.model.kind(p.key) != Some(ResourceKind::Controller) {
                continue;
            }
            // (a)
            for (method, op) in operations_of(p.item) {
                if method != "post" {
                    cx.report_at_key(
                        op,
                        format!(
                            "controller `{}` is invoked with {}",
                            p.key,
                            method.to_uppercase()
                        ),
                    )
                    .set_help("invoke a controller with POST only");
                }
            }
            // (b)
            let below = format!("{}/", shapes[i].trim_end_matches('/'));
            for (j, q) in items.iter().enumerate() {
                if shapes[j].starts_with(&below) {
                    cx.report_at_key(
                        q.written,
                        format!("path `{}` is below the controller `{}`", q.key, p.key),
                    )
                    .set_help(
                        "a controller is the last segment of its path: move the child resource elsewhere",
                    );
                }
            }
            // (c)
            let marked =
                p.item.get("x-resource-kind").and_then(Value::as_str) == Some("controller");
            let Some(Segment::Literal(last)) = segments(super::path_of(p.key)).last().copied()
            else {
                continue;
            };
            let Some(first) = tokenize(last).into_iter().next() else {
                continue;
            };
            if marked && !is_controller_verb(&first, cx.options) && !is_crud_verb(&first) {
                let severity = super::split_severity(cx, Severity::Info);
                let d = cx.report_at_key(
                    p.written,
                    format!("controller `{}` is not named by a verb (`{first}`)", p.key),
                );
                d.severity = severity;
                d.set_help(format!(
                    "name the action with a verb phrase; if `{first}` is a verb, add it to the option `controllerVerbs`"
                ));
            }
        }
    }
}
