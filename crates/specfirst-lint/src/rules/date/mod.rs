//! `DATE` (RULEBOOK §1.10): dates and times: RFC 3339 strings, time zones, names.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
