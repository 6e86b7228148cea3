//! D7: the schemas an operation sends and receives, and the walk below them.

use std::collections::HashSet;

use serde_json::Value;
use specfirst_source::Bundle;

use crate::model::Operation;

/// A schema where the walk of an operation's request or responses starts.
#[derive(Debug, Clone, Copy)]
pub struct Root<'a> {
    pub doc: usize,
    /// The schema as written (possibly a `$ref`).
    pub schema: &'a Value,
    /// The content key (`application/json`) for bodies; `None` for the
    /// `schema` of a parameter or header.
    pub media: Option<&'a str>,
    /// The response key (`200`, `4XX`, `default`) for responses.
    pub status: Option<&'a str>,
    /// The parameter or header name, for those.
    pub name: Option<&'a str>,
}

/// A schema reached by [`walk`], resolved.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    pub doc: usize,
    pub value: &'a Value,
    /// The property it is the schema of, when reached through `properties`.
    pub property: Option<&'a str>,
    /// The schema whose `properties` (or `items`, …) led here.
    pub parent: Option<&'a Value>,
    /// 0 for the root.
    pub depth: usize,
}

fn resolve<'a>(bundle: &'a Bundle, doc: usize, v: &'a Value) -> Option<(usize, &'a Value)> {
    bundle.resolve(doc, v).ok()
}

fn content_roots<'a>(
    bundle: &'a Bundle,
    doc: usize,
    content: Option<&'a Value>,
    status: Option<&'a str>,
    out: &mut Vec<Root<'a>>,
) {
    let Some(content) = content.and_then(Value::as_object) else {
        return;
    };
    for (media, mt) in content {
        let Some((d, mt)) = resolve(bundle, doc, mt) else {
            continue;
        };
        if let Some(schema) = mt.get("schema") {
            out.push(Root {
                doc: d,
                schema,
                media: Some(media),
                status,
                name: None,
            });
        }
    }
}

/// Request schemas: the `requestBody` content schemas and the schema (or
/// content schema) of every effective parameter.
#[must_use]
pub fn request_roots<'a>(bundle: &'a Bundle, op: &Operation<'a>) -> Vec<Root<'a>> {
    let mut out = Vec::new();
    if let Some(body) = op.op.get("requestBody")
        && let Some((d, body)) = resolve(bundle, op.doc, body)
    {
        content_roots(bundle, d, body.get("content"), None, &mut out);
    }
    for p in &op.parameters {
        if let Some(schema) = p.value.get("schema") {
            out.push(Root {
                doc: p.doc,
                schema,
                media: None,
                status: None,
                name: Some(p.name),
            });
        }
        let before = out.len();
        content_roots(bundle, p.doc, p.value.get("content"), None, &mut out);
        for r in &mut out[before..] {
            r.name = Some(p.name);
        }
    }
    out
}

/// The operation's responses, resolved: (key, document, Response Object).
#[must_use]
pub fn responses<'a>(bundle: &'a Bundle, op: &Operation<'a>) -> Vec<(&'a str, usize, &'a Value)> {
    let Some(responses) = op.op.get("responses").and_then(Value::as_object) else {
        return Vec::new();
    };
    responses
        .iter()
        .filter(|(k, _)| !k.starts_with("x-"))
        .filter_map(|(k, r)| {
            let (d, r) = resolve(bundle, op.doc, r)?;
            Some((k.as_str(), d, r))
        })
        .collect()
}

/// Response schemas of the responses whose key `keep` accepts: content
/// schemas and header schemas.
#[must_use]
pub fn response_roots<'a>(
    bundle: &'a Bundle,
    op: &Operation<'a>,
    keep: impl Fn(&str) -> bool,
) -> Vec<Root<'a>> {
    let mut out = Vec::new();
    for (status, d, response) in responses(bundle, op) {
        if !keep(status) {
            continue;
        }
        content_roots(bundle, d, response.get("content"), Some(status), &mut out);
        if let Some(headers) = response.get("headers").and_then(Value::as_object) {
            for (name, h) in headers {
                let Some((hd, h)) = resolve(bundle, d, h) else {
                    continue;
                };
                if let Some(schema) = h.get("schema") {
                    out.push(Root {
                        doc: hd,
                        schema,
                        media: None,
                        status: Some(status),
                        name: Some(name),
                    });
                }
            }
        }
    }
    out
}

/// Walks `schema` and everything below it (D7): `$ref`s resolved (across
/// files), into `properties`, `items`, `prefixItems`, schema-valued
/// `additionalProperties`, `allOf`, `anyOf` and `oneOf`, not into `not`.
/// Each schema is visited once per `seen` set (share one set across roots to
/// report a shared component once). `visit` returns whether to go below.
pub fn walk<'a>(
    bundle: &'a Bundle,
    doc: usize,
    schema: &'a Value,
    seen: &mut HashSet<usize>,
    visit: &mut dyn FnMut(Node<'a>) -> bool,
) {
    let mut stack: Vec<(Node<'a>, &'a Value)> = vec![(
        Node {
            doc,
            value: schema,
            property: None,
            parent: None,
            depth: 0,
        },
        schema,
    )];
    while let Some((node, written)) = stack.pop() {
        let Some((d, value)) = resolve(bundle, node.doc, written) else {
            continue;
        };
        if !value.is_object() || !seen.insert(std::ptr::from_ref(value) as usize) {
            continue;
        }
        let node = Node {
            doc: d,
            value,
            ..node
        };
        if !visit(node) {
            continue;
        }
        let child = |v: &'a Value, property: Option<&'a str>| {
            (
                Node {
                    doc: d,
                    value: v,
                    property,
                    parent: Some(value),
                    depth: node.depth + 1,
                },
                v,
            )
        };
        let mut children = Vec::new();
        if let Some(props) = value.get("properties").and_then(Value::as_object) {
            children.extend(props.iter().map(|(k, v)| child(v, Some(k.as_str()))));
        }
        match value.get("items") {
            Some(items @ Value::Object(_)) => children.push(child(items, None)),
            Some(Value::Array(items)) => children.extend(items.iter().map(|v| child(v, None))),
            _ => {}
        }
        for key in ["prefixItems", "allOf", "anyOf", "oneOf"] {
            if let Some(list) = value.get(key).and_then(Value::as_array) {
                children.extend(list.iter().map(|v| child(v, None)));
            }
        }
        if let Some(ap @ Value::Object(_)) = value.get("additionalProperties") {
            children.push(child(ap, None));
        }
        // Visit in document order.
        stack.extend(children.into_iter().rev());
    }
}

/// The type a schema declares: `type` as a string, or the first non-`null`
/// member of a 3.1 type array.
#[must_use]
pub fn type_of(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => None,
    }
}

/// The properties a schema defines, own and through `allOf` (resolved),
/// first definition of a name wins: (name, document, property schema
/// resolved, property schema as written).
#[must_use]
pub fn properties<'a>(
    bundle: &'a Bundle,
    doc: usize,
    schema: &'a Value,
) -> Vec<(&'a str, usize, &'a Value, &'a Value)> {
    let mut out: Vec<(&'a str, usize, &'a Value, &'a Value)> = Vec::new();
    let mut names: HashSet<&'a str> = HashSet::new();
    let mut seen = HashSet::new();
    let mut stack = vec![(doc, schema)];
    while let Some((d, s)) = stack.pop() {
        let Some((d, s)) = resolve(bundle, d, s) else {
            continue;
        };
        if !seen.insert(std::ptr::from_ref(s) as usize) {
            continue;
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                if names.contains(k.as_str()) {
                    continue;
                }
                if let Some((pd, pv)) = resolve(bundle, d, v) {
                    names.insert(k.as_str());
                    out.push((k.as_str(), pd, pv, v));
                }
            }
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            stack.extend(all.iter().rev().map(|v| (d, v)));
        }
    }
    out
}
