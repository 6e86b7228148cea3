use serde_json::Value;
use specfirst_config::{Envelope, EnvelopeErrorData, ErrorShape};
use specfirst_source::Bundle;

use super::super::payload::envelope_shape::envelope_problems;
use super::super::payload::support::error_schemas;
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Compares each error schema (the JSON schemas of error responses, D5,
    /// without the `406` media-type list) with option `errorShape`:
    ///
    /// - `odata` (default): an object with `code` and `message` strings, both
    ///   in `required`. When present, `target` is a string, `details` an
    ///   array of objects with required `code` and `message` strings, and
    ///   `innererror` an object (not a `string`, as the seed table wrongly
    ///   says). The optional members may be absent: only `code` and
    ///   `message` are reported when missing.
    /// - `simple`: `oneOf` a `{id, description}` object (strings) and an
    ///   `{elements: [{id, description}]}` object.
    /// - `envelope`: the PAYLOAD-005 envelope with `status` within `error`,
    ///   `fail` and `data` a string (the error code).
    ///
    /// With option `envelope` other than `none` the shape is always
    /// `envelope`; with `envelopeErrorData: object` its `data` is checked as
    /// the `odata` object. Schemas made only of `oneOf`/`anyOf` are not
    /// judged in `odata` and `envelope` modes.
    ///
    /// ## Why is this bad?
    /// Generated clients and servers have one error type built from the
    /// configured shape. An error schema with other names or types (an
    /// integer `code`, `msg` instead of `message`) does not match what the
    /// server sends or what clients parse.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// components:
    ///   schemas:
    ///     Error:
    ///       type: object
    ///       properties: {errorCode: {type: integer}, msg: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, content: {application/json: {schema: {type: object}}}}
    ///         '400': {description: Bad, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    /// components:
    ///   schemas:
    ///     Error:
    ///       type: object
    ///       required: [code, message]
    ///       properties:
    ///         code: {type: string}
    ///         message: {type: string}
    ///         target: {type: string}
    ///         details:
    ///           type: array
    ///           items:
    ///             type: object
    ///             required: [code, message]
    ///             properties: {code: {type: string}, message: {type: string}, target: {type: string}}
    ///         innererror: {$ref: '#/components/schemas/InnerError'}
    ///     InnerError:
    ///       type: object
    ///       properties: {code: {type: string}, innererror: {$ref: '#/components/schemas/InnerError'}}
    ///       additionalProperties: true
    /// ```
    pub ErrorSchemaShape {
        code: "ERROR-003",
        name: "error-schema-shape",
        category: "error",
        severity: Error,
        summary: "The error schema does not have the configured shape (`errorShape`).",
    }
}

fn required(schema: &Value) -> Vec<&str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn composed_only(schema: &Value, props_empty: bool) -> bool {
    props_empty && (schema.get("oneOf").is_some() || schema.get("anyOf").is_some())
}

/// The problems of an object against `{code, message}` strings (required).
fn code_message(bundle: &Bundle, doc: usize, schema: &Value, out: &mut Vec<String>, prefix: &str) {
    let props = properties(bundle, doc, schema);
    for name in ["code", "message"] {
        match props.iter().find(|(n, ..)| *n == name) {
            None => out.push(format!("{prefix}has no `{name}` property")),
            Some((_, _, v, _)) => {
                if let Some(t) = type_of(v)
                    && t != "string"
                {
                    out.push(format!("{prefix}`{name}` is {t}, not string"));
                }
            }
        }
    }
    let req = required(schema);
    if !(req.contains(&"code") && req.contains(&"message")) {
        out.push(format!(
            "{prefix}`required` does not list both `code` and `message`"
        ));
    }
}

fn odata(bundle: &Bundle, doc: usize, schema: &Value, prefix: &str) -> Vec<String> {
    let props = properties(bundle, doc, schema);
    let mut out = Vec::new();
    if composed_only(schema, props.is_empty()) {
        return out;
    }
    if let Some(t) = type_of(schema)
        && t != "object"
    {
        out.push(format!("{prefix}is {t}, not an object"));
        return out;
    }
    code_message(bundle, doc, schema, &mut out, prefix);
    let get = |n: &str| {
        props
            .iter()
            .find(|(p, ..)| *p == n)
            .map(|(_, d, v, _)| (*d, *v))
    };
    if let Some((_, target)) = get("target")
        && let Some(t) = type_of(target)
        && t != "string"
    {
        out.push(format!("{prefix}`target` is {t}, not string"));
    }
    if let Some((d, details)) = get("details") {
        if type_of(details).is_some_and(|t| t != "array") {
            out.push(format!("{prefix}`details` is not an array"));
        } else if let Some(items) = details.get("items")
            && let Ok((d, items)) = bundle.resolve(d, items)
        {
            let mut inner = Vec::new();
            code_message(bundle, d, items, &mut inner, "");
            out.extend(
                inner
                    .into_iter()
                    .map(|p| format!("{prefix}`details` items: {p}")),
            );
        }
    }
    if let Some((_, inner)) = get("innererror")
        && let Some(t) = type_of(inner)
        && t != "object"
    {
        out.push(format!("{prefix}`innererror` is {t}, not an object"));
    }
    out
}

fn has_id_description(bundle: &Bundle, doc: usize, schema: &Value) -> bool {
    let props = properties(bundle, doc, schema);
    ["id", "description"].iter().all(|n| {
        props
            .iter()
            .any(|(p, _, v, _)| p == n && type_of(v).is_none_or(|t| t == "string"))
    })
}

fn simple(bundle: &Bundle, doc: usize, schema: &Value) -> Vec<String> {
    let mut branches: Vec<(usize, &Value)> = Vec::new();
    for key in ["oneOf", "anyOf"] {
        for b in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Ok(r) = bundle.resolve(doc, b) {
                branches.push(r);
            }
        }
    }
    if branches.is_empty() {
        branches.push((doc, schema));
    }
    let single = branches
        .iter()
        .any(|(d, b)| has_id_description(bundle, *d, b));
    let several = branches.iter().any(|(d, b)| {
        properties(bundle, *d, b).iter().any(|(n, pd, v, _)| {
            *n == "elements"
                && type_of(v) == Some("array")
                && v.get("items")
                    .and_then(|i| bundle.resolve(*pd, i).ok())
                    .is_some_and(|(id, i)| has_id_description(bundle, id, i))
        })
    });
    let mut out = Vec::new();
    if !single {
        out.push("has no `{id, description}` form (strings)".to_owned());
    }
    if !several {
        out.push("has no `{elements: [{id, description}]}` form".to_owned());
    }
    out
}

fn envelope(bundle: &Bundle, doc: usize, schema: &Value, data_object: bool) -> Vec<String> {
    let props = properties(bundle, doc, schema);
    if composed_only(schema, props.is_empty()) {
        return Vec::new();
    }
    let mut out = envelope_problems(bundle, doc, schema, &["error", "fail"]);
    if let Some((_, d, data, _)) = props.iter().find(|(n, ..)| *n == "data") {
        if data_object {
            out.extend(odata(bundle, *d, data, "`data` "));
        } else if let Some(t) = type_of(data)
            && t != "string"
        {
            out.push(format!("`data` is {t}, not a string (the error code)"));
        }
    }
    out
}

impl Rule for ErrorSchemaShape {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let o = cx.options;
        let (shape, data_object) = if o.envelope == Envelope::None {
            (o.error_shape, false)
        } else {
            (
                ErrorShape::Envelope,
                o.envelope_error_data == EnvelopeErrorData::Object,
            )
        };
        let shape_name = match (shape, data_object) {
            (ErrorShape::Odata, _) => "odata",
            (ErrorShape::Simple, _) => "simple",
            (ErrorShape::Envelope, false) => "envelope",
            (ErrorShape::Envelope, true) => "envelope with an odata `data`",
        };
        for e in error_schemas(bundle, model) {
            let problems = match shape {
                ErrorShape::Odata => odata(bundle, e.doc, e.schema, ""),
                ErrorShape::Simple => simple(bundle, e.doc, e.schema),
                ErrorShape::Envelope => envelope(bundle, e.doc, e.schema, data_object),
            };
            for p in problems {
                cx.report_at_key(e.schema, format!("error schema {}: {p}", e.name))
                    .set_help(format!("follow the `{shape_name}` error shape (option `errorShape`, RULEBOOK ERROR-003)"));
            }
        }
    }
}
