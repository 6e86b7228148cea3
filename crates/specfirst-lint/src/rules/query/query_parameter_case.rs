use specfirst_config::NameCase;

use super::super::payload::support::{
    Seen, case_breaks, case_label, case_pattern, name_node, suggest,
};
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
    /// A document written in one other style on purpose (snake_case,
    /// PascalCase, `name__lookup`, ...: at least 10 parameters in it,
    /// outnumbering the multi-word names in the configured case) gets one
    /// finding saying so, at its first such parameter, instead of one per
    /// parameter; names in any third style are still reported one by one.
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
        let model = cx.model;
        let mut seen = Seen::default();
        let mut params = Vec::new();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location == "query" && !p.name.is_empty() && seen.first(p.value) {
                    params.push(p);
                }
            }
        }
        let breaks = case_breaks(&params, |p| p.name, case);
        for p in breaks.individual {
            cx.report_at(
                name_node(p),
                format!("query parameter `{}` is not {}", p.name, case_label(case)),
            )
            .set_help(format!(
                "rename it to `{}` (pattern `{}`, option `queryParamNameCase`)",
                suggest(p.name, case),
                case_pattern(case)
            ));
        }
        if let Some(d) = breaks.deliberate {
            let (message, help) = d.message_and_help(
                "query parameter names",
                "parameters",
                "queryParamNameCase",
                d.first.name,
                case,
            );
            cx.report_at(name_node(d.first), message).set_help(help);
        }
    }
}
