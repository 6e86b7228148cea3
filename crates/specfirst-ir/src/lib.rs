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

pub use operations::{
    Content, Header, Operation, Parameter, Representation, RequestBody, Response,
};
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
    /// The paths, in document order, with their operations.
    pub routes: Vec<Route>,
    /// The security schemes operations use, and how their credentials
    /// travel.
    pub security_schemes: Vec<SecurityScheme>,
    /// The schemas of parameters and request bodies, for validation:
    /// `{"$defs": {key: schema}}` (see `schema_key`).
    pub schemas: Value,
    /// What could not be generated exactly.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// A path and the operations defined on it.
#[derive(Debug, Clone, Serialize)]
pub struct Route {
    pub path: String,
    /// Indexes into [`Api::operations`].
    pub operations: Vec<usize>,
    /// Upper-case methods defined on the path.
    pub methods: Vec<String>,
    /// The GET operation that also answers HEAD (no HEAD operation defined).
    pub implicit_head: Option<ImplicitHead>,
}

/// The GET operation that answers HEAD on its path.
#[derive(Debug, Clone, Serialize)]
pub struct ImplicitHead {
    pub operation: usize,
    pub fn_name: String,
}

fn routes(operations: &[Operation]) -> Vec<Route> {
    let mut routes: Vec<Route> = Vec::new();
    for (i, op) in operations.iter().enumerate() {
        let route = match routes.iter_mut().position(|r| r.path == op.path) {
            Some(r) => &mut routes[r],
            None => {
                routes.push(Route {
                    path: op.path.clone(),
                    operations: Vec::new(),
                    methods: Vec::new(),
                    implicit_head: None,
                });
                let last = routes.len() - 1;
                &mut routes[last]
            }
        };
        route.operations.push(i);
        route.methods.push(op.method.clone());
    }
    for r in &mut routes {
        if !r.methods.iter().any(|m| m == "HEAD") {
            r.implicit_head = r.operations.iter().find_map(|&i| {
                let op = operations.get(i).filter(|o| o.method == "GET")?;
                Some(ImplicitHead {
                    operation: i,
                    fn_name: op.fn_name.clone(),
                })
            });
        }
    }
    routes
}

/// A security scheme: where its credential is sent.
#[derive(Debug, Clone, Serialize)]
pub struct SecurityScheme {
    pub name: String,
    /// `authorization` (with `value` the auth scheme: `Bearer`, `Basic`),
    /// `header`, `query` or `cookie` (with `value` the parameter name).
    pub location: String,
    pub value: String,
}

fn security_schemes(root: &Value) -> Vec<SecurityScheme> {
    let Some(schemes) = root
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, s) in schemes {
        let get = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or_default();
        let (location, value) = match get("type") {
            "http" => {
                let scheme = get("scheme");
                let mut chars = scheme.chars();
                let capitalised = chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
                });
                ("authorization", capitalised)
            }
            "oauth2" | "openIdConnect" => ("authorization", "Bearer".to_owned()),
            "apiKey" => match get("in") {
                l @ ("header" | "query" | "cookie") => (l, get("name").to_owned()),
                _ => continue,
            },
            _ => continue,
        };
        if value.is_empty() {
            continue;
        }
        out.push(SecurityScheme {
            name: name.clone(),
            location: location.to_owned(),
            value,
        });
    }
    out
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
    space.retain_reachable(
        operations.iter().flat_map(Operation::input_tys),
        operations.iter().flat_map(Operation::output_tys),
    );
    Api {
        routes: routes(&operations),
        title: info("title").unwrap_or_default(),
        version: info("version").unwrap_or_default(),
        description: info("description"),
        operations,
        types: space,
        security_schemes: security_schemes(root),
        schemas,
        warnings,
    }
}
