//! `HEADER` (RULEBOOK §1.4): HTTP headers: standard headers where they exist, custom ones named well.

pub mod charset_not_utf8;
pub mod content_length_parameter;
pub mod custom_header_without_description;
pub mod format_query_parameter;
pub mod header_parameter_for_standard_construct;
pub mod inconsistent_header;
pub mod nonstandard_language_selection;
pub mod websocket_header_outside_upgrade;
pub mod wildcard_response_media_type;

use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::model::Operation;
use crate::model::addr;
use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &header_parameter_for_standard_construct::HeaderParameterForStandardConstruct,
    &inconsistent_header::InconsistentHeader,
    &custom_header_without_description::CustomHeaderWithoutDescription,
    &content_length_parameter::ContentLengthParameter,
    &wildcard_response_media_type::WildcardResponseMediaType,
    &format_query_parameter::FormatQueryParameter,
    &nonstandard_language_selection::NonstandardLanguageSelection,
    &charset_not_utf8::CharsetNotUtf8,
    &websocket_header_outside_upgrade::WebsocketHeaderOutsideUpgrade,
];

/// Where a header is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderKind {
    /// An `in: header` parameter.
    Parameter,
    /// An entry of a response's `headers`.
    Response,
}

/// One place a header name is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeaderUse<'a, 'o> {
    pub name: &'a str,
    pub kind: HeaderKind,
    /// The Parameter or Header Object, resolved.
    pub object: &'a Value,
    pub doc: usize,
    /// For a parameter, its `name` value; for a response header, the entry
    /// under `headers` (report at its key).
    pub at: &'a Value,
    /// The first operation it was found in.
    pub op: &'o Operation<'a>,
}

impl<'a> HeaderUse<'a, '_> {
    /// Reports at the header's name.
    pub fn report<'c>(
        &self,
        cx: &'c mut Context<'_>,
        message: impl Into<String>,
    ) -> &'c mut specfirst_diagnostics::Diagnostic {
        match self.kind {
            HeaderKind::Parameter => cx.report_at(self.at, message),
            HeaderKind::Response => cx.report_at_key(self.at, message),
        }
    }

    /// The schema (resolved), from `schema` or the first `content` entry.
    pub fn schema(&self, cx: &Context<'a>) -> Option<(usize, &'a Value)> {
        let written = self.object.get("schema").or_else(|| {
            self.object
                .get("content")?
                .as_object()?
                .values()
                .next()?
                .get("schema")
        })?;
        cx.bundle.resolve(self.doc, written).ok()
    }
}

/// Every header parameter and response header of every operation, each
/// place it is written once (a parameter or response shared through `$ref`
/// yields one use).
pub(crate) fn header_uses<'a, 'o>(
    cx: &Context<'a>,
    ops: &'o [Operation<'a>],
) -> Vec<HeaderUse<'a, 'o>> {
    let mut out = Vec::new();
    let mut seen_params = HashSet::new();
    let mut seen_responses = HashSet::new();
    for op in ops {
        for p in &op.parameters {
            if !p.location.eq_ignore_ascii_case("header") || !seen_params.insert(addr(p.value)) {
                continue;
            }
            out.push(HeaderUse {
                name: p.name,
                kind: HeaderKind::Parameter,
                object: p.value,
                doc: p.doc,
                at: p.value.get("name").unwrap_or(p.value),
                op,
            });
        }
        let Some(responses) = op.op.get("responses").and_then(Value::as_object) else {
            continue;
        };
        for r in responses.values() {
            let Ok((rdoc, r)) = cx.bundle.resolve(op.doc, r) else {
                continue;
            };
            if !seen_responses.insert(addr(r)) {
                continue;
            }
            let Some(headers) = r.get("headers").and_then(Value::as_object) else {
                continue;
            };
            for (name, written) in headers {
                let Ok((hdoc, h)) = cx.bundle.resolve(rdoc, written) else {
                    continue;
                };
                if !h.is_object() {
                    continue;
                }
                out.push(HeaderUse {
                    name,
                    kind: HeaderKind::Response,
                    object: h,
                    doc: hdoc,
                    at: written,
                    op,
                });
            }
        }
    }
    out
}

/// The values a parameter or header documents: `enum`, `default`,
/// `example`, `examples` of its schema and its own `example`/`examples`
/// (each as the node to report at).
pub(crate) fn documented_values<'a>(
    object: &'a Value,
    schema: Option<&'a Value>,
) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let mut take = |v: &'a Value| {
        if let Some(list) = v.get("enum").and_then(Value::as_array) {
            out.extend(list.iter());
        }
        for key in ["default", "example", "const"] {
            if let Some(x) = v.get(key) {
                out.push(x);
            }
        }
        match v.get("examples") {
            Some(Value::Array(list)) => out.extend(list.iter()),
            Some(Value::Object(map)) => out.extend(map.values().filter_map(|e| e.get("value"))),
            _ => {}
        }
    };
    if let Some(s) = schema {
        take(s);
    }
    for key in ["example"] {
        if let Some(x) = object.get(key) {
            out.push(x);
        }
    }
    if let Some(map) = object.get("examples").and_then(Value::as_object) {
        out.extend(map.values().filter_map(|e| e.get("value")));
    }
    out
}
