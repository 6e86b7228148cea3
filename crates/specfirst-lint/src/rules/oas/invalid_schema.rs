use std::sync::OnceLock;

use jsonschema::meta::MetaValidator;
use specfirst_source::SpecVersion;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::rule::{Rule, RuleMeta};
use crate::structure::{self, Anchor};

declare_rule! {
    /// ## What it does
    /// In OpenAPI 3.1 documents, validates every Schema Object against the
    /// JSON Schema 2020-12 meta-schema: `type: strin`, `required: name`,
    /// `minimum: '5'` and the like. (The official OpenAPI 3.1 schema accepts
    /// any object as a Schema Object, so these slip through structural
    /// validation; in 3.0 documents that validation already checks schemas.)
    ///
    /// ## Why is this bad?
    /// An invalid schema validates nothing, or everything: a typo in `type`
    /// turns off the check the author meant to write, and generators emit the
    /// wrong types or refuse the document.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// components:
    ///   schemas:
    ///     Name: {type: strin}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// components:
    ///   schemas:
    ///     Name: {type: string}
    /// ```
    pub InvalidSchema {
        code: "OAS-010",
        name: "invalid-schema",
        category: "oas",
        severity: Error,
        summary: "A Schema Object of a 3.1 document is not valid JSON Schema 2020-12.",
    }
}

fn meta_validator() -> &'static MetaValidator<'static> {
    static V: OnceLock<MetaValidator<'static>> = OnceLock::new();
    V.get_or_init(jsonschema::draft202012::meta::validator)
}

impl Rule for InvalidSchema {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_schema(&self, cx: &mut Context<'_>, schema: &Schema<'_>) {
        if cx.version() != SpecVersion::V3_1 || !schema.is_root {
            return;
        }
        let v = meta_validator();
        if v.is_valid(schema.value) {
            return;
        }
        let findings = structure::humanize(v.iter_errors(schema.value), schema.value);
        let doc = cx.document(schema.doc);
        let base = doc.pointer_of(schema.value).unwrap_or_default();
        for f in findings {
            let node =
                specfirst_source::pointer::lookup(schema.value, &f.pointer).unwrap_or(schema.value);
            let location = match f.anchor {
                Anchor::Key => doc.locate_key(node),
                Anchor::Value => doc.locate(node),
            };
            // Name the problem from the document's point of view, not the schema's.
            let message = f.message.replace("the document", &structure::dotted(&base));
            cx.report(location, message);
        }
    }
}
