use super::super::payload::support::{ErrorSchema, Seen, error_schemas};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Collects the JSON schemas of all error responses (D5), leaving out the
    /// `406` media-type list of VERSION-004 (an array), and reports when
    /// there is more than one. Schemas are distinct when they are different
    /// structures, ignoring descriptions, examples and `enum` lists: two
    /// components (or inline schemas) that differ only in the codes or
    /// texts they list are one format. The rulebook counts every `$ref`
    /// target as distinct; components with the same structure are merged
    /// here because `Error400`/`Error500` copies are one format in
    /// practice. The format used by most error responses is taken as the
    /// API's error schema; each use of another one is reported.
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
        // Formats: schemas of one structure (components that differ only in
        // examples, descriptions or listed codes are one format).
        let mut formats: Vec<Vec<&ErrorSchema<'_>>> = Vec::new();
        for s in &schemas {
            match formats.iter_mut().find(|f| f[0].shape == s.shape) {
                Some(f) => f.push(s),
                None => formats.push(vec![s]),
            }
        }
        if formats.len() < 2 {
            return;
        }
        let count = |f: &Vec<&ErrorSchema<'_>>| f.iter().map(|s| s.uses.len()).sum::<usize>();
        // The most used format is the API's error schema (the first on a tie).
        let mut main = 0;
        for (i, f) in formats.iter().enumerate() {
            if count(f) > count(&formats[main]) {
                main = i;
            }
        }
        let first = formats[main][0];
        let main_name = if first.inline {
            let (op, status, _) = &first.uses[0];
            format!("the inline schema of `{status}` of {op}")
        } else {
            first.name.clone()
        };
        let main_uses = count(&formats[main]);
        let uses = if main_uses == 1 { "use" } else { "uses" };
        let mut seen = Seen::default();
        for (i, f) in formats.iter().enumerate() {
            if i == main {
                continue;
            }
            for s in f {
                for (op, status, written) in &s.uses {
                    if !seen.first(written) {
                        continue;
                    }
                    let what = if s.inline {
                        "an inline error schema".to_owned()
                    } else {
                        format!("error schema {}", s.name)
                    };
                    cx.report_at_key(
                        written,
                        format!(
                            "`{status}` of {op} uses {what}, not {main_name} ({main_uses} {uses})"
                        ),
                    )
                    .set_help(format!("use {main_name} for every error response"));
                }
            }
        }
    }
}
