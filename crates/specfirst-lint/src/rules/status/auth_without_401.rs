use serde_json::Value;
use specfirst_diagnostics::Severity;

use super::{documents, each_response, label, response_header};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::security;
use crate::model::PathItemKind;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks how authentication failures are documented:
    ///
    /// - an operation whose effective security (D4) requires credentials
    ///   documents `401`, `4XX` or `default` (warning);
    /// - a documented `401` response has a `WWW-Authenticate` header (info);
    /// - an operation whose security requirement lists scopes (or roles)
    ///   documents `403`, `4XX` or `default` (info).
    ///
    /// With `maskForbiddenAs404: true` (C-36) a documented `404` also
    /// counts as the answer to missing credentials or permissions.
    ///
    /// ## Why is this bad?
    /// Every protected operation can be called without valid credentials or
    /// without permission. Clients need the 401 (with the challenge telling
    /// them how to authenticate) and the 403 to react correctly.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       security: [{oauth2: [users.write]}]
    ///       responses: {'204': {description: Updated}}
    /// components:
    ///   securitySchemes:
    ///     oauth2:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {users.write: Change users}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     put:
    ///       security: [{oauth2: [users.write]}]
    ///       responses:
    ///         '204': {description: Updated}
    ///         '401':
    ///           description: Missing or invalid token
    ///           headers: {WWW-Authenticate: {schema: {type: string}}}
    ///         '403': {description: Forbidden}
    /// components:
    ///   securitySchemes:
    ///     oauth2:
    ///       type: oauth2
    ///       flows:
    ///         clientCredentials:
    ///           tokenUrl: https://auth.example.com/token
    ///           scopes: {users.write: Change users}
    /// ```
    pub AuthWithout401 {
        code: "STATUS-009",
        name: "auth-without-401",
        category: "status",
        severity: Warning,
        summary: "A secured operation does not document 401 (with `WWW-Authenticate`) or 403.",
    }
}

impl Rule for AuthWithout401 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let root = cx.bundle.root().value();
        let mask = cx.options.mask_forbidden_as404;
        let with_mask = |codes: &[&'static str]| {
            let mut v = codes.to_vec();
            if mask {
                v.push("404");
            }
            v
        };
        for op in &model.operations {
            if op.path.kind != PathItemKind::Path {
                continue;
            }
            if !security::allows_anonymous(root, op.op)
                && !documents(op, &with_mask(&["401", "4XX", "default"]))
            {
                cx.report_at_key(
                    op.op,
                    format!(
                        "{} requires credentials but does not document `401`",
                        label(op)
                    ),
                )
                .set_help("add a `401` response with a `WWW-Authenticate` header");
            }
            let scoped = security::effective(root, op.op)
                .and_then(Value::as_array)
                .is_some_and(|reqs| {
                    reqs.iter().filter_map(Value::as_object).any(|r| {
                        r.values()
                            .any(|s| s.as_array().is_some_and(|s| !s.is_empty()))
                    })
                });
            if scoped && !documents(op, &with_mask(&["403", "4XX", "default"])) {
                cx.report_at_key(
                    op.op,
                    format!("{} requires scopes but does not document `403`", label(op)),
                )
                .set_help("add a `403` response for callers without the required scope")
                .severity = Severity::Info;
            }
        }
        let mut unchallenged = Vec::new();
        each_response(
            cx,
            &model.operations,
            |k| k == "401",
            |r| {
                if response_header(cx.bundle, r.doc, r.response, "WWW-Authenticate").is_none() {
                    unchallenged.push(r.response);
                }
            },
        );
        for response in unchallenged {
            cx.report_at_key(
                response,
                "`401` response does not document `WWW-Authenticate`",
            )
            .set_help(
                "add `headers: {WWW-Authenticate: {schema: {type: string}}}` with the \
                     challenge (e.g. `Bearer realm=\"api\"`)",
            )
            .severity = Severity::Info;
        }
    }
}
