//! `PAGE` (RULEBOOK §1.7): pagination: bounded collections, limits, links and totals.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
