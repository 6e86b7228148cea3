use specfirst_config::FilterStyle;

use super::super::payload::support::{Seen, name_node, param_schema, style_params};
use super::support::{reserved, sort_name};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a query parameter with a reserved name and another type than
    /// the reserved one: `offset`, `limit`, `page`, `size` are integers;
    /// `fields` and `embed` are strings; `jsonp` or `callback` (option
    /// `jsonp`) and `format` (option `formatQueryParam`) are strings when
    /// enabled. Untyped parameters are not judged.
    ///
    /// Names with a rule of their own are left to it: the configured
    /// pagination style's parameters (PAGE-002), `filter` (QUERY-001), the
    /// sort parameter (QUERY-003) and `after`/`before` (PAGE-008). With
    /// `filterStyle: per-field` or `both`, a reserved name used as a
    /// per-field filter shows up here with the filter's type.
    ///
    /// ## Why is this bad?
    /// The framework parses reserved names before handlers see them. A
    /// `fields` array or a string `page` is parsed as the reserved parameter
    /// anyway, and the declared meaning is lost.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: fields, in: query, schema: {type: array, items: {type: string}}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: fields, in: query, schema: {type: string, example: '(firstName,birthDate)'}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub ReservedParameterType {
        code: "QUERY-004",
        name: "reserved-parameter-type",
        category: "query",
        severity: Error,
        summary: "A reserved query parameter name is used with another type.",
    }
}

impl Rule for ReservedParameterType {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let o = cx.options;
        let own = style_params(o.pagination);
        let sort = sort_name(o);
        let per_field = o.filter_style != FilterStyle::SingleParam;
        let names: Vec<(&str, &str)> = reserved(o)
            .into_iter()
            .filter(|(n, _)| {
                !own.contains(n) && !matches!(*n, "filter" | "after" | "before") && *n != sort
            })
            .collect();
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location != "query" {
                    continue;
                }
                let Some((_, want)) = names.iter().find(|(n, _)| *n == p.name) else {
                    continue;
                };
                if !seen.first(p.value) {
                    continue;
                }
                let Some(t) = param_schema(bundle, p).and_then(|(_, s)| type_of(s)) else {
                    continue;
                };
                if t != *want {
                    let help = if per_field {
                        format!(
                            "`{}` is reserved and never a filter name; rename the filter",
                            p.name
                        )
                    } else {
                        format!("declare it as `type: {want}`, or use another name")
                    };
                    cx.report_at(
                        name_node(p),
                        format!("reserved parameter `{}` is {t}, not {want}", p.name),
                    )
                    .set_help(help);
                }
            }
        }
    }
}
