use std::collections::HashSet;

use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a response content key `*/*` or `application/*` (with or
    /// without parameters). A response shared through `$ref` is reported
    /// once, at the component.
    ///
    /// ## Why is this bad?
    /// The server's `Content-Type` names one concrete media type. A wildcard
    /// tells clients nothing about how to parse the body, and content
    /// negotiation cannot pick it.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {'*/*': {schema: {type: object}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {application/json: {schema: {type: object}}}
    /// ```
    pub WildcardResponseMediaType {
        code: "HEADER-006",
        name: "wildcard-response-media-type",
        category: "header",
        severity: Warning,
        summary: "A response content key is a wildcard instead of the media type served.",
    }
}

impl Rule for WildcardResponseMediaType {
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
            for (key, r) in map {
                let Ok((_, r)) = cx.bundle.resolve(op.doc, r) else {
                    continue;
                };
                if !seen.insert(std::ptr::from_ref(r) as usize) {
                    continue;
                }
                let Some(content) = r.get("content").and_then(Value::as_object) else {
                    continue;
                };
                for (media, mt) in content {
                    let Some(m) = MediaType::parse(media) else {
                        continue;
                    };
                    if m.subtype == "*" && (m.kind == "*" || m.kind == "application") {
                        cx.report_at_key(
                            mt,
                            format!("`{key}` response declares the wildcard `{media}`"),
                        )
                        .set_help("name the media type actually served, e.g. `application/json`");
                    }
                }
            }
        }
    }
}
