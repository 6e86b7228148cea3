use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use specfirst_config::Versioning;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::{Segment, segments};
use crate::model::PathItemKind;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, is_path_op, label, name_node};

declare_rule! {
    /// ## What it does
    /// With `versioning: media-type` (the default), reports a version in the
    /// URI: a path segment or a `servers[*].url` segment such as `v1` or
    /// `V2.1` (after substituting server variable defaults), and a query or
    /// header parameter named `version`, `api-version`, `apiVersion` or `v`
    /// (any case).
    ///
    /// The option `versioning` changes the check:
    /// - `uri-path`: every path must begin with `/v{N}`, or a server URL must
    ///   end with it; other paths are reported (warning);
    /// - `query`: every operation must declare a `version` query parameter;
    /// - `none`: nothing is checked.
    ///
    /// ## Why is this bad?
    /// A resource has one URI for its whole life; its representation version
    /// is negotiated with `Accept: application/json; version=N`. A version in
    /// the path gives every resource one address per version, breaks links
    /// stored by clients at each release, and forces all resources to move
    /// together instead of being versioned one by one.
    ///
    /// ## Example
    /// ```yaml
    /// servers: [{url: 'https://api.example.com/v1'}]
    /// paths:
    ///   /users:
    ///     get: {responses: {'200': {description: OK}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// servers: [{url: 'https://api.example.com'}]
    /// paths:
    ///   /users:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {'application/json; version=1': {schema: {type: array}}}
    /// ```
    pub VersionInUri {
        code: "VERSION-002",
        name: "version-in-uri",
        category: "version",
        severity: Error,
        summary: "A version appears in a path, a server URL or a version parameter.",
    }
}

static VERSION_SEGMENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[vV]\d+(\.\d+)*$").ok());

fn is_version_segment(s: &str) -> bool {
    VERSION_SEGMENT.as_ref().is_some_and(|re| re.is_match(s))
}

const VERSION_PARAMS: &[&str] = &["version", "api-version", "apiversion", "v"];

/// The URL of a Server Object with its variables' defaults substituted.
fn server_url(server: &Value) -> Option<String> {
    let mut url = server.get("url")?.as_str()?.to_owned();
    if let Some(vars) = server.get("variables").and_then(Value::as_object) {
        for (name, var) in vars {
            if let Some(default) = var.get("default").and_then(Value::as_str) {
                url = url.replace(&format!("{{{name}}}"), default);
            }
        }
    }
    Some(url)
}

/// The path segments of a URL (scheme and host dropped).
fn url_segments(url: &str) -> Vec<&str> {
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("", |j| &url[i + 3 + j..]),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// Every Server Object of the document: root, path items and operations.
fn all_servers<'a>(cx: &Context<'a>) -> Vec<&'a Value> {
    let mut out: Vec<&'a Value> = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |list: Option<&'a Value>| {
        if let Some(list) = list.and_then(Value::as_array) {
            for s in list {
                if seen.insert(addr(s)) {
                    out.push(s);
                }
            }
        }
    };
    add(cx.bundle.root().value().get("servers"));
    for p in &cx.model.path_items {
        add(p.item.get("servers"));
    }
    for op in &cx.model.operations {
        add(op.op.get("servers"));
    }
    out
}

impl VersionInUri {
    fn media_type_mode(cx: &mut Context<'_>) {
        for server in all_servers(cx) {
            let Some(url) = server_url(server) else {
                continue;
            };
            if let Some(seg) = url_segments(&url)
                .into_iter()
                .find(|s| is_version_segment(s))
            {
                let at = server.get("url").unwrap_or(server);
                cx.report_at(at, format!("server URL `{url}` contains the version `{seg}`"))
                    .set_help("drop the version from the URL and version representations with `application/json; version=N`");
            }
        }
        let model = cx.model;
        for p in model
            .path_items
            .iter()
            .filter(|p| p.kind == PathItemKind::Path)
        {
            if let Some(seg) = segments(p.key)
                .into_iter()
                .filter_map(Segment::literal)
                .find(|s| is_version_segment(s))
            {
                cx.report_at_key(p.written, format!("path `{}` contains the version `{seg}`", p.key))
                    .set_help("keep one URI per resource and version its representation with `application/json; version=N`");
            }
        }
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in &model.operations {
            for p in &op.parameters {
                if !matches!(p.location, "query" | "header")
                    || !VERSION_PARAMS
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(p.name))
                    || !seen.insert(addr(p.value))
                {
                    continue;
                }
                cx.report_at(
                    name_node(p),
                    format!("{} parameter `{}` selects a version", p.location, p.name),
                )
                .set_help("remove it; clients select a version with `Accept: application/json; version=N`");
            }
        }
    }

    fn uri_path_mode(cx: &mut Context<'_>) {
        let server_has_version = all_servers(cx).into_iter().any(|s| {
            server_url(s).is_some_and(|u| {
                url_segments(&u)
                    .last()
                    .is_some_and(|l| is_version_segment(l))
            })
        });
        if server_has_version {
            return;
        }
        let model = cx.model;
        for p in model
            .path_items
            .iter()
            .filter(|p| p.kind == PathItemKind::Path)
        {
            let first = segments(p.key).first().and_then(|s| s.literal());
            if !first.is_some_and(is_version_segment) {
                let d = cx.report_at_key(
                    p.written,
                    format!(
                        "path `{}` does not begin with a version such as `/v1`",
                        p.key
                    ),
                );
                d.severity = Severity::Warning;
                d.set_help("with `versioning: uri-path`, begin every path (or the server URL) with `/v{N}`");
            }
        }
    }

    fn query_mode(cx: &mut Context<'_>) {
        let model = cx.model;
        for op in model.operations.iter().filter(|op| is_path_op(op)) {
            let has = op
                .parameters
                .iter()
                .any(|p| p.location == "query" && p.name == "version");
            if !has {
                cx.report_at_key(
                    op.op,
                    format!("{} has no `version` query parameter", label(op)),
                )
                .set_help("with `versioning: query`, add `{name: version, in: query, schema: {type: integer, minimum: 1}}`");
            }
        }
    }
}

impl Rule for VersionInUri {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        match cx.options.versioning {
            Versioning::MediaType => Self::media_type_mode(cx),
            Versioning::UriPath => Self::uri_path_mode(cx),
            Versioning::Query => Self::query_mode(cx),
            Versioning::None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_segments() {
        for s in ["v1", "V2", "v1.2.3"] {
            assert!(is_version_segment(s), "{s}");
        }
        for s in ["v", "version1", "v1beta", "1", "vv1"] {
            assert!(!is_version_segment(s), "{s}");
        }
        assert_eq!(url_segments("https://h.example.com/api/v1/"), ["api", "v1"]);
        assert_eq!(url_segments("/v2"), ["v2"]);
    }
}
