use std::collections::HashMap;

use serde_json::Value;
use specfirst_diagnostics::Severity;

use super::response_header;
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::model::PathItemKind;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that a `201` response documents the `Location` header (any
    /// case) with a string schema:
    ///
    /// - missing on a `201` of a POST: error (the server chose the URI, the
    ///   client can only learn it from `Location`);
    /// - missing on a `201` of a PUT or PATCH: info (the client already
    ///   knows the URI it sent, C-10; generated code still sends it);
    /// - a `Location` schema whose `type` is not `string`: warning
    ///   (`format: uri` is recommended).
    ///
    /// A `201` response shared through `$ref` is reported once, at the
    /// component, with the highest severity of its uses.
    ///
    /// ## Why is this bad?
    /// Without `Location` the client cannot find the resource it just
    /// created, except by parsing the body in an API-specific way.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       responses:
    ///         '201': {description: Created}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       responses:
    ///         '201':
    ///           description: Created
    ///           headers:
    ///             Location: {schema: {type: string, format: uri}}
    /// ```
    pub CreatedWithoutLocation {
        code: "STATUS-003",
        name: "created-without-location",
        category: "status",
        severity: Error,
        summary: "A 201 Created response does not document the `Location` header.",
    }
}

impl Rule for CreatedWithoutLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        // Each 201 Response Object once, with the methods that use it.
        let mut order: Vec<usize> = Vec::new();
        let mut uses: HashMap<usize, (usize, &Value, String, bool)> = HashMap::new();
        for op in &cx.model.operations {
            if op.path.kind != PathItemKind::Path || !matches!(op.method, "post" | "put" | "patch")
            {
                continue;
            }
            let Some(written) = op.op.get("responses").and_then(|r| r.get("201")) else {
                continue;
            };
            let Ok((doc, response)) = cx.bundle.resolve(op.doc, written) else {
                continue;
            };
            if !response.is_object() {
                continue;
            }
            let addr = std::ptr::from_ref(response) as usize;
            let post = op.method == "post";
            let entry = uses.entry(addr).or_insert_with(|| {
                order.push(addr);
                (
                    doc,
                    response,
                    format!("{} {}", op.method.to_uppercase(), op.path.key),
                    false,
                )
            });
            if post && !entry.3 {
                entry.2 = format!("POST {}", op.path.key);
                entry.3 = true;
            }
        }
        for addr in order {
            let Some((doc, response, name, post)) = uses.get(&addr).cloned() else {
                continue;
            };
            match response_header(cx.bundle, doc, response, "Location") {
                None => {
                    let d = cx.report_at_key(
                        response,
                        format!("`201` response of {name} does not document `Location`"),
                    );
                    d.set_help(
                        "add `headers: {Location: {schema: {type: string, format: uri}}}` \
                         with the URI of the new resource",
                    );
                    if !post {
                        d.severity = Severity::Info;
                    }
                }
                Some((key, hdoc, header)) => {
                    let Some((_, schema)) = header
                        .get("schema")
                        .and_then(|s| cx.bundle.resolve(hdoc, s).ok())
                    else {
                        continue;
                    };
                    if let Some(t) = type_of(schema)
                        && t != "string"
                    {
                        cx.report_at(
                            schema.get("type").unwrap_or(schema),
                            format!("`{key}` header of a `201` response has type `{t}`, not a URI string"),
                        )
                        .set_help("use `schema: {type: string, format: uri}`")
                        .severity = Severity::Warning;
                    }
                }
            }
        }
    }
}
