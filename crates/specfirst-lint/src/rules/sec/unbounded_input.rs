use std::collections::HashSet;

use serde_json::Value;
use specfirst_diagnostics::Severity;
use specfirst_source::SpecVersion;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{request_roots, type_of, walk};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::is_path_op;

declare_rule! {
    /// ## What it does
    /// Walks the request schemas (D7: request bodies and parameters) and
    /// reports input that is not constrained to known-good values:
    /// - a string without `maxLength` and without `enum`, `const`, `pattern`
    ///   or a bounded `format` (`date`, `date-time`, `time`, `uuid`, `email`,
    ///   `uri`, `ipv4`, `ipv6`; `binary` and `byte` content is bounded by
    ///   the body size limit) → warning;
    /// - an array without `maxItems` → info;
    /// - an object that declares `properties` but does not reject unknown
    ///   ones: `additionalProperties: false` (3.0), or
    ///   `unevaluatedProperties: false` or `additionalProperties: false`
    ///   (3.1) → info. Members of `allOf`/`anyOf`/`oneOf` are left to the
    ///   composing schema, and maps (`additionalProperties` is a schema)
    ///   are not reported.
    ///
    /// `readOnly` properties are never sent, so they are skipped. A shared
    /// schema is reported once, where it is defined. Numbers are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// The server accepts only known-good input. Unbounded strings and
    /// arrays let one request exhaust memory or storage and reach code paths
    /// nobody tested; unknown properties are silently dropped or, worse,
    /// bound to fields the client must not set (mass assignment).
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post:
    ///       requestBody:
    ///         content:
    ///           application/json:
    ///             schema:
    ///               type: object
    ///               additionalProperties: false
    ///               properties:
    ///                 name: {type: string}
    ///       responses: {'201': {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post:
    ///       requestBody:
    ///         content:
    ///           application/json:
    ///             schema:
    ///               type: object
    ///               additionalProperties: false
    ///               properties:
    ///                 name: {type: string, maxLength: 100}
    ///       responses: {'201': {description: Created}}
    /// ```
    pub UnboundedInput {
        code: "SEC-006",
        name: "unbounded-input",
        category: "sec",
        severity: Warning,
        summary: "A request string, array or object is not bounded to known-good input.",
    }
}

const BOUNDED_FORMATS: &[&str] = &[
    "date",
    "date-time",
    "time",
    "uuid",
    "email",
    "uri",
    "ipv4",
    "ipv6",
    "binary",
    "byte",
];

/// Addresses of the members of `allOf`/`anyOf`/`oneOf` of `parent`, resolved.
fn is_composition_member(cx: &Context<'_>, doc: usize, parent: &Value, node: &Value) -> bool {
    ["allOf", "anyOf", "oneOf"].iter().any(|k| {
        parent.get(k).and_then(Value::as_array).is_some_and(|list| {
            list.iter().any(|m| {
                cx.bundle
                    .resolve(doc, m)
                    .is_ok_and(|(_, m)| std::ptr::eq(m, node))
            })
        })
    })
}

impl Rule for UnboundedInput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let v31 = cx.version() == SpecVersion::V3_1;
        let mut seen = HashSet::new();
        // (node to report at, message, severity)
        let mut found: Vec<(&Value, String, Severity)> = Vec::new();
        let model = cx.model;
        for op in model.operations.iter().filter(|op| is_path_op(op)) {
            for root in request_roots(cx.bundle, op) {
                let root_name = root.name;
                walk(cx.bundle, root.doc, root.schema, &mut seen, &mut |node| {
                    let s = node.value;
                    if s.get("readOnly").and_then(Value::as_bool) == Some(true) {
                        return false;
                    }
                    let what = node
                        .property
                        .or(if node.depth == 0 { root_name } else { None })
                        .map_or_else(String::new, |n| format!(" `{n}`"));
                    let has = |k: &str| s.get(k).is_some();
                    match type_of(s) {
                        Some("string") => {
                            let format = s.get("format").and_then(Value::as_str);
                            let bounded = has("maxLength")
                                || has("enum")
                                || has("const")
                                || has("pattern")
                                || format.is_some_and(|f| BOUNDED_FORMATS.contains(&f));
                            if !bounded {
                                found.push((
                                    s,
                                    format!("request string{what} has no `maxLength`"),
                                    Severity::Warning,
                                ));
                            }
                        }
                        Some("array") if !has("maxItems") => {
                            found.push((
                                s,
                                format!("request array{what} has no `maxItems`"),
                                Severity::Info,
                            ));
                        }
                        _ => {}
                    }
                    let object = s.get("properties").is_some_and(Value::is_object);
                    let closed = |k: &str| s.get(k).and_then(Value::as_bool) == Some(false);
                    let rejects =
                        closed("additionalProperties") || (v31 && closed("unevaluatedProperties"));
                    let map = s.get("additionalProperties").is_some_and(Value::is_object);
                    let member = node
                        .parent
                        .is_some_and(|p| is_composition_member(cx, node.doc, p, s));
                    if object && !rejects && !map && !member {
                        let keyword = if v31 {
                            "unevaluatedProperties"
                        } else {
                            "additionalProperties"
                        };
                        found.push((s, format!("request object{what} accepts unknown properties (no `{keyword}: false`)"), Severity::Info));
                    }
                    true
                });
            }
        }
        for (at, message, severity) in found {
            let help = if message.contains("string") {
                "bound it with `maxLength` (or `enum`, `pattern` or a `format` such as `uuid`)"
            } else if message.contains("array") {
                "bound it with `maxItems`"
            } else {
                "reject unknown properties with `additionalProperties: false` (3.0) or `unevaluatedProperties: false` (3.1)"
            };
            let d = cx.report_at_key(at, message);
            d.severity = severity;
            d.set_help(help);
        }
    }
}
