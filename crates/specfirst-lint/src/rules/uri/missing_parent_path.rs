use std::collections::HashSet;

use crate::context::Context;
use crate::declare_rule;
use crate::defs::segments::segments;
use crate::rule::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// For every `paths` key, checks that each proper prefix ending in a
    /// template segment that is followed by a literal segment is a `paths`
    /// key too: `/customers/{customerId}/orders` needs
    /// `/customers/{customerId}`, while in `/strains/{chr}/{start}` the two
    /// templates address one resource together. Template names do not matter
    /// (`/customers/{id}` counts). Each missing path is reported once, at
    /// the first path that needs it.
    ///
    /// ## Why is this bad?
    /// Nested paths express a hierarchy, and clients expect to walk it: the
    /// orders of customer 3 belong to a customer that `GET
    /// /customers/{customerId}` can read. A hierarchy with holes is hard to
    /// predict and to navigate.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// info: {title: Example, version: '1'}
    /// paths:
    ///   /customers/{customerId}/orders:
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
    ///   /customers/{customerId}/orders:
    ///     get:
    ///       parameters:
    ///         - {name: customerId, in: path, required: true, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    pub MissingParentPath {
        code: "URI-012",
        name: "missing-parent-path",
        category: "uri",
        severity: Info,
        summary: "A nested path's parent item path is not defined.",
    }
}

impl Rule for MissingParentPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_document(&self, cx: &mut Context<'_>) {
        let items: Vec<_> = super::paths(cx).collect();
        let defined: HashSet<String> = items
            .iter()
            .map(|p| super::shape(super::path_of(p.key)))
            .collect();
        let mut reported: HashSet<String> = HashSet::new();
        for p in items {
            let segs = segments(super::path_of(p.key));
            let proper = segs.len().saturating_sub(1);
            for (i, seg) in segs.iter().enumerate().take(proper) {
                // `/a/{x}/b` needs `/a/{x}`; in `/a/{x}/{y}` the templates
                // together address one resource, and `/a/{x}` is not its parent.
                if !seg.is_template() || segs.get(i + 1).is_some_and(|s| s.is_template()) {
                    continue;
                }
                let prefix = super::prefix(p.key, i);
                let shape = super::shape(prefix);
                if defined.contains(&shape) || !reported.insert(shape) {
                    continue;
                }
                cx.report_at_key(
                    p.written,
                    format!("parent path `{prefix}` of `{}` is not defined", p.key),
                )
                .set_help(format!(
                    "document `{prefix}` (at least `GET`), so the hierarchy can be walked"
                ));
            }
        }
    }
}
