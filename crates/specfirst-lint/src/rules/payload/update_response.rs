use specfirst_config::UpdateSuccess;
use specfirst_diagnostics::Severity;

use serde_json::Value;
use specfirst_source::Bundle;

use super::support::{
    Body, get_200_bodies, is_list, json_bodies, label, lower, same_schema, schema_mismatch,
};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, responses, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the success response of `PUT` and `PATCH`, following option
    /// `updateSuccess`:
    ///
    /// - `either` (default): a `200` must have content (otherwise use `204`,
    ///   warning), and its JSON schema should be the one `GET` on the same
    ///   path returns (info; not compared on collection paths, or where `GET`
    ///   returns a list, e.g. `{count, results: [...]}` of the updated type);
    /// - `200`: as `either`, and a `204` is reported;
    /// - `204`: a `200` is reported.
    ///
    /// ## Why is this bad?
    /// A `200` promises the updated representation; without a body it says
    /// less than a `204` and clients wait for data that never comes. A body
    /// of another type than `GET` returns cannot replace the client's copy.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///     put:
    ///       requestBody: {content: {application/json: {schema: {type: object}}}}
    ///       responses: {'200': {description: Updated}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{id}:
    ///     parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    ///     put:
    ///       requestBody: {content: {application/json: {schema: {type: object}}}}
    ///       responses: {'204': {description: Updated}}
    /// ```
    pub UpdateResponse {
        code: "PAYLOAD-010",
        name: "update-response-body",
        category: "payload",
        severity: Warning,
        summary: "A `PUT` or `PATCH` answers `200` without the updated representation (or breaks `updateSuccess`).",
    }
}

/// Whether `body` is a list of `item`: a top-level array of it, or an
/// object with an array property of it.
fn lists(bundle: &Bundle, body: &Body<'_>, item: &Value) -> bool {
    let of = |doc: usize, array: &Value| {
        type_of(array) == Some("array")
            && array
                .get("items")
                .and_then(|i| bundle.resolve(doc, i).ok())
                .is_some_and(|(_, i)| same_schema(i, item))
    };
    of(body.doc, body.schema)
        || properties(bundle, body.doc, body.schema)
            .iter()
            .any(|(_, d, v, _)| of(*d, v))
}

impl Rule for UpdateResponse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let mode = cx.options.update_success;
        for op in &model.operations {
            if !matches!(op.method, "put" | "patch") {
                continue;
            }
            let what = label(op);
            for (key, _, response) in responses(bundle, op) {
                if key == "204" && mode == UpdateSuccess::Ok200 {
                    cx.report_at_key(
                        response,
                        format!("{what} answers `204` while `updateSuccess` is `200`"),
                    )
                    .set_help("answer `200` with the updated representation");
                }
                if key != "200" {
                    continue;
                }
                if mode == UpdateSuccess::NoContent204 {
                    cx.report_at_key(
                        response,
                        format!("{what} answers `200` while `updateSuccess` is `204`"),
                    )
                    .set_help("answer `204` without a body");
                    continue;
                }
                if response
                    .get("content")
                    .and_then(|c| c.as_object())
                    .is_none_or(|c| c.is_empty())
                {
                    cx.report_at_key(response, format!("`200` of {what} has no body"))
                        .set_help(
                            "return the updated representation, or answer `204` when there is none",
                        );
                    continue;
                }
                // A collection's GET returns the list, not what a (bulk)
                // update of the collection returns.
                if model.kind(op.path.key).is_some_and(|k| k.is_collection()) {
                    continue;
                }
                let expected = get_200_bodies(bundle, model, op.path.key);
                if expected.is_empty() || expected.iter().all(|e| is_list(bundle, e)) {
                    continue;
                }
                for b in json_bodies(bundle, op, |s| s == "200") {
                    // GET returns a page of these (`{count, results: [...]}`):
                    // the path is a collection in all but name.
                    if expected.iter().any(|e| lists(bundle, e, b.schema)) {
                        continue;
                    }
                    let Some((got, want)) = schema_mismatch(bundle, &expected, &b) else {
                        continue;
                    };
                    let d = cx.report_at_key(
                        b.written,
                        format!(
                            "`200` body {got} of {what} differs from {want} returned by GET {}",
                            op.path.key
                        ),
                    );
                    d.set_help("return the full updated representation, as GET returns it");
                    lower(d, Severity::Info);
                }
            }
        }
    }
}
