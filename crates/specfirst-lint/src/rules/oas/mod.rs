//! `OAS`: the document is a correct OpenAPI description — well-formed,
//! its references resolve, its identifiers are unique, its examples are valid.

pub mod array_without_items;
pub mod callback_in_callback;
pub mod callback_in_webhook;
pub mod contact_incomplete;
pub mod deprecated_xml_attribute;
pub mod duplicate_enum_value;
pub mod duplicate_operation_id;
pub mod duplicate_parameter;
pub mod duplicate_tag;
pub mod empty_path_parameter;
pub mod enum_value_type_mismatch;
pub mod equivalent_paths;
pub mod eval_in_markdown;
pub mod example_server_url;
pub mod example_value_xor_external;
pub mod invalid_example;
pub mod invalid_schema;
pub mod invalid_server_variables;
pub mod invalid_structure;
pub mod license_without_url;
pub mod missing_api_description;
pub mod missing_contact;
pub mod missing_license;
pub mod missing_operation_id;
pub mod missing_servers;
pub mod missing_tags;
pub mod no_success_response;
pub mod operation_id_not_url_safe;
pub mod operation_with_several_tags;
pub mod operation_without_description;
pub mod operation_without_tags;
pub mod parameter_without_description;
pub mod path_parameter_mismatch;
pub mod path_trailing_slash;
pub mod query_in_path;
pub mod ref_outside_root;
pub mod ref_siblings;
pub mod remote_ref;
pub mod script_tag_in_markdown;
pub mod server_url_trailing_slash;
pub mod servers_in_webhook;
pub mod tag_without_description;
pub mod tags_not_alphabetical;
pub mod undefined_security_scheme;
pub mod undefined_tag;
pub mod unresolved_ref;
pub mod unused_component;

use std::collections::HashSet;

use serde_json::Value;
use specfirst_diagnostics::Location;

use crate::context::Context;
use crate::model::{METHODS, Model, Operation, PathItemKind};
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
    &array_without_items::ArrayWithoutItems,
    &contact_incomplete::ContactIncomplete,
    &duplicate_enum_value::DuplicateEnumValue,
    &missing_contact::MissingContact,
    &missing_api_description::MissingApiDescription,
    &missing_license::MissingLicense,
    &license_without_url::LicenseWithoutUrl,
    &ref_siblings::RefSiblings,
    &eval_in_markdown::EvalInMarkdown,
    &script_tag_in_markdown::ScriptTagInMarkdown,
    &missing_servers::MissingServers,
    &callback_in_callback::CallbackInCallback,
    &example_value_xor_external::ExampleValueXorExternal,
    &undefined_security_scheme::UndefinedSecurityScheme,
    &parameter_without_description::ParameterWithoutDescription,
    &example_server_url::ExampleServerUrl,
    &server_url_trailing_slash::ServerUrlTrailingSlash,
    &invalid_server_variables::InvalidServerVariables,
    &callback_in_webhook::CallbackInWebhook,
    &servers_in_webhook::ServersInWebhook,
    &deprecated_xml_attribute::DeprecatedXmlAttribute,
    &missing_tags::MissingTags,
    &tags_not_alphabetical::TagsNotAlphabetical,
    &duplicate_tag::DuplicateTag,
    &operation_without_description::OperationWithoutDescription,
    &missing_operation_id::MissingOperationId,
    &operation_id_not_url_safe::OperationIdNotUrlSafe,
    &duplicate_parameter::DuplicateParameter,
    &operation_with_several_tags::OperationWithSeveralTags,
    &no_success_response::NoSuccessResponse,
    &undefined_tag::UndefinedTag,
    &operation_without_tags::OperationWithoutTags,
    &empty_path_parameter::EmptyPathParameter,
    &path_trailing_slash::PathTrailingSlash,
    &query_in_path::QueryInPath,
    &tag_without_description::TagWithoutDescription,
    &enum_value_type_mismatch::EnumValueTypeMismatch,
];

/// The rules that find what Spectral's `spectral:oas` ruleset finds in
/// OpenAPI 3.x documents: (Spectral rule name, our code). A Spectral rule
/// checked by several of ours has several rows; `docs/spectral-mapping.md`
/// explains every difference. The `spectral` profile enables exactly these codes.
pub static SPECTRAL_PARITY: &[(&str, &str)] = &[
    ("array-items", "OAS-011"),
    ("contact-properties", "OAS-012"),
    ("duplicated-entry-in-enum", "OAS-013"),
    ("info-contact", "OAS-014"),
    ("info-description", "OAS-015"),
    ("info-license", "OAS-016"),
    ("license-url", "OAS-017"),
    ("no-$ref-siblings", "OAS-018"),
    ("no-eval-in-markdown", "OAS-019"),
    ("no-script-tags-in-markdown", "OAS-020"),
    ("oas3-api-servers", "OAS-021"),
    ("oas3-callbacks-in-callbacks", "OAS-022"),
    ("oas3-examples-value-or-externalValue", "OAS-023"),
    ("oas3-operation-security-defined", "OAS-024"),
    ("oas3-parameter-description", "OAS-025"),
    ("oas3-schema", "OAS-001"),
    ("oas3-schema", "OAS-010"),
    ("oas3-server-not-example.com", "OAS-026"),
    ("oas3-server-trailing-slash", "OAS-027"),
    ("oas3-server-variables", "OAS-028"),
    ("oas3-unused-component", "OAS-008"),
    ("oas3-valid-media-example", "OAS-009"),
    ("oas3-valid-schema-example", "OAS-009"),
    ("oas3_1-callbacks-in-webhook", "OAS-029"),
    ("oas3_1-servers-in-webhook", "OAS-030"),
    ("oas3_2-no-deprecated-xml-attribute", "OAS-031"),
    ("openapi-tags", "OAS-032"),
    ("openapi-tags-alphabetical", "OAS-033"),
    ("openapi-tags-uniqueness", "OAS-034"),
    ("operation-description", "OAS-035"),
    ("operation-operationId", "OAS-036"),
    ("operation-operationId-unique", "OAS-005"),
    ("operation-operationId-valid-in-url", "OAS-037"),
    ("operation-parameters", "OAS-038"),
    ("operation-singular-tag", "OAS-039"),
    ("operation-success-response", "OAS-040"),
    ("operation-tag-defined", "OAS-041"),
    ("operation-tags", "OAS-042"),
    ("path-declarations-must-exist", "OAS-043"),
    ("path-keys-no-trailing-slash", "OAS-044"),
    ("path-not-include-query", "OAS-045"),
    ("path-params", "OAS-006"),
    ("path-params", "OAS-007"),
    ("tag-description", "OAS-046"),
    ("typed-enum", "OAS-047"),
];

/// JavaScript truthiness of an optional member (what Spectral's `truthy` checks):
/// absent, `null`, `false`, `0` and `""` are falsy.
pub(crate) fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Where member `key` of `obj` is written (its key), or the key of `obj`
/// when the member is absent.
pub(crate) fn member_location(cx: &Context<'_>, obj: &Value, key: &str) -> Location {
    let doc = cx.bundle.document_of(obj).unwrap_or(0);
    cx.bundle.document(doc).locate_member(obj, key)
}

/// Whether the entry document is OpenAPI 3.2.
pub(crate) fn is_3_2(cx: &Context<'_>) -> bool {
    cx.bundle
        .root()
        .value()
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.2"))
}

/// The operations under `paths` with one of the eight HTTP methods (what
/// Spectral calls `#OperationObject`), each Operation Object once.
pub(crate) fn path_operations<'m, 'a>(model: &'m Model<'a>) -> Vec<&'m Operation<'a>> {
    let mut seen = HashSet::new();
    model
        .operations
        .iter()
        .filter(|op| op.path.kind == PathItemKind::Path && METHODS.contains(&op.method))
        .filter(|op| seen.insert(std::ptr::from_ref(op.op) as usize))
        .collect()
}

/// Visits every node of every document of the bundle, as written (`$ref`s
/// not followed), with the key it sits under and the key of its parent
/// (array items have no key: `None`).
pub(crate) fn walk_documents<'a>(
    cx: &Context<'a>,
    mut f: impl FnMut(Option<&'a str>, Option<&'a str>, &'a Value),
) {
    let bundle: &'a specfirst_source::Bundle = cx.bundle;
    for doc in bundle.documents() {
        let mut stack: Vec<(Option<&'a str>, Option<&'a str>, &'a Value)> =
            vec![(None, None, doc.value())];
        while let Some((key, parent, v)) = stack.pop() {
            f(key, parent, v);
            match v {
                Value::Object(map) => {
                    for (k, c) in map.iter().rev() {
                        stack.push((Some(k.as_str()), key, c));
                    }
                }
                Value::Array(list) => {
                    for c in list.iter().rev() {
                        stack.push((None, key, c));
                    }
                }
                _ => {}
            }
        }
    }
}

/// Every `description` and `title` string (in every document) that contains
/// `needle`: (the key, its value).
pub(crate) fn texts_containing<'a>(cx: &Context<'a>, needle: &str) -> Vec<(&'a str, &'a Value)> {
    let mut found = Vec::new();
    walk_documents(cx, |key, _, v| {
        if let Some(k @ ("description" | "title")) = key
            && v.as_str().is_some_and(|s| s.contains(needle))
        {
            found.push((k, v));
        }
    });
    found
}

/// `` `a`, `b` or `c` ``.
pub(crate) fn or_list(items: &[&str]) -> String {
    join_words(items, "or")
}

/// `` `a`, `b` and `c` ``.
pub(crate) fn and_list(items: &[&str]) -> String {
    join_words(items, "and")
}

fn join_words(items: &[&str], last: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((only, [])) => only.clone(),
        Some((tail, head)) => format!("{} {last} {tail}", head.join(", ")),
    }
}
