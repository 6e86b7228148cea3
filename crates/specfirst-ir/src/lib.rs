//! The code generation IR.
//!
//! [`build`] reads a loaded OpenAPI document into an [`Api`]: operations with
//! their parameters, request bodies and responses, and a type space for the
//! schemas. Every Rust identifier is decided here (see [`names`]), so the
//! templates that render the IR never build names or branch on the OpenAPI
//! version. The IR serialises (serde) into the templates' context, in a
//! deterministic order: the document's.

pub mod names;
pub mod operations;
mod schemas;
pub mod types;

use serde::Serialize;
use serde_json::Value;
use specfirst_diagnostics::Diagnostic;
use specfirst_source::Bundle;

pub use operations::{Content, Header, Operation, Parameter, RequestBody, Response};
pub use types::{Shape, Ty, TypeDef, TypeSpace};

/// Type names generated modules define themselves.
const RESERVED_TYPE_NAMES: &[&str] = &["Api", "ApiError", "Client", "Error", "Runtime"];

/// A document, ready to render.
#[derive(Debug, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub operations: Vec<Operation>,
    pub types: TypeSpace,
    /// The schemas of parameters and request bodies, for validation:
    /// `{"$defs": {key: schema}}` (see `schema_key`).
    pub schemas: Value,
    /// What could not be generated exactly.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// Builds the IR of a loaded document.
#[must_use]
pub fn build(bundle: &Bundle) -> Api {
    let root = bundle.root().value();
    let info = |k: &str| {
        root.get("info")
            .and_then(|i| i.get(k))
            .and_then(Value::as_str)
            .map(ToOwned::to_owned)
    };
    let mut types = types::TypeBuilder::new(bundle, RESERVED_TYPE_NAMES);
    types.components();
    let (mut operations, mut warnings, schemas) = {
        let mut reader = operations::OperationReader::new(bundle, &mut types);
        let ops = reader.read();
        let warnings = std::mem::take(&mut reader.warnings);
        (ops, warnings, reader.schemas.finish())
    };
    let mut space = types.finish();
    warnings.append(&mut space.warnings);
    for op in &mut operations {
        for p in &mut op.parameters {
            p.rust = p.ty.render(&space);
        }
        if let Some(body) = &mut op.body {
            body.rust = match &body.enum_name {
                Some(e) if body.required => e.clone(),
                Some(e) => format!("Option<{e}>"),
                None => body.ty.render(&space),
            };
            for c in &mut body.contents {
                c.rust = c.ty.render(&space);
            }
        }
        for r in &mut op.responses {
            for h in &mut r.headers {
                h.rust = h.ty.render(&space);
            }
            for c in &mut r.contents {
                c.rust = c.ty.render(&space);
            }
            if r.rust.is_some() {
                r.rust = Some(match &r.enum_name {
                    Some(e) => e.clone(),
                    None => operations::body_type(&r.contents).render(&space),
                });
            }
        }
    }
    Api {
        title: info("title").unwrap_or_default(),
        version: info("version").unwrap_or_default(),
        description: info("description"),
        operations,
        types: space,
        schemas,
        warnings,
    }
}
