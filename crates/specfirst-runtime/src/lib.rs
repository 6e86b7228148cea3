//! Runtime support for generated axum servers: RULEBOOK §3 "Runtime
//! conventions for generated code".
//!
//! The code generator copies these modules verbatim into each generated crate
//! (`src/generated/runtime/<module>.rs`), so they refer to each other only
//! through `super::` and depend only on axum, http, httpdate, serde and
//! serde_json.

pub mod conditional;
pub mod error;
pub mod negotiation;
pub mod pagination;
pub mod validation;
