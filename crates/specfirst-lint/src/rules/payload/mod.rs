//! `PAYLOAD` (RULEBOOK §1.5): bodies and representations: JSON, property names, envelopes, nulls.

pub mod collection_not_wrapped;
pub mod created_body;
pub mod envelope_in_response;
pub mod envelope_shape;
pub mod get_without_body;
pub mod non_json_body;
pub mod optional_response_property;
pub mod property_name_case;
pub mod property_name_characters;
pub(crate) mod support;
pub mod update_response;
pub mod xml_namespace;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &non_json_body::NonJsonBody,
    &property_name_case::PropertyNameCase,
    &property_name_characters::PropertyNameCharacters,
    &envelope_in_response::EnvelopeInResponse,
    &envelope_shape::EnvelopeShape,
    &collection_not_wrapped::CollectionNotWrapped,
    &optional_response_property::OptionalResponseProperty,
    &xml_namespace::XmlNamespace,
    &created_body::CreatedBodyMismatch,
    &update_response::UpdateResponse,
    &get_without_body::GetWithoutBody,
];
