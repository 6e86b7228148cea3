use specfirst_diagnostics::Location;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::structure::{self, Anchor};

declare_rule! {
    /// ## What it does
    /// Validates the document against the official JSON Schema of its OpenAPI
    /// version (3.0 or 3.1; 3.2 is read as 3.1): required fields, field types,
    /// allowed values, unknown fields. Each problem is reported on the node it
    /// is about, and for alternatives (`oneOf`) only the closest one is
    /// explained.
    ///
    /// ## Why is this bad?
    /// A description that breaks the specification is read differently by
    /// every tool, or not at all: documentation renderers drop parts, code
    /// generators fail, gateways reject it.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: 1.0.0}
    /// paths: {}
    /// ```
    pub InvalidStructure {
        code: "OAS-001",
        name: "invalid-structure",
        category: "oas",
        severity: Error,
        summary: "The document does not follow the OpenAPI Specification's schema.",
    }
}

impl Rule for InvalidStructure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root();
        for finding in structure::validate_document(cx.version(), root.value()) {
            let node = specfirst_source::pointer::lookup(root.value(), &finding.pointer);
            let location = match (node, &finding.anchor) {
                (Some(n), Anchor::Key) => root.locate_key(n),
                (Some(n), Anchor::Value) => root.locate(n),
                (None, _) => {
                    Location::new(root.file(), Default::default(), finding.pointer.clone())
                }
            };
            cx.report(location, finding.message);
        }
    }
}
