use serde_json::Value;
use specfirst_config::CreatedBody;

use super::support::{get_200_bodies, item_path, json_bodies, label, schema_mismatch, schema_name};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::resource::ResourceKind;
use crate::defs::schema_walk::{properties, responses, type_of};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the body of every `201` response against option `createdBody`:
    ///
    /// - `representation` (default): the `201` has JSON content whose schema
    ///   is the one `GET` on the created item returns (`200`). The item is
    ///   the collection's item path (`/users/{id}` for `POST /users`), or the
    ///   path itself for a `PUT` that creates. When no such `GET` is
    ///   declared, only the presence of a body is checked.
    /// - `id`: the `201` schema is an object with an `id`-like property
    ///   (`id`, or a name ending in `Id` or `_id`).
    /// - `empty`: the `201` has no content.
    ///
    /// ## Why is this bad?
    /// Clients of a create call expect one answer: with `representation`
    /// they use the body as if they had read the new resource, which fails
    /// when the body is missing or a different type.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post:
    ///       responses:
    ///         '201':
    ///           description: Created
    ///           headers: {Location: {schema: {type: string, format: uri}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     post:
    ///       responses:
    ///         '201':
    ///           description: Created
    ///           headers: {Location: {schema: {type: string, format: uri}}}
    ///           content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}
    /// components:
    ///   schemas:
    ///     User: {type: object, properties: {id: {type: string}}}
    /// ```
    pub CreatedBodyMismatch {
        code: "PAYLOAD-009",
        name: "created-body-mismatch",
        category: "payload",
        severity: Warning,
        summary: "The body of a `201` does not follow option `createdBody`.",
    }
}

fn id_like(name: &str) -> bool {
    name == "id" || name.ends_with("Id") || name.ends_with("_id") || name == "ID"
}

impl Rule for CreatedBodyMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let mode = cx.options.created_body;
        for op in &model.operations {
            let Some((_, _, created)) = responses(bundle, op)
                .into_iter()
                .find(|(k, ..)| *k == "201")
            else {
                continue;
            };
            let what = label(op);
            let content = created
                .get("content")
                .filter(|c| c.as_object().is_some_and(|m| !m.is_empty()));
            if mode == CreatedBody::Empty {
                if let Some(content) = content {
                    cx.report_at_key(content, format!("`201` of {what} has a body"))
                        .set_help(
                            "send no body with `createdBody: empty`; the client follows `Location`",
                        );
                }
                continue;
            }
            if content.is_none() {
                let want = if mode == CreatedBody::Id {
                    "`{id}` object"
                } else {
                    "created resource"
                };
                cx.report_at_key(created, format!("`201` of {what} has no body"))
                    .set_help(format!(
                        "return the {want} as `application/json` (option `createdBody`)"
                    ));
                continue;
            }
            let bodies = json_bodies(bundle, op, |s| s == "201");
            if mode == CreatedBody::Id {
                for b in bodies {
                    let has_id = type_of(b.schema) != Some("array")
                        && properties(bundle, b.doc, b.schema)
                            .iter()
                            .any(|(n, ..)| id_like(n));
                    if !has_id {
                        let name = schema_name(bundle, b.written, b.schema);
                        cx.report_at_key(
                            b.written,
                            format!("`201` body {name} of {what} has no `id` property"),
                        )
                        .set_help("return `{\"id\": \"...\"}` with `createdBody: id`");
                    }
                }
                continue;
            }
            // representation: the item's GET schema.
            let item = match (op.method, model.kind(op.path.key)) {
                ("post", Some(k)) if k.is_collection() => item_path(model, op.path.key),
                ("put" | "patch", Some(ResourceKind::Document | ResourceKind::Singleton)) => {
                    Some(op.path.key)
                }
                _ => None,
            };
            let Some(item) = item else { continue };
            let expected = get_200_bodies(bundle, model, item);
            if expected.is_empty() {
                continue;
            }
            for b in bodies {
                let Some((got, want)) = schema_mismatch(bundle, &expected, &b) else {
                    continue;
                };
                let node: &Value = b.written;
                cx.report_at_key(
                    node,
                    format!(
                        "`201` body {got} of {what} differs from {want} returned by GET {item}"
                    ),
                )
                .set_help(
                    "return the created resource exactly as GET returns it (option `createdBody`)",
                );
            }
        }
    }
}
