//! `LINK` (RULEBOOK §1.14): hypermedia: links with relations, absolute and consistent.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
