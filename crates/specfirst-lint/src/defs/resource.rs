//! D2: the kind of resource a path names.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use specfirst_config::Options;
use specfirst_source::Bundle;

use super::media;
use super::schema_walk::type_of;
use super::segments::{Segment, segments};
use super::words::{is_controller_verb, tokenize};
use crate::model::{PathItem, PathItemKind, operations_of};

/// RULEBOOK D2 resource archetypes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// One item: the last segment is a template (`/pets/{petId}`).
    Document,
    /// A server-managed list of items (`/pets` with `/pets/{petId}`).
    Collection,
    /// A client-managed collection: items are created with `PUT` (201), no `POST`.
    Store,
    /// An action (`/orders/{id}/cancel`).
    Controller,
    /// Any other path whose last segment is literal (`/me/settings`).
    Singleton,
}

impl ResourceKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Document => "document",
            ResourceKind::Collection => "collection",
            ResourceKind::Store => "store",
            ResourceKind::Controller => "controller",
            ResourceKind::Singleton => "singleton",
        }
    }

    /// A collection or a store.
    #[must_use]
    pub fn is_collection(self) -> bool {
        matches!(self, ResourceKind::Collection | ResourceKind::Store)
    }
}

/// The kind of every path under `paths` (webhooks and callbacks have none).
#[must_use]
pub fn classify<'a>(
    bundle: &'a Bundle,
    items: &[PathItem<'a>],
    options: &Options,
) -> HashMap<&'a str, ResourceKind> {
    let paths: Vec<&PathItem<'a>> = items
        .iter()
        .filter(|p| p.kind == PathItemKind::Path)
        .collect();
    // "P/{…}" → P, for the collection test.
    let parents_of_items: HashSet<&str> = paths
        .iter()
        .filter_map(|p| {
            let (parent, last) = trimmed(p.key).rsplit_once('/')?;
            Segment::parse(last).is_template().then_some(parent)
        })
        .collect();
    let by_key: HashMap<&str, &PathItem<'a>> = paths.iter().map(|p| (trimmed(p.key), *p)).collect();
    let mut out = HashMap::new();
    for p in &paths {
        out.insert(
            p.key,
            kind_of(bundle, p, &parents_of_items, &by_key, options),
        );
    }
    out
}

/// A path key without its trailing slashes (`/pets/` is classified as
/// `/pets`; URI-003 reports the slash), `/` unchanged.
fn trimmed(key: &str) -> &str {
    let t = key.trim_end_matches('/');
    if t.is_empty() { key } else { t }
}

fn kind_of(
    bundle: &Bundle,
    p: &PathItem<'_>,
    parents_of_items: &HashSet<&str>,
    by_key: &HashMap<&str, &PathItem<'_>>,
    options: &Options,
) -> ResourceKind {
    match p.item.get("x-resource-kind").and_then(Value::as_str) {
        Some("document") => return ResourceKind::Document,
        Some("collection") => return ResourceKind::Collection,
        Some("store") => return ResourceKind::Store,
        Some("controller") => return ResourceKind::Controller,
        _ => {}
    }
    let key = trimmed(p.key);
    let segs = segments(key);
    let Some(last) = segs.last() else {
        return ResourceKind::Singleton;
    };
    if last.is_template() {
        return ResourceKind::Document;
    }
    let Segment::Literal(last) = *last else {
        return ResourceKind::Singleton;
    };
    let ops = operations_of(p.item);
    let is_collection = parents_of_items.contains(key) || get_returns_list(bundle, p);
    if is_collection {
        let item_key = by_key.keys().find(|k| {
            k.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|rest| !rest.contains('/') && Segment::parse(rest).is_template())
        });
        let has_post = ops.iter().any(|(m, _)| *m == "post");
        let items_put_201 = item_key
            .and_then(|k| by_key.get(k))
            .and_then(|item| item.item.get("put"))
            .and_then(|put| put.get("responses"))
            .is_some_and(|r| r.get("201").is_some());
        return if items_put_201 && !has_post {
            ResourceKind::Store
        } else {
            ResourceKind::Collection
        };
    }
    let all_post = !ops.is_empty() && ops.iter().all(|(m, _)| *m == "post");
    let first_word = tokenize(last).into_iter().next();
    if all_post && first_word.is_some_and(|w| is_controller_verb(&w, options)) {
        return ResourceKind::Controller;
    }
    ResourceKind::Singleton
}

/// `GET` answers 200 with a JSON array, or an object with a `data` array.
fn get_returns_list(bundle: &Bundle, p: &PathItem<'_>) -> bool {
    let Some(ok) = p
        .item
        .get("get")
        .and_then(|g| g.get("responses"))
        .and_then(|r| r.get("200"))
    else {
        return false;
    };
    let Ok((d, ok)) = bundle.resolve(p.doc, ok) else {
        return false;
    };
    let Some(content) = ok.get("content").and_then(Value::as_object) else {
        return false;
    };
    content.iter().any(|(key, mt)| {
        if !media::is_json(key) {
            return false;
        }
        let Some((d, schema)) = mt.get("schema").and_then(|s| bundle.resolve(d, s).ok()) else {
            return false;
        };
        match type_of(schema) {
            Some("array") => true,
            _ => schema
                .get("properties")
                .and_then(|props| props.get("data"))
                .and_then(|data| bundle.resolve(d, data).ok())
                .is_some_and(|(_, data)| type_of(data) == Some("array")),
        }
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use specfirst_diagnostics::SourceMap;
    use specfirst_source::{LoadOptions, Loader};

    use super::*;
    use crate::model::Model;

    #[test]
    fn kinds_follow_d2() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("api.yaml");
        let ok = "{responses: {'200': {description: ok}}}";
        let doc = format!(
            "openapi: 3.1.0
info: {{title: t, version: '1'}}
paths:
  /pets: {{get: {ok}, post: {ok}}}
  /pets/{{petId}}: {{get: {ok}}}
  /files: {{get: {ok}}}
  /files/{{name}}: {{put: {{responses: {{'201': {{description: created}}}}}}}}
  /orders/{{id}}/cancel: {{post: {ok}}}
  /me/settings: {{get: {ok}}}
  /feed:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{type: object, properties: {{data: {{type: array}}}}}}
  /jobs/run-now:
    x-resource-kind: controller
    get: {ok}
  /tags/: {{get: {ok}}}
  /tags/{{tagId}}/: {{get: {ok}}}
"
        );
        std::fs::write(&file, doc).unwrap_or_else(|e| panic!("{e}"));
        let loader = Loader::new(Arc::new(SourceMap::new()), LoadOptions::default());
        let loaded = loader.load(&file);
        let bundle = loaded
            .bundle
            .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
        let mut model = Model::build(&bundle);
        model.classify(&bundle, &Options::default());
        let kind = |p: &str| model.kind(p).map(ResourceKind::as_str);
        assert_eq!(kind("/pets"), Some("collection"));
        assert_eq!(kind("/pets/{petId}"), Some("document"));
        assert_eq!(kind("/files"), Some("store"));
        assert_eq!(kind("/orders/{id}/cancel"), Some("controller"));
        assert_eq!(kind("/me/settings"), Some("singleton"));
        assert_eq!(kind("/feed"), Some("collection"));
        assert_eq!(kind("/jobs/run-now"), Some("controller"));
        assert_eq!(kind("/tags/"), Some("collection"));
        assert_eq!(kind("/tags/{tagId}/"), Some("document"));
    }
}
