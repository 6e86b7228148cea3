use std::collections::HashMap;

use crate::context::Context;
use crate::declare_rule;
use crate::model::PathItemKind;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks for path templates that are the same once variable names are
    /// ignored, such as `/pets/{id}` and `/pets/{petId}`.
    ///
    /// ## Why is this bad?
    /// Both templates match exactly the same URLs, so a router cannot tell
    /// which one a request is for. The OpenAPI Specification calls such paths
    /// identical and invalid.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /pets/{id}:
    ///     get: {responses: {'200': {description: ok}}}
    ///   /pets/{petId}:
    ///     delete: {responses: {'204': {description: gone}}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /pets/{petId}:
    ///     get: {responses: {'200': {description: ok}}}
    ///     delete: {responses: {'204': {description: gone}}}
    /// ```
    pub EquivalentPaths {
        code: "OAS-007",
        name: "equivalent-paths",
        category: "oas",
        severity: Error,
        summary: "Two path templates differ only in their variable names.",
    }
}

/// The template with every `{variable}` replaced by `{}`.
fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_var = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_var = true;
                out.push('{');
            }
            '}' if in_var => {
                in_var = false;
                out.push('}');
            }
            _ if in_var => {}
            c => out.push(c),
        }
    }
    out
}

impl Rule for EquivalentPaths {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut first: HashMap<String, &crate::model::PathItem<'_>> = HashMap::new();
        for item in model
            .path_items
            .iter()
            .filter(|i| i.kind == PathItemKind::Path)
        {
            let s = shape(item.key);
            match first.get(&s) {
                None => {
                    first.insert(s, item);
                }
                Some(earlier) => {
                    let related = cx.locate_key(earlier.written);
                    let earlier_key = earlier.key;
                    let d = cx.report_at_key(
                        item.written,
                        format!(
                            "path `{}` matches the same URLs as `{earlier_key}`",
                            item.key
                        ),
                    );
                    d.set_help("merge the two path items under one template");
                    if let Some(loc) = related {
                        d.add_related(loc, "the same path, declared here first");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shape;

    #[test]
    fn shapes() {
        assert_eq!(shape("/a/{x}/b/{y}.json"), "/a/{}/b/{}.json");
        assert_eq!(shape("/a/b"), "/a/b");
    }
}
