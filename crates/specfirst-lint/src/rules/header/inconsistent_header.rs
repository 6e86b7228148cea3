use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use specfirst_diagnostics::Severity;

use super::{HeaderUse, header_uses};
use crate::context::Context;
use crate::declare_rule;
use crate::defs::schema_walk::type_of;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Groups every header parameter and response header by lower-cased
    /// name and reports:
    ///
    /// - a spelling that differs from the most common one (`X-Request-ID`
    ///   next to `X-Request-Id`): warning;
    /// - a schema whose `type`, `format` or `enum` differs from the first
    ///   declaration of that header: warning. An absent `format` or `enum`
    ///   is not compared, nor is a one-value `enum` (a value fixed per
    ///   operation, such as AWS's `X-Amz-Target`);
    /// - a name that is not an HTTP token (``^[A-Za-z0-9!#$%&'*+.^_`|~-]+$``):
    ///   error.
    ///
    /// ## Why is this bad?
    /// HTTP header names are case-insensitive, but code generators turn
    /// each spelling into its own field, and a header that is a string in one
    /// place and an integer in another cannot be handled by shared code. A
    /// name with spaces or other separators cannot be sent at all.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: X-Request-Id, in: header, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    ///   /cats:
    ///     get:
    ///       parameters:
    ///         - {name: X-Request-ID, in: header, schema: {type: integer}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: X-Request-Id, in: header, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    ///   /cats:
    ///     get:
    ///       parameters:
    ///         - {name: X-Request-Id, in: header, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub InconsistentHeader {
        code: "HEADER-002",
        name: "inconsistent-header",
        category: "header",
        severity: Warning,
        summary: "A header is spelled or typed differently across operations, or its name is not an HTTP token.",
    }
}

static TOKEN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$").ok());

/// What is compared between declarations of one header.
#[derive(Debug, Clone, PartialEq)]
struct Shape<'a> {
    ty: Option<&'a str>,
    format: Option<&'a str>,
    values: Option<&'a Value>,
}

fn shape<'a>(cx: &Context<'a>, h: &HeaderUse<'a, '_>) -> Option<Shape<'a>> {
    let (_, s) = h.schema(cx)?;
    Some(Shape {
        ty: type_of(s),
        format: s.get("format").and_then(Value::as_str),
        values: s.get("enum"),
    })
}

/// An `enum` of two or more values (a one-value enum fixes the header's
/// value per operation, like `X-Amz-Target`, and may differ on purpose).
fn open_enum(values: Option<&Value>) -> bool {
    values
        .and_then(Value::as_array)
        .is_some_and(|v| v.len() > 1)
}

fn describe(s: &Shape<'_>) -> String {
    let mut out = s.ty.unwrap_or("untyped").to_owned();
    if let Some(f) = s.format {
        out.push_str(&format!(" ({f})"));
    }
    if let Some(v) = s.values {
        out.push_str(&format!(" enum {v}"));
    }
    out
}

impl Rule for InconsistentHeader {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let uses = header_uses(cx, &model.operations);
        let mut groups: Vec<(String, Vec<HeaderUse<'_, '_>>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for h in uses {
            if !TOKEN.as_ref().is_some_and(|re| re.is_match(h.name)) {
                h.report(
                    cx,
                    format!("header name `{}` is not a valid HTTP token", h.name),
                )
                .set_help("use letters, digits and `-` only (e.g. `X-Request-Id`)")
                .severity = Severity::Error;
                continue;
            }
            let key = h.name.to_ascii_lowercase();
            let i = *index.entry(key.clone()).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            groups[i].1.push(h);
        }
        for (_, group) in &groups {
            // The most common spelling, the first on a tie.
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for h in group {
                match counts.iter_mut().find(|(n, _)| *n == h.name) {
                    Some(c) => c.1 += 1,
                    None => counts.push((h.name, 1)),
                }
            }
            let canonical = counts
                .iter()
                .fold(None::<(&str, usize)>, |best, &(n, c)| match best {
                    Some((_, bc)) if bc >= c => best,
                    _ => Some((n, c)),
                })
                .map_or("", |(n, _)| n);
            for h in group {
                if h.name != canonical {
                    h.report(
                        cx,
                        format!("header `{}` is spelled `{canonical}` elsewhere", h.name),
                    )
                    .set_help(format!("spell it `{canonical}` everywhere"));
                }
            }
            // Schemas: against the first declaration that has one.
            let mut seen = HashSet::new();
            let mut first: Option<(Shape<'_>, String)> = None;
            for h in group {
                if !seen.insert(std::ptr::from_ref(h.object) as usize) {
                    continue;
                }
                let Some(s) = shape(cx, h) else { continue };
                let Some((f, where_)) = &first else {
                    first = Some((
                        s,
                        format!("{} {}", h.op.method.to_uppercase(), h.op.path.key),
                    ));
                    continue;
                };
                let differs = (s.ty.is_some() && f.ty.is_some() && s.ty != f.ty)
                    || (s.format.is_some() && f.format.is_some() && s.format != f.format)
                    || (open_enum(s.values) && open_enum(f.values) && s.values != f.values);
                if differs {
                    h.report(
                        cx,
                        format!(
                            "header `{}` is {} here but {} in {where_}",
                            h.name,
                            describe(&s),
                            describe(f)
                        ),
                    )
                    .set_help("give the header one schema (a shared `components.headers` or `components.parameters` entry)");
                }
            }
        }
    }
}
