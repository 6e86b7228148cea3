//! The schemas a generated server validates requests against, gathered into
//! one self-contained JSON document.
//!
//! Generated servers check parameters and bodies against the schemas as
//! written (every constraint, not only what the Rust types express), so they
//! embed `{"$defs": {key: schema}}`: each schema a parameter or request body
//! uses, and every schema those reach through `$ref`, with each `$ref`
//! rewritten to `#/$defs/<key>`. Keys are ASCII identifiers, unique in the
//! document and decided in document order, so the output is deterministic.
//! A `$ref` that does not resolve becomes `{}` (anything), so validation
//! never rejects what the document does not describe.

use std::collections::HashMap;

use serde_json::{Map, Value};
use specfirst_source::{Bundle, ref_of};

use crate::names::{Scope, pascal};

/// How deep a schema may nest before the rest is accepted unchecked.
const MAX_DEPTH: usize = 128;

/// Collects schemas into a `$defs` document.
pub(crate) struct SchemaExporter<'a> {
    bundle: &'a Bundle,
    /// Schema node (by address) → its key.
    keys: HashMap<usize, String>,
    names: Scope,
    defs: Map<String, Value>,
    /// Referenced schemas not yet copied.
    pending: Vec<(usize, &'a Value, String)>,
}

fn addr(v: &Value) -> usize {
    std::ptr::from_ref(v) as usize
}

impl<'a> SchemaExporter<'a> {
    pub fn new(bundle: &'a Bundle) -> Self {
        SchemaExporter {
            bundle,
            keys: HashMap::new(),
            names: Scope::default(),
            defs: Map::new(),
            pending: Vec::new(),
        }
    }

    /// The key of `schema` (written in document `doc`), exporting it and
    /// what it references; `hint` names it when it has no name of its own.
    pub fn export(&mut self, doc: usize, schema: &'a Value, hint: &str) -> String {
        let key = self.key_of(doc, schema, hint);
        self.drain();
        key
    }

    fn key_of(&mut self, doc: usize, schema: &'a Value, hint: &str) -> String {
        // A schema that is only a `$ref` shares its target's key.
        let (doc, schema, hint) = match ref_of(schema) {
            Some(reference) if schema.as_object().is_some_and(|m| m.len() == 1) => {
                let name = reference.rsplit('/').next().unwrap_or(hint);
                match self.bundle.resolve(doc, schema) {
                    Ok((tdoc, target)) => (tdoc, target, name),
                    Err(_) => (doc, &Value::Null, "Unresolved"),
                }
            }
            _ => (doc, schema, hint),
        };
        if let Some(key) = self.keys.get(&addr(schema)) {
            return key.clone();
        }
        let key = self.names.unique(pascal(hint));
        self.keys.insert(addr(schema), key.clone());
        self.pending.push((doc, schema, key.clone()));
        key
    }

    fn drain(&mut self) {
        while let Some((doc, schema, key)) = self.pending.pop() {
            let copy = if schema.is_null() {
                Value::Object(Map::new())
            } else {
                self.rewrite(doc, schema, 0)
            };
            self.defs.insert(key, copy);
        }
    }

    /// A copy of the schema `v` with every `$ref` (and discriminator
    /// mapping) pointing into `$defs`, without documentation keywords.
    fn rewrite(&mut self, doc: usize, v: &'a Value, depth: usize) -> Value {
        let Some(map) = v.as_object() else {
            // `true`/`false` schemas, or garbage (accept anything).
            return if v.is_boolean() {
                v.clone()
            } else {
                Value::Object(Map::new())
            };
        };
        if depth > MAX_DEPTH {
            return Value::Object(Map::new());
        }
        let mut out = Map::new();
        for (k, child) in map {
            let copy = match k.as_str() {
                "$ref" => match child.as_str() {
                    Some(reference) => Value::String(self.reference(doc, reference)),
                    None => continue,
                },
                "description" | "title" | "example" | "examples" | "externalDocs" | "xml"
                | "deprecated" | "$comment" => continue,
                _ if k.starts_with("x-") => continue,
                "properties" | "patternProperties" | "$defs" | "definitions"
                | "dependentSchemas" => match child.as_object() {
                    Some(members) => Value::Object(
                        members
                            .iter()
                            .map(|(name, s)| (name.clone(), self.rewrite(doc, s, depth + 1)))
                            .collect(),
                    ),
                    None => continue,
                },
                "items"
                | "additionalProperties"
                | "unevaluatedProperties"
                | "additionalItems"
                | "unevaluatedItems"
                | "not"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames" => match child {
                    Value::Array(list) => Value::Array(
                        list.iter()
                            .map(|s| self.rewrite(doc, s, depth + 1))
                            .collect(),
                    ),
                    _ => self.rewrite(doc, child, depth + 1),
                },
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => match child.as_array() {
                    Some(list) => Value::Array(
                        list.iter()
                            .map(|s| self.rewrite(doc, s, depth + 1))
                            .collect(),
                    ),
                    None => continue,
                },
                "discriminator" => {
                    let mut d = child.clone();
                    if let Some(mapping) = child.get("mapping").and_then(Value::as_object) {
                        let rewritten: Map<String, Value> = mapping
                            .iter()
                            .filter_map(|(tag, target)| {
                                let target = target.as_str()?;
                                // A mapping value is a reference or a bare
                                // schema name.
                                let reference = if target.contains('#') || target.contains('/') {
                                    target.to_owned()
                                } else {
                                    format!("#/components/schemas/{target}")
                                };
                                Some((tag.clone(), Value::String(self.reference(doc, &reference))))
                            })
                            .collect();
                        if let Some(obj) = d.as_object_mut() {
                            obj.insert("mapping".to_owned(), Value::Object(rewritten));
                        }
                    }
                    d
                }
                _ => child.clone(),
            };
            out.insert(k.clone(), copy);
        }
        self.implicit_mapping(doc, map, &mut out);
        Value::Object(out)
    }

    /// Adds the implicit discriminator mappings (tag = the schema's name) of
    /// `oneOf`/`anyOf` members, since keys need not equal schema names.
    fn implicit_mapping(
        &mut self,
        doc: usize,
        map: &Map<String, Value>,
        out: &mut Map<String, Value>,
    ) {
        if !map.get("discriminator").is_some_and(Value::is_object) {
            return;
        }
        let members: Vec<&str> = ["oneOf", "anyOf"]
            .iter()
            .filter_map(|k| map.get(*k).and_then(Value::as_array))
            .flatten()
            .filter_map(ref_of)
            .collect();
        let mut implicit = Vec::new();
        for reference in members {
            let name = reference.rsplit('/').next().unwrap_or_default().to_owned();
            implicit.push((name, self.reference(doc, reference)));
        }
        let Some(mapping) = out
            .get_mut("discriminator")
            .and_then(Value::as_object_mut)
            .map(|d| {
                d.entry("mapping")
                    .or_insert_with(|| Value::Object(Map::new()))
            })
            .and_then(Value::as_object_mut)
        else {
            return;
        };
        for (name, target) in implicit {
            // Explicit mappings win; a member they already name keeps only them.
            let mapped = mapping
                .values()
                .any(|v| v.as_str() == Some(target.as_str()));
            if !mapped && !mapping.contains_key(&name) {
                mapping.insert(name, Value::String(target));
            }
        }
    }

    /// `#/$defs/<key>` for a reference written in document `doc`.
    fn reference(&mut self, doc: usize, reference: &str) -> String {
        let name = reference.rsplit('/').next().unwrap_or("Schema");
        let key = match self.bundle.target(doc, reference) {
            Ok((tdoc, target)) => self.key_of(tdoc, target, name),
            Err(_) => self.key_of(doc, &Value::Null, "Unresolved"),
        };
        format!("#/$defs/{key}")
    }

    /// The document: `{"$defs": {...}}`, keys sorted for stable output.
    pub fn finish(mut self) -> Value {
        self.drain();
        let mut sorted: Vec<(String, Value)> = self.defs.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut doc = Map::new();
        doc.insert(
            "$defs".to_owned(),
            Value::Object(sorted.into_iter().collect()),
        );
        Value::Object(doc)
    }
}
