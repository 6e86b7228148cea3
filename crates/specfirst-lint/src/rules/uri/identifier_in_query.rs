use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::{Segment, segments};
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For `get`, `put`, `patch` and `delete` on a path whose last segment is
    /// literal, reports a **required** query parameter named `id`, or named
    /// like an identifier (`userId`, `user_id`). Identifiers of the caller or
    /// the request (`client_id`, `appId`, `sessionId`, `traceId`) are not
    /// resource names and are not reported.
    ///
    /// On `GET` of a collection (D2) only `id` itself is reported: a
    /// required `accountId` there scopes the list (a filter), it does not
    /// name the resource.
    ///
    /// ## Why is this bad?
    /// A resource is identified by its URI path. With the identity in the
    /// query, `DELETE /users?id=1` acts on something the path does not name:
    /// caches, logs and access rules keyed on the path see one resource where
    /// there are many.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     delete:
    ///       parameters:
    ///         - {name: id, in: query, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Deleted}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     delete:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Deleted}}
    /// ```
    pub IdentifierInQuery {
        code: "URI-007",
        name: "identifier-in-query",
        category: "uri",
        severity: Warning,
        summary: "A required query parameter names the resource instead of the path.",
    }
}

/// Identifiers of the caller or the request, not of a resource
/// (`client_id`, `sessionId`, `traceId`).
const NOT_RESOURCES: &[&str] = &[
    "client",
    "app",
    "application",
    "api",
    "session",
    "request",
    "correlation",
    "trace",
];

/// `id`, `^[a-z][A-Za-z0-9]*Id$` or `…_id`.
fn is_identifier(name: &str) -> bool {
    if name == "id" {
        return true;
    }
    let stem = if let Some(stem) = name.strip_suffix("_id") {
        stem
    } else if let Some(stem) = name.strip_suffix("Id")
        && stem.starts_with(|c: char| c.is_ascii_lowercase())
        && stem.chars().all(|c| c.is_ascii_alphanumeric())
    {
        stem
    } else {
        return false;
    };
    !NOT_RESOURCES.contains(&stem.to_ascii_lowercase().as_str())
}

impl Rule for IdentifierInQuery {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path
            || !matches!(op.method, "get" | "put" | "patch" | "delete")
        {
            return;
        }
        if !matches!(
            segments(super::path_of(op.path.key)).last(),
            Some(Segment::Literal(_))
        ) {
            return;
        }
        let lists = op.method == "get"
            && cx
                .model
                .kind(op.path.key)
                .is_some_and(|k| k.is_collection());
        for p in &op.parameters {
            let required = p.value.get("required").and_then(Value::as_bool) == Some(true);
            if p.location != "query" || !required || !is_identifier(p.name) {
                continue;
            }
            if lists && p.name != "id" {
                continue;
            }
            let at: &Value = p.value.get("name").unwrap_or(p.value);
            cx.report_at(
                at,
                format!(
                    "required query parameter `{}` identifies the resource",
                    p.name
                ),
            )
            .set_help(format!(
                "address the resource with a path template instead (`{}/{{{}}}`)",
                op.path.key.trim_end_matches('/'),
                p.name
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_identifier;

    #[test]
    fn identifier_names() {
        for n in ["id", "userId", "user_id", "_id", "orderLineId"] {
            assert!(is_identifier(n), "{n}");
        }
        for n in [
            "Id",
            "ids",
            "valid",
            "paid",
            "UserId",
            "identity",
            "client_id",
            "sessionId",
        ] {
            assert!(!is_identifier(n), "{n}");
        }
    }
}
