use serde_json::Value;
use specfirst_config::Envelope;
use specfirst_source::Bundle;

use super::support::{Seen, json_bodies, schema_name};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Only with option `envelope: always` or `on-request`: checks that each
    /// wrapped JSON response schema has the shape `{code, status, message?,
    /// data}`. It reports a `code` that is not an integer, a `status` that is
    /// not a string with an `enum` within `success`, `fail`, `error`, a
    /// missing `data`, and a `required` list without both `code` and
    /// `status`.
    ///
    /// With `always`, every JSON response is wrapped except `304` and the
    /// responses of `HEAD`. With `on-request`, the wrapped variant is the one
    /// served under the `.wjson` suffix, so only operations whose path ends
    /// in `.wjson` are checked.
    ///
    /// ## Why is this bad?
    /// Clients of a wrapped API read `code` and `status` before anything
    /// else. A wrapper that lacks them, or spells them differently in some
    /// responses, cannot be unwrapped by one piece of client code.
    ///
    /// ## Example
    /// ```yaml
    /// # .specfirst.yaml: {envelope: always}
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: object, properties: {ok: {type: boolean}, result: {}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # .specfirst.yaml: {envelope: always}
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 required: [code, status]
    ///                 properties:
    ///                   code: {type: integer}
    ///                   status: {type: string, enum: [success, fail, error]}
    ///                   message: {type: string}
    ///                   data: {}
    /// ```
    pub EnvelopeShape {
        code: "PAYLOAD-005",
        name: "envelope-shape",
        category: "payload",
        severity: Error,
        summary: "With envelopes enabled, a response schema is not the `{code, status, message?, data}` envelope.",
    }
}

/// The problems of a wrapper schema, against the allowed `status` values.
pub(crate) fn envelope_problems(
    bundle: &Bundle,
    doc: usize,
    schema: &Value,
    statuses: &[&str],
) -> Vec<String> {
    let props = properties(bundle, doc, schema);
    let get = |n: &str| props.iter().find(|(p, ..)| *p == n).map(|(_, _, v, _)| *v);
    let mut out = Vec::new();
    if let Some(code) = get("code")
        && type_of(code) != Some("integer")
    {
        out.push("`code` is not an integer".to_owned());
    }
    if let Some(status) = get("status") {
        let values: Option<Vec<&str>> = status
            .get("enum")
            .and_then(Value::as_array)
            .map(|e| e.iter().filter_map(Value::as_str).collect());
        let ok = type_of(status) == Some("string")
            && values.is_some_and(|v| !v.is_empty() && v.iter().all(|s| statuses.contains(s)));
        if !ok {
            out.push(format!(
                "`status` is not a string with an `enum` within {}",
                statuses
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if get("data").is_none() {
        out.push("it has no `data` property".to_owned());
    }
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !(required.contains(&"code") && required.contains(&"status")) {
        out.push("`required` does not list both `code` and `status`".to_owned());
    }
    out
}

impl Rule for EnvelopeShape {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mode = cx.options.envelope;
        if mode == Envelope::None {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            if op.method == "head" {
                continue;
            }
            if mode == Envelope::OnRequest && !op.path.key.ends_with(".wjson") {
                continue;
            }
            for body in json_bodies(bundle, op, |s| s != "304") {
                if !seen.first(body.schema) {
                    continue;
                }
                let name = schema_name(bundle, body.written, body.schema);
                for problem in
                    envelope_problems(bundle, body.doc, body.schema, &["success", "fail", "error"])
                {
                    cx.report_at_key(body.schema, format!("envelope {name}: {problem}"))
                        .set_help(
                            "wrap as `{code: integer, status: success|fail|error, message?: string, data}` with `required: [code, status]`",
                        );
                }
            }
        }
    }
}
