//! Validation that collects every violation before responding: RULEBOOK
//! §3.4.2 (ERROR-004, ERROR-005), with the unknown-parameter and
//! unknown-property checks of §3.13 (SEC-006).
//!
//! Generated code calls the small checkers below for each schema keyword (or
//! [`super::schema::Schemas::validate`], which walks a whole schema with them,
//! `pattern` included) and turns the collected [`Violations`] into one 400
//! `BadArgument` error.

use std::collections::HashSet;
use std::hash::Hash;

use http::StatusCode;
use serde_json::{Map, Value, json};

use super::error::{ApiError, ErrorDetail, codes};

/// One violation: the offending input in API spelling, a detail code and a
/// message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// `address.city`, `items[2].sku`, a query parameter or a header name.
    pub target: String,
    /// A detail code such as `NullValue` or `OutOfRange`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

/// The violations of one request, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations {
    items: Vec<Violation>,
}

/// The top-level message when several violations are reported.
pub const MULTIPLE_ERRORS_MESSAGE: &str = "Multiple errors in request";

impl Violations {
    /// No violations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a violation.
    pub fn push(&mut self, target: &str, code: &str, message: impl Into<String>) {
        self.items.push(Violation {
            target: target.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many violations were recorded.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The violations, in order.
    pub fn as_slice(&self) -> &[Violation] {
        &self.items
    }

    /// Appends the violations of `other`.
    pub fn extend(&mut self, other: Violations) {
        self.items.extend(other.items);
    }

    /// `Ok(())` when empty, else the 400 `BadArgument` error of §3.4.2.
    pub fn into_result(self) -> Result<(), ApiError> {
        match self.into_error(StatusCode::BAD_REQUEST, codes::BAD_ARGUMENT) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The error of §3.4.2 with the given status and top-level code (400
    /// `BadArgument` for schema violations; 422 `UnprocessableEntity` for
    /// semantic rules under `validationErrorStatus: split`).
    ///
    /// One violation: `{code, message: <its message>, target: <its target>,
    /// innererror: {code: <detail code>}}`. Several: `{code, message:
    /// "Multiple errors in request", details: [{code, target, message}, …]}`.
    pub fn into_error(self, status: StatusCode, code: &str) -> Option<ApiError> {
        let mut items = self.items;
        match items.len() {
            0 => None,
            1 => {
                let v = items.remove(0);
                Some(
                    ApiError::new(status, code, v.message)
                        .with_target(v.target)
                        .with_innererror(json!({ "code": v.code })),
                )
            }
            _ => Some(
                ApiError::new(status, code, MULTIPLE_ERRORS_MESSAGE).with_details(
                    items
                        .into_iter()
                        .map(|v| ErrorDetail {
                            code: v.code,
                            target: Some(v.target),
                            message: v.message,
                        })
                        .collect(),
                ),
            ),
        }
    }
}

/// `parent.name`, or `name` when `parent` is empty.
pub fn field_target(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// `parent[index]`.
pub fn index_target(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// `minLength`/`maxLength`, counted in characters (Unicode scalar values) →
/// `OutOfRange`.
pub fn check_length(
    v: &mut Violations,
    target: &str,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) {
    let len = value.chars().count();
    if let Some(min) = min
        && len < min
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be at least {min} characters long"),
        );
    } else if let Some(max) = max
        && len > max
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be at most {max} characters long"),
        );
    }
}

/// `enum` on strings → `InvalidValue`.
pub fn check_enum(v: &mut Violations, target: &str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        v.push(
            target,
            codes::INVALID_VALUE,
            format!("must be one of: {}", allowed.join(", ")),
        );
    }
}

/// Number bounds of a schema. Absent bounds are `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NumberBounds {
    /// `minimum` (inclusive).
    pub minimum: Option<f64>,
    /// `maximum` (inclusive).
    pub maximum: Option<f64>,
    /// `exclusiveMinimum` as a number (OpenAPI 3.1; 3.0's boolean form is
    /// converted by the generator).
    pub exclusive_minimum: Option<f64>,
    /// `exclusiveMaximum` as a number.
    pub exclusive_maximum: Option<f64>,
    /// `multipleOf` (> 0).
    pub multiple_of: Option<f64>,
}

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` →
/// `OutOfRange`; `multipleOf` → `InvalidValue`. A non-finite value →
/// `MalformedValue`.
pub fn check_number(v: &mut Violations, target: &str, value: f64, bounds: &NumberBounds) {
    if !value.is_finite() {
        v.push(target, codes::MALFORMED_VALUE, "must be a finite number");
        return;
    }
    if let Some(min) = bounds.minimum
        && value < min
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be at least {min}"),
        );
    } else if let Some(min) = bounds.exclusive_minimum
        && value <= min
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be greater than {min}"),
        );
    } else if let Some(max) = bounds.maximum
        && value > max
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be at most {max}"),
        );
    } else if let Some(max) = bounds.exclusive_maximum
        && value >= max
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be less than {max}"),
        );
    } else if let Some(m) = bounds.multiple_of
        && m > 0.0
    {
        let q = value / m;
        if (q - q.round()).abs() > 1e-9 * q.abs().max(1.0) {
            v.push(
                target,
                codes::INVALID_VALUE,
                format!("must be a multiple of {m}"),
            );
        }
    }
}

/// Integer bounds, inclusive (the generator turns exclusive bounds into
/// inclusive ones by ±1), and `multipleOf`. `OutOfRange` / `InvalidValue`.
pub fn check_integer(
    v: &mut Violations,
    target: &str,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
    multiple_of: Option<i64>,
) {
    if let Some(min) = min
        && value < min
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be at least {min}"),
        );
    } else if let Some(max) = max
        && value > max
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must be at most {max}"),
        );
    } else if let Some(m) = multiple_of
        && m != 0
        && value % m != 0
    {
        v.push(
            target,
            codes::INVALID_VALUE,
            format!("must be a multiple of {m}"),
        );
    }
}

/// `minItems`/`maxItems` → `OutOfRange`.
pub fn check_items(
    v: &mut Violations,
    target: &str,
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
) {
    if let Some(min) = min
        && len < min
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must have at least {min} items"),
        );
    } else if let Some(max) = max
        && len > max
    {
        v.push(
            target,
            codes::OUT_OF_RANGE,
            format!("must have at most {max} items"),
        );
    }
}

/// `uniqueItems` → `InvalidValue` at the first repeated item
/// (`target[index]`).
pub fn check_unique_items<T: PartialEq>(v: &mut Violations, target: &str, items: &[T]) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            push_duplicate(v, target, i);
            return;
        }
    }
}

/// `uniqueItems` over hashable keys (one per item, in order), in linear time:
/// `InvalidValue` at the first repeated item (`target[index]`).
pub fn check_unique_keys<K: Hash + Eq>(
    v: &mut Violations,
    target: &str,
    keys: impl IntoIterator<Item = K>,
) {
    let mut seen = HashSet::new();
    for (i, key) in keys.into_iter().enumerate() {
        if !seen.insert(key) {
            push_duplicate(v, target, i);
            return;
        }
    }
}

fn push_duplicate(v: &mut Violations, target: &str, index: usize) {
    v.push(
        &index_target(target, index),
        codes::INVALID_VALUE,
        "duplicates an earlier item; items must be unique",
    );
}

/// `required`: each name absent from `object` → `NullValue` at
/// `parent.name`.
pub fn check_required(
    v: &mut Violations,
    parent: &str,
    object: &Map<String, Value>,
    required: &[&str],
) {
    for name in required {
        if !object.contains_key(*name) {
            v.push(
                &field_target(parent, name),
                codes::NULL_VALUE,
                "is required",
            );
        }
    }
}

/// A `null` where the schema does not allow it → `NullValue`.
pub fn check_not_null(v: &mut Violations, target: &str, value: &Value) {
    if value.is_null() {
        v.push(target, codes::NULL_VALUE, "must not be null");
    }
}

/// Properties of `object` not in `known` → `UnknownField` at `parent.name`
/// (`additionalProperties` omitted or `false`, §3.13).
pub fn check_unknown_fields(
    v: &mut Violations,
    parent: &str,
    object: &Map<String, Value>,
    known: &[&str],
) {
    for name in object.keys() {
        if !known.contains(&name.as_str()) {
            v.push(
                &field_target(parent, name),
                codes::UNKNOWN_FIELD,
                "is not a known property",
            );
        }
    }
}

/// The JSON types of a schema's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// `string`
    String,
    /// `number`
    Number,
    /// `integer`
    Integer,
    /// `boolean`
    Boolean,
    /// `array`
    Array,
    /// `object`
    Object,
}

impl JsonType {
    /// The type named by a schema's `type` keyword (`"null"` and unknown
    /// names are `None`).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "string" => JsonType::String,
            "number" => JsonType::Number,
            "integer" => JsonType::Integer,
            "boolean" => JsonType::Boolean,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            _ => return None,
        })
    }

    /// `a string`, `an integer`, … for messages.
    pub fn name(self) -> &'static str {
        match self {
            JsonType::String => "a string",
            JsonType::Number => "a number",
            JsonType::Integer => "an integer",
            JsonType::Boolean => "a boolean",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }

    /// Whether `value` has this type (`null` never does).
    pub fn matches(self, value: &Value) -> bool {
        match self {
            JsonType::String => value.is_string(),
            JsonType::Number => value.is_number(),
            JsonType::Integer => {
                value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            JsonType::Boolean => value.is_boolean(),
            JsonType::Array => value.is_array(),
            JsonType::Object => value.is_object(),
        }
    }
}

/// The value's type is not `expected` → `MalformedValue` (`null` →
/// `NullValue`). Returns whether the type matched, so callers can skip the
/// keyword checks of a mistyped value.
pub fn check_type(v: &mut Violations, target: &str, value: &Value, expected: JsonType) -> bool {
    if expected.matches(value) {
        return true;
    }
    if value.is_null() {
        check_not_null(v, target, value);
    } else {
        v.push(
            target,
            codes::MALFORMED_VALUE,
            format!("must be {}", expected.name()),
        );
    }
    false
}

/// Query parameters whose names are not in `declared` → `UnknownParameter`,
/// each name once, in order (`unknownQueryParams: reject`).
pub fn check_unknown_query_params(v: &mut Violations, query: Option<&str>, declared: &[&str]) {
    check_unknown_query_params_by(v, query, |name| declared.contains(&name));
}

/// Query parameters for which `known` is false → `UnknownParameter`, each
/// name once, in order (for names that are not plain strings, such as the
/// `filter[status]` keys of a `deepObject` parameter).
pub fn check_unknown_query_params_by(
    v: &mut Violations,
    query: Option<&str>,
    known: impl Fn(&str) -> bool,
) {
    let mut seen: Vec<String> = Vec::new();
    for (name, _) in query_pairs(query.unwrap_or("")) {
        if !known(&name) && !seen.contains(&name) {
            v.push(
                &name,
                codes::UNKNOWN_PARAMETER,
                "is not a known query parameter",
            );
            seen.push(name);
        }
    }
}

/// Splits a raw query string into decoded `(name, value)` pairs, in order
/// (`+` is a space, `%XX` is decoded; invalid UTF-8 is replaced). Empty
/// segments are skipped.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (n, val) = s.split_once('=').unwrap_or((s, ""));
            (percent_decode(n), percent_decode(val))
        })
        .collect()
}

/// The first value of query parameter `name`, decoded.
pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    query_pairs(query.unwrap_or(""))
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

/// Decodes `application/x-www-form-urlencoded` text: `+` → space, `%XX` →
/// byte. Malformed escapes are kept as they are.
pub fn percent_decode(s: &str) -> String {
    percent_decode_with(s, true)
}

/// Decodes `%XX` escapes, and `+` as a space when `plus_as_space` (query
/// strings) but not otherwise (cookies, paths). Malformed escapes are kept as
/// they are; invalid UTF-8 becomes U+FFFD.
pub fn percent_decode_with(s: &str, plus_as_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_as_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn one_violation_uses_innererror() {
        let mut v = Violations::new();
        check_integer(&mut v, "limit", 0, Some(1), None, None);
        let e = v.into_result().unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            e.body(),
            json!({"code": "BadArgument", "message": "must be at least 1", "target": "limit",
                   "innererror": {"code": "OutOfRange"}})
        );
    }

    #[test]
    fn several_violations_are_aggregated() {
        let body = json!({"name": "", "items": [{"sku": 3}], "extra": 1, "note": null});
        let obj = body.as_object().unwrap();
        let mut v = Violations::new();
        check_required(&mut v, "", obj, &["name", "address"]);
        check_length(&mut v, "name", "", Some(1), Some(10));
        let sku = field_target(&index_target("items", 0), "sku");
        check_type(&mut v, &sku, &obj["items"][0]["sku"], JsonType::String);
        check_unknown_fields(&mut v, "", obj, &["name", "items", "address", "note"]);
        check_not_null(&mut v, "note", &obj["note"]);
        check_unknown_query_params(&mut v, Some("limit=2&debug=1&debug=2"), &["limit"]);
        assert_eq!(v.len(), 6);
        let e = v
            .into_error(StatusCode::BAD_REQUEST, codes::BAD_ARGUMENT)
            .unwrap();
        assert_eq!(
            e.body(),
            json!({"code": "BadArgument", "message": "Multiple errors in request", "details": [
                {"code": "NullValue", "target": "address", "message": "is required"},
                {"code": "OutOfRange", "target": "name", "message": "must be at least 1 characters long"},
                {"code": "MalformedValue", "target": "items[0].sku", "message": "must be a string"},
                {"code": "UnknownField", "target": "extra", "message": "is not a known property"},
                {"code": "NullValue", "target": "note", "message": "must not be null"},
                {"code": "UnknownParameter", "target": "debug", "message": "is not a known query parameter"},
            ]})
        );
    }

    #[test]
    fn empty_is_ok_and_422_is_available() {
        assert!(Violations::new().into_result().is_ok());
        let mut v = Violations::new();
        v.push("endDate", "DateOrder", "must be after startDate");
        let e = v
            .into_error(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::UNPROCESSABLE_ENTITY,
            )
            .unwrap();
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.body()["innererror"], json!({"code": "DateOrder"}));
    }

    #[test]
    fn lengths_count_characters() {
        let mut v = Violations::new();
        check_length(&mut v, "s", "日本語", Some(3), Some(3));
        assert!(v.is_empty());
        check_length(&mut v, "s", "日本語x", None, Some(3));
        assert_eq!(v.as_slice()[0].message, "must be at most 3 characters long");
    }

    #[test]
    fn enums_numbers_items() {
        let mut v = Violations::new();
        check_enum(&mut v, "role", "root", &["admin", "user"]);
        check_enum(&mut v, "role", "admin", &["admin", "user"]);
        let b = NumberBounds {
            minimum: Some(0.0),
            exclusive_maximum: Some(1.0),
            ..NumberBounds::default()
        };
        check_number(&mut v, "ratio", 1.0, &b);
        check_number(&mut v, "ratio", 0.5, &b);
        check_number(&mut v, "ratio", -0.1, &b);
        check_number(
            &mut v,
            "step",
            0.3,
            &NumberBounds {
                multiple_of: Some(0.1),
                ..NumberBounds::default()
            },
        );
        check_number(
            &mut v,
            "step",
            0.35,
            &NumberBounds {
                multiple_of: Some(0.1),
                ..NumberBounds::default()
            },
        );
        check_integer(&mut v, "n", 7, None, Some(10), Some(2));
        check_integer(&mut v, "n", 11, None, Some(10), None);
        check_items(&mut v, "tags", 0, Some(1), None);
        check_items(&mut v, "tags", 3, None, Some(2));
        check_unique_items(&mut v, "tags", &["a", "b", "a"]);
        check_unique_items(&mut v, "tags", &["a", "b"]);
        let got: Vec<(&str, &str, &str)> = v
            .as_slice()
            .iter()
            .map(|x| (x.target.as_str(), x.code.as_str(), x.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("role", "InvalidValue", "must be one of: admin, user"),
                ("ratio", "OutOfRange", "must be less than 1"),
                ("ratio", "OutOfRange", "must be at least 0"),
                ("step", "InvalidValue", "must be a multiple of 0.1"),
                ("n", "InvalidValue", "must be a multiple of 2"),
                ("n", "OutOfRange", "must be at most 10"),
                ("tags", "OutOfRange", "must have at least 1 items"),
                ("tags", "OutOfRange", "must have at most 2 items"),
                (
                    "tags[2]",
                    "InvalidValue",
                    "duplicates an earlier item; items must be unique"
                ),
            ]
        );
    }

    #[test]
    fn query_decoding() {
        assert_eq!(
            query_pairs("a=1&b=x+y%20z&&c&%7C=%zz"),
            [
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "x y z".to_owned()),
                ("c".to_owned(), String::new()),
                ("|".to_owned(), "%zz".to_owned()),
            ]
        );
        assert_eq!(query_param(Some("x=1&x=2"), "x").as_deref(), Some("1"));
        assert_eq!(query_param(None, "x"), None);
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%41"), "A");
    }

    #[test]
    fn integer_type_accepts_integral_floats() {
        assert!(JsonType::Integer.matches(&json!(3)));
        assert!(JsonType::Integer.matches(&json!(3.0)));
        assert!(!JsonType::Integer.matches(&json!(3.5)));
        let mut v = Violations::new();
        assert!(!check_type(&mut v, "x", &Value::Null, JsonType::Integer));
        assert_eq!(v.as_slice()[0].code, "NullValue");
    }
}
