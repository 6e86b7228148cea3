//! `METHOD` (RULEBOOK §1.2): HTTP methods: safe and idempotent methods used for what they mean.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
