use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{response_roots, walk};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{is_path_op, schema_examples};

declare_rule! {
    /// ## What it does
    /// In response schemas (D7: the content and header schemas of every
    /// response, and everything below them), reports an `example`,
    /// `examples` item or `default` of a `format: date-time` schema that is
    /// not UTC with exactly millisecond precision,
    /// `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`. A shared schema is
    /// reported once.
    ///
    /// ## Why is this bad?
    /// Generated servers emit every instant as
    /// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`. Examples in another form (an offset,
    /// no fraction, a space instead of `T`) document output the server never
    /// produces, and clients written against them break on real responses.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   updatedAt: {type: string, format: date-time, example: '2012-03-01 07:01:10+08:00'}
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
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   updatedAt: {type: string, format: date-time, example: '2012-02-29T23:01:10.000Z'}
    /// ```
    pub NonUtcMillisExample {
        code: "DATE-002",
        name: "non-utc-millis-example",
        category: "date",
        severity: Info,
        summary: "A response date-time example is not UTC with millisecond precision.",
    }
}

static UTC_MILLIS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$").ok());

fn is_utc_millis(s: &str) -> bool {
    UTC_MILLIS.as_ref().is_some_and(|re| re.is_match(s))
}

impl Rule for NonUtcMillisExample {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        let mut found: Vec<&Value> = Vec::new();
        let model = cx.model;
        for op in model.operations.iter().filter(|op| is_path_op(op)) {
            for root in response_roots(cx.bundle, op, |_| true) {
                walk(cx.bundle, root.doc, root.schema, &mut seen, &mut |node| {
                    if node.value.get("format").and_then(Value::as_str) == Some("date-time") {
                        let mut values = Vec::new();
                        schema_examples(node.value, false, &mut values);
                        if let Some(d) = node.value.get("default") {
                            values.push(d);
                        }
                        found.extend(
                            values
                                .into_iter()
                                .filter(|v| v.as_str().is_some_and(|s| !is_utc_millis(s))),
                        );
                    }
                    true
                });
            }
        }
        for v in found {
            let s = v.as_str().unwrap_or_default();
            cx.report_at(
                v,
                format!("date-time example `{s}` is not UTC with milliseconds"),
            )
            .set_help(
                "write instants as `yyyy-MM-ddTHH:mm:ss.SSSZ`, e.g. `2012-02-29T23:01:10.000Z`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_utc_millis;

    #[test]
    fn forms() {
        assert!(is_utc_millis("2012-02-29T23:01:10.000Z"));
        for s in [
            "2012-02-29T23:01:10Z",
            "2012-03-01 07:01:10+08:00",
            "2012-02-29T23:01:10.000+00:00",
            "2012-02-29T23:01:10.123456Z",
        ] {
            assert!(!is_utc_millis(s), "{s}");
        }
    }
}
