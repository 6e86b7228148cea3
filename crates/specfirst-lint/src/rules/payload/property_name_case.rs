use serde_json::Value;
use specfirst_config::NameCase;

use super::property_name_characters::is_plain_name;
use super::support::{addr, external_schemas};
use super::support::{case_pattern, matches_case, suggest};
use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every property name (each key of `properties`, and each
    /// `required` entry that is not one) follows option `propertyNameCase`:
    /// `camelCase` (the default, `^[a-z][a-zA-Z0-9]*$`), `snake_case`
    /// (`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`) or `any` (no check). Schemas marked
    /// `x-external: true` (third-party payloads) and the schemas below them
    /// are skipped, and names with
    /// characters other than letters, digits and `_` are left to
    /// PAYLOAD-003.
    ///
    /// ## Why is this bad?
    /// One spelling across the API lets clients guess names and map them to
    /// their own types without per-field exceptions. Names are serialized
    /// exactly as declared, so a mixed spelling is visible on the wire.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties: {user_id: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties: {userId: {type: string}}
    /// ```
    pub PropertyNameCase {
        code: "PAYLOAD-002",
        name: "property-name-case",
        category: "payload",
        severity: Warning,
        summary: "A property name does not follow the configured case (lowerCamelCase by default).",
    }
}

fn case_name(case: NameCase) -> &'static str {
    match case {
        NameCase::SnakeCase => "snake_case",
        _ => "lowerCamelCase",
    }
}

impl Rule for PropertyNameCase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let external = external_schemas(bundle, model);
        for schema in &model.schemas {
            if !external.contains(&addr(schema.value)) {
                Self::check(cx, schema);
            }
        }
    }
}

impl PropertyNameCase {
    fn check(cx: &mut Context<'_>, schema: &Schema<'_>) {
        let case = cx.options.property_name_case;
        if case == NameCase::Any {
            return;
        }
        let props = schema.value.get("properties").and_then(Value::as_object);
        if let Some(props) = props {
            for (name, value) in props {
                if is_plain_name(name) && !matches_case(name, case) {
                    cx.report_at_key(
                        value,
                        format!("property `{name}` is not {}", case_name(case)),
                    )
                    .set_help(format!(
                        "rename it to `{}` (pattern `{}`, option `propertyNameCase`)",
                        suggest(name, case),
                        case_pattern(case)
                    ));
                }
            }
        }
        if let Some(required) = schema.value.get("required").and_then(Value::as_array) {
            for entry in required {
                let Some(name) = entry.as_str() else { continue };
                if props.is_some_and(|p| p.contains_key(name)) {
                    continue;
                }
                if is_plain_name(name) && !matches_case(name, case) {
                    cx.report_at(
                        entry,
                        format!("required property `{name}` is not {}", case_name(case)),
                    )
                    .set_help(format!(
                        "rename it to `{}` (pattern `{}`, option `propertyNameCase`)",
                        suggest(name, case),
                        case_pattern(case)
                    ));
                }
            }
        }
    }
}
