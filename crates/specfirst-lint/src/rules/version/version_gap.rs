use crate::context::Context;
use crate::declare_rule;
use crate::model::{PathItem, PathItemKind};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::path_versions;

declare_rule! {
    /// ## What it does
    /// For each path and media type, collects the `version` values of the
    /// content keys of all its operations and reports a gap between the
    /// lowest and the highest, e.g. versions 1 and 3 without 2. A range that
    /// does not start at 1 (`2` and `3`, after version 1 was retired) is
    /// fine. `info.version` is the document's own version and is not
    /// checked. Applies with `versioning: media-type` (the default).
    ///
    /// ## Why is this bad?
    /// Versions belong to resources and are integers that count up by one
    /// with each breaking change. A gap suggests a version that was skipped,
    /// or a version number copied from another resource or from the API's
    /// release number, which confuses clients choosing a version.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             'application/json; version=1': {schema: {type: object}}
    ///             'application/json; version=3': {schema: {type: object}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             'application/json; version=1': {schema: {type: object}}
    ///             'application/json; version=2': {schema: {type: object}}
    /// ```
    pub VersionGap {
        code: "VERSION-007",
        name: "version-gap",
        category: "version",
        severity: Info,
        summary: "The versions of a resource's media type have a gap.",
    }
}

impl Rule for VersionGap {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_path_item(&self, cx: &mut Context<'_>, item: &PathItem<'_>) {
        if item.kind != PathItemKind::Path
            || cx.options.versioning != specfirst_config::Versioning::MediaType
        {
            return;
        }
        for (essence, set) in path_versions(cx.bundle, &cx.model.operations, item.key) {
            let (Some(&lo), Some(&hi)) = (set.first(), set.last()) else {
                continue;
            };
            let missing: Vec<String> = (lo..=hi)
                .filter(|v| !set.contains(v))
                .map(|v| v.to_string())
                .collect();
            if !missing.is_empty() {
                cx.report_at_key(
                    item.written,
                    format!(
                        "path `{}` has versions {lo} to {hi} of `{essence}` without {}",
                        item.key,
                        missing.join(", ")
                    ),
                )
                .set_help("number a resource's versions 1, 2, 3 … without gaps");
            }
        }
    }
}
