use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::security;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, is_path_op, label};

declare_rule! {
    /// ## What it does
    /// Reports an operation whose effective security (D4: `security` of the
    /// operation, else of the document) allows anonymous access — absent,
    /// `[]`, or containing `{}` — and that is not marked `x-public: true`.
    ///
    /// When the document declares no security requirement anywhere, the
    /// finding is reported once, at `paths`, with the number of operations,
    /// instead of once per operation. Webhooks and callbacks are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// Every operation requires authentication unless it is deliberately
    /// public. An operation that is anonymous by omission — a forgotten
    /// `security`, or `security: []` copied from a health check — exposes
    /// data or actions to anyone. `x-public: true` documents the intent.
    ///
    /// ## Example
    /// ```yaml
    /// security: [{oauth2: [users.read]}]
    /// paths:
    ///   /users:
    ///     get: {security: [], responses: {'200': {description: OK}}}
    /// components:
    ///   securitySchemes:
    ///     oauth2:
    ///       type: oauth2
    ///       flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {users.read: read users}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// security: [{oauth2: [users.read]}]
    /// paths:
    ///   /users:
    ///     get: {responses: {'200': {description: OK}}}
    ///   /health:
    ///     get: {security: [], x-public: true, responses: {'200': {description: OK}}}
    /// components:
    ///   securitySchemes:
    ///     oauth2:
    ///       type: oauth2
    ///       flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {users.read: read users}}}
    /// ```
    pub AnonymousOperation {
        code: "SEC-002",
        name: "anonymous-operation",
        category: "sec",
        severity: Warning,
        summary: "An operation allows anonymous access without `x-public: true`.",
    }
}

impl Rule for AnonymousOperation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let model = cx.model;
        let mut seen = HashSet::new();
        let ops: Vec<&Operation<'_>> = model
            .operations
            .iter()
            .filter(|op| is_path_op(op) && seen.insert(addr(op.op)))
            .collect();
        let anonymous: Vec<&&Operation<'_>> = ops
            .iter()
            .filter(|op| {
                security::allows_anonymous(root, op.op)
                    && op.op.get("x-public").and_then(Value::as_bool) != Some(true)
            })
            .collect();
        let declared_anywhere = root.get("security").is_some_and(|s| !is_empty_list(s))
            || ops
                .iter()
                .any(|op| op.op.get("security").is_some_and(|s| !is_empty_list(s)));
        if !declared_anywhere && anonymous.len() > 1 {
            let at = root.get("paths").unwrap_or(root);
            cx.report_at_key(
                at,
                format!(
                    "no operation requires authentication: {} operations allow anonymous access",
                    anonymous.len()
                ),
            )
            .set_help("declare a security scheme and a root `security` requirement; mark deliberately public operations `x-public: true`");
            return;
        }
        for op in anonymous {
            cx.report_at_key(op.op, format!("{} allows anonymous access", label(op)))
                .set_help("add a `security` requirement, or mark the operation `x-public: true` if it is public on purpose");
        }
    }
}

fn is_empty_list(v: &Value) -> bool {
    v.as_array().is_some_and(Vec::is_empty)
}
