//! `LINK` (RULEBOOK §1.14): hypermedia: links with relations, absolute and consistent.

pub mod link_method_attribute;
pub mod links_shape;
pub mod missing_self_link;
pub(crate) mod support;
pub mod unknown_link_relation;
pub mod unsafe_href;
pub mod untyped_link;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &links_shape::LinksShape,
    &unsafe_href::UnsafeHref,
    &unknown_link_relation::UnknownLinkRelation,
    &link_method_attribute::LinkMethodAttribute,
    &missing_self_link::MissingSelfLink,
    &untyped_link::UntypedLink,
];
