use super::super::payload::support::label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `POST` on a search controller (a path whose last segment is
    /// `search`, or ends in `:search`) that declares a `201` response. A
    /// search creates nothing: its results come with `200`.
    ///
    /// ## Why is this bad?
    /// `201` tells clients and caches that a resource was created and can
    /// be found at `Location`. For a search there is none, so clients look
    /// for a header that never comes.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/search:
    ///     post:
    ///       responses: {'201': {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/search:
    ///     x-resource-kind: controller
    ///     post:
    ///       responses: {'200': {description: Results}}
    /// ```
    pub SearchReturnsCreated {
        code: "QUERY-007",
        name: "search-returns-created",
        category: "query",
        severity: Warning,
        summary: "A `POST …/search` answers `201` instead of `200`.",
    }
}

fn is_search(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    last == "search" || last.ends_with(":search")
}

impl Rule for SearchReturnsCreated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for op in &model.operations {
            if op.method != "post" || !is_search(op.path.key) {
                continue;
            }
            if let Some(created) = op.op.get("responses").and_then(|r| r.get("201")) {
                cx.report_at_key(
                    created,
                    format!("{} answers `201`; a search creates nothing", label(op)),
                )
                .set_help("answer `200` with the results");
            }
        }
    }
}
