//! `HEADER` (RULEBOOK §1.4): HTTP headers: standard headers where they exist, custom ones named well.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
