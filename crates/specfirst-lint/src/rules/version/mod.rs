//! `VERSION` (RULEBOOK §1.9): versioning by content negotiation, and deprecation.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
