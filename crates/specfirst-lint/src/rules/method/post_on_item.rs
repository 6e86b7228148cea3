use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `post` on an item path (D2: the last segment is a template,
    /// or the path is marked `x-resource-kind: document`).
    ///
    /// ## Why is this bad?
    /// POST creates a resource in a collection, where the server assigns the
    /// new URI, or runs a controller. On an item it has no defined meaning:
    /// updates are PUT or PATCH, and actions are controllers such as
    /// `POST /customers/{customerId}/deactivate`.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers/{customerId}:
    ///     post:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers:
    ///     post:
    ///       responses: {'201': {description: Created}}
    /// ```
    pub PostOnItem {
        code: "METHOD-006",
        name: "post-on-item",
        category: "method",
        severity: Warning,
        summary: "A POST is offered on an item path instead of its collection or a controller.",
    }
}

impl Rule for PostOnItem {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "post"
            || op.path.kind != PathItemKind::Path
            || cx.model.kind(op.path.key) != Some(ResourceKind::Document)
        {
            return;
        }
        cx.report_at_key(op.op, format!("POST on the item path `{}`", op.path.key))
            .set_help("create in the collection (`POST` on the parent path), update with PUT or PATCH, or model the action as a controller (`POST …/{id}/activate`)");
    }
}
