use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that the path parameters an operation declares (on the Path Item
    /// or the Operation) are exactly the `{variables}` of its path template,
    /// each once.
    ///
    /// ## Why is this bad?
    /// A template variable without a parameter has no name, type or validation,
    /// so servers cannot extract it and clients cannot fill it in. A path
    /// parameter that is not in the template can never be sent. Both are
    /// errors under the OpenAPI Specification.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     get:
    ///       parameters:
    ///         - {name: id, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     get:
    ///       parameters:
    ///         - {name: petId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: ok}}
    /// ```
    pub PathParameterMismatch {
        code: "OAS-006",
        name: "path-parameter-mismatch",
        category: "oas",
        severity: Error,
        summary: "Path parameters declared differ from the `{variables}` of the path template.",
    }
}

/// The `{variable}` names of a path template, in order (with repeats).
#[must_use]
pub fn template_variables(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

impl Rule for PathParameterMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path {
            return;
        }
        let template = op.path.key;
        let variables = template_variables(template);
        let method_key = op.path.item.get(op.method).unwrap_or(op.op);
        // Repeated variables are reported once, on the first operation of the path.
        if op.path.item.get(op.method).is_some()
            && crate::model::operations_of(op.path.item)
                .first()
                .map(|(m, _)| *m)
                == Some(op.method)
        {
            for (i, v) in variables.iter().enumerate() {
                if variables[..i].contains(v) {
                    cx.report_at_key(
                        op.path.written,
                        format!("path `{template}` uses `{{{v}}}` more than once"),
                    )
                    .set_help("give each path variable its own name");
                }
            }
        }
        for v in &variables {
            let declared = op
                .parameters
                .iter()
                .any(|p| p.location == "path" && p.name == *v);
            if !declared {
                let method = op.method.to_uppercase();
                cx.report_at_key(
                    method_key,
                    format!("{method} {template} does not declare path parameter `{v}`"),
                )
                .set_help(format!(
                    "add `{{name: {v}, in: path, required: true, schema: {{type: string}}}}` to the operation's or the path's `parameters`"
                ));
            }
        }
        for p in &op.parameters {
            if p.location != "path" || variables.contains(&p.name) {
                continue;
            }
            // Report a Path Item parameter once, with its first operation.
            if p.from_path_item
                && crate::model::operations_of(op.path.item)
                    .first()
                    .map(|(m, _)| *m)
                    != Some(op.method)
            {
                continue;
            }
            let name_value: &Value = p.value.get("name").unwrap_or(p.value);
            cx.report_at(
                name_value,
                format!(
                    "path parameter `{}` is not in the path template `{template}`",
                    p.name
                ),
            )
            .set_help(format!(
                "rename it to one of the template's variables, or add `{{{}}}` to the path",
                p.name
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::template_variables;

    #[test]
    fn variables_of_templates() {
        assert_eq!(template_variables("/a/{x}/b/{y}.json"), vec!["x", "y"]);
        assert_eq!(template_variables("/a/{x"), Vec::<&str>::new());
        assert_eq!(template_variables("/"), Vec::<&str>::new());
    }
}
