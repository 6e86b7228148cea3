use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{distinct_response_headers, examples_of};

declare_rule! {
    /// ## What it does
    /// Checks the `example` and `examples` values of every response header
    /// `ETag`: each must be a quoted entity tag, optionally weak, matching
    /// `^(W/)?"[\x21\x23-\x7E]*"$`, e.g. `'"686897696a7c876b7e"'` or
    /// `'W/"1"'`.
    ///
    /// ## Why is this bad?
    /// An entity tag is a quoted string (RFC 9110). Clients send it back
    /// verbatim in `If-Match` and `If-None-Match`; a server that emits
    /// unquoted tags, as an unquoted example suggests, gets comparisons
    /// that never match in caches and proxies.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {ETag: {schema: {type: string}, example: 686897696a7c876b7e}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {ETag: {schema: {type: string}, example: '"686897696a7c876b7e"'}}
    /// ```
    pub InvalidEtagExample {
        code: "CACHE-004",
        name: "invalid-etag-example",
        category: "cache",
        severity: Warning,
        summary: "An `ETag` header example is not a quoted entity tag.",
    }
}

static ETAG: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"^(W/)?"[\x21\x23-\x7E]*"$"#).ok());

/// Whether `v` is a valid entity tag.
#[must_use]
pub fn is_etag(v: &str) -> bool {
    ETAG.as_ref().is_some_and(|re| re.is_match(v))
}

impl Rule for InvalidEtagExample {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for (hdoc, h) in distinct_response_headers(cx.bundle, &cx.model.operations, "ETag") {
            for v in examples_of(cx.bundle, hdoc, h, false) {
                let ok = match v {
                    Value::String(s) => is_etag(s),
                    Value::Null => true,
                    _ => false,
                };
                if !ok {
                    let shown = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                    cx.report_at(v, format!("`ETag` example `{shown}` is not a quoted entity tag"))
                        .set_help("quote the tag, e.g. `'\"686897696a7c876b7e\"'` (or `'W/\"…\"'` for a weak one)");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_etag;

    #[test]
    fn tags() {
        for v in ["\"686897696a7c876b7e\"", "W/\"1\"", "\"\""] {
            assert!(is_etag(v), "{v}");
        }
        for v in [
            "686897696a7c876b7e",
            "'abc'",
            "\"a b\"",
            "w/\"1\"",
            "\"a\"b\"",
        ] {
            assert!(!is_etag(v), "{v}");
        }
    }
}
