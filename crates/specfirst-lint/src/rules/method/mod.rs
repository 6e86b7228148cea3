//! `METHOD` (RULEBOOK §1.2): HTTP methods: which ones, with what bodies and parameters, on which resources.

pub mod bulk_write_on_collection;
pub mod delete_with_body_or_query;
pub mod head_headers_differ_from_get;
pub mod method_override;
pub mod non_idempotent_put_or_delete;
pub mod non_json_request_body;
pub mod options_without_allow;
pub mod patch_requires_full_body;
pub mod post_on_item;
pub mod put_and_post_both_create;
pub mod put_or_patch_without_body;
pub mod safe_method_with_body_or_side_effect;
pub mod trace_operation;

use serde_json::Value;

use crate::context::Context;
use crate::model::Operation;
pub(crate) use crate::model::label;
use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &trace_operation::TraceOperation,
    &safe_method_with_body_or_side_effect::SafeMethodWithBodyOrSideEffect,
    &delete_with_body_or_query::DeleteWithBodyOrQuery,
    &put_or_patch_without_body::PutOrPatchWithoutBody,
    &non_json_request_body::NonJsonRequestBody,
    &post_on_item::PostOnItem,
    &bulk_write_on_collection::BulkWriteOnCollection,
    &put_and_post_both_create::PutAndPostBothCreate,
    &non_idempotent_put_or_delete::NonIdempotentPutOrDelete,
    &patch_requires_full_body::PatchRequiresFullBody,
    &head_headers_differ_from_get::HeadHeadersDifferFromGet,
    &options_without_allow::OptionsWithoutAllow,
    &method_override::MethodOverride,
];

/// The operation's `requestBody`, resolved: (document, Request Body Object).
pub(crate) fn request_body<'a>(cx: &Context<'a>, op: &Operation<'a>) -> Option<(usize, &'a Value)> {
    let body = op.op.get("requestBody")?;
    cx.bundle.resolve(op.doc, body).ok()
}

/// Whether an extension is `true` on a node.
pub(crate) fn flag(v: &Value, name: &str) -> bool {
    v.get(name).and_then(Value::as_bool) == Some(true)
}
