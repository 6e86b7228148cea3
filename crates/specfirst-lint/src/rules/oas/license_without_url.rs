use super::truthy;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that `info.license` links to the license text with `url` (or, in
    /// OpenAPI 3.1, names it with an SPDX `identifier`). Spectral: `license-url`;
    /// unlike Spectral it does not fire when there is no license at all (OAS-016
    /// reports that) or when an `identifier` is given.
    ///
    /// ## Why is this bad?
    /// A license name alone (`Proprietary`, `Custom`) does not say what the terms
    /// are: readers need the text.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info:
    ///   title: Pets
    ///   version: '1'
    ///   license: {name: Pets license}
    /// paths: {}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info:
    ///   title: Pets
    ///   version: '1'
    ///   license: {name: Pets license, url: 'https://pets.dev/license'}
    /// paths: {}
    /// ```
    pub LicenseWithoutUrl {
        code: "OAS-017",
        name: "license-without-url",
        category: "oas",
        severity: Warning,
        summary: "The `info.license` object has no `url`.",
    }
}

impl Rule for LicenseWithoutUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let Some(license) = root.get("info").and_then(|i| i.get("license")) else {
            return;
        };
        if !truthy(Some(license))
            || !license.is_object()
            || truthy(license.get("url"))
            || truthy(license.get("identifier"))
        {
            return;
        }
        cx.report_at_key(license, "the license has no `url`")
            .set_help("link the license text with `url`");
    }
}
