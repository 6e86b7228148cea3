//! Runtime support for generated code (placeholder while the crate is built up).
