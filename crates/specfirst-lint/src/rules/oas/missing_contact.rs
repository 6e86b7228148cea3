use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that `info.contact` is present. Spectral: `info-contact`.
    ///
    /// ## Why is this bad?
    /// Consumers of an API need someone to ask about outages, changes and access.
    /// Without a contact the document gives them no one.
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
    ///   contact: {name: Pet team, url: 'https://pets.dev/support', email: pets@pets.dev}
    /// paths: {}
    /// ```
    pub MissingContact {
        code: "OAS-014",
        name: "missing-contact",
        category: "oas",
        severity: Warning,
        summary: "The `info` object has no `contact`.",
    }
}

impl Rule for MissingContact {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let info = root.get("info");
        if truthy(info.and_then(|i| i.get("contact"))) {
            return;
        }
        let location = match info {
            Some(info) => member_location(cx, info, "contact"),
            None => member_location(cx, root, "info"),
        };
        cx.report(location, "`info` has no `contact`")
            .set_help("add `info.contact` with the `name`, `url` and `email` of the API's owners");
    }
}
