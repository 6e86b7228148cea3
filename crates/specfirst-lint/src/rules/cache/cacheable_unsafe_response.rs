use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{
    addr, examples_of, is_path_op, label, response_headers, responses,
};

declare_rule! {
    /// ## What it does
    /// Reports a response of a method other than `GET` and `HEAD` whose
    /// `Cache-Control` header has an example (or `default` or `enum` value)
    /// that makes it cacheable: `public`, or `max-age=N` / `s-maxage=N`
    /// with N > 0. A shared header is reported once, with the first
    /// operation that uses it.
    ///
    /// ## Why is this bad?
    /// Caching applies to reads. A cacheable response to `POST`, `PUT`,
    /// `PATCH` or `DELETE` invites proxies and clients to reuse the result of
    /// a state change, and to serve stale data after it; such responses
    /// carry `Cache-Control: no-cache` (or `no-store`).
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post:
    ///       responses:
    ///         '201':
    ///           description: Created
    ///           headers: {Cache-Control: {schema: {type: string}, example: 'max-age=600'}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post:
    ///       responses:
    ///         '201':
    ///           description: Created
    ///           headers: {Cache-Control: {schema: {type: string}, example: 'no-cache'}}
    /// ```
    pub CacheableUnsafeResponse {
        code: "CACHE-006",
        name: "cacheable-unsafe-response",
        category: "cache",
        severity: Warning,
        summary: "A response to a method other than GET or HEAD is declared cacheable.",
    }
}

/// Whether a `Cache-Control` value allows caching: `public`, or a positive
/// `max-age` / `s-maxage`.
fn is_cacheable(value: &str) -> bool {
    value.split(',').any(|d| {
        let d = d.trim().to_ascii_lowercase();
        if d == "public" {
            return true;
        }
        d.split_once('=').is_some_and(|(name, secs)| {
            matches!(name.trim(), "max-age" | "s-maxage")
                && secs.trim().parse::<u64>().is_ok_and(|n| n > 0)
        })
    })
}

impl Rule for CacheableUnsafeResponse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in model
            .operations
            .iter()
            .filter(|op| !matches!(op.method, "get" | "head") && is_path_op(op))
        {
            Self::check(cx, op, &mut seen);
        }
    }
}

impl CacheableUnsafeResponse {
    /// Checks one operation; a shared header value is reported once.
    fn check(cx: &mut Context<'_>, op: &Operation<'_>, seen: &mut HashSet<usize>) {
        for r in responses(cx.bundle, op) {
            for (name, _, hdoc, h) in response_headers(cx.bundle, &r) {
                if !name.eq_ignore_ascii_case("Cache-Control") {
                    continue;
                }
                for v in examples_of(cx.bundle, hdoc, h, true) {
                    if let Value::String(s) = v
                        && is_cacheable(s)
                        && seen.insert(addr(v))
                    {
                        cx.report_at(
                            v,
                            format!(
                                "`Cache-Control: {s}` makes the `{}` response of {} cacheable",
                                r.status,
                                label(op)
                            ),
                        )
                        .set_help(
                            "only GET and HEAD responses are cached; use `no-cache` or `no-store`",
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_cacheable;

    #[test]
    fn cacheable() {
        assert!(is_cacheable("max-age=600"));
        assert!(is_cacheable("private, max-age=1"));
        assert!(is_cacheable("public"));
        assert!(!is_cacheable("no-cache"));
        assert!(!is_cacheable("max-age=0"));
        assert!(!is_cacheable("no-store, max-age=0"));
    }
}
