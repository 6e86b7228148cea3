use serde_json::Value;
use specfirst_config::MethodOverride as Mode;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::defs::schema_walk::properties;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports the ways a request can override its HTTP method:
    /// - a parameter named `_method` in the query, or a property `_method` of
    ///   a form body (`application/x-www-form-urlencoded`, `multipart/*`)
    ///   → error;
    /// - a header parameter `X-HTTP-Method-Override` (or its variants
    ///   `X-HTTP-Method` and `X-Method-Override`) → warning.
    ///
    /// Option `methodOverride` (default `off`) enables overrides: with
    /// `header` the header is allowed; with `header+query` the query
    /// parameter `_method` is allowed too. A form-body `_method` is never
    /// read by the generated server, so it is always reported.
    ///
    /// The findings of the lower severity keep it only while the rule runs at
    /// its default severity; a severity configured for the rule applies to
    /// every finding.
    ///
    /// ## Why is this bad?
    /// The method says what a request does; overriding it hides a DELETE
    /// inside a POST from proxies, logs, caches and access rules, and a
    /// `_method` parameter lets a plain link or form trigger it (CSRF).
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     post:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///         - {name: _method, in: query, schema: {type: string, enum: [PUT, DELETE]}}
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
    ///     put:
    ///       responses: {'200': {description: OK}}
    ///     delete:
    ///       responses: {'204': {description: Deleted}}
    /// ```
    pub MethodOverride {
        code: "METHOD-013",
        name: "method-override",
        category: "method",
        severity: Error,
        summary: "A request can override its HTTP method with `_method` or `X-HTTP-Method-Override`.",
    }
}

const OVERRIDE_HEADERS: &[&str] = &[
    "X-HTTP-Method-Override",
    "X-HTTP-Method",
    "X-Method-Override",
];

impl Rule for MethodOverride {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        let mode = cx.options.method_override;
        let help = "use the real method (PUT, PATCH, DELETE); to accept overrides from clients that cannot send it, set the option `methodOverride`";
        for p in &op.parameters {
            let at: &Value = p.value.get("name").unwrap_or(p.value);
            if p.location == "query" && p.name == "_method" && mode != Mode::HeaderAndQuery {
                cx.report_at(at, "query parameter `_method` overrides the HTTP method")
                    .set_help(help);
            } else if p.location == "header"
                && mode == Mode::Off
                && OVERRIDE_HEADERS
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(p.name))
            {
                let severity = crate::rules::uri::split_severity(cx, Severity::Warning);
                let d = cx.report_at(at, format!("header `{}` overrides the HTTP method", p.name));
                d.severity = severity;
                d.set_help(help);
            }
        }
        let Some((doc, body)) = super::request_body(cx, op) else {
            return;
        };
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            return;
        };
        for (key, mt) in content {
            let form = MediaType::parse(key).is_some_and(|m| {
                (m.kind == "application" && m.subtype == "x-www-form-urlencoded")
                    || m.kind == "multipart"
            });
            let Some(schema) = mt.get("schema").filter(|_| form) else {
                continue;
            };
            for (name, _, _, written) in properties(cx.bundle, doc, schema) {
                if name == "_method" {
                    cx.report_at_key(
                        written,
                        format!("form field `_method` of `{key}` overrides the HTTP method"),
                    )
                    .set_help(help);
                }
            }
        }
    }
}
