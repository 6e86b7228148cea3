//! `DATE` (RULEBOOK §1.10): dates and times: RFC 3339 strings, time zones, names.

pub mod non_http_date_header;
pub mod non_iso_date_property;
pub mod non_iso_time_parameter;
pub mod non_utc_millis_example;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &non_iso_date_property::NonIsoDateProperty,
    &non_utc_millis_example::NonUtcMillisExample,
    &non_http_date_header::NonHttpDateHeader,
    &non_iso_time_parameter::NonIsoTimeParameter,
];
