use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{
    addr, examples_of, is_path_op, response_headers, responses, schema_of,
};

declare_rule! {
    /// ## What it does
    /// For the date-valued headers `Date`, `Last-Modified`, `Expires`,
    /// `If-Modified-Since`, `If-Unmodified-Since` and `Retry-After`, as
    /// response headers or header parameters, reports
    /// - a schema with `format: date-time`;
    /// - an `example` or `examples` value that is not an IMF-fixdate (RFC
    ///   1123 form) such as `Sun, 06 Nov 1994 08:49:37 GMT`.
    ///
    /// The delay-seconds form of `Retry-After` (`120`, as a number or a
    /// string of digits) is accepted. A shared header or parameter is
    /// reported once.
    ///
    /// ## Why is this bad?
    /// HTTP dates are always `Sun, 06 Nov 1994 08:49:37 GMT`: English names,
    /// GMT, no fraction. An ISO 8601 value in these headers is not
    /// understood by caches, browsers or HTTP libraries, and `format:
    /// date-time` makes generated code produce exactly that.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {Last-Modified: {schema: {type: string, format: date-time}}}
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
    ///           headers: {Last-Modified: {schema: {type: string}, example: 'Sun, 06 Nov 1994 08:49:37 GMT'}}
    /// ```
    pub NonHttpDateHeader {
        code: "DATE-003",
        name: "non-http-date-header",
        category: "date",
        severity: Warning,
        summary: "A date-valued header is not described as an HTTP-date.",
    }
}

const DATE_HEADERS: &[&str] = &[
    "Date",
    "Last-Modified",
    "Expires",
    "If-Modified-Since",
    "If-Unmodified-Since",
    "Retry-After",
];

static HTTP_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$").ok()
});

fn is_http_date(s: &str) -> bool {
    HTTP_DATE.as_ref().is_some_and(|re| re.is_match(s))
}

impl NonHttpDateHeader {
    /// Checks one header or header parameter `h` named `name`.
    fn check(cx: &mut Context<'_>, name: &str, doc: usize, h: &Value) {
        let retry_after = name.eq_ignore_ascii_case("Retry-After");
        if let Some((_, schema)) = schema_of(cx.bundle, doc, h)
            && let Some(f) = schema
                .get("format")
                .filter(|f| f.as_str() == Some("date-time"))
        {
            cx.report_at(
                f,
                format!("header `{name}` is an HTTP-date, not `format: date-time`"),
            )
            .set_help(
                "drop `format: date-time`; the value looks like `Sun, 06 Nov 1994 08:49:37 GMT`",
            );
        }
        for v in examples_of(cx.bundle, doc, h, false) {
            let ok = match v {
                Value::String(s) => {
                    is_http_date(s)
                        || (retry_after && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                }
                Value::Number(_) => retry_after,
                Value::Null => true,
                _ => false,
            };
            if !ok {
                let shown = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                cx.report_at(v, format!("`{name}` example `{shown}` is not an HTTP-date"))
                    .set_help("write it as `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 1123 form, GMT, no fraction)");
            }
        }
    }
}

impl Rule for NonHttpDateHeader {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let is_date_header = |n: &str| DATE_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(n));
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in model.operations.iter().filter(|op| is_path_op(op)) {
            for p in &op.parameters {
                if p.location == "header" && is_date_header(p.name) && seen.insert(addr(p.value)) {
                    Self::check(cx, p.name, p.doc, p.value);
                }
            }
            for r in responses(cx.bundle, op) {
                for (name, _, hdoc, h) in response_headers(cx.bundle, &r) {
                    if is_date_header(name) && seen.insert(addr(h)) {
                        Self::check(cx, name, hdoc, h);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_http_date;

    #[test]
    fn dates() {
        assert!(is_http_date("Sun, 06 Nov 1994 08:49:37 GMT"));
        for s in [
            "1994-11-06T08:49:37Z",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37.000 GMT",
        ] {
            assert!(!is_http_date(s), "{s}");
        }
    }
}
