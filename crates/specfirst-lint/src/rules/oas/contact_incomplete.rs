use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that `info.contact` gives all of `name`, `url` and `email` (each
    /// non-empty). Spectral: `contact-properties`.
    ///
    /// ## Why is this bad?
    /// A contact without a way to reach anyone (no URL, no e-mail) or without
    /// saying who it is leaves consumers with no one to ask when the API misbehaves.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info:
    ///   title: Pets
    ///   version: '1'
    ///   contact: {name: Pet team}
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
    pub ContactIncomplete {
        code: "OAS-012",
        name: "incomplete-contact",
        category: "oas",
        severity: Warning,
        summary: "The `info.contact` object lacks a `name`, `url` or `email`.",
    }
}

impl Rule for ContactIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(contact) = root.get("info").and_then(|i| i.get("contact")) else {
            return;
        };
        if !contact.is_object() {
            return;
        }
        let missing: Vec<&str> = ["name", "url", "email"]
            .into_iter()
            .filter(|k| !truthy(contact.get(*k)))
            .collect();
        if missing.is_empty() {
            return;
        }
        let list = super::or_list(&missing);
        // At the first empty field when there is one (where Spectral reports it).
        let location = member_location(cx, contact, missing[0]);
        cx.report(location, format!("the contact has no {list}"))
            .set_help("give the contact's `name`, `url` and `email`");
    }
}
