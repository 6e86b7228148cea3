use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{has_header, is_path_op, label, response};

declare_rule! {
    /// ## What it does
    /// Checks that the `200` response of every `GET` declares the `ETag`
    /// header: a warning on item and singleton paths, an info on collection
    /// and store paths (D2).
    ///
    /// ## Why is this bad?
    /// The ETag is the validator of a representation. Without it clients and
    /// caches cannot revalidate with `If-None-Match` (and get `304`), and
    /// cannot make updates conditional with `If-Match`, so concurrent updates
    /// silently overwrite each other.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {ETag: {schema: {type: string}, example: '"686897696a7c876b7e"'}}
    /// ```
    pub MissingEtag {
        code: "CACHE-001",
        name: "missing-etag",
        category: "cache",
        severity: Warning,
        summary: "A GET 200 response does not declare `ETag`.",
    }
}

impl Rule for MissingEtag {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "get" || !is_path_op(op) {
            return;
        }
        let Some(ok) = response(cx.bundle, op, "200") else {
            return;
        };
        if has_header(cx.bundle, &ok, "ETag") {
            return;
        }
        let collection = cx
            .model
            .kind(op.path.key)
            .is_some_and(|k| k.is_collection());
        let d = cx.report_at_key(
            ok.written,
            format!("`200` response of {} does not declare `ETag`", label(op)),
        );
        d.set_help("add `headers: {ETag: {schema: {type: string}}}` so clients can revalidate and update conditionally");
        if collection {
            d.severity = Severity::Info;
        }
    }
}
