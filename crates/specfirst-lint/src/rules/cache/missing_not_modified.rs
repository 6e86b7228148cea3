use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::status::is_success;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, has_header, is_path_op, label, response, responses};

declare_rule! {
    /// ## What it does
    /// Checks conditional `GET` (info):
    /// - a `GET` whose 2xx responses declare `ETag` or `Last-Modified` must
    ///   document `304`;
    /// - a documented `304` (of any `GET`) must declare the headers `ETag`,
    ///   `Content-Location` and `Date`. A shared 304 is reported once, where
    ///   it is defined.
    ///
    /// A 304 with a body is reported by STATUS-005.
    ///
    /// ## Why is this bad?
    /// A validator is only useful if the server answers `If-None-Match` and
    /// `If-Modified-Since` with `304 Not Modified` when nothing changed; the
    /// 304 carries `Date`, `ETag` and `Content-Location` (and the cache
    /// headers) so the client can refresh its stored copy without the body.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, headers: {ETag: {schema: {type: string}}}}
    ///         '304': {description: Not modified}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200': {description: OK, headers: {ETag: {schema: {type: string}}}}
    ///         '304':
    ///           description: Not modified
    ///           headers:
    ///             ETag: {schema: {type: string}}
    ///             Content-Location: {schema: {type: string, format: uri}}
    ///             Date: {schema: {type: string}}
    /// ```
    pub MissingNotModified {
        code: "CACHE-005",
        name: "missing-not-modified",
        category: "cache",
        severity: Info,
        summary: "A GET with validators has no 304, or its 304 lacks `ETag`, `Content-Location` or `Date`.",
    }
}

impl Rule for MissingNotModified {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in model
            .operations
            .iter()
            .filter(|op| op.method == "get" && is_path_op(op))
        {
            match response(cx.bundle, op, "304") {
                None => {
                    let validator = responses(cx.bundle, op).iter().find_map(|r| {
                        if !is_success(r.status) {
                            return None;
                        }
                        ["ETag", "Last-Modified"]
                            .into_iter()
                            .find(|h| has_header(cx.bundle, r, h))
                    });
                    if let Some(h) = validator {
                        cx.report_at_key(
                            op.op,
                            format!("{} declares `{h}` but no `304` response", label(op)),
                        )
                        .set_help(
                            "document `304 Not Modified` for `If-None-Match` / `If-Modified-Since`",
                        );
                    }
                }
                Some(r) => {
                    if !seen.insert(addr(r.value)) {
                        continue;
                    }
                    let missing: Vec<&str> = ["ETag", "Content-Location", "Date"]
                        .into_iter()
                        .filter(|h| !has_header(cx.bundle, &r, h))
                        .collect();
                    if !missing.is_empty() {
                        let list: Vec<String> = missing.iter().map(|h| format!("`{h}`")).collect();
                        cx.report_at_key(
                            r.value,
                            format!("`304` response does not declare {}", list.join(", ")),
                        )
                        .set_help("a 304 carries `Date`, `ETag` and `Content-Location`, plus the cache headers");
                    }
                }
            }
        }
    }
}
