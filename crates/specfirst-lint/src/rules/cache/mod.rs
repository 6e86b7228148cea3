//! `CACHE` (RULEBOOK §1.11): caching: validators and cache headers on what can be cached.

pub mod cacheable_unsafe_response;
pub mod invalid_cache_control;
pub mod invalid_etag_example;
pub mod missing_cache_headers;
pub mod missing_etag;
pub mod missing_not_modified;
pub(crate) mod support;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &missing_etag::MissingEtag,
    &missing_cache_headers::MissingCacheHeaders,
    &invalid_cache_control::InvalidCacheControl,
    &invalid_etag_example::InvalidEtagExample,
    &missing_not_modified::MissingNotModified,
    &cacheable_unsafe_response::CacheableUnsafeResponse,
];
