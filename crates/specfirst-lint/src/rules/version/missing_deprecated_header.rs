use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::defs::status::is_success;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{contents, header, is_path_op, label, responses, schema_of};

declare_rule! {
    /// ## What it does
    /// For an operation with `deprecated: true`, or with a Media Type Object
    /// marked `x-deprecated: true` (a deprecated version of a
    /// representation, in the request body or a response), checks that every
    /// 2xx response declares the header `Deprecated` with a boolean schema.
    ///
    /// ## Why is this bad?
    /// A deprecated resource or version keeps working, and every response to
    /// it says so with `Deprecated: true`, so clients and their monitoring
    /// notice before the version is retired. If the header is not documented
    /// generated clients drop it and nobody sees the warning.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       deprecated: true
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       deprecated: true
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           headers: {Deprecated: {schema: {type: boolean}, example: true}}
    /// ```
    pub MissingDeprecatedHeader {
        code: "VERSION-008",
        name: "missing-deprecated-header",
        category: "version",
        severity: Warning,
        summary: "A deprecated operation or version does not declare the `Deprecated` header.",
    }
}

fn is_deprecated(cx: &Context<'_>, op: &Operation<'_>) -> Option<&'static str> {
    if op.op.get("deprecated").and_then(Value::as_bool) == Some(true) {
        return Some("is deprecated");
    }
    contents(cx.bundle, op)
        .iter()
        .any(|c| {
            c.map
                .values()
                .any(|mt| mt.get("x-deprecated").and_then(Value::as_bool) == Some(true))
        })
        .then_some("serves a deprecated version")
}

impl Rule for MissingDeprecatedHeader {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if !is_path_op(op) {
            return;
        }
        let Some(why) = is_deprecated(cx, op) else {
            return;
        };
        for r in responses(cx.bundle, op) {
            if !is_success(r.status) {
                continue;
            }
            match header(cx.bundle, &r, "Deprecated") {
                None => {
                    cx.report_at_key(
                        r.written,
                        format!(
                            "`{}` response of {} does not declare the `Deprecated` header, but the operation {why}",
                            r.status,
                            label(op)
                        ),
                    )
                    .set_help("add `headers: {Deprecated: {schema: {type: boolean}, example: true}}`");
                }
                Some((name, written, hdoc, h)) => {
                    let boolean = schema_of(cx.bundle, hdoc, h)
                        .is_some_and(|(_, s)| type_of(s) == Some("boolean"));
                    if !boolean {
                        cx.report_at_key(written, format!("header `{name}` is not a boolean"))
                            .set_help(
                                "give it `schema: {type: boolean}`; its value is always `true`",
                            );
                    }
                }
            }
        }
    }
}
