use serde_json::Value;
use specfirst_source::SpecVersion;

use super::walk_documents;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every value of the `enum` of a schema with a `type` has that
    /// type (`null` is allowed with `nullable: true` in 3.0, or with `null` in the
    /// `type` list in 3.1). Spectral: `typed-enum`.
    ///
    /// ## Why is this bad?
    /// A value of the wrong type can never validate, so it is dead: usually a
    /// number written for a string (`enum: [1, 2]` with `type: string`) or the
    /// reverse. Generators fail on it or produce constants of the wrong type.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Size: {type: string, enum: [small, 2]}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Size: {type: string, enum: [small, '2']}
    /// ```
    pub EnumValueTypeMismatch {
        code: "OAS-047",
        name: "enum-value-type-mismatch",
        category: "oas",
        severity: Warning,
        summary: "An `enum` value does not have the schema's `type`.",
    }
}

impl Rule for EnumValueTypeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let nullable_adds_null = cx.version() == SpecVersion::V3_0;
        let mut found: Vec<(&Value, String)> = Vec::new();
        walk_documents(cx, |_, _, v| {
            let (Some(values), Some(ty)) = (v.get("enum").and_then(Value::as_array), v.get("type"))
            else {
                return;
            };
            let mut types: Vec<&str> = match ty {
                Value::String(t) => vec![t.as_str()],
                Value::Array(list) => {
                    let Some(list) = list.iter().map(Value::as_str).collect::<Option<Vec<_>>>()
                    else {
                        return;
                    };
                    list
                }
                _ => return,
            };
            if nullable_adds_null && v.get("nullable") == Some(&Value::Bool(true)) {
                types.push("null");
            }
            let check_integer = types.contains(&"integer");
            for value in values {
                let t = type_of(value, check_integer);
                if !types.contains(&t) {
                    found.push((value, types.join("` or `")));
                }
            }
        });
        for (value, types) in found {
            cx.report_at(
                value,
                format!("enum value {value} is not of type `{types}`"),
            )
            .set_help("write the value with the schema's type (quote numbers meant as strings)");
        }
    }
}

/// The JSON type of a value as Spectral names it (`integer` for whole
/// numbers when the schema allows integers).
fn type_of(v: &Value, check_integer: bool) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) => {
            if check_integer && n.as_f64().is_some_and(|f| f.fract() == 0.0) {
                "integer"
            } else {
                "number"
            }
        }
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
