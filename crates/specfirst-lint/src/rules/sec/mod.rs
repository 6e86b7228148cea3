//! `SEC` (RULEBOOK §1.13): security: HTTPS, authentication on every operation, no secrets in URLs.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
