use std::collections::HashSet;

use serde_json::Value;

use super::{HeaderKind, header_uses};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::headers::is_standard;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a custom header (not a standard field of D12: IANA-registered
    /// or CORS) declared as a header parameter or a response header without
    /// a non-empty `description`. A description next to a `$ref` counts. A
    /// header shared through `$ref` is reported once, at the component.
    ///
    /// ## Why is this bad?
    /// A standard header means what its RFC says; a custom one means only
    /// what the API says. Without a description clients must guess what
    /// `X-Quota-Left` counts and when it is sent.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {X-Quota-Left: {schema: {type: integer}}}
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
    ///           headers:
    ///             X-Quota-Left:
    ///               description: Requests left in the current window
    ///               schema: {type: integer}
    /// ```
    pub CustomHeaderWithoutDescription {
        code: "HEADER-003",
        name: "custom-header-without-description",
        category: "header",
        severity: Info,
        summary: "A custom header has no description.",
    }
}

fn described(v: &Value) -> bool {
    v.get("description")
        .and_then(Value::as_str)
        .is_some_and(|d| !d.trim().is_empty())
}

impl Rule for CustomHeaderWithoutDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut seen = HashSet::new();
        for h in header_uses(cx, &model.operations) {
            if is_standard(h.name) || described(h.object) || described(h.at) {
                continue;
            }
            if !seen.insert(std::ptr::from_ref(h.object) as usize) {
                continue;
            }
            let what = match h.kind {
                HeaderKind::Parameter => "header parameter",
                HeaderKind::Response => "response header",
            };
            let d = match h.kind {
                HeaderKind::Parameter => cx.report_at(
                    h.at,
                    format!("custom {what} `{}` has no description", h.name),
                ),
                HeaderKind::Response => cx.report_at_key(
                    h.object,
                    format!("custom {what} `{}` has no description", h.name),
                ),
            };
            d.set_help("say what the header carries and when it is sent");
        }
    }
}
