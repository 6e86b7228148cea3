use super::support::label;
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::responses;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `200` response of `GET` that declares no `content`.
    ///
    /// ## Why is this bad?
    /// A successful `GET` returns the representation of the resource. A
    /// `200` without content leaves clients and generated code with nothing
    /// to parse, and tells nothing about what the resource looks like.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     get:
    ///       parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {application/json: {schema: {type: object}}}
    /// ```
    pub GetWithoutBody {
        code: "PAYLOAD-011",
        name: "get-without-body",
        category: "payload",
        severity: Error,
        summary: "A `GET` answers `200` without content.",
    }
}

impl Rule for GetWithoutBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        for op in &model.operations {
            if op.method != "get" {
                continue;
            }
            for (key, _, response) in responses(bundle, op) {
                if key == "200"
                    && response
                        .get("content")
                        .and_then(|c| c.as_object())
                        .is_none_or(|c| c.is_empty())
                {
                    cx.report_at_key(response, format!("`200` of {} has no content", label(op)))
                        .set_help(
                            "describe the representation under `content`, e.g. `application/json`",
                        );
                }
            }
        }
    }
}
