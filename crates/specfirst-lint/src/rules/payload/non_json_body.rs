use serde_json::Value;
use specfirst_diagnostics::Severity;

use super::support::{Seen, lower};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::defs::schema_walk::{responses, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks every request body and response body (`content`) for a JSON
    /// media type (`application/json` or `*/*+json`). It also reports
    /// `text/json`, `text/plain` carrying an object or array, and, while
    /// option `xmlSupport` is `false` (the default), XML media types (at
    /// info level; with `xmlSupport: true` XML is allowed next to JSON).
    ///
    /// Binary content is exempt: `application/octet-stream`, `image/*`,
    /// `audio/*`, `video/*`, `text/csv`, `application/pdf`, media types
    /// marked `x-binary: true`, and schemas that are binary strings
    /// (`format: binary`, or `contentMediaType`/`contentEncoding`). Form
    /// request bodies are left to METHOD-005, and wildcards (`*/*`,
    /// `application/*`) accept JSON too.
    ///
    /// ## Why is this bad?
    /// JSON is the API's one default representation: clients and generated
    /// code parse every payload the same way. `text/json` is not a
    /// registered media type, and an object sent as `text/plain` cannot be
    /// negotiated or parsed as JSON by clients.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /notes:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {text/plain: {schema: {type: object}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /notes:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {application/json: {schema: {type: object}}}
    /// ```
    pub NonJsonBody {
        code: "PAYLOAD-001",
        name: "non-json-body",
        category: "payload",
        severity: Warning,
        summary: "A request or response body is not offered as JSON.",
    }
}

fn is_xml(m: &MediaType) -> bool {
    m.subtype == "xml" || m.subtype.ends_with("+xml")
}

fn is_form(m: &MediaType) -> bool {
    m.essence() == "application/x-www-form-urlencoded" || m.kind == "multipart"
}

fn is_exempt(m: &MediaType, mt: &Value, schema: Option<&Value>) -> bool {
    if mt.get("x-binary").and_then(Value::as_bool) == Some(true) {
        return true;
    }
    if matches!(
        m.kind.as_str(),
        "image" | "audio" | "video" | "font" | "model" | "*"
    ) || m.subtype == "*"
    {
        return true;
    }
    if matches!(
        m.essence().as_str(),
        "application/octet-stream"
            | "text/csv"
            | "application/pdf"
            | "application/zip"
            | "application/gzip"
    ) {
        return true;
    }
    schema.is_some_and(|s| {
        s.get("format").and_then(Value::as_str) == Some("binary")
            || s.get("contentMediaType").is_some()
            || s.get("contentEncoding").is_some()
    })
}

impl NonJsonBody {
    fn content(cx: &mut Context<'_>, doc: usize, content: &Value, request: bool) {
        let Some(map) = content.as_object() else {
            return;
        };
        if map.is_empty() {
            return;
        }
        let bundle = cx.bundle;
        let mut has_json = false;
        let mut needs_json = false;
        for (key, mt) in map {
            let Some(m) = MediaType::parse(key) else {
                continue;
            };
            let mt = bundle.resolve(doc, mt).map_or(mt, |(_, v)| v);
            let schema = mt
                .get("schema")
                .and_then(|s| bundle.resolve(doc, s).ok())
                .map(|(_, s)| s);
            if m.is_json() {
                has_json = true;
                continue;
            }
            let essence = m.essence();
            if essence == "text/json" {
                cx.report_at_key(mt, format!("`{key}` is not a JSON media type"))
                    .set_help("use `application/json`");
                continue;
            } else if essence == "text/plain"
                && schema.is_some_and(|s| matches!(type_of(s), Some("object" | "array")))
            {
                cx.report_at_key(mt, format!("`{key}` carries an object or array"))
                    .set_help("send structured data as `application/json`");
                continue;
            } else if is_xml(&m) {
                if !cx.options.xml_support {
                    let d = cx.report_at_key(
                        mt,
                        format!("XML media type `{key}` while `xmlSupport` is off"),
                    );
                    d.set_help("offer JSON only, or set `xmlSupport: true` in .specfirst.yaml");
                    lower(d, Severity::Info);
                }
                needs_json = true;
                continue;
            }
            if !(is_exempt(&m, mt, schema) || request && is_form(&m)) {
                needs_json = true;
            }
        }
        if needs_json && !has_json {
            let keys: Vec<String> = map.keys().map(|k| format!("`{k}`")).collect();
            cx.report_at_key(
                content,
                format!("body is offered as {} but not as JSON", keys.join(", ")),
            )
            .set_help("add an `application/json` entry (or mark binary content `x-binary: true`)");
        }
    }
}

impl Rule for NonJsonBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = Seen::default();
        for op in &model.operations {
            if let Some(body) = op.op.get("requestBody")
                && let Ok((d, body)) = bundle.resolve(op.doc, body)
                && let Some(content) = body.get("content")
                && seen.first(content)
            {
                Self::content(cx, d, content, true);
            }
            for (_, d, response) in responses(bundle, op) {
                if let Some(content) = response.get("content")
                    && seen.first(content)
                {
                    Self::content(cx, d, content, false);
                }
            }
        }
    }
}
