//! JSON Pointers (RFC 6901) and the URI fragments that carry them.

use std::borrow::Cow;

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
#[must_use]
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Unescapes one reference token (`~1` → `/`, `~0` → `~`).
#[must_use]
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Appends a token to a pointer.
#[must_use]
pub fn push(pointer: &str, token: &str) -> String {
    let mut s = String::with_capacity(pointer.len() + token.len() + 1);
    s.push_str(pointer);
    s.push('/');
    s.push_str(&escape(token));
    s
}

/// Decodes a URI fragment (`/paths/~1pets%7Bid%7D`) into a JSON pointer.
///
/// # Errors
/// When the percent-decoded fragment is not UTF-8.
pub fn from_fragment(fragment: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|_| format!("fragment `{fragment}` is not valid UTF-8 once percent-decoded"))
}

/// The reference tokens of a pointer, unescaped.
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(unescape)
}

/// Looks a pointer up without the allocations of `Value::pointer`'s parse.
#[must_use]
pub fn lookup<'v>(root: &'v serde_json::Value, pointer: &str) -> Option<&'v serde_json::Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    if !pointer.starts_with('/') {
        return None;
    }
    let mut node = root;
    for token in tokens(pointer) {
        node = match node {
            serde_json::Value::Object(map) => map.get(token.as_ref())?,
            serde_json::Value::Array(items) => {
                if token.len() > 1 && token.starts_with('0') {
                    return None;
                }
                items.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escape_roundtrip() {
        assert_eq!(escape("/pets/{id}"), "~1pets~1{id}");
        assert_eq!(escape("a~b"), "a~0b");
        assert_eq!(unescape("~1pets~01"), "/pets~1");
    }

    #[test]
    fn fragments_are_percent_decoded() {
        assert_eq!(
            from_fragment("/paths/~1pets%7Bid%7D").as_deref(),
            Ok("/paths/~1pets{id}")
        );
        assert!(from_fragment("%FF").is_err());
    }

    #[test]
    fn lookup_follows_tokens() {
        let doc = json!({"paths": {"/a~b": {"get": [1, 2]}}});
        assert_eq!(lookup(&doc, "/paths/~1a~0b/get/1"), Some(&json!(2)));
        assert_eq!(lookup(&doc, "/paths/~1a~0b/get/01"), None);
        assert_eq!(lookup(&doc, ""), Some(&doc));
        assert_eq!(lookup(&doc, "paths"), None);
    }
}
