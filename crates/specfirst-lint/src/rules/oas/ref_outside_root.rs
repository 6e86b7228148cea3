use specfirst_source::RefError;

use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports `$ref`s to files outside the directory of the linted document
    /// (after resolving `..` and symbolic links). Such files are not read
    /// unless `--allow-external-refs` is given.
    ///
    /// ## Why is this bad?
    /// A description should be self-contained in its project. A reference that
    /// climbs out of it (`../../../etc/passwd`) reads files the project does
    /// not own: on CI or in a pre-commit hook that is at best a build that only
    /// works on one machine and at worst a way to leak files into generated code.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Pet: {$ref: '../../shared/pet.yaml'}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Pet: {$ref: './schemas/pet.yaml'}
    /// ```
    pub RefOutsideRoot {
        code: "OAS-004",
        name: "ref-outside-root",
        category: "oas",
        severity: Error,
        summary: "A `$ref` leaves the directory of the entry document.",
    }
}

impl Rule for RefOutsideRoot {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let bundle = cx.bundle;
        for site in bundle.refs() {
            if let Err(RefError::OutsideRoot { path, root }) =
                bundle.target(site.doc, &site.reference)
            {
                cx.report(
                    site.location.clone(),
                    format!(
                        "`{}` is outside `{}`, the directory of the linted document; it was not read",
                        path.display(),
                        root.display()
                    ),
                )
                .set_help("move the file into the project, or pass `--allow-external-refs` if this is intended");
            }
        }
    }
}
