//! `QUERY` (RULEBOOK §1.8): filtering, sorting and projection parameters.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
