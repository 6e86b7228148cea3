use super::{each_response, has_content, response_header};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that a `202 Accepted` response documents a `Location` header
    /// (the status-monitor resource the client polls) and a body describing
    /// the current status. Each missing part is its own finding. A `202`
    /// shared through `$ref` is reported once, at the component.
    ///
    /// ## Why is this bad?
    /// 202 means "not done yet". Without a monitor to poll and a status in
    /// the body, the client has no way to learn whether or when the work
    /// finished, or how it failed.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /reports:
    ///     post:
    ///       responses:
    ///         '202': {description: Accepted}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /reports:
    ///     post:
    ///       responses:
    ///         '202':
    ///           description: Accepted
    ///           headers: {Location: {schema: {type: string, format: uri}}}
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties: {state: {type: string}}
    /// ```
    pub AcceptedWithoutMonitor {
        code: "STATUS-004",
        name: "accepted-without-monitor",
        category: "status",
        severity: Warning,
        summary: "A 202 Accepted response lacks a `Location` status monitor or a status body.",
    }
}

impl Rule for AcceptedWithoutMonitor {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut found = Vec::new();
        each_response(
            cx,
            &model.operations,
            |k| k == "202",
            |r| {
                let location = response_header(cx.bundle, r.doc, r.response, "Location").is_some();
                found.push((r.response, location, has_content(r.response)));
            },
        );
        for (response, location, body) in found {
            if !location {
                cx.report_at_key(
                    response,
                    "`202` response does not document `Location` for its status monitor",
                )
                .set_help(
                    "add `headers: {Location: {schema: {type: string, format: uri}}}` pointing \
                     to a resource the client can poll",
                );
            }
            if !body {
                cx.report_at_key(
                    response,
                    "`202` response has no body describing the status of the work",
                )
                .set_help("add `content` with a task-status schema (state, progress, result link)");
            }
        }
    }
}
