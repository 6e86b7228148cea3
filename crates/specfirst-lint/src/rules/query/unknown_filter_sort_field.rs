use serde_json::Value;

use super::super::payload::support::{label, param_schema};
use super::support::{item_properties, nested_item_properties, sort_name};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// On a collection `GET` whose item schema is known (the `data` items or
    /// array items of its JSON `200`), reports each declared filter or sort
    /// name that is not a property of the item schema, at any depth (a
    /// JSON:API `attributes.name` counts, and so does the dotted
    /// `address.city`):
    ///
    /// - entries of `x-filter-fields` and `x-sort-fields` on the `filter`
    ///   and sort parameters;
    /// - `enum` values of the sort parameter (`sort`, or `sort_by` with
    ///   `sortParam: sort_by`), without a leading `-` or `+`.
    ///
    /// Per-field filter parameters are not checked: nothing in the document
    /// says which query parameters are filters (QUERY-001 reports them
    /// instead).
    ///
    /// ## Why is this bad?
    /// Clients filter and sort by the names they see in responses. A name
    /// that exists only in the query language (`last_name` next to a
    /// `lastName` property) is a second vocabulary to learn and keep in
    /// sync.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: sort, in: query, description: Sort keys, schema: {type: string}, x-sort-fields: [last_name, surname]}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   data: {type: array, items: {type: object, properties: {lastName: {type: string}, firstName: {type: string}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: sort, in: query, description: Sort keys, schema: {type: string}, x-sort-fields: [lastName, firstName]}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   data: {type: array, items: {type: object, properties: {lastName: {type: string}, firstName: {type: string}}}}
    /// ```
    pub UnknownFilterSortField {
        code: "QUERY-002",
        name: "unknown-filter-sort-field",
        category: "query",
        severity: Warning,
        summary: "A filter or sort field name is not a property of the returned items.",
    }
}

impl Rule for UnknownFilterSortField {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let sort = sort_name(cx.options);
        for op in &model.operations {
            if op.method != "get" || !model.kind(op.path.key).is_some_and(|k| k.is_collection()) {
                continue;
            }
            let props = item_properties(bundle, op);
            if props.is_empty() {
                continue;
            }
            let nested = nested_item_properties(bundle, op);
            for p in &op.parameters {
                if p.location != "query" || !(p.name == "filter" || p.name == sort) {
                    continue;
                }
                let mut names: Vec<(&Value, &str)> = Vec::new();
                for key in ["x-filter-fields", "x-sort-fields"] {
                    for v in p
                        .value
                        .get(key)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        if let Some(s) = v.as_str() {
                            names.push((v, s));
                        }
                    }
                }
                if p.name == sort
                    && let Some((_, schema)) = param_schema(bundle, p)
                {
                    let list = schema
                        .get("enum")
                        .or_else(|| schema.get("items").and_then(|i| i.get("enum")));
                    for v in list.and_then(Value::as_array).into_iter().flatten() {
                        if let Some(s) = v.as_str() {
                            names.push((v, s.trim_start_matches(['-', '+'])));
                        }
                    }
                }
                for (node, name) in names {
                    let known = name.split('.').all(|part| nested.contains(part));
                    if !name.is_empty() && !known {
                        cx.report_at(
                            node,
                            format!(
                                "`{name}` in `{}` of {} is not a property of the items",
                                p.name,
                                label(op)
                            ),
                        )
                        .set_help(format!(
                            "use a property name of the returned items: {}",
                            props
                                .iter()
                                .take(8)
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                }
            }
        }
    }
}
