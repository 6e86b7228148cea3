use specfirst_source::RefError;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports `$ref`s to `http://` or `https://` URLs. specfirst never fetches
    /// over the network, so whatever such a reference stands for is not checked.
    ///
    /// ## Why is this bad?
    /// A description that depends on remote files changes when someone else's
    /// server changes, cannot be linted or generated offline, and is only as
    /// available as that server. Vendor the referenced file into the project.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Money: {$ref: 'https://schemas.example.com/money.yaml'}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Money: {type: object, properties: {amount: {type: string}, currency: {type: string}}}
    /// ```
    pub RemoteRef {
        code: "OAS-003",
        name: "remote-ref",
        category: "oas",
        severity: Warning,
        summary: "A `$ref` names a remote URL, which is not fetched or checked.",
    }
}

impl Rule for RemoteRef {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let bundle = cx.bundle;
        for site in bundle.refs() {
            if let Err(RefError::Remote(url)) = bundle.target(site.doc, &site.reference) {
                cx.report(
                    site.location.clone(),
                    format!("remote reference `{url}` is not fetched, so what it stands for is not checked"),
                )
                .set_help("copy the referenced document into the project and reference it by relative path");
            }
        }
    }
}
