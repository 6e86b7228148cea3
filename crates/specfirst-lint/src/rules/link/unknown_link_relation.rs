use serde_json::Value;

use crate::context::Context;
use crate::declare_rule;
use crate::model::Schema;
use crate::rule::{Rule, RuleMeta};
use crate::rules::link::support::is_link_schema;

declare_rule! {
    /// ## What it does
    /// In a link object schema (a schema with `href` and `rel` properties),
    /// checks the `enum` of `rel`: every value must be a standard relation
    /// name or an absolute URI (an extension relation such as
    /// `https://api.example.com/rels/owner`).
    ///
    /// Standard names are the rulebook's `self`, `alternate`, `related`,
    /// `enclosure`, `via`, `first`, `previous`, `prev`, `next`, `last`,
    /// `children` and `parent`, plus every relation registered with IANA
    /// (`edit`, `collection`, `item`, `up`, `describedby`, …), which are
    /// documented there. Names are compared case-insensitively.
    ///
    /// ## Why is this bad?
    /// Clients follow links by relation name. A private abbreviation such as
    /// `nxt` means nothing to generic clients and breaks when someone spells
    /// it out; a custom relation is written as a URI that documents it.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Link:
    ///       type: object
    ///       properties:
    ///         rel: {type: string, enum: [self, nxt]}
    ///         href: {type: string, format: uri}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Link:
    ///       type: object
    ///       properties:
    ///         rel: {type: string, enum: [self, next, previous, first, last]}
    ///         href: {type: string, format: uri}
    /// ```
    pub UnknownLinkRelation {
        code: "LINK-003",
        name: "unknown-link-relation",
        category: "link",
        severity: Info,
        summary: "A link relation in an `enum` is neither a standard name nor a URI.",
    }
}

/// The rulebook's names and the IANA Link Relations registry.
const STANDARD: &[&str] = &[
    "about",
    "acl",
    "alternate",
    "amphtml",
    "appendix",
    "apple-touch-icon",
    "apple-touch-startup-image",
    "archives",
    "author",
    "blocked-by",
    "bookmark",
    "c2pa-manifest",
    "canonical",
    "chapter",
    "children",
    "cite-as",
    "collection",
    "compression-dictionary",
    "contents",
    "convertedfrom",
    "copyright",
    "create-form",
    "current",
    "deprecation",
    "describedby",
    "describes",
    "disclosure",
    "dns-prefetch",
    "duplicate",
    "edit",
    "edit-form",
    "edit-media",
    "enclosure",
    "external",
    "first",
    "geofeed",
    "glossary",
    "help",
    "hosts",
    "hub",
    "ice-server",
    "icon",
    "index",
    "intervalafter",
    "intervalbefore",
    "intervalcontains",
    "intervaldisjoint",
    "intervalduring",
    "intervalequals",
    "intervalfinishedby",
    "intervalfinishes",
    "intervalin",
    "intervalmeets",
    "intervalmetby",
    "intervaloverlappedby",
    "intervaloverlaps",
    "intervalstartedby",
    "intervalstarts",
    "item",
    "last",
    "latest-version",
    "license",
    "linkset",
    "lrdd",
    "manifest",
    "mask-icon",
    "me",
    "media-feed",
    "memento",
    "micropub",
    "modulepreload",
    "monitor",
    "monitor-group",
    "next",
    "next-archive",
    "nofollow",
    "noopener",
    "noreferrer",
    "opener",
    "openid2.local_id",
    "openid2.provider",
    "original",
    "p3pv1",
    "parent",
    "payment",
    "pingback",
    "preconnect",
    "predecessor-version",
    "prefetch",
    "preload",
    "prerender",
    "prev",
    "prev-archive",
    "preview",
    "previous",
    "privacy-policy",
    "profile",
    "publication",
    "related",
    "replies",
    "restconf",
    "ruleinput",
    "search",
    "section",
    "self",
    "service",
    "service-desc",
    "service-doc",
    "service-meta",
    "sip-trunking-rate",
    "sitemap",
    "sponsored",
    "start",
    "status",
    "stylesheet",
    "subsection",
    "successor-version",
    "sunset",
    "tag",
    "terms-of-service",
    "timegate",
    "timemap",
    "type",
    "ugc",
    "up",
    "version-history",
    "via",
    "webmention",
    "working-copy",
    "working-copy-of",
];

fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    !rest.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

impl Rule for UnknownLinkRelation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_schema(&self, cx: &mut Context<'_>, schema: &Schema<'_>) {
        let Some(rel) = schema.value.get("properties").and_then(|p| p.get("rel")) else {
            return;
        };
        if !is_link_schema(cx.bundle, schema.doc, schema.value, cx.options.link_style) {
            return;
        }
        let Ok((_, rel)) = cx.bundle.resolve(schema.doc, rel) else {
            return;
        };
        for v in rel
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(name) = v.as_str() else { continue };
            let lower = name.to_ascii_lowercase();
            if STANDARD.contains(&lower.as_str()) || is_absolute_uri(name) {
                continue;
            }
            cx.report_at(v, format!("link relation `{name}` is neither a standard name nor a URI"))
                .set_help("use a registered relation (`self`, `next`, `related`, …) or an absolute URI that documents the custom relation");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations() {
        let mut sorted = STANDARD.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STANDARD);
        assert!(is_absolute_uri("https://api.example.com/rels/owner"));
        assert!(is_absolute_uri("urn:example:owner"));
        assert!(!is_absolute_uri("nxt") && !is_absolute_uri("/rels/x"));
    }
}
