//! `URI` (RULEBOOK §1.1): resource identifiers and paths: case, separators, verbs, plurals, identity in the path.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
