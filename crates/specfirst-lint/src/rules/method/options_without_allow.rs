use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::status;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// When an `options` operation is documented, checks that each of its
    /// 2xx responses declares the header `Allow` (case-insensitive), and
    /// reports the operation when it documents no 2xx response at all. A
    /// response that declares `Access-Control-Allow-Methods` answers a CORS
    /// preflight, which lists the methods there, and is not reported.
    ///
    /// ## Why is this bad?
    /// OPTIONS tells a client which methods it may use on a resource, in the
    /// `Allow` header; hypermedia clients discover permitted operations this
    /// way. An OPTIONS response without `Allow` says nothing.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     options:
    ///       responses: {'204': {description: Options}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     options:
    ///       responses:
    ///         '204': {description: Options, headers: {Allow: {schema: {type: string}}}}
    /// ```
    pub OptionsWithoutAllow {
        code: "METHOD-012",
        name: "options-without-allow",
        category: "method",
        severity: Warning,
        summary: "An OPTIONS operation does not declare the `Allow` header on its success response.",
    }
}

impl Rule for OptionsWithoutAllow {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "options" {
            return;
        }
        let Some(responses) = op.op.get("responses").and_then(Value::as_object) else {
            return;
        };
        let mut any_success = false;
        for (key, written) in responses {
            if !status::is_success(key) {
                continue;
            }
            any_success = true;
            let Ok((_, r)) = cx.bundle.resolve(op.doc, written) else {
                continue;
            };
            let headers: Vec<&str> = r
                .get("headers")
                .and_then(Value::as_object)
                .map(|h| h.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let declares = |name: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(name));
            if declares("Allow") || declares("Access-Control-Allow-Methods") {
                continue;
            }
            cx.report_at_key(
                written,
                format!(
                    "OPTIONS {} response `{key}` does not declare the `Allow` header",
                    op.path.key
                ),
            )
            .set_help("declare `headers: {Allow: {schema: {type: string}}}`: the methods the caller may use");
        }
        if !any_success {
            cx.report_at_key(
                op.op,
                format!(
                    "OPTIONS {} documents no success response with `Allow`",
                    op.path.key
                ),
            )
            .set_help("document a `200` or `204` response with the `Allow` header");
        }
    }
}
