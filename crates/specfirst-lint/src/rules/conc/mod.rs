//! `CONC` (RULEBOOK §1.12): concurrency control: ETags and preconditions on updates.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
