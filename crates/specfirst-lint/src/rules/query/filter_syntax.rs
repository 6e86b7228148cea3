use specfirst_config::FilterStyle;
use specfirst_diagnostics::Severity;

use super::super::payload::support::{
    Seen, is_any_pagination_param, label, lower, name_node, param_schema,
};
use super::support::{item_properties, reserved, sort_name};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the filter parameters:
    ///
    /// - a `filter` query parameter not typed `string` is an error (it holds
    ///   `name::value|name::value`);
    /// - with option `filterStyle: single-param` (the default), a query
    ///   parameter of a collection `GET` that is not reserved (QUERY-004, nor
    ///   another paging parameter) and whose name is a property of the
    ///   collection's item schema is reported at info level: it is a
    ///   per-field filter. With `per-field` or `both` such parameters are
    ///   allowed.
    ///
    /// Option `filterOperators` changes only what generated code accepts
    /// inside `filter` values, not this check.
    ///
    /// ## Why is this bad?
    /// One `filter` parameter keeps filter names apart from the reserved
    /// names (`sort`, `fields`, `offset`, ...), so a resource can gain a
    /// `sort` or `limit` property without a collision, and clients build
    /// every filter the same way.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: city, in: query, schema: {type: string}}
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   data: {type: array, items: {type: object, properties: {name: {type: string}, city: {type: string}}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - name: filter
    ///           in: query
    ///           schema: {type: string, example: 'name::todd|city::denver'}
    ///           x-filter-fields: [name, city]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   data: {type: array, items: {type: object, properties: {name: {type: string}, city: {type: string}}}}
    /// ```
    pub FilterSyntax {
        code: "QUERY-001",
        name: "filter-syntax",
        category: "query",
        severity: Error,
        summary: "Filtering does not use one string `filter` parameter.",
    }
}

impl Rule for FilterSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let single = cx.options.filter_style == FilterStyle::SingleParam;
        let reserved = reserved(cx.options);
        let sort = sort_name(cx.options);
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location == "query" && p.name == "filter" && seen.first(p.value) {
                    let t = param_schema(bundle, p).and_then(|(_, s)| type_of(s));
                    if let Some(t) = t.filter(|t| *t != "string") {
                        cx.report_at(name_node(p), format!("`filter` is {t}, not string"))
                            .set_help("declare `filter` as a string of `name::value` phrases separated by `|`");
                    }
                }
            }
            if !single
                || op.method != "get"
                || !model.kind(op.path.key).is_some_and(|k| k.is_collection())
            {
                continue;
            }
            let props: std::collections::HashSet<&str> =
                item_properties(bundle, op).into_iter().collect();
            if props.is_empty() {
                continue;
            }
            for p in &op.parameters {
                if p.location != "query"
                    || p.name == sort
                    || reserved.iter().any(|(n, _)| *n == p.name)
                    || is_any_pagination_param(p.name)
                    || !props.contains(&p.name)
                {
                    continue;
                }
                let d = cx.report_at(
                    name_node(p),
                    format!(
                        "`{}` of {} filters on a field outside `filter`",
                        p.name,
                        label(op)
                    ),
                );
                d.set_help(format!(
                    "use `filter={}::<value>` (or set `filterStyle: per-field`)",
                    p.name
                ));
                lower(d, Severity::Info);
            }
        }
    }
}
