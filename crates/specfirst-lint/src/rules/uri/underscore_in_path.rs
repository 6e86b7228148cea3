use serde_json::Value;
use specfirst_config::SegmentCase;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::{Segment, segments};
use crate::defs::words::tokenize;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports literal path segments that contain `_`, in `paths` keys and in
    /// the path of every `servers[*].url`. Underscores belong only inside
    /// opaque values (`210_110_25_88`), which are path parameters, not
    /// literal segments.
    ///
    /// The rule is off with `pathSegmentCase: any`. With `pathSegmentCase:
    /// camelCase` the suggested spelling is camelCase instead of kebab-case.
    ///
    /// ## Why is this bad?
    /// Words in a URI are separated with hyphens. Underscores disappear under
    /// the underline of a rendered link, and one API that mixes `_` and `-`
    /// makes every client guess which one a path uses.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /blog_entries:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /blog-entries:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub UnderscoreInPath {
        code: "URI-002",
        name: "underscore-in-path",
        category: "uri",
        severity: Warning,
        summary: "A literal path segment joins words with `_` instead of `-`.",
    }
}

fn suggestion(text: &str, case: SegmentCase) -> String {
    let words = tokenize(text);
    if case == SegmentCase::CamelCase {
        let mut out = String::new();
        for (i, w) in words.iter().enumerate() {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) if i > 0 => {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
                _ => out.push_str(w),
            }
        }
        out
    } else {
        words.join("-")
    }
}

fn check(cx: &mut Context<'_>, path: &str, at: &Value, key: bool) {
    let case = cx.options.path_segment_case;
    for seg in segments(path) {
        let Segment::Literal(text) = seg else {
            continue;
        };
        if !text.contains('_') {
            continue;
        }
        let message = format!("path segment `{text}` contains `_`");
        let d = if key {
            cx.report_at_key(at, message)
        } else {
            cx.report_at(at, message)
        };
        let better = suggestion(text, case);
        if better.is_empty() {
            d.set_help("separate words with `-`");
        } else {
            d.set_help(format!("write it as `{better}`"));
        }
    }
}

impl Rule for UnderscoreInPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.path_segment_case == SegmentCase::Any {
            return;
        }
        super::check_paths_and_servers(cx, check);
    }
}
