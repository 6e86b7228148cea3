//! `STATUS` (RULEBOOK §1.3): status codes: the right code for each outcome, documented.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
