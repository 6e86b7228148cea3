//! The code generation IR (placeholder while the crate is built up).
