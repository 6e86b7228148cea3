//! The one walk over a resolved document: path items, operations with their
//! effective parameters, and every distinct Schema Object.
//!
//! `$ref`s are followed as the walk goes (across files too); every node keeps
//! the index of the document it stands in, so findings are reported where the
//! node is written. A `$ref` that cannot be followed is skipped here (the
//! `unresolved-ref` rule reports it).

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use specfirst_config::Options;
use specfirst_source::Bundle;

use crate::defs::resource::{self, ResourceKind};

pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Where a Path Item sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathItemKind {
    /// Under `paths`.
    Path,
    /// Under `webhooks` (3.1).
    Webhook,
    /// Under an operation's `callbacks`.
    Callback,
}

/// A Path Item, resolved.
#[derive(Debug, Clone)]
pub struct PathItem<'a> {
    pub kind: PathItemKind,
    /// The key: a path template (`/pets/{id}`), webhook name, or callback expression.
    pub key: &'a str,
    /// The value under the key, as written (possibly a `$ref`).
    pub written: &'a Value,
    pub written_doc: usize,
    /// The Path Item Object itself.
    pub item: &'a Value,
    pub doc: usize,
}

/// A parameter in effect for an operation (RULEBOOK D3), resolved.
#[derive(Debug, Clone)]
pub struct Parameter<'a> {
    pub value: &'a Value,
    pub doc: usize,
    pub name: &'a str,
    /// `path`, `query`, `header` or `cookie`.
    pub location: &'a str,
    /// Whether it was declared on the Path Item (and not overridden).
    pub from_path_item: bool,
}

/// An Operation with its context.
#[derive(Debug, Clone)]
pub struct Operation<'a> {
    pub path: PathItem<'a>,
    /// Lower-case method (`get`, …, or `query` and `additionalOperations` keys).
    pub method: &'a str,
    pub op: &'a Value,
    pub doc: usize,
    pub parameters: Vec<Parameter<'a>>,
}

/// What led the walk to a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaUse {
    /// `components.schemas` (or another place not reached from an operation).
    Component,
    Parameter,
    Request,
    Response,
    Header,
}

/// A distinct Schema Object (visited once, however many places use it).
#[derive(Debug, Clone)]
pub struct Schema<'a> {
    pub value: &'a Value,
    pub doc: usize,
    pub first_use: SchemaUse,
    /// Whether the walk started here (a component, or the `schema` of a
    /// parameter, media type or header), as opposed to below another schema.
    pub is_root: bool,
}

/// Everything the rules iterate over, collected in one walk.
#[derive(Debug, Default)]
pub struct Model<'a> {
    pub path_items: Vec<PathItem<'a>>,
    pub operations: Vec<Operation<'a>>,
    pub schemas: Vec<Schema<'a>>,
    /// The resource kind of every path under `paths` (RULEBOOK D2), filled
    /// by [`Model::classify`].
    pub kinds: HashMap<&'a str, ResourceKind>,
}

impl<'a> Model<'a> {
    /// Computes the resource kind of every path (it depends on the option
    /// `controllerVerbs`).
    pub fn classify(&mut self, bundle: &'a Bundle, options: &Options) {
        self.kinds = resource::classify(bundle, &self.path_items, options);
    }

    /// The resource kind of a path under `paths`.
    #[must_use]
    pub fn kind(&self, path: &str) -> Option<ResourceKind> {
        self.kinds.get(path).copied()
    }

    #[must_use]
    pub fn build(bundle: &'a Bundle) -> Self {
        let mut w = Walker {
            bundle,
            model: Model::default(),
            seen_schemas: HashSet::new(),
            seen_items: HashSet::new(),
        };
        let root = bundle.root().value();
        if let Some(paths) = root.get("paths").and_then(Value::as_object) {
            for (key, value) in paths {
                w.path_item(PathItemKind::Path, key, value, 0);
            }
        }
        if let Some(hooks) = root.get("webhooks").and_then(Value::as_object) {
            for (key, value) in hooks {
                w.path_item(PathItemKind::Webhook, key, value, 0);
            }
        }
        if let Some(components) = root.get("components").and_then(Value::as_object) {
            w.components(components);
        }
        w.model
    }
}

struct Walker<'a> {
    bundle: &'a Bundle,
    model: Model<'a>,
    seen_schemas: HashSet<usize>,
    seen_items: HashSet<usize>,
}

/// A node's identity: its address (documents never move once loaded), for
/// visiting a node shared through `$ref` once.
#[must_use]
pub fn addr(v: &Value) -> usize {
    std::ptr::from_ref(v) as usize
}

/// `GET /pets/{petId}`: how messages name an operation (the method upper-case,
/// then the path key).
#[must_use]
pub fn label(op: &Operation<'_>) -> String {
    format!("{} {}", op.method.to_uppercase(), op.path.key)
}

impl<'a> Walker<'a> {
    fn resolve(&self, doc: usize, v: &'a Value) -> Option<(usize, &'a Value)> {
        self.bundle.resolve(doc, v).ok()
    }

    fn path_item(
        &mut self,
        kind: PathItemKind,
        key: &'a str,
        written: &'a Value,
        written_doc: usize,
    ) {
        let Some((doc, item)) = self.resolve(written_doc, written) else {
            return;
        };
        if !item.is_object() {
            return;
        }
        let path = PathItem {
            kind,
            key,
            written,
            written_doc,
            item,
            doc,
        };
        self.model.path_items.push(path.clone());
        // A Path Item shared through `$ref` is walked (for operations) once per use,
        // since operations take their path from the key; schemas are still visited once.
        let shared_params = self.parameters(doc, item.get("parameters"));
        for (method, op) in operations_of(item) {
            let mut parameters: Vec<Parameter<'a>> = shared_params
                .iter()
                .cloned()
                .map(|mut p| {
                    p.from_path_item = true;
                    p
                })
                .collect();
            for own in self.parameters(doc, op.get("parameters")) {
                let same = |p: &Parameter<'_>| {
                    p.location == own.location
                        && if own.location == "header" {
                            p.name.eq_ignore_ascii_case(own.name)
                        } else {
                            p.name == own.name
                        }
                };
                if let Some(existing) = parameters.iter_mut().find(|p| same(p)) {
                    *existing = own;
                } else {
                    parameters.push(own);
                }
            }
            for p in &parameters {
                self.parameter_schemas(p.doc, p.value);
            }
            self.operation_schemas(doc, op);
            if let Some(callbacks) = op.get("callbacks").and_then(Value::as_object) {
                for cb in callbacks.values() {
                    if let Some((cb_doc, cb)) = self.resolve(doc, cb)
                        && let Some(map) = cb.as_object()
                        && self.seen_items.insert(addr(cb))
                    {
                        for (expr, item) in map {
                            self.path_item(PathItemKind::Callback, expr, item, cb_doc);
                        }
                    }
                }
            }
            self.model.operations.push(Operation {
                path: path.clone(),
                method,
                op,
                doc,
                parameters,
            });
        }
    }

    fn parameters(&self, doc: usize, list: Option<&'a Value>) -> Vec<Parameter<'a>> {
        let Some(items) = list.and_then(Value::as_array) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|p| {
                let (doc, value) = self.resolve(doc, p)?;
                Some(Parameter {
                    value,
                    doc,
                    name: value.get("name")?.as_str()?,
                    location: value.get("in")?.as_str()?,
                    from_path_item: false,
                })
            })
            .collect()
    }

    fn parameter_schemas(&mut self, doc: usize, param: &'a Value) {
        if let Some(s) = param.get("schema") {
            self.schema(doc, s, SchemaUse::Parameter);
        }
        self.content(doc, param.get("content"), SchemaUse::Parameter);
    }

    fn content(&mut self, doc: usize, content: Option<&'a Value>, used: SchemaUse) {
        let Some(map) = content.and_then(Value::as_object) else {
            return;
        };
        for media in map.values() {
            if let Some(s) = media.get("schema") {
                self.schema(doc, s, used);
            }
            if let Some(encoding) = media.get("encoding").and_then(Value::as_object) {
                for enc in encoding.values() {
                    self.headers(doc, enc.get("headers"));
                }
            }
        }
    }

    fn headers(&mut self, doc: usize, headers: Option<&'a Value>) {
        let Some(map) = headers.and_then(Value::as_object) else {
            return;
        };
        for h in map.values() {
            if let Some((hdoc, h)) = self.resolve(doc, h) {
                if let Some(s) = h.get("schema") {
                    self.schema(hdoc, s, SchemaUse::Header);
                }
                self.content(hdoc, h.get("content"), SchemaUse::Header);
            }
        }
    }

    fn operation_schemas(&mut self, doc: usize, op: &'a Value) {
        if let Some(body) = op.get("requestBody")
            && let Some((bdoc, body)) = self.resolve(doc, body)
        {
            self.content(bdoc, body.get("content"), SchemaUse::Request);
        }
        if let Some(responses) = op.get("responses").and_then(Value::as_object) {
            for r in responses.values() {
                self.response(doc, r);
            }
        }
    }

    fn response(&mut self, doc: usize, r: &'a Value) {
        if let Some((rdoc, r)) = self.resolve(doc, r) {
            self.content(rdoc, r.get("content"), SchemaUse::Response);
            self.headers(rdoc, r.get("headers"));
        }
    }

    fn components(&mut self, components: &'a serde_json::Map<String, Value>) {
        if let Some(map) = components.get("schemas").and_then(Value::as_object) {
            for s in map.values() {
                self.schema(0, s, SchemaUse::Component);
            }
        }
        if let Some(map) = components.get("parameters").and_then(Value::as_object) {
            for p in map.values() {
                if let Some((pdoc, p)) = self.resolve(0, p) {
                    self.parameter_schemas(pdoc, p);
                }
            }
        }
        if let Some(map) = components.get("requestBodies").and_then(Value::as_object) {
            for b in map.values() {
                if let Some((bdoc, b)) = self.resolve(0, b) {
                    self.content(bdoc, b.get("content"), SchemaUse::Request);
                }
            }
        }
        if let Some(map) = components.get("responses").and_then(Value::as_object) {
            for r in map.values() {
                self.response(0, r);
            }
        }
        self.headers(0, components.get("headers"));
        if let Some(map) = components.get("pathItems").and_then(Value::as_object) {
            for item in map.values() {
                if let Some((idoc, item)) = self.resolve(0, item) {
                    for (_, op) in operations_of(item) {
                        for p in self.parameters(idoc, op.get("parameters")) {
                            self.parameter_schemas(p.doc, p.value);
                        }
                        self.operation_schemas(idoc, op);
                    }
                }
            }
        }
    }

    /// Visits a schema and everything below it (RULEBOOK D7), each node once.
    fn schema(&mut self, doc: usize, schema: &'a Value, used: SchemaUse) {
        let mut stack = vec![(doc, schema)];
        let mut is_root = true;
        while let Some((doc, s)) = stack.pop() {
            let root_here = std::mem::replace(&mut is_root, false);
            let Some((doc, s)) = self.resolve(doc, s) else {
                continue;
            };
            if !s.is_object() || !self.seen_schemas.insert(addr(s)) {
                continue;
            }
            self.model.schemas.push(Schema {
                value: s,
                doc,
                first_use: used,
                is_root: root_here,
            });
            let mut children: Vec<&'a Value> = Vec::new();
            for key in [
                "items",
                "additionalProperties",
                "not",
                "contains",
                "propertyNames",
                "if",
                "then",
                "else",
                "unevaluatedItems",
                "unevaluatedProperties",
                "additionalItems",
            ] {
                if let Some(c) = s.get(key) {
                    if c.is_object() {
                        children.push(c);
                    } else if let Some(list) = c.as_array() {
                        // `items` as an array (draft 4 tuples)
                        children.extend(list.iter());
                    }
                }
            }
            for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
                if let Some(list) = s.get(key).and_then(Value::as_array) {
                    children.extend(list.iter());
                }
            }
            for key in [
                "properties",
                "patternProperties",
                "dependentSchemas",
                "$defs",
                "definitions",
            ] {
                if let Some(map) = s.get(key).and_then(Value::as_object) {
                    children.extend(map.values());
                }
            }
            stack.extend(children.into_iter().rev().map(|c| (doc, c)));
        }
    }
}

/// The operations of a Path Item: the fixed methods in their spec order,
/// plus 3.2's `query` and `additionalOperations`.
pub fn operations_of(item: &Value) -> Vec<(&str, &Value)> {
    let Some(map) = item.as_object() else {
        return Vec::new();
    };
    let mut out: Vec<(&str, &Value)> = map
        .iter()
        .filter(|(k, v)| (METHODS.contains(&k.as_str()) || k.as_str() == "query") && v.is_object())
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    if let Some(extra) = map.get("additionalOperations").and_then(Value::as_object) {
        out.extend(
            extra
                .iter()
                .filter(|(_, v)| v.is_object())
                .map(|(k, v)| (k.as_str(), v)),
        );
    }
    out
}
