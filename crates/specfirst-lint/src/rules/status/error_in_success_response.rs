use std::collections::HashSet;

use serde_json::Value;
use specfirst_config::Envelope;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::properties;
use crate::defs::status;
use crate::model::Operation;
use crate::model::addr;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no `2xx` response reports an error. A 2xx body is
    /// reported when:
    ///
    /// - its schema (after `$ref`) is the API's error schema: a schema that
    ///   the document's error responses (`4xx`, `5xx`, `4XX`, `5XX`, and
    ///   `default` when the operation also documents a 2xx) use, other than
    ///   the media-type list of a `406`;
    /// - its top-level object has a property named `error`, `errors` or
    ///   `errorCode` and is shaped like an error report: its other properties
    ///   are the usual ones of error bodies and envelopes (`code`,
    ///   `message`, `details`, `success`, `data`, ...). An object with its
    ///   own fields (`id`, `name`, ...) or a status monitor (`status`,
    ///   `state`, `done`) only *describes* an error of something else (a
    ///   failed job or deployment) and is not reported;
    /// - with `envelope: always` or `on-request`, its `status` property is an
    ///   enum of only `error` and/or `fail`.
    ///
    /// An envelope used for every response (a schema with a `data` or
    /// `result` property) is not taken as the error schema. A shared schema
    /// is reported once.
    ///
    /// ## Why is this bad?
    /// Clients, proxies, caches and monitoring read the status code. An
    /// error sent as 200 is cached, retried wrongly and counted as success;
    /// every client must parse the body to find out it failed.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json: {schema: {$ref: '#/components/schemas/Error'}}
    ///         '400':
    ///           description: Bad request
    ///           content:
    ///             application/json: {schema: {$ref: '#/components/schemas/Error'}}
    /// components:
    ///   schemas:
    ///     Error:
    ///       type: object
    ///       properties: {code: {type: string}, message: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json: {schema: {type: array, items: {type: object}}}
    ///         '400':
    ///           description: Bad request
    ///           content:
    ///             application/json: {schema: {$ref: '#/components/schemas/Error'}}
    /// components:
    ///   schemas:
    ///     Error:
    ///       type: object
    ///       properties: {code: {type: string}, message: {type: string}}
    /// ```
    pub ErrorInSuccessResponse {
        code: "STATUS-006",
        name: "error-in-success-response",
        category: "status",
        severity: Error,
        summary: "A 2xx response carries an error.",
    }
}

const ERROR_PROPERTIES: &[&str] = &["error", "errors", "errorCode"];
/// The other properties an error report (or an envelope carrying one) has.
/// An object with any property outside this list is a resource that may
/// describe an error state (a failed job, a deployment), not an error report.
const REPORT_PROPERTIES: &[&str] = &[
    "error",
    "errors",
    "errorCode",
    "error_code",
    "errorMessage",
    "error_message",
    "error_description",
    "code",
    "message",
    "messages",
    "msg",
    "detail",
    "details",
    "description",
    "success",
    "ok",
    "data",
    "result",
    "type",
    "title",
    "instance",
    "target",
    "timestamp",
    "path",
    "requestId",
    "request_id",
    "traceId",
    "trace_id",
    "help",
    "hint",
    "documentation_url",
    "more_info",
];
/// Properties of a status monitor (STATUS-004): its `error` is the outcome
/// of the monitored work, not of this request.
const MONITOR_PROPERTIES: &[&str] = &["status", "state", "done", "progress"];
const ENVELOPE_PROPERTIES: &[&str] = &["data", "result", "results"];

/// The content schemas of an operation's responses whose key `keep` accepts:
/// (key, document, schema as written, schema resolved).
fn body_schemas<'a>(
    cx: &Context<'a>,
    op: &Operation<'a>,
    keep: impl Fn(&str) -> bool,
) -> Vec<(&'a str, usize, &'a Value, &'a Value)> {
    let mut out = Vec::new();
    let Some(map) = op.op.get("responses").and_then(Value::as_object) else {
        return out;
    };
    for (key, r) in map {
        if key.starts_with("x-") || !keep(key) {
            continue;
        }
        let Ok((d, r)) = cx.bundle.resolve(op.doc, r) else {
            continue;
        };
        let Some(content) = r.get("content").and_then(Value::as_object) else {
            continue;
        };
        for mt in content.values() {
            let Some(written) = mt.get("schema") else {
                continue;
            };
            if let Ok((sd, schema)) = cx.bundle.resolve(d, written)
                && schema.is_object()
            {
                out.push((key.as_str(), sd, written, schema));
            }
        }
    }
    out
}

impl Rule for ErrorInSuccessResponse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // The API's error schema (D5).
        let mut error_schemas = HashSet::new();
        for op in &model.operations {
            let has_success = super::response_keys(op)
                .iter()
                .any(|k| status::is_success(k));
            let is_error =
                |k: &str| k != "406" && status::is_error(k) && (k != "default" || has_success);
            for (_, d, _, schema) in body_schemas(cx, op, is_error) {
                let envelope = properties(cx.bundle, d, schema)
                    .iter()
                    .any(|(name, ..)| ENVELOPE_PROPERTIES.contains(name));
                if !envelope {
                    error_schemas.insert(addr(schema));
                }
            }
        }
        let envelope_mode = cx.options.envelope != Envelope::None;
        let mut seen = HashSet::new();
        for op in &model.operations {
            for (key, d, written, schema) in body_schemas(cx, op, status::is_success) {
                if !seen.insert(addr(schema)) {
                    continue;
                }
                if error_schemas.contains(&addr(schema)) {
                    let name = specfirst_source::ref_of(written)
                        .and_then(|r| r.rsplit('/').next())
                        .map_or_else(|| "the error schema".to_owned(), |n| format!("`{n}`"));
                    cx.report_at(
                        written,
                        format!("`{key}` response uses {name}, the schema of the API's errors"),
                    )
                    .set_help("report errors with a 4xx or 5xx status, not a 2xx");
                    continue;
                }
                let props = properties(cx.bundle, d, schema);
                let report_shaped = props.iter().all(|(n, ..)| REPORT_PROPERTIES.contains(n))
                    && !props.iter().any(|(n, ..)| MONITOR_PROPERTIES.contains(n));
                if report_shaped
                    && let Some((prop, _, _, pw)) =
                        props.iter().find(|(n, ..)| ERROR_PROPERTIES.contains(n))
                {
                    cx.report_at_key(
                        pw,
                        format!("`{key}` response has a top-level `{prop}` property"),
                    )
                    .set_help("report errors with a 4xx or 5xx status, not inside a 2xx body");
                    continue;
                }
                if envelope_mode
                    && let Some((_, _, status_schema, _)) =
                        props.iter().find(|(n, ..)| *n == "status")
                    && let Some(values) = status_schema.get("enum").and_then(Value::as_array)
                    && !values.is_empty()
                    && values
                        .iter()
                        .all(|v| matches!(v.as_str(), Some("error" | "fail")))
                {
                    cx.report_at(
                        status_schema.get("enum").unwrap_or(status_schema),
                        format!(
                            "`{key}` response is an envelope whose `status` is always an error"
                        ),
                    )
                    .set_help("send `status: error`/`fail` envelopes with a 4xx or 5xx status");
                }
            }
        }
    }
}
