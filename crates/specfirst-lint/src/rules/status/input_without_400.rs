use super::{documents, label};
use crate::context::Context;
use crate::declare_rule;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that an operation that takes input documents `400`, `4XX` or
    /// `default`. Input is a `requestBody`, or any effective parameter (D3)
    /// that is not in the path (query, header, cookie).
    ///
    /// ## Why is this bad?
    /// Every input can be malformed or fail its schema. The documented 400 is
    /// how clients learn that outcome exists and what its body looks like.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       requestBody: {content: {application/json: {schema: {type: object}}}}
    ///       responses: {'201': {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     post:
    ///       requestBody: {content: {application/json: {schema: {type: object}}}}
    ///       responses:
    ///         '201': {description: Created}
    ///         '400': {description: Invalid pet}
    /// ```
    pub InputWithout400 {
        code: "STATUS-008",
        name: "input-without-400",
        category: "status",
        severity: Warning,
        summary: "An operation that takes input does not document 400.",
    }
}

impl Rule for InputWithout400 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.path.kind != PathItemKind::Path {
            return;
        }
        let body = op.op.get("requestBody").is_some();
        let param = op.parameters.iter().find(|p| p.location != "path");
        if !body && param.is_none() {
            return;
        }
        if documents(op, &["400", "4XX", "default"]) {
            return;
        }
        let input = if body {
            "a request body".to_owned()
        } else {
            param.map_or_else(String::new, |p| {
                format!("{} parameter `{}`", p.location, p.name)
            })
        };
        cx.report_at_key(
            op.op,
            format!("{} takes {input} but does not document `400`", label(op)),
        )
        .set_help("add a `400` response for malformed or schema-invalid input");
    }
}
