use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that the top-level `tags` are sorted by `name` (case-insensitively).
    /// Spectral: `openapi-tags-alphabetical`.
    ///
    /// ## Why is this bad?
    /// Documentation tools show tag groups in the order of `tags`; a sorted list
    /// is easy to scan and to keep in order when tags are added. (Turn this rule
    /// off when your tags are ordered on purpose, e.g. by workflow.)
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// tags:
    ///   - {name: pets}
    ///   - {name: owners}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// tags:
    ///   - {name: owners}
    ///   - {name: pets}
    /// paths: {}
    /// ```
    pub TagsNotAlphabetical {
        code: "OAS-033",
        name: "tags-not-alphabetical",
        category: "oas",
        severity: Warning,
        summary: "The top-level `tags` are not in alphabetical order.",
    }
}

impl Rule for TagsNotAlphabetical {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(tags) = root.get("tags").and_then(Value::as_array) else {
            return;
        };
        let names: Vec<&str> = tags
            .iter()
            .filter_map(|t| t.get("name").and_then(Value::as_str))
            .collect();
        let key = |s: &str| (s.to_lowercase(), s.chars().any(char::is_uppercase));
        if let Some(w) = names.windows(2).find(|w| key(w[0]) > key(w[1])) {
            let (a, b) = (w[0], w[1]);
            let tags_value = root.get("tags").unwrap_or(root);
            cx.report_at_key(
                tags_value,
                format!("the tags are not in alphabetical order: `{a}` comes before `{b}`"),
            )
            .set_help("sort the top-level `tags` by name");
        }
    }
}
