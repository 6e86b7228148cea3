use super::{each_response, response_header};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that `301`, `302`, `303`, `307` and `308` responses document a
    /// `Location` header (any case). A redirect shared through `$ref` is
    /// reported once, at the component.
    ///
    /// A `308` that documents `Range` is the "Resume Incomplete" answer of
    /// resumable uploads, not a redirect, and is not reported.
    ///
    /// With `duplicateCreateStatus: 303` (C-37), the `303` that answers a
    /// repeated create is checked here too: it must point to the existing
    /// resource.
    ///
    /// ## Why is this bad?
    /// A redirect without `Location` cannot be followed: the client is told
    /// to go elsewhere without being told where.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /reports/latest:
    ///     get:
    ///       responses:
    ///         '303': {description: See other}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /reports/latest:
    ///     get:
    ///       responses:
    ///         '303':
    ///           description: See other
    ///           headers: {Location: {schema: {type: string, format: uri}}}
    /// ```
    pub RedirectWithoutLocation {
        code: "STATUS-011",
        name: "redirect-without-location",
        category: "status",
        severity: Error,
        summary: "A redirect response does not document the `Location` header.",
    }
}

const REDIRECTS: &[&str] = &["301", "302", "303", "307", "308"];

impl Rule for RedirectWithoutLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut found = Vec::new();
        each_response(
            cx,
            &model.operations,
            |k| REDIRECTS.contains(&k),
            |r| {
                // A 308 with `Range` is the "Resume Incomplete" of resumable
                // uploads (Google's protocol), not a redirect.
                let resume = r.key == "308"
                    && response_header(cx.bundle, r.doc, r.response, "Range").is_some();
                if !resume && response_header(cx.bundle, r.doc, r.response, "Location").is_none() {
                    found.push((r.key, r.response));
                }
            },
        );
        for (key, response) in found {
            cx.report_at_key(
                response,
                format!("`{key}` redirect does not document `Location`"),
            )
            .set_help("add `headers: {Location: {schema: {type: string, format: uri}}}`");
        }
    }
}
