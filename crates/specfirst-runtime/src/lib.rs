//! Runtime support for generated axum servers: RULEBOOK §3 "Runtime
//! conventions for generated code".
//!
//! The code generator copies these modules verbatim into each generated crate
//! (`src/generated/runtime/<module>.rs`), so they refer to each other only
//! through `super::` and depend only on axum, http, httpdate, regex, serde
//! and serde_json. JSON bodies assume serde_json's `preserve_order` feature so
//! that keys keep the documented order.
//!
//! - [`negotiation`]: `Accept`/`Content-Type` negotiation and versions (§3.2).
//! - [`error`]: the error schema in its three shapes and the status codes (§3.4).
//! - [`validation`]: aggregated validation errors and keyword checks (§3.4.2).
//! - [`schema`]: validates bodies and parameters against the API's schemas,
//!   collecting every violation (§3.4.2, §3.13).
//! - [`params`]: reads path, query, header and cookie parameters into JSON
//!   values by schema, style and explode.
//! - [`pagination`]: offset/limit, `Range`, `Content-Range` and links (§3.5).
//! - [`conditional`]: ETags and preconditions (§3.8, §3.9).
//! - [`headers`]: `Date`, `Deprecated`, `Location`, `Allow`, `Vary`, cache
//!   headers and request framing (§3.1, §3.7, §3.8.1, §3.10).

pub mod conditional;
pub mod error;
pub mod headers;
pub mod negotiation;
pub mod pagination;
pub mod params;
pub mod schema;
pub mod server;
pub mod validation;
