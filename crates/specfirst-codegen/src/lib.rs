//! Rendering of code generation targets (placeholder while the crate is built up).
