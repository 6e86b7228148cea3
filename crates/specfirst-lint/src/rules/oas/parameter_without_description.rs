use std::collections::HashSet;

use serde_json::Value;

use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::model::{METHODS, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every parameter of a path item or operation under `paths`, and
    /// every component parameter, has a non-empty `description` (a parameter
    /// shared with `$ref` is reported once, where it is defined).
    /// Spectral: `oas3-parameter-description`.
    ///
    /// ## Why is this bad?
    /// A parameter's name rarely says enough: what values it takes, what it
    /// filters, how it combines with others. Generated documentation and SDK
    /// comments are empty without a description.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: status, in: query, schema: {type: string}}
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - name: status
    ///           in: query
    ///           description: Only the pets with this adoption status.
    ///           schema: {type: string}
    ///       responses: {'200': {description: ok}}
    /// ```
    pub ParameterWithoutDescription {
        code: "OAS-025",
        name: "parameter-without-description",
        category: "oas",
        severity: Warning,
        summary: "A parameter has no `description`.",
    }
}

impl Rule for ParameterWithoutDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        let mut params: Vec<&Value> = Vec::new();
        for item in &cx.model.path_items {
            if item.kind != PathItemKind::Path {
                continue;
            }
            let mut lists = vec![(item.doc, item.item.get("parameters"))];
            for method in METHODS {
                lists.push((
                    item.doc,
                    item.item.get(*method).and_then(|op| op.get("parameters")),
                ));
            }
            for (doc, list) in lists {
                for p in list.and_then(Value::as_array).into_iter().flatten() {
                    if let Ok((_, p)) = cx.bundle.resolve(doc, p) {
                        params.push(p);
                    }
                }
            }
        }
        let root = cx.bundle.root().value();
        if let Some(map) = root
            .get("components")
            .and_then(|c| c.get("parameters"))
            .and_then(Value::as_object)
        {
            for p in map.values() {
                if let Ok((_, p)) = cx.bundle.resolve(0, p) {
                    params.push(p);
                }
            }
        }
        for p in params {
            if p.get("in").is_none()
                || truthy(p.get("description"))
                || !seen.insert(std::ptr::from_ref(p) as usize)
            {
                continue;
            }
            let name = p.get("name").and_then(Value::as_str).unwrap_or("?");
            let location = member_location(cx, p, "description");
            cx.report(location, format!("parameter `{name}` has no `description`"))
                .set_help("say what the parameter does and which values it takes in `description`");
        }
    }
}
