use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::defs::time_names::{is_duration_like, is_time_like};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, is_path_op, name_node, schema_of};

declare_rule! {
    /// ## What it does
    /// Reports a query or path parameter that carries an instant whose
    /// schema is not `format: date-time` or `format: date`. Parameters that
    /// carry an instant are
    /// - `since` and `until`, and time-like names (D14: `createdAt`,
    ///   `start_date`, `timestamp`, …);
    /// - `after`, `before`, `from` and `to`, unless they are plainly
    ///   something else: a schema with another `format` (`email`, `uuid`),
    ///   or a description that speaks of a cursor, token, id,
    ///   offset or page (the cursors of cursor pagination).
    ///
    /// Only string, integer and number schemas without `enum` are checked
    /// (`sort_by_date: {enum: [0, 1]}` is a flag); `…Time` names of
    /// durations (`responseTime`) are skipped. A shared parameter is
    /// reported once.
    ///
    /// ## Why is this bad?
    /// Time-valued filters use the same ISO 8601 strings as bodies. An
    /// integer `since` hides its unit (seconds? milliseconds?) and its time
    /// zone, and a string without `format` accepts anything, so servers and
    /// clients disagree about what a value means.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /events:
    ///     get:
    ///       parameters:
    ///         - {name: since, in: query, schema: {type: integer}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /events:
    ///     get:
    ///       parameters:
    ///         - {name: since, in: query, schema: {type: string, format: date-time}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub NonIsoTimeParameter {
        code: "DATE-004",
        name: "non-iso-time-parameter",
        category: "date",
        severity: Warning,
        summary: "A time-valued query or path parameter is not an ISO 8601 `date-time` or `date`.",
    }
}

const STRONG: &[&str] = &["since", "until"];
const AMBIGUOUS: &[&str] = &["after", "before", "from", "to"];
const NOT_TIME_WORDS: &[&str] = &["cursor", "token", "id", "offset", "page", "key", "marker"];

/// Whether a description speaks of something other than a time.
fn describes_other(description: &str) -> bool {
    description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| NOT_TIME_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

impl Rule for NonIsoTimeParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in model.operations.iter().filter(|op| is_path_op(op)) {
            for p in &op.parameters {
                if !matches!(p.location, "query" | "path") || !seen.insert(addr(p.value)) {
                    continue;
                }
                let lower = p.name.to_ascii_lowercase();
                let strong = STRONG.contains(&lower.as_str())
                    || (is_time_like(p.name) && !is_duration_like(p.name));
                let ambiguous = AMBIGUOUS.contains(&lower.as_str());
                if !strong && !ambiguous {
                    continue;
                }
                let Some((_, schema)) = schema_of(cx.bundle, p.doc, p.value) else {
                    continue;
                };
                let format = schema.get("format").and_then(Value::as_str);
                // A closed list of values (a flag such as `sort_by_date: [0, 1]`) is not a timestamp.
                if matches!(format, Some("date-time" | "date")) || schema.get("enum").is_some() {
                    continue;
                }
                let Some(t) =
                    type_of(schema).filter(|t| matches!(*t, "string" | "integer" | "number"))
                else {
                    continue;
                };
                if ambiguous {
                    let described_other = [p.value.get("description"), schema.get("description")]
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .any(describes_other);
                    if (t == "string" && format.is_some()) || described_other {
                        continue;
                    }
                }
                let what = match (t, format) {
                    ("string", None) => "a string without `format`".to_owned(),
                    ("string", Some(f)) => format!("a string with `format: {f}`"),
                    ("integer", _) => "an integer".to_owned(),
                    (t, _) => format!("a {t}"),
                };
                cx.report_at(
                    name_node(p),
                    format!("time parameter `{}` is {what}, not an ISO 8601 date-time", p.name),
                )
                .set_help("give it `schema: {type: string, format: date-time}` (or `format: date` for a calendar date)");
            }
        }
    }
}
