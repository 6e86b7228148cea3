use super::{member_location, truthy};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that `info.license` is present. Spectral: `info-license`.
    ///
    /// ## Why is this bad?
    /// Without a license, consumers cannot tell under which terms they may use
    /// the API description (and the code generated from it).
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
    ///   license: {name: Apache 2.0, identifier: Apache-2.0}
    /// paths: {}
    /// ```
    pub MissingLicense {
        code: "OAS-016",
        name: "missing-license",
        category: "oas",
        severity: Warning,
        summary: "The `info` object has no `license`.",
    }
}

impl Rule for MissingLicense {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let root = cx.bundle.root().value();
        let info = root.get("info");
        if truthy(info.and_then(|i| i.get("license"))) {
            return;
        }
        let location = match info {
            Some(info) => member_location(cx, info, "license"),
            None => member_location(cx, root, "info"),
        };
        cx.report(location, "`info` has no `license`").set_help(
            "add `info.license` with the license's `name` and `url` (or SPDX `identifier` in 3.1)",
        );
    }
}
