//! `PAYLOAD` (RULEBOOK §1.5): bodies and representations: JSON, property names, envelopes, nulls.

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[];
