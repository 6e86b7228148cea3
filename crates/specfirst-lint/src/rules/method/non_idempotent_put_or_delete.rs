use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::words::tokenize;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports (info) a `put` or `delete` whose `operationId` or `summary`
    /// contains one of the words increment, decrement, increase, append,
    /// next or counter (whole words, D10 tokenisation).
    ///
    /// ## Why is this bad?
    /// PUT and DELETE are idempotent: clients, proxies and retry logic repeat
    /// them after a timeout. An operation that increments a counter or
    /// appends an entry does something new each time it is repeated, so it
    /// must be a POST.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /articles/{articleId}/views:
    ///     put:
    ///       operationId: incrementViewCounter
    ///       parameters:
    ///         - {name: articleId, in: path, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Counted}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /articles/{articleId}/views:
    ///     post:
    ///       operationId: incrementViewCounter
    ///       parameters:
    ///         - {name: articleId, in: path, required: true, schema: {type: string}}
    ///       responses: {'204': {description: Counted}}
    /// ```
    pub NonIdempotentPutOrDelete {
        code: "METHOD-009",
        name: "non-idempotent-put-or-delete",
        category: "method",
        severity: Info,
        summary: "A PUT or DELETE is named like an action that is not idempotent.",
    }
}

const WORDS: &[&str] = &[
    "increment",
    "decrement",
    "increase",
    "append",
    "next",
    "counter",
];

impl Rule for NonIdempotentPutOrDelete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !matches!(op.method, "put" | "delete") {
            return;
        }
        for field in ["operationId", "summary"] {
            let Some(node) = op.op.get(field) else {
                continue;
            };
            let Some(text) = node.as_str() else {
                continue;
            };
            let Some(word) = tokenize(text)
                .into_iter()
                .find(|w| WORDS.contains(&w.as_str()))
            else {
                continue;
            };
            cx.report_at(
                node as &Value,
                format!(
                    "{} has the {field} `{text}`, which suggests a non-idempotent action (`{word}`)",
                    super::label(op)
                ),
            )
            .set_help("PUT and DELETE may be repeated with the same effect; use POST for an action that changes something each time");
            return;
        }
    }
}
