use std::collections::HashSet;

use specfirst_config::NameCase;
use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::{Segment, segments};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the template variables of every `paths` key:
    /// - a template that shares its segment with literal text or another
    ///   template (`{id}.json`, `v-{n}`, `{a}{b}`) → warning;
    /// - a variable name that does not follow `propertyNameCase`
    ///   (`camelCase` by default: `{teamId}`; `snake_case`: `{team_id}`; not
    ///   checked with `any`) or that is only digits (`{0}`) → info.
    ///
    /// Each variable is reported once, at the first path where it appears.
    ///
    /// The findings of the lower severity keep it only while the rule runs at
    /// its default severity; a severity configured for the rule applies to
    /// every finding.
    ///
    /// ## Why is this bad?
    /// Path variables become parameter names in generated clients and
    /// servers; `{0}` or `{p}` says nothing about what goes there. A template
    /// that shares a segment with other text cannot be matched segment by
    /// segment, and `{id}.json` is a file extension in disguise.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /leagues/{0}/teams/{team_id}:
    ///     get:
    ///       parameters:
    ///         - {name: '0', in: path, required: true, schema: {type: string}}
    ///         - {name: team_id, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /leagues/{leagueId}/teams/{teamId}:
    ///     get:
    ///       parameters:
    ///         - {name: leagueId, in: path, required: true, schema: {type: string}}
    ///         - {name: teamId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub BadPathVariable {
        code: "URI-011",
        name: "bad-path-variable",
        category: "uri",
        severity: Warning,
        summary: "A path variable does not fill its whole segment, or its name is not descriptive in the property-name case.",
    }
}

fn follows(name: &str, case: NameCase) -> bool {
    let mut chars = name.chars();
    let starts_lower = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    match case {
        NameCase::Any => true,
        NameCase::CamelCase => starts_lower && chars.all(|c| c.is_ascii_alphanumeric()),
        NameCase::SnakeCase => {
            starts_lower
                && name.split('_').all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
        }
    }
}

impl Rule for BadPathVariable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let case = cx.options.property_name_case;
        let mut seen: HashSet<String> = HashSet::new();
        let items: Vec<_> = super::paths(cx).collect();
        for p in items {
            let segs = segments(super::path_of(p.key));
            for (i, seg) in segs.iter().enumerate() {
                let parent = if i == 0 {
                    String::new()
                } else {
                    super::shape(super::prefix(p.key, i - 1))
                };
                match *seg {
                    Segment::Mixed(text) => {
                        if !seen.insert(format!("{parent}/{text}")) {
                            continue;
                        }
                        cx.report_at_key(
                            p.written,
                            format!("path segment `{text}` mixes a template with other text"),
                        )
                        .set_help(
                            "give each template a whole segment (`/customers/{customerId}`, not `/customers/{customerId}.json`)",
                        );
                    }
                    Segment::Template(name) => {
                        let numeric = name.chars().all(|c| c.is_ascii_digit());
                        if !numeric && follows(name, case) {
                            continue;
                        }
                        if !seen.insert(format!("{parent}/{{{name}}}")) {
                            continue;
                        }
                        let message = if numeric {
                            format!("path variable `{{{name}}}` is a number, not a name")
                        } else {
                            format!("path variable `{{{name}}}` is not {}", case.as_str())
                        };
                        let severity = super::split_severity(cx, Severity::Info);
                        let d = cx.report_at_key(p.written, message);
                        d.severity = severity;
                        let example = match case {
                            NameCase::SnakeCase => "{team_id}",
                            _ => "{teamId}",
                        };
                        if numeric {
                            d.set_help(format!("name it after what it identifies (`{example}`)"));
                        } else {
                            d.set_help(format!(
                                "write it in {} like the properties (`{example}`; option `propertyNameCase`)",
                                case.as_str()
                            ));
                        }
                    }
                    Segment::Literal(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert!(follows("teamId", NameCase::CamelCase));
        assert!(follows("id", NameCase::CamelCase));
        assert!(!follows("team_id", NameCase::CamelCase));
        assert!(!follows("TeamId", NameCase::CamelCase));
        assert!(follows("team_id", NameCase::SnakeCase));
        assert!(!follows("teamId", NameCase::SnakeCase));
        assert!(!follows("team__id", NameCase::SnakeCase));
        assert!(follows("Team-Id", NameCase::Any));
    }
}
