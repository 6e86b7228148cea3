use serde_json::Value;
use specfirst_config::LinkStyle;

use super::support::{addr, external_schemas};
use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a property name (a key of `properties`) that does not match
    /// `^[A-Za-z][A-Za-z0-9_]*$`: one that starts with a digit or `_`, or
    /// contains a space, `-`, `.`, `$`, `@`, `#` or any other symbol. It
    /// applies whatever option `propertyNameCase` says; schemas marked
    /// `x-external: true` (third-party payloads) and the schemas below them
    /// are skipped. With option
    /// `linkStyle: hal`, HAL's own `_links` and `_embedded` are allowed.
    ///
    /// ## Why is this bad?
    /// Such names cannot be used as identifiers in most languages, so
    /// generated clients must quote or rename them, and expressions such as
    /// `user.first-name` or `doc.@id` break in JavaScript and templates.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties: {first-name: {type: string}, '@id': {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties: {firstName: {type: string}, id: {type: string}}
    /// ```
    pub PropertyNameCharacters {
        code: "PAYLOAD-003",
        name: "property-name-special-characters",
        category: "payload",
        severity: Error,
        summary: "A property name contains characters other than ASCII letters, digits and `_`.",
    }
}

/// `^[A-Za-z][A-Za-z0-9_]*$`.
pub(crate) fn is_plain_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Rule for PropertyNameCharacters {
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

impl PropertyNameCharacters {
    fn check(cx: &mut Context<'_>, schema: &Schema<'_>) {
        let Some(props) = schema.value.get("properties").and_then(Value::as_object) else {
            return;
        };
        let hal = cx.options.link_style == LinkStyle::Hal;
        for (name, value) in props {
            if hal && matches!(name.as_str(), "_links" | "_embedded") {
                continue;
            }
            if !is_plain_name(name) {
                cx.report_at_key(value, format!("property name `{name}` has special characters"))
                    .set_help(
                        "start with a letter and use only ASCII letters and digits (and `_` in snake_case)",
                    );
            }
        }
    }
}
