//! Helpers shared by the VERSION, DATE, CACHE, CONC, SEC and LINK rules:
//! operations with labels, responses and their headers, content maps, and
//! the example values written for a header, parameter or schema.

use serde_json::Value;
use specfirst_source::Bundle;

use crate::defs::media::MediaType;
pub use crate::model::addr;
pub use crate::model::label;
use crate::model::{Operation, Parameter, PathItemKind};

/// An operation under `paths` (not a webhook or callback).
#[must_use]
pub fn is_path_op(op: &Operation<'_>) -> bool {
    op.path.kind == PathItemKind::Path
}

/// One response of an operation.
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    /// The key (`200`, `4XX`, `default`).
    pub status: &'a str,
    /// The value under the key as written (possibly a `$ref`): report here
    /// for findings about this operation's use of the response.
    pub written: &'a Value,
    pub doc: usize,
    /// The Response Object, resolved: report here for findings about the
    /// response itself (once, however many operations use it).
    pub value: &'a Value,
}

/// The operation's responses, resolved, in document order.
#[must_use]
pub fn responses<'a>(bundle: &'a Bundle, op: &Operation<'a>) -> Vec<Response<'a>> {
    let Some(map) = op.op.get("responses").and_then(Value::as_object) else {
        return Vec::new();
    };
    map.iter()
        .filter(|(k, _)| !k.starts_with("x-"))
        .filter_map(|(k, written)| {
            let (doc, value) = bundle.resolve(op.doc, written).ok()?;
            value.is_object().then_some(Response {
                status: k.as_str(),
                written,
                doc,
                value,
            })
        })
        .collect()
}

/// The response with exactly this key.
#[must_use]
pub fn response<'a>(bundle: &'a Bundle, op: &Operation<'a>, status: &str) -> Option<Response<'a>> {
    responses(bundle, op)
        .into_iter()
        .find(|r| r.status == status)
}

/// Whether the operation documents this exact status code.
#[must_use]
pub fn has_status(op: &Operation<'_>, status: &str) -> bool {
    op.op
        .get("responses")
        .and_then(Value::as_object)
        .is_some_and(|m| m.contains_key(status))
}

/// A header of a response, found by name (case-insensitive): (name as
/// written, the value as written, document, Header Object resolved).
#[must_use]
pub fn header<'a>(
    bundle: &'a Bundle,
    response: &Response<'a>,
    name: &str,
) -> Option<(&'a str, &'a Value, usize, &'a Value)> {
    response_headers(bundle, response)
        .into_iter()
        .find(|(n, ..)| n.eq_ignore_ascii_case(name))
}

/// Every header of a response: (name, as written, document, resolved).
#[must_use]
pub fn response_headers<'a>(
    bundle: &'a Bundle,
    response: &Response<'a>,
) -> Vec<(&'a str, &'a Value, usize, &'a Value)> {
    let Some(map) = response.value.get("headers").and_then(Value::as_object) else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(k, written)| {
            let (doc, value) = bundle.resolve(response.doc, written).ok()?;
            Some((k.as_str(), written, doc, value))
        })
        .collect()
}

/// Each distinct header (resolved, once however many responses share it)
/// named `name` (case-insensitive) in a response of an operation under
/// `paths`: (document, Header Object).
#[must_use]
pub fn distinct_response_headers<'a>(
    bundle: &'a Bundle,
    operations: &[Operation<'a>],
    name: &str,
) -> Vec<(usize, &'a Value)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for op in operations.iter().filter(|op| is_path_op(op)) {
        for r in responses(bundle, op) {
            for (n, _, doc, h) in response_headers(bundle, &r) {
                if n.eq_ignore_ascii_case(name) && seen.insert(addr(h)) {
                    out.push((doc, h));
                }
            }
        }
    }
    out
}

/// Whether a response declares a header (case-insensitive).
#[must_use]
pub fn has_header(bundle: &Bundle, response: &Response<'_>, name: &str) -> bool {
    header(bundle, response, name).is_some()
}

/// A header parameter of the operation (D3, case-insensitive).
#[must_use]
pub fn header_param<'o, 'a>(op: &'o Operation<'a>, name: &str) -> Option<&'o Parameter<'a>> {
    op.parameters
        .iter()
        .find(|p| p.location == "header" && p.name.eq_ignore_ascii_case(name))
}

/// The `name` value of a parameter (to report at), or the parameter.
#[must_use]
pub fn name_node<'a>(p: &Parameter<'a>) -> &'a Value {
    p.value.get("name").unwrap_or(p.value)
}

/// The schema of a parameter or header (`schema`, or the first `content`
/// entry's), resolved.
#[must_use]
pub fn schema_of<'a>(bundle: &'a Bundle, doc: usize, v: &'a Value) -> Option<(usize, &'a Value)> {
    let written = v.get("schema").or_else(|| {
        v.get("content")
            .and_then(Value::as_object)
            .and_then(|c| c.values().next())
            .and_then(|mt| mt.get("schema"))
    })?;
    bundle.resolve(doc, written).ok()
}

/// The example values of a schema: `example`, the items of `examples`
/// (3.1), and, with `with_default`, `default` and the `enum` members.
pub fn schema_examples<'a>(schema: &'a Value, with_default: bool, out: &mut Vec<&'a Value>) {
    if let Some(e) = schema.get("example") {
        out.push(e);
    }
    if let Some(list) = schema.get("examples").and_then(Value::as_array) {
        out.extend(list.iter());
    }
    if with_default {
        if let Some(d) = schema.get("default") {
            out.push(d);
        }
        if let Some(list) = schema.get("enum").and_then(Value::as_array) {
            out.extend(list.iter());
        }
    }
}

/// The example values of a Header or Parameter Object: its `example`, the
/// `value` of each of its `examples` (resolved), and those of its schema
/// (see [`schema_examples`]).
#[must_use]
pub fn examples_of<'a>(
    bundle: &'a Bundle,
    doc: usize,
    v: &'a Value,
    with_default: bool,
) -> Vec<&'a Value> {
    let mut out = Vec::new();
    if let Some(e) = v.get("example") {
        out.push(e);
    }
    if let Some(map) = v.get("examples").and_then(Value::as_object) {
        for ex in map.values() {
            if let Ok((_, ex)) = bundle.resolve(doc, ex)
                && let Some(value) = ex.get("value")
            {
                out.push(value);
            }
        }
    }
    if let Some((_, schema)) = schema_of(bundle, doc, v) {
        schema_examples(schema, with_default, &mut out);
    }
    out
}

/// A content map (`content` of a request body or response) of an operation.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    pub doc: usize,
    pub map: &'a serde_json::Map<String, Value>,
    /// The response key, `None` for the request body.
    pub status: Option<&'a str>,
}

impl Content<'_> {
    /// The map's address, for `seen` sets (a shared response is one map).
    #[must_use]
    pub fn id(&self) -> usize {
        std::ptr::from_ref(self.map) as usize
    }
}

/// The request body's content and every response's content.
#[must_use]
pub fn contents<'a>(bundle: &'a Bundle, op: &Operation<'a>) -> Vec<Content<'a>> {
    let mut out = Vec::new();
    if let Some(body) = op.op.get("requestBody")
        && let Ok((doc, body)) = bundle.resolve(op.doc, body)
        && let Some(map) = body.get("content").and_then(Value::as_object)
    {
        out.push(Content {
            doc,
            map,
            status: None,
        });
    }
    for r in responses(bundle, op) {
        if let Some(map) = r.value.get("content").and_then(Value::as_object) {
            out.push(Content {
                doc: r.doc,
                map,
                status: Some(r.status),
            });
        }
    }
    out
}

/// The valid media-type versions of a content map, per essence:
/// (essence, version, key).
#[must_use]
pub fn versions<'a>(content: &Content<'a>) -> Vec<(String, u32, &'a str)> {
    content
        .map
        .keys()
        .filter_map(|k| {
            let m = MediaType::parse(k)?;
            let Some(Ok(v)) = m.version() else {
                return None;
            };
            Some((m.essence(), v, k.as_str()))
        })
        .collect()
}

/// Whether any content key of the document's operations carries a valid
/// `version` parameter.
#[must_use]
pub fn uses_versioned_media_types(bundle: &Bundle, operations: &[Operation<'_>]) -> bool {
    operations
        .iter()
        .any(|op| contents(bundle, op).iter().any(|c| !versions(c).is_empty()))
}

/// The valid versions per media type (essence) across the content keys of
/// all operations of a path.
#[must_use]
pub fn path_versions(
    bundle: &Bundle,
    operations: &[Operation<'_>],
    path: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<u32>> {
    let mut out: std::collections::BTreeMap<String, std::collections::BTreeSet<u32>> =
        std::collections::BTreeMap::new();
    for op in operations
        .iter()
        .filter(|op| is_path_op(op) && op.path.key == path)
    {
        for c in contents(bundle, op) {
            for (essence, v, _) in versions(&c) {
                out.entry(essence).or_default().insert(v);
            }
        }
    }
    out
}
