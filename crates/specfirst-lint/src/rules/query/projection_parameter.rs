use super::super::payload::support::{Seen, name_node};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a query parameter named `select`, `$select`, `include`,
    /// `exclude` or `only`: partial responses use `fields`
    /// (`fields=(firstName,birthDate)`, or `fields=!(address)` to exclude).
    /// Embedding related resources, which `include` often means, uses
    /// `embed` (QUERY-006).
    ///
    /// ## Why is this bad?
    /// One projection parameter with one syntax works the same on every
    /// resource. Several names for the same feature make clients guess
    /// which one each operation takes.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: select, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: fields, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub ProjectionParameter {
        code: "QUERY-005",
        name: "projection-parameter-name",
        category: "query",
        severity: Info,
        summary: "A projection parameter is not named `fields`.",
    }
}

impl Rule for ProjectionParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location == "query"
                    && matches!(
                        p.name,
                        "select" | "$select" | "include" | "exclude" | "only"
                    )
                    && seen.first(p.value)
                {
                    cx.report_at(name_node(p), format!("projection parameter is named `{}`, not `fields`", p.name))
                        .set_help("use `fields=(a,b)` to select and `fields=!(a)` to exclude; use `embed` to embed related resources");
                }
            }
        }
    }
}
