use super::super::payload::support::{Seen, error_schemas};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Collects the JSON schemas of all error responses (D5), leaving out the
    /// `406` media-type list of VERSION-004 (an array), and reports when
    /// there is more than one. Schemas are distinct when they are different
    /// `$ref` targets, or inline schemas with a different structure
    /// (ignoring descriptions, examples and `enum` lists, so inline schemas
    /// that list different codes are one format). The
    /// schema used by most error responses is taken as the API's error
    /// schema; each use of another one is reported.
    ///
    /// ## Why is this bad?
    /// Clients parse errors in one place. A second error format means a
    /// second parser, and errors that fall through it are shown as raw
    /// bodies or lost.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    ///         '404': {description: Not found, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
    /// components:
    ///   schemas:
    ///     Error: {type: object, properties: {code: {type: string}, message: {type: string}}}
    ///     Problem: {type: object, properties: {title: {type: string}, detail: {type: string}}}
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
    ///         '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    ///         '404': {description: Not found, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// components:
    ///   schemas:
    ///     Error: {type: object, properties: {code: {type: string}, message: {type: string}}}
    /// ```
    pub MultipleErrorSchemas {
        code: "ERROR-002",
        name: "multiple-error-schemas",
        category: "error",
        severity: Error,
        summary: "Error responses use more than one error schema.",
    }
}

impl Rule for MultipleErrorSchemas {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let schemas = error_schemas(bundle, model);
        if schemas.len() < 2 {
            return;
        }
        // The most used one is the API's error schema (the first on a tie).
        let mut main = 0;
        for (i, s) in schemas.iter().enumerate() {
            if s.uses.len() > schemas[main].uses.len() {
                main = i;
            }
        }
        let main_name = if schemas[main].shape.is_some() {
            let (op, status, _) = &schemas[main].uses[0];
            format!("the inline schema of `{status}` of {op}")
        } else {
            schemas[main].name.clone()
        };
        let main_uses = schemas[main].uses.len();
        let uses = if main_uses == 1 { "use" } else { "uses" };
        let mut seen = Seen::default();
        for (i, s) in schemas.iter().enumerate() {
            if i == main {
                continue;
            }
            for (op, status, written) in &s.uses {
                if !seen.first(written) {
                    continue;
                }
                cx.report_at_key(
                    written,
                    format!(
                        "`{status}` of {op} uses {}, not {main_name} ({main_uses} {uses})",
                        if s.shape.is_some() {
                            "an inline error schema".to_owned()
                        } else {
                            format!("error schema {}", s.name)
                        }
                    ),
                )
                .set_help(format!("use {main_name} for every error response"));
            }
        }
    }
}
