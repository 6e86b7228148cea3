//! "Bookstore API": the server.
//!
//! `generated/` is rewritten by `specfirst generate server`; `handlers.rs`
//! and `main.rs` are yours.
#[rustfmt::skip]
pub mod generated;
pub mod handlers;
