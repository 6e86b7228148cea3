use std::collections::{HashMap, HashSet};

use serde_json::Value;
use specfirst_config::NullFields;

use super::support::{addr, json_bodies};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::walk;
use crate::defs::status;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With option `nullFields: emit-null` (the default), walks the JSON
    /// schemas of success (2xx) responses (D7) and reports each object
    /// schema whose properties are not all listed in `required` (`writeOnly`
    /// properties are left out; `required` entries of `allOf` siblings and
    /// parents count). One finding per schema names its optional
    /// properties. The fix is to list them in `required` and make the ones
    /// that can be empty nullable. With `nullFields: omit` the rule is off.
    ///
    /// Error schemas are not checked: they are reached only from error
    /// responses, and RULEBOOK §3.4.1 omits `target`, `details` and
    /// `innererror` when they do not apply (`nullFields` does not apply to
    /// error objects). Whether a required property "can be empty" is not
    /// visible in the document, so only `required` is checked.
    ///
    /// ## Why is this bad?
    /// When a property may be absent, clients must handle "missing" and
    /// "null" as two cases. A structure that always carries every documented
    /// property, with `null` for empty values, has one shape.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}
    /// components:
    ///   schemas:
    ///     User: {type: object, required: [id], properties: {id: {type: string}, nickname: {type: string}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       required: [id, nickname]
    ///       properties: {id: {type: string}, nickname: {type: [string, 'null']}}
    /// ```
    pub OptionalResponseProperty {
        code: "PAYLOAD-007",
        name: "optional-response-property",
        category: "payload",
        severity: Info,
        summary: "A response schema has optional properties instead of required, nullable ones.",
    }
}

fn required_of(schema: &Value) -> impl Iterator<Item = &str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

impl Rule for OptionalResponseProperty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.null_fields == NullFields::Omit {
            return;
        }
        let (bundle, model) = (cx.bundle, cx.model);
        let mut seen = HashSet::new();
        // Required names that apply to a schema from the `allOf` it is part of.
        let mut inherited: HashMap<usize, Vec<String>> = HashMap::new();
        let mut found: Vec<(&Value, Vec<String>)> = Vec::new();
        for op in &model.operations {
            for body in json_bodies(bundle, op, status::is_success) {
                walk(bundle, body.doc, body.schema, &mut seen, &mut |node| {
                    let s = node.value;
                    let mut required: HashSet<String> = required_of(s).map(str::to_owned).collect();
                    if let Some(extra) = inherited.get(&addr(s)) {
                        required.extend(extra.iter().cloned());
                    }
                    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
                        let mut union: Vec<String> = required.iter().cloned().collect();
                        let branches: Vec<&Value> = all
                            .iter()
                            .filter_map(|b| bundle.resolve(node.doc, b).ok().map(|(_, b)| b))
                            .collect();
                        for b in &branches {
                            union.extend(required_of(b).map(str::to_owned));
                        }
                        for b in branches {
                            inherited
                                .entry(addr(b))
                                .or_default()
                                .extend(union.iter().cloned());
                        }
                    }
                    if let Some(props) = s.get("properties").and_then(Value::as_object) {
                        let optional: Vec<String> = props
                            .iter()
                            .filter(|(name, p)| {
                                !required.contains(name.as_str())
                                    && bundle.resolve(node.doc, p).ok().is_none_or(|(_, p)| {
                                        p.get("writeOnly").and_then(Value::as_bool) != Some(true)
                                    })
                            })
                            .map(|(name, _)| name.clone())
                            .collect();
                        if !optional.is_empty() {
                            found.push((s, optional));
                        }
                    }
                    true
                });
            }
        }
        for (schema, optional) in found {
            let Some(props) = schema.get("properties") else {
                continue;
            };
            let shown: Vec<String> = optional.iter().take(5).map(|n| format!("`{n}`")).collect();
            let more = if optional.len() > 5 {
                format!(" and {} more", optional.len() - 5)
            } else {
                String::new()
            };
            let noun = if optional.len() == 1 {
                "property"
            } else {
                "properties"
            };
            cx.report_at_key(
                props,
                format!("response {noun} {}{more} may be omitted instead of `null`", shown.join(", ")),
            )
            .set_help("list them in `required` and make those that can be empty nullable (or set `nullFields: omit`)");
        }
    }
}
