//! `SEC` (RULEBOOK §1.13): security: HTTPS, authentication on every operation, no secrets in URLs.

pub mod anonymous_operation;
pub mod credential_in_query;
pub mod insecure_http;
pub mod jsonp;
pub mod mixed_credential_headers;
pub mod unbounded_input;
pub mod undeclared_scope;
pub mod weak_auth_scheme;
pub mod wildcard_cors;

use crate::rule::Rule;

/// The rules of this category. Adding a rule: its file, a `mod` line, one line here.
pub(crate) static RULES: &[&dyn Rule] = &[
    &insecure_http::InsecureHttp,
    &anonymous_operation::AnonymousOperation,
    &weak_auth_scheme::WeakAuthScheme,
    &credential_in_query::CredentialInQuery,
    &mixed_credential_headers::MixedCredentialHeaders,
    &unbounded_input::UnboundedInput,
    &wildcard_cors::WildcardCors,
    &jsonp::JsonpEndpoint,
    &undeclared_scope::UndeclaredScope,
];
