//! `VERSION` (RULEBOOK §1.9): versioning by content negotiation, and deprecation.

pub mod invalid_media_type_version;
pub mod missing_deprecated_header;
pub mod missing_not_acceptable;
pub mod too_many_versions;
pub mod unversioned_not_earliest;
pub mod version_gap;
pub mod version_in_uri;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &invalid_media_type_version::InvalidMediaTypeVersion,
    &version_in_uri::VersionInUri,
    &unversioned_not_earliest::UnversionedNotEarliest,
    &missing_not_acceptable::MissingNotAcceptable,
    &too_many_versions::TooManyVersions,
    &version_gap::VersionGap,
    &missing_deprecated_header::MissingDeprecatedHeader,
];
