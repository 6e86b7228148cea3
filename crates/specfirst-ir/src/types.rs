//! The type space: Rust types for the schemas of a document.
//!
//! Each schema that needs a type of its own (an object, a string enum, a
//! union) becomes one [`TypeDef`] with a unique name; everything else maps
//! to a [`Ty`] expression (`Vec<Pet>`, `Option<String>`, ...). Named schemas
//! (`components/schemas`) keep their name; inline ones are named after where
//! they appear (`ListPetsResponse`, `PetTagsItem`). A schema that cannot be
//! expressed exactly becomes `serde_json::Value`, with a warning, never wrong
//! code.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::{Map, Value};
use specfirst_diagnostics::{Diagnostic, Severity};
use specfirst_source::{Bundle, SpecVersion, ref_of};

use crate::names::{Scope, snake, type_name};

/// Index of a [`TypeDef`] in [`TypeSpace::defs`].
pub type TypeId = usize;

/// How deep schemas may nest before the rest is `serde_json::Value`.
const MAX_DEPTH: usize = 64;

/// A Rust type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A generated type.
    Named(TypeId),
    /// A type from std or a dependency, written out (`String`, `i64`,
    /// `chrono::NaiveDate`).
    Builtin(&'static str),
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>` (deterministic order on the wire).
    Map(Box<Ty>),
    Option(Box<Ty>),
    /// Indirection that breaks a recursive type.
    Boxed(Box<Ty>),
    /// `serde_json::Value`: free-form, or what cannot be expressed exactly.
    Any,
}

impl Ty {
    /// The type as Rust source.
    #[must_use]
    pub fn render(&self, space: &TypeSpace) -> String {
        match self {
            Ty::Named(id) => space
                .defs
                .get(*id)
                .map_or_else(|| "serde_json::Value".to_owned(), |d| d.name.clone()),
            Ty::Builtin(s) => (*s).to_owned(),
            Ty::Vec(t) => format!("Vec<{}>", t.render(space)),
            Ty::Map(t) => format!("std::collections::BTreeMap<String, {}>", t.render(space)),
            Ty::Option(t) => format!("Option<{}>", t.render(space)),
            Ty::Boxed(t) => format!("Box<{}>", t.render(space)),
            Ty::Any => "serde_json::Value".to_owned(),
        }
    }

    /// The generated type this expression holds by value (no `Vec`/map in
    /// between), which a recursive definition must box.
    fn held_by_value(&self) -> Option<TypeId> {
        match self {
            Ty::Named(id) => Some(*id),
            Ty::Option(t) => t.held_by_value(),
            _ => None,
        }
    }

    /// The generated types the expression names, at any depth.
    fn named(&self, out: &mut Vec<TypeId>) {
        match self {
            Ty::Named(id) => out.push(*id),
            Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Boxed(t) => t.named(out),
            Ty::Builtin(_) | Ty::Any => {}
        }
    }

    fn boxed_at_value(self) -> Ty {
        match self {
            Ty::Option(t) => Ty::Option(Box::new(t.boxed_at_value())),
            named @ Ty::Named(_) => Ty::Boxed(Box::new(named)),
            other => other,
        }
    }
}

/// One generated type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// The Rust name, unique in the types module.
    pub name: String,
    /// Doc comment text (the schema's title and description), unescaped:
    /// templates pass it through the `doc` filter.
    pub doc: Option<String>,
    /// Where the schema is written (JSON pointer in its document).
    pub source: String,
    /// Used in a request (a parameter or a request body): a server reads
    /// it (`Deserialize`), a client writes it.
    pub input: bool,
    /// Used in a response (a body or a header): a server writes it
    /// (`Serialize`), a client reads it.
    pub output: bool,
    #[serde(flatten)]
    pub shape: Shape,
}

/// What a generated type is.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    /// An object schema (after merging `allOf`).
    Struct {
        fields: Vec<Field>,
        /// `additionalProperties` as a flattened map, if allowed and typed.
        additional: Option<String>,
        #[serde(skip)]
        additional_ty: Option<Ty>,
    },
    /// A string enum.
    Enum { variants: Vec<EnumVariant> },
    /// `oneOf`/`anyOf`: tried in order (untagged) or by a discriminator.
    Union {
        /// The discriminator property, for an internally tagged enum.
        tag: Option<String>,
        variants: Vec<UnionVariant>,
    },
}

/// A struct field.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The property name on the wire.
    pub wire: String,
    /// The Rust field name.
    pub ident: String,
    /// The field's Rust type, `Option` included where it applies.
    pub rust: String,
    #[serde(skip)]
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    /// Absent when `None` (optional): skip it on output.
    pub skip_if_none: bool,
    /// Optional and nullable: `Option<Option<T>>`, where `Some(None)` is an
    /// explicit `null`; needs the `absent_or_null` deserializer.
    pub absent_or_null: bool,
    pub doc: Option<String>,
}

/// A variant of a string enum.
#[derive(Debug, Clone, Serialize)]
pub struct EnumVariant {
    pub ident: String,
    pub wire: String,
}

/// A variant of a union.
#[derive(Debug, Clone, Serialize)]
pub struct UnionVariant {
    pub ident: String,
    pub rust: String,
    #[serde(skip)]
    pub ty: Ty,
    /// Discriminator values that select this variant (tagged unions).
    pub tags: Vec<String>,
}

/// All generated types of one document.
#[derive(Debug, Default, Serialize)]
pub struct TypeSpace {
    pub defs: Vec<TypeDef>,
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

impl TypeSpace {
    /// Drops the definitions no operation reaches (component schemas no
    /// operation uses, such as GitHub's webhook payloads), so generated code
    /// holds only the types its operations need, and marks each kept one
    /// [`TypeDef::input`] and/or [`TypeDef::output`]. Names are decided
    /// before, so whether a schema is used never renames another. Call it
    /// once every type expression is rendered: it renumbers definitions.
    pub fn retain_reachable<'t>(
        &mut self,
        inputs: impl IntoIterator<Item = &'t Ty>,
        outputs: impl IntoIterator<Item = &'t Ty>,
    ) {
        let inputs = self.reached(inputs);
        let outputs = self.reached(outputs);
        for ((def, input), output) in self.defs.iter_mut().zip(&inputs).zip(&outputs) {
            def.input = *input;
            def.output = *output;
        }
        self.defs.retain(|d| d.input || d.output);
    }

    /// Which definitions `roots` reach.
    fn reached<'t>(&self, roots: impl IntoIterator<Item = &'t Ty>) -> Vec<bool> {
        let mut stack = Vec::new();
        for ty in roots {
            ty.named(&mut stack);
        }
        let mut reached = vec![false; self.defs.len()];
        while let Some(id) = stack.pop() {
            let Some(slot) = reached.get_mut(id) else {
                continue;
            };
            if std::mem::replace(slot, true) {
                continue;
            }
            if let Some(def) = self.defs.get(id) {
                for ty in def.shape.tys() {
                    ty.named(&mut stack);
                }
            }
        }
        reached
    }
}

fn addr(v: &Value) -> usize {
    std::ptr::from_ref(v) as usize
}

/// What the generator could not express.
pub const SCHEMA_NOT_EXPRESSIBLE: &str = "GEN-001";

/// Reads schemas into a [`TypeSpace`].
pub struct TypeBuilder<'a> {
    bundle: &'a Bundle,
    v30: bool,
    pub space: TypeSpace,
    /// Schema node (by address) → its definition.
    by_node: HashMap<usize, TypeId>,
    names: Scope,
    /// Referenced schemas being read (a `$ref` to one of them is recursion).
    building: BTreeSet<usize>,
}

impl<'a> TypeBuilder<'a> {
    #[must_use]
    pub fn new(bundle: &'a Bundle, reserved: &[&str]) -> Self {
        TypeBuilder {
            bundle,
            v30: bundle.version() == SpecVersion::V3_0,
            space: TypeSpace::default(),
            by_node: HashMap::new(),
            names: Scope::with_reserved(reserved),
            building: BTreeSet::new(),
        }
    }

    /// Takes a type name for a type the templates define themselves
    /// (`GetBookRequest`), unique among the schema types.
    pub fn reserve_name(&mut self, hint: &str) -> String {
        self.names.unique(type_name(hint))
    }

    /// Defines a type for every schema of `components/schemas`, in
    /// document order, so their names are taken before inline ones.
    pub fn components(&mut self) {
        let root = self.bundle.root().value();
        let Some(schemas) = root
            .pointer("/components/schemas")
            .and_then(Value::as_object)
        else {
            return;
        };
        for (name, schema) in schemas {
            self.ty_of(0, schema, name, 0);
        }
    }

    /// The type of `schema` (written in document `doc`), defining what it
    /// needs; `hint` names an inline type (`PetTagsItem`).
    pub fn ty_of(&mut self, doc: usize, schema: &'a Value, hint: &str, depth: usize) -> Ty {
        let (ty, nullable) = self.ty_nullable(doc, schema, hint, depth);
        if nullable {
            Ty::Option(Box::new(ty))
        } else {
            ty
        }
    }

    /// The type of `schema` without its nullability, and whether null is
    /// allowed.
    fn ty_nullable(
        &mut self,
        doc: usize,
        schema: &'a Value,
        hint: &str,
        depth: usize,
    ) -> (Ty, bool) {
        if depth > MAX_DEPTH {
            self.warn(
                doc,
                schema,
                "schema nests too deeply; typed as `serde_json::Value`",
            );
            return (Ty::Any, false);
        }
        let schema = match schema {
            Value::Bool(_) => return (Ty::Any, false),
            Value::Object(_) => schema,
            _ => {
                self.warn(doc, schema, "a schema must be an object or a boolean");
                return (Ty::Any, false);
            }
        };
        if let Some(reference) = ref_of(schema) {
            return self.reference(doc, schema, reference, depth);
        }
        let Some(map) = schema.as_object() else {
            return (Ty::Any, false);
        };
        if let Some(&id) = self.by_node.get(&addr(schema)) {
            return (Ty::Named(id), self.nullable(map));
        }
        let nullable = self.nullable(map);
        let types = self.types(map);
        if map.contains_key("allOf") {
            return (self.all_of(doc, schema, map, hint, depth), nullable);
        }
        if map.contains_key("oneOf") || map.contains_key("anyOf") {
            return (self.union(doc, schema, map, hint, depth), nullable);
        }
        if let Some(values) = map.get("enum").and_then(Value::as_array) {
            return (self.enumeration(doc, schema, map, values, hint), nullable);
        }
        let ty = match types.as_slice() {
            ["string"] => Ty::Builtin(string_format(map.get("format").and_then(Value::as_str))),
            ["integer"] => Ty::Builtin(match map.get("format").and_then(Value::as_str) {
                Some("int32") => "i32",
                _ => "i64",
            }),
            ["number"] => Ty::Builtin("f64"),
            ["boolean"] => Ty::Builtin("bool"),
            ["array"] => {
                let items = map.get("items").filter(|i| i.is_object());
                match items {
                    Some(items) => {
                        let item_hint = format!("{hint}Item");
                        Ty::Vec(Box::new(self.ty_of(doc, items, &item_hint, depth + 1)))
                    }
                    None => Ty::Vec(Box::new(Ty::Any)),
                }
            }
            ["object"] => self.object(doc, schema, map, hint, depth),
            [] if map.contains_key("properties") => self.object(doc, schema, map, hint, depth),
            [] => Ty::Any,
            _ => {
                self.warn(
                    doc,
                    schema,
                    "a schema of several types is typed as `serde_json::Value`",
                );
                Ty::Any
            }
        };
        (ty, nullable)
    }

    fn reference(
        &mut self,
        doc: usize,
        schema: &'a Value,
        reference: &str,
        depth: usize,
    ) -> (Ty, bool) {
        let Ok((target_doc, target)) = self.bundle.target(doc, reference) else {
            self.warn(
                doc,
                schema,
                &format!("`$ref: {reference}` does not resolve"),
            );
            return (Ty::Any, false);
        };
        if let Some(&id) = self.by_node.get(&addr(target)) {
            let nullable = target.as_object().is_some_and(|m| self.nullable(m));
            return (Ty::Named(id), nullable);
        }
        if self.building.contains(&addr(target)) {
            // Recursion through schemas that get no definition of their own
            // (an array of itself): there is no name to refer back to.
            self.warn(
                doc,
                schema,
                "this recursive reference goes through no object; typed as `serde_json::Value`",
            );
            return (Ty::Any, false);
        }
        let hint = reference
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("Schema")
            .to_owned();
        self.building.insert(addr(target));
        let out = self.ty_nullable(target_doc, target, &hint, depth + 1);
        self.building.remove(&addr(target));
        out
    }

    /// The JSON types a schema allows, `null` left out.
    fn types<'m>(&self, map: &'m Map<String, Value>) -> Vec<&'m str> {
        match map.get("type") {
            Some(Value::String(t)) if t != "null" => vec![t.as_str()],
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect(),
            _ => Vec::new(),
        }
    }

    fn nullable(&self, map: &Map<String, Value>) -> bool {
        if self.v30 {
            return map.get("nullable") == Some(&Value::Bool(true));
        }
        match map.get("type") {
            Some(Value::Array(list)) => list.iter().any(|t| t == "null"),
            Some(Value::String(t)) => t == "null",
            _ => map
                .get("enum")
                .and_then(Value::as_array)
                .is_some_and(|e| e.contains(&Value::Null)),
        }
    }

    /// Reserves a definition slot for `schema` (written in document `doc`),
    /// so that recursive references resolve to it.
    fn reserve(&mut self, doc: usize, schema: &'a Value, hint: &str) -> TypeId {
        let name = self.names.unique(type_name(hint));
        let id = self.space.defs.len();
        let source = self.source(doc, schema);
        self.space.defs.push(TypeDef {
            name,
            doc: schema.as_object().and_then(doc_text),
            source,
            input: true,
            output: true,
            shape: Shape::Struct {
                fields: Vec::new(),
                additional: None,
                additional_ty: None,
            },
        });
        self.by_node.insert(addr(schema), id);
        id
    }

    fn source(&self, doc: usize, schema: &Value) -> String {
        self.bundle
            .documents()
            .get(doc)
            .and_then(|d| d.pointer_of(schema))
            .unwrap_or_default()
    }

    fn object(
        &mut self,
        doc: usize,
        schema: &'a Value,
        map: &'a Map<String, Value>,
        hint: &str,
        depth: usize,
    ) -> Ty {
        let properties = map.get("properties").and_then(Value::as_object);
        let additional = map.get("additionalProperties");
        let has_properties = properties.is_some_and(|p| !p.is_empty());
        if !has_properties {
            // A map, or free-form.
            return self
                .additional(doc, additional, hint, depth)
                .map_or(Ty::Any, |value| Ty::Map(Box::new(value)));
        }
        let members = ObjectMembers::of(doc, map);
        self.define_struct(doc, schema, hint, &members, additional, depth)
    }

    /// The type of the values `additionalProperties` allows, when it is a
    /// non-empty schema (`true` or `{}` allow anything: no typed map).
    fn additional(
        &mut self,
        doc: usize,
        additional: Option<&'a Value>,
        owner: &str,
        depth: usize,
    ) -> Option<Ty> {
        let schema = additional.filter(|a| a.as_object().is_some_and(|m| !m.is_empty()))?;
        Some(self.ty_of(doc, schema, &format!("{owner}Value"), depth + 1))
    }

    /// Defines a struct for an object schema with `members`.
    fn define_struct(
        &mut self,
        doc: usize,
        schema: &'a Value,
        hint: &str,
        members: &ObjectMembers<'a>,
        additional: Option<&'a Value>,
        depth: usize,
    ) -> Ty {
        let id = self.reserve(doc, schema, hint);
        let name = self.space.defs[id].name.clone();
        let fields = self.fields(&name, members, depth);
        let additional_ty = self.additional(doc, additional, &name, depth);
        if let Some(def) = self.space.defs.get_mut(id) {
            def.shape = Shape::Struct {
                fields,
                additional: None,
                additional_ty,
            };
        }
        Ty::Named(id)
    }

    fn fields(&mut self, owner: &str, members: &ObjectMembers<'a>, depth: usize) -> Vec<Field> {
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for &(wire, prop_doc_index, prop) in &members.properties {
            let hint = format!("{owner}{}", crate::names::pascal(wire));
            let (ty, nullable) = self.ty_nullable(prop_doc_index, prop, &hint, depth + 1);
            let required = members.required.contains(wire);
            // Optional and nullable: absent (`None`) and `null`
            // (`Some(None)`) stay distinct, as JSON merge patch needs.
            let ty = match (required, nullable) {
                (true, false) => ty,
                (false, true) => Ty::Option(Box::new(Ty::Option(Box::new(ty)))),
                _ => Ty::Option(Box::new(ty)),
            };
            let prop_doc = prop.as_object().and_then(doc_text);
            fields.push(Field {
                wire: wire.to_owned(),
                ident: scope.unique(snake(wire)),
                rust: String::new(),
                ty,
                required,
                nullable,
                skip_if_none: !required,
                absent_or_null: !required && nullable,
                doc: prop_doc,
            });
        }
        fields
    }

    fn all_of(
        &mut self,
        doc: usize,
        schema: &'a Value,
        map: &'a Map<String, Value>,
        hint: &str,
        depth: usize,
    ) -> Ty {
        // Merge the properties of every member (resolved) and of the schema.
        let mut merged = ObjectMembers::of(doc, map);
        let mut ok = true;
        // A stack: members are pushed in reverse so they merge in order.
        let mut pending: Vec<(usize, &'a Value)> = map
            .get("allOf")
            .and_then(Value::as_array)
            .map(|l| l.iter().rev().map(|s| (doc, s)).collect())
            .unwrap_or_default();
        let mut seen = BTreeSet::new();
        while let Some((d, member)) = pending.pop() {
            let Ok((td, target)) = self.bundle.resolve(d, member) else {
                ok = false;
                break;
            };
            if !seen.insert(addr(target)) {
                continue;
            }
            let Some(m) = target.as_object() else {
                ok = false;
                break;
            };
            if m.contains_key("oneOf") || m.contains_key("anyOf") || m.contains_key("not") {
                ok = false;
                break;
            }
            let types = self.types(m);
            if !(types.is_empty() || types == ["object"]) {
                ok = false;
                break;
            }
            merged.absorb(td, m);
            if let Some(inner) = m.get("allOf").and_then(Value::as_array) {
                pending.extend(inner.iter().rev().map(|s| (td, s)));
            }
        }
        if !ok {
            self.warn(
                doc,
                schema,
                "this `allOf` does not merge into one object; typed as `serde_json::Value`",
            );
            return Ty::Any;
        }
        if merged.properties.is_empty() {
            return Ty::Any;
        }
        self.define_struct(doc, schema, hint, &merged, None, depth)
    }

    fn union(
        &mut self,
        doc: usize,
        schema: &'a Value,
        map: &'a Map<String, Value>,
        hint: &str,
        depth: usize,
    ) -> Ty {
        let list = map
            .get("oneOf")
            .or_else(|| map.get("anyOf"))
            .and_then(Value::as_array);
        let Some(list) = list.filter(|l| !l.is_empty()) else {
            return Ty::Any;
        };
        let id = self.reserve(doc, schema, hint);
        let name = self.space.defs[id].name.clone();
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        let discriminator = map
            .get("discriminator")
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str);
        let mapping: BTreeMap<&str, &str> = map
            .get("discriminator")
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((v.as_str()?, k.as_str())))
                    .collect()
            })
            .unwrap_or_default();
        for (i, member) in list.iter().enumerate() {
            let label = ref_of(member)
                .and_then(|r| r.rsplit('/').next())
                .map_or_else(|| format!("Variant{i}"), ToOwned::to_owned);
            let variant_hint = format!("{name}{}", crate::names::pascal(&label));
            let ty = self.ty_of(doc, member, &variant_hint, depth + 1);
            let tags = match (discriminator, ref_of(member)) {
                (Some(_), Some(r)) => vec![
                    mapping
                        .get(r)
                        .map_or_else(|| label.clone(), |k| (*k).to_owned()),
                ],
                _ => Vec::new(),
            };
            variants.push(UnionVariant {
                ident: scope.unique(crate::names::pascal(&label)),
                rust: String::new(),
                ty,
                tags,
            });
        }
        // A discriminator is honoured when every member is a named object.
        let tagged = discriminator.filter(|_| {
            variants
                .iter()
                .all(|v| !v.tags.is_empty() && matches!(v.ty, Ty::Named(_)))
        });
        if let Some(def) = self.space.defs.get_mut(id) {
            def.shape = Shape::Union {
                tag: tagged.map(ToOwned::to_owned),
                variants,
            };
        }
        Ty::Named(id)
    }

    fn enumeration(
        &mut self,
        doc: usize,
        schema: &'a Value,
        map: &'a Map<String, Value>,
        values: &'a [Value],
        hint: &str,
    ) -> Ty {
        let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        let non_null = values.iter().filter(|v| !v.is_null()).count();
        if strings.is_empty() || strings.len() != non_null {
            // Numbers or mixed values: the underlying type, unconstrained.
            return match self.types(map).as_slice() {
                ["integer"] => Ty::Builtin("i64"),
                ["number"] => Ty::Builtin("f64"),
                ["boolean"] => Ty::Builtin("bool"),
                ["string"] => Ty::Builtin("String"),
                _ => Ty::Any,
            };
        }
        let id = self.reserve(doc, schema, hint);
        let mut scope = Scope::default();
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        for s in strings {
            if !seen.insert(s) {
                continue;
            }
            let base = if s.is_empty() { "Empty" } else { s };
            variants.push(EnumVariant {
                ident: scope.unique(crate::names::pascal(base)),
                wire: s.to_owned(),
            });
        }
        if let Some(def) = self.space.defs.get_mut(id) {
            def.shape = Shape::Enum { variants };
        }
        Ty::Named(id)
    }

    fn warn(&mut self, doc: usize, at: &Value, message: &str) {
        let location = self.bundle.documents().get(doc).map(|d| d.locate(at));
        if let Some(location) = location {
            self.space.warnings.push(
                Diagnostic::new(
                    SCHEMA_NOT_EXPRESSIBLE,
                    "schema-not-expressible",
                    Severity::Warning,
                    message,
                    location,
                )
                .with_help("the generated code accepts and returns any JSON value here"),
            );
        }
    }

    /// Boxes what recursion holds by value and renders every type
    /// expression. Definitions keep the order they were found in, which
    /// follows the document and is deterministic.
    #[must_use]
    pub fn finish(mut self) -> TypeSpace {
        self.box_recursion();
        let space = &mut self.space;
        let rendered: Vec<Vec<String>> = space
            .defs
            .iter()
            .map(|d| d.shape.tys().map(|t| t.render(space)).collect())
            .collect();
        // Rendered in the order of `Shape::tys`.
        for (def, rendered) in space.defs.iter_mut().zip(rendered) {
            let mut rendered = rendered.into_iter();
            match &mut def.shape {
                Shape::Struct {
                    fields,
                    additional,
                    additional_ty,
                } => {
                    for f in fields {
                        f.rust = rendered.next().unwrap_or_default();
                    }
                    if additional_ty.is_some() {
                        *additional = rendered.next();
                    }
                }
                Shape::Union { variants, .. } => {
                    for v in variants {
                        v.rust = rendered.next().unwrap_or_default();
                    }
                }
                Shape::Enum { .. } => {}
            }
        }
        self.space
    }

    /// Boxes each by-value reference that closes a cycle of definitions.
    fn box_recursion(&mut self) {
        // Edges: definition → definitions it holds by value.
        let edges: Vec<Vec<TypeId>> = self
            .space
            .defs
            .iter()
            .map(|d| d.shape.held().filter_map(Ty::held_by_value).collect())
            .collect();
        let reaches = |from: TypeId, to: TypeId| -> bool {
            let mut stack = vec![from];
            let mut seen = BTreeSet::new();
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if seen.insert(n)
                    && let Some(next) = edges.get(n)
                {
                    stack.extend(next.iter().copied());
                }
            }
            false
        };
        for (id, def) in self.space.defs.iter_mut().enumerate() {
            for ty in def.shape.held_mut() {
                if ty.held_by_value().is_some_and(|target| reaches(target, id)) {
                    *ty = std::mem::replace(ty, Ty::Any).boxed_at_value();
                }
            }
        }
    }
}

impl Shape {
    /// The types the shape holds by value, in order: struct fields or
    /// union variants (a recursive one must be boxed).
    fn held(&self) -> Box<dyn Iterator<Item = &Ty> + '_> {
        match self {
            Shape::Struct { fields, .. } => Box::new(fields.iter().map(|f| &f.ty)),
            Shape::Union { variants, .. } => Box::new(variants.iter().map(|v| &v.ty)),
            Shape::Enum { .. } => Box::new(std::iter::empty()),
        }
    }

    fn held_mut(&mut self) -> Box<dyn Iterator<Item = &mut Ty> + '_> {
        match self {
            Shape::Struct { fields, .. } => Box::new(fields.iter_mut().map(|f| &mut f.ty)),
            Shape::Union { variants, .. } => Box::new(variants.iter_mut().map(|v| &mut v.ty)),
            Shape::Enum { .. } => Box::new(std::iter::empty()),
        }
    }

    /// Every type expression of the shape: [`Shape::held`], then the value
    /// type of `additionalProperties` (held in a map, never by value).
    fn tys(&self) -> impl Iterator<Item = &Ty> {
        let additional = match self {
            Shape::Struct { additional_ty, .. } => additional_ty.as_ref(),
            _ => None,
        };
        self.held().chain(additional)
    }
}

/// The Rust type of a string format.
fn string_format(format: Option<&str>) -> &'static str {
    match format {
        Some("date-time") => "chrono::DateTime<chrono::FixedOffset>",
        Some("date") => "chrono::NaiveDate",
        Some("uuid") => "uuid::Uuid",
        _ => "String",
    }
}

/// The doc text of a schema: title and description.
fn doc_text(map: &Map<String, Value>) -> Option<String> {
    let title = map.get("title").and_then(Value::as_str).map(str::trim);
    let description = map
        .get("description")
        .and_then(Value::as_str)
        .map(str::trim);
    match (
        title.filter(|t| !t.is_empty()),
        description.filter(|d| !d.is_empty()),
    ) {
        (Some(t), Some(d)) => Some(format!("{t}\n\n{d}")),
        (Some(t), None) => Some(t.to_owned()),
        (None, Some(d)) => Some(d.to_owned()),
        (None, None) => None,
    }
}

/// The properties and required names of an object, merged across `allOf`.
struct ObjectMembers<'a> {
    /// Name, the document the property schema is written in, the schema.
    properties: Vec<(&'a str, usize, &'a Value)>,
    required: BTreeSet<&'a str>,
}

impl<'a> ObjectMembers<'a> {
    fn of(doc: usize, map: &'a Map<String, Value>) -> Self {
        let mut m = ObjectMembers {
            properties: Vec::new(),
            required: BTreeSet::new(),
        };
        m.absorb(doc, map);
        m
    }

    fn absorb(&mut self, doc: usize, map: &'a Map<String, Value>) {
        if let Some(props) = map.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                if let Some(slot) = self
                    .properties
                    .iter_mut()
                    .find(|(n, _, _)| *n == k.as_str())
                {
                    slot.1 = doc;
                    slot.2 = v;
                } else {
                    self.properties.push((k.as_str(), doc, v));
                }
            }
        }
        if let Some(req) = map.get("required").and_then(Value::as_array) {
            self.required.extend(req.iter().filter_map(Value::as_str));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Arc;

    use specfirst_diagnostics::SourceMap;
    use specfirst_source::{LoadOptions, Loader};

    use super::*;

    /// The type space of a document, as `name: shape` lines.
    fn space(yaml: &str) -> (Vec<String>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("api.yaml");
        std::fs::write(&file, yaml).unwrap();
        let loader = Loader::new(Arc::new(SourceMap::new()), LoadOptions::default());
        let loaded = loader.load(&file);
        let bundle = loaded.bundle.unwrap();
        let mut builder = TypeBuilder::new(&bundle, &[]);
        builder.components();
        let space = builder.finish();
        let lines = space
            .defs
            .iter()
            .map(|d| match &d.shape {
                Shape::Struct {
                    fields, additional, ..
                } => {
                    let mut parts: Vec<String> = fields
                        .iter()
                        .map(|f| {
                            let skip = if f.skip_if_none { "?" } else { "" };
                            format!("{}{skip}={}: {}", f.ident, f.wire, f.rust)
                        })
                        .collect();
                    if let Some(a) = additional {
                        parts.push(format!("..: {a}"));
                    }
                    format!("struct {} {{ {} }}", d.name, parts.join(", "))
                }
                Shape::Enum { variants } => format!(
                    "enum {} {{ {} }}",
                    d.name,
                    variants
                        .iter()
                        .map(|v| format!("{}={}", v.ident, v.wire))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Shape::Union { tag, variants } => format!(
                    "union {}{} {{ {} }}",
                    d.name,
                    tag.as_ref()
                        .map(|t| format!(" tag={t}"))
                        .unwrap_or_default(),
                    variants
                        .iter()
                        .map(|v| format!("{}({}){:?}", v.ident, v.rust, v.tags))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
            .collect();
        let warnings = space.warnings.iter().map(|w| w.message.clone()).collect();
        (lines, warnings)
    }

    const HEAD: &str =
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n";

    #[test]
    fn objects_become_structs_with_wire_names() {
        let (defs, warnings) = space(&format!(
            "{HEAD}    Pet:
      type: object
      description: A pet.
      required: [id, name, tag]
      properties:
        id: {{type: string, format: uuid}}
        name: {{type: string}}
        tag: {{type: string, nullable: true}}
        petType: {{type: string}}
        type: {{type: integer, format: int32}}
        bornAt: {{type: string, format: date-time}}
        photoUrls: {{type: array, items: {{type: string}}}}
        owner:
          type: object
          properties:
            name: {{type: string}}
"
        ));
        assert_eq!(
            defs,
            [
                "struct Pet { id=id: uuid::Uuid, name=name: String, tag=tag: Option<String>, \
                 pet_type?=petType: Option<String>, r#type?=type: Option<i32>, \
                 born_at?=bornAt: Option<chrono::DateTime<chrono::FixedOffset>>, \
                 photo_urls?=photoUrls: Option<Vec<String>>, owner?=owner: Option<PetOwner> }",
                "struct PetOwner { name?=name: Option<String> }",
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn enums_maps_and_colliding_names() {
        let (defs, _) = space(&format!(
            "{HEAD}    Status: {{type: string, enum: [available, pending, sold, '', 2xx]}}
    Labels: {{type: object, additionalProperties: {{type: string}}}}
    Holder:
      type: object
      properties:
        petId: {{type: string}}
        pet_id: {{type: string}}
        status: {{$ref: '#/components/schemas/Status'}}
        labels: {{$ref: '#/components/schemas/Labels'}}
        extra: {{type: object, additionalProperties: true}}
      additionalProperties: {{type: integer}}
    Option: {{type: object, properties: {{a: {{type: boolean}}}}}}
"
        ));
        assert_eq!(
            defs,
            [
                "enum Status { Available=available, Pending=pending, Sold=sold, Empty=, N2xx=2xx }",
                "struct Holder { pet_id?=petId: Option<String>, pet_id_2?=pet_id: Option<String>, \
                 status?=status: Option<Status>, \
                 labels?=labels: Option<std::collections::BTreeMap<String, String>>, \
                 extra?=extra: Option<serde_json::Value>, ..: i64 }",
                "struct OptionSchema { a?=a: Option<bool> }",
            ]
        );
    }

    #[test]
    fn all_of_merges_and_recursion_is_boxed() {
        let (defs, warnings) = space(&format!(
            "{HEAD}    Named:
      type: object
      required: [name]
      properties: {{name: {{type: string}}}}
    Node:
      allOf:
        - $ref: '#/components/schemas/Named'
        - type: object
          required: [next]
          properties:
            next: {{$ref: '#/components/schemas/Node'}}
            children: {{type: array, items: {{$ref: '#/components/schemas/Node'}}}}
"
        ));
        assert_eq!(
            defs,
            [
                "struct Named { name=name: String }",
                "struct Node { name=name: String, next=next: Box<Node>, \
                 children?=children: Option<Vec<Node>> }",
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn unions_with_and_without_discriminator() {
        let (defs, _) = space(&format!(
            "{HEAD}    Cat: {{type: object, required: [kind], properties: {{kind: {{type: string}}}}}}
    Dog: {{type: object, required: [kind], properties: {{kind: {{type: string}}}}}}
    Pet:
      oneOf: [{{$ref: '#/components/schemas/Cat'}}, {{$ref: '#/components/schemas/Dog'}}]
      discriminator:
        propertyName: kind
        mapping: {{cat: '#/components/schemas/Cat'}}
    IdOrName:
      oneOf: [{{type: integer}}, {{type: string}}]
"
        ));
        assert_eq!(
            defs,
            [
                "struct Cat { kind=kind: String }",
                "struct Dog { kind=kind: String }",
                "union Pet tag=kind { Cat(Cat)[\"cat\"], Dog(Dog)[\"Dog\"] }",
                "union IdOrName { Variant0(i64)[], Variant1(String)[] }",
            ]
        );
    }

    #[test]
    fn what_cannot_be_expressed_is_a_value_with_a_warning() {
        let (defs, warnings) = space(&format!(
            "{HEAD}    Mixed:
      type: object
      properties:
        both: {{type: [string, integer]}}
        odd:
          allOf: [{{type: string}}, {{minLength: 1}}]
        dangling: {{$ref: '#/components/schemas/Nowhere'}}
    Tree: {{type: array, items: {{$ref: '#/components/schemas/Tree'}}}}
"
        ));
        assert_eq!(
            defs,
            ["struct Mixed { both?=both: Option<serde_json::Value>, \
              odd?=odd: Option<serde_json::Value>, dangling?=dangling: Option<serde_json::Value> }"]
        );
        assert_eq!(warnings.len(), 4, "{warnings:?}");
    }
}
