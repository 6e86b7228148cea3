//! The code generation IR.
//!
//! [`build`] reads a loaded OpenAPI document into an [`Api`]: operations with
//! their parameters, request bodies and responses, and a type space for the
//! schemas. Every Rust identifier is decided here (see [`names`]), so the
//! templates that render the IR never build names or branch on the OpenAPI
//! version. The IR serialises (serde) into the templates' context, in a
//! deterministic order.

pub mod names;
pub mod types;
