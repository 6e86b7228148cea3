//! `ERROR` (RULEBOOK §1.6): error responses: one error schema with code, message and details.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
