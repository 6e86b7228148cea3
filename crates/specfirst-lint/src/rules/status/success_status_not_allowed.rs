use serde_json::Value;
use specfirst_config::{DeleteSuccessStatus, Envelope, UpdateSuccess};
use specfirst_diagnostics::Severity;

use super::{has_content, label, response_keys};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::status;
use crate::model::Operation;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every `2xx` response key of an operation is one of the
    /// success codes allowed for its method:
    ///
    /// | Method | Allowed |
    /// |---|---|
    /// | GET, HEAD, TRACE | 200 |
    /// | POST | 200, 201, 202, 204 |
    /// | PUT | 200, 204, 201 (client-chosen id), 202 |
    /// | PATCH | 200, 204, 202; 201 only with `patchCreates: true` |
    /// | DELETE | the `deleteSuccessStatus` code, and 202 |
    /// | OPTIONS | 200, 204 |
    ///
    /// Option `updateSuccess: 200` (or `204`) narrows PUT and PATCH to that
    /// code. Option `deleteSuccessStatus: 204` or `200` fixes the DELETE code;
    /// in the default `auto` mode it is 204 when `envelope: none` and 200
    /// otherwise, and a DELETE `200` that has a body is also accepted, reported
    /// at info. A `2XX` range key is reported at info: document exact codes.
    ///
    /// ## Why is this bad?
    /// Each method has a defined outcome: a GET cannot "create" (201), a DELETE
    /// that answers 201 says it made something. Clients branch on the code, so a
    /// code outside the method's set is a contract clients cannot implement.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     delete:
    ///       responses: {'201': {description: Deleted}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     delete:
    ///       responses: {'204': {description: Deleted}}
    /// ```
    pub SuccessStatusNotAllowed {
        code: "STATUS-001",
        name: "success-status-not-allowed",
        category: "status",
        severity: Error,
        summary: "A 2xx code that is not a success code of the operation's method.",
    }
}

/// The success codes allowed for `method` under the options (`None`: the
/// method has no row, nothing is checked).
fn allowed(cx: &Context<'_>, method: &str) -> Option<Vec<u16>> {
    let o = cx.options;
    let update = |extra: &[u16]| {
        let mut v = match o.update_success {
            UpdateSuccess::Either => vec![200, 204],
            UpdateSuccess::Ok200 => vec![200],
            UpdateSuccess::NoContent204 => vec![204],
        };
        v.extend_from_slice(extra);
        v
    };
    Some(match method {
        "get" | "head" | "trace" => vec![200],
        "post" => vec![200, 201, 202, 204],
        "put" => update(&[201, 202]),
        "patch" => update(if o.patch_creates { &[201, 202] } else { &[202] }),
        "delete" => vec![delete_code(cx), 202],
        "options" => vec![200, 204],
        _ => return None,
    })
}

fn delete_code(cx: &Context<'_>) -> u16 {
    match cx.options.delete_success_status {
        DeleteSuccessStatus::NoContent204 => 204,
        DeleteSuccessStatus::Ok200 => 200,
        DeleteSuccessStatus::Auto => {
            if cx.options.envelope == Envelope::None {
                204
            } else {
                200
            }
        }
    }
}

fn list(codes: &[u16]) -> String {
    codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Rule for SuccessStatusNotAllowed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        let Some(allowed) = allowed(cx, op.method) else {
            return;
        };
        let Some(responses) = op.op.get("responses") else {
            return;
        };
        let name = label(op);
        for key in response_keys(op) {
            if !status::is_success(key) {
                continue;
            }
            let Some(written) = responses.get(key) else {
                continue;
            };
            let Some(code) = status::code(key) else {
                // A `2XX` range.
                cx.report_at_key(
                    written,
                    format!("{name} documents the range `{key}` instead of exact success codes"),
                )
                .set_help(format!(
                    "list the codes it returns: {} for {}",
                    list(&allowed),
                    op.method.to_uppercase()
                ))
                .severity = Severity::Info;
                continue;
            };
            if allowed.contains(&code) {
                continue;
            }
            let auto = cx.options.delete_success_status == DeleteSuccessStatus::Auto;
            if op.method == "delete" && code == 200 && auto {
                let has_body = cx
                    .bundle
                    .resolve(op.doc, written)
                    .is_ok_and(|(_, r): (usize, &Value)| has_content(r));
                if has_body {
                    cx.report_at_key(
                        written,
                        format!("{name} answers `200` with a body where `204` is expected"),
                    )
                    .set_help(
                        "answer 204 without a body, or set `deleteSuccessStatus: 200` if \
                         returning the deleted item is intended",
                    )
                    .severity = Severity::Info;
                    continue;
                }
            }
            let help = match op.method {
                "delete" => format!(
                    "DELETE answers {} (set by `deleteSuccessStatus`)",
                    list(&allowed)
                ),
                "put" | "patch" if !matches!(code, 201) => format!(
                    "{} answers {} (`updateSuccess` narrows 200/204)",
                    op.method.to_uppercase(),
                    list(&allowed)
                ),
                "patch" => "PATCH creates (201) only with `patchCreates: true`".to_owned(),
                _ => format!("{} answers {}", op.method.to_uppercase(), list(&allowed)),
            };
            cx.report_at_key(
                written,
                format!("`{key}` is not a success status for {name}"),
            )
            .set_help(help);
        }
    }
}
