use super::texts_containing;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that no `description` or `title` contains `<script`.
    /// Spectral: `no-script-tags-in-markdown`.
    ///
    /// ## Why is this bad?
    /// Descriptions are Markdown rendered as HTML by documentation portals; a
    /// `<script>` tag in them runs in readers' browsers wherever the portal does
    /// not sanitise, and is stripped (leaving broken text) where it does.
    ///
    /// ## Example
    /// ```yaml
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet: {type: object, description: 'A pet <script>alert(1)</script>'}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Pet: {type: object, description: A pet of the shelter}
    /// ```
    pub ScriptTagInMarkdown {
        code: "OAS-020",
        name: "script-tag-in-markdown",
        category: "oas",
        severity: Warning,
        summary: "A `description` or `title` contains a `<script` tag.",
    }
}

impl Rule for ScriptTagInMarkdown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        for (key, v) in texts_containing(cx, "<script") {
            cx.report_at_key(v, format!("`{key}` contains a `<script` tag"))
                .set_help("remove the script; write `&lt;script&gt;` to show the text");
        }
    }
}
