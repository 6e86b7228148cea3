//! Examples and defaults that do not validate against their schema.
//!
//! How it stays fast on documents with thousands of examples:
//!
//! - Every document of the bundle is copied once into a *shadow*: only what
//!   validation needs (annotations and example data are left out), OpenAPI
//!   3.0 schemas rewritten as JSON Schema (`nullable`), and keyword values a
//!   validator would refuse dropped, so one broken schema cannot stop the rest.
//! - All schemas that have something to check are compiled together, as the
//!   `properties` of a single wrapper schema whose members `$ref` into the
//!   shadows. Shared components are compiled once, not once per use.
//! - A value is checked by validating `{"<key of its schema>": value}` against
//!   the wrapper; only the member of that key applies.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Map, Value, json};

use jsonschema::{Draft, Registry, Validator};
use specfirst_source::{Bundle, SpecVersion, pointer, ref_of};

use crate::context::Context;
use crate::declare_rule;
use crate::model::addr;
use crate::model::operations_of;
use crate::rule::{Rule, RuleMeta};
use crate::structure::{self, Anchor, Finding};

declare_rule! {
    /// ## What it does
    /// Validates every example and default against the schema it illustrates:
    /// a Schema Object's `default`, `example` and (3.1) `examples`, and the
    /// `example` and `examples` of parameters, headers and media types
    /// (Example Objects reached through `$ref` included, `externalValue` skipped).
    /// OpenAPI 3.0 schemas are read with their 3.0 meaning (`nullable`,
    /// boolean `exclusiveMinimum`). Each value gets one finding, naming the
    /// member that fails first.
    ///
    /// To stay clear of false alarms, `format` is not checked, `readOnly` and
    /// `writeOnly` properties are not required, a `oneOf` with a
    /// `discriminator` accepts a value that matches several branches, and a
    /// string example of a media type that is not JSON (XML, plain text) is
    /// taken as the serialised body and not checked. Schemas that cannot be
    /// compiled are skipped (`invalid-schema` and `unresolved-ref` report them).
    ///
    /// ## Why is this bad?
    /// Examples are what people copy, what documentation shows, and what mock
    /// servers return; a default is what a server assumes when a value is
    /// left out. One that breaks its own schema documents an API that does
    /// not exist, and clients built from it fail against the real one.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       required: [name]
    ///       properties:
    ///         name: {type: string}
    ///         age: {type: integer, example: three}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       required: [name]
    ///       properties:
    ///         name: {type: string}
    ///         age: {type: integer, example: 3}
    /// ```
    pub InvalidExample {
        code: "OAS-009",
        name: "invalid-example",
        category: "oas",
        severity: Error,
        summary: "An example or default does not match its schema.",
    }
}

impl Rule for InvalidExample {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut c = Collector::new(cx);
        c.collect();
        let Collector {
            roots,
            checks,
            flavor,
            ..
        } = c;
        if checks.is_empty() {
            return;
        }
        let bundle = cx.bundle;
        let compiled = compile(bundle, flavor, roots);
        report(cx, &compiled, &checks);
        drop_later(compiled);
    }
}

// ---------------------------------------------------------------------------
// What to check

/// What the checked value is, for messages.
#[derive(Debug, Clone, Copy)]
enum Label<'a> {
    Default,
    Example,
    /// An item of a 3.1 schema's `examples` list.
    ExamplesItem(usize),
    /// An Example Object under `examples`.
    Named(&'a str),
}

impl Label<'_> {
    fn text(self) -> String {
        match self {
            Label::Default => "`default`".to_owned(),
            Label::Example => "`example`".to_owned(),
            Label::ExamplesItem(i) => format!("`examples[{i}]`"),
            Label::Named(name) => format!("example `{name}`"),
        }
    }
}

/// One value to validate against one schema.
struct Check<'a> {
    value: &'a Value,
    /// The document the value is written in.
    doc: usize,
    label: Label<'a>,
    root: usize,
    /// The `$ref` that brought in a shared Example Object.
    via: Option<(usize, &'a Value)>,
}

/// A schema that values are validated against.
struct Root<'a> {
    node: &'a Value,
    doc: usize,
    draft: Draft,
}

struct Collector<'c, 'a> {
    cx: &'c Context<'a>,
    bundle: &'a Bundle,
    v30: bool,
    /// The draft schemas are read as when they do not say otherwise.
    flavor: Draft,
    roots: Vec<Root<'a>>,
    root_of: FxHashMap<usize, usize>,
    checks: Vec<Check<'a>>,
    seen_checks: FxHashSet<(usize, usize)>,
    seen_holders: FxHashSet<usize>,
    /// `$ref` (by document and text) → what it resolves to.
    resolved: FxHashMap<(usize, &'a str), Option<(usize, &'a Value)>>,
}

/// A draft named clearly enough to leave 2020-12 for.
fn named_draft(uri: &str) -> Option<Draft> {
    match Draft::from_schema_uri(uri) {
        d @ (Draft::Draft4 | Draft::Draft6 | Draft::Draft7 | Draft::Draft201909) => Some(d),
        _ => None,
    }
}

/// Media types whose examples are data, not a serialised string.
fn is_structured(media_type: &str) -> bool {
    let m = media_type.to_ascii_lowercase();
    m.contains("json")
        || m.starts_with("application/x-www-form-urlencoded")
        || m.starts_with("multipart/")
}

impl<'c, 'a> Collector<'c, 'a> {
    fn new(cx: &'c Context<'a>) -> Self {
        let bundle = cx.bundle;
        let v30 = cx.version() == SpecVersion::V3_0;
        let flavor = if v30 {
            Draft::Draft4
        } else {
            bundle
                .root()
                .value()
                .get("jsonSchemaDialect")
                .and_then(Value::as_str)
                .and_then(named_draft)
                .unwrap_or(Draft::Draft202012)
        };
        Collector {
            cx,
            bundle,
            v30,
            flavor,
            roots: Vec::new(),
            root_of: FxHashMap::default(),
            checks: Vec::new(),
            seen_checks: FxHashSet::default(),
            seen_holders: FxHashSet::default(),
            resolved: FxHashMap::default(),
        }
    }

    /// Follows a Reference Object (remembering shared references).
    fn resolve(&mut self, doc: usize, v: &'a Value) -> Option<(usize, &'a Value)> {
        let Some(reference) = ref_of(v) else {
            return Some((doc, v));
        };
        *self
            .resolved
            .entry((doc, reference))
            .or_insert_with(|| self.bundle.resolve(doc, v).ok())
    }

    fn collect(&mut self) {
        let model = self.cx.model;
        for s in &model.schemas {
            self.schema_values(s.doc, s.value);
            if !self.v30 {
                // A `$ref` with siblings is a schema of its own in 3.1; the walk
                // of the model goes through it to its target.
                for child in subschemas(s.value) {
                    if ref_of(child).is_some() && child.as_object().is_some_and(|m| m.len() > 1) {
                        self.schema_values(s.doc, child);
                    }
                }
            }
        }
        for op in &model.operations {
            for p in &op.parameters {
                self.parameter_like(p.doc, p.value);
            }
            self.operation(op.doc, op.op);
        }
        let root = self.bundle.root().value();
        let Some(components) = root.get("components").and_then(Value::as_object) else {
            return;
        };
        if !self.v30 {
            for s in components
                .get("schemas")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|m| m.values())
            {
                if ref_of(s).is_some() && s.as_object().is_some_and(|m| m.len() > 1) {
                    self.schema_values(0, s);
                }
            }
        }
        let each = |key: &str| {
            components
                .get(key)
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|m| m.values())
        };
        for p in each("parameters") {
            if let Some((d, p)) = self.resolve(0, p) {
                self.parameter_like(d, p);
            }
        }
        for h in each("headers") {
            if let Some((d, h)) = self.resolve(0, h) {
                self.parameter_like(d, h);
            }
        }
        for b in each("requestBodies") {
            if let Some((d, b)) = self.resolve(0, b) {
                self.content(d, b.get("content"));
            }
        }
        for r in each("responses") {
            self.response(0, r);
        }
        for item in each("pathItems") {
            self.path_item(0, item);
        }
        for cb in each("callbacks") {
            if let Some((d, cb)) = self.resolve(0, cb) {
                for item in cb.as_object().into_iter().flat_map(|m| m.values()) {
                    self.path_item(d, item);
                }
            }
        }
    }

    fn path_item(&mut self, doc: usize, item: &'a Value) {
        let Some((doc, item)) = self.resolve(doc, item) else {
            return;
        };
        for p in item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some((d, p)) = self.resolve(doc, p) {
                self.parameter_like(d, p);
            }
        }
        for (_, op) in operations_of(item) {
            for p in op
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some((d, p)) = self.resolve(doc, p) {
                    self.parameter_like(d, p);
                }
            }
            self.operation(doc, op);
        }
    }

    fn operation(&mut self, doc: usize, op: &'a Value) {
        if let Some(body) = op.get("requestBody")
            && let Some((d, body)) = self.resolve(doc, body)
        {
            self.content(d, body.get("content"));
        }
        if let Some(responses) = op.get("responses").and_then(Value::as_object) {
            for r in responses.values() {
                self.response(doc, r);
            }
        }
    }

    fn response(&mut self, doc: usize, r: &'a Value) {
        let Some((doc, r)) = self.resolve(doc, r) else {
            return;
        };
        if !self.seen_holders.insert(addr(r)) {
            return;
        }
        self.content(doc, r.get("content"));
        self.headers(doc, r.get("headers"));
    }

    fn headers(&mut self, doc: usize, headers: Option<&'a Value>) {
        for h in headers
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.values())
        {
            if let Some((d, h)) = self.resolve(doc, h) {
                self.parameter_like(d, h);
            }
        }
    }

    fn content(&mut self, doc: usize, content: Option<&'a Value>) {
        let Some(map) = content.and_then(Value::as_object) else {
            return;
        };
        for (media_type, media) in map {
            if !media.is_object() || !self.seen_holders.insert(addr(media)) {
                continue;
            }
            self.holder_values(doc, media, media.get("schema"), is_structured(media_type));
            if let Some(encoding) = media.get("encoding").and_then(Value::as_object) {
                for enc in encoding.values() {
                    self.headers(doc, enc.get("headers"));
                }
            }
        }
    }

    /// A Parameter or Header Object.
    fn parameter_like(&mut self, doc: usize, p: &'a Value) {
        if !p.is_object() || !self.seen_holders.insert(addr(p)) {
            return;
        }
        if let Some(schema) = p.get("schema") {
            self.holder_values(doc, p, Some(schema), true);
        } else if let Some((media_type, media)) = p
            .get("content")
            .and_then(Value::as_object)
            .and_then(|m| m.iter().next())
        {
            self.holder_values(doc, p, media.get("schema"), is_structured(media_type));
        }
        self.content(doc, p.get("content"));
    }

    /// `example` and `examples` of a Parameter, Header or Media Type Object.
    fn holder_values(
        &mut self,
        doc: usize,
        holder: &'a Value,
        schema: Option<&'a Value>,
        structured: bool,
    ) {
        let has_example = holder.get("example").is_some();
        let examples = holder.get("examples").and_then(Value::as_object);
        if !has_example && examples.is_none_or(Map::is_empty) {
            return;
        }
        let Some(schema) = schema else { return };
        if !self.v30 && ref_of(schema).is_some() && schema.as_object().is_some_and(|m| m.len() > 1)
        {
            self.schema_values(doc, schema);
        }
        let Some(root) = self.schema_root(doc, schema) else {
            return;
        };
        if let Some(v) = holder.get("example") {
            self.add(v, doc, Label::Example, root, None, structured);
        }
        for (name, e) in examples.into_iter().flatten() {
            let Some((edoc, example)) = self.resolve(doc, e) else {
                continue;
            };
            if let Some(v) = example.get("value") {
                let via = (ref_of(e).is_some()).then_some((doc, e));
                self.add(v, edoc, Label::Named(name), root, via, structured);
            }
        }
    }

    /// `default`, `example` and `examples` of a Schema Object.
    fn schema_values(&mut self, doc: usize, s: &'a Value) {
        let Some(map) = s.as_object() else { return };
        // One pass over the keys: this runs for every schema of the document.
        let (mut default, mut example, mut examples) = (None, None, None);
        for (k, v) in map {
            match k.as_str() {
                "default" => default = Some(v),
                "example" => example = Some(v),
                "examples" if !self.v30 => examples = v.as_array(),
                _ => {}
            }
        }
        if default.is_none() && example.is_none() && examples.is_none_or(Vec::is_empty) {
            return;
        }
        let root = self.root(doc, s);
        if let Some(v) = default {
            self.add(v, doc, Label::Default, root, None, true);
        }
        if let Some(v) = example {
            self.add(v, doc, Label::Example, root, None, true);
        }
        for (i, v) in examples.into_iter().flatten().enumerate() {
            self.add(v, doc, Label::ExamplesItem(i), root, None, true);
        }
    }

    /// The schema node values under `schema` are validated against.
    fn schema_root(&mut self, doc: usize, schema: &'a Value) -> Option<usize> {
        let keeps_siblings = !self.v30
            && ref_of(schema).is_some()
            && schema.as_object().is_some_and(|m| m.len() > 1);
        let (doc, node) = if keeps_siblings {
            (doc, schema)
        } else {
            self.resolve(doc, schema)?
        };
        node.is_object().then(|| self.root(doc, node))
    }

    fn root(&mut self, doc: usize, node: &'a Value) -> usize {
        if let Some(&i) = self.root_of.get(&addr(node)) {
            return i;
        }
        let draft = if self.v30 {
            Draft::Draft4
        } else {
            node.get("$schema")
                .and_then(Value::as_str)
                .and_then(named_draft)
                .unwrap_or(self.flavor)
        };
        self.roots.push(Root { node, doc, draft });
        let i = self.roots.len() - 1;
        self.root_of.insert(addr(node), i);
        i
    }

    fn add(
        &mut self,
        value: &'a Value,
        doc: usize,
        label: Label<'a>,
        root: usize,
        via: Option<(usize, &'a Value)>,
        structured: bool,
    ) {
        // A string example of XML or plain text is the serialised body, not data.
        if !structured && value.is_string() {
            return;
        }
        if self.seen_checks.insert((addr(value), root)) {
            self.checks.push(Check {
                value,
                doc,
                label,
                root,
                via,
            });
        }
    }
}

/// The direct subschemas of a schema (as written, `$ref`s not followed).
fn subschemas(s: &Value) -> Vec<&Value> {
    let Some(map) = s.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in map {
        match (kind(k), v) {
            (Kind::Single, Value::Object(_)) => out.push(v),
            (_, Value::Object(_)) if k == "items" => out.push(v),
            (Kind::List, Value::Array(list)) => out.extend(list),
            (_, Value::Array(list)) if k == "items" => out.extend(list),
            (Kind::SchemaMap, Value::Object(map)) => out.extend(map.values()),
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Shadow documents

/// How the shadow reads a member, by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Never changes what validates: annotations, OpenAPI-only keywords,
    /// example data, extensions, and identifiers the loader does not follow.
    LeftOut,
    /// Holds one schema (`items` is handled on its own).
    Single,
    /// Holds a list of schemas.
    List,
    /// Holds a map of name to schema.
    SchemaMap,
    /// An OpenAPI map of names, whose keys must not be read as keywords.
    NameMap,
    Other,
}

fn kind(key: &str) -> Kind {
    match key {
        "additionalProperties"
        | "additionalItems"
        | "not"
        | "contains"
        | "propertyNames"
        | "if"
        | "then"
        | "else"
        | "unevaluatedItems"
        | "unevaluatedProperties"
        | "contentSchema" => Kind::Single,
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => Kind::List,
        "properties" | "patternProperties" | "definitions" | "$defs" | "dependentSchemas" => {
            Kind::SchemaMap
        }
        "paths" | "webhooks" | "schemas" | "responses" | "parameters" | "requestBodies"
        | "headers" | "securitySchemes" | "links" | "callbacks" | "pathItems" | "content"
        | "encoding" => Kind::NameMap,
        "example" | "examples" | "default" | "description" | "summary" | "title"
        | "externalDocs" | "xml" | "discriminator" | "readOnly" | "writeOnly" | "deprecated"
        | "nullable" | "format" | "contentMediaType" | "contentEncoding" | "$comment"
        | "$schema" | "$id" | "$anchor" | "$dynamicAnchor" | "$dynamicRef" | "$recursiveAnchor"
        | "$recursiveRef" | "$vocabulary" => Kind::LeftOut,
        k if k.starts_with("x-") => Kind::LeftOut,
        _ => Kind::Other,
    }
}

const TYPES: &[&str] = &[
    "null", "boolean", "object", "array", "number", "string", "integer",
];

/// The schemas the validators can reach: the roots and, transitively,
/// every `$ref` target below them. The shadows hold only these (and the
/// containers on the way to them): copying whole documents cost more than
/// validating on large specs.
#[derive(Default)]
struct Reach {
    /// Reachable schema nodes, by address; everything below them is kept.
    schemas: FxHashSet<usize>,
    /// The nodes on the way from a document's root to a reachable schema.
    ways: FxHashSet<usize>,
}

impl Reach {
    fn of(bundle: &Bundle, roots: &[Root<'_>]) -> Self {
        let mut reach = Reach::default();
        let mut work: Vec<(usize, &Value)> = roots.iter().map(|r| (r.doc, r.node)).collect();
        let mut below: Vec<&Value> = Vec::new();
        while let Some((doc, node)) = work.pop() {
            if !reach.schemas.insert(addr(node)) {
                continue;
            }
            reach.way_to(bundle, doc, node);
            // Every `$ref` below the schema (extensions and examples
            // included: over-reaching only keeps a little more).
            below.push(node);
            while let Some(v) = below.pop() {
                match v {
                    Value::Object(map) => {
                        if let Some(Value::String(r)) = map.get("$ref")
                            && let Ok((target_doc, target)) = bundle.target(doc, r)
                            && !reach.schemas.contains(&addr(target))
                        {
                            work.push((target_doc, target));
                        }
                        below.extend(map.values().filter(|c| c.is_object() || c.is_array()));
                    }
                    Value::Array(items) => {
                        below.extend(items.iter().filter(|c| c.is_object() || c.is_array()));
                    }
                    _ => {}
                }
            }
        }
        reach
    }

    /// Marks the containers from the document's root down to `node`.
    fn way_to(&mut self, bundle: &Bundle, doc: usize, node: &Value) {
        let Some(document) = bundle.documents().get(doc) else {
            return;
        };
        let index = document.index();
        let mut parent = index.parent_addr(node);
        while let Some(p) = parent {
            if !self.ways.insert(p) {
                return;
            }
            parent = index.parent_addr_of(p);
        }
    }
}

/// Builds the shadow of one document.
struct Shadow<'s, 'a> {
    bundle: &'a Bundle,
    doc: usize,
    v30: bool,
    flavor: Draft,
    /// Root schema nodes (by address) whose shadow pointer is wanted.
    wanted: &'s FxHashMap<usize, usize>,
    /// Root index → pointer in the shadow.
    found: &'s mut [Option<String>],
    refs_ok: FxHashMap<&'a str, bool>,
    ptr: String,
    /// What the validators can reach; the shadow leaves the rest out.
    reach: &'s Reach,
    /// Whether the walk is inside a reachable schema (everything is kept).
    inside: bool,
}

impl<'a> Shadow<'_, 'a> {
    fn draft4(&self) -> bool {
        self.flavor == Draft::Draft4
    }

    /// Whether `v` goes into the shadow: it is inside or on the way to a
    /// schema some validator reaches.
    fn keeps(&self, v: &Value) -> bool {
        self.inside || self.reach.schemas.contains(&addr(v)) || self.reach.ways.contains(&addr(v))
    }

    fn push(&mut self, token: &str) -> usize {
        let len = self.ptr.len();
        self.ptr.push('/');
        self.ptr.push_str(&pointer::escape(token));
        len
    }

    /// Any node, read as OpenAPI or schema structure.
    fn value(&mut self, v: &'a Value) -> Value {
        match v {
            Value::Object(map) => self.object(v, map),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        if !self.keeps(item) {
                            return Value::Null;
                        }
                        let len = self.push(&i.to_string());
                        let out = self.value(item);
                        self.ptr.truncate(len);
                        out
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// A map whose keys are names; its values are read as structure.
    fn names(&mut self, map: &'a Map<String, Value>) -> Value {
        let mut out = Map::with_capacity(map.len());
        for (k, v) in map {
            if !self.keeps(v) {
                continue;
            }
            let len = self.push(k);
            out.insert(k.clone(), self.value(v));
            self.ptr.truncate(len);
        }
        Value::Object(out)
    }

    /// A value in a place that holds a schema; `None` when it is not one.
    fn schema(&mut self, v: &'a Value) -> Option<Value> {
        match v {
            Value::Object(map) => Some(self.object(v, map)),
            Value::Bool(b) if self.draft4() => {
                Some(if *b { json!({}) } else { json!({"not": {}}) })
            }
            Value::Bool(b) => Some(Value::Bool(*b)),
            _ => None,
        }
    }

    fn object(&mut self, node: &'a Value, map: &'a Map<String, Value>) -> Value {
        let outside = !self.inside;
        if outside && self.reach.schemas.contains(&addr(node)) {
            self.inside = true;
        }
        let out = self.object_members(node, map);
        if outside {
            self.inside = false;
        }
        out
    }

    fn object_members(&mut self, node: &'a Value, map: &'a Map<String, Value>) -> Value {
        if let Some(&root) = self.wanted.get(&addr(node))
            && let Some(slot) = self.found.get_mut(root)
        {
            *slot = Some(self.ptr.clone());
        }
        // One pass over the keys (hash lookups per object add up on big documents).
        let (mut nullable, mut discriminator) = (false, false);
        let (mut one_of, mut any_of, mut other_composition) = (false, false, false);
        for (k, v) in map {
            match k.as_str() {
                "nullable" => nullable = self.v30 && *v == Value::Bool(true),
                "discriminator" => discriminator = true,
                "oneOf" => one_of = true,
                "anyOf" => any_of = true,
                "allOf" | "not" | "$ref" => other_composition = true,
                _ => {}
            }
        }
        // With a discriminator, the branch is picked by the discriminator, not
        // by `oneOf`'s "exactly one matches".
        let one_of_as_any_of = discriminator && one_of && !any_of;
        let composes = |k: &str| matches!(k, "allOf" | "anyOf" | "oneOf" | "not" | "$ref");
        // `nullable` next to `allOf`/`oneOf`/`$ref` (which would refuse null
        // themselves): allow null or the composition, by moving the
        // composition under `anyOf/1`. Strictly, 3.0.3 lets `nullable` widen
        // `type` only; documents mean "this, or null".
        let move_composition = nullable && (other_composition || (one_of && !one_of_as_any_of));
        let mut out = Map::with_capacity(map.len());
        let mut moved = Map::new();
        for (k, child) in map {
            let key = if k == "oneOf" && one_of_as_any_of {
                "anyOf"
            } else {
                k.as_str()
            };
            let kind = kind(key);
            if kind == Kind::LeftOut || !self.keeps(child) {
                continue;
            }
            let is_moved = move_composition && composes(key);
            let len = self.ptr.len();
            if is_moved {
                self.ptr.push_str("/anyOf/1");
            }
            self.push(key);
            let converted = self.member(map, key, kind, child);
            self.ptr.truncate(len);
            if let Some(c) = converted {
                if is_moved {
                    moved.insert(key.to_owned(), c);
                } else {
                    out.insert(key.to_owned(), c);
                }
            }
        }
        if nullable {
            match out.get_mut("type") {
                Some(Value::String(t)) => {
                    let t = std::mem::take(t);
                    out.insert("type".to_owned(), json!([t, "null"]));
                }
                Some(Value::Array(list)) if !list.iter().any(|t| t == "null") => {
                    list.push(json!("null"));
                }
                _ => {}
            }
            if let Some(Value::Array(list)) = out.get_mut("enum")
                && !list.contains(&Value::Null)
            {
                list.push(Value::Null);
            }
            if move_composition {
                out.insert(
                    "anyOf".to_owned(),
                    json!([{"type": "null"}, Value::Object(moved)]),
                );
            } else if let Some(Value::Array(list)) = out.get_mut("anyOf") {
                list.push(json!({"type": "null"}));
            }
        }
        Value::Object(out)
    }

    /// One member of an object, converted; `None` to leave it out.
    fn member(
        &mut self,
        parent: &'a Map<String, Value>,
        key: &str,
        kind: Kind,
        v: &'a Value,
    ) -> Option<Value> {
        let non_negative = |v: &Value| v.as_u64().map(|_| v.clone());
        match key {
            "type" => match v {
                Value::String(t) => TYPES.contains(&t.as_str()).then(|| v.clone()),
                Value::Array(list) => {
                    let kept: Vec<Value> = list
                        .iter()
                        .filter(|t| t.as_str().is_some_and(|t| TYPES.contains(&t)))
                        .cloned()
                        .collect();
                    (!kept.is_empty()).then_some(Value::Array(kept))
                }
                _ => None,
            },
            "enum" => v.is_array().then(|| v.clone()),
            "const" => Some(v.clone()),
            "required" => {
                let list = v.as_array()?;
                let props = parent.get("properties").and_then(Value::as_object);
                let kept: Vec<Value> = list
                    .iter()
                    .filter(|name| {
                        name.as_str()
                            .is_some_and(|name| !self.read_or_write_only(props, name))
                    })
                    .cloned()
                    .collect();
                (!kept.is_empty()).then_some(Value::Array(kept))
            }
            "multipleOf" => v.as_f64().is_some_and(|n| n > 0.0).then(|| v.clone()),
            "minimum" | "maximum" => v.is_number().then(|| v.clone()),
            "exclusiveMinimum" | "exclusiveMaximum" => {
                if self.draft4() {
                    let partner = if key == "exclusiveMinimum" {
                        "minimum"
                    } else {
                        "maximum"
                    };
                    let has_partner = parent.get(partner).is_some_and(Value::is_number);
                    (v.is_boolean() && has_partner).then(|| v.clone())
                } else {
                    v.is_number().then(|| v.clone())
                }
            }
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" | "minContains" | "maxContains" => non_negative(v),
            "uniqueItems" => v.is_boolean().then(|| v.clone()),
            "pattern" => {
                // A pattern the validator refuses is cut out when compiling.
                let p = v.as_str()?;
                (!costly_pattern(p)).then(|| v.clone())
            }
            "$ref" => {
                let r = v.as_str()?;
                self.ref_ok(r).then(|| v.clone())
            }
            "items" => match v {
                Value::Array(list) if self.flavor != Draft::Draft202012 => {
                    Some(self.schema_list(list))
                }
                Value::Array(_) => None,
                _ => self.schema(v),
            },
            "dependencies" => {
                let map = v.as_object()?;
                let mut out = Map::with_capacity(map.len());
                for (k, dep) in map {
                    let len = self.push(k);
                    let converted = if dep.is_array() {
                        dep.as_array()
                            .is_some_and(|l| l.iter().all(Value::is_string))
                            .then(|| dep.clone())
                    } else {
                        self.schema(dep)
                    };
                    self.ptr.truncate(len);
                    if let Some(c) = converted {
                        out.insert(k.clone(), c);
                    }
                }
                Some(Value::Object(out))
            }
            k if kind == Kind::Single => {
                if self.draft4()
                    && v.is_boolean()
                    && matches!(k, "additionalProperties" | "additionalItems")
                {
                    return Some(v.clone());
                }
                self.schema(v)
            }
            _ if kind == Kind::List => {
                let list = v.as_array().filter(|l| !l.is_empty())?;
                Some(self.schema_list(list))
            }
            _ if kind == Kind::SchemaMap => {
                let map = v.as_object()?;
                let mut out = Map::with_capacity(map.len());
                for (name, sub) in map {
                    if (key == "patternProperties" && costly_pattern(name)) || !self.keeps(sub) {
                        continue;
                    }
                    let len = self.push(name);
                    let converted = self.schema(sub).unwrap_or_else(|| json!({}));
                    self.ptr.truncate(len);
                    out.insert(name.clone(), converted);
                }
                Some(Value::Object(out))
            }
            _ if kind == Kind::NameMap => Some(match v {
                Value::Object(map) => self.names(map),
                other => self.value(other),
            }),
            _ => Some(self.value(v)),
        }
    }

    fn schema_list(&mut self, list: &'a [Value]) -> Value {
        Value::Array(
            list.iter()
                .enumerate()
                .map(|(i, sub)| {
                    if !self.keeps(sub) {
                        return json!({});
                    }
                    let len = self.push(&i.to_string());
                    let converted = self.schema(sub).unwrap_or_else(|| json!({}));
                    self.ptr.truncate(len);
                    converted
                })
                .collect(),
        )
    }

    /// Whether property `name` is `readOnly` or `writeOnly`: such a property
    /// is required only in one direction, so it is not required here.
    fn read_or_write_only(&self, props: Option<&'a Map<String, Value>>, name: &str) -> bool {
        let Some(prop) = props.and_then(|p| p.get(name)) else {
            return false;
        };
        let flagged = |v: &Value| {
            v.get("readOnly") == Some(&Value::Bool(true))
                || v.get("writeOnly") == Some(&Value::Bool(true))
        };
        flagged(prop)
            || self
                .bundle
                .resolve(self.doc, prop)
                .is_ok_and(|(_, target)| flagged(target))
    }

    /// Whether a `$ref` leads to a schema (an unresolved one is OAS-002's).
    fn ref_ok(&mut self, reference: &'a str) -> bool {
        if let Some(&ok) = self.refs_ok.get(reference) {
            return ok;
        }
        let ok = self
            .bundle
            .target(self.doc, reference)
            .is_ok_and(|(_, t)| t.is_object() || (t.is_boolean() && !self.draft4()));
        self.refs_ok.insert(reference, ok);
        ok
    }
}

// ---------------------------------------------------------------------------
// Compiling

/// Base URI of the wrapper schema (never a document's URL).
const WRAPPER_URI: &str = "urn:specfirst:invalid-example";
/// How many times the wrapper may be compiled in one run: once when every
/// schema compiles; a few more to cut out broken nodes or, failing that, to
/// split the schemas into groups that compile. Past it, the schemas not yet
/// compiled are not checked.
const MAX_BUILDS: usize = 32;

/// What may still be spent on schemas that do not compile.
struct Budget {
    builds: usize,
    /// Whether cutting out what an error blames may still help.
    patching: bool,
}

struct Compiled {
    validators: Vec<Validator>,
    /// Kept only to be freed with the validators.
    shadows: Vec<(String, Value)>,
    /// Root index → (validator index, member key).
    placement: Vec<Option<(usize, String)>>,
}

/// The member key of a root in the wrapper. The control character keeps it
/// apart from anything a message may quote.
fn member_key(root: usize) -> String {
    format!("\u{1}{root}")
}

/// Percent-encodes a JSON pointer for a URI fragment.
fn fragment(ptr: &str) -> String {
    const KEEP: &[u8] = b"-._~!$&'()*+,;=:@/?";
    let mut out = String::with_capacity(ptr.len());
    for b in ptr.bytes() {
        if b.is_ascii_alphanumeric() || KEEP.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn compile(bundle: &Bundle, flavor: Draft, roots: Vec<Root<'_>>) -> Compiled {
    let v30 = bundle.version() == SpecVersion::V3_0;
    let mut wanted: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, r) in roots.iter().enumerate() {
        wanted.insert(addr(r.node), i);
    }
    let mut found: Vec<Option<String>> = vec![None; roots.len()];
    let reach = Reach::of(bundle, &roots);
    let mut shadows: Vec<(String, Value)> = Vec::with_capacity(bundle.documents().len());
    for (i, doc) in bundle.documents().iter().enumerate() {
        let mut shadow = Shadow {
            bundle,
            doc: i,
            v30,
            flavor,
            wanted: &wanted,
            found: &mut found,
            refs_ok: FxHashMap::default(),
            ptr: String::new(),
            reach: &reach,
            inside: false,
        };
        let value = shadow.value(doc.value());
        shadows.push((doc.url().as_str().to_owned(), value));
    }
    let targets: Vec<Option<String>> = roots
        .iter()
        .zip(&found)
        .map(|(r, ptr)| {
            let url = &shadows.get(r.doc)?.0;
            Some(format!("{url}#{}", fragment(ptr.as_deref()?)))
        })
        .collect();
    let mut compiled = Compiled {
        validators: Vec::new(),
        shadows: Vec::new(),
        placement: vec![None; roots.len()],
    };
    let mut groups: Vec<(Draft, Vec<usize>)> = Vec::new();
    for (i, r) in roots.iter().enumerate() {
        if targets[i].is_none() {
            continue;
        }
        match groups.iter_mut().find(|(d, _)| *d == r.draft) {
            Some((_, members)) => members.push(i),
            None => groups.push((r.draft, vec![i])),
        }
    }
    let mut budget = Budget {
        builds: MAX_BUILDS,
        patching: true,
    };
    for (draft, members) in groups {
        budget.patching = true;
        compile_group(
            &mut shadows,
            draft,
            &targets,
            &members,
            &mut budget,
            &mut compiled,
        );
    }
    compiled.shadows = shadows;
    compiled
}

/// Frees a large structure on another thread: tearing down hundreds of
/// thousands of small allocations costs about as much as building them.
fn drop_later<T: Send + 'static>(garbage: T) {
    // When no thread can be started, `spawn` drops the closure (and the garbage) here.
    let _ = std::thread::Builder::new()
        .name("specfirst-drop".to_owned())
        .spawn(move || drop(garbage));
}

/// Compiles the roots of one draft together; when that fails, cuts what
/// the error blames out of the shadows and retries, then splits the group.
fn compile_group(
    shadows: &mut [(String, Value)],
    draft: Draft,
    targets: &[Option<String>],
    members: &[usize],
    budget: &mut Budget,
    out: &mut Compiled,
) {
    loop {
        if budget.builds == 0 {
            return;
        }
        budget.builds -= 1;
        match build(shadows, draft, targets, members) {
            Ok(v) => {
                out.validators.push(v);
                let index = out.validators.len() - 1;
                for &m in members {
                    if let Some(slot) = out.placement.get_mut(m) {
                        *slot = Some((index, member_key(m)));
                    }
                }
                return;
            }
            Err(broken) => {
                if !(budget.patching && patch(shadows, &broken)) {
                    break;
                }
            }
        }
    }
    // A schema that cannot be compiled is left out (OAS-001/002/010 report why).
    budget.patching = false;
    if members.len() > 1 {
        let (a, b) = members.split_at(members.len() / 2);
        compile_group(shadows, draft, targets, a, budget, out);
        compile_group(shadows, draft, targets, b, budget, out);
    }
}

/// What a failed compilation blames.
#[derive(Debug)]
enum Broken {
    /// The schema node at this pointer (of some shadow).
    At(String),
    /// `$ref`s whose fragment is this (decoded) pointer or anchor.
    RefTo(String),
    /// `$ref`s to the document at this URI.
    RefToDocument(String),
    Unknown,
}

impl Broken {
    fn of(e: &jsonschema::ValidationError<'_>) -> Broken {
        use jsonschema::ReferencingError as R;
        use jsonschema::error::ValidationErrorKind as K;
        match e.kind() {
            K::Referencing(r) => match r {
                R::PointerToNowhere { pointer }
                | R::InvalidPercentEncoding { pointer, .. }
                | R::InvalidArrayIndex { pointer, .. } => Broken::RefTo(pointer.clone()),
                R::NoSuchAnchor { anchor } | R::InvalidAnchor { anchor } => {
                    Broken::RefTo(anchor.clone())
                }
                R::Unretrievable { uri, .. } => Broken::RefToDocument(uri.clone()),
                _ => Broken::Unknown,
            },
            _ => {
                let at = e.instance_path().as_str();
                if at.is_empty() {
                    Broken::Unknown
                } else {
                    Broken::At(at.to_owned())
                }
            }
        }
    }
}

/// Builds the wrapper validator.
fn build(
    shadows: &[(String, Value)],
    draft: Draft,
    targets: &[Option<String>],
    members: &[usize],
) -> Result<Validator, Broken> {
    let registry = Registry::new()
        .draft(draft)
        .extend(shadows.iter().map(|(url, v)| (url.as_str(), v)))
        .and_then(jsonschema::RegistryBuilder::prepare)
        .map_err(|_| Broken::Unknown)?;
    let mut properties = Map::with_capacity(members.len());
    for &m in members {
        if let Some(Some(target)) = targets.get(m) {
            properties.insert(member_key(m), json!({ "$ref": target }));
        }
    }
    let wrapper = json!({ "properties": properties });
    jsonschema::options()
        .with_draft(draft)
        .should_validate_formats(false)
        .offline()
        .with_registry(&registry)
        .with_base_uri(WRAPPER_URI)
        .build(&wrapper)
        .map_err(|e| Broken::of(&e))
}

/// Cuts what `broken` blames out of the shadows. Returns whether anything changed.
fn patch(shadows: &mut [(String, Value)], broken: &Broken) -> bool {
    match broken {
        Broken::At(at) => {
            let mut changed = false;
            let mut blamed = None;
            for (_, shadow) in shadows.iter_mut() {
                match cut(shadow, at) {
                    Cut::Done => changed = true,
                    Cut::Member(key, value) => blamed = Some((key, value)),
                    Cut::Nothing => {}
                }
            }
            // A keyword value that fails (a pattern the regex engine refuses)
            // fails wherever it is written: cut every copy at once.
            if let Some((key, value)) = blamed {
                let same = |k: &str, v: &Value| k == key && *v == value;
                for (_, shadow) in shadows.iter_mut() {
                    changed |= drop_members(shadow, &same);
                }
            }
            changed
        }
        Broken::RefTo(target) => {
            let blamed = |k: &str, v: &Value| {
                k == "$ref"
                    && v.as_str()
                        .and_then(|r| r.split_once('#'))
                        .and_then(|(_, f)| pointer::from_fragment(f).ok())
                        .is_some_and(|f| f == *target)
            };
            shadows.iter_mut().fold(false, |changed, (_, shadow)| {
                drop_members(shadow, &blamed) | changed
            })
        }
        Broken::RefToDocument(uri) => {
            let blamed = |k: &str, v: &Value| {
                k == "$ref"
                    && v.as_str().is_some_and(|r| {
                        let base = r.split_once('#').map_or(r, |(b, _)| b);
                        let base = base.trim_start_matches("./");
                        !base.is_empty() && uri.ends_with(base)
                    })
            };
            shadows.iter_mut().fold(false, |changed, (_, shadow)| {
                drop_members(shadow, &blamed) | changed
            })
        }
        Broken::Unknown => false,
    }
}

/// What [`cut`] did.
enum Cut {
    /// Emptied a schema (or a list item).
    Done,
    /// Found a keyword value: its key and value, for the caller to cut.
    Member(String, Value),
    Nothing,
}

/// Empties the schema at `at`, or names the keyword there.
fn cut(shadow: &mut Value, at: &str) -> Cut {
    let Some(node) = shadow.pointer_mut(at) else {
        return Cut::Nothing;
    };
    if node.as_object().is_some_and(|m| !m.is_empty()) {
        *node = json!({});
        return Cut::Done;
    }
    let value = node.clone();
    let Some((parent_ptr, last)) = at.rsplit_once('/') else {
        return Cut::Nothing;
    };
    let last = pointer::unescape(last);
    match shadow.pointer_mut(parent_ptr) {
        Some(Value::Object(_)) => Cut::Member(last.into_owned(), value),
        Some(Value::Array(items)) => {
            match last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(item) if *item != json!({}) => {
                    *item = json!({});
                    Cut::Done
                }
                _ => Cut::Nothing,
            }
        }
        _ => Cut::Nothing,
    }
}

/// Removes every object member that `blamed` picks (by key and value).
fn drop_members(v: &mut Value, blamed: &dyn Fn(&str, &Value) -> bool) -> bool {
    let mut changed = false;
    let mut stack = vec![v];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                let before = map.len();
                map.retain(|k, v| !blamed(k, v));
                changed |= map.len() != before;
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
    changed
}

/// Whether a pattern repeats something more than a thousand times
/// (`^.{1,2097152}`): compiling it takes seconds and then fails.
fn costly_pattern(pattern: &str) -> bool {
    const LIMIT: u64 = 1000;
    let mut in_braces = false;
    let mut n: u64 = 0;
    for c in pattern.chars() {
        match c {
            '{' => {
                in_braces = true;
                n = 0;
            }
            '0'..='9' if in_braces => {
                n = n * 10 + u64::from(c) - u64::from('0');
                if n > LIMIT {
                    return true;
                }
            }
            ',' if in_braces => n = 0,
            _ => in_braces = false,
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Validating and reporting

/// Longest message part quoted from the validator.
const MAX_DETAIL: usize = 300;

fn report(cx: &mut Context<'_>, compiled: &Compiled, checks: &[Check<'_>]) {
    for check in checks {
        let Some(Some((index, key))) = compiled.placement.get(check.root) else {
            continue;
        };
        let Some(validator) = compiled.validators.get(*index) else {
            continue;
        };
        let mut wrapped = Map::with_capacity(1);
        wrapped.insert(key.clone(), check.value.clone());
        let instance = Value::Object(wrapped);
        if validator.is_valid(&instance) {
            continue;
        }
        let findings = structure::humanize(validator.iter_errors(&instance), &instance);
        let Some(first) = findings.first() else {
            continue;
        };
        let mut message = describe(first, key, &check.label.text());
        if findings.len() > 1 {
            message.push_str(&format!(" (and {} more)", findings.len() - 1));
        }
        let doc = cx.document(check.doc);
        let location = doc.locate(check.value);
        let inner = first
            .pointer
            .strip_prefix('/')
            .and_then(|p| p.strip_prefix(key.as_str()))
            .unwrap_or_default();
        let related = (!inner.is_empty())
            .then(|| pointer::lookup(check.value, inner))
            .flatten()
            .map(|node| match first.anchor {
                Anchor::Key => doc.locate_key(node),
                Anchor::Value => doc.locate(node),
            });
        let via = check.via.map(|(d, v)| cx.document(d).locate(v));
        let d = cx.report(location, message);
        d.set_help("fix the value, or the schema if the value is the right one");
        if let Some(loc) = related {
            d.add_related(loc, "fails here");
        }
        if let Some(loc) = via {
            d.add_related(loc, "used here");
        }
    }
}

/// The message of a finding on the wrapped value, told about the value.
fn describe(f: &Finding, key: &str, label: &str) -> String {
    let root = format!("`{key}`");
    let mut detail = f
        .message
        .replace(&format!("`{key}."), "`")
        .replace(&format!(" in {root}"), "");
    if detail.len() > MAX_DETAIL {
        let mut end = MAX_DETAIL;
        while !detail.is_char_boundary(end) {
            end -= 1;
        }
        detail.truncate(end);
        detail.push('…');
    }
    if detail.contains(&root) {
        detail.replace(&root, label)
    } else {
        format!("{label} does not match its schema: {detail}")
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use specfirst_diagnostics::{Diagnostic, SourceMap};
    use specfirst_source::{LoadOptions, Loader};

    use super::*;
    use crate::Settings;

    /// Lints files written to a temporary directory (the first is the entry
    /// document) with only this rule; returns `(file, line, message)`.
    fn lint_files(files: &[(&str, &str)]) -> Vec<(String, u32, String)> {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let sources = Arc::new(SourceMap::new());
        let loader = Loader::new(Arc::clone(&sources), LoadOptions::default());
        let loaded = loader.load(&dir.path().join(files[0].0));
        let bundle = loaded.bundle.expect("the document loads");
        let found: Vec<Diagnostic> = crate::lint(&bundle, &Settings::only("OAS-009"));
        found
            .into_iter()
            .map(|d| {
                let file = sources.get(d.location.file);
                let name = Path::new(file.name())
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (name, file.line_col(d.location.span.start).line, d.message)
            })
            .collect()
    }

    fn lint(text: &str) -> Vec<(u32, String)> {
        lint_files(&[("openapi.yaml", text)])
            .into_iter()
            .map(|(_, line, message)| (line, message))
            .collect()
    }

    #[test]
    fn rule_examples() {
        let (bad, good) = InvalidExample::META.examples();
        let head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let bad = lint(&format!("{head}{}", bad.expect("bad example")));
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(lint(&format!("{head}{}", good.expect("good example"))).is_empty());
    }

    #[test]
    fn nullable_property_accepts_null_in_3_0() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        nickname:
          type: string
          nullable: true
          example: null
        kind:
          type: string
          enum: [cat, dog]
          nullable: true
          default: null
        owner:
          nullable: true
          allOf:
            - $ref: '#/components/schemas/Owner'
          example: null
        tag:
          nullable: true
          oneOf:
            - {type: string}
            - {type: integer}
          example: null
    Owner:
      type: object
      example: {name: x}
",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn null_is_still_refused_without_nullable() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Name:
      type: string
      example: null
",
        );
        assert_eq!(
            found,
            vec![(8, "`example` must be a string, found null".to_owned())]
        );
    }

    #[test]
    fn wrong_type_property_example_is_reported_on_its_line() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string, example: Rex}
        age:
          type: integer
          example: three
",
        );
        assert_eq!(
            found,
            vec![(
                12,
                "`example` must be an integer, found a string".to_owned()
            )]
        );
    }

    #[test]
    fn nested_error_names_the_member() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Person:
      type: object
      properties:
        age: {type: integer}
      example:
        age: '42'
",
        );
        assert_eq!(
            found,
            vec![(
                11,
                "`example` does not match its schema: `age` must be an integer, found a string"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn media_type_examples_with_ref_schema_missing_a_required_field() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
              examples:
                rex:
                  value: {name: Rex, age: 3}
                nameless:
                  value: {age: 3}
                shared:
                  $ref: '#/components/examples/Anonymous'
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer}
  examples:
    Anonymous:
      value:
        age: 1
",
        );
        assert_eq!(
            found,
            vec![
                (
                    17,
                    "example `nameless` does not match its schema: `name` is required".to_owned()
                ),
                (
                    31,
                    "example `shared` does not match its schema: `name` is required".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn recursive_schema_is_checked_without_hanging() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Node:
      type: object
      required: [value]
      properties:
        value: {type: integer}
        children:
          type: array
          items: {$ref: '#/components/schemas/Node'}
      example:
        value: 1
        children:
          - value: 2
            children: [{value: 3, children: []}]
    Tree:
      type: object
      properties:
        root: {$ref: '#/components/schemas/Node'}
      example:
        root: {value: 1, children: [{value: x}]}
",
        );
        assert_eq!(
            found,
            vec![(
                24,
                "`example` does not match its schema: `root.children.0.value` must be an integer, found a string"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn examples_list_of_3_1_schema() {
        let found = lint(
            "openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Size:
      type: [integer, 'null']
      minimum: 1
      examples: [1, null, 0, 5]
    Pet:
      type: object
      properties:
        size:
          $ref: '#/components/schemas/Size'
          examples: [big]
",
        );
        assert_eq!(
            found,
            vec![
                (
                    9,
                    "`examples[2]`: 0 is less than the minimum of 1".to_owned()
                ),
                (
                    15,
                    "`examples[0]` must be null or an integer, found a string".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn default_outside_enum() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - name: order
          in: query
          schema:
            type: string
            enum: [asc, desc]
            default: up
      responses:
        '200': {description: ok}
",
        );
        assert_eq!(
            found,
            vec![(
                12,
                "`default` must be one of `asc`, `desc`, found `up`".to_owned()
            )]
        );
    }

    #[test]
    fn parameter_and_header_examples() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema: {type: integer, minimum: 1}
        example: 0
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
        - name: filter
          in: query
          content:
            application/json:
              schema:
                type: object
                properties: {kind: {type: string}}
          examples:
            by-kind: {value: {kind: 3}}
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit:
              schema: {type: integer}
              example: lots
components:
  parameters:
    Limit:
      name: limit
      in: query
      schema: {type: integer, maximum: 100}
      examples:
        many: {value: 500}
        few: {value: 5}
",
        );
        assert_eq!(
            found,
            vec![
                (10, "`example`: 0 is less than the minimum of 1".to_owned()),
                (
                    22,
                    "example `by-kind` does not match its schema: `kind` must be a string, found an integer"
                        .to_owned()
                ),
                (29, "`example` must be an integer, found a string".to_owned()),
                (37, "example `many`: 500 is greater than the maximum of 100".to_owned()),
            ]
        );
    }

    #[test]
    fn read_only_and_write_only_are_not_constraints() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/User'}
            example: {name: ann, password: secret}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
              example: {id: 1, name: ann}
components:
  schemas:
    User:
      type: object
      additionalProperties: false
      required: [id, name, password]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
        password: {type: string, writeOnly: true, format: password}
",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn exclusive_minimum_is_read_as_3_0_boolean() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Price:
      type: number
      minimum: 0
      exclusiveMinimum: true
      example: 0
    Date:
      type: string
      format: date
      example: not a date
",
        );
        assert_eq!(
            found,
            vec![(
                10,
                "`example`: 0 is less than or equal to the minimum of 0".to_owned()
            )]
        );
    }

    #[test]
    fn refs_into_other_files_resolve() {
        let found = lint_files(&[
            (
                "openapi.yaml",
                "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas.yaml#/Pet'}
              example: {name: 7}
",
            ),
            (
                "schemas.yaml",
                "Pet:
  type: object
  properties:
    name: {$ref: '#/Name'}
Name:
  type: string
  example: 12
",
            ),
        ]);
        assert_eq!(
            found,
            vec![
                (
                    "openapi.yaml".to_owned(),
                    12,
                    "`example` does not match its schema: `name` must be a string, found an integer"
                        .to_owned()
                ),
                (
                    "schemas.yaml".to_owned(),
                    7,
                    "`example` must be a string, found an integer".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn broken_schemas_do_not_stop_the_others() {
        let found = lint(
            "openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Broken:
      type: strin
      pattern: '(['
      minLength: -1
      items: 5
      properties:
        a: {$ref: '#/components/schemas/Missing'}
      example: anything
    Dangling:
      $ref: '#/nowhere'
    UsesBroken:
      type: object
      properties:
        b: {$ref: '#/components/schemas/Broken'}
        c: {type: integer}
      example: {b: 1, c: x}
",
        );
        assert_eq!(
            found,
            vec![(
                21,
                "`example` does not match its schema: `c` must be an integer, found a string"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn a_ref_the_validator_cannot_follow_is_cut_out() {
        // `x-` extensions are left out of the shadow, so this `$ref` resolves in
        // the document but not for the validator.
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
x-defs:
  Foo: {type: string}
components:
  schemas:
    A:
      type: object
      properties:
        x: {$ref: '#/x-defs/Foo'}
        n: {type: integer}
      example: {x: 1, n: nope}
    B:
      type: integer
      example: b
",
        );
        assert_eq!(
            found,
            vec![
                (
                    13,
                    "`example` does not match its schema: `n` must be an integer, found a string"
                        .to_owned()
                ),
                (
                    16,
                    "`example` must be an integer, found a string".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn discriminated_one_of_accepts_overlapping_branches() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      oneOf:
        - {$ref: '#/components/schemas/Cat'}
        - {$ref: '#/components/schemas/Dog'}
      discriminator: {propertyName: kind}
      example: {kind: cat, name: Tom}
    Cat:
      type: object
      properties: {kind: {type: string}, name: {type: string}}
    Dog:
      type: object
      properties: {kind: {type: string}, name: {type: string}}
",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn serialised_string_examples_of_other_media_types_are_skipped() {
        let found = lint(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/xml:
              schema: {type: object, properties: {name: {type: string}}}
              example: '<pet><name>Rex</name></pet>'
",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn describe_speaks_of_the_value() {
        let f = |pointer: &str, message: &str| Finding {
            pointer: pointer.to_owned(),
            anchor: Anchor::Value,
            message: message.to_owned(),
        };
        let key = member_key(3);
        assert_eq!(
            describe(
                &f(
                    &format!("/{key}/a"),
                    &format!("`{key}.a` must be a string, found null")
                ),
                &key,
                "`example`"
            ),
            "`example` does not match its schema: `a` must be a string, found null"
        );
        assert_eq!(
            describe(
                &f(
                    &format!("/{key}/x"),
                    &format!("unknown field `x` in `{key}`")
                ),
                &key,
                "example `a`"
            ),
            "example `a` does not match its schema: unknown field `x`"
        );
        assert_eq!(
            describe(
                &f(
                    &format!("/{key}"),
                    &format!("`{key}` must be one of `1`, found `2`")
                ),
                &key,
                "`default`"
            ),
            "`default` must be one of `1`, found `2`"
        );
    }

    #[test]
    fn fragments_are_percent_encoded() {
        assert_eq!(fragment("/paths/~1a~1{id}/get"), "/paths/~1a~1%7Bid%7D/get");
        assert_eq!(fragment("/x/é"), "/x/%C3%A9");
    }
}
