//! `CACHE` (RULEBOOK §1.11): caching: validators and cache headers on what can be cached.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
