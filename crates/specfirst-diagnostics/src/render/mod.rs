//! Renderers for `specfirst lint --format …`.
//!
//! Every renderer takes the diagnostics already sorted (see
//! [`Diagnostic::sort_key`](crate::Diagnostic::sort_key)) and the
//! [`SourceMap`](crate::SourceMap) they point into, and returns the whole
//! output as a string, so the order of the output never depends on timing.

pub mod github;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

/// What the SARIF renderer says about a rule in `tool.driver.rules`.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: String,
    pub default_severity: Option<crate::Severity>,
    pub help_markdown: String,
}

/// Line/column pair (both 1-based) of the start and end of a location.
pub(crate) fn positions(
    map: &crate::SourceMap,
    loc: &crate::Location,
) -> (crate::LineCol, crate::LineCol) {
    let file = map.get(loc.file);
    (file.line_col(loc.span.start), file.line_col(loc.span.end))
}
