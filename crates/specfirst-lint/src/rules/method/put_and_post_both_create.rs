use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::defs::segments::segments;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports (info) a `put` on an item path that declares `201` while the
    /// parent path's `post` declares `201` too: the API offers two ways to
    /// create the same kind of resource.
    ///
    /// ## Why is this bad?
    /// POST creates when the server assigns the URI; PUT creates only when
    /// the client chooses the identifier, as in a store (`PUT
    /// /users/1234/favorites/alonso`). Offering both leaves clients to guess
    /// which one to use and lets them pick identifiers the server also
    /// assigns.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     post: {responses: {'201': {description: Created}}}
    ///   /users/{userId}:
    ///     put:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       responses: {'201': {description: Created}, '200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users:
    ///     post: {responses: {'201': {description: Created}}}
    ///   /users/{userId}:
    ///     put:
    ///       parameters:
    ///         - {name: userId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub PutAndPostBothCreate {
        code: "METHOD-008",
        name: "put-and-post-both-create",
        category: "method",
        severity: Info,
        summary: "Both PUT on the item and POST on its collection create resources.",
    }
}

impl Rule for PutAndPostBothCreate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "put"
            || op.path.kind != PathItemKind::Path
            || cx.model.kind(op.path.key) != Some(ResourceKind::Document)
        {
            return;
        }
        let Some(created) = op.op.get("responses").and_then(|r| r.get("201")) else {
            return;
        };
        let n = segments(op.path.key).len();
        if n < 2 {
            return;
        }
        let parent = crate::rules::uri::prefix(op.path.key, n - 2);
        let Some(post_created) = crate::rules::uri::paths(cx)
            .find(|p| p.key == parent)
            .and_then(|p| p.item.get("post"))
            .and_then(|post| post.get("responses"))
            .and_then(|r| r.get("201"))
        else {
            return;
        };
        let related = cx.locate_key(post_created);
        let d = cx.report_at_key(
            created,
            format!(
                "PUT {} creates (201), and so does POST {parent}",
                op.path.key
            ),
        );
        d.set_help("create with POST when the server assigns the identifier; keep PUT-creation for client-chosen identifiers (a store), and drop `201` from the other");
        if let Some(location) = related {
            d.add_related(location, "POST creates here too");
        }
    }
}
