use std::collections::HashMap;

use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::plural::is_plural;
use crate::defs::resource::ResourceKind;
use crate::defs::segments::{Segment, segments};
use crate::defs::words::tokenize;
use crate::model::PathItem;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that collections come with their item path, and items with
    /// their collection:
    /// - `/x` (not a controller) has a `post` that declares `201`, but no
    ///   `/x/{…}` with `get` exists → warning;
    /// - `/x/{…}` has `get`, but `/x` has no `get` → info; only when the last
    ///   word of `/x` is plural (D11), so that `/v1/{name}` or
    ///   `/users/{id}/watched/{type}` are not taken for collections.
    ///
    /// Template names do not matter (`/x/{id}` and `/x/{xId}` are the same
    /// path).
    ///
    /// The findings of the lower severity keep it only while the rule runs at
    /// its default severity; a severity configured for the rule applies to
    /// every finding.
    ///
    /// ## Why is this bad?
    /// Each collection has two base URIs: `POST /orders` creates an order and
    /// `GET /orders/{orderId}` reads it back. A created resource that cannot
    /// be read makes its `Location` useless, and an item whose collection
    /// cannot be listed can only be found by knowing its identifier.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /orders:
    ///     post:
    ///       responses: {'201': {description: Created}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses: {'200': {description: OK}}
    ///     post:
    ///       responses: {'201': {description: Created}}
    ///   /orders/{orderId}:
    ///     get:
    ///       parameters:
    ///         - {name: orderId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub UnpairedCollectionPath {
        code: "URI-013",
        name: "unpaired-collection-path",
        category: "uri",
        severity: Warning,
        summary: "A collection that creates items has no item path to read them, or an item path has no collection to list it.",
    }
}

impl Rule for UnpairedCollectionPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let items: Vec<&PathItem<'_>> = super::paths(cx).collect();
        let by_shape: HashMap<String, &PathItem<'_>> = items
            .iter()
            .map(|p| (super::shape(super::path_of(p.key)), *p))
            .collect();
        let has_get = |p: &PathItem<'_>| p.item.get("get").is_some_and(|g| g.is_object());
        for p in &items {
            let segs = segments(super::path_of(p.key));
            match segs.last() {
                Some(Segment::Literal(_)) => {
                    if cx.model.kind(p.key) == Some(ResourceKind::Controller) {
                        continue;
                    }
                    let Some(post) = p.item.get("post") else {
                        continue;
                    };
                    if post.get("responses").and_then(|r| r.get("201")).is_none() {
                        continue;
                    }
                    let item = format!("{}/{{}}", super::shape(super::path_of(p.key)));
                    if by_shape.get(&item).is_some_and(|q| has_get(q)) {
                        continue;
                    }
                    let path = super::path_of(p.key);
                    cx.report_at_key(
                        post,
                        format!(
                            "POST {path} creates resources, but no `GET {path}/{{…}}` reads them"
                        ),
                    )
                    .set_help(format!(
                        "document `GET {path}/{{id}}` for the created resources"
                    ));
                }
                Some(Segment::Template(_)) if segs.len() >= 2 => {
                    let Some(get) = p.item.get("get").filter(|g| g.is_object()) else {
                        continue;
                    };
                    // Only a parent named like a collection (a plural last word):
                    // `/v1/{name}` or `/users/{id}/watched/{type}` have none.
                    let Segment::Literal(name) = segs[segs.len() - 2] else {
                        continue;
                    };
                    if !tokenize(name)
                        .last()
                        .is_some_and(|w| is_plural(w, cx.options))
                    {
                        continue;
                    }
                    let parent = super::prefix(p.key, segs.len() - 2);
                    if by_shape
                        .get(&super::shape(parent))
                        .is_some_and(|q| has_get(q))
                    {
                        continue;
                    }
                    let severity = super::split_severity(cx, Severity::Info);
                    let d = cx.report_at_key(
                        get,
                        format!(
                            "GET {} reads an item, but `GET {parent}` does not list them",
                            p.key
                        ),
                    );
                    d.severity = severity;
                    d.set_help(format!("document `GET {parent}` to list the collection"));
                }
                _ => {}
            }
        }
    }
}
