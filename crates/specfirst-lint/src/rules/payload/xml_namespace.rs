use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports `xml.namespace` and `xml.prefix` in any schema. XML, when it
    /// is offered at all (option `xmlSupport`), mirrors the JSON structure:
    /// data and links only.
    ///
    /// ## Why is this bad?
    /// Namespaces and prefixes have no JSON counterpart, so the two
    /// representations stop being the same document, and clients must
    /// handle namespace-qualified names that carry no information in a REST
    /// API.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User: {type: object, xml: {name: user, namespace: 'http://example.com/ns', prefix: ex}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     User: {type: object, xml: {name: user}}
    /// ```
    pub XmlNamespace {
        code: "PAYLOAD-008",
        name: "xml-namespace",
        category: "payload",
        severity: Warning,
        summary: "A schema declares an XML namespace or prefix.",
    }
}

impl Rule for XmlNamespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_schema(&self, cx: &mut Context<'_>, schema: &Schema<'_>) {
        let Some(xml) = schema.value.get("xml") else {
            return;
        };
        for key in ["namespace", "prefix"] {
            if let Some(v) = xml.get(key) {
                cx.report_at_key(v, format!("schema declares XML `{key}`"))
                    .set_help("drop it: XML mirrors the JSON structure without namespaces");
            }
        }
    }
}
