//! Reading parameters: raw path, query, header and cookie strings become
//! JSON values by the parameter's schema, `style` and `explode` (OpenAPI
//! "Style Values"), ready for [`super::schema::Schemas::validate`].
//!
//! A value that cannot be read as its type is a `MalformedValue` violation
//! targeted at the parameter (`ids[2]`, `filter.status`), collected with the
//! others (§3.4.2). Supported: `integer`, `number`, `boolean` and `string`
//! (a string stays as sent, even when it looks numeric), nullability (an
//! empty value is `null` for a nullable non-string), arrays in the `form`,
//! `simple`, `spaceDelimited`, `pipeDelimited`, `label` and `matrix` styles,
//! and objects as `deepObject`, `form`/`simple` `k,v,k,v` lists and
//! `simple`/`label` exploded `k=v` lists. Exploded `form` objects (whose
//! properties are query parameters of their own) are not read: they stay
//! strings. Text that was not valid UTF-8 after percent-decoding (it holds
//! U+FFFD) is malformed.

use http::HeaderMap;
use serde_json::{Map, Number, Value};

use super::error::codes;
use super::schema::Schemas;
use super::validation::{
    Violations, check_unknown_query_params_by, field_target, index_target, percent_decode_with,
    query_pairs,
};

/// Nesting of `name[a][b]…` keys read by [`deep_object`].
const MAX_DEEP_OBJECT_DEPTH: usize = 8;

/// Where a parameter comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A path segment (already percent-decoded by the router).
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie of the `Cookie` header.
    Cookie,
}

impl Location {
    /// The default `style`: `simple` for path and header parameters, `form`
    /// for query and cookie parameters.
    pub fn default_style(self) -> &'static str {
        match self {
            Location::Path | Location::Header => "simple",
            Location::Query | Location::Cookie => "form",
        }
    }

    /// The default `explode` of a style: true for `form`, false otherwise.
    pub fn default_explode(style: &str) -> bool {
        style == "form"
    }
}

/// The values of query parameter `name`, one per occurrence, decoded (`+` is
/// a space; invalid UTF-8 becomes U+FFFD).
pub fn query_values(query: Option<&str>, name: &str) -> Vec<String> {
    query_pairs(query.unwrap_or(""))
        .into_iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v)
        .collect()
}

/// The `deepObject` fields of query parameter `name`: `name[a]=1&name[b][c]=2`
/// → `{"a": "1", "b": {"c": "2"}}`, a repeated key → an array of strings.
/// Keys nested deeper than 8 levels, and keys that conflict with an earlier
/// one, are dropped.
pub fn deep_object(query: Option<&str>, name: &str) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in query_pairs(query.unwrap_or("")) {
        let Some(rest) = key.strip_prefix(name) else {
            continue;
        };
        let Some(path) = bracket_path(rest) else {
            continue;
        };
        insert_deep(&mut out, &path, value);
    }
    out
}

/// `[a][b]` → `["a", "b"]`; anything else → `None`.
fn bracket_path(mut rest: &str) -> Option<Vec<&str>> {
    let mut path = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let end = inner.find(']')?;
        path.push(&inner[..end]);
        rest = &inner[end + 1..];
        if path.len() > MAX_DEEP_OBJECT_DEPTH {
            return None;
        }
    }
    (!path.is_empty() && path.iter().all(|k| !k.is_empty())).then_some(path)
}

fn insert_deep(map: &mut Map<String, Value>, path: &[&str], value: String) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut map = map;
    for key in parents {
        let slot = map
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        match slot {
            Value::Object(m) => map = m,
            _ => return,
        }
    }
    match map.get_mut(*last) {
        None => {
            map.insert((*last).to_owned(), Value::String(value));
        }
        Some(Value::Array(items)) => items.push(Value::String(value)),
        Some(slot @ Value::String(_)) => {
            let first = slot.take();
            *slot = Value::Array(vec![first, Value::String(value)]);
        }
        Some(_) => {}
    }
}

/// The value of header `name`: its field lines joined with `, `, as one
/// string (none when absent). Bytes that are not UTF-8 become U+FFFD.
pub fn header_values(headers: &HeaderMap, name: &str) -> Vec<String> {
    let lines: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    if lines.is_empty() {
        Vec::new()
    } else {
        vec![lines.join(", ")]
    }
}

/// The value of cookie `name` (the first one sent), without surrounding
/// quotes and percent-decoded (`+` stays a plus).
pub fn cookie_values(headers: &HeaderMap, name: &str) -> Vec<String> {
    for line in headers.get_all(http::header::COOKIE) {
        let line = String::from_utf8_lossy(line.as_bytes());
        for pair in line.split(';') {
            if let Some((n, v)) = pair.trim().split_once('=')
                && n.trim() == name
            {
                let v = v.trim();
                let v = v
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(v);
                return vec![percent_decode_with(v, false)];
            }
        }
    }
    Vec::new()
}

/// Query parameters that are neither `declared` nor a `name[...]` key of one
/// of the `deep_objects` parameters → `UnknownParameter` (§3.0 step 10).
pub fn check_unknown_query(
    violations: &mut Violations,
    query: Option<&str>,
    declared: &[&str],
    deep_objects: &[&str],
) {
    check_unknown_query_params_by(violations, query, |name| {
        declared.contains(&name)
            || deep_objects.iter().any(|d| {
                name.strip_prefix(d)
                    .is_some_and(|rest| rest.starts_with('['))
            })
    });
}

/// Coerces the raw values of one parameter (one per occurrence in the query;
/// one for path, header and cookie) into a JSON value per its schema (the
/// type found through `$ref`, 3.1 type arrays and `anyOf`/`oneOf`/`allOf`),
/// `style` and `explode`. `None` when the parameter is absent (`raw` is
/// empty) or malformed; a value that cannot be read is a `MalformedValue`
/// violation at `name`. `deepObject` parameters are read with
/// [`deep_object`] and [`coerce_object`] instead.
pub fn coerce(
    schemas: &Schemas,
    schema: &Value,
    name: &str,
    raw: &[String],
    style: &str,
    explode: bool,
    violations: &mut Violations,
) -> Option<Value> {
    if raw.is_empty() {
        return None;
    }
    let primitive = schemas.primitive(schema);
    match primitive.map(|p| p.ty) {
        Some("array") => {
            let items = primitive.and_then(|p| p.schema.get("items"));
            let pieces = split_array(name, raw, style, explode);
            let mut out = Vec::with_capacity(pieces.len());
            let mut ok = true;
            for (i, piece) in pieces.iter().enumerate() {
                let target = index_target(name, i);
                match items {
                    Some(items) => match scalar(schemas, items, &target, piece, violations) {
                        Some(v) => out.push(v),
                        None => ok = false,
                    },
                    None => out.push(Value::String(piece.clone())),
                }
            }
            ok.then_some(Value::Array(out))
        }
        Some("object") if style != "deepObject" && !(style == "form" && explode) => {
            let text = single(name, raw, violations)?;
            let fields = split_object(name, text, style, explode, violations)?;
            coerce_object(schemas, schema, name, &fields, violations)
        }
        _ => {
            let text = single(name, raw, violations)?;
            let text = strip_style_prefix(name, text, style);
            scalar(schemas, schema, name, text, violations)
        }
    }
}

/// Coerces the string fields of an object parameter (from [`deep_object`],
/// or a `k,v` list) by the schemas of its properties; fields the schema does
/// not know stay strings (validation reports them). `None` when there are no
/// fields (the parameter is absent) or a field is malformed.
pub fn coerce_object(
    schemas: &Schemas,
    schema: &Value,
    name: &str,
    fields: &Map<String, Value>,
    violations: &mut Violations,
) -> Option<Value> {
    if fields.is_empty() {
        return None;
    }
    coerce_fields(schemas, Some(schema), name, fields, violations, 0).map(Value::Object)
}

fn coerce_fields(
    schemas: &Schemas,
    schema: Option<&Value>,
    name: &str,
    fields: &Map<String, Value>,
    violations: &mut Violations,
    depth: usize,
) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    let mut ok = true;
    for (key, value) in fields {
        let target = field_target(name, key);
        let prop = schema.and_then(|s| schemas.property(s, key));
        let coerced = match (value, prop) {
            (Value::Object(inner), _) if depth < MAX_DEEP_OBJECT_DEPTH => {
                coerce_fields(schemas, prop, &target, inner, violations, depth + 1)
                    .map(Value::Object)
            }
            (Value::Array(items), Some(prop)) => {
                let raw: Vec<String> = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect();
                coerce(schemas, prop, &target, &raw, "form", true, violations)
            }
            (Value::String(s), Some(prop)) => coerce(
                schemas,
                prop,
                &target,
                std::slice::from_ref(s),
                "form",
                false,
                violations,
            ),
            (other, _) => Some(other.clone()),
        };
        match coerced {
            Some(v) => {
                out.insert(key.clone(), v);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// The one value of a non-array parameter; a repeated one is malformed.
fn single<'r>(name: &str, raw: &'r [String], violations: &mut Violations) -> Option<&'r str> {
    match raw {
        [one] => Some(one),
        _ => {
            violations.push(
                name,
                codes::MALFORMED_VALUE,
                format!("{name} must be given only once"),
            );
            None
        }
    }
}

/// `label` (`.v`) and `matrix` (`;name=v`) prefixes.
fn strip_style_prefix<'t>(name: &str, text: &'t str, style: &str) -> &'t str {
    match style {
        "label" => text.strip_prefix('.').unwrap_or(text),
        "matrix" => text
            .strip_prefix(';')
            .and_then(|t| t.strip_prefix(name))
            .map(|t| t.strip_prefix('=').unwrap_or(t))
            .unwrap_or(text),
        _ => text,
    }
}

/// The items of an array parameter by style.
fn split_array(name: &str, raw: &[String], style: &str, explode: bool) -> Vec<String> {
    let sep = match style {
        "spaceDelimited" => ' ',
        "pipeDelimited" => '|',
        _ => ',',
    };
    let split = |text: &str, sep: &str| -> Vec<String> {
        if text.is_empty() {
            Vec::new()
        } else {
            text.split(sep).map(str::to_owned).collect()
        }
    };
    match (style, explode) {
        ("form" | "spaceDelimited" | "pipeDelimited", true) => raw.to_vec(),
        ("simple", _) => raw
            .iter()
            .flat_map(|r| split(r, ","))
            .map(|s| s.trim_matches([' ', '\t']).to_owned())
            .collect(),
        ("label", _) => {
            let sep = if explode { "." } else { "," };
            raw.iter()
                .flat_map(|r| split(r.strip_prefix('.').unwrap_or(r), sep))
                .collect()
        }
        ("matrix", true) => {
            let key = format!(";{name}=");
            raw.iter()
                .flat_map(|r| {
                    r.split(key.as_str())
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .collect()
        }
        ("matrix", false) => raw
            .iter()
            .flat_map(|r| split(strip_style_prefix(name, r, "matrix"), ","))
            .collect(),
        _ => raw
            .iter()
            .flat_map(|r| split(r, sep.encode_utf8(&mut [0; 4])))
            .collect(),
    }
}

/// The fields of an object parameter written as `k,v,k,v` or, exploded in
/// `simple`/`label` style, `k=v,k=v`.
fn split_object(
    name: &str,
    text: &str,
    style: &str,
    explode: bool,
    violations: &mut Violations,
) -> Option<Map<String, Value>> {
    let text = strip_style_prefix(name, text, style);
    let mut fields = Map::new();
    if text.is_empty() {
        return Some(fields);
    }
    let sep = if style == "label" && explode {
        '.'
    } else {
        ','
    };
    let parts: Vec<&str> = text.split(sep).collect();
    if explode {
        for part in parts {
            let Some((k, v)) = part.split_once('=') else {
                violations.push(
                    name,
                    codes::MALFORMED_VALUE,
                    format!("{name} must be a list of name=value pairs"),
                );
                return None;
            };
            fields.insert(k.to_owned(), Value::String(v.to_owned()));
        }
    } else {
        if !parts.len().is_multiple_of(2) {
            violations.push(
                name,
                codes::MALFORMED_VALUE,
                format!("{name} must be a list of name,value pairs"),
            );
            return None;
        }
        for pair in parts.chunks(2) {
            fields.insert(pair[0].to_owned(), Value::String(pair[1].to_owned()));
        }
    }
    Some(fields)
}

/// One primitive value by the schema's type; anything that is not an
/// integer, number or boolean stays a string.
fn scalar(
    schemas: &Schemas,
    schema: &Value,
    target: &str,
    text: &str,
    violations: &mut Violations,
) -> Option<Value> {
    if text.contains('\u{FFFD}') {
        violations.push(
            target,
            codes::MALFORMED_VALUE,
            format!("{target} is not valid UTF-8 text"),
        );
        return None;
    }
    let primitive = schemas.primitive(schema);
    let ty = primitive.map_or("string", |p| p.ty);
    let nullable = primitive.is_some_and(|p| p.nullable);
    if nullable && ty != "string" && text.is_empty() {
        return Some(Value::Null);
    }
    let parsed = match ty {
        "integer" => parse_integer(text),
        "number" => parse_number(text),
        "boolean" => match text {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => Some(Value::String(text.to_owned())),
    };
    if parsed.is_none() {
        let what = match ty {
            "integer" => "an integer",
            "number" => "a number",
            _ => "true or false",
        };
        violations.push(
            target,
            codes::MALFORMED_VALUE,
            format!("{target} must be {what}"),
        );
    }
    parsed
}

/// Decimal digits with an optional sign, within i64 (or u64).
fn parse_integer(text: &str) -> Option<Value> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Ok(i) = text.parse::<i64>() {
        return Some(Value::Number(i.into()));
    }
    text.parse::<u64>().ok().map(|u| Value::Number(u.into()))
}

/// A JSON-like decimal number (no `inf`, `NaN` or hex); integers stay
/// integers.
fn parse_number(text: &str) -> Option<Value> {
    if let Some(v) = parse_integer(text) {
        return Some(v);
    }
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    let f: f64 = text.parse().ok()?;
    Number::from_f64(f).map(Value::Number)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use serde_json::json;

    fn schemas() -> Schemas {
        Schemas::new(json!({"$defs": {
            "Id": {"type": ["integer", "null"]},
            "Ids": {"type": "array", "items": {"$ref": "#/$defs/Id"}},
            "Status": {"type": "string", "enum": ["open", "closed"]},
            "Filter": {"type": "object", "properties": {
                "status": {"$ref": "#/$defs/Status"},
                "minPrice": {"type": "number"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "range": {"type": "object", "properties": {"from": {"type": "integer"}}}}},
            "Point": {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}},
            "Either": {"anyOf": [{"type": "boolean"}, {"type": "null"}]}
        }}))
    }

    fn raw(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    /// `(value, violations as (target, code, message))`.
    fn run(
        schema: Value,
        items: &[&str],
        style: &str,
        explode: bool,
    ) -> (Option<Value>, Vec<(String, String, String)>) {
        let s = schemas();
        let mut v = Violations::new();
        let out = coerce(&s, &schema, "p", &raw(items), style, explode, &mut v);
        let found = v
            .as_slice()
            .iter()
            .map(|x| (x.target.clone(), x.code.clone(), x.message.clone()))
            .collect();
        (out, found)
    }

    fn value(schema: Value, items: &[&str], style: &str, explode: bool) -> Value {
        let (out, found) = run(schema, items, style, explode);
        assert!(found.is_empty(), "{found:?}");
        out.unwrap()
    }

    fn malformed(schema: Value, items: &[&str], style: &str, explode: bool) -> Vec<String> {
        let (out, found) = run(schema, items, style, explode);
        assert_eq!(out, None);
        assert!(
            found.iter().all(|(_, c, _)| c == "MalformedValue"),
            "{found:?}"
        );
        found
            .into_iter()
            .map(|(t, _, m)| format!("{t}: {m}"))
            .collect()
    }

    #[test]
    fn primitives() {
        let int = json!({"type": "integer"});
        assert_eq!(value(int.clone(), &["42"], "form", true), json!(42));
        assert_eq!(value(int.clone(), &["-7"], "form", true), json!(-7));
        assert_eq!(value(int.clone(), &["+7"], "form", true), json!(7));
        assert_eq!(
            value(int.clone(), &["18446744073709551615"], "form", true),
            json!(u64::MAX)
        );
        assert_eq!(
            malformed(int.clone(), &["18446744073709551616"], "form", true),
            ["p: p must be an integer"]
        );
        assert_eq!(malformed(int.clone(), &["3.0"], "form", true).len(), 1);
        assert_eq!(malformed(int.clone(), &["0x10"], "form", true).len(), 1);
        assert_eq!(malformed(int.clone(), &[""], "form", true).len(), 1);
        assert_eq!(malformed(int.clone(), &[" 1"], "form", true).len(), 1);
        let num = json!({"type": "number"});
        assert_eq!(value(num.clone(), &["1.5"], "form", true), json!(1.5));
        assert_eq!(value(num.clone(), &["2"], "form", true), json!(2));
        assert_eq!(value(num.clone(), &["-1e3"], "form", true), json!(-1000.0));
        assert_eq!(
            value(
                num.clone(),
                &["123456789012345678901234567890"],
                "form",
                true
            ),
            json!(1.2345678901234568e29)
        );
        for bad in ["inf", "NaN", "1e999", "-infinity", "1,5", "", "e5", "0x1p3"] {
            assert_eq!(
                malformed(num.clone(), &[bad], "form", true),
                ["p: p must be a number"],
                "{bad}"
            );
        }
        let b = json!({"type": "boolean"});
        assert_eq!(value(b.clone(), &["true"], "form", true), json!(true));
        assert_eq!(value(b.clone(), &["false"], "form", true), json!(false));
        assert_eq!(
            malformed(b, &["TRUE"], "form", true),
            ["p: p must be true or false"]
        );
        // Strings stay strings, even numeric ones; no type reads as a string.
        assert_eq!(
            value(json!({"type": "string"}), &["007"], "form", true),
            json!("007")
        );
        assert_eq!(value(json!({}), &["12"], "form", true), json!("12"));
        assert_eq!(
            value(json!({"type": "string"}), &[""], "form", true),
            json!("")
        );
    }

    #[test]
    fn absent_repeated_and_nullable() {
        assert_eq!(
            run(json!({"type": "integer"}), &[], "form", true),
            (None, vec![])
        );
        assert_eq!(
            malformed(json!({"type": "integer"}), &["1", "2"], "form", true),
            ["p: p must be given only once"]
        );
        let id = json!({"$ref": "#/$defs/Id"});
        assert_eq!(value(id.clone(), &[""], "form", true), Value::Null);
        assert_eq!(value(id, &["5"], "simple", false), json!(5));
        assert_eq!(
            value(json!({"$ref": "#/$defs/Either"}), &["true"], "form", true),
            json!(true)
        );
        assert_eq!(
            value(json!({"$ref": "#/$defs/Either"}), &[""], "form", true),
            Value::Null
        );
        assert_eq!(
            value(
                json!({"type": "string", "nullable": true}),
                &[""],
                "form",
                true
            ),
            json!("")
        );
    }

    #[test]
    fn array_styles() {
        let ids = json!({"$ref": "#/$defs/Ids"});
        assert_eq!(value(ids.clone(), &["1", "2"], "form", true), json!([1, 2]));
        assert_eq!(
            value(ids.clone(), &["1,2,3"], "form", false),
            json!([1, 2, 3])
        );
        assert_eq!(value(ids.clone(), &[""], "form", false), json!([]));
        assert_eq!(
            value(ids.clone(), &["1, 2"], "simple", false),
            json!([1, 2])
        );
        assert_eq!(
            value(ids.clone(), &["1 2"], "spaceDelimited", false),
            json!([1, 2])
        );
        assert_eq!(
            value(ids.clone(), &["1|2"], "pipeDelimited", false),
            json!([1, 2])
        );
        assert_eq!(
            value(ids.clone(), &["1", "2"], "pipeDelimited", true),
            json!([1, 2])
        );
        assert_eq!(value(ids.clone(), &[".1,2"], "label", false), json!([1, 2]));
        assert_eq!(value(ids.clone(), &[".1.2"], "label", true), json!([1, 2]));
        assert_eq!(
            value(ids.clone(), &[";p=1,2"], "matrix", false),
            json!([1, 2])
        );
        assert_eq!(
            value(ids.clone(), &[";p=1;p=2"], "matrix", true),
            json!([1, 2])
        );
        // Nullable items read empty pieces as null.
        assert_eq!(
            value(ids.clone(), &["1,,2"], "form", false),
            json!([1, null, 2])
        );
        let strings = json!({"type": "array", "items": {"type": "integer"}});
        assert_eq!(
            malformed(strings, &["1,x,3,y"], "form", false),
            [
                "p[1]: p[1] must be an integer",
                "p[3]: p[3] must be an integer"
            ]
        );
        // Items without a schema stay strings.
        assert_eq!(
            value(json!({"type": "array"}), &["a,b"], "form", false),
            json!(["a", "b"])
        );
    }

    #[test]
    fn object_styles() {
        let point = json!({"$ref": "#/$defs/Point"});
        assert_eq!(
            value(point.clone(), &["x,1,y,2"], "form", false),
            json!({"x": 1, "y": 2})
        );
        assert_eq!(
            value(point.clone(), &["x,1,y,2"], "simple", false),
            json!({"x": 1, "y": 2})
        );
        assert_eq!(
            value(point.clone(), &["x=1,y=2"], "simple", true),
            json!({"x": 1, "y": 2})
        );
        assert_eq!(
            value(point.clone(), &[".x=1.y=2"], "label", true),
            json!({"x": 1, "y": 2})
        );
        assert_eq!(
            value(point.clone(), &["x,1,z,q"], "form", false),
            json!({"x": 1, "z": "q"})
        );
        assert_eq!(
            malformed(point.clone(), &["x,1,y"], "form", false),
            ["p: p must be a list of name,value pairs"]
        );
        assert_eq!(
            malformed(point.clone(), &["x=1,y"], "simple", true),
            ["p: p must be a list of name=value pairs"]
        );
        assert_eq!(
            malformed(point.clone(), &["x,a"], "form", false),
            ["p.x: p.x must be an integer"]
        );
        // Exploded form objects are not read here.
        assert_eq!(value(point, &["x=1"], "form", true), json!("x=1"));
    }

    #[test]
    fn deep_objects() {
        let q = Some(
            "filter[status]=open&filter%5BminPrice%5D=9.5&filter[tags]=a&filter[tags]=b&filter[range][from]=3&other=1&filter=x&filter[]=y&filter[a]b=z",
        );
        let fields = deep_object(q, "filter");
        assert_eq!(
            Value::Object(fields.clone()),
            json!({"status": "open", "minPrice": "9.5", "tags": ["a", "b"], "range": {"from": "3"}})
        );
        let s = schemas();
        let mut v = Violations::new();
        let out = coerce_object(
            &s,
            &json!({"$ref": "#/$defs/Filter"}),
            "filter",
            &fields,
            &mut v,
        );
        assert!(v.is_empty());
        assert_eq!(
            out.unwrap(),
            json!({"status": "open", "minPrice": 9.5, "tags": ["a", "b"], "range": {"from": 3}})
        );
        let bad = deep_object(
            Some("filter[minPrice]=cheap&filter[range][from]=x&filter[extra]=1"),
            "filter",
        );
        let out = coerce_object(
            &s,
            &json!({"$ref": "#/$defs/Filter"}),
            "filter",
            &bad,
            &mut v,
        );
        assert_eq!(out, None);
        let targets: Vec<&str> = v.as_slice().iter().map(|x| x.target.as_str()).collect();
        assert_eq!(targets, ["filter.minPrice", "filter.range.from"]);
        // Absent, conflicting and too deep keys.
        assert!(deep_object(None, "filter").is_empty());
        assert_eq!(
            coerce_object(
                &s,
                &json!({}),
                "filter",
                &Map::new(),
                &mut Violations::new()
            ),
            None
        );
        let conflict = deep_object(Some("f[a]=1&f[a][b]=2"), "f");
        assert_eq!(Value::Object(conflict), json!({"a": "1"}));
        let deep = format!("f{}=1", "[k]".repeat(50));
        assert!(deep_object(Some(&deep), "f").is_empty());
    }

    #[test]
    fn query_header_and_cookie_sources() {
        assert_eq!(query_values(Some("a=1&b=2&a=x+y%2Cz"), "a"), ["1", "x y,z"]);
        assert!(query_values(None, "a").is_empty());
        let mut h = HeaderMap::new();
        h.append("x-tags", HeaderValue::from_static("a, b"));
        h.append("x-tags", HeaderValue::from_static("c"));
        h.append(
            "cookie",
            HeaderValue::from_static("theme=dark; sid=\"a%20b+c\""),
        );
        h.append("cookie", HeaderValue::from_static("sid=second"));
        h.append("x-bin", HeaderValue::from_bytes(b"caf\xe9").unwrap());
        assert_eq!(header_values(&h, "x-tags"), ["a, b, c"]);
        assert_eq!(header_values(&h, "X-Tags"), ["a, b, c"]);
        assert!(header_values(&h, "x-none").is_empty());
        assert_eq!(cookie_values(&h, "sid"), ["a b+c"]);
        assert_eq!(cookie_values(&h, "theme"), ["dark"]);
        assert!(cookie_values(&h, "the").is_empty());
        let s = schemas();
        let mut v = Violations::new();
        let tags = coerce(
            &s,
            &json!({"type": "array", "items": {"type": "string"}}),
            "x-tags",
            &header_values(&h, "x-tags"),
            "simple",
            false,
            &mut v,
        );
        assert_eq!(tags.unwrap(), json!(["a", "b", "c"]));
        let bin = coerce(
            &s,
            &json!({"type": "string"}),
            "x-bin",
            &header_values(&h, "x-bin"),
            "simple",
            false,
            &mut v,
        );
        assert_eq!(bin, None);
        assert_eq!(v.as_slice()[0].message, "x-bin is not valid UTF-8 text");
    }

    #[test]
    fn non_utf8_percent_escapes_are_malformed() {
        let vals = query_values(Some("q=%FF%FE&q2=%C3%A9"), "q");
        assert_eq!(
            malformed(json!({"type": "string"}), &[vals[0].as_str()], "form", true),
            ["p: p is not valid UTF-8 text"]
        );
        assert_eq!(query_values(Some("q2=%C3%A9"), "q2"), ["é"]);
        assert_eq!(query_values(Some("q=%C3"), "q"), ["\u{FFFD}"]);
    }

    #[test]
    fn unknown_query_parameters() {
        let mut v = Violations::new();
        check_unknown_query(
            &mut v,
            Some("limit=1&filter[status]=open&filterx=1&filter=2&sort=a&sort=b"),
            &["limit"],
            &["filter"],
        );
        let targets: Vec<&str> = v.as_slice().iter().map(|x| x.target.as_str()).collect();
        assert_eq!(targets, ["filterx", "filter", "sort"]);
        assert!(v.as_slice().iter().all(|x| x.code == "UnknownParameter"));
    }

    #[test]
    fn locations_have_default_styles() {
        assert_eq!(Location::Path.default_style(), "simple");
        assert_eq!(Location::Header.default_style(), "simple");
        assert_eq!(Location::Query.default_style(), "form");
        assert_eq!(Location::Cookie.default_style(), "form");
        assert!(Location::default_explode("form"));
        assert!(!Location::default_explode("simple"));
    }

    #[test]
    fn coerced_values_then_validate() {
        let s = schemas();
        let mut v = Violations::new();
        let schema = json!({"type": "integer", "minimum": 1, "maximum": 100});
        let limit = coerce(&s, &schema, "limit", &raw(&["0"]), "form", true, &mut v).unwrap();
        s.validate(&schema, &limit, "limit", &mut v);
        let status = coerce(
            &s,
            &json!({"$ref": "#/$defs/Status"}),
            "status",
            &raw(&["12"]),
            "form",
            true,
            &mut v,
        )
        .unwrap();
        s.validate(
            &json!({"$ref": "#/$defs/Status"}),
            &status,
            "status",
            &mut v,
        );
        let e = v.into_result().unwrap_err();
        assert_eq!(
            e.body()["details"],
            json!([
                {"code": "OutOfRange", "target": "limit", "message": "limit must be at least 1"},
                {"code": "InvalidValue", "target": "status", "message": "status must be one of: open, closed"}
            ])
        );
    }
}
