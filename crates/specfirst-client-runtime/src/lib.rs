//! Runtime support for generated reqwest clients: RULEBOOK §3 seen from the
//! client side. Every module here is copied verbatim into generated client
//! crates as `src/generated/runtime/<module>.rs` (minus `#[cfg(test)]`
//! items), so modules refer to each other only through `super::`.

pub mod auth;
pub mod encode;
pub mod error;
pub mod media;
pub mod pagination;
pub mod retry;
pub mod transport;
