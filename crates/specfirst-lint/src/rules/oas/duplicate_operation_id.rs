use std::collections::HashMap;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no two operations share an `operationId`.
    ///
    /// ## Why is this bad?
    /// The OpenAPI Specification requires `operationId` to be unique among all
    /// operations. Generators name functions and types after it, so a
    /// duplicate makes generated servers and clients fail to compile, and
    /// tools that link operations by id pick the wrong one.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get: {operationId: listPets, responses: {'200': {description: ok}}}
    ///   /dogs:
    ///     get: {operationId: listPets, responses: {'200': {description: ok}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get: {operationId: listPets, responses: {'200': {description: ok}}}
    ///   /dogs:
    ///     get: {operationId: listDogs, responses: {'200': {description: ok}}}
    /// ```
    pub DuplicateOperationId {
        code: "OAS-005",
        name: "duplicate-operation-id",
        category: "oas",
        severity: Error,
        summary: "Two operations share an `operationId`.",
    }
}

impl Rule for DuplicateOperationId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut first: HashMap<&str, (&Value, String, String)> = HashMap::new();
        let model = cx.model;
        let mut seen_ops = std::collections::HashSet::new();
        // In the order the ids are written (the walk visits an operation's
        // callbacks before the operation), so "first used" is the first one.
        let mut ops: Vec<(&crate::model::Operation<'_>, &Value, &str)> = model
            .operations
            .iter()
            // A Path Item shared through `$ref` yields the same operation twice.
            .filter(|op| seen_ops.insert(std::ptr::from_ref(op.op) as usize))
            .filter_map(|op| {
                let id_value = op.op.get("operationId")?;
                Some((op, id_value, id_value.as_str()?))
            })
            .collect();
        ops.sort_by_cached_key(|(_, v, _)| {
            cx.bundle
                .document_of(v)
                .map(|d| (d, cx.bundle.document(d).locate(v).span.start))
        });
        for (op, id_value, id) in ops {
            let label = format!("{} {}", op.method.to_uppercase(), op.path.key);
            match first.get(id) {
                None => {
                    first.insert(id, (id_value, label, String::new()));
                }
                Some((first_value, first_label, _)) => {
                    let related = cx.locate(first_value);
                    let first_label = first_label.clone();
                    let d = cx.report_at(
                        id_value,
                        format!("operationId `{id}` of {label} is already used by {first_label}"),
                    );
                    d.set_help("give every operation its own operationId");
                    if let Some(loc) = related {
                        d.add_related(loc, "first used here");
                    }
                }
            }
        }
    }
}
