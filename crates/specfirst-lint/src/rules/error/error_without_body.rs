use super::super::payload::support::Seen;
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::responses;
use crate::defs::{media, status};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For the error responses (D5: `4xx`, `5xx`, `4XX`, `5XX`, `default`)
    /// of every operation except `HEAD`, reports a response without
    /// `content`, and content without a JSON media type (D8). A response
    /// component is reported once, where it is defined.
    ///
    /// ## Why is this bad?
    /// Clients need a machine-readable reason to react to an error: which
    /// field is wrong, which precondition failed. Without a documented JSON
    /// error body they can only show the status code.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '404': {description: Not found}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '404':
    ///           description: Not found
    ///           content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}
    /// components:
    ///   schemas:
    ///     Error:
    ///       type: object
    ///       required: [code, message]
    ///       properties: {code: {type: string}, message: {type: string}}
    /// ```
    pub ErrorWithoutBody {
        code: "ERROR-001",
        name: "error-response-without-json-body",
        category: "error",
        severity: Warning,
        summary: "An error response has no JSON body.",
    }
}

impl Rule for ErrorWithoutBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            if op.method == "head" {
                continue;
            }
            for (key, _, response) in responses(bundle, op) {
                if !status::is_error(key) || !seen.first(response) {
                    continue;
                }
                match response.get("content").and_then(|c| c.as_object()) {
                    Some(c) if !c.is_empty() => {
                        if !c.keys().any(|k| media::is_json(k)) {
                            let keys: Vec<String> = c.keys().map(|k| format!("`{k}`")).collect();
                            cx.report_at_key(
                                &response["content"],
                                format!(
                                    "error response `{key}` has no JSON body (only {})",
                                    keys.join(", ")
                                ),
                            )
                            .set_help("describe the error object as `application/json`");
                        }
                    }
                    _ => {
                        cx.report_at_key(response, format!("error response `{key}` has no body"))
                            .set_help("add `content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}`");
                    }
                }
            }
        }
    }
}
