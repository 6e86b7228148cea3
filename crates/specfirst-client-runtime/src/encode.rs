//! OpenAPI parameter serialisation (the `style`/`explode` rules of OpenAPI
//! 3.x, built on RFC 6570 expansion), for path, query, header and cookie
//! parameters and `application/x-www-form-urlencoded` bodies.
//!
//! Values are serialised with `serde_json` first: strings are used as they
//! are, numbers as JSON writes them, booleans as `true`/`false`. Nested
//! arrays or objects inside an array or object (which OpenAPI leaves
//! undefined) are written as JSON text. `null` items and properties are
//! skipped, as RFC 6570 skips undefined values.
//!
//! Percent-encoding escapes everything but the RFC 3986 unreserved
//! characters (`A-Z a-z 0-9 - . _ ~`) in names and values; the delimiters the
//! style itself adds (`,` `=` `;` `.` `&` and the `[` `]` of `deepObject`)
//! are written literally, and the `spaceDelimited`/`pipeDelimited`
//! separators as `%20`/`%7C`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

/// Everything but the RFC 3986 unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A parameter `style` of OpenAPI 3.x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `blue,black` (path and header default).
    Simple,
    /// `.blue.black` (path).
    Label,
    /// `;color=blue` (path).
    Matrix,
    /// `color=blue&color=black` (query and cookie default).
    Form,
    /// `color=blue%20black` (query arrays and objects).
    SpaceDelimited,
    /// `color=blue%7Cblack` (query arrays and objects).
    PipeDelimited,
    /// `color[R]=100&color[G]=200` (query objects).
    DeepObject,
}

impl Style {
    /// The style of a document's `style` keyword: `"form"` → [`Style::Form`]
    /// and so on; an unknown name gives [`Style::Form`].
    pub fn from_name(name: &str) -> Style {
        match name {
            "simple" => Style::Simple,
            "label" => Style::Label,
            "matrix" => Style::Matrix,
            "spaceDelimited" => Style::SpaceDelimited,
            "pipeDelimited" => Style::PipeDelimited,
            "deepObject" => Style::DeepObject,
            _ => Style::Form,
        }
    }
}

/// Percent-encodes a name or value (everything but RFC 3986 unreserved).
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// A serialised value reduced to what the styles distinguish.
enum Shape {
    Null,
    Scalar(String),
    Array(Vec<String>),
    Object(Vec<(String, String)>),
}

fn to_value(value: &(impl Serialize + ?Sized)) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|e| e.to_string())
}

/// The text of a scalar; arrays and objects as JSON text; `null` as "".
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => value.to_string(),
    }
}

fn shape(value: &Value) -> Shape {
    match value {
        Value::Null => Shape::Null,
        Value::Array(items) => {
            Shape::Array(items.iter().filter(|v| !v.is_null()).map(text).collect())
        }
        Value::Object(map) => Shape::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), text(v)))
                .collect(),
        ),
        other => Shape::Scalar(text(other)),
    }
}

fn join_encoded<'a>(items: impl Iterator<Item = &'a String>, sep: &str) -> String {
    items
        .map(|s| encode_component(s))
        .collect::<Vec<_>>()
        .join(sep)
}

fn pairs_flat(pairs: &[(String, String)]) -> Vec<String> {
    pairs
        .iter()
        .flat_map(|(k, v)| [k.clone(), v.clone()])
        .collect()
}

fn pairs_assigned(pairs: &[(String, String)], sep: &str) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join(sep)
}

/// One path parameter value, percent-encoded, in `style` (`simple`, `label`
/// or `matrix`; the query styles fall back to `simple`): arrays joined by `,`
/// (`.`/`;name=` with `explode` for label/matrix), objects as `k,v,k,v`, or
/// `k=v` pairs with `explode`. `null` gives the empty expansion.
pub fn path_value(
    name: &str,
    value: &(impl Serialize + ?Sized),
    style: Style,
    explode: bool,
) -> Result<String, String> {
    let value = to_value(value)?;
    let shape = shape(&value);
    let n = encode_component(name);
    Ok(match style {
        Style::Label => match shape {
            Shape::Null => ".".to_owned(),
            Shape::Scalar(s) => format!(".{}", encode_component(&s)),
            Shape::Array(items) => {
                format!(
                    ".{}",
                    join_encoded(items.iter(), if explode { "." } else { "," })
                )
            }
            Shape::Object(pairs) if explode => format!(".{}", pairs_assigned(&pairs, ".")),
            Shape::Object(pairs) => format!(".{}", join_encoded(pairs_flat(&pairs).iter(), ",")),
        },
        Style::Matrix => match shape {
            Shape::Null => format!(";{n}"),
            Shape::Scalar(s) if s.is_empty() => format!(";{n}"),
            Shape::Scalar(s) => format!(";{n}={}", encode_component(&s)),
            Shape::Array(items) if items.is_empty() => format!(";{n}"),
            Shape::Array(items) if explode => items
                .iter()
                .map(|i| format!(";{n}={}", encode_component(i)))
                .collect(),
            Shape::Array(items) => format!(";{n}={}", join_encoded(items.iter(), ",")),
            Shape::Object(pairs) if pairs.is_empty() => format!(";{n}"),
            Shape::Object(pairs) if explode => format!(";{}", pairs_assigned(&pairs, ";")),
            Shape::Object(pairs) => {
                format!(";{n}={}", join_encoded(pairs_flat(&pairs).iter(), ","))
            }
        },
        _ => match shape {
            Shape::Null => String::new(),
            Shape::Scalar(s) => encode_component(&s),
            Shape::Array(items) => join_encoded(items.iter(), ","),
            Shape::Object(pairs) if explode => pairs_assigned(&pairs, ","),
            Shape::Object(pairs) => join_encoded(pairs_flat(&pairs).iter(), ","),
        },
    })
}

/// Appends the query pairs of one parameter to `out` (percent-encoded
/// `name=value` strings, joined later with `&`). `null`, empty arrays and
/// empty objects add nothing.
///
/// - scalars: `id=5` in every style;
/// - arrays: `form` + `explode` (and `deepObject`, or the delimited styles
///   with `explode`, which OpenAPI leaves undefined) `id=1&id=2`; `form`
///   `id=1,2`; `spaceDelimited` `id=1%202`; `pipeDelimited` `id=1%7C2`;
/// - objects: `deepObject` `filter[a]=1&filter[b]=2` (nested objects as
///   `filter[a][b]=1`, arrays as repeated keys); `form` + `explode` `a=1&b=2`;
///   `form` `filter=a,1,b,2`; `spaceDelimited` `filter=a%201%20b%202`;
///   `pipeDelimited` `filter=a%7C1%7Cb%7C2`.
///
/// `simple`, `label` and `matrix` are not query styles and behave as `form`.
pub fn query_pairs(
    out: &mut Vec<String>,
    name: &str,
    value: &(impl Serialize + ?Sized),
    style: Style,
    explode: bool,
) -> Result<(), String> {
    let value = to_value(value)?;
    let n = encode_component(name);
    if style == Style::DeepObject && value.is_object() {
        deep_object(out, &n, &value);
        return Ok(());
    }
    let exploded = explode || style == Style::DeepObject;
    match shape(&value) {
        Shape::Null => {}
        Shape::Scalar(s) => out.push(format!("{n}={}", encode_component(&s))),
        Shape::Array(items) if items.is_empty() => {}
        Shape::Array(items) => match style {
            Style::SpaceDelimited if !exploded => {
                out.push(format!("{n}={}", join_encoded(items.iter(), "%20")));
            }
            Style::PipeDelimited if !exploded => {
                out.push(format!("{n}={}", join_encoded(items.iter(), "%7C")));
            }
            _ if exploded => {
                for item in &items {
                    out.push(format!("{n}={}", encode_component(item)));
                }
            }
            _ => out.push(format!("{n}={}", join_encoded(items.iter(), ","))),
        },
        Shape::Object(pairs) if pairs.is_empty() => {}
        Shape::Object(pairs) => {
            let flat = pairs_flat(&pairs);
            match style {
                Style::SpaceDelimited if !exploded => {
                    out.push(format!("{n}={}", join_encoded(flat.iter(), "%20")));
                }
                Style::PipeDelimited if !exploded => {
                    out.push(format!("{n}={}", join_encoded(flat.iter(), "%7C")));
                }
                _ if exploded => {
                    for (k, v) in &pairs {
                        out.push(format!("{}={}", encode_component(k), encode_component(v)));
                    }
                }
                _ => out.push(format!("{n}={}", join_encoded(flat.iter(), ","))),
            }
        }
    }
    Ok(())
}

/// `prefix[k]=v` for every property, recursing into nested objects and
/// repeating the key for array items.
fn deep_object(out: &mut Vec<String>, prefix: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                deep_object(out, &format!("{prefix}[{}]", encode_component(k)), v);
            }
        }
        Value::Array(items) => {
            for item in items.iter().filter(|v| !v.is_null()) {
                out.push(format!("{prefix}={}", encode_component(&text(item))));
            }
        }
        other => out.push(format!("{prefix}={}", encode_component(&text(other)))),
    }
}

/// A header value (`simple` style): scalars as text, arrays joined with
/// `,`, objects as `k,v,k,v`. `None` for `null`. The text is not
/// percent-encoded; the caller rejects what is not a valid header value.
pub fn header_value(value: &(impl Serialize + ?Sized)) -> Result<Option<String>, String> {
    let value = to_value(value)?;
    Ok(match shape(&value) {
        Shape::Null => None,
        Shape::Scalar(s) => Some(s),
        Shape::Array(items) => Some(items.join(",")),
        Shape::Object(pairs) => Some(pairs_flat(&pairs).join(",")),
    })
}

/// One cookie pair (`form` style without explode): `name=value` with the
/// value percent-encoded, arrays as `a,b`, objects as `k,v,k,v`. `None` for
/// `null`.
pub fn cookie_pair(
    name: &str,
    value: &(impl Serialize + ?Sized),
) -> Result<Option<String>, String> {
    let value = to_value(value)?;
    let n = encode_component(name);
    Ok(match shape(&value) {
        Shape::Null => None,
        Shape::Scalar(s) => Some(format!("{n}={}", encode_component(&s))),
        Shape::Array(items) => Some(format!("{n}={}", join_encoded(items.iter(), ","))),
        Shape::Object(pairs) => Some(format!(
            "{n}={}",
            join_encoded(pairs_flat(&pairs).iter(), ",")
        )),
    })
}

/// The pairs of an `application/x-www-form-urlencoded` body: one per
/// property of an object (`null` properties skipped, arrays as repeated
/// keys, nested objects as JSON text), percent-encoded (a space as `%20`).
/// `null` gives no pair; any other non-object is an error.
pub fn form_pairs(value: &(impl Serialize + ?Sized)) -> Result<Vec<String>, String> {
    let value = to_value(value)?;
    let mut out = Vec::new();
    match &value {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Null => {}
                    Value::Array(items) => {
                        for item in items.iter().filter(|v| !v.is_null()) {
                            out.push(format!(
                                "{}={}",
                                encode_component(k),
                                encode_component(&text(item))
                            ));
                        }
                    }
                    other => out.push(format!(
                        "{}={}",
                        encode_component(k),
                        encode_component(&text(other))
                    )),
                }
            }
        }
        _ => return Err("a form body must be an object".to_owned()),
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(value: &Value, style: Style, explode: bool) -> String {
        let mut out = Vec::new();
        query_pairs(&mut out, "color", value, style, explode).unwrap();
        out.join("&")
    }

    fn path(value: &Value, style: Style, explode: bool) -> String {
        path_value("color", value, style, explode).unwrap()
    }

    /// The "Style Examples" table of OpenAPI 3.1 §4.8.12.4, with
    /// `color` = "" (empty), "blue", ["blue","black","brown"] and
    /// {"R":100,"G":200,"B":150}.
    #[test]
    fn openapi_style_examples() {
        let empty = json!("");
        let string = json!("blue");
        let array = json!(["blue", "black", "brown"]);
        let object = json!({"R": 100, "G": 200, "B": 150});
        let rows: &[(Style, bool, [&str; 4], bool)] = &[
            (
                Style::Matrix,
                false,
                [
                    ";color",
                    ";color=blue",
                    ";color=blue,black,brown",
                    ";color=R,100,G,200,B,150",
                ],
                true,
            ),
            (
                Style::Matrix,
                true,
                [
                    ";color",
                    ";color=blue",
                    ";color=blue;color=black;color=brown",
                    ";R=100;G=200;B=150",
                ],
                true,
            ),
            (
                Style::Label,
                false,
                [".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"],
                true,
            ),
            (
                Style::Label,
                true,
                [".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"],
                true,
            ),
            (
                Style::Simple,
                false,
                ["", "blue", "blue,black,brown", "R,100,G,200,B,150"],
                true,
            ),
            (
                Style::Simple,
                true,
                ["", "blue", "blue,black,brown", "R=100,G=200,B=150"],
                true,
            ),
            (
                Style::Form,
                false,
                [
                    "color=",
                    "color=blue",
                    "color=blue,black,brown",
                    "color=R,100,G,200,B,150",
                ],
                false,
            ),
            (
                Style::Form,
                true,
                [
                    "color=",
                    "color=blue",
                    "color=blue&color=black&color=brown",
                    "R=100&G=200&B=150",
                ],
                false,
            ),
        ];
        for (style, explode, expected, is_path) in rows {
            let got: Vec<String> = [&empty, &string, &array, &object]
                .iter()
                .map(|v| {
                    if *is_path {
                        path(v, *style, *explode)
                    } else {
                        query(v, *style, *explode)
                    }
                })
                .collect();
            assert_eq!(got, expected, "{style:?} explode={explode}");
        }
        // The delimited styles: arrays and objects, explode false (the table's
        // `|` is sent percent-encoded).
        assert_eq!(
            query(&array, Style::SpaceDelimited, false),
            "color=blue%20black%20brown"
        );
        assert_eq!(
            query(&object, Style::SpaceDelimited, false),
            "color=R%20100%20G%20200%20B%20150"
        );
        assert_eq!(
            query(&array, Style::PipeDelimited, false),
            "color=blue%7Cblack%7Cbrown"
        );
        assert_eq!(
            query(&object, Style::PipeDelimited, false),
            "color=R%7C100%7CG%7C200%7CB%7C150"
        );
        assert_eq!(
            query(&object, Style::DeepObject, true),
            "color[R]=100&color[G]=200&color[B]=150"
        );
    }

    #[test]
    fn query_details() {
        let mut out = Vec::new();
        query_pairs(&mut out, "id", &Option::<u32>::None, Style::Form, true).unwrap();
        query_pairs(&mut out, "id", &Vec::<u32>::new(), Style::Form, true).unwrap();
        assert!(out.is_empty());
        query_pairs(&mut out, "flag", &true, Style::Form, true).unwrap();
        query_pairs(&mut out, "n", &1.5, Style::Form, true).unwrap();
        query_pairs(&mut out, "q", "a b&c=d+é/", Style::Form, true).unwrap();
        query_pairs(&mut out, "ids", &[1, 2], Style::Form, false).unwrap();
        query_pairs(&mut out, "ids", &["a,b", "c"], Style::Form, false).unwrap();
        query_pairs(&mut out, "id", &[1, 2], Style::SpaceDelimited, true).unwrap();
        assert_eq!(
            out,
            [
                "flag=true",
                "n=1.5",
                "q=a%20b%26c%3Dd%2B%C3%A9%2F",
                "ids=1,2",
                "ids=a%2Cb,c",
                "id=1",
                "id=2"
            ]
        );
        let mut out = Vec::new();
        query_pairs(
            &mut out,
            "filter",
            &json!({"status": "open", "tags": ["a", "b"], "range": {"min": 1}, "x": null}),
            Style::DeepObject,
            true,
        )
        .unwrap();
        assert_eq!(
            out,
            [
                "filter[status]=open",
                "filter[tags]=a",
                "filter[tags]=b",
                "filter[range][min]=1"
            ]
        );
        assert_eq!(Style::from_name("pipeDelimited"), Style::PipeDelimited);
        assert_eq!(Style::from_name("nonsense"), Style::Form);
    }

    #[test]
    fn path_details() {
        assert_eq!(
            path_value("id", "a/b c", Style::Simple, false).unwrap(),
            "a%2Fb%20c"
        );
        assert_eq!(path_value("id", &42, Style::Simple, false).unwrap(), "42");
        assert_eq!(
            path_value("id", &["x,y", "z"], Style::Simple, false).unwrap(),
            "x%2Cy,z"
        );
        assert_eq!(
            path_value("id", "blue", Style::Form, false).unwrap(),
            "blue"
        );
    }

    #[test]
    fn headers_cookies_forms() {
        assert_eq!(header_value("abc").unwrap().as_deref(), Some("abc"));
        assert_eq!(header_value(&[1, 2, 3]).unwrap().as_deref(), Some("1,2,3"));
        assert_eq!(
            header_value(&json!({"a": 1, "b": "x"})).unwrap().as_deref(),
            Some("a,1,b,x")
        );
        assert_eq!(header_value(&Option::<String>::None).unwrap(), None);
        assert_eq!(header_value(&false).unwrap().as_deref(), Some("false"));
        assert_eq!(
            cookie_pair("s", "a b;c").unwrap().as_deref(),
            Some("s=a%20b%3Bc")
        );
        assert_eq!(cookie_pair("s", &[1, 2]).unwrap().as_deref(), Some("s=1,2"));
        assert_eq!(cookie_pair("s", &json!(null)).unwrap(), None);
        assert_eq!(
            form_pairs(
                &json!({"name": "Ann Lee", "tags": ["a", "b"], "skip": null, "n": 3, "o": {"x": 1}})
            )
            .unwrap(),
            [
                "name=Ann%20Lee",
                "tags=a",
                "tags=b",
                "n=3",
                "o=%7B%22x%22%3A1%7D"
            ]
        );
        assert!(form_pairs(&json!([1])).is_err());
        assert!(form_pairs(&json!(null)).unwrap().is_empty());
    }
}
