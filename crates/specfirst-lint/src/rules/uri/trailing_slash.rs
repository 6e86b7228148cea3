use specfirst_config::TrailingSlashRedirect;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `paths` key that ends with `/` (the root path `/` is
    /// exempt), and points at the key without the slash when both exist: they
    /// name the same resource twice.
    ///
    /// The option `trailingSlashRedirect` (`301`, `308` or `strip`) only
    /// changes what the help says the generated router does with such a
    /// request; the finding is the same.
    ///
    /// ## Why is this bad?
    /// A trailing slash adds no meaning, but `/shapes/` and `/shapes` are
    /// different URIs. The generated router answers a request for `…/` with a
    /// redirect to the URI without the slash, so a documented path that ends
    /// with `/` can never be reached as written.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /shapes/:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /shapes:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub TrailingSlash {
        code: "URI-003",
        name: "trailing-slash",
        category: "uri",
        severity: Error,
        summary: "A path ends with `/`.",
    }
}

impl Rule for TrailingSlash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let redirect = cx.options.trailing_slash_redirect;
        let paths: Vec<_> = super::paths(cx).collect();
        for p in &paths {
            if p.key.len() <= 1 || !p.key.ends_with('/') {
                continue;
            }
            let bare = p.key.trim_end_matches('/');
            let bare = if bare.is_empty() { "/" } else { bare };
            let twin = paths.iter().find(|q| q.key == bare);
            let router = match redirect {
                TrailingSlashRedirect::Moved301 => {
                    format!("the router answers `{}` with 301 to `{bare}`", p.key)
                }
                TrailingSlashRedirect::Permanent308 => format!(
                    "the router redirects `{}` to `{bare}`, with 308 for methods other than GET and HEAD",
                    p.key
                ),
                TrailingSlashRedirect::Strip => {
                    format!("the router routes `{}` as `{bare}`", p.key)
                }
            };
            let message = if twin.is_some() {
                format!("path `{}` ends with `/` and duplicates `{bare}`", p.key)
            } else {
                format!("path `{}` ends with `/`", p.key)
            };
            let related = twin.and_then(|q| cx.locate_key(q.written));
            let d = cx.report_at_key(p.written, message);
            if twin.is_some() {
                d.set_help(format!("merge its operations into `{bare}` ({router})"));
            } else {
                d.set_help(format!("write it as `{bare}` ({router})"));
            }
            if let Some(location) = related {
                d.add_related(location, "the same resource without the slash");
            }
        }
    }
}
