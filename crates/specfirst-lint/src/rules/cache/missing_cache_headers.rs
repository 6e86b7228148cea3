use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{has_header, is_path_op, label, response};

declare_rule! {
    /// ## What it does
    /// Checks the cache headers of the `200` response of every `GET`:
    /// - `Cache-Control` must be declared;
    /// - on item paths (D2: the last segment is a template), `Last-Modified`
    ///   must be declared too.
    ///
    /// ## Why is this bad?
    /// `Cache-Control` tells clients and proxies whether and how long a
    /// representation may be reused; without it each cache guesses.
    /// `Last-Modified` lets clients revalidate with `If-Modified-Since` and
    /// update with `If-Unmodified-Since`. Documenting them lets generated
    /// clients read them.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, headers: {ETag: {schema: {type: string}}}}
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
    ///           headers:
    ///             ETag: {schema: {type: string}}
    ///             Cache-Control: {schema: {type: string}, example: 'max-age=60'}
    ///             Last-Modified: {schema: {type: string}, example: 'Mon, 28 Feb 2011 13:10:14 GMT'}
    /// ```
    pub MissingCacheHeaders {
        code: "CACHE-002",
        name: "missing-cache-headers",
        category: "cache",
        severity: Info,
        summary: "A GET 200 response does not declare `Cache-Control`, or an item's `Last-Modified`.",
    }
}

impl Rule for MissingCacheHeaders {
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
        if !has_header(cx.bundle, &ok, "Cache-Control") {
            cx.report_at_key(
                ok.written,
                format!(
                    "`200` response of {} does not declare `Cache-Control`",
                    label(op)
                ),
            )
            .set_help(
                "add `headers: {Cache-Control: {schema: {type: string}, example: 'max-age=60'}}`",
            );
        }
        let item = cx.model.kind(op.path.key) == Some(ResourceKind::Document);
        if item && !has_header(cx.bundle, &ok, "Last-Modified") {
            cx.report_at_key(
                ok.written,
                format!("`200` response of {} does not declare `Last-Modified`", label(op)),
            )
            .set_help("add `headers: {Last-Modified: {schema: {type: string}, example: 'Mon, 28 Feb 2011 13:10:14 GMT'}}`");
        }
    }
}
