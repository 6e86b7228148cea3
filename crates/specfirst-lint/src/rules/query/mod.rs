//! `QUERY` (RULEBOOK §1.8): filtering, sorting, projection, embedding and query parameter names.

pub mod expand_parameter;
pub mod filter_syntax;
pub mod projection_parameter;
pub mod query_parameter_case;
pub mod reserved_parameter_type;
pub mod search_returns_created;
pub mod sort_parameter;
pub(crate) mod support;
pub mod unknown_filter_sort_field;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &filter_syntax::FilterSyntax,
    &unknown_filter_sort_field::UnknownFilterSortField,
    &sort_parameter::SortParameter,
    &reserved_parameter_type::ReservedParameterType,
    &projection_parameter::ProjectionParameter,
    &expand_parameter::ExpandParameter,
    &search_returns_created::SearchReturnsCreated,
    &query_parameter_case::QueryParameterCase,
];
