//! Validation against the official OpenAPI JSON Schemas (vendored in
//! `schemas/`, see `schemas/PROVENANCE.md`), with errors rewritten into
//! messages a person can act on.
//!
//! The raw output of a JSON Schema validator on an OpenAPI document is a
//! wall of `oneOf` failures. Here each error is turned into one finding on the
//! node it is about: a missing field is reported on the object that lacks it,
//! an unknown field on its key, and for `oneOf`/`anyOf` only the branch that
//! came closest is explained.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;
use specfirst_source::SpecVersion;

const OAS_3_0: &str = include_str!("../schemas/oas-3.0.json");
const OAS_3_1: &str = include_str!("../schemas/oas-3.1.json");
const OAS_3_2: &str = include_str!("../schemas/oas-3.2.json");

/// Where on the instance a finding belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The node at the pointer.
    Value,
    /// The key of the node at the pointer (a missing field: the object that lacks it).
    Key,
}

/// One structural problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Pointer of the node in the validated instance.
    pub pointer: String,
    pub anchor: Anchor,
    pub message: String,
}

fn compile(text: &str) -> Option<Validator> {
    let schema: Value = serde_json::from_str(text).ok()?;
    jsonschema::options()
        .should_validate_formats(false)
        .build(&schema)
        .ok()
}

/// The compiled validator of an OpenAPI version (compiled once per process).
#[must_use]
pub fn validator(version: SpecVersion) -> Option<&'static Validator> {
    static V30: OnceLock<Option<Validator>> = OnceLock::new();
    static V31: OnceLock<Option<Validator>> = OnceLock::new();
    match version {
        SpecVersion::V3_0 => V30.get_or_init(|| compile(OAS_3_0)).as_ref(),
        SpecVersion::V3_1 => V31.get_or_init(|| compile(OAS_3_1)).as_ref(),
    }
}

/// The compiled validator of OpenAPI 3.2 (compiled once per process).
#[must_use]
pub fn validator_3_2() -> Option<&'static Validator> {
    static V32: OnceLock<Option<Validator>> = OnceLock::new();
    V32.get_or_init(|| compile(OAS_3_2)).as_ref()
}

/// Validates a whole document. A 3.2 document (which the rules read as 3.1)
/// is validated against the 3.2 schema: the 3.1 one refuses its `openapi`
/// version and every field 3.2 adds.
#[must_use]
pub fn validate_document(version: SpecVersion, instance: &Value) -> Vec<Finding> {
    let is_3_2 = instance
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.2."));
    let v = if version == SpecVersion::V3_1 && is_3_2 {
        validator_3_2()
    } else {
        validator(version)
    };
    let Some(v) = v else {
        return Vec::new();
    };
    if v.is_valid(instance) {
        return Vec::new();
    }
    humanize(v.iter_errors(instance), instance)
}

/// Turns raw validation errors into findings (deduplicated, in order).
pub fn humanize<'i>(
    errors: impl Iterator<Item = ValidationError<'i>>,
    instance: &Value,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in errors {
        explain(&e, instance, &mut out);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert((f.pointer.clone(), f.message.clone())));
    out
}

/// `info.version`-style name of a pointer.
#[must_use]
pub fn dotted(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the document".to_owned();
    }
    let parts: Vec<String> = specfirst_source::pointer::tokens(pointer)
        .map(std::borrow::Cow::into_owned)
        .collect();
    format!("`{}`", parts.join("."))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn expected_type(kind: &TypeKind) -> String {
    let name = |t: &str| match t {
        "object" => "a mapping".to_owned(),
        "array" => "a list".to_owned(),
        "string" => "a string".to_owned(),
        "integer" => "an integer".to_owned(),
        "number" => "a number".to_owned(),
        "boolean" => "a boolean".to_owned(),
        "null" => "null".to_owned(),
        other => other.to_owned(),
    };
    match kind {
        TypeKind::Single(t) => name(&t.to_string()),
        TypeKind::Multiple(set) => {
            let names: Vec<String> = set.iter().map(|t| name(&t.to_string())).collect();
            names.join(" or ")
        }
    }
}

fn explain(e: &ValidationError<'_>, instance: &Value, out: &mut Vec<Finding>) {
    let pointer = e.instance_path().as_str().to_owned();
    let here = specfirst_source::pointer::lookup(instance, &pointer);
    let what = dotted(&pointer);
    let push = |out: &mut Vec<Finding>, pointer: String, anchor: Anchor, message: String| {
        out.push(Finding {
            pointer,
            anchor,
            message,
        });
    };
    match e.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            let full = if pointer.is_empty() {
                format!("`{name}`")
            } else {
                format!("{}.{name}`", what.trim_end_matches('`'))
            };
            push(out, pointer, Anchor::Key, format!("{full} is required"));
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            for name in unexpected {
                let member = specfirst_source::pointer::push(&pointer, name);
                let hint = if name.starts_with('x') && !name.starts_with("x-") {
                    " (extensions start with `x-`)"
                } else {
                    ""
                };
                push(
                    out,
                    member,
                    Anchor::Key,
                    format!("unknown field `{name}` in {what}{hint}"),
                );
            }
        }
        ValidationErrorKind::Type { kind } => {
            let found = here.map_or("nothing", type_name);
            push(
                out,
                pointer,
                Anchor::Value,
                format!("{what} must be {}, found {found}", expected_type(kind)),
            );
        }
        ValidationErrorKind::Enum { options } => {
            let list: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(|o| format!("`{}`", scalar(o))).collect())
                .unwrap_or_default();
            let found = here.map_or_else(String::new, |h| format!(", found `{}`", scalar(h)));
            push(
                out,
                pointer,
                Anchor::Value,
                format!("{what} must be one of {}{found}", list.join(", ")),
            );
        }
        ValidationErrorKind::Constant { expected_value } => {
            push(
                out,
                pointer,
                Anchor::Value,
                format!("{what} must be `{}`", scalar(expected_value)),
            );
        }
        ValidationErrorKind::Pattern { pattern } => {
            let found = here.map_or_else(String::new, |h| format!("`{}` ", scalar(h)));
            push(
                out,
                pointer,
                Anchor::Value,
                format!("{what}: {found}does not match the pattern `{pattern}`"),
            );
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // Branches for another kind of node (they want another value of
            // the member most branches disagree on, such as `in: path`)
            // explain nothing. When every branch is for another kind, that
            // member itself is wrong: list what it may be.
            let tags: Vec<Option<(&str, &Value)>> =
                context.iter().map(|b| tag_mismatch(b, &pointer)).collect();
            let tag_member = tags.iter().flatten().map(|(m, _)| *m).max_by_key(|m| {
                tags.iter()
                    .filter(|t| t.is_some_and(|(other, _)| other == *m))
                    .count()
            });
            let other_kind = |t: &Option<(&str, &Value)>| {
                t.is_some_and(|(m, _)| Some(m) == tag_member) && context.len() > 1
            };
            if let Some(member) = tag_member.filter(|_| tags.iter().all(other_kind)) {
                let options: Vec<String> = tags
                    .iter()
                    .flatten()
                    .map(|(_, v)| format!("`{}`", scalar(v)))
                    .collect();
                let at = specfirst_source::pointer::lookup(instance, member);
                let found = at.map_or_else(String::new, |h| format!(", found `{}`", scalar(h)));
                push(
                    out,
                    member.to_owned(),
                    Anchor::Value,
                    format!(
                        "{} must be one of {}{found}",
                        dotted(member),
                        options.join(", ")
                    ),
                );
                return;
            }
            let same_kind: Vec<&Vec<ValidationError<'_>>> = context
                .iter()
                .zip(&tags)
                .filter(|(_, t)| !other_kind(t))
                .map(|(b, _)| b)
                .collect();
            let candidates: Vec<&Vec<ValidationError<'_>>> = if same_kind.is_empty() {
                context.iter().collect()
            } else {
                same_kind
            };
            match best_branch(&candidates, &pointer, here) {
                Some(branch) => {
                    for inner in branch {
                        explain(inner, instance, out);
                    }
                }
                None => push(
                    out,
                    pointer,
                    Anchor::Value,
                    format!("{what} is not a valid value here"),
                ),
            }
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => push(
            out,
            pointer,
            Anchor::Value,
            format!("{what} matches more than one of the allowed forms"),
        ),
        ValidationErrorKind::FalseSchema => push(
            out,
            pointer.clone(),
            Anchor::Key,
            format!("{what} is not allowed here"),
        ),
        _ => push(out, pointer, Anchor::Value, format!("{what}: {e}")),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The member and the one value a branch wants when it rejects the node
/// with a one-value `enum` (or a `const`) on a direct member: a tag such as
/// `in: path` or `type: apiKey`, so the branch is for another kind of node.
fn tag_mismatch<'a>(
    errors: &'a [ValidationError<'_>],
    pointer: &str,
) -> Option<(&'a str, &'a Value)> {
    errors.iter().find_map(|e| {
        let member = e.instance_path().as_str();
        let name = member.strip_prefix(pointer)?.strip_prefix('/')?;
        if name.contains('/') {
            return None;
        }
        let wanted: &Value = match e.kind() {
            ValidationErrorKind::Enum { options } => match options.as_array() {
                Some(one) if one.len() == 1 => &one[0],
                _ => return None,
            },
            ValidationErrorKind::Constant { expected_value } => expected_value,
            _ => return None,
        };
        Some((member, wanted))
    })
}

/// The `oneOf`/`anyOf` branch that came closest to matching: not the
/// Reference branch for a node without `$ref`, then the one whose errors are
/// deepest and fewest.
fn best_branch<'a, 'e>(
    branches: &[&'a Vec<ValidationError<'e>>],
    pointer: &str,
    here: Option<&Value>,
) -> Option<&'a Vec<ValidationError<'e>>> {
    let has_ref = here.and_then(|h| h.get("$ref")).is_some();
    branches
        .iter()
        .copied()
        .filter(|errors| !errors.is_empty())
        .filter(|errors| {
            // The Reference branch fails with "`$ref` is required" on a non-reference.
            has_ref
                || !errors.iter().any(|e| {
                    e.instance_path().as_str() == pointer
                        && matches!(e.kind(), ValidationErrorKind::Required { property } if property.as_str() == Some("$ref"))
                })
        })
        .filter(|errors| {
            // A branch that rejects the node's type outright is a poor explanation.
            !errors.iter().any(|e| {
                e.instance_path().as_str() == pointer
                    && matches!(e.kind(), ValidationErrorKind::Type { .. })
            }) || branches.len() == 1
        })
        .max_by_key(|errors| {
            let depth = errors
                .iter()
                .map(|e| e.instance_path().as_str().matches('/').count())
                .max()
                .unwrap_or(0);
            (depth, std::cmp::Reverse(errors.len()))
        })
        .or_else(|| branches.iter().copied().find(|e| !e.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(version: SpecVersion, doc: &Value) -> Vec<(String, String)> {
        validate_document(version, doc)
            .into_iter()
            .map(|f| (f.pointer, f.message))
            .collect()
    }

    #[test]
    fn schemas_compile() {
        assert!(validator(SpecVersion::V3_0).is_some());
        assert!(validator(SpecVersion::V3_1).is_some());
        assert!(validator_3_2().is_some());
    }

    #[test]
    fn missing_info_version_is_named() {
        let doc = json!({"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}});
        assert_eq!(
            messages(SpecVersion::V3_0, &doc),
            vec![("/info".to_owned(), "`info.version` is required".to_owned())]
        );
        let doc = json!({"openapi": "3.1.0", "info": {"title": "t"}, "paths": {}});
        assert_eq!(
            messages(SpecVersion::V3_1, &doc),
            vec![("/info".to_owned(), "`info.version` is required".to_owned())]
        );
    }

    #[test]
    fn bad_parameter_gets_one_clear_message() {
        let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
            "/a": {"get": {"parameters": [{"name": "x", "in": "querry", "schema": {"type": "string"}}],
                           "responses": {"200": {"description": "ok"}}}}}});
        let m = messages(SpecVersion::V3_0, &doc);
        assert!(!m.is_empty());
        assert!(
            m.iter()
                .all(|(p, _)| p.starts_with("/paths/~1a/get/parameters/0")),
            "{m:?}"
        );
        assert!(m.iter().any(|(_, msg)| msg.contains("querry")), "{m:?}");
    }

    #[test]
    fn alternatives_for_another_kind_of_node_are_not_explained() {
        let doc = |param: Value| {
            json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
                "/a/{x}": {"get": {"parameters": [param], "responses": {"200": {"description": "ok"}}}}}})
        };
        // A path parameter without `required`: not "`in` must be `cookie`".
        let m = messages(
            SpecVersion::V3_0,
            &doc(json!({"name": "x", "in": "path", "schema": {"type": "string"}})),
        );
        assert_eq!(
            m,
            vec![(
                "/paths/~1a~1{x}/get/parameters/0".to_owned(),
                "`paths./a/{x}.get.parameters.0.required` is required".to_owned()
            )]
        );
        // A misspelt location: every location is listed.
        let m = messages(
            SpecVersion::V3_0,
            &doc(json!({"name": "x", "in": "querry", "schema": {"type": "string"}})),
        );
        assert_eq!(
            m,
            vec![(
                "/paths/~1a~1{x}/get/parameters/0/in".to_owned(),
                "`paths./a/{x}.get.parameters.0.in` must be one of `path`, `query`, `header`, `cookie`, found `querry`".to_owned()
            )]
        );
    }

    #[test]
    fn unknown_field_is_reported_on_its_key() {
        let doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1", "colour": 1}, "paths": {}});
        assert_eq!(
            messages(SpecVersion::V3_1, &doc),
            vec![(
                "/info/colour".to_owned(),
                "unknown field `colour` in `info`".to_owned()
            )]
        );
    }
}
