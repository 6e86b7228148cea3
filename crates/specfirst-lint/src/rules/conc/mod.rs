//! `CONC` (RULEBOOK §1.12): concurrency control: ETags and preconditions on updates.

pub mod missing_precondition_failed;
pub mod missing_precondition_header;
pub mod missing_precondition_required;
pub mod missing_stale_conflict;
pub mod missing_update_validators;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &missing_precondition_header::MissingPreconditionHeader,
    &missing_precondition_required::MissingPreconditionRequired,
    &missing_precondition_failed::MissingPreconditionFailed,
    &missing_stale_conflict::MissingStaleConflict,
    &missing_update_validators::MissingUpdateValidators,
];
