use std::collections::HashSet;

use super::super::payload::support::error_schemas;
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::walk;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Walks each error schema (D5, D7) and reports a property, at any
    /// depth, named `stack`, `stackTrace`, `trace`, `exception`, `sql`,
    /// `query` or `debug` (compared without case, `_` or `-`, so
    /// `stack_trace` and `StackTrace` count too).
    ///
    /// ## Why is this bad?
    /// Stack traces, SQL and exception chains tell an attacker how the
    /// server is built and which inputs reach the database. Clients cannot
    /// act on them; server faults get a generic message and the details go
    /// to the server log.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '500': {description: Failed, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// components:
    ///   schemas:
    ///     Error: {properties: {code: {type: string}, message: {type: string}, stackTrace: {type: string}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '500': {description: Failed, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// components:
    ///   schemas:
    ///     Error: {properties: {code: {type: string}, message: {type: string}}}
    /// ```
    pub InternalDetails {
        code: "ERROR-007",
        name: "error-exposes-internals",
        category: "error",
        severity: Warning,
        summary: "An error schema has a property for stack traces, SQL, exceptions or debug data.",
    }
}

const INTERNAL: &[&str] = &[
    "stack",
    "stacktrace",
    "trace",
    "exception",
    "sql",
    "query",
    "debug",
];

impl Rule for InternalDetails {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        for e in error_schemas(bundle, model) {
            walk(bundle, e.doc, e.schema, &mut seen, &mut |node| {
                if let Some(props) = node.value.get("properties").and_then(|p| p.as_object()) {
                    for (name, v) in props {
                        let n: String = name
                            .chars()
                            .filter(|c| !matches!(c, '_' | '-'))
                            .collect::<String>()
                            .to_ascii_lowercase();
                        if INTERNAL.contains(&n.as_str()) {
                            found.push((name.clone(), v));
                        }
                    }
                }
                true
            });
        }
        for (name, v) in found {
            cx.report_at_key(v, format!("error schema exposes `{name}`"))
                .set_help("log internal details on the server; send clients a generic message");
        }
    }
}
