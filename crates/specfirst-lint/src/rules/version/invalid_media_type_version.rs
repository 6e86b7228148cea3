use std::collections::HashSet;

use specfirst_config::Versioning;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::contents;

declare_rule! {
    /// ## What it does
    /// Checks the `version` parameter of every content key of request bodies
    /// and responses (`application/json; version=2`): it must be an integer
    /// of 1 or more. `v2`, `2.0` and `0` are reported.
    ///
    /// With option `versioning: uri-path` or `versioning: query` the version
    /// lives in the path or the query, so any `version` parameter on a media
    /// type is reported. With `versioning: none` the rule does nothing.
    ///
    /// ## Why is this bad?
    /// With `versioning: media-type` (the default) the client selects a
    /// representation with `Accept: application/json; version=N`. Generated
    /// servers and clients compare versions as integers; a key such as
    /// `version=v2` can never be selected, and mixing two versioning schemes
    /// gives every resource two addresses for the same version.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /users/{userId}:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content: {'application/json; version=v2': {schema: {type: object}}}
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
    pub InvalidMediaTypeVersion {
        code: "VERSION-001",
        name: "invalid-media-type-version",
        category: "version",
        severity: Error,
        summary: "A media type's `version` parameter is not a positive integer.",
    }
}

impl Rule for InvalidMediaTypeVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mode = cx.options.versioning;
        if mode == Versioning::None {
            return;
        }
        let mut seen = HashSet::new();
        for op in &cx.model.operations {
            for content in contents(cx.bundle, op) {
                if !seen.insert(content.id()) {
                    continue;
                }
                for (key, media) in content.map {
                    let Some(m) = MediaType::parse(key) else {
                        continue;
                    };
                    match (mode, m.version()) {
                        (Versioning::MediaType, Some(Err(v))) => {
                            cx.report_at_key(
                                media,
                                format!("`{key}` has version `{v}`, not an integer of 1 or more"),
                            )
                            .set_help(format!(
                                "write the version as a plain integer, e.g. `{}; version=2`",
                                m.essence()
                            ));
                        }
                        (Versioning::UriPath | Versioning::Query, Some(_)) => {
                            let place = if mode == Versioning::UriPath {
                                "the path (`versioning: uri-path`)"
                            } else {
                                "the query (`versioning: query`)"
                            };
                            cx.report_at_key(
                                media,
                                format!("`{key}` carries a version, but versions live in {place}"),
                            )
                            .set_help(format!("use `{}` without `version`", m.essence()));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}
