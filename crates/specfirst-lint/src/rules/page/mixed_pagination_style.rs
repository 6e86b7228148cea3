use super::super::payload::support::{Seen, integer_or_untyped, label, name_node, style_of};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a query parameter that belongs to a pagination style other
    /// than the configured one (option `pagination`: `offset-limit` by
    /// default, `page-size` or `start-index`): `offset`/`limit`,
    /// `page`/`size` or `pageStartIndex`/`pageSize` outside their style.
    /// An operation that mixes two styles has at least one such parameter.
    /// Only integer (or untyped) parameters count: `size=large` is not
    /// pagination.
    ///
    /// ## Why is this bad?
    /// Clients write one paging loop for the API. With two styles, some
    /// lists are paged by position and others by page number, and generated
    /// code supports only the configured one.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: page, in: query, schema: {type: integer}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: offset, in: query, schema: {type: integer, minimum: 0, default: 0}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub MixedPaginationStyle {
        code: "PAGE-003",
        name: "mixed-pagination-style",
        category: "page",
        severity: Warning,
        summary: "An operation uses pagination parameters of another style than the configured one.",
    }
}

impl Rule for MixedPaginationStyle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let configured = cx.options.pagination;
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location != "query" {
                    continue;
                }
                let Some(style) = style_of(p.name) else {
                    continue;
                };
                if style == configured || !integer_or_untyped(bundle, p) || !seen.first(p.value) {
                    continue;
                }
                cx.report_at(
                    name_node(p),
                    format!(
                        "`{}` of {} is {} pagination, but `pagination` is {}",
                        p.name,
                        label(op),
                        style.as_str(),
                        configured.as_str()
                    ),
                )
                .set_help("use the configured style's parameters, or change option `pagination`");
            }
        }
    }
}
