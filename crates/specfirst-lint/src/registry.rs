//! Every rule, one line each, sorted by code.

use crate::rule::{Rule, RuleMeta};
use crate::rules::oas;

/// All rules in code order. Adding a rule: one line here.
pub static ALL_RULES: &[&dyn Rule] = &[
    &oas::invalid_structure::InvalidStructure,
    &oas::unresolved_ref::UnresolvedRef,
    &oas::remote_ref::RemoteRef,
    &oas::ref_outside_root::RefOutsideRoot,
    &oas::duplicate_operation_id::DuplicateOperationId,
    &oas::path_parameter_mismatch::PathParameterMismatch,
    &oas::equivalent_paths::EquivalentPaths,
    &oas::unused_component::UnusedComponent,
    &oas::invalid_example::InvalidExample,
    &oas::invalid_schema::InvalidSchema,
];

/// A rule by code (`OAS-005`) or name (`duplicate-operation-id`).
#[must_use]
pub fn find_rule(key: &str) -> Option<&'static RuleMeta> {
    ALL_RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(key) || m.name == key)
}
