use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::defs::time_names::{is_duration_like, is_time_like};
use crate::model::{Schema, SchemaUse};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For every property whose name is time-like (D14: `date`, `created`,
    /// `updated`, …, or a name ending in `At`, `_at`, `Date`, `_date`,
    /// `Time`, `_time`, `On`, `_on` or `Timestamp`), reports
    /// - `type: integer` or `number` (epoch seconds or milliseconds);
    /// - `type: string` without `format: date-time` or `format: date`
    ///   (`format: time` is accepted for a time of day, and
    ///   `google-datetime`, an RFC 3339 timestamp).
    ///
    /// Other types (boolean flags such as `updated: true`, objects, arrays)
    /// and properties without a `type` are not checked. Schemas with
    /// `x-external: true` (third-party payloads) are skipped.
    ///
    /// `…Time` names that name a duration or a count (`responseTime`,
    /// `totalWatchTime`, `posts_read_all_time`) are not instants and are
    /// skipped. D14 matches the camelCase suffixes case-sensitively, so `location`,
    /// `format` or `candidate` are not time-like; snake_case suffixes match in
    /// any case (`CREATED_AT`).
    ///
    /// ## Why is this bad?
    /// Bodies carry dates as ISO 8601 strings (`2012-02-29T23:01:10.000Z`, or
    /// `1985-11-11` for a calendar date). Epoch numbers hide the unit and the
    /// time zone, and locale formats cannot be parsed reliably; `format`
    /// lets generated code use real date types.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties:
    ///         createdAt: {type: integer, description: epoch millis}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties:
    ///         createdAt: {type: string, format: date-time, example: '2012-02-29T23:01:10.000Z'}
    /// ```
    pub NonIsoDateProperty {
        code: "DATE-001",
        name: "non-iso-date-property",
        category: "date",
        severity: Warning,
        summary: "A time-like property is not an ISO 8601 `date-time` or `date` string.",
    }
}

impl Rule for NonIsoDateProperty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_schema(&self, cx: &mut Context<'_>, schema: &Schema<'_>) {
        if matches!(schema.first_use, SchemaUse::Parameter | SchemaUse::Header)
            || schema.value.get("x-external").and_then(Value::as_bool) == Some(true)
        {
            return;
        }
        let Some(props) = schema.value.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, written) in props {
            if !is_time_like(name) || is_duration_like(name) {
                continue;
            }
            let Ok((_, prop)) = cx.bundle.resolve(schema.doc, written) else {
                continue;
            };
            let format = prop.get("format").and_then(Value::as_str);
            let problem = match type_of(prop) {
                Some("integer") => "is an integer".to_owned(),
                Some("number") => "is a number".to_owned(),
                Some("string")
                    if !matches!(
                        format,
                        Some("date-time" | "date" | "time" | "google-datetime")
                    ) =>
                {
                    match format {
                        Some(f) => format!("is a string with `format: {f}`"),
                        None => "is a string without `format`".to_owned(),
                    }
                }
                _ => continue,
            };
            cx.report_at_key(
                written,
                format!("time-like property `{name}` {problem}, not an ISO 8601 date"),
            )
            .set_help("use `{type: string, format: date-time}` for an instant, or `format: date` for a calendar date");
        }
    }
}
