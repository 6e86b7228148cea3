use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the media types of every request body:
    /// - `application/x-www-form-urlencoded` or `multipart/*` on an
    ///   operation without `x-form-allowed: true` → reported at that media
    ///   type;
    /// - no JSON media type (D8: `application/json` or `*/*+json`) at all →
    ///   reported at `content`, unless every other media type is a form type
    ///   the operation allows, or is marked `x-binary: true` (a file upload
    ///   on purpose).
    ///
    /// ## Why is this bad?
    /// Request entities are JSON by default, so that one parser, one
    /// validator and one error format serve every operation. Form encodings
    /// are accepted only on operations that document the exception (an OAuth
    /// token endpoint, a file upload).
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     post:
    ///       requestBody:
    ///         content:
    ///           application/x-www-form-urlencoded: {schema: {type: object}}
    ///       responses: {'201': {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     post:
    ///       x-form-allowed: true
    ///       requestBody:
    ///         content:
    ///           application/json: {schema: {type: object}}
    ///           multipart/form-data: {schema: {type: object}}
    ///       responses: {'201': {description: Created}}
    /// ```
    pub NonJsonRequestBody {
        code: "METHOD-005",
        name: "non-json-request-body",
        category: "method",
        severity: Warning,
        summary: "A request body is not JSON, or accepts a form encoding the operation does not document as an exception.",
    }
}

fn is_form(m: &MediaType) -> bool {
    (m.kind == "application" && m.subtype == "x-www-form-urlencoded") || m.kind == "multipart"
}

impl Rule for NonJsonRequestBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        let Some((doc, body)) = super::request_body(cx, op) else {
            return;
        };
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            return;
        };
        if content.is_empty() {
            return;
        }
        let form_allowed = super::flag(op.op, "x-form-allowed");
        let mut has_json = false;
        let mut excused = true;
        for (key, mt) in content {
            let mt = cx.bundle.resolve(doc, mt).map_or(mt, |(_, v)| v);
            let Some(parsed) = MediaType::parse(key) else {
                excused = false;
                continue;
            };
            if parsed.is_json() {
                has_json = true;
            } else if is_form(&parsed) {
                if !form_allowed {
                    cx.report_at_key(mt, format!("request body accepts `{key}`"))
                        .set_help("accept JSON; if this operation must take a form (an OAuth token endpoint, a file upload), document the exception with `x-form-allowed: true` on the operation");
                }
            } else if !super::flag(mt, "x-binary") {
                excused = false;
            }
        }
        if !has_json
            && !excused
            && let Some(content_node) = body.get("content")
        {
            let keys: Vec<&str> = content.keys().map(String::as_str).collect();
            cx.report_at_key(
                content_node,
                format!("request body has no JSON media type (`{}`)", keys.join("`, `")),
            )
            .set_help("accept `application/json`; mark binary uploads with `x-binary: true` on their Media Type Object");
        }
    }
}
