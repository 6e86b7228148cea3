use std::collections::HashSet;

use serde_json::Value;
use specfirst_config::LinkStyle;
use specfirst_source::Bundle;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::{properties, type_of};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::addr;

declare_rule! {
    /// ## What it does
    /// Checks every schema property that holds hypermedia links, by option
    /// `linkStyle`:
    /// - `atom-array` (the default): a property named `links` must be
    ///   `type: array` whose items require `rel` and `href`, both strings,
    ///   with `href` `format: uri` (or `iri`);
    /// - `rel-map`: a property named `links` must be an object whose
    ///   `additionalProperties` is a link object with `href` and `rel`;
    /// - `hal`: a property named `_links` must be an object (`links` is not
    ///   checked).
    ///
    /// A problem of a shared link schema (`items: {$ref: Link}`) is reported
    /// once, at that schema. Schemas with `x-external: true` are skipped.
    ///
    /// ## Why is this bad?
    /// Clients navigate by links, so every representation writes them the
    /// same way: an array of `{rel, href}` objects (Atom style), with
    /// optional `type` and `title`. A `links` property in another shape
    /// needs its own client code, and generated clients cannot follow it.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties:
    ///         links: {type: object, additionalProperties: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User:
    ///       type: object
    ///       properties:
    ///         links: {type: array, items: {$ref: '#/components/schemas/Link'}}
    ///     Link:
    ///       type: object
    ///       required: [rel, href]
    ///       properties:
    ///         rel: {type: string}
    ///         href: {type: string, format: uri}
    ///         type: {type: string}
    ///         title: {type: string}
    /// ```
    pub LinksShape {
        code: "LINK-001",
        name: "links-shape",
        category: "link",
        severity: Warning,
        summary: "A `links` property is not in the configured link format.",
    }
}

/// What is wrong with a link object schema (atom-array items, rel-map values).
fn link_object_problem(
    bundle: &Bundle,
    doc: usize,
    link: &Value,
    need_required: bool,
) -> Option<String> {
    let props = properties(bundle, doc, link);
    let prop = |n: &str| props.iter().find(|(k, ..)| *k == n).map(|(_, _, v, _)| *v);
    for name in ["rel", "href"] {
        match prop(name) {
            None => return Some(format!("has no `{name}` property")),
            Some(p) if type_of(p).is_some_and(|t| t != "string") => {
                return Some(format!("has a `{name}` that is not a string"));
            }
            Some(_) => {}
        }
    }
    let format = prop("href")
        .and_then(|h| h.get("format"))
        .and_then(Value::as_str);
    if !matches!(format, Some("uri" | "iri")) {
        return Some("has an `href` without `format: uri`".to_owned());
    }
    if need_required {
        let required = |n: &str| {
            let own = link
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(n)));
            own || link
                .get("allOf")
                .and_then(Value::as_array)
                .is_some_and(|all| {
                    all.iter().any(|m| {
                        bundle.resolve(doc, m).is_ok_and(|(_, m)| {
                            m.get("required")
                                .and_then(Value::as_array)
                                .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(n)))
                        })
                    })
                })
        };
        let missing: Vec<&str> = ["rel", "href"]
            .into_iter()
            .filter(|n| !required(n))
            .collect();
        if !missing.is_empty() {
            return Some(format!("does not require `{}`", missing.join("` and `")));
        }
    }
    None
}

/// `an array`, `a string`.
fn article(t: &str) -> String {
    if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {t}")
    } else {
        format!("a {t}")
    }
}

impl Rule for LinksShape {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let style = cx.options.link_style;
        let prop_name = if style == LinkStyle::Hal {
            "_links"
        } else {
            "links"
        };
        let mut seen_links = HashSet::new();
        let model = cx.model;
        for schema in &model.schemas {
            if schema.value.get("x-external").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            let Some(written) = schema
                .value
                .get("properties")
                .and_then(|p| p.get(prop_name))
            else {
                continue;
            };
            let Ok((doc, links)) = cx.bundle.resolve(schema.doc, written) else {
                continue;
            };
            let t = type_of(links);
            match style {
                LinkStyle::AtomArray => {
                    if t != Some("array") {
                        let what = t.map_or_else(|| "untyped".to_owned(), article);
                        cx.report_at_key(written, format!("`links` is {what}, not an array of link objects"))
                            .set_help("make it `{type: array, items: {$ref: '#/components/schemas/Link'}}` with `Link` requiring `rel` and `href` (option `linkStyle`)");
                        continue;
                    }
                    let Some(items_written) = links.get("items") else {
                        cx.report_at_key(written, "`links` array has no `items` schema")
                            .set_help("give it `items: {$ref: '#/components/schemas/Link'}`");
                        continue;
                    };
                    let Ok((idoc, item)) = cx.bundle.resolve(doc, items_written) else {
                        continue;
                    };
                    if !seen_links.insert(addr(item)) {
                        continue;
                    }
                    if let Some(problem) = link_object_problem(cx.bundle, idoc, item, true) {
                        cx.report_at_key(item, format!("link object of `links` {problem}"))
                            .set_help("a link is `{rel: string, href: string (format: uri)}`, both required, with optional `type` and `title`");
                    }
                }
                LinkStyle::RelMap => {
                    let value = links.get("additionalProperties").filter(|v| v.is_object());
                    let Some(value) = value.filter(|_| t.is_none_or(|t| t == "object")) else {
                        cx.report_at_key(written, "`links` is not an object of link objects keyed by relation (`linkStyle: rel-map`)")
                            .set_help("make it `{type: object, additionalProperties: {$ref: '#/components/schemas/Link'}}`");
                        continue;
                    };
                    let Ok((vdoc, value)) = cx.bundle.resolve(doc, value) else {
                        continue;
                    };
                    if seen_links.insert(addr(value))
                        && let Some(problem) = link_object_problem(cx.bundle, vdoc, value, false)
                    {
                        cx.report_at_key(value, format!("link object of `links` {problem}"))
                            .set_help("each relation maps to `{href, rel}`");
                    }
                }
                LinkStyle::Hal => {
                    if t.is_some_and(|t| t != "object") {
                        cx.report_at_key(written, format!("`_links` is {}, not an object keyed by relation (`linkStyle: hal`)", article(t.unwrap_or_default())))
                            .set_help("make `_links` an object whose members are `{href}` link objects");
                    }
                }
            }
        }
    }
}
