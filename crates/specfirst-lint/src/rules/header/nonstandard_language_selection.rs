use std::collections::HashSet;

use serde_json::Value;
use specfirst_config::LanguageHeader;
use specfirst_diagnostics::Severity;

use super::{documented_values, header_uses};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::language::is_language_tag;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks how languages are selected (C-30):
    ///
    /// - a header or query parameter named `X-Language`, `lang`, `language`
    ///   or `locale` (any case): info, use `Accept-Language`. With
    ///   `languageHeader: X-Language` the `X-Language` header is the
    ///   configured one and is not reported (the others still are). A
    ///   parameter whose description says it filters or limits results
    ///   selects *which* items come back (podcasts in a language), not the
    ///   response language, and is not reported;
    /// - an `enum`, `default` or example value of an `Accept-Language`,
    ///   `Content-Language` or `X-Language` parameter or response header
    ///   that is not a BCP 47 tag (D13): warning. List values
    ///   (`en-US, en;q=0.8`) are split; `*` is allowed in `Accept-Language`.
    ///
    /// ## Why is this bad?
    /// `Accept-Language` and `Content-Language` are what HTTP clients,
    /// caches and CDNs understand. Values such as `chinese` or `zh_CN` are
    /// not language tags, so no standard library can match or fall back
    /// on them.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: lang, in: query, schema: {type: string, enum: [chinese, english]}}
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
    ///           headers: {Content-Language: {schema: {type: string, example: zh-CN}}}
    /// ```
    pub NonstandardLanguageSelection {
        code: "HEADER-008",
        name: "nonstandard-language-selection",
        category: "header",
        severity: Warning,
        summary: "Languages are selected with a custom parameter, or language values are not BCP 47 tags.",
    }
}

const CUSTOM_NAMES: &[&str] = &["x-language", "lang", "language", "locale"];
const LANGUAGE_HEADERS: &[&str] = &["accept-language", "content-language", "x-language"];

/// A parameter that filters results by their language ("limit results to
/// podcasts in this language") rather than choosing the response language.
fn is_filter(param: &Value) -> bool {
    param
        .get("description")
        .and_then(Value::as_str)
        .is_some_and(|d| {
            let d = d.to_ascii_lowercase();
            ["filter", "limit", "restrict", "only return", "search"]
                .iter()
                .any(|w| d.contains(w))
        })
}

/// The tags in a header value (`en-US, en;q=0.8` → `en-US`, `en`).
fn tags(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .map(|t| t.split(';').next().unwrap_or_default().trim())
        .filter(|t| !t.is_empty())
}

impl Rule for NonstandardLanguageSelection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let x_language_configured = cx.options.language_header == LanguageHeader::XLanguage;
        let mut seen = HashSet::new();
        for op in &model.operations {
            for p in &op.parameters {
                if !matches!(p.location, "header" | "query")
                    || !seen.insert(std::ptr::from_ref(p.value) as usize)
                {
                    continue;
                }
                let lower = p.name.to_ascii_lowercase();
                if !CUSTOM_NAMES.contains(&lower.as_str())
                    || (x_language_configured && p.location == "header" && lower == "x-language")
                    || is_filter(p.value)
                {
                    continue;
                }
                cx.report_at(
                    p.value.get("name").unwrap_or(p.value),
                    format!("{} parameter `{}` selects the language", p.location, p.name),
                )
                .set_help(
                    "let clients send `Accept-Language` and answer with `Content-Language` \
                     (or set `languageHeader: X-Language`)",
                )
                .severity = Severity::Info;
            }
        }
        let mut seen_values = HashSet::new();
        for h in header_uses(cx, &model.operations) {
            let lower = h.name.to_ascii_lowercase();
            if !LANGUAGE_HEADERS.contains(&lower.as_str()) {
                continue;
            }
            let schema = h.schema(cx).map(|(_, s)| s);
            for v in documented_values(h.object, schema) {
                let Some(text) = v.as_str() else { continue };
                let bad = tags(text)
                    .find(|t| !(is_language_tag(t) || (lower == "accept-language" && *t == "*")));
                if let Some(bad) = bad
                    && seen_values.insert(std::ptr::from_ref::<Value>(v) as usize)
                {
                    cx.report_at(
                        v,
                        format!("`{bad}` in `{}` is not a BCP 47 language tag", h.name),
                    )
                    .set_help("use tags such as `zh-CN`, `en`, `sr-Latn-RS`");
                }
            }
        }
    }
}
