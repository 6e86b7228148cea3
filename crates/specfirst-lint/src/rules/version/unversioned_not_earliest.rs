use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::media::MediaType;
use crate::rule::{Rule, RuleMeta};
use crate::rules::cache::support::{contents, label};

declare_rule! {
    /// ## What it does
    /// In a content map that lists a media type both without a version
    /// (`application/json`) and with versions (`application/json;
    /// version=N`), checks that the unversioned entry has the same schema as
    /// the lowest version. Each content map is checked on its own: the
    /// request body, and each response. (The rulebook says "an operation";
    /// the versions of a request body and of a response are different
    /// representations, so comparing across them would compare unrelated
    /// schemas. An operation with several maps gets one finding per map.)
    ///
    /// Schemas are the same when both refer to the same target, or, after
    /// resolving `$ref`, are equal JSON. Entries without a schema are not
    /// compared. Applies with `versioning: media-type` (the default).
    ///
    /// ## Why is this bad?
    /// A request without a version gets the earliest supported version, for
    /// the response and for the interpretation of the request body. An
    /// unversioned entry that shows a later version documents a behaviour the
    /// server does not have, and clients that omit the version break when
    /// they read the wrong shape.
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
    ///             application/json: {schema: {$ref: '#/components/schemas/UserV2'}}
    ///             'application/json; version=1': {schema: {$ref: '#/components/schemas/UserV1'}}
    ///             'application/json; version=2': {schema: {$ref: '#/components/schemas/UserV2'}}
    /// components:
    ///   schemas:
    ///     UserV1: {type: object, properties: {name: {type: string}}}
    ///     UserV2: {type: object, properties: {firstName: {type: string}}}
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
    ///             application/json: {schema: {$ref: '#/components/schemas/UserV1'}}
    ///             'application/json; version=1': {schema: {$ref: '#/components/schemas/UserV1'}}
    ///             'application/json; version=2': {schema: {$ref: '#/components/schemas/UserV2'}}
    /// components:
    ///   schemas:
    ///     UserV1: {type: object, properties: {name: {type: string}}}
    ///     UserV2: {type: object, properties: {firstName: {type: string}}}
    /// ```
    pub UnversionedNotEarliest {
        code: "VERSION-003",
        name: "unversioned-not-earliest",
        category: "version",
        severity: Warning,
        summary: "An unversioned media type entry does not describe the earliest version.",
    }
}

impl Rule for UnversionedNotEarliest {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        if cx.options.versioning != specfirst_config::Versioning::MediaType {
            return;
        }
        let mut seen = HashSet::new();
        let model = cx.model;
        for op in &model.operations {
            for content in contents(cx.bundle, op) {
                if !seen.insert(content.id()) {
                    continue;
                }
                for (key, media) in content.map {
                    let Some(m) = MediaType::parse(key) else {
                        continue;
                    };
                    if m.version().is_some() {
                        continue;
                    }
                    let essence = m.essence();
                    let lowest = content
                        .map
                        .iter()
                        .filter_map(|(k, v)| {
                            let other = MediaType::parse(k)?;
                            let Some(Ok(n)) = other.version() else {
                                return None;
                            };
                            (other.essence() == essence).then_some((n, k, v))
                        })
                        .min_by_key(|(n, ..)| *n);
                    let Some((n, lowest_key, lowest_media)) = lowest else {
                        continue;
                    };
                    let (Some(a), Some(b)) = (media.get("schema"), lowest_media.get("schema"))
                    else {
                        continue;
                    };
                    let same = match (
                        cx.bundle.resolve(content.doc, a),
                        cx.bundle.resolve(content.doc, b),
                    ) {
                        (Ok((_, a)), Ok((_, b))) => std::ptr::eq(a, b) || a == b,
                        _ => true,
                    };
                    if !same {
                        let place = content.status.map_or_else(
                            || "request body".to_owned(),
                            |s| format!("`{s}` response"),
                        );
                        cx.report_at_key(
                            media,
                            format!(
                                "`{key}` of the {place} of {} differs from the earliest version `{lowest_key}`",
                                label(op)
                            ),
                        )
                        .set_help(format!(
                            "a request without a version gets version {n}: give `{key}` the schema of `{lowest_key}`"
                        ));
                    }
                }
            }
        }
    }
}
