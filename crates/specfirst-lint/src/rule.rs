//! What a rule is: metadata declared with [`declare_rule!`], and hooks the
//! engine calls with the parts of the document the rule asks for.

use specfirst_diagnostics::Severity;

use crate::context::Context;
use crate::model::{Operation, PathItem, Schema};

/// A rule's identity and documentation. Built by [`declare_rule!`] from the
/// rule's doc comment, so `specfirst rule CODE` prints what the code says.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable code, never reused (`OAS-005`, `URI-001`).
    pub code: &'static str,
    /// Kebab-case name of the bad pattern (`duplicate-operation-id`).
    pub name: &'static str,
    pub category: &'static str,
    pub default_severity: Severity,
    /// One line for tables.
    pub summary: &'static str,
    /// The doc comment (Markdown: What it does / Why is this bad? / Example / Use instead).
    pub docs: &'static str,
    pub file: &'static str,
    pub line: u32,
}

impl RuleMeta {
    /// The docs without the one leading space rustdoc keeps on each line.
    #[must_use]
    pub fn explanation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The fenced YAML block that follows `## Example` (the bad example) and
    /// the one after `Use instead:` (the good one).
    #[must_use]
    pub fn examples(&self) -> (Option<String>, Option<String>) {
        let text = self.explanation();
        let block_after = |marker: &str| -> Option<String> {
            let start = text.find(marker)?;
            let rest = &text[start..];
            let open = rest.find("```yaml")?;
            let body = &rest[open + "```yaml".len()..];
            let close = body.find("```")?;
            Some(body[..close].trim_start_matches('\n').to_owned())
        };
        (block_after("## Example"), block_after("Use instead:"))
    }
}

/// A lint rule. Implement only the hooks you need; the engine calls each
/// hook of every enabled rule once per matching node.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Called once per entry document.
    fn check_document(&self, _cx: &mut Context<'_>) {}

    /// Called for every Path Item (paths, webhooks, callbacks), after `$ref` resolution.
    fn check_path_item(&self, _cx: &mut Context<'_>, _item: &PathItem<'_>) {}

    /// Called for every Operation.
    fn check_operation(&self, _cx: &mut Context<'_>, _op: &Operation<'_>) {}

    /// Called once for every distinct Schema Object reachable from the document.
    fn check_schema(&self, _cx: &mut Context<'_>, _schema: &Schema<'_>) {}
}

/// Declares a rule: a unit struct with its docs and a `META` constant.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub DuplicateOperationId {
///         code: "OAS-005",
///         name: "duplicate-operation-id",
///         category: "oas",
///         severity: Error,
///         summary: "Two operations share an `operationId`.",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $ty:ident {
            code: $code:literal,
            name: $name:literal,
            category: $category:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        pub struct $ty;

        impl $ty {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                code: $code,
                name: $name,
                category: $category,
                default_severity: ::specfirst_diagnostics::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                file: file!(),
                line: line!(),
            };
        }
    };
}
