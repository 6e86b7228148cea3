use std::collections::HashSet;

use serde_json::Value;

use super::documented_values;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a query parameter that selects the representation format:
    /// `accept`, `mediaType` or `content-type` (any case), and `format` when
    /// the values it documents (`enum`, `default`, examples) name a data
    /// format (`json`, `xml`, `csv`, ... or a media type). A `format` whose
    /// values are something else (`full`, `minimal`: a level of detail) is
    /// not a media-type selector and is left alone; so is a `format` with no
    /// documented values.
    ///
    /// Not reported with `formatQueryParam: true` (C-08).
    ///
    /// ## Why is this bad?
    /// HTTP selects the representation with `Accept`. A query parameter
    /// duplicates it, splits caches by URL, and means two ways to ask for
    /// the same thing.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters: [{name: accept, in: query, schema: {type: string}}]
    ///       responses: {'200': {description: OK}}
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
    ///           content: {application/json: {}, application/xml: {}}
    /// ```
    pub FormatQueryParameter {
        code: "HEADER-007",
        name: "format-query-parameter",
        category: "header",
        severity: Info,
        summary: "A query parameter selects the response format instead of `Accept`.",
    }
}

const FORMATS: &[&str] = &[
    "json", "xml", "csv", "tsv", "yaml", "yml", "html", "htm", "txt", "text", "pdf", "xls", "xlsx",
    "atom", "rss", "jsonp", "protobuf", "msgpack", "ndjson", "geojson",
];

fn names_a_format(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let s = s.trim().to_ascii_lowercase();
        s.contains('/') || FORMATS.contains(&s.as_str())
    })
}

impl Rule for FormatQueryParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.format_query_param {
            return;
        }
        let model = cx.model;
        let mut seen = HashSet::new();
        for op in &model.operations {
            for p in &op.parameters {
                if p.location != "query" || !seen.insert(std::ptr::from_ref(p.value) as usize) {
                    continue;
                }
                let lower = p.name.to_ascii_lowercase();
                let selects = match lower.as_str() {
                    "accept" | "mediatype" | "content-type" => true,
                    "format" => {
                        let schema = p
                            .value
                            .get("schema")
                            .and_then(|s| cx.bundle.resolve(p.doc, s).ok())
                            .map(|(_, s)| s);
                        documented_values(p.value, schema)
                            .into_iter()
                            .any(names_a_format)
                    }
                    _ => false,
                };
                if selects {
                    cx.report_at(
                        p.value.get("name").unwrap_or(p.value),
                        format!(
                            "query parameter `{}` selects the format instead of `Accept`",
                            p.name
                        ),
                    )
                    .set_help(
                        "list the media types under `responses.*.content` and let clients send \
                         `Accept`, or set `formatQueryParam: true`",
                    );
                }
            }
        }
    }
}
