use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// When a path documents both `head` and `get`, compares the response
    /// headers of every status code they both declare, by name
    /// (case-insensitive), and reports each header that one of them declares
    /// and the other does not. A missing `head` is not reported: generators
    /// derive HEAD from GET. A body on a HEAD response is STATUS-005's.
    ///
    /// ## Why is this bad?
    /// HEAD returns exactly the status and headers GET would, without the
    /// body; clients use it to check `ETag`, `Content-Length` or
    /// `Last-Modified` before downloading. A HEAD documented with other
    /// headers than GET misleads those clients.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /reports:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, headers: {ETag: {schema: {type: string}}}}
    ///     head:
    ///       responses:
    ///         '200': {description: OK}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /reports:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, headers: {ETag: {schema: {type: string}}}}
    ///     head:
    ///       responses:
    ///         '200': {description: OK, headers: {ETag: {schema: {type: string}}}}
    /// ```
    pub HeadHeadersDifferFromGet {
        code: "METHOD-011",
        name: "head-headers-differ-from-get",
        category: "method",
        severity: Info,
        summary: "A HEAD response declares other headers than the GET response with the same status.",
    }
}

fn response<'a>(cx: &Context<'a>, doc: usize, op: &'a Value, status: &str) -> Option<&'a Value> {
    let r = op.get("responses")?.get(status)?;
    cx.bundle.resolve(doc, r).ok().map(|(_, r)| r)
}

fn header_names(r: &Value) -> Vec<&str> {
    r.get("headers")
        .and_then(Value::as_object)
        .map(|h| h.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

impl Rule for HeadHeadersDifferFromGet {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "head" {
            return;
        }
        let Some(get) = op.path.item.get("get") else {
            return;
        };
        let Some(statuses) = op.op.get("responses").and_then(Value::as_object) else {
            return;
        };
        for (status, written) in statuses {
            if status.starts_with("x-") {
                continue;
            }
            let (Some(head_r), Some(get_r)) = (
                response(cx, op.doc, op.op, status),
                response(cx, op.path.doc, get, status),
            ) else {
                continue;
            };
            let (head_h, get_h) = (header_names(head_r), header_names(get_r));
            let has = |list: &[&str], name: &str| list.iter().any(|h| h.eq_ignore_ascii_case(name));
            let missing: Vec<&str> = get_h.iter().copied().filter(|h| !has(&head_h, h)).collect();
            let extra: Vec<&str> = head_h.iter().copied().filter(|h| !has(&get_h, h)).collect();
            let path = op.path.key;
            for h in missing {
                cx.report_at_key(
                    written,
                    format!("HEAD {path} response `{status}` lacks the header `{h}` that GET declares"),
                )
                .set_help("document the same headers on HEAD as on GET (or leave HEAD out: it is derived from GET)");
            }
            for h in extra {
                cx.report_at_key(
                    written,
                    format!("HEAD {path} response `{status}` declares the header `{h}` that GET does not"),
                )
                .set_help("document the same headers on HEAD as on GET (or leave HEAD out: it is derived from GET)");
            }
        }
    }
}
