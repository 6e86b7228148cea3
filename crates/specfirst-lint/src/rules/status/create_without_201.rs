use serde_json::Value;

use super::{documents, label, response_keys};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::status;
use crate::model::{Operation, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that a `post` on a collection or store path (RULEBOOK D2)
    /// documents `201 Created`.
    ///
    /// A POST that does not create anything (a search, a batch lookup) is
    /// marked `x-creates: false` and may answer 200. A POST that documents
    /// `202` creates asynchronously (STATUS-004) and is not reported.
    ///
    /// ## Why is this bad?
    /// 201 tells the client a resource now exists and where (`Location`). A
    /// 200 leaves it guessing whether anything was created, and generated
    /// clients cannot return the new resource's address.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /orders:
    ///     post: {responses: {'200': {description: OK}}}
    ///   /orders/{orderId}:
    ///     get: {responses: {'200': {description: OK}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /orders:
    ///     post: {responses: {'201': {description: Created}}}
    ///   /orders/{orderId}:
    ///     get: {responses: {'200': {description: OK}}}
    /// ```
    pub CreateWithout201 {
        code: "STATUS-002",
        name: "create-without-201",
        category: "status",
        severity: Warning,
        summary: "A POST to a collection does not document 201 Created.",
    }
}

impl Rule for CreateWithout201 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "post" || op.path.kind != PathItemKind::Path {
            return;
        }
        if !cx
            .model
            .kind(op.path.key)
            .is_some_and(|k| k.is_collection())
        {
            return;
        }
        if op.op.get("x-creates").and_then(Value::as_bool) == Some(false) {
            return;
        }
        if documents(op, &["201", "202"]) {
            return;
        }
        let keys = response_keys(op);
        let success = keys.iter().find(|k| status::is_success(k));
        let name = label(op);
        let (at, message) = match success.and_then(|k| Some((k, op.op.get("responses")?.get(*k)?)))
        {
            Some((key, written)) => (
                written,
                format!("{name} creates in a collection but answers `{key}` instead of `201`"),
            ),
            None => (
                op.op,
                format!("{name} creates in a collection but documents no `201` response"),
            ),
        };
        cx.report_at_key(at, message).set_help(
            "answer 201 Created with a `Location` header; mark a POST that creates nothing \
             (a search) with `x-creates: false`",
        );
    }
}
