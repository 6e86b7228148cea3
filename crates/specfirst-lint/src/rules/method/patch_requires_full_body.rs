use serde_json::Value;
use specfirst_source::ref_of;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media;
use crate::defs::segments::{Segment, segments};
use crate::model::addr;
use crate::model::{Operation, PathItem, PathItemKind};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `patch` whose JSON body schema is a `$ref` to the same
    /// schema as the JSON body of the `put` or `post` of the same resource
    /// (`put`/`post` on the same path, or `post` on the collection of an
    /// item path) when that schema has a non-empty `required` list.
    ///
    /// ## Why is this bad?
    /// PATCH changes part of a resource, so its body holds only the
    /// properties to change. Reusing the creation or replacement schema
    /// makes every required property mandatory in each PATCH, which turns
    /// it into a PUT and rejects the partial updates it exists for.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     parameters:
    ///       - {name: userId, in: path, required: true, schema: {type: string}}
    ///     put:
    ///       requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
    ///       responses: {'200': {description: OK}}
    ///     patch:
    ///       requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
    ///       responses: {'200': {description: OK}}
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       required: [name, email]
    ///       properties: {name: {type: string}, email: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /users/{userId}:
    ///     parameters:
    ///       - {name: userId, in: path, required: true, schema: {type: string}}
    ///     put:
    ///       requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
    ///       responses: {'200': {description: OK}}
    ///     patch:
    ///       requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/UserPatch'}}}}
    ///       responses: {'200': {description: OK}}
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       required: [name, email]
    ///       properties: {name: {type: string}, email: {type: string}}
    ///     UserPatch:
    ///       type: object
    ///       properties: {name: {type: string}, email: {type: string}}
    /// ```
    pub PatchRequiresFullBody {
        code: "METHOD-010",
        name: "patch-requires-full-body",
        category: "method",
        severity: Warning,
        summary: "A PATCH body reuses the PUT or POST schema of the resource, with its required properties.",
    }
}

/// The JSON body schemas of an operation: (schema as written, resolved target).
fn json_schemas<'a>(cx: &Context<'a>, doc: usize, op: &'a Value) -> Vec<(&'a Value, &'a Value)> {
    let Some((d, body)) = op
        .get("requestBody")
        .and_then(|b| cx.bundle.resolve(doc, b).ok())
    else {
        return Vec::new();
    };
    let Some(content) = body.get("content").and_then(Value::as_object) else {
        return Vec::new();
    };
    content
        .iter()
        .filter(|(k, _)| media::is_json(k))
        .filter_map(|(_, mt)| {
            let written = mt.get("schema")?;
            let (_, target) = cx.bundle.resolve(d, written).ok()?;
            Some((written, target))
        })
        .collect()
}

impl Rule for PatchRequiresFullBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_operation(&self, cx: &mut Context<'_>, op: &Operation<'_>) {
        if op.method != "patch" || op.path.kind != PathItemKind::Path {
            return;
        }
        // The other writes of the resource: PUT and POST here, POST on the collection.
        let mut others: Vec<(&str, &str, usize, &Value)> = Vec::new();
        for m in ["put", "post"] {
            if let Some(o) = op.path.item.get(m) {
                others.push((m, op.path.key, op.path.doc, o));
            }
        }
        let segs = segments(op.path.key);
        if segs.len() >= 2 && matches!(segs.last(), Some(Segment::Template(_))) {
            let parent = crate::rules::uri::prefix(op.path.key, segs.len() - 2);
            let parent_item: Option<&PathItem<'_>> =
                crate::rules::uri::paths(cx).find(|p| p.key == parent);
            if let Some(p) = parent_item
                && let Some(post) = p.item.get("post")
            {
                others.push(("post", p.key, p.doc, post));
            }
        }
        for (written, target) in json_schemas(cx, op.doc, op.op) {
            let Some(reference) = ref_of(written) else {
                continue;
            };
            let required: Vec<&str> = target
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if required.is_empty() {
                continue;
            }
            let Some((method, path)) = others.iter().find_map(|(m, path, doc, o)| {
                json_schemas(cx, *doc, o)
                    .iter()
                    .any(|(_, t)| addr(t) == addr(target))
                    .then_some((*m, *path))
            }) else {
                continue;
            };
            let name = reference.rsplit('/').next().unwrap_or(reference);
            cx.report_at(
                written,
                format!(
                    "PATCH {} takes `{name}`, the body of {} {path}, which requires `{}`",
                    op.path.key,
                    method.to_uppercase(),
                    required.join("`, `")
                ),
            )
            .set_help(format!(
                "give PATCH its own schema without `required` (e.g. `{name}Patch`), or use `application/merge-patch+json` with such a schema"
            ));
        }
    }
}
