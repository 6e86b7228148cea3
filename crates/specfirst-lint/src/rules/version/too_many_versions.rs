use crate::context::Context;
use crate::declare_rule;
use crate::model::{PathItem, PathItemKind};
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::path_versions;

declare_rule! {
    /// ## What it does
    /// For each path and media type, counts the distinct `version` values
    /// of the content keys of all its operations (request bodies and
    /// responses), and reports more than option `maxConcurrentVersions`
    /// (default 2). Applies with `versioning: media-type` (the default).
    ///
    /// ## Why is this bad?
    /// Every supported version is code to maintain, test and document. The
    /// rulebook supports at most two versions of a resource at a time: the
    /// current one and the one clients are migrating from. Retire the oldest
    /// version before adding another.
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
    ///             'application/json; version=2': {schema: {type: object}}
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
    ///             'application/json; version=2': {schema: {type: object}}
    ///             'application/json; version=3': {schema: {type: object}}
    /// ```
    pub TooManyVersions {
        code: "VERSION-006",
        name: "too-many-versions",
        category: "version",
        severity: Warning,
        summary: "A resource supports more versions of a media type than `maxConcurrentVersions`.",
    }
}

impl Rule for TooManyVersions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_path_item(&self, cx: &mut Context<'_>, item: &PathItem<'_>) {
        if item.kind != PathItemKind::Path
            || cx.options.versioning != specfirst_config::Versioning::MediaType
        {
            return;
        }
        let max = cx.options.max_concurrent_versions;
        for (essence, set) in path_versions(cx.bundle, &cx.model.operations, item.key) {
            if set.len() > max as usize {
                let list: Vec<String> = set.iter().map(u32::to_string).collect();
                cx.report_at_key(
                    item.written,
                    format!(
                        "path `{}` supports {} versions of `{essence}` ({}), more than {max}",
                        item.key,
                        set.len(),
                        list.join(", ")
                    ),
                )
                .set_help(format!(
                    "retire the oldest versions so that at most {max} remain (option `maxConcurrentVersions`)"
                ));
            }
        }
    }
}
