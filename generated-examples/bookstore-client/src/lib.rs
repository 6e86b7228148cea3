//! Bookstore API
//!
//! A client of the API. `generated/` is rewritten by
//! `specfirst generate client`; nothing in it is meant to be edited.
#[rustfmt::skip]
pub mod generated;
pub use generated::*;
