use serde_json::Value;
use specfirst_config::SegmentCase;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::{Segment, segments};
use crate::defs::words::tokenize;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that the literal text of every path segment is lower-case: each
    /// `paths` key, and the path of every `servers[*].url` (server variables
    /// replaced by their defaults). Template names (`{userId}`) are not
    /// checked here (see URI-011).
    ///
    /// With `pathSegmentCase: camelCase` only segments that start with an
    /// upper-case letter are reported (`staffStates` is fine, `StaffStates`
    /// is not); with `pathSegmentCase: any` the rule is off.
    ///
    /// ## Why is this bad?
    /// URIs are case-sensitive (RFC 3986): `/Users` and `/users` are two
    /// different resources, and clients that guess the case get `404`.
    /// Lower-case paths are the one convention nobody has to look up.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /activities/{activityId}/staffStates:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /activities/{activityId}/staff-states:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    pub UppercasePathSegment {
        code: "URI-001",
        name: "uppercase-path-segment",
        category: "uri",
        severity: Warning,
        summary: "A literal path segment has upper-case letters.",
    }
}

/// What is wrong with a segment's literal text, if anything.
fn problem(text: &str, case: SegmentCase) -> Option<&'static str> {
    match case {
        SegmentCase::Any => None,
        SegmentCase::KebabCase => text
            .chars()
            .any(char::is_uppercase)
            .then_some("has upper-case letters"),
        SegmentCase::CamelCase => text
            .trim_start_matches(|c: char| !c.is_alphabetic())
            .starts_with(char::is_uppercase)
            .then_some("starts with an upper-case letter"),
    }
}

fn suggestion(text: &str, case: SegmentCase) -> String {
    let words = tokenize(text);
    match case {
        SegmentCase::CamelCase => {
            let mut out = String::new();
            for (i, w) in words.iter().enumerate() {
                let mut chars = w.chars();
                if i > 0
                    && let Some(first) = chars.next()
                {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                } else {
                    out.push_str(w);
                }
            }
            out
        }
        _ => words.join("-"),
    }
}

fn check(cx: &mut Context<'_>, path: &str, at: &Value, key: bool) {
    let case = cx.options.path_segment_case;
    for seg in segments(path) {
        if seg.is_template() {
            continue;
        }
        let text = seg.text();
        let literal = super::literal_text(text);
        let Some(what) = problem(&literal, case) else {
            continue;
        };
        let message = format!("path segment `{text}` {what}");
        let d = if key {
            cx.report_at_key(at, message)
        } else {
            cx.report_at(at, message)
        };
        if matches!(seg, Segment::Literal(_)) {
            let case_name = case.as_str();
            d.set_help(format!(
                "write it as `{}` (pathSegmentCase: {case_name})",
                suggestion(text, case)
            ));
        } else {
            d.set_help("write the literal text of the segment in lower case");
        }
    }
}

impl Rule for UppercasePathSegment {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_by_case() {
        assert!(problem("staffStates", SegmentCase::KebabCase).is_some());
        assert!(problem("staff-states", SegmentCase::KebabCase).is_none());
        assert!(problem("staffStates", SegmentCase::CamelCase).is_none());
        assert!(problem("StaffStates", SegmentCase::CamelCase).is_some());
        assert!(problem("StaffStates", SegmentCase::Any).is_none());
        assert_eq!(
            suggestion("StaffStates", SegmentCase::KebabCase),
            "staff-states"
        );
        assert_eq!(
            suggestion("Staff-States", SegmentCase::CamelCase),
            "staffStates"
        );
    }
}
