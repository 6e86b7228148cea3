use serde_json::Value;

use super::{documents, label};
use crate::context::Context;
use crate::declare_rule;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that an operation that takes input documents `400`, `4XX` or
    /// `default`. Input is a `requestBody`, or any effective parameter (D3)
    /// that is not in the path (query, header, cookie). Header parameters
    /// that carry content negotiation (`Accept*`, `Content-Type`: 406/415)
    /// or credentials (`Authorization`, an `apiKey` scheme's header, names
    /// with `token`, `auth` or `api-key`: 401) are not input to validate.
    ///
    /// ## Why is this bad?
    /// Every input can be malformed or fail its schema. The documented 400 is
    /// how clients learn that outcome exists and what its body looks like.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       requestBody: {content: {application/json: {schema: {type: object}}}}
    ///       responses: {'201': {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       requestBody: {content: {application/json: {schema: {type: object}}}}
    ///       responses:
    ///         '201': {description: Created}
    ///         '400': {description: Invalid pet}
    /// ```
    pub InputWithout400 {
        code: "STATUS-008",
        name: "input-without-400",
        category: "status",
        severity: Warning,
        summary: "An operation that takes input does not document 400.",
    }
}

/// Header parameters that are not input to validate: content negotiation
/// (406/415), credentials (401), and the header of an `apiKey` scheme.
fn is_negotiation_or_credential(root: &Value, location: &str, name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if location == "header"
        && (lower == "accept"
            || lower.starts_with("accept-")
            || lower == "content-type"
            || lower == "authorization"
            || lower.contains("api-key")
            || lower.contains("apikey")
            || lower.contains("token")
            || lower.contains("auth"))
    {
        return true;
    }
    root.pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .is_some_and(|schemes| {
            schemes.values().any(|s| {
                s.get("type").and_then(Value::as_str) == Some("apiKey")
                    && s.get("in").and_then(Value::as_str) == Some(location)
                    && s.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
        })
}

impl Rule for InputWithout400 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path {
            return;
        }
        let body = op.op.get("requestBody").is_some();
        let root = cx.bundle.root().value();
        let param = op.parameters.iter().find(|p| {
            p.location != "path" && !is_negotiation_or_credential(root, p.location, p.name)
        });
        if !body && param.is_none() {
            return;
        }
        if documents(op, &["400", "4XX", "default"]) {
            return;
        }
        let input = if body {
            "a request body".to_owned()
        } else {
            param.map_or_else(String::new, |p| {
                format!("{} parameter `{}`", p.location, p.name)
            })
        };
        cx.report_at_key(
            op.op,
            format!("{} takes {input} but does not document `400`", label(op)),
        )
        .set_help("add a `400` response for malformed or schema-invalid input");
    }
}
