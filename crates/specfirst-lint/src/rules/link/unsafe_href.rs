use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{addr, contents, schema_examples};

declare_rule! {
    /// ## What it does
    /// Checks the `href` values in examples: the examples of an `href`
    /// property, and every object with a string `href` inside the examples
    /// of schemas and of request and response media types. It reports
    /// - an `href` containing credentials: `token=`, `access_token=`,
    ///   `api_key=`, `apikey=` or userinfo (`user:pass@`) → error;
    /// - an `href` that does not start with `https://` (relative or plain
    ///   HTTP) → warning;
    /// - a `self` link (`rel: self`, or the `self` member of a HAL
    ///   `_links`) with a query string → info.
    ///
    /// ## Why is this bad?
    /// `href` holds the full absolute URI of the target, so a client needs
    /// to store only the API host. Credentials in a link leak through logs
    /// and caches to everyone the representation is shown to. A resource's
    /// own link has no query string: it names the resource, not a search.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Link:
    ///       type: object
    ///       properties: {rel: {type: string}, href: {type: string, format: uri}}
    ///       example: {rel: self, href: '/users/42?access_token=abc'}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Link:
    ///       type: object
    ///       properties: {rel: {type: string}, href: {type: string, format: uri}}
    ///       example: {rel: self, href: 'https://api.example.com/users/42'}
    /// ```
    pub UnsafeHref {
        code: "LINK-002",
        name: "unsafe-href",
        category: "link",
        severity: Error,
        summary: "A link `href` example is not an absolute HTTPS URI, or carries credentials.",
    }
}

static USERINFO: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@]*:[^/?#@]*@").ok());

const SECRET_PARAMS: &[&str] = &["token=", "access_token=", "api_key=", "apikey="];

/// An `href` string found in an example, with the relation when known.
struct Href<'a> {
    value: &'a Value,
    rel: Option<&'a str>,
}

/// Collects the `href` strings of objects anywhere in `v`.
fn collect<'a>(v: &'a Value, parent_key: Option<&'a str>, out: &mut Vec<Href<'a>>) {
    match v {
        Value::Object(map) => {
            if let Some(h) = map.get("href").filter(|h| h.is_string()) {
                let rel = map.get("rel").and_then(Value::as_str).or(parent_key);
                out.push(Href { value: h, rel });
            }
            for (k, child) in map {
                if k != "href" {
                    collect(child, Some(k), out);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect(item, None, out);
            }
        }
        _ => {}
    }
}

fn credential(href: &str) -> Option<&'static str> {
    let lower = href.to_ascii_lowercase();
    let query = lower.split_once('?').map_or("", |(_, q)| q);
    let in_query = query
        .split('&')
        .any(|pair| SECRET_PARAMS.iter().any(|p| pair.starts_with(p)));
    if in_query {
        return Some("a credential in its query string");
    }
    USERINFO
        .as_ref()
        .is_some_and(|re| re.is_match(href))
        .then_some("a user name and password")
}

impl Rule for UnsafeHref {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut found: Vec<Href<'_>> = Vec::new();
        let model = cx.model;
        for schema in &model.schemas {
            let mut examples = Vec::new();
            schema_examples(schema.value, false, &mut examples);
            for e in examples {
                collect(e, None, &mut found);
            }
            if let Some(href) = schema.value.get("properties").and_then(|p| p.get("href"))
                && let Ok((_, href)) = cx.bundle.resolve(schema.doc, href)
            {
                let mut values = Vec::new();
                schema_examples(href, true, &mut values);
                found.extend(
                    values
                        .into_iter()
                        .filter(|v| v.is_string())
                        .map(|value| Href { value, rel: None }),
                );
            }
        }
        let mut seen_maps = HashSet::new();
        for op in &model.operations {
            for content in contents(cx.bundle, op) {
                if !seen_maps.insert(content.id()) {
                    continue;
                }
                for mt in content.map.values() {
                    if let Some(e) = mt.get("example") {
                        collect(e, None, &mut found);
                    }
                    for ex in mt
                        .get("examples")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flat_map(|m| m.values())
                    {
                        if let Ok((_, ex)) = cx.bundle.resolve(content.doc, ex)
                            && let Some(v) = ex.get("value")
                        {
                            collect(v, None, &mut found);
                        }
                    }
                }
            }
        }
        let mut seen = HashSet::new();
        for Href { value, rel } in found {
            let Some(href) = value.as_str() else { continue };
            if !seen.insert(addr(value)) {
                continue;
            }
            if let Some(what) = credential(href) {
                cx.report_at(value, format!("link `{href}` carries {what}"))
                    .set_help("never put credentials in links; clients authenticate with a header");
            }
            let https = href
                .get(..8)
                .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
            if !https {
                let d = cx.report_at(
                    value,
                    format!("link `{href}` is not an absolute `https://` URI"),
                );
                d.severity = Severity::Warning;
                d.set_help(
                    "write the full URI of the target, e.g. `https://api.example.com/users/42`",
                );
            }
            if rel.is_some_and(|r| r.eq_ignore_ascii_case("self")) && href.contains('?') {
                let d = cx.report_at(value, format!("`self` link `{href}` has a query string"));
                d.severity = Severity::Info;
                d.set_help("a resource's own link names the resource without query parameters");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::credential;

    #[test]
    fn credentials() {
        assert!(credential("https://a.example.com/x?access_token=1").is_some());
        assert!(credential("https://a.example.com/x?page=2&apikey=1").is_some());
        assert!(credential("https://user:pw@a.example.com/x").is_some());
        assert!(credential("https://a.example.com/x?page=2").is_none());
        assert!(credential("https://a.example.com/x?next_token=abc").is_none());
        assert!(credential("https://a.example.com/@me").is_none());
    }
}
