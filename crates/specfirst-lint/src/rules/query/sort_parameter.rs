use serde_json::Value;
use specfirst_diagnostics::Severity;

use super::super::payload::support::{Seen, lower, name_node, param_schema};
use super::support::sort_name;
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks sorting parameters against option `sortParam` (`sort` by
    /// default, or `sort_by`):
    ///
    /// - a query parameter named `sort_by`, `sortBy`, `order`, `orderBy` or
    ///   `order_by` (or `sort` when `sortParam: sort_by`) is a warning;
    /// - the sort parameter typed other than `string` is an error. An array
    ///   (exploded by default in the query, `sort=a&sort=b`) is reported the
    ///   same way: sort keys are one `|`-joined string, `lastName|-hireDate`.
    ///
    /// ## Why is this bad?
    /// One parameter name and one syntax for sorting lets clients sort any
    /// collection without reading its documentation first, and keeps the
    /// order of keys in a single value.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: orderBy, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: sort, in: query, schema: {type: string, example: 'lastName|-hireDate'}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub SortParameter {
        code: "QUERY-003",
        name: "sort-parameter",
        category: "query",
        severity: Error,
        summary: "Sorting does not use the configured `sort` parameter as one string.",
    }
}

const SORT_NAMES: &[&str] = &["sort", "sort_by", "sortBy", "order", "orderBy", "order_by"];

impl Rule for SortParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let sort = sort_name(cx.options);
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location != "query" || !SORT_NAMES.contains(&p.name) || !seen.first(p.value) {
                    continue;
                }
                if p.name != sort {
                    let d = cx.report_at(
                        name_node(p),
                        format!("sort parameter is named `{}`, not `{sort}`", p.name),
                    );
                    d.set_help(format!(
                        "name it `{sort}` (option `sortParam`), e.g. `{sort}=lastName|-hireDate`"
                    ));
                    lower(d, Severity::Warning);
                    continue;
                }
                let Some((_, schema)) = param_schema(bundle, p) else {
                    continue;
                };
                match type_of(schema) {
                    None | Some("string") => {}
                    Some("array") => {
                        let exploded =
                            p.value.get("explode").and_then(Value::as_bool) != Some(false);
                        let how = if exploded {
                            "an exploded array"
                        } else {
                            "an array"
                        };
                        cx.report_at(name_node(p), format!("`{sort}` is {how}, not one string"))
                            .set_help("declare `type: string` and join the keys with `|`, e.g. `lastName|-hireDate`");
                    }
                    Some(t) => {
                        cx.report_at(name_node(p), format!("`{sort}` is {t}, not string"))
                            .set_help("declare `type: string`");
                    }
                }
            }
        }
    }
}
