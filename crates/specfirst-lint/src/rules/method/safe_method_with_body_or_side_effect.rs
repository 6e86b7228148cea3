use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::words::{is_mutating_verb, tokenize};
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports:
    /// - (a) a `get`, `head` or `options` operation with a `requestBody`
    ///   (error);
    /// - (b) a `get` whose `operationId`, or else the first word of its
    ///   `summary`, starts with a mutating verb (create, add, update, set,
    ///   delete, remove, …; D10) (warning). `new` is not counted, since it
    ///   is mostly an adjective (`New releases`).
    ///
    /// The findings of the lower severity keep it only while the rule runs at
    /// its default severity; a severity configured for the rule applies to
    /// every finding.
    ///
    /// ## Why is this bad?
    /// GET, HEAD and OPTIONS are safe: crawlers, prefetchers, caches and
    /// retrying clients send them freely, so they must not change anything.
    /// Many servers and proxies drop a body on GET, so parameters go in the
    /// query string. A GET called `removeUser` deletes users whenever a link
    /// is followed.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       operationId: removeUser
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       requestBody: {content: {application/json: {schema: {type: object}}}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     parameters:
    ///       - {name: userId, in: path, required: true, schema: {type: string}}
    ///     get:
    ///       operationId: getUser
    ///       responses: {'200': {description: OK}}
    ///     delete:
    ///       operationId: deleteUser
    ///       responses: {'204': {description: Deleted}}
    /// ```
    pub SafeMethodWithBodyOrSideEffect {
        code: "METHOD-002",
        name: "safe-method-with-body-or-side-effect",
        category: "method",
        severity: Error,
        summary: "A GET, HEAD or OPTIONS operation takes a request body, or a GET is named like an action that changes state.",
    }
}

/// The mutating verb a name starts with (not `new`).
fn mutating_start(text: &str) -> Option<String> {
    let first = tokenize(text).into_iter().next()?;
    (first != "new" && is_mutating_verb(&first)).then_some(first)
}

impl Rule for SafeMethodWithBodyOrSideEffect {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !matches!(op.method, "get" | "head" | "options") {
            return;
        }
        if let Some(body) = op.op.get("requestBody") {
            cx.report_at_key(
                body,
                format!("{} takes a request body", super::label(op)),
            )
            .set_help("send the parameters of a safe method in the query string; if the operation changes state, use POST, PUT, PATCH or DELETE");
        }
        if op.method != "get" {
            return;
        }
        let id = op.op.get("operationId").filter(|v| v.is_string());
        let summary = op.op.get("summary").filter(|v| v.is_string());
        let found = match (id, summary) {
            (Some(id), _) => id
                .as_str()
                .and_then(mutating_start)
                .map(|verb| (id, "operationId", verb)),
            (None, Some(summary)) => summary
                .as_str()
                .and_then(|s| s.split_whitespace().next())
                .and_then(mutating_start)
                .map(|verb| (summary, "summary", verb)),
            (None, None) => None,
        };
        let Some((at, field, verb)) = found else {
            return;
        };
        let text = at.as_str().unwrap_or_default();
        let severity = crate::rules::uri::split_severity(cx, Severity::Warning);
        let d = cx.report_at(
            at as &Value,
            format!(
                "{} has the {field} `{text}`, which starts with the mutating verb `{verb}`",
                super::label(op)
            ),
        );
        d.severity = severity;
        d.set_help("a GET must not change state: move the action to POST, PUT, PATCH or DELETE, or rename the operation if it only reads");
    }
}

#[cfg(test)]
mod tests {
    use super::mutating_start;

    #[test]
    fn starts() {
        assert_eq!(mutating_start("removeUser").as_deref(), Some("remove"));
        assert_eq!(mutating_start("Delete").as_deref(), Some("delete"));
        assert_eq!(mutating_start("getUser"), None);
        assert_eq!(mutating_start("New"), None);
        assert_eq!(mutating_start("updatesFeed"), None);
    }
}
