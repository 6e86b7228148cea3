use serde_json::Value;
use specfirst_config::Pagination;
use specfirst_diagnostics::Severity;

use super::super::payload::support::{Seen, lower, name_node, param_schema, style_params};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks the definition of the pagination parameters of the configured
    /// style (option `pagination`):
    ///
    /// - `offset-limit` (default): `offset` with `minimum: 0` and
    ///   `default: 0`; `limit` with `minimum: 1`, `default` and `maximum`;
    /// - `page-size`: `page` with `minimum: 1` and `default: 1`; `size` as
    ///   `limit`;
    /// - `start-index`: `pageStartIndex` as `offset`, `pageSize` as `limit`.
    ///
    /// A parameter in another place than the query, or not typed `integer`,
    /// is an error. A missing `minimum`, `default` or `maximum`, or a wrong
    /// value, is a warning: the page size's `default` must be option
    /// `defaultLimit` (20) and its `maximum` at most `maxLimit` (200). The
    /// position parameter (`offset`, `page`, `pageStartIndex`) needs no
    /// `maximum`: the rulebook's table gives it none, and a position beyond
    /// the end just returns an empty page.
    ///
    /// ## Why is this bad?
    /// Without bounds and defaults, clients cannot know the page they get
    /// when they send nothing, and a request for a million items is valid.
    /// A string `limit` cannot be validated or generated as a number.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer, minimum: 1, default: 20, maximum: 200}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub PaginationParameter {
        code: "PAGE-002",
        name: "pagination-parameter-definition",
        category: "page",
        severity: Error,
        summary: "A pagination parameter is not an integer query parameter with the rulebook's bounds and defaults.",
    }
}

fn number(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
}

impl Rule for PaginationParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let (bundle, model) = (cx.bundle, cx.model);
        let style = cx.options.pagination;
        let [position, size] = style_params(style);
        let position_start = if style == Pagination::PageSize {
            1.0
        } else {
            0.0
        };
        let (default_limit, max_limit) = (
            f64::from(cx.options.default_limit),
            f64::from(cx.options.max_limit),
        );
        let mut seen = Seen::default();
        for op in &model.operations {
            for p in &op.parameters {
                let is_size = p.name == size;
                if !(p.name == position || is_size) || !seen.first(p.value) {
                    continue;
                }
                let name = p.name;
                let node = name_node(p);
                if p.location != "query" {
                    cx.report_at(
                        node,
                        format!(
                            "pagination parameter `{name}` is in {}, not query",
                            p.location
                        ),
                    )
                    .set_help("declare it with `in: query`");
                    continue;
                }
                let schema = param_schema(bundle, p).map(|(_, s)| s);
                let Some(schema) = schema.filter(|s| type_of(s) == Some("integer")) else {
                    let t = schema.and_then(type_of).unwrap_or("untyped");
                    cx.report_at(
                        node,
                        format!("pagination parameter `{name}` is {t}, not integer"),
                    )
                    .set_help("give it `schema: {type: integer}`");
                    continue;
                };
                let mut problems: Vec<String> = Vec::new();
                let mut missing: Vec<String> = Vec::new();
                let min = number(schema.get("minimum"));
                let default = number(schema.get("default"));
                let want_min = if is_size { 1.0 } else { position_start };
                match min {
                    None => missing.push(format!("`minimum: {want_min}`")),
                    Some(m) if (m - want_min).abs() > f64::EPSILON => {
                        problems.push(format!("has `minimum: {m}`, not {want_min}"))
                    }
                    _ => {}
                }
                let want_default = if is_size {
                    default_limit
                } else {
                    position_start
                };
                match default {
                    None => missing.push(format!("`default: {want_default}`")),
                    Some(d) if (d - want_default).abs() > f64::EPSILON => {
                        let why = if is_size {
                            " (option `defaultLimit`)"
                        } else {
                            ""
                        };
                        problems.push(format!("has `default: {d}`, not {want_default}{why}"));
                    }
                    _ => {}
                }
                if is_size {
                    match number(schema.get("maximum")) {
                        None => missing.push(format!("`maximum: {max_limit}`")),
                        Some(m) if m > max_limit => {
                            problems.push(format!(
                                "has `maximum: {m}`, above {max_limit} (option `maxLimit`)"
                            ));
                        }
                        _ => {}
                    }
                }
                if !missing.is_empty() {
                    problems.insert(0, format!("lacks {}", missing.join(", ")));
                }
                for problem in problems {
                    let d = cx.report_at(node, format!("pagination parameter `{name}` {problem}"));
                    d.set_help("declare the bounds and default of RULEBOOK PAGE-002");
                    lower(d, Severity::Warning);
                }
            }
        }
    }
}
