//! `OAS`: the document is a correct OpenAPI description — well-formed,
//! its references resolve, its identifiers are unique, its examples are valid.

pub mod duplicate_operation_id;
pub mod equivalent_paths;
pub mod invalid_example;
pub mod invalid_schema;
pub mod invalid_structure;
pub mod path_parameter_mismatch;
pub mod ref_outside_root;
pub mod remote_ref;
pub mod unresolved_ref;
pub mod unused_component;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &invalid_structure::InvalidStructure,
    &unresolved_ref::UnresolvedRef,
    &remote_ref::RemoteRef,
    &ref_outside_root::RefOutsideRoot,
    &duplicate_operation_id::DuplicateOperationId,
    &path_parameter_mismatch::PathParameterMismatch,
    &equivalent_paths::EquivalentPaths,
    &unused_component::UnusedComponent,
    &invalid_example::InvalidExample,
    &invalid_schema::InvalidSchema,
];
