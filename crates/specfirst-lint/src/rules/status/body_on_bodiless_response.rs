use std::collections::HashSet;

use serde_json::Value;

use super::has_content;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that `204` and `304` responses, and every response of a `head`
    /// operation, have no `content`.
    ///
    /// A `204`/`304` shared through `$ref` is reported once, at its
    /// `content`. A HEAD response that references a shared response (an
    /// error response with a body, say) is reported at HEAD's own entry,
    /// since the component may rightly have a body where GET uses it.
    ///
    /// ## Why is this bad?
    /// HTTP forbids a body on 204 and 304 and on any answer to HEAD. A
    /// documented body there is never sent, so generated clients that
    /// expect it break, and servers that try to send it violate HTTP.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     delete:
    ///       responses:
    ///         '204':
    ///           description: Deleted
    ///           content: {application/json: {schema: {type: object}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     delete:
    ///       responses:
    ///         '204': {description: Deleted}
    /// ```
    pub BodyOnBodilessResponse {
        code: "STATUS-005",
        name: "body-on-bodiless-response",
        category: "status",
        severity: Error,
        summary: "A 204, 304 or HEAD response documents a body.",
    }
}

impl Rule for BodyOnBodilessResponse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut seen = HashSet::new();
        for op in &model.operations {
            let Some(map) = op.op.get("responses").and_then(Value::as_object) else {
                continue;
            };
            let head = op.method == "head";
            for (key, written) in map {
                let bodiless_code = key == "204" || key == "304";
                if !(head || bodiless_code) || key.starts_with("x-") {
                    continue;
                }
                let Ok((_, response)) = cx.bundle.resolve(op.doc, written) else {
                    continue;
                };
                let Some(content) = response.get("content").filter(|_| has_content(response))
                else {
                    continue;
                };
                if bodiless_code {
                    // At the response's `content`, once however often it is used.
                    if seen.insert(std::ptr::from_ref(response) as usize) {
                        cx.report_at_key(content, format!("`{key}` response documents a body"))
                            .set_help(format!(
                                "remove `content`: a {key} response never has a body"
                            ));
                    }
                } else {
                    // At HEAD's own entry: a shared response may rightly have a body elsewhere.
                    let at = if specfirst_source::ref_of(written).is_some() {
                        written
                    } else {
                        content
                    };
                    cx.report_at_key(
                        at,
                        format!("`{key}` response of HEAD {} documents a body", op.path.key),
                    )
                    .set_help(
                        "HEAD answers carry headers only: remove `content`, or use a response \
                         without a body",
                    );
                }
            }
        }
    }
}
