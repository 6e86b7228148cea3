//! Request validation against the OpenAPI schemas of the API: RULEBOOK
//! §3.4.2 (all violations, detail codes, API-spelling targets) and §3.13
//! (SEC-006 whitelist validation).
//!
//! The generated server embeds one document `{"$defs": {"<key>": <schema>}}`
//! holding every schema of the API as written (OpenAPI 3.0 or 3.1 dialect),
//! with every `$ref` rewritten to `#/$defs/<key>`. [`Schemas`] is built from
//! it once at startup (regular expressions are compiled there) and then
//! validates request bodies and parameters, collecting every violation.
//!
//! Unknown properties: an object schema closes the object unless it
//! explicitly allows more (`additionalProperties` or `unevaluatedProperties`
//! `true` or a schema): an omitted `additionalProperties` counts as `false`
//! (§3.13). Properties declared anywhere in the composition of the value's
//! schema (`$ref`, `allOf`, and the matching `anyOf`/`oneOf` branches) are
//! known, so `allOf` extension works with closed objects.
//!
//! Not supported (accepted): `if`/`then`/`else` with `dependentSchemas`,
//! `contains`, `propertyNames`, `unevaluatedItems`, `$dynamicRef`, and refs
//! that are not local to the document.

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::error::codes;
use super::validation::{
    JsonType, NumberBounds, Violations, check_integer, check_items, check_length, check_number,
    check_required, check_unique_keys, field_target, index_target,
};

/// Schema recursion deeper than this (value nesting plus `$ref`/composition
/// steps) is reported instead of followed.
const MAX_DEPTH: usize = 256;
/// Schema/value visits per validation; beyond it the value is reported as too
/// complex (guards against exponential `anyOf` nesting).
const MAX_STEPS: usize = 1_000_000;
/// `$ref` chains followed when reading a schema's type statically.
const MAX_REF_CHAIN: usize = 32;
/// `enum` values listed in a message.
const MAX_LISTED: usize = 20;

/// The schemas of an API, with their regular expressions compiled.
#[derive(Debug, Default)]
pub struct Schemas {
    document: Value,
    /// Pattern source → compiled regex (`None`: not supported, skipped).
    patterns: RwLock<HashMap<String, Option<Regex>>>,
}

impl Schemas {
    /// Reads `{"$defs": {...}}`. Never panics: a document without `$defs`
    /// gives an empty set, invalid regular expressions are skipped and
    /// unknown keywords ignored.
    pub fn new(document: Value) -> Self {
        let document = match document {
            Value::Object(mut m) => match m.remove("$defs") {
                Some(defs @ Value::Object(_)) => {
                    let mut root = Map::new();
                    root.insert("$defs".to_owned(), defs);
                    Value::Object(root)
                }
                _ => Value::Object(Map::new()),
            },
            _ => Value::Object(Map::new()),
        };
        let mut sources = Vec::new();
        collect_patterns(&document, &mut sources, 0);
        let patterns = sources
            .into_iter()
            .map(|p| {
                let re = compile_ecma(&p);
                (p, re)
            })
            .collect();
        Schemas {
            document,
            patterns: RwLock::new(patterns),
        }
    }

    /// [`Schemas::new`] from JSON text; malformed text gives an empty set.
    pub fn from_json(text: &str) -> Self {
        Self::new(serde_json::from_str(text).unwrap_or(Value::Null))
    }

    /// The schema stored under `$defs/<key>`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.document.get("$defs")?.get(key)
    }

    /// Compiles the patterns of a schema that is not part of the document
    /// (an inline parameter schema), so that no request pays for it.
    /// Validation compiles and caches unknown patterns itself otherwise.
    pub fn prepare(&self, schema: &Value) {
        let mut sources = Vec::new();
        collect_patterns(schema, &mut sources, 0);
        for p in sources {
            self.with_regex(&p, |_| ());
        }
    }

    /// Validates a parameter value (or any value named `target`): nested
    /// values are reported as `target.name` and `target[2]`, the value itself
    /// as `target`. Appends every violation to `violations`.
    pub fn validate(
        &self,
        schema: &Value,
        value: &Value,
        target: &str,
        violations: &mut Violations,
    ) {
        self.run(schema, value, target, target, violations);
    }

    /// Validates a request body: properties are reported in API spelling
    /// from the top (`price.amount`, `authors[2]`), a violation of the whole
    /// body as `root_target` (e.g. `body` or the resource name).
    pub fn validate_body(
        &self,
        schema: &Value,
        value: &Value,
        root_target: &str,
        violations: &mut Violations,
    ) {
        self.run(schema, value, "", root_target, violations);
    }

    fn run(
        &self,
        schema: &Value,
        value: &Value,
        prefix: &str,
        root_target: &str,
        violations: &mut Violations,
    ) {
        let mut run = Run {
            schemas: self,
            steps: 0,
            active: Vec::new(),
        };
        let mut found = Violations::new();
        run.instance(schema, value, prefix, 0, &mut found);
        if run.steps > MAX_STEPS {
            found.push(prefix, codes::MALFORMED_VALUE, "is too complex to validate");
        }
        for v in found.as_slice() {
            // The root itself, or an item of a root array, takes the root's
            // name.
            let target = if v.target.is_empty() {
                root_target.to_owned()
            } else if v.target.starts_with('[') {
                format!("{root_target}{}", v.target)
            } else {
                v.target.clone()
            };
            let message = if target.is_empty() {
                v.message.clone()
            } else {
                format!("{target} {}", v.message)
            };
            violations.push(&target, &v.code, message);
        }
    }

    /// Follows `$ref`s (a bounded chain) to the schema that says what the
    /// value is; unknown refs stop at the referring schema.
    pub fn resolve<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..MAX_REF_CHAIN {
            match schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.lookup(r))
            {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// The value type a schema describes, for reading parameters: `type` (a
    /// string, or the first non-null entry of a 3.1 array), found through
    /// `$ref` and the branches of `allOf`/`anyOf`/`oneOf`, with whether
    /// `null` is allowed and the schema object that carries the type.
    pub fn primitive<'a>(&'a self, schema: &'a Value) -> Option<Primitive<'a>> {
        self.primitive_at(schema, 0)
    }

    fn primitive_at<'a>(&'a self, schema: &'a Value, depth: usize) -> Option<Primitive<'a>> {
        if depth > MAX_REF_CHAIN {
            return None;
        }
        let map = self.resolve(schema).as_object()?;
        let mut nullable = map.get("nullable") == Some(&Value::Bool(true));
        let mut found = None;
        match map.get("type") {
            Some(Value::String(t)) if t == "null" => nullable = true,
            Some(Value::String(t)) => found = Some(t.as_str()),
            Some(Value::Array(ts)) => {
                for t in ts.iter().filter_map(Value::as_str) {
                    if t == "null" {
                        nullable = true;
                    } else if found.is_none() {
                        found = Some(t);
                    }
                }
            }
            _ => {}
        }
        if let Some(ty) = found {
            return Some(Primitive {
                ty,
                nullable,
                schema: map,
            });
        }
        // The first branch with a type gives it; any branch may allow null.
        let mut first: Option<Primitive<'a>> = None;
        for key in ["allOf", "anyOf", "oneOf"] {
            for branch in map.get(key).and_then(Value::as_array).into_iter().flatten() {
                match self.primitive_at(branch, depth + 1) {
                    Some(p) => {
                        nullable |= p.nullable;
                        first = first.or(Some(p));
                    }
                    None => {
                        if let Some(b) = self.resolve(branch).as_object()
                            && allows_null(b)
                        {
                            nullable = true;
                        }
                    }
                }
            }
        }
        first.map(|p| Primitive { nullable, ..p })
    }

    /// The schema of property `name` of an object schema, found through
    /// `$ref`, `properties`, the composition branches and
    /// `additionalProperties`.
    pub fn property<'a>(&'a self, schema: &'a Value, name: &str) -> Option<&'a Value> {
        self.property_at(schema, name, 0)
    }

    fn property_at<'a>(&'a self, schema: &'a Value, name: &str, depth: usize) -> Option<&'a Value> {
        if depth > MAX_REF_CHAIN {
            return None;
        }
        let map = self.resolve(schema).as_object()?;
        if let Some(p) = map.get("properties").and_then(|p| p.get(name)) {
            return Some(p);
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for branch in map.get(key).and_then(Value::as_array).into_iter().flatten() {
                if let Some(p) = self.property_at(branch, name, depth + 1) {
                    return Some(p);
                }
            }
        }
        map.get("additionalProperties").filter(|a| a.is_object())
    }

    /// Resolves a local ref: a JSON pointer into the document
    /// (`#/$defs/Book`), else its last segment as a `$defs` key (a
    /// discriminator mapping may say `Book` or `#/components/schemas/Book`).
    fn lookup(&self, reference: &str) -> Option<&Value> {
        if let Some(pointer) = reference.strip_prefix('#')
            && let Some(v) = self.document.pointer(pointer)
        {
            return Some(v);
        }
        self.get(&ref_name(reference))
    }

    /// Runs `f` with the compiled pattern (compiling and caching it on first
    /// use); `None` when the pattern is not supported.
    fn with_regex<R>(&self, pattern: &str, f: impl FnOnce(Option<&Regex>) -> R) -> R {
        {
            let cache = self.patterns.read().unwrap_or_else(|e| e.into_inner());
            if let Some(re) = cache.get(pattern) {
                return f(re.as_ref());
            }
        }
        let re = compile_ecma(pattern);
        let out = f(re.as_ref());
        self.patterns
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(pattern.to_owned(), re);
        out
    }
}

/// What a schema says about a parameter's type (see [`Schemas::primitive`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Primitive<'a> {
    /// `integer`, `number`, `boolean`, `string`, `array`, `object`, or
    /// whatever else the schema says.
    pub ty: &'a str,
    /// Whether `null` is allowed.
    pub nullable: bool,
    /// The schema object that carries `type` (its `items`, `properties`).
    pub schema: &'a Map<String, Value>,
}

/// The `$defs` key a ref names: its last segment, JSON-pointer unescaped.
fn ref_name(reference: &str) -> String {
    reference
        .rsplit('/')
        .next()
        .unwrap_or(reference)
        .replace("~1", "/")
        .replace("~0", "~")
}

/// Every `pattern` string and `patternProperties` key in a document.
fn collect_patterns(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(m) => {
            if let Some(Value::String(p)) = m.get("pattern") {
                out.push(p.clone());
            }
            if let Some(Value::Object(pp)) = m.get("patternProperties") {
                out.extend(pp.keys().cloned());
            }
            for v in m.values() {
                collect_patterns(v, out, depth + 1);
            }
        }
        Value::Array(a) => {
            for v in a {
                collect_patterns(v, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Compiles an ECMA-262 pattern with the `regex` crate (unanchored search).
/// `\d`, `\w` and `\b` keep their ASCII meaning; features the crate lacks
/// (look-around, back-references) give `None`, and the pattern is skipped.
pub fn compile_ecma(pattern: &str) -> Option<Regex> {
    Regex::new(&translate_ecma(pattern)?).ok()
}

fn translate_ecma(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let e = chars.next()?;
                match (e, in_class) {
                    ('d', false) => out.push_str("[0-9]"),
                    ('d', true) => out.push_str("0-9"),
                    ('D', _) => out.push_str("[^0-9]"),
                    ('w', false) => out.push_str("[0-9A-Za-z_]"),
                    ('w', true) => out.push_str("0-9A-Za-z_"),
                    ('W', _) => out.push_str("[^0-9A-Za-z_]"),
                    ('b', false) => out.push_str("(?-u:\\b)"),
                    ('B', false) => out.push_str("(?-u:\\B)"),
                    ('b', true) => out.push_str("\\x08"),
                    ('0', _) => out.push_str("\\x00"),
                    ('1'..='9', _) => return None,
                    ('u', _) => {
                        if chars.peek() == Some(&'{') {
                            out.push_str("\\x");
                        } else {
                            let hex: String = chars.by_ref().take(4).collect();
                            if hex.len() != 4 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                                return None;
                            }
                            out.push_str("\\x{");
                            out.push_str(&hex);
                            out.push('}');
                        }
                    }
                    ('c', _) => {
                        let l = chars.next().filter(char::is_ascii_alphabetic)?;
                        out.push_str(&format!("\\x{:02X}", (l as u32) % 32));
                    }
                    (e, _) if e.is_ascii_alphanumeric() => {
                        out.push('\\');
                        out.push(e);
                    }
                    (e, _) => {
                        // An identity escape: quote it if it is special.
                        out.push_str(&regex::escape(e.encode_utf8(&mut [0; 4])));
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
                if chars.peek() == Some(&']') {
                    // `[]` matches nothing, `[^]` anything in ECMA-262.
                    return None;
                }
            }
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

/// Property names a schema declares for the object it describes, read
/// without the value: `properties` and `patternProperties` through `$ref`
/// and `allOf` (not the `anyOf`/`oneOf` branches), and whether it allows
/// other properties.
#[derive(Debug, Clone, Default)]
struct Known<'s> {
    names: HashSet<&'s str>,
    patterns: Vec<&'s str>,
    open: bool,
}

/// What checking one value against one schema found, besides violations.
#[derive(Debug)]
struct Outcome<'v> {
    /// Properties of the value that some schema evaluated.
    names: HashSet<&'v str>,
    /// Some schema allowed properties it does not name.
    open: bool,
    /// Some schema described an object (its properties are then closed).
    described: bool,
    /// The value had the schema's type (keywords were checked).
    type_ok: bool,
}

impl Default for Outcome<'_> {
    fn default() -> Self {
        Outcome {
            names: HashSet::new(),
            open: false,
            described: false,
            type_ok: true,
        }
    }
}

impl<'v> Outcome<'v> {
    fn merge(&mut self, other: Outcome<'v>) {
        self.names.extend(other.names);
        self.open |= other.open;
        self.described |= other.described;
        self.type_ok &= other.type_ok;
    }
}

struct Run<'s> {
    schemas: &'s Schemas,
    steps: usize,
    /// `(schema, value)` addresses of the `$ref`s being followed, to stop
    /// cycles that consume no data.
    active: Vec<(usize, usize)>,
}

impl<'s> Run<'s> {
    /// Checks a value as a whole (a body, a property, an item), then
    /// reports its properties that no schema knows (§3.13).
    fn instance<'v>(
        &mut self,
        schema: &'s Value,
        value: &'v Value,
        path: &str,
        depth: usize,
        out: &mut Violations,
    ) -> Outcome<'v> {
        let mut known = Known::default();
        if value.is_object() {
            self.collect_known(schema, &mut known, 0);
        }
        let outcome = self.check(schema, value, path, &known, depth, out);
        if let Value::Object(obj) = value
            && outcome.described
            && outcome.type_ok
            && !outcome.open
        {
            for key in obj.keys() {
                if !outcome.names.contains(key.as_str()) {
                    out.push(
                        &field_target(path, key),
                        codes::UNKNOWN_FIELD,
                        "is not a known property",
                    );
                }
            }
        }
        outcome
    }

    fn collect_known(&self, schema: &'s Value, known: &mut Known<'s>, depth: usize) {
        if depth > MAX_REF_CHAIN {
            return;
        }
        let Some(map) = schema.as_object() else {
            return;
        };
        if let Some(Value::Object(props)) = map.get("properties") {
            known.names.extend(props.keys().map(String::as_str));
        }
        if let Some(Value::Object(pp)) = map.get("patternProperties") {
            known.patterns.extend(pp.keys().map(String::as_str));
        }
        for key in ["additionalProperties", "unevaluatedProperties"] {
            if map.get(key).is_some_and(|a| a != &Value::Bool(false)) {
                known.open = true;
            }
        }
        if let Some(target) = map
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| self.schemas.lookup(r))
        {
            self.collect_known(target, known, depth + 1);
        }
        for branch in map
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.collect_known(branch, known, depth + 1);
        }
    }

    fn check<'v>(
        &mut self,
        schema: &'s Value,
        value: &'v Value,
        path: &str,
        known: &Known<'s>,
        depth: usize,
        out: &mut Violations,
    ) -> Outcome<'v> {
        let mut outcome = Outcome::default();
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return outcome;
        }
        if depth > MAX_DEPTH {
            out.push(path, codes::MALFORMED_VALUE, "is nested too deeply");
            outcome.type_ok = false;
            return outcome;
        }
        let map = match schema {
            Value::Object(m) => m,
            Value::Bool(false) => {
                out.push(path, codes::INVALID_VALUE, "is not allowed");
                return outcome;
            }
            _ => return outcome,
        };

        // Type: null first (3.0 `nullable`, 3.1 `"null"`), then the others.
        let types = types_of(map);
        if value.is_null() && allows_null(map) {
            return outcome;
        }
        if let Some(types) = &types {
            if types.contains(&"object") {
                outcome.described = true;
            }
            if !type_matches(types, value) {
                push_type(out, path, value, types);
                outcome.type_ok = false;
                return outcome;
            }
        }

        if let Some(r) = map.get("$ref").and_then(Value::as_str) {
            let sub = self.check_ref(r, value, path, known, depth, out);
            let stop = !sub.type_ok;
            outcome.merge(sub);
            if stop {
                return outcome;
            }
        }

        if let Some(allowed) = map.get("enum").and_then(Value::as_array)
            && !allowed.iter().any(|a| json_eq(a, value))
        {
            out.push(
                path,
                codes::INVALID_VALUE,
                format!("must be one of: {}", list_values(allowed)),
            );
        }
        if let Some(c) = map.get("const")
            && !json_eq(c, value)
        {
            out.push(
                path,
                codes::INVALID_VALUE,
                format!("must be {}", show_value(c)),
            );
        }

        match value {
            Value::Number(_) => check_numeric(map, value, path, out),
            Value::String(s) => self.check_string(map, s, path, out),
            Value::Array(items) => self.check_array(map, items, path, depth, out),
            Value::Object(obj) => self.check_object(map, obj, path, depth, &mut outcome, out),
            _ => {}
        }

        for branch in map
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let sub = self.check(branch, value, path, known, depth + 1, out);
            outcome.merge(sub);
        }
        if let Some(branches) = map.get("oneOf").and_then(Value::as_array) {
            let sub = self.check_branches(map, branches, true, value, path, known, depth, out);
            outcome.merge(sub);
        }
        if let Some(branches) = map.get("anyOf").and_then(Value::as_array) {
            let sub = self.check_branches(map, branches, false, value, path, known, depth, out);
            outcome.merge(sub);
        }
        if let Some(not) = map.get("not") {
            let mut scratch = Violations::new();
            self.check(not, value, path, &Known::default(), depth + 1, &mut scratch);
            if scratch.is_empty() {
                out.push(path, codes::INVALID_VALUE, "is not allowed here");
            }
        }
        if let Some(cond) = map.get("if") {
            let mut scratch = Violations::new();
            self.check(
                cond,
                value,
                path,
                &Known::default(),
                depth + 1,
                &mut scratch,
            );
            let next = if scratch.is_empty() {
                map.get("then")
            } else {
                map.get("else")
            };
            if let Some(next) = next {
                let sub = self.check(next, value, path, known, depth + 1, out);
                outcome.merge(sub);
            }
        }

        // `unevaluatedProperties` with a schema: the properties nothing else
        // evaluated must match it.
        if let (Some(extra), Value::Object(obj)) = (map.get("unevaluatedProperties"), value)
            && extra != &Value::Bool(false)
        {
            outcome.open = true;
            if extra.is_object() {
                for (key, v) in obj {
                    if !outcome.names.contains(key.as_str()) {
                        self.instance(extra, v, &field_target(path, key), depth + 1, out);
                    }
                }
            }
        }
        outcome
    }

    fn check_ref<'v>(
        &mut self,
        reference: &str,
        value: &'v Value,
        path: &str,
        known: &Known<'s>,
        depth: usize,
        out: &mut Violations,
    ) -> Outcome<'v> {
        let Some(target) = self.schemas.lookup(reference) else {
            return Outcome::default();
        };
        let key = (
            target as *const Value as usize,
            value as *const Value as usize,
        );
        if self.active.contains(&key) {
            return Outcome::default();
        }
        self.active.push(key);
        let outcome = self.check(target, value, path, known, depth + 1, out);
        self.active.pop();
        outcome
    }

    fn check_string(&self, map: &Map<String, Value>, s: &str, path: &str, out: &mut Violations) {
        let min = map.get("minLength").and_then(as_usize);
        let max = map.get("maxLength").and_then(as_usize);
        check_length(out, path, s, min, max);
        if let Some(Value::String(p)) = map.get("pattern") {
            let matched = self
                .schemas
                .with_regex(p, |re| re.is_none_or(|re| re.is_match(s)));
            if !matched {
                out.push(
                    path,
                    codes::MALFORMED_VALUE,
                    format!("must match the pattern {p}"),
                );
            }
        }
        if let Some(Value::String(format)) = map.get("format")
            && let Some(expected) = check_format(format, s)
        {
            out.push(path, codes::MALFORMED_VALUE, format!("must be {expected}"));
        }
    }

    fn check_array(
        &mut self,
        map: &'s Map<String, Value>,
        items: &[Value],
        path: &str,
        depth: usize,
        out: &mut Violations,
    ) {
        check_items(
            out,
            path,
            items.len(),
            map.get("minItems").and_then(as_usize),
            map.get("maxItems").and_then(as_usize),
        );
        if map.get("uniqueItems") == Some(&Value::Bool(true)) {
            check_unique_keys(out, path, items.iter().map(canonical));
        }
        // `prefixItems` (3.1), or `items` as an array (older drafts).
        let prefix = match (map.get("prefixItems"), map.get("items")) {
            (Some(Value::Array(p)), _) | (None, Some(Value::Array(p))) => p.as_slice(),
            _ => &[],
        };
        for (i, item) in items.iter().enumerate() {
            let schema = match prefix.get(i) {
                Some(s) => Some(s),
                None => map.get("items").filter(|s| !s.is_array()),
            };
            if let Some(schema) = schema {
                self.instance(schema, item, &index_target(path, i), depth + 1, out);
            }
        }
    }

    fn check_object<'v>(
        &mut self,
        map: &'s Map<String, Value>,
        obj: &'v Map<String, Value>,
        path: &str,
        depth: usize,
        outcome: &mut Outcome<'v>,
        out: &mut Violations,
    ) {
        let props = map.get("properties").and_then(Value::as_object);
        let pattern_props = map.get("patternProperties").and_then(Value::as_object);
        if props.is_some()
            || pattern_props.is_some()
            || map.contains_key("required")
            || map.contains_key("additionalProperties")
            || map.get("unevaluatedProperties") == Some(&Value::Bool(false))
        {
            outcome.described = true;
        }

        if let Some(required) = map.get("required").and_then(Value::as_array) {
            let names: Vec<&str> = required
                .iter()
                .filter_map(Value::as_str)
                .filter(|name| {
                    !props
                        .and_then(|p| p.get(*name))
                        .is_some_and(|s| self.read_only(s))
                })
                .collect();
            check_required(out, path, obj, &names);
        }
        let count = obj.len();
        if let Some(min) = map.get("minProperties").and_then(as_usize)
            && count < min
        {
            out.push(
                path,
                codes::OUT_OF_RANGE,
                format!("must have at least {min} properties"),
            );
        }
        if let Some(max) = map.get("maxProperties").and_then(as_usize)
            && count > max
        {
            out.push(
                path,
                codes::OUT_OF_RANGE,
                format!("must have at most {max} properties"),
            );
        }

        let additional = map.get("additionalProperties");
        if additional.is_some_and(|a| a != &Value::Bool(false)) {
            outcome.open = true;
        }
        for (key, v) in obj {
            let target = field_target(path, key);
            let mut matched = false;
            if let Some(schema) = props.and_then(|p| p.get(key)) {
                matched = true;
                self.instance(schema, v, &target, depth + 1, out);
            }
            for (pattern, schema) in pattern_props.into_iter().flatten() {
                if self
                    .schemas
                    .with_regex(pattern, |re| re.is_some_and(|re| re.is_match(key)))
                {
                    matched = true;
                    self.instance(schema, v, &target, depth + 1, out);
                }
            }
            if matched {
                outcome.names.insert(key.as_str());
            } else if let Some(schema) = additional.filter(|a| a.is_object()) {
                outcome.names.insert(key.as_str());
                self.instance(schema, v, &target, depth + 1, out);
            }
        }
    }

    /// Properties of `value` that neither the instance's declared names nor
    /// the branch evaluated, when the branch describes a closed object.
    fn unknown_count(&self, known: &Known<'_>, sub: &Outcome<'_>, value: &Value) -> usize {
        let Value::Object(obj) = value else {
            return 0;
        };
        if !sub.described || sub.open || known.open {
            return 0;
        }
        obj.keys()
            .filter(|k| {
                !sub.names.contains(k.as_str())
                    && !known.names.contains(k.as_str())
                    && !known.patterns.iter().any(|p| {
                        self.schemas
                            .with_regex(p, |re| re.is_some_and(|re| re.is_match(k)))
                    })
            })
            .count()
    }

    /// Whether a property schema (through `$ref`s) is `readOnly`.
    fn read_only(&self, schema: &Value) -> bool {
        let mut schema = schema;
        for _ in 0..MAX_REF_CHAIN {
            if schema.get("readOnly") == Some(&Value::Bool(true)) {
                return true;
            }
            match schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.schemas.lookup(r))
            {
                Some(next) => schema = next,
                None => return false,
            }
        }
        false
    }

    /// `oneOf` (`exactly_one`) or `anyOf`, with a `discriminator` choosing
    /// the branch when the schema has one.
    #[allow(clippy::too_many_arguments)]
    fn check_branches<'v>(
        &mut self,
        map: &'s Map<String, Value>,
        branches: &'s [Value],
        exactly_one: bool,
        value: &'v Value,
        path: &str,
        known: &Known<'s>,
        depth: usize,
        out: &mut Violations,
    ) -> Outcome<'v> {
        if let (Some(disc), Value::Object(obj)) = (map.get("discriminator"), value)
            && let Some(prop) = disc.get("propertyName").and_then(Value::as_str)
        {
            return self
                .check_discriminated(disc, prop, branches, obj, value, path, known, depth, out);
        }

        let mut valid = 0;
        let mut outcome = Outcome::default();
        // The failing branch closest to the value: right type first, then
        // fewest violations.
        let mut best: Option<((bool, usize), Violations, Outcome<'v>)> = None;
        for branch in branches {
            let mut inner = known.clone();
            self.collect_known(branch, &mut inner, 0);
            let mut found = Violations::new();
            let sub = self.check(branch, value, path, &inner, depth + 1, &mut found);
            let unknown = self.unknown_count(&inner, &sub, value);
            if found.is_empty() && unknown == 0 {
                valid += 1;
                if valid == 1 || !exactly_one {
                    outcome.merge(sub);
                }
            } else {
                let rank = (!sub.type_ok, found.len() + unknown);
                if best.as_ref().is_none_or(|(r, _, _)| rank < *r) {
                    best = Some((rank, found, sub));
                }
            }
        }
        if valid > 1 && exactly_one {
            out.push(
                path,
                codes::INVALID_VALUE,
                "matches more than one of the allowed schemas",
            );
        }
        if valid > 0 {
            return outcome;
        }
        match best {
            Some(((false, _), found, sub)) => {
                out.extend(found);
                sub
            }
            Some(((true, _), _, _)) => {
                let mut types = Vec::new();
                for branch in branches {
                    if let Some(ts) = self.schemas.resolve(branch).as_object().and_then(types_of) {
                        for t in ts {
                            if !types.contains(&t) {
                                types.push(t);
                            }
                        }
                    }
                }
                push_type(out, path, value, &types);
                Outcome {
                    type_ok: false,
                    ..Outcome::default()
                }
            }
            None => Outcome::default(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_discriminated<'v>(
        &mut self,
        disc: &'s Value,
        prop: &str,
        branches: &'s [Value],
        obj: &'v Map<String, Value>,
        value: &'v Value,
        path: &str,
        known: &Known<'s>,
        depth: usize,
        out: &mut Violations,
    ) -> Outcome<'v> {
        let target = field_target(path, prop);
        let mapping = disc.get("mapping").and_then(Value::as_object);
        // Allowed names: the mapping's keys, then the `$defs` keys of the
        // branches (implicit mapping).
        let mut choices: Vec<(String, &'s str)> = Vec::new();
        for (name, r) in mapping.into_iter().flatten() {
            if let Some(r) = r.as_str() {
                choices.push((name.clone(), r));
            }
        }
        for branch in branches {
            if let Some(r) = branch.get("$ref").and_then(Value::as_str) {
                let name = ref_name(r);
                if !choices.iter().any(|(n, _)| *n == name) {
                    choices.push((name, r));
                }
            }
        }
        let mut outcome = Outcome {
            described: true,
            ..Outcome::default()
        };
        if obj.contains_key(prop) {
            outcome.names.insert(prop_key(obj, prop));
        }
        let tag = match obj.get(prop) {
            None | Some(Value::Null) => {
                out.push(&target, codes::NULL_VALUE, "is required");
                return outcome;
            }
            Some(Value::String(s)) => s,
            Some(_) => {
                out.push(&target, codes::MALFORMED_VALUE, "must be a string");
                return outcome;
            }
        };
        match choices.iter().find(|(n, _)| n == tag) {
            Some((_, r)) => {
                let r = *r;
                let mut inner = known.clone();
                if let Some(s) = self.schemas.lookup(r) {
                    self.collect_known(s, &mut inner, 0);
                }
                let sub = self.check_ref(r, value, path, &inner, depth, out);
                outcome.merge(sub);
            }
            None => {
                let names: Vec<Value> =
                    choices.into_iter().map(|(n, _)| Value::String(n)).collect();
                out.push(
                    &target,
                    codes::INVALID_VALUE,
                    format!("must be one of: {}", list_values(&names)),
                );
            }
        }
        outcome
    }
}

/// The key of `obj` equal to `prop`, borrowed from the value.
fn prop_key<'v>(obj: &'v Map<String, Value>, prop: &str) -> &'v str {
    obj.keys()
        .find(|k| k.as_str() == prop)
        .map_or("", String::as_str)
}

fn types_of(map: &Map<String, Value>) -> Option<Vec<&str>> {
    match map.get("type")? {
        Value::String(t) => Some(vec![t.as_str()]),
        Value::Array(ts) => Some(ts.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

fn allows_null(map: &Map<String, Value>) -> bool {
    map.get("nullable") == Some(&Value::Bool(true))
        || types_of(map).is_some_and(|ts| ts.contains(&"null"))
}

/// Whether `value` has one of `types`; unknown type names match anything.
fn type_matches(types: &[&str], value: &Value) -> bool {
    types.iter().any(|t| match JsonType::parse(t) {
        Some(jt) => jt.matches(value),
        None => *t != "null",
    })
}

/// A type mismatch: `NullValue` for `null`, else `MalformedValue`.
fn push_type(out: &mut Violations, path: &str, value: &Value, types: &[&str]) {
    if value.is_null() {
        out.push(path, codes::NULL_VALUE, "must not be null");
        return;
    }
    let names: Vec<&str> = types
        .iter()
        .filter_map(|t| JsonType::parse(t).map(JsonType::name))
        .collect();
    let message = match names.as_slice() {
        [] => "does not match any of the allowed schemas".to_owned(),
        [one] => format!("must be {one}"),
        [init @ .., last] => format!("must be {} or {last}", init.join(", ")),
    };
    out.push(path, codes::MALFORMED_VALUE, message);
}

fn as_usize(v: &Value) -> Option<usize> {
    v.as_u64()
        .or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// Number keywords: bounds in both dialects, `multipleOf` (exact for
/// integers), and the `int32`/`int64` formats.
fn check_numeric(map: &Map<String, Value>, value: &Value, path: &str, out: &mut Violations) {
    let Some(f) = value.as_f64() else {
        return;
    };
    let num = |k: &str| map.get(k).and_then(Value::as_f64);
    let mut bounds = NumberBounds {
        minimum: num("minimum"),
        maximum: num("maximum"),
        exclusive_minimum: num("exclusiveMinimum"),
        exclusive_maximum: num("exclusiveMaximum"),
        multiple_of: num("multipleOf").filter(|m| *m > 0.0),
    };
    // OpenAPI 3.0: boolean modifiers of minimum/maximum.
    if map.get("exclusiveMinimum") == Some(&Value::Bool(true)) {
        bounds.exclusive_minimum = bounds.minimum.take();
    }
    if map.get("exclusiveMaximum") == Some(&Value::Bool(true)) {
        bounds.exclusive_maximum = bounds.maximum.take();
    }
    let exact = match (value.as_i64(), bounds.multiple_of) {
        (Some(i), Some(m)) if m.fract() == 0.0 && m < 9.2e18 => Some((i, m as i64)),
        _ => None,
    };
    if exact.is_some() {
        bounds.multiple_of = None;
    }
    let before = out.len();
    check_number(out, path, f, &bounds);
    if let Some((i, m)) = exact
        && out.len() == before
    {
        check_integer(out, path, i, None, None, Some(m));
    }
    let range = match map.get("format").and_then(Value::as_str) {
        Some("int32") => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
        Some("int64") => Some((i64::MIN, i64::MAX)),
        _ => None,
    };
    if let Some((lo, hi)) = range {
        let inside = match value.as_i64() {
            Some(i) => (lo..=hi).contains(&i),
            None => value.is_f64() && f >= lo as f64 && f <= hi as f64,
        };
        if !inside {
            out.push(
                path,
                codes::OUT_OF_RANGE,
                format!("must be between {lo} and {hi}"),
            );
        }
    }
}

/// `format` on strings: what the value must be, or `None` when it conforms
/// (or the format is not checked).
fn check_format(format: &str, s: &str) -> Option<&'static str> {
    let ok = match format {
        "date" => is_date(s),
        "date-time" => is_date_time(s),
        "time" => is_time(s),
        "uuid" => is_uuid(s),
        "email" => is_email(s),
        "uri" => is_uri(s),
        "ipv4" => s.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => s.parse::<std::net::Ipv6Addr>().is_ok(),
        _ => return None,
    };
    if ok {
        return None;
    }
    Some(match format {
        "date" => "a date (YYYY-MM-DD)",
        "date-time" => "a date-time (RFC 3339)",
        "time" => "a time (RFC 3339)",
        "uuid" => "a UUID",
        "email" => "an email address",
        "uri" => "an absolute URI",
        "ipv4" => "an IPv4 address",
        _ => "an IPv6 address",
    })
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(&s[0..4]), digits(&s[5..7]), digits(&s[8..10]))
    else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|±HH:MM)`.
fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(sec)) = (digits(&s[0..2]), digits(&s[3..5]), digits(&s[6..8]))
    else {
        return false;
    };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    let mut rest = &s[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        "Z" | "z" => true,
        _ => {
            let r = rest.as_bytes();
            r.len() == 6
                && (r[0] == b'+' || r[0] == b'-')
                && r[3] == b':'
                && digits(&rest[1..3]).is_some_and(|h| h <= 23)
                && digits(&rest[4..6]).is_some_and(|m| m <= 59)
        }
    }
}

fn is_date_time(s: &str) -> bool {
    s.len() > 11
        && s.is_char_boundary(10)
        && is_date(&s[..10])
        && matches!(s.as_bytes()[10], b'T' | b't')
        && s.is_char_boundary(11)
        && is_time(&s[11..])
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Loose: `local@domain`, both non-empty, no spaces or controls.
fn is_email(s: &str) -> bool {
    match s.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// An absolute URI: a scheme (`ALPHA *(ALPHA / DIGIT / + / - / .)`), `:`,
/// and no spaces or controls.
fn is_uri(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut sc = scheme.chars();
    sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(i), Some(j), _, _) => i == j,
                (_, _, Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// A canonical text of a value (sorted keys, numbers by value) for
/// `uniqueItems`.
fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (_, Some(u), _) => out.push_str(&u.to_string()),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 9.2e18 => {
                out.push_str(&(f as i64).to_string());
            }
            _ => out.push_str(&n.to_string()),
        },
        Value::Array(items) => {
            out.push('[');
            for item in items {
                write_canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for k in keys {
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(v) = m.get(k) {
                    write_canonical(v, out);
                }
                out.push(',');
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn show_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn list_values(values: &[Value]) -> String {
    let mut shown: Vec<String> = values.iter().take(MAX_LISTED).map(show_value).collect();
    if values.len() > MAX_LISTED {
        shown.push("…".to_owned());
    }
    shown.join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `(target, code, message)` of each violation of a body.
    fn body(defs: Value, schema: Value, value: Value) -> Vec<(String, String, String)> {
        let schemas = Schemas::new(json!({ "$defs": defs }));
        let mut v = Violations::new();
        schemas.validate_body(&schema, &value, "body", &mut v);
        triples(&v)
    }

    fn triples(v: &Violations) -> Vec<(String, String, String)> {
        v.as_slice()
            .iter()
            .map(|x| (x.target.clone(), x.code.clone(), x.message.clone()))
            .collect()
    }

    /// Just `(target, code)`.
    fn codes_of(defs: Value, schema: Value, value: Value) -> Vec<(String, String)> {
        body(defs, schema, value)
            .into_iter()
            .map(|(t, c, _)| (t, c))
            .collect()
    }

    fn tc(t: &str, c: &str) -> (String, String) {
        (t.to_owned(), c.to_owned())
    }

    fn ok(defs: Value, schema: Value, value: Value) -> bool {
        body(defs, schema, value).is_empty()
    }

    #[test]
    fn schemas_can_be_shared_between_requests() {
        fn shared<T: Send + Sync>() {}
        shared::<Schemas>();
    }

    #[test]
    fn types_and_nullability() {
        let d = json!({});
        assert!(ok(d.clone(), json!({"type": "integer"}), json!(3)));
        assert!(ok(d.clone(), json!({"type": "integer"}), json!(3.0)));
        assert_eq!(
            body(d.clone(), json!({"type": "integer"}), json!(3.5)),
            [(
                "body".to_owned(),
                "MalformedValue".to_owned(),
                "body must be an integer".to_owned()
            )]
        );
        assert_eq!(
            codes_of(d.clone(), json!({"type": "string"}), json!(null)),
            [tc("body", "NullValue")]
        );
        assert!(ok(
            d.clone(),
            json!({"type": "string", "nullable": true}),
            json!(null)
        ));
        assert!(ok(
            d.clone(),
            json!({"type": ["string", "null"]}),
            json!(null)
        ));
        assert!(ok(d.clone(), json!({"type": "null"}), json!(null)));
        assert_eq!(
            body(
                d.clone(),
                json!({"type": ["string", "integer"]}),
                json!(true)
            )[0]
            .2,
            "body must be a string or an integer"
        );
        assert!(ok(
            d.clone(),
            json!({"type": ["string", "integer"]}),
            json!(7)
        ));
        // An unknown type name constrains nothing; no type accepts anything.
        assert!(ok(d.clone(), json!({"type": "file"}), json!(1)));
        assert!(ok(d.clone(), json!({}), json!({"a": 1})));
        assert!(ok(d.clone(), json!(true), json!(1)));
        assert_eq!(
            codes_of(d, json!(false), json!(1)),
            [tc("body", "InvalidValue")]
        );
    }

    #[test]
    fn mismatched_type_stops_descent() {
        let schema = json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "minProperties": 3});
        assert_eq!(
            codes_of(json!({}), schema, json!([1])),
            [tc("body", "MalformedValue")]
        );
    }

    #[test]
    fn enum_and_const() {
        let d = json!({});
        let s = json!({"type": "string", "enum": ["admin", "user"]});
        assert!(ok(d.clone(), s.clone(), json!("user")));
        assert_eq!(
            body(d.clone(), s, json!("root")),
            [(
                "body".to_owned(),
                "InvalidValue".to_owned(),
                "body must be one of: admin, user".to_owned()
            )]
        );
        assert!(ok(d.clone(), json!({"enum": [1, 2]}), json!(2.0)));
        assert!(ok(
            d.clone(),
            json!({"enum": [{"a": [1]}]}),
            json!({"a": [1.0]})
        ));
        assert_eq!(
            codes_of(d.clone(), json!({"enum": [1, 2]}), json!("1")),
            [tc("body", "InvalidValue")]
        );
        assert!(ok(d.clone(), json!({"const": "x"}), json!("x")));
        assert_eq!(
            body(d.clone(), json!({"const": "x"}), json!("y"))[0].2,
            "body must be x"
        );
        let many: Vec<i32> = (0..30).collect();
        let msg = body(d, json!({ "enum": many }), json!(99))[0].2.clone();
        assert!(msg.ends_with("19, …"), "{msg}");
    }

    #[test]
    fn number_bounds_both_dialects() {
        let d = json!({});
        let v30 = json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true});
        assert!(ok(d.clone(), v30.clone(), json!(5)));
        assert_eq!(
            body(d.clone(), v30.clone(), json!(0))[0].2,
            "body must be greater than 0"
        );
        assert_eq!(
            body(d.clone(), v30, json!(10))[0].2,
            "body must be less than 10"
        );
        let v31 = json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10});
        assert_eq!(
            codes_of(d.clone(), v31.clone(), json!(0)),
            [tc("body", "OutOfRange")]
        );
        assert!(ok(d.clone(), v31, json!(0.1)));
        let incl = json!({"type": "integer", "minimum": 1, "maximum": 100});
        assert_eq!(
            body(d.clone(), incl.clone(), json!(0))[0].2,
            "body must be at least 1"
        );
        assert_eq!(
            body(d.clone(), incl.clone(), json!(101))[0].2,
            "body must be at most 100"
        );
        assert!(ok(d.clone(), incl, json!(100)));
        // The 3.0 boolean false is no bound at all.
        assert!(ok(
            d.clone(),
            json!({"minimum": 1, "exclusiveMinimum": false}),
            json!(1)
        ));
    }

    #[test]
    fn multiple_of_and_integer_formats() {
        let d = json!({});
        let m = json!({"type": "integer", "multipleOf": 3});
        // 2^53 + 1 and 2^53 + 3 round to other integers as f64.
        assert!(ok(d.clone(), m.clone(), json!(9_007_199_254_740_993_i64)));
        assert_eq!(
            codes_of(d.clone(), m.clone(), json!(9_007_199_254_740_995_i64)),
            [tc("body", "InvalidValue")]
        );
        assert!(ok(d.clone(), m, json!(-6)));
        let f = json!({"type": "number", "multipleOf": 0.01});
        assert!(ok(d.clone(), f.clone(), json!(19.99)));
        assert_eq!(
            codes_of(d.clone(), f, json!(19.995)),
            [tc("body", "InvalidValue")]
        );
        let i32s = json!({"type": "integer", "format": "int32"});
        assert!(ok(d.clone(), i32s.clone(), json!(2_147_483_647)));
        assert_eq!(
            body(d.clone(), i32s.clone(), json!(2_147_483_648_i64)),
            [(
                "body".to_owned(),
                "OutOfRange".to_owned(),
                "body must be between -2147483648 and 2147483647".to_owned()
            )]
        );
        assert!(ok(d.clone(), i32s, json!(-5.0)));
        let i64s = json!({"type": "integer", "format": "int64"});
        assert!(ok(d.clone(), i64s.clone(), json!(i64::MAX)));
        assert_eq!(
            codes_of(d.clone(), i64s.clone(), json!(u64::MAX)),
            [tc("body", "OutOfRange")]
        );
        assert_eq!(
            codes_of(d.clone(), i64s, json!(1e300)),
            [tc("body", "OutOfRange")]
        );
        // Huge numbers against plain bounds.
        let big: Value = serde_json::from_str("1e308").unwrap();
        assert_eq!(
            codes_of(d, json!({"type": "number", "maximum": 10}), big),
            [tc("body", "OutOfRange")]
        );
    }

    #[test]
    fn string_lengths_count_characters() {
        let d = json!({});
        let s = json!({"type": "string", "minLength": 2, "maxLength": 3});
        assert!(ok(d.clone(), s.clone(), json!("日本語")));
        assert_eq!(
            body(d.clone(), s.clone(), json!("日本語!"))[0].2,
            "body must be at most 3 characters long"
        );
        assert_eq!(codes_of(d, s, json!("x")), [tc("body", "OutOfRange")]);
    }

    #[test]
    fn patterns_are_ecma_searches() {
        let d = json!({});
        let s = json!({"type": "string", "pattern": "\\d{3}"});
        assert!(ok(d.clone(), s.clone(), json!("ab123cd")));
        // ASCII \d: Arabic-Indic digits do not count.
        assert_eq!(
            body(d.clone(), s, json!("١٢٣")),
            [(
                "body".to_owned(),
                "MalformedValue".to_owned(),
                "body must match the pattern \\d{3}".to_owned()
            )]
        );
        let anchored = json!({"pattern": "^[\\w-]+$"});
        assert!(ok(d.clone(), anchored.clone(), json!("a_b-9")));
        assert!(!ok(d.clone(), anchored.clone(), json!("é")));
        assert!(!ok(d.clone(), anchored, json!("a b")));
        assert!(ok(d.clone(), json!({"pattern": "^[^\\d]+$"}), json!("abc")));
        assert!(!ok(d.clone(), json!({"pattern": "^[^\\d]+$"}), json!("a1")));
        assert!(ok(d.clone(), json!({"pattern": "^[\\D]+$"}), json!("ab")));
        assert!(ok(
            d.clone(),
            json!({"pattern": "^a\\/b\\-c$"}),
            json!("a/b-c")
        ));
        assert!(ok(
            d.clone(),
            json!({"pattern": "^\\u00e9x\\b"}),
            json!("éx")
        ));
        // ASCII \b: no boundary between é and the end.
        assert!(!ok(d.clone(), json!({"pattern": "\\u00e9\\b"}), json!("é")));
        assert!(ok(d.clone(), json!({"pattern": "^[\\b]$"}), json!("\u{8}")));
        assert!(ok(d.clone(), json!({"pattern": "^[a[]+$"}), json!("a[a")));
        assert!(ok(
            d.clone(),
            json!({"pattern": "^(?<year>\\d{4})$"}),
            json!("2024")
        ));
        // Patterns only apply to strings.
        assert!(ok(d, json!({"pattern": "^x$"}), json!(5)));
    }

    #[test]
    fn unsupported_or_invalid_patterns_are_skipped() {
        for p in [
            "(a", "(?=x)y", "(a)\\1", "[]", "[^]", "\\", "x{2,1}", "\\u12",
        ] {
            let schemas = Schemas::new(json!({"$defs": {"S": {"type": "string", "pattern": p}}}));
            let mut v = Violations::new();
            schemas.validate(
                &json!({"$ref": "#/$defs/S"}),
                &json!("anything"),
                "s",
                &mut v,
            );
            assert!(v.is_empty(), "{p}");
        }
    }

    #[test]
    fn patterns_are_compiled_once() {
        let schemas = Schemas::new(
            json!({"$defs": {"S": {"pattern": "^a+$", "patternProperties": {"^x-": {}}}}}),
        );
        assert_eq!(schemas.patterns.read().unwrap().len(), 2);
        let inline = json!({"pattern": "^b+$"});
        schemas.prepare(&inline);
        assert_eq!(schemas.patterns.read().unwrap().len(), 3);
        let mut v = Violations::new();
        schemas.validate(&json!({"pattern": "^c+$"}), &json!("d"), "q", &mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(schemas.patterns.read().unwrap().len(), 4);
    }

    #[test]
    fn formats() {
        let d = json!({});
        let good = [
            ("date", "2024-02-29"),
            ("date-time", "2024-02-29T23:59:60.123Z"),
            ("date-time", "1985-04-12t23:20:50+01:30"),
            ("time", "08:30:00-05:00"),
            ("uuid", "123e4567-e89b-12d3-A456-426614174000"),
            ("email", "a.b+c@example.com"),
            ("email", "\"x@y\"@example.com"),
            ("uri", "https://example.com/a?b#c"),
            ("uri", "urn:isbn:0451450523"),
            ("ipv4", "10.0.0.1"),
            ("ipv6", "::1"),
            ("unknown-format", "whatever"),
        ];
        for (f, s) in good {
            assert!(
                ok(d.clone(), json!({"type": "string", "format": f}), json!(s)),
                "{f} {s}"
            );
        }
        let bad = [
            ("date", "2023-02-29"),
            ("date", "2024-13-01"),
            ("date", "24-01-01"),
            ("date", "２０２４-01-01"),
            ("date-time", "2024-01-01"),
            ("date-time", "2024-01-01T24:00:00Z"),
            ("date-time", "2024-01-01T10:00:00"),
            ("date-time", "2024-01-01T10:00:00.Z"),
            ("date-time", "2024-01-01T10:00:00+1:00"),
            ("date-time", "2024-01-01é10:00:00Z"),
            ("uuid", "123e4567e89b12d3a456426614174000"),
            ("uuid", "123e4567-e89b-12d3-a456-42661417400g"),
            ("email", "no-at-sign"),
            ("email", "a@"),
            ("email", "a b@c.d"),
            ("uri", "/relative/path"),
            ("uri", "1http://x"),
            ("uri", "http://a b"),
            ("ipv4", "256.0.0.1"),
        ];
        for (f, s) in bad {
            assert_eq!(
                codes_of(d.clone(), json!({"type": "string", "format": f}), json!(s)),
                [tc("body", "MalformedValue")],
                "{f} {s}"
            );
        }
        assert_eq!(
            body(d, json!({"format": "date"}), json!("2024-1-1"))[0].2,
            "body must be a date (YYYY-MM-DD)"
        );
    }

    #[test]
    fn arrays() {
        let d = json!({"Tag": {"type": "string", "maxLength": 3}});
        let s = json!({"type": "array", "items": {"$ref": "#/$defs/Tag"}, "minItems": 1, "maxItems": 3, "uniqueItems": true});
        assert!(ok(d.clone(), s.clone(), json!(["a", "b"])));
        assert_eq!(
            codes_of(d.clone(), s.clone(), json!(["a", "toolong", 3, "a"])),
            [
                tc("body", "OutOfRange"),
                tc("body[3]", "InvalidValue"),
                tc("body[1]", "OutOfRange"),
                tc("body[2]", "MalformedValue"),
            ]
        );
        assert_eq!(
            codes_of(d.clone(), s, json!([])),
            [tc("body", "OutOfRange")]
        );
        // Unique items compare numbers by value and objects without order.
        let u = json!({"uniqueItems": true});
        assert!(!ok(d.clone(), u.clone(), json!([1, 1.0])));
        assert!(!ok(
            d.clone(),
            u.clone(),
            json!([{"a": 1, "b": 2}, {"b": 2, "a": 1}])
        ));
        assert!(ok(d.clone(), u.clone(), json!([1, "1", [1], {"1": 1}])));
        let many: Vec<u32> = (0..100_000).collect();
        assert!(ok(d.clone(), u, json!(many)));
        let tuple =
            json!({"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false});
        assert!(ok(d.clone(), tuple.clone(), json!(["a", 1])));
        assert_eq!(
            codes_of(d.clone(), tuple, json!([1, 1, 2])),
            [
                tc("body[0]", "MalformedValue"),
                tc("body[2]", "InvalidValue")
            ]
        );
        let old = json!({"items": [{"type": "string"}]});
        assert_eq!(
            codes_of(d, old, json!([1, 2])),
            [tc("body[0]", "MalformedValue")]
        );
    }

    #[test]
    fn objects_required_null_unknown() {
        let d = json!({
            "Price": {"type": "object", "properties": {"amount": {"type": "number", "minimum": 0}, "currency": {"type": "string"}}, "required": ["amount", "currency"]},
            "Book": {"type": "object", "additionalProperties": false,
                "properties": {
                    "id": {"type": "string", "readOnly": true},
                    "title": {"type": "string"},
                    "note": {"type": "string", "nullable": true},
                    "price": {"$ref": "#/$defs/Price"},
                    "authors": {"type": "array", "items": {"type": "string", "minLength": 1}}},
                "required": ["id", "title", "price", "note"]}
        });
        let s = json!({"$ref": "#/$defs/Book"});
        assert!(ok(
            d.clone(),
            s.clone(),
            json!({"title": "t", "note": null, "price": {"amount": 1, "currency": "EUR"}})
        ));
        // readOnly properties are accepted when sent.
        assert!(ok(
            d.clone(),
            s.clone(),
            json!({"id": "x", "title": "t", "note": "n", "price": {"amount": 1, "currency": "EUR"}})
        ));
        assert_eq!(
            body(
                d.clone(),
                s.clone(),
                json!({"title": null, "price": {"amount": -1, "extra": 1}, "authors": ["a", ""], "isbn": "1"})
            ),
            [
                (
                    "note".to_owned(),
                    "NullValue".to_owned(),
                    "note is required".to_owned()
                ),
                (
                    "title".to_owned(),
                    "NullValue".to_owned(),
                    "title must not be null".to_owned()
                ),
                (
                    "price.currency".to_owned(),
                    "NullValue".to_owned(),
                    "price.currency is required".to_owned()
                ),
                (
                    "price.amount".to_owned(),
                    "OutOfRange".to_owned(),
                    "price.amount must be at least 0".to_owned()
                ),
                (
                    "price.extra".to_owned(),
                    "UnknownField".to_owned(),
                    "price.extra is not a known property".to_owned()
                ),
                (
                    "authors[1]".to_owned(),
                    "OutOfRange".to_owned(),
                    "authors[1] must be at least 1 characters long".to_owned()
                ),
                (
                    "isbn".to_owned(),
                    "UnknownField".to_owned(),
                    "isbn is not a known property".to_owned()
                ),
            ]
        );
        assert_eq!(
            body(d, s, json!("x")),
            [(
                "body".to_owned(),
                "MalformedValue".to_owned(),
                "body must be an object".to_owned()
            )]
        );
    }

    #[test]
    fn additional_and_pattern_properties() {
        let d = json!({});
        let map = json!({"type": "object", "additionalProperties": {"type": "integer"}});
        assert!(ok(d.clone(), map.clone(), json!({"a": 1, "b": 2})));
        assert_eq!(
            codes_of(d.clone(), map, json!({"a": "x"})),
            [tc("a", "MalformedValue")]
        );
        assert!(ok(
            d.clone(),
            json!({"type": "object", "additionalProperties": true}),
            json!({"a": 1})
        ));
        // An omitted additionalProperties counts as false (§3.13).
        assert_eq!(
            codes_of(
                d.clone(),
                json!({"type": "object", "properties": {"a": {}}}),
                json!({"a": 1, "b": 2})
            ),
            [tc("b", "UnknownField")]
        );
        let pp = json!({"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "properties": {"name": {}}});
        assert!(ok(d.clone(), pp.clone(), json!({"name": 1, "x-a": "s"})));
        assert_eq!(
            codes_of(d.clone(), pp, json!({"x-a": 1, "y": 1})),
            [tc("x-a", "MalformedValue"), tc("y", "UnknownField")]
        );
        let counts = json!({"minProperties": 1, "maxProperties": 2, "additionalProperties": true});
        assert_eq!(
            body(d.clone(), counts.clone(), json!({}))[0].2,
            "body must have at least 1 properties"
        );
        assert_eq!(
            codes_of(d.clone(), counts.clone(), json!({"a": 1, "b": 2, "c": 3})),
            [tc("body", "OutOfRange")]
        );
        assert!(ok(d, counts, json!({"a": 1})));
    }

    #[test]
    fn all_of_and_unevaluated_properties() {
        let d = json!({
            "Base": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"], "additionalProperties": false},
            "Ext": {"allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"name": {"type": "string"}}, "required": ["name"]}], "unevaluatedProperties": false}
        });
        let s = json!({"$ref": "#/$defs/Ext"});
        assert!(ok(d.clone(), s.clone(), json!({"id": 1, "name": "n"})));
        assert_eq!(
            codes_of(d.clone(), s.clone(), json!({"id": "x", "other": 1})),
            [
                tc("id", "MalformedValue"),
                tc("name", "NullValue"),
                tc("other", "UnknownField")
            ]
        );
        let open = json!({"allOf": [{"$ref": "#/$defs/Base"}], "unevaluatedProperties": {"type": "string"}});
        assert!(ok(d.clone(), open.clone(), json!({"id": 1, "tag": "t"})));
        assert_eq!(
            codes_of(d, open, json!({"id": 1, "tag": 2})),
            [tc("tag", "MalformedValue")]
        );
    }

    #[test]
    fn any_of_reports_the_closest_branch() {
        let d = json!({
            "Card": {"type": "object", "properties": {"number": {"type": "string", "minLength": 12}, "cvc": {"type": "string"}}, "required": ["number", "cvc"]},
            "Iban": {"type": "object", "properties": {"iban": {"type": "string"}}, "required": ["iban"]}
        });
        let s = json!({"anyOf": [{"$ref": "#/$defs/Card"}, {"$ref": "#/$defs/Iban"}, {"type": "string"}]});
        assert!(ok(d.clone(), s.clone(), json!({"iban": "DE00"})));
        assert!(ok(d.clone(), s.clone(), json!("token")));
        assert_eq!(
            codes_of(d.clone(), s.clone(), json!({"number": "1", "cvc": "123"})),
            [tc("number", "OutOfRange")]
        );
        // A branch's closed object rejects the other branch's properties.
        assert_eq!(
            codes_of(d.clone(), s.clone(), json!({"iban": "DE00", "cvc": "1"})),
            [tc("cvc", "UnknownField")]
        );
        assert_eq!(
            body(d.clone(), s.clone(), json!(5)),
            [(
                "body".to_owned(),
                "MalformedValue".to_owned(),
                "body must be an object or a string".to_owned()
            )]
        );
        assert_eq!(codes_of(d, s, json!(null)), [tc("body", "NullValue")]);
        let nullable = json!({"anyOf": [{"type": "integer"}, {"type": "null"}]});
        assert!(ok(json!({}), nullable, json!(null)));
    }

    #[test]
    fn one_of_without_discriminator() {
        let d = json!({
            "Cat": {"type": "object", "properties": {"name": {"type": "string"}, "meows": {"type": "boolean"}}, "required": ["name"]},
            "Dog": {"type": "object", "properties": {"name": {"type": "string"}, "barks": {"type": "boolean"}}, "required": ["name"]}
        });
        let s = json!({"oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]});
        assert!(ok(
            d.clone(),
            s.clone(),
            json!({"name": "a", "barks": true})
        ));
        assert_eq!(
            body(d.clone(), s.clone(), json!({"name": "a"})),
            [(
                "body".to_owned(),
                "InvalidValue".to_owned(),
                "body matches more than one of the allowed schemas".to_owned()
            )]
        );
        assert_eq!(
            codes_of(d.clone(), s.clone(), json!({"name": "a", "meows": 1})),
            [tc("meows", "MalformedValue")]
        );
        // Shared properties declared next to oneOf count for every branch.
        let composed = json!({"type": "object", "properties": {"owner": {"type": "string"}},
            "oneOf": [{"properties": {"meows": {}}, "required": ["meows"]}, {"properties": {"barks": {}}, "required": ["barks"]}]});
        assert!(ok(
            d.clone(),
            composed.clone(),
            json!({"owner": "o", "meows": 1})
        ));
        assert_eq!(
            codes_of(d, composed, json!({"owner": "o", "meows": 1, "x": 1})),
            [tc("x", "UnknownField")]
        );
    }

    #[test]
    fn discriminator_picks_the_branch() {
        let d = json!({
            "Cat": {"type": "object", "properties": {"petType": {"type": "string"}, "meows": {"type": "boolean"}}, "required": ["petType", "meows"]},
            "Dog": {"type": "object", "properties": {"petType": {"type": "string"}, "barks": {"type": "boolean"}}, "required": ["petType"]},
            "Pet": {"oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
                    "discriminator": {"propertyName": "petType", "mapping": {"cat": "#/$defs/Cat", "kitty": "Cat"}}}
        });
        let s = json!({"$ref": "#/$defs/Pet"});
        assert!(ok(
            d.clone(),
            s.clone(),
            json!({"petType": "cat", "meows": true})
        ));
        assert!(ok(
            d.clone(),
            s.clone(),
            json!({"petType": "kitty", "meows": true})
        ));
        assert!(ok(d.clone(), s.clone(), json!({"petType": "Dog"})));
        assert_eq!(
            codes_of(
                d.clone(),
                s.clone(),
                json!({"petType": "cat", "barks": true})
            ),
            [tc("meows", "NullValue"), tc("barks", "UnknownField")]
        );
        assert_eq!(
            body(d.clone(), s.clone(), json!({"petType": "cow"})),
            [(
                "petType".to_owned(),
                "InvalidValue".to_owned(),
                "petType must be one of: cat, kitty, Cat, Dog".to_owned()
            )]
        );
        assert_eq!(
            codes_of(d.clone(), s.clone(), json!({"meows": true})),
            [tc("petType", "NullValue"), tc("meows", "UnknownField")]
        );
        assert_eq!(
            codes_of(d.clone(), s.clone(), json!({"petType": 1})),
            [tc("petType", "MalformedValue")]
        );
        assert_eq!(codes_of(d, s, json!(3)), [tc("body", "MalformedValue")]);
    }

    #[test]
    fn not_and_if_then_else() {
        let d = json!({});
        let n = json!({"not": {"type": "string"}});
        assert!(ok(d.clone(), n.clone(), json!(1)));
        assert_eq!(
            codes_of(d.clone(), n, json!("s")),
            [tc("body", "InvalidValue")]
        );
        let c =
            json!({"if": {"type": "integer"}, "then": {"minimum": 0}, "else": {"type": "string"}});
        assert!(ok(d.clone(), c.clone(), json!(1)));
        assert!(ok(d.clone(), c.clone(), json!("s")));
        assert_eq!(
            codes_of(d.clone(), c.clone(), json!(-1)),
            [tc("body", "OutOfRange")]
        );
        assert_eq!(codes_of(d, c, json!(true)), [tc("body", "MalformedValue")]);
    }

    #[test]
    fn refs_unknown_and_cyclic() {
        let d = json!({
            "A": {"allOf": [{"$ref": "#/$defs/A"}]},
            "B": {"anyOf": [{"$ref": "#/$defs/C"}]},
            "C": {"oneOf": [{"$ref": "#/$defs/B"}], "type": "integer"},
            "Tree": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/Tree"}}, "n": {"type": "integer"}}},
            "a/b": {"type": "string"}
        });
        assert!(ok(d.clone(), json!({"$ref": "#/$defs/A"}), json!({"x": 1})));
        assert!(ok(d.clone(), json!({"$ref": "#/$defs/B"}), json!(1)));
        assert!(ok(d.clone(), json!({"$ref": "#/$defs/Missing"}), json!(1)));
        assert!(ok(
            d.clone(),
            json!({"$ref": "https://elsewhere/x.json"}),
            json!(1)
        ));
        assert_eq!(
            codes_of(d.clone(), json!({"$ref": "#/$defs/a~1b"}), json!(1)),
            [tc("body", "MalformedValue")]
        );
        let tree = json!({"n": 1, "children": [{"n": 2, "children": [{"n": "x"}]}]});
        assert_eq!(
            codes_of(d, json!({"$ref": "#/$defs/Tree"}), tree),
            [tc("children[0].children[0].n", "MalformedValue")]
        );
    }

    #[test]
    fn deep_input_is_cut_off() {
        let d = json!({"Tree": {"type": "object", "properties": {"c": {"$ref": "#/$defs/Tree"}}}});
        let mut value = json!({});
        for _ in 0..400 {
            value = json!({ "c": value });
        }
        let found = codes_of(d, json!({"$ref": "#/$defs/Tree"}), value);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "MalformedValue");
        assert!(found[0].0.starts_with("c.c.c."));
    }

    #[test]
    fn exponential_branching_is_bounded() {
        // Each level tries two branches that both fail deep down: 2^depth
        // without the step budget.
        let d = json!({"T": {"anyOf": [
            {"type": "object", "properties": {"c": {"$ref": "#/$defs/T"}}, "required": ["x"]},
            {"type": "object", "properties": {"c": {"$ref": "#/$defs/T"}}, "required": ["y"]}]}});
        let mut value = json!({});
        for _ in 0..60 {
            value = json!({ "c": value });
        }
        let found = codes_of(d, json!({"$ref": "#/$defs/T"}), value);
        assert!(found.contains(&tc("body", "MalformedValue")), "{found:?}");
    }

    #[test]
    fn targets_of_parameters_and_malformed_documents() {
        let schemas = Schemas::from_json("{not json");
        let mut v = Violations::new();
        schemas.validate(&json!({"$ref": "#/$defs/X"}), &json!(1), "limit", &mut v);
        assert!(v.is_empty());
        let schemas = Schemas::new(json!([1, 2]));
        assert!(schemas.get("X").is_none());
        let schemas = Schemas::from_json(
            r#"{"$defs": {"Ids": {"type": "array", "items": {"type": "integer", "minimum": 1}}}}"#,
        );
        schemas.validate(
            &json!({"$ref": "#/$defs/Ids"}),
            &json!([1, 0]),
            "ids",
            &mut v,
        );
        schemas.validate(
            &json!({"type": "integer", "minimum": 1}),
            &json!(0),
            "limit",
            &mut v,
        );
        assert_eq!(
            triples(&v),
            [
                (
                    "ids[1]".to_owned(),
                    "OutOfRange".to_owned(),
                    "ids[1] must be at least 1".to_owned()
                ),
                (
                    "limit".to_owned(),
                    "OutOfRange".to_owned(),
                    "limit must be at least 1".to_owned()
                ),
            ]
        );
        let e = v.into_result().unwrap_err();
        assert_eq!(e.body()["details"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn primitive_types_for_parameters() {
        let schemas = Schemas::new(json!({"$defs": {
            "Id": {"type": ["integer", "null"]},
            "Alias": {"$ref": "#/$defs/Id"},
            "Either": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/Alias"}]},
            "Loop": {"$ref": "#/$defs/Loop"}
        }}));
        let (alias, either) = (
            json!({"$ref": "#/$defs/Alias"}),
            json!({"$ref": "#/$defs/Either"}),
        );
        let p = schemas.primitive(&alias).unwrap();
        assert_eq!((p.ty, p.nullable), ("integer", true));
        let p = schemas.primitive(&either).unwrap();
        assert_eq!((p.ty, p.nullable), ("integer", true));
        let s = json!({"type": "string", "nullable": true});
        let p = schemas.primitive(&s).unwrap();
        assert_eq!((p.ty, p.nullable), ("string", true));
        assert!(
            schemas
                .primitive(&json!({"$ref": "#/$defs/Loop"}))
                .is_none()
        );
        assert!(schemas.primitive(&json!({})).is_none());
        let obj = json!({"allOf": [{"properties": {"a": {"type": "integer"}}}], "additionalProperties": {"type": "boolean"}});
        assert_eq!(
            schemas.property(&obj, "a"),
            Some(&json!({"type": "integer"}))
        );
        assert_eq!(
            schemas.property(&obj, "zz"),
            Some(&json!({"type": "boolean"}))
        );
    }
}
