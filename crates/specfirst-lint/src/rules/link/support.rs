//! What counts as a link object schema.

use serde_json::Value;
use specfirst_config::LinkStyle;
use specfirst_source::Bundle;

use crate::defs::schema_walk::properties;

/// A link object schema: it has an `href` property and a `rel` property
/// (own or through `allOf`); with `linkStyle: hal`, `href` alone.
#[must_use]
pub fn is_link_schema(bundle: &Bundle, doc: usize, schema: &Value, style: LinkStyle) -> bool {
    if schema.get("x-external").and_then(Value::as_bool) == Some(true) {
        return false;
    }
    let props = properties(bundle, doc, schema);
    let has = |n: &str| props.iter().any(|(k, ..)| *k == n);
    has("href") && (has("rel") || style == LinkStyle::Hal)
}
