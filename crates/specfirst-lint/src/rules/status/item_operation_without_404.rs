use super::{documents, label};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that GET, PUT, PATCH and DELETE on an item path (RULEBOOK D2:
    /// the last segment is a template, or `x-resource-kind: document`)
    /// document `404`, `4XX` or `default`.
    ///
    /// HEAD and OPTIONS are exempt. A HEAD answer mirrors the GET of the same
    /// path (METHOD-011), so the GET's `404` documents it and a second
    /// finding would report the same omission twice. OPTIONS describes the
    /// URI's methods and is answered without looking the item up (a CORS
    /// preflight must succeed even for an item that does not exist, or the
    /// browser never sends the request that would get the 404). POST on an
    /// item is METHOD-006's concern, and controller paths are not items.
    ///
    /// A `410` does not replace the 404, whatever `deletedResourceStatus`
    /// says: 410 is for items known to be deleted, an id that never existed
    /// still gets 404.
    ///
    /// ## Why is this bad?
    /// Any identifier in a URI can be wrong or stale. Without a documented
    /// 404 generated clients have no typed "not found" outcome and callers
    /// treat it as an unexpected failure.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get: {responses: {'200': {description: OK}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200': {description: OK}
    ///         '404': {description: No user with this id}
    /// ```
    pub ItemOperationWithout404 {
        code: "STATUS-007",
        name: "item-operation-without-404",
        category: "status",
        severity: Warning,
        summary: "An operation on an item path does not document 404.",
    }
}

impl Rule for ItemOperationWithout404 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path
            || !matches!(op.method, "get" | "put" | "patch" | "delete")
            || cx.model.kind(op.path.key) != Some(ResourceKind::Document)
            || documents(op, &["404", "4XX", "default"])
        {
            return;
        }
        cx.report_at_key(
            op.op,
            format!("{} does not document `404` for an unknown id", label(op)),
        )
        .set_help("add a `404` response (e.g. `$ref: '#/components/responses/NotFound'`)");
    }
}
