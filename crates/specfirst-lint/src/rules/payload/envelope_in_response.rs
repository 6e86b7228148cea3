use serde_json::Value;
use specfirst_config::Envelope;

use super::support::{Seen, json_bodies, schema_name};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::defs::status;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With option `envelope: none` (the default), reports a JSON success
    /// (2xx) response schema whose top-level properties (own or through
    /// `allOf`) include a transport status together with `data`, `message`
    /// or `result`. A transport status is `code`, `statusCode`,
    /// `status_code` or `success`, or a `status` that is an integer or whose
    /// `enum` holds only outcome words (`success`, `ok`, `fail`, `error`,
    /// ...): a resource's own lifecycle `status` (`pending`, `running`) next
    /// to its `result` is data, not an envelope. Each schema is reported
    /// once, at the component when it is shared. With `envelope: always` or
    /// `on-request` the rule is off and PAYLOAD-005 checks the envelope
    /// instead.
    ///
    /// ## Why is this bad?
    /// HTTP already carries the outcome in the status line. A body that
    /// repeats it in `code`/`status`/`success` duplicates information that
    /// can disagree with the real status, and makes every client unwrap
    /// `data` before it reaches the resource.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties: {code: {type: integer}, status: {type: string}, data: {$ref: '#/components/schemas/User'}}
    /// components:
    ///   schemas:
    ///     User: {type: object, properties: {name: {type: string}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {$ref: '#/components/schemas/User'}
    /// components:
    ///   schemas:
    ///     User: {type: object, properties: {name: {type: string}}}
    /// ```
    pub EnvelopeInResponse {
        code: "PAYLOAD-004",
        name: "envelope-in-response",
        category: "payload",
        severity: Warning,
        summary: "A success response wraps the resource in a transport envelope (`code`/`status` with `data`).",
    }
}

/// Words of a transport outcome in a `status` enum.
const OUTCOMES: &[&str] = &[
    "success",
    "succeeded",
    "ok",
    "fail",
    "failed",
    "failure",
    "error",
];

/// Whether a top-level property carries a transport status: `code`,
/// `statusCode`/`status_code` and `success` always; `status` only when it is
/// an integer or its `enum` holds only outcome words, since a resource's own
/// lifecycle `status` (`pending`, `running`) is data.
fn is_transport_status(name: &str, schema: &Value) -> bool {
    match name {
        "code" | "statusCode" | "status_code" | "success" => true,
        "status" => {
            type_of(schema) == Some("integer")
                || schema
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|e| {
                        !e.is_empty()
                            && e.iter().all(|v| {
                                v.as_str().is_some_and(|s| {
                                    OUTCOMES.contains(&s.to_ascii_lowercase().as_str())
                                })
                            })
                    })
        }
        _ => false,
    }
}

impl Rule for EnvelopeInResponse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.envelope != Envelope::None {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            for body in json_bodies(bundle, op, status::is_success) {
                if !seen.first(body.schema) {
                    continue;
                }
                let props = properties(bundle, body.doc, body.schema);
                let names: Vec<&str> = props.iter().map(|(n, ..)| *n).collect();
                let Some(status_name) = props
                    .iter()
                    .find(|(n, _, v, _)| is_transport_status(n, v))
                    .map(|(n, ..)| *n)
                else {
                    continue;
                };
                let Some(data_name) = ["data", "message", "result"]
                    .into_iter()
                    .find(|n| names.contains(n))
                else {
                    continue;
                };
                let name = schema_name(bundle, body.written, body.schema);
                cx.report_at_key(
                    body.schema,
                    format!(
                        "success schema {name} wraps the payload in an envelope (`{status_name}` with `{data_name}`)"
                    ),
                )
                .set_help(
                    "return the resource itself and let the HTTP status tell the outcome (or set `envelope: always`)",
                );
            }
        }
    }
}
