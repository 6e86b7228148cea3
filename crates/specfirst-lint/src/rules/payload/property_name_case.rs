use serde_json::Value;
use specfirst_config::NameCase;

use super::property_name_characters::is_plain_name;
use super::support::{addr, external_schemas};
use super::support::{case_breaks, case_label, case_pattern, suggest};
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
    /// A document written in one other style on purpose (snake_case,
    /// PascalCase, ...: at least 10 names in it, outnumbering the multi-word
    /// names in the configured case) gets one finding saying so, at its
    /// first such name, instead of one per name; names in any third style
    /// are still reported one by one.
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

/// A property name to check: a key of `properties`, or a `required` entry
/// that names no declared property.
struct Name<'a> {
    name: &'a str,
    node: &'a Value,
    required_only: bool,
}

impl Rule for PropertyNameCase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let case = cx.options.property_name_case;
        if case == NameCase::Any {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let external = external_schemas(bundle, model);
        let mut names = Vec::new();
        for schema in &model.schemas {
            if !external.contains(&addr(schema.value)) {
                collect(schema, &mut names);
            }
        }
        let breaks = case_breaks(&names, |n| n.name, case);
        for n in breaks.individual {
            report(cx, n, case);
        }
        if let Some(d) = breaks.deliberate {
            let (message, help) = d.message_and_help(
                "property names",
                "names",
                "propertyNameCase",
                d.first.name,
                case,
            );
            let diagnostic = if d.first.required_only {
                cx.report_at(d.first.node, message)
            } else {
                cx.report_at_key(d.first.node, message)
            };
            diagnostic.set_help(help);
        }
    }
}

fn collect<'a>(schema: &Schema<'a>, out: &mut Vec<Name<'a>>) {
    let props = schema.value.get("properties").and_then(Value::as_object);
    if let Some(props) = props {
        for (name, node) in props {
            if is_plain_name(name) {
                out.push(Name {
                    name,
                    node,
                    required_only: false,
                });
            }
        }
    }
    if let Some(required) = schema.value.get("required").and_then(Value::as_array) {
        for entry in required {
            let Some(name) = entry.as_str() else { continue };
            if !props.is_some_and(|p| p.contains_key(name)) && is_plain_name(name) {
                out.push(Name {
                    name,
                    node: entry,
                    required_only: true,
                });
            }
        }
    }
}

fn report(cx: &mut Context<'_>, n: &Name<'_>, case: NameCase) {
    let help = format!(
        "rename it to `{}` (pattern `{}`, option `propertyNameCase`)",
        suggest(n.name, case),
        case_pattern(case)
    );
    if n.required_only {
        cx.report_at(
            n.node,
            format!("required property `{}` is not {}", n.name, case_label(case)),
        )
        .set_help(help);
    } else {
        cx.report_at_key(
            n.node,
            format!("property `{}` is not {}", n.name, case_label(case)),
        )
        .set_help(help);
    }
}
