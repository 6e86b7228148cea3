use specfirst_config::ValidationErrorStatus;

use super::{documents, label, response_entry};
use crate::context::Context;
use crate::declare_rule;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the split between 400 and 422 (C-21, option
    /// `validationErrorStatus`):
    ///
    /// - `split` (default): a documented `422` needs `400` (or `4XX`) next to
    ///   it, because malformed and schema-invalid input gets 400 and only
    ///   semantic errors in valid requests get 422;
    /// - `400`: every documented `422` is reported, since all invalid data
    ///   gets 400.
    ///
    /// ## Why is this bad?
    /// A 422 alone suggests that schema violations get 422 too; clients then
    /// cannot tell "your JSON is wrong" from "this order cannot be placed".
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /orders:
    ///     post:
    ///       responses: {'201': {description: Created}, '422': {description: Semantic error}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /orders:
    ///     post:
    ///       responses:
    ///         '201': {description: Created}
    ///         '400': {description: Bad request}
    ///         '422': {description: Semantic error}
    /// ```
    pub UnprocessableWithoutBadRequest {
        code: "STATUS-014",
        name: "unprocessable-without-bad-request",
        category: "status",
        severity: Info,
        summary: "A 422 is documented without 400, or against `validationErrorStatus: 400`.",
    }
}

impl Rule for UnprocessableWithoutBadRequest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path {
            return;
        }
        let Some(written) = response_entry(op, "422") else {
            return;
        };
        match cx.options.validation_error_status {
            ValidationErrorStatus::Split => {
                if documents(op, &["400", "4XX"]) {
                    return;
                }
                cx.report_at_key(
                    written,
                    format!("{} documents `422` but not `400`", label(op)),
                )
                .set_help(
                    "document `400` for malformed or schema-invalid input; keep `422` for \
                     semantic errors in valid requests",
                );
            }
            ValidationErrorStatus::BadRequest400 => {
                cx.report_at_key(
                    written,
                    format!("{} documents `422` but invalid data gets `400`", label(op)),
                )
                .set_help("document `400` instead (`validationErrorStatus: 400`)");
            }
        }
    }
}
