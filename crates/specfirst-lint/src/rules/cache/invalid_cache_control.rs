use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{distinct_response_headers, examples_of};

declare_rule! {
    /// ## What it does
    /// Checks the `example`, `examples`, `enum` and `default` values of every
    /// response header `Cache-Control`: each must be a comma-separated list
    /// of response directives. Accepted are the rulebook's `no-cache`,
    /// `no-store`, `private`, `public`, `must-revalidate`, `max-age=N` and
    /// `s-maxage=N`, plus the other standard response directives
    /// `proxy-revalidate`, `no-transform`, `immutable`, `must-understand`,
    /// `stale-while-revalidate=N`, `stale-if-error=N`, and `no-cache` /
    /// `private` with a quoted field list. A bare number is invalid.
    ///
    /// ## Why is this bad?
    /// Caches ignore directives they do not understand: `Cache-Control: 360`
    /// (copied from a well-known guide) disables nothing and caches nothing
    /// as intended. Examples are copied into code and documentation, so a
    /// wrong one spreads.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {Cache-Control: {schema: {type: string}, example: '360'}}
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
    ///           headers: {Cache-Control: {schema: {type: string}, example: 'max-age=360'}}
    /// ```
    pub InvalidCacheControl {
        code: "CACHE-003",
        name: "invalid-cache-control",
        category: "cache",
        severity: Warning,
        summary: "A `Cache-Control` header value is not a list of standard directives.",
    }
}

const PLAIN: &[&str] = &[
    "no-cache",
    "no-store",
    "private",
    "public",
    "must-revalidate",
    "proxy-revalidate",
    "no-transform",
    "immutable",
    "must-understand",
];
const WITH_SECONDS: &[&str] = &[
    "max-age",
    "s-maxage",
    "stale-while-revalidate",
    "stale-if-error",
];

fn directive_ok(d: &str) -> bool {
    let d = d.trim();
    let lower = d.to_ascii_lowercase();
    if PLAIN.contains(&lower.as_str()) {
        return true;
    }
    let Some((name, value)) = lower.split_once('=') else {
        return false;
    };
    let (name, value) = (name.trim(), value.trim());
    if WITH_SECONDS.contains(&name) {
        return !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    }
    matches!(name, "no-cache" | "private")
        && value.len() >= 2
        && value.starts_with('"')
        && value.ends_with('"')
}

/// Whether a `Cache-Control` value is a valid list of response directives.
#[must_use]
pub fn is_valid(value: &str) -> bool {
    !value.trim().is_empty() && value.split(',').all(directive_ok)
}

impl Rule for InvalidCacheControl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for (hdoc, h) in distinct_response_headers(cx.bundle, &cx.model.operations, "Cache-Control")
        {
            for v in examples_of(cx.bundle, hdoc, h, true) {
                let ok = match v {
                    Value::String(s) => is_valid(s),
                    Value::Null => true,
                    _ => false,
                };
                if !ok {
                    cx.report_at(v, format!("`Cache-Control: {}` is not a list of standard directives", text(v)))
                        .set_help("use directives such as `max-age=<seconds>`, `no-cache`, `no-store`, `private` or `public`, separated by commas");
                }
            }
        }
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn directives() {
        for v in [
            "max-age=86400",
            "no-cache",
            "private, max-age=0",
            "no-cache, no-store, must-revalidate",
            "Public,Max-Age=60",
            "no-cache=\"Set-Cookie\"",
            "max-age=60, stale-while-revalidate=30",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "360",
            "86400",
            "",
            "max-age",
            "max-age=-1",
            "cache",
            "max-age=1h",
        ] {
            assert!(!is_valid(v), "{v}");
        }
    }
}
