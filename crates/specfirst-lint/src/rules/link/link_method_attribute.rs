use specfirst_config::LinkMethodAttribute as Option_;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::rule::{Rule, RuleMeta};
use crate::rules::link::support::is_link_schema;

declare_rule! {
    /// ## What it does
    /// Reports a property named `method` or `verb` in a link object schema
    /// (a schema with `href` and `rel` properties; with `linkStyle: hal`,
    /// `href` alone). With option `linkMethodAttribute: allow` (which
    /// follows 001, where a link may describe its method) the rule does
    /// nothing.
    ///
    /// ## Why is this bad?
    /// A link names a resource, and the same URI serves every method the
    /// resource supports; which one applies is told by `Allow` and the
    /// uniform interface. A method attribute turns links into RPC
    /// descriptions and goes stale when the resource gains a method.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Link:
    ///       type: object
    ///       properties: {rel: {type: string}, href: {type: string}, method: {type: string}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Link:
    ///       type: object
    ///       properties: {rel: {type: string}, href: {type: string}}
    /// ```
    pub LinkMethodAttribute {
        code: "LINK-004",
        name: "link-method-attribute",
        category: "link",
        severity: Info,
        summary: "A link object has a `method` or `verb` property.",
    }
}

impl Rule for LinkMethodAttribute {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_schema(&self, cx: &mut Context<'_>, schema: &Schema<'_>) {
        if cx.options.link_method_attribute == Option_::Allow {
            return;
        }
        let Some(props) = schema
            .value
            .get("properties")
            .and_then(serde_json::Value::as_object)
        else {
            return;
        };
        let bad: Vec<(&String, &serde_json::Value)> = props
            .iter()
            .filter(|(k, _)| matches!(k.as_str(), "method" | "verb"))
            .collect();
        if bad.is_empty()
            || !is_link_schema(cx.bundle, schema.doc, schema.value, cx.options.link_style)
        {
            return;
        }
        for (name, value) in bad {
            cx.report_at_key(value, format!("link object has a `{name}` property"))
                .set_help("drop it: the link's URI is the same for every method (option `linkMethodAttribute: allow` permits it)");
        }
    }
}
