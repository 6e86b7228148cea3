use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::model::{METHODS, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that the `parameters` of an operation (and of a path item) do not
    /// list the same parameter twice, by `name` and `in` (after resolving `$ref`s).
    /// Spectral: `operation-parameters` (which checks operations only, and skips
    /// `$ref`erenced parameters that are not resolved).
    ///
    /// ## Why is this bad?
    /// The OpenAPI Specification requires a parameter to be unique by name and
    /// location within a list. With two, tools keep one of them (which one
    /// differs) and drop the other's schema or `required`.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer}}
    ///         - {name: limit, in: query, schema: {type: string}}
    ///       responses: {'200': {description: ok}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer}}
    ///         - {name: limit, in: header, schema: {type: integer}}
    ///       responses: {'200': {description: ok}}
    /// ```
    pub DuplicateParameter {
        code: "OAS-038",
        name: "duplicate-parameter",
        category: "oas",
        severity: Warning,
        summary: "An operation lists the same parameter (`name` and `in`) twice.",
    }
}

impl Rule for DuplicateParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen_lists = HashSet::new();
        for item in &cx.model.path_items {
            if item.kind != PathItemKind::Path {
                continue;
            }
            let mut lists = vec![item.item.get("parameters")];
            for method in METHODS {
                lists.push(item.item.get(*method).and_then(|op| op.get("parameters")));
            }
            for list in lists.into_iter().flatten() {
                let Some(items) = list.as_array() else {
                    continue;
                };
                if !seen_lists.insert(std::ptr::from_ref(list) as usize) {
                    continue;
                }
                let doc = cx.bundle.document_of(list).unwrap_or(0);
                let mut first: HashSet<(String, String)> = HashSet::new();
                for written in items {
                    let Ok((_, p)) = cx.bundle.resolve(doc, written) else {
                        continue;
                    };
                    let (Some(name), Some(location)) = (
                        p.get("name").and_then(Value::as_str),
                        p.get("in").and_then(Value::as_str),
                    ) else {
                        continue;
                    };
                    let name_key = if location == "header" {
                        name.to_ascii_lowercase()
                    } else {
                        name.to_owned()
                    };
                    if !first.insert((location.to_owned(), name_key)) {
                        cx.report_at(
                            written,
                            format!("parameter `{name}` (in {location}) is listed twice"),
                        )
                        .set_help("remove one of the two, or merge them");
                    }
                }
            }
        }
    }
}
