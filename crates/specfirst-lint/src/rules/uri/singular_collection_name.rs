use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::plural::is_plural;
use crate::defs::segments::{Segment, segments};
use crate::defs::words::{is_controller_verb, is_crud_verb, tokenize};
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Applies the plural test (D11) to the last word of every literal
    /// segment that names a collection: a segment followed by a template
    /// (`/customer/{customerId}`), and the last segment of a collection or
    /// store path (D2). Each segment is reported once, at the first path
    /// that has it.
    ///
    /// Not checked: words with digits (`v1`), acronyms in capitals (`HGNC`),
    /// abbreviations of one or two letters (`/t/{id}`), participles
    /// (`/played/{type}`), qualifiers (`latest`, `current`, `me`, `history`),
    /// lookups by a key (`/users/by-email/{email}`), and
    /// verbs (`/search/{term}`, see URI-005 and URI-010). A file extension
    /// is ignored (`/posts.json`). Options `pluralAllowlist` and
    /// `singularAllowlist` correct the plural test for your words.
    ///
    /// ## Why is this bad?
    /// A collection holds many resources, and its name says so:
    /// `/customers/{customerId}/orders/{orderId}` reads as "order 7 of the
    /// orders of customer 3". Mixing `/customer/{id}` and `/orders` makes
    /// every client look each path up.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customer/{customerId}:
    ///     get:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers/{customerId}:
    ///     get:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub SingularCollectionName {
        code: "URI-008",
        name: "singular-collection-name",
        category: "uri",
        severity: Warning,
        summary: "A path segment that names a collection is not a plural noun.",
    }
}

/// Words that select or qualify rather than name a collection
/// (`/items/latest/{n}`, `/users/me/{field}`, `/users/{id}/history/{type}`).
const QUALIFIERS: &[&str] = &[
    "latest", "current", "recent", "live", "popular", "trending", "all", "me", "self", "my",
    "public", "private", "default", "history",
];

impl Rule for SingularCollectionName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let mut seen: HashSet<String> = HashSet::new();
        let items: Vec<_> = super::paths(cx).collect();
        for p in items {
            let segs = segments(super::path_of(p.key));
            let collection = cx.model.kind(p.key).is_some_and(|k| k.is_collection());
            for (i, seg) in segs.iter().enumerate() {
                let Segment::Literal(text) = *seg else {
                    continue;
                };
                let before_template = segs.get(i + 1).is_some_and(|s| s.is_template());
                let last_of_collection = i + 1 == segs.len() && collection;
                if !before_template && !last_of_collection {
                    continue;
                }
                let first = tokenize(text).into_iter().next();
                let Some(last) = super::noun_word(text) else {
                    continue;
                };
                if first.as_deref() == Some("by")
                    || QUALIFIERS.contains(&last.as_str())
                    || is_crud_verb(&last)
                    || is_controller_verb(&last, cx.options)
                    || is_plural(&last, cx.options)
                {
                    continue;
                }
                if !seen.insert(super::shape(super::prefix(p.key, i))) {
                    continue;
                }
                cx.report_at_key(
                    p.written,
                    format!("collection segment `{text}` is not a plural noun"),
                )
                .set_help(format!(
                    "name a collection with a plural noun; if `{last}` is plural already, add it to the option `pluralAllowlist`"
                ));
            }
        }
    }
}
