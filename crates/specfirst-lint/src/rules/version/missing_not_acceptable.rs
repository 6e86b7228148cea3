use std::collections::HashSet;

use serde_json::Value;
use specfirst_config::{NotAcceptableBody, UnsupportedRequestVersionStatus, Versioning};

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{contents, has_status, is_path_op, label, response, versions};

declare_rule! {
    /// ## What it does
    /// For an operation with versioned content (`application/json;
    /// version=N`, see VERSION-001), checks that it documents `406` and that
    /// the 406's JSON body lists the supported media types: a schema `{type:
    /// array, items: {type: string}}`.
    ///
    /// Options:
    /// - `notAcceptableBody: error-object`: the 406 body is instead an
    ///   object with `code`, `message` and `details` properties;
    /// - `unsupportedRequestVersionStatus: 415`: an operation whose request
    ///   body is versioned must also document `415`, the answer to an
    ///   unsupported version in `Content-Type`.
    ///
    /// A 406 without content is reported; a 406 whose body is not JSON is
    /// left alone. Applies with `versioning: media-type` (the default).
    ///
    /// ## Why is this bad?
    /// A request for an unsupported or retired version gets 406 with the
    /// list of versions the server does support, so the client can pick
    /// one. Without a documented 406, generated clients cannot recognise the
    /// answer and users cannot find out which versions exist.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {'application/json; version=1': {schema: {type: object}}}
    ///         '406': {description: Not acceptable}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {'application/json; version=1': {schema: {type: object}}}
    ///         '406':
    ///           description: Unsupported version or media type
    ///           content:
    ///             application/json:
    ///               schema: {type: array, items: {type: string}}
    ///               example: ['application/json; version=1']
    /// ```
    pub MissingNotAcceptable {
        code: "VERSION-004",
        name: "missing-not-acceptable",
        category: "version",
        severity: Warning,
        summary: "A versioned operation does not document 406 with the supported media types.",
    }
}

/// What is wrong with a 406's JSON schema, if anything.
fn body_problem(cx: &Context<'_>, doc: usize, schema: &Value) -> Option<&'static str> {
    let (doc, schema) = cx.bundle.resolve(doc, schema).ok()?;
    match cx.options.not_acceptable_body {
        NotAcceptableBody::MediaTypeArray => {
            let items = schema
                .get("items")
                .and_then(|i| cx.bundle.resolve(doc, i).ok());
            let ok = type_of(schema) == Some("array")
                && items.is_some_and(|(_, i)| type_of(i) == Some("string"));
            (!ok).then_some("is not an array of strings (the supported media types)")
        }
        NotAcceptableBody::ErrorObject => {
            let props = properties(cx.bundle, doc, schema);
            let ok = ["code", "message", "details"]
                .iter()
                .all(|p| props.iter().any(|(n, ..)| n == p));
            (!ok).then_some(
                "is not an error object with `code`, `message` and `details` (`notAcceptableBody: error-object`)",
            )
        }
    }
}

impl Rule for MissingNotAcceptable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.versioning != Versioning::MediaType {
            return;
        }
        let mut seen_406 = HashSet::new();
        let model = cx.model;
        for op in model.operations.iter().filter(|op| is_path_op(op)) {
            let all = contents(cx.bundle, op);
            let request_versioned = all
                .iter()
                .any(|c| c.status.is_none() && !versions(c).is_empty());
            let any_versioned = all.iter().any(|c| !versions(c).is_empty());
            if !any_versioned {
                continue;
            }
            match response(cx.bundle, op, "406") {
                None => {
                    cx.report_at_key(
                        op.op,
                        format!("{} has versioned content but no `406` response", label(op)),
                    )
                    .set_help("document `406` with a JSON array of the supported media types, e.g. `[\"application/json; version=1\"]`");
                }
                Some(r) => {
                    if !seen_406.insert(std::ptr::from_ref(r.value) as usize) {
                        // A shared 406 is checked once.
                    } else if let Some(content) = r.value.get("content").and_then(Value::as_object)
                    {
                        for (key, mt) in content {
                            if !media::is_json(key) {
                                continue;
                            }
                            let Some(schema) = mt.get("schema") else {
                                cx.report_at_key(mt, format!("`406` body `{key}` has no schema"))
                                    .set_help(
                                        "give it `schema: {type: array, items: {type: string}}`",
                                    );
                                continue;
                            };
                            if let Some(problem) = body_problem(cx, r.doc, schema) {
                                cx.report_at_key(schema, format!("the `406` body schema {problem}"))
                                    .set_help("a 406 lists the supported media types, e.g. `[\"application/json; version=1\"]`");
                            }
                        }
                    } else {
                        cx.report_at_key(r.value, "`406` response has no body listing the supported media types")
                            .set_help("add `content: {application/json: {schema: {type: array, items: {type: string}}}}`");
                    }
                }
            }
            if request_versioned
                && cx.options.unsupported_request_version_status
                    == UnsupportedRequestVersionStatus::UnsupportedMediaType415
                && !has_status(op, "415")
            {
                cx.report_at_key(
                    op.op,
                    format!("{} accepts a versioned request body but documents no `415`", label(op)),
                )
                .set_help("with `unsupportedRequestVersionStatus: 415`, an unsupported version in `Content-Type` gets 415: document it");
            }
        }
    }
}
