//! `PAGE` (RULEBOOK §1.7): pagination: parameters, one style, Content-Range, links and metadata.

pub mod after_before_type;
pub mod missing_content_range;
pub mod missing_page_metadata;
pub mod missing_pagination_links;
pub mod mixed_pagination_style;
pub mod pagination_parameter;
pub mod range_header_pattern;
pub mod undocumented_query_feature;
pub mod unpaginated_collection;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &unpaginated_collection::UnpaginatedCollection,
    &pagination_parameter::PaginationParameter,
    &mixed_pagination_style::MixedPaginationStyle,
    &range_header_pattern::RangeHeaderPattern,
    &missing_content_range::MissingContentRange,
    &missing_pagination_links::MissingPaginationLinks,
    &missing_page_metadata::MissingPageMetadata,
    &after_before_type::AfterBeforeType,
    &undocumented_query_feature::UndocumentedQueryFeature,
];
