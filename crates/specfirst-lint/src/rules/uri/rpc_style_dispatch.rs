use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::segments;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports the two shapes of RPC-style dispatch:
    /// - a query parameter named (case-insensitive) `op`, `operation`,
    ///   `action`, `cmd`, `command`, `method`, `do`, `func` or `function`
    ///   (`_method` is METHOD-013's), except on `GET` of a collection, where
    ///   such a parameter filters the items by an attribute (`GET
    ///   /audit-events?action=login`);
    /// - a query parameter `type`, `resource` or `entity` on a path whose
    ///   only literal segment is `api`, `service`, `services`, `rpc`,
    ///   `gateway`, `dispatch` or `endpoint`.
    ///
    /// ## Why is this bad?
    /// `/services?op=update_customer&id=12345` hides every resource behind one
    /// URI: caches, proxies, logs, access control and generated clients can
    /// no longer tell one action from another, and `GET` may change state.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /services:
    ///     get:
    ///       parameters:
    ///         - {name: op, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers/{customerId}:
    ///     put:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub RpcStyleDispatch {
        code: "URI-006",
        name: "rpc-style-dispatch",
        category: "uri",
        severity: Error,
        summary: "A query parameter or a generic dispatcher path selects the action or the resource.",
    }
}

const ACTION_PARAMS: &[&str] = &[
    "op",
    "operation",
    "action",
    "cmd",
    "command",
    "method",
    "do",
    "func",
    "function",
];
const DISPATCHERS: &[&str] = &[
    "api", "service", "services", "rpc", "gateway", "dispatch", "endpoint",
];
const RESOURCE_PARAMS: &[&str] = &["type", "resource", "entity"];

impl Rule for RpcStyleDispatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path {
            return;
        }
        let filters_collection = op.method == "get"
            && cx
                .model
                .kind(op.path.key)
                .is_some_and(|k| k.is_collection());
        let segs = segments(super::path_of(op.path.key));
        let literals: Vec<&str> = segs.iter().filter_map(|s| s.literal()).collect();
        let dispatcher = match literals.as_slice() {
            [only] if DISPATCHERS.contains(&only.to_ascii_lowercase().as_str()) => Some(*only),
            _ => None,
        };
        for p in &op.parameters {
            if p.location != "query" {
                continue;
            }
            let name = p.name.to_ascii_lowercase();
            let at: &Value = p.value.get("name").unwrap_or(p.value);
            if ACTION_PARAMS.contains(&name.as_str()) && !filters_collection {
                cx.report_at(
                    at,
                    format!(
                        "query parameter `{}` selects the action to run (RPC-style dispatch)",
                        p.name
                    ),
                )
                .set_help(
                    "give each action its own resource and HTTP method (`PUT /customers/{customerId}`, `POST /alerts/{alertId}/resend`)",
                );
            } else if let Some(path) = dispatcher
                && RESOURCE_PARAMS.contains(&name.as_str())
            {
                cx.report_at(
                    at,
                    format!(
                        "query parameter `{}` selects the resource behind the generic path segment `{path}`",
                        p.name
                    ),
                )
                .set_help("give each resource its own path (`/posts/{postId}`, not `/api?type=posts&id=23`)");
            }
        }
    }
}
