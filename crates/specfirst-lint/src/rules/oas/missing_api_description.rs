use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that `info.description` is present and not empty. Spectral: `info-description`.
    ///
    /// ## Why is this bad?
    /// The description is the API's front page in generated documentation: what
    /// it is for, how to authenticate, where to start. A title alone tells readers little.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Pets, version: '1'}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info:
    ///   title: Pets
    ///   version: '1'
    ///   description: Adopt, list and update pets of the shelter.
    /// paths: {}
    /// ```
    pub MissingApiDescription {
        code: "OAS-015",
        name: "missing-api-description",
        category: "oas",
        severity: Warning,
        summary: "The `info` object has no `description`.",
    }
}

impl Rule for MissingApiDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let info = root.get("info");
        if truthy(info.and_then(|i| i.get("description"))) {
            return;
        }
        let location = match info {
            Some(info) => member_location(cx, info, "description"),
            None => member_location(cx, root, "info"),
        };
        cx.report(location, "`info` has no `description`")
            .set_help("describe what the API is for in `info.description`");
    }
}
