use super::texts_containing;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no `description` or `title` contains `eval(`.
    /// Spectral: `no-eval-in-markdown`.
    ///
    /// ## Why is this bad?
    /// Descriptions are Markdown rendered as HTML by documentation portals; a
    /// JavaScript `eval(` in them is at best a copy-paste accident and at worst
    /// an injection waiting for a portal that does not sanitise.
    ///
    /// ## Example
    /// ```yaml
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet: {type: object, description: 'Rendered with <img onerror="eval(atob(x))">'}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet: {type: object, description: A pet of the shelter}
    /// ```
    pub EvalInMarkdown {
        code: "OAS-019",
        name: "eval-in-markdown",
        category: "oas",
        severity: Warning,
        summary: "A `description` or `title` contains `eval(`.",
    }
}

impl Rule for EvalInMarkdown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for (key, v) in texts_containing(cx, "eval(") {
            cx.report_at_key(v, format!("`{key}` contains `eval(`"))
                .set_help("remove the script from the text");
        }
    }
}
