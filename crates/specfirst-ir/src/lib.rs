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
    Content, Header, MediaCandidate, Operation, Page, PageItems, Parameter, Representation,
    RequestBody, Response,
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
    /// The scheme's name as a Rust identifier (snake case, unique).
    pub ident: String,
    /// The document's `type`: `http`, `apiKey`, `oauth2` or `openIdConnect`.
    pub kind: String,
    /// `authorization` (with `value` the auth scheme: `Bearer`, `Basic`),
    /// `header`, `query` or `cookie` (with `value` the parameter name).
    pub location: String,
    pub value: String,
    pub description: Option<String>,
}

fn security_schemes(root: &Value) -> Vec<SecurityScheme> {
    let Some(schemes) = root
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut idents = names::Scope::default();
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
            ident: idents.unique(names::snake(name)),
            kind: get("type").to_owned(),
            location: location.to_owned(),
            value,
            description: s
                .get("description")
                .and_then(Value::as_str)
                .map(ToOwned::to_owned),
        });
    }
    out
}

/// How a client walks the pages of a paginated operation: its 200 bodies
/// must each hold the items in a `data` array (RULEBOOK §3.3.2).
fn page(op: &Operation, space: &TypeSpace) -> Option<Page> {
    let ok = op.responses.iter().find(|r| r.code == Some(200))?;
    // The rulebook's paging parameters, or else a GET whose 200 documents a
    // `Link` header (GitHub's style): follow its `next` links only.
    let params = match op.pagination.as_deref() {
        Some(style) => {
            let (_, offset, limit) = operations::PAGINATION_STYLES
                .iter()
                .find(|(s, _, _)| *s == style)?;
            Some(((*offset).to_owned(), (*limit).to_owned()))
        }
        None if op.method == "GET"
            && ok
                .headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("link")) =>
        {
            None
        }
        None => return None,
    };
    let mut items = Vec::new();
    let mut item_tys: Vec<&Ty> = Vec::new();
    for c in &ok.contents {
        let (field, item, optional) = match &c.ty {
            // A bare array of items.
            Ty::Vec(item) => (None, item.as_ref(), false),
            Ty::Named(id) => {
                let Shape::Struct { fields, .. } = &space.defs.get(*id)?.shape else {
                    return None;
                };
                let field = fields.iter().find(|f| f.wire == "data")?;
                let (item, optional) = match &field.ty {
                    Ty::Vec(item) => (item.as_ref(), false),
                    Ty::Option(inner) => match inner.as_ref() {
                        Ty::Vec(item) => (item.as_ref(), true),
                        _ => return None,
                    },
                    _ => return None,
                };
                (Some(field.ident.clone()), item, optional)
            }
            _ => return None,
        };
        item_tys.push(item);
        items.push(PageItems {
            variant: c.variant.clone(),
            field,
            optional,
            rust: item.render(space),
        });
    }
    let first = *item_tys.first()?;
    let item_enum = if item_tys.iter().all(|t| *t == first) {
        None
    } else if items.iter().all(|i| i.variant.is_some()) {
        Some(op.page_item_name.clone()?)
    } else {
        return None;
    };
    let (offset_param, limit_param) = params.unzip();
    Some(Page {
        offset_param,
        limit_param,
        item: item_enum.clone().unwrap_or_else(|| first.render(space)),
        item_enum,
        items,
    })
}

/// The representations of `op`'s success responses a client can decode
/// (JSON, and text read as a `String`), distinct, in §3.2 order (JSON
/// first, then by version).
fn accept(op: &Operation) -> Vec<MediaCandidate> {
    let mut out: Vec<MediaCandidate> = Vec::new();
    for r in &op.responses {
        if !r.success {
            continue;
        }
        for c in &r.contents {
            if !(c.json || (c.rust == "String" && c.media_type.starts_with("text/"))) {
                continue;
            }
            let candidate = MediaCandidate {
                media_type: c.media_type.clone(),
                version: c.version,
            };
            if !out.contains(&candidate) {
                out.push(candidate);
            }
        }
    }
    out.sort_by_key(|c| {
        (
            !c.media_type.eq_ignore_ascii_case("application/json"),
            c.version,
        )
    });
    out
}

/// `op.path` as a `format!` string with `{}` for each declared path
/// parameter, and the parameters' Rust names in order. Braces that are not a
/// declared parameter stay literal.
fn path_format(op: &Operation) -> (String, Vec<String>) {
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        format.push_str(&rest[..open].replace('}', "}}"));
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            format.push_str(&rest[open..].replace('{', "{{").replace('}', "}}"));
            rest = "";
            break;
        };
        let name = &after[..close];
        match op
            .parameters
            .iter()
            .find(|p| p.location == "path" && p.name == name)
        {
            Some(p) => {
                format.push_str("{}");
                args.push(p.ident.clone());
            }
            None => {
                format.push_str("{{");
                format.push_str(&name.replace('{', "{{").replace('}', "}}"));
                format.push_str("}}");
            }
        }
        rest = &after[close + 1..];
    }
    format.push_str(&rest.replace('}', "}}"));
    (format, args)
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
            p.inner = match &p.ty {
                Ty::Option(inner) => inner.render(&space),
                ty => ty.render(&space),
            };
        }
        if let Some(body) = &mut op.body {
            body.inner = match (&body.enum_name, &body.ty) {
                (Some(e), _) => e.clone(),
                (None, Ty::Option(inner)) => inner.render(&space),
                (None, ty) => ty.render(&space),
            };
            body.rust = if body.required {
                body.inner.clone()
            } else {
                format!("Option<{}>", body.inner)
            };
            for c in &mut body.contents {
                c.render(&space);
            }
        }
        for r in &mut op.responses {
            for h in &mut r.headers {
                h.rust = h.ty.render(&space);
            }
            for c in &mut r.contents {
                c.render(&space);
            }
            if r.rust.is_some() {
                r.rust = Some(match &r.enum_name {
                    Some(e) => e.clone(),
                    None => operations::body_type(&r.contents).render(&space),
                });
            }
        }
    }
    for op in &mut operations {
        op.page = page(op, &space);
        op.accept = accept(op);
        (op.path_format, op.path_args) = path_format(op);
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
