use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::defs::status::is_success;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{has_header, header_param, is_path_op, label, responses};

declare_rule! {
    /// ## What it does
    /// Checks optimistic concurrency on updates:
    /// - (a) with `requirePreconditions: true` (the default), a `PUT` or
    ///   `PATCH` on an item path (D2) must declare an `If-Match` or
    ///   `If-Unmodified-Since` header parameter → warning. The parameter may
    ///   be optional: a server that requires it answers a request without it
    ///   with the status of `missingPreconditionStatus`, which CONC-002 checks
    ///   is documented. With `requirePreconditions: false` this part is off.
    /// - (b) a `PUT` or `PATCH` that declares `If-Match` while the `GET` of
    ///   the same path declares no `ETag` response header (in any 2xx) →
    ///   error; likewise `If-Unmodified-Since` without `Last-Modified`. A path
    ///   without `GET` is not checked. This is reported at the operation, as
    ///   the header parameter is often shared by many operations.
    ///
    /// ## Why is this bad?
    /// Without a precondition, two clients that read the same version and
    /// both write it back lose one update silently ("lost update"). A
    /// precondition header is useless if clients cannot learn the validator:
    /// the `GET` must expose the `ETag` (or `Last-Modified`) they send back.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get: {responses: {'200': {description: OK}}}
    ///     put:
    ///       parameters: [{name: If-Match, in: header, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get: {responses: {'200': {description: OK, headers: {ETag: {schema: {type: string}}}}}}
    ///     put:
    ///       parameters: [{name: If-Match, in: header, required: true, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
    /// ```
    pub MissingPreconditionHeader {
        code: "CONC-001",
        name: "missing-precondition-header",
        category: "conc",
        severity: Error,
        summary: "An update is not conditional, or its precondition has no validator on GET.",
    }
}

impl Rule for MissingPreconditionHeader {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !matches!(op.method, "put" | "patch") || !is_path_op(op) {
            return;
        }
        let if_match = header_param(op, "If-Match");
        let if_unmodified = header_param(op, "If-Unmodified-Since");
        let item = cx.model.kind(op.path.key) == Some(ResourceKind::Document);
        if cx.options.require_preconditions && item && if_match.is_none() && if_unmodified.is_none()
        {
            let d = cx.report_at_key(
                op.op,
                format!(
                    "{} declares neither `If-Match` nor `If-Unmodified-Since`",
                    label(op)
                ),
            );
            d.severity = specfirst_diagnostics::Severity::Warning;
            d.set_help("add a header parameter `If-Match` (the ETag from GET) so concurrent updates cannot overwrite each other");
        }
        let Some(get) = op.path.item.get("get").filter(|g| g.is_object()) else {
            return;
        };
        let get_op = Operation {
            method: "get",
            op: get,
            parameters: Vec::new(),
            ..op.clone()
        };
        let get_declares = |h: &str| {
            responses(cx.bundle, &get_op)
                .iter()
                .any(|r| is_success(r.status) && has_header(cx.bundle, r, h))
        };
        for (param, validator) in [(if_match, "ETag"), (if_unmodified, "Last-Modified")] {
            let Some(p) = param else { continue };
            if !get_declares(validator) {
                cx.report_at_key(
                    op.op,
                    format!(
                        "{} takes `{}` but GET {} does not declare the `{validator}` response header",
                        label(op),
                        p.name,
                        op.path.key
                    ),
                )
                .set_help(format!("declare `{validator}` on the 2xx responses of GET {} so clients can send it back", op.path.key));
            }
        }
    }
}
