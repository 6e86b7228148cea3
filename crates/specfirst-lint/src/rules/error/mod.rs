//! `ERROR` (RULEBOOK §1.6): error responses: a JSON body, one error schema, its shape and codes.

pub mod error_schema_shape;
pub mod error_without_body;
pub mod internal_details;
pub mod multiple_error_schemas;
pub mod undocumented_error_codes;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &error_without_body::ErrorWithoutBody,
    &multiple_error_schemas::MultipleErrorSchemas,
    &error_schema_shape::ErrorSchemaShape,
    &undocumented_error_codes::UndocumentedErrorCodes,
    &internal_details::InternalDetails,
];
