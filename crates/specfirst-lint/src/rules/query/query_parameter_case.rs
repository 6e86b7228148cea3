use specfirst_config::NameCase;

use super::super::payload::support::{Seen, case_pattern, matches_case, name_node, suggest};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every query parameter name follows option
    /// `queryParamNameCase`: `camelCase` (the default,
    /// `^[a-z][a-zA-Z0-9]*$`), `snake_case` (`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
    /// or `any` (no check). The reserved names (`offset`, `sort`, ...) are
    /// single lower-case words and fit either case.
    ///
    /// ## Why is this bad?
    /// Query parameters are part of the URI clients write by hand. One
    /// spelling, the same as the property names, avoids `pageSize` on one
    /// operation and `page_size` on the next.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: page_start_index, in: query, schema: {type: integer}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: pageStartIndex, in: query, schema: {type: integer}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub QueryParameterCase {
        code: "QUERY-009",
        name: "query-parameter-case",
        category: "query",
        severity: Warning,
        summary: "A query parameter name does not follow the configured case (camelCase by default).",
    }
}

impl Rule for QueryParameterCase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let case = cx.options.query_param_name_case;
        if case == NameCase::Any {
            return;
        }
        let case_name = if case == NameCase::SnakeCase {
            "snake_case"
        } else {
            "camelCase"
        };
        let model = cx.model;
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location != "query" || matches_case(p.name, case) || !seen.first(p.value) {
                    continue;
                }
                cx.report_at(
                    name_node(p),
                    format!("query parameter `{}` is not {case_name}", p.name),
                )
                .set_help(format!(
                    "rename it to `{}` (pattern `{}`, option `queryParamNameCase`)",
                    suggest(p.name, case),
                    case_pattern(case)
                ));
            }
        }
    }
}
