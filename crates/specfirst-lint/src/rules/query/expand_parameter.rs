use super::super::payload::support::{Seen, name_node};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a query parameter named `expand` or `$expand`: embedding
    /// linked resources uses `embed`, e.g. `embed=(favoriteClass)`.
    ///
    /// ## Why is this bad?
    /// One name for embedding across the API lets clients ask for related
    /// resources the same way everywhere.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /students/{id}:
    ///     get:
    ///       parameters:
    ///         - {name: id, in: path, required: true, schema: {type: string}}
    ///         - {name: expand, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /students/{id}:
    ///     get:
    ///       parameters:
    ///         - {name: id, in: path, required: true, schema: {type: string}}
    ///         - {name: embed, in: query, schema: {type: string, example: '(favoriteClass)'}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub ExpandParameter {
        code: "QUERY-006",
        name: "expand-parameter",
        category: "query",
        severity: Info,
        summary: "An embedding parameter is named `expand` instead of `embed`.",
    }
}

impl Rule for ExpandParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location == "query"
                    && matches!(p.name, "expand" | "$expand")
                    && seen.first(p.value)
                {
                    cx.report_at(
                        name_node(p),
                        format!("embedding parameter is named `{}`, not `embed`", p.name),
                    )
                    .set_help("name it `embed`, e.g. `embed=(favoriteClass)`");
                }
            }
        }
    }
}
