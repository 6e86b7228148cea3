use specfirst_source::RefError;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Checks that every `$ref` leads somewhere: the file exists and parses,
    /// the JSON pointer names a node in it, and a chain of references ends in
    /// a value instead of looping.
    ///
    /// ## Why is this bad?
    /// A dangling reference leaves a hole in the description: the parameter,
    /// body or schema it stands for is unknown to every tool, so nothing
    /// behind it is validated, documented or generated.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Pet: {type: object}
    ///     Pets: {type: array, items: {$ref: '#/components/schemas/Pets1'}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Pet: {type: object}
    ///     Pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    /// ```
    pub UnresolvedRef {
        code: "OAS-002",
        name: "unresolved-ref",
        category: "oas",
        severity: Error,
        summary: "A `$ref` points at nothing (missing file or pointer, or a loop).",
    }
}

impl Rule for UnresolvedRef {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let bundle = cx.bundle;
        for site in bundle.refs() {
            let error = match bundle.target(site.doc, &site.reference) {
                Ok((doc, target)) => match bundle.resolve(doc, target) {
                    Err(e @ (RefError::Cycle | RefError::TooLong)) => e,
                    // Problems further down the chain are reported at their own `$ref`.
                    _ => continue,
                },
                Err(e) => e,
            };
            let help = match &error {
                // Reported by their own rules.
                RefError::Remote(_) | RefError::OutsideRoot { .. } => continue,
                RefError::Missing { .. } => {
                    "check the spelling of the pointer; `~1` stands for `/` and `~0` for `~`"
                }
                RefError::File { .. } => {
                    "check the file name, relative to the file that holds this `$ref`"
                }
                RefError::NotAPointer(_) => {
                    "write the fragment as a JSON pointer, such as `#/components/schemas/Pet`"
                }
                RefError::BadUri { .. } => {
                    "write the reference as a relative file path and/or a `#/json/pointer`"
                }
                RefError::Cycle => "point one of the references at the definition itself",
                RefError::TooLong => {
                    "point the reference at the definition, not at another reference"
                }
            };
            cx.report(
                site.location.clone(),
                format!("`$ref: {}` cannot be resolved: {error}", site.reference),
            )
            .set_help(help);
        }
    }
}
