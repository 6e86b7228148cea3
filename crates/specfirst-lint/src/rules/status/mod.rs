//! `STATUS` (RULEBOOK §1.3): status codes: the right code for each outcome, documented.

pub mod accepted_without_monitor;
pub mod auth_without_401;
pub mod body_on_bodiless_response;
pub mod body_without_415;
pub mod create_without_201;
pub mod create_without_conflict;
pub mod created_without_location;
pub mod error_in_success_response;
pub mod input_without_400;
pub mod item_operation_without_404;
pub mod method_not_allowed_without_allow;
pub mod non_standard_status;
pub mod not_implemented_documented;
pub mod redirect_with_302;
pub mod redirect_without_location;
pub mod success_status_not_allowed;
pub mod unavailable_without_retry_after;
pub mod unprocessable_without_bad_request;

use std::collections::HashSet;

use serde_json::Value;
use specfirst_source::Bundle;

use crate::context::Context;
use crate::model::Operation;
pub(crate) use crate::model::label;
use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &success_status_not_allowed::SuccessStatusNotAllowed,
    &create_without_201::CreateWithout201,
    &created_without_location::CreatedWithoutLocation,
    &accepted_without_monitor::AcceptedWithoutMonitor,
    &body_on_bodiless_response::BodyOnBodilessResponse,
    &error_in_success_response::ErrorInSuccessResponse,
    &item_operation_without_404::ItemOperationWithout404,
    &input_without_400::InputWithout400,
    &auth_without_401::AuthWithout401,
    &method_not_allowed_without_allow::MethodNotAllowedWithoutAllow,
    &redirect_without_location::RedirectWithoutLocation,
    &redirect_with_302::RedirectWith302,
    &body_without_415::BodyWithout415,
    &unprocessable_without_bad_request::UnprocessableWithoutBadRequest,
    &create_without_conflict::CreateWithoutConflict,
    &unavailable_without_retry_after::UnavailableWithoutRetryAfter,
    &not_implemented_documented::NotImplementedDocumented,
    &non_standard_status::NonStandardStatus,
];

/// The operation's `responses` map (response keys as written, `x-` keys dropped).
pub(crate) fn response_keys<'a>(op: &Operation<'a>) -> Vec<&'a str> {
    op.op
        .get("responses")
        .and_then(Value::as_object)
        .map(|m| {
            m.keys()
                .map(String::as_str)
                .filter(|k| !k.starts_with("x-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the operation documents one of `wanted` (`404`, `4XX`, `default`;
/// ranges compared case-insensitively).
pub(crate) fn documents(op: &Operation<'_>, wanted: &[&str]) -> bool {
    response_keys(op)
        .iter()
        .any(|k| wanted.iter().any(|w| w.eq_ignore_ascii_case(k)))
}

/// A response as an operation lists it.
pub(crate) struct ResponseUse<'a> {
    /// The response key (`201`, `4XX`, `default`).
    pub key: &'a str,
    /// The Response Object, resolved.
    pub response: &'a Value,
    pub doc: usize,
}

/// Every distinct Response Object used by an operation, once (a response
/// shared through `$ref` is visited with its first use), for the response
/// keys `keep` accepts. Reports made at `response` land at the component.
pub(crate) fn each_response<'a, 'o>(
    cx: &Context<'a>,
    ops: &'o [Operation<'a>],
    keep: impl Fn(&str) -> bool,
    mut f: impl FnMut(ResponseUse<'a>),
) {
    let mut seen = HashSet::new();
    for op in ops {
        let Some(map) = op.op.get("responses").and_then(Value::as_object) else {
            continue;
        };
        for (key, written) in map {
            if key.starts_with("x-") || !keep(key) {
                continue;
            }
            let Ok((doc, response)) = cx.bundle.resolve(op.doc, written) else {
                continue;
            };
            if !response.is_object() || !seen.insert(std::ptr::from_ref(response) as usize) {
                continue;
            }
            f(ResponseUse { key, response, doc });
        }
    }
}

/// The header `name` (any case) of a Response Object, resolved: (name as
/// written, document, Header Object).
pub(crate) fn response_header<'a>(
    bundle: &'a Bundle,
    doc: usize,
    response: &'a Value,
    name: &str,
) -> Option<(&'a str, usize, &'a Value)> {
    let headers = response.get("headers")?.as_object()?;
    let (key, h) = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))?;
    let (d, h) = bundle.resolve(doc, h).ok()?;
    Some((key.as_str(), d, h))
}

/// The distinct `status` responses (of `ops`) that do not document header
/// `name`.
pub(crate) fn responses_without_header<'a>(
    cx: &Context<'a>,
    ops: &[Operation<'a>],
    status: &str,
    name: &str,
) -> Vec<&'a Value> {
    let mut found = Vec::new();
    each_response(
        cx,
        ops,
        |k| k == status,
        |r| {
            if response_header(cx.bundle, r.doc, r.response, name).is_none() {
                found.push(r.response);
            }
        },
    );
    found
}

/// Whether a Response Object has a non-empty `content` map.
pub(crate) fn has_content(response: &Value) -> bool {
    response
        .get("content")
        .and_then(Value::as_object)
        .is_some_and(|m| !m.is_empty())
}

/// Whether a `responses` entry is written under `key` (so findings about a
/// response an operation should not list land at the operation's key).
pub(crate) fn response_entry<'a>(op: &Operation<'a>, key: &str) -> Option<&'a Value> {
    op.op.get("responses")?.get(key)
}
