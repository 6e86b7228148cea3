use serde_json::Value;

use super::{is_3_2, walk_documents};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// In OpenAPI 3.2 documents, checks that no `xml` object uses
    /// `attribute: true`, deprecated by 3.2 in favour of `nodeType: attribute`.
    /// Spectral: `oas3_2-no-deprecated-xml-attribute`.
    ///
    /// ## Why is this bad?
    /// Deprecated fields may be dropped by the next version of the specification
    /// and by tools; `nodeType` says the same and more (`element`, `text`, `cdata`, `none`).
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.2.0
    /// info: {title: Pets, version: '1'}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       properties:
    ///         id: {type: string, xml: {attribute: true}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.2.0
    /// info: {title: Pets, version: '1'}
    /// components:
    ///   schemas:
    ///     Pet:
    ///       type: object
    ///       properties:
    ///         id: {type: string, xml: {nodeType: attribute}}
    /// ```
    pub DeprecatedXmlAttribute {
        code: "OAS-031",
        name: "deprecated-xml-attribute",
        category: "oas",
        severity: Warning,
        summary: "An `xml` object uses `attribute: true`, deprecated in OpenAPI 3.2.",
    }
}

impl Rule for DeprecatedXmlAttribute {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if !is_3_2(cx) {
            return;
        }
        let mut found: Vec<&Value> = Vec::new();
        walk_documents(cx, |key, _, v| {
            if key == Some("xml") && v.get("attribute") == Some(&Value::Bool(true)) {
                found.push(v);
            }
        });
        for xml in found {
            cx.report_at_key(xml, "`xml.attribute` is deprecated in OpenAPI 3.2")
                .set_help("use `nodeType: attribute` instead");
        }
    }
}
