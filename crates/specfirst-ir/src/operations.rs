//! Operations: what a generated server routes and a generated client calls.

use serde::Serialize;
use serde_json::{Map, Value};
use specfirst_diagnostics::{Diagnostic, Severity};
use specfirst_source::Bundle;

use crate::names::{Scope, pascal, snake};
use crate::schemas::SchemaExporter;
use crate::types::{Ty, TypeBuilder, TypeSpace};

/// The methods OpenAPI 3.x path items may hold, in routing order.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// An operation that cannot be generated.
pub const OPERATION_SKIPPED: &str = "GEN-002";

/// One operation.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// `operationId`, or one made from the method and path.
    pub id: String,
    /// Upper-case method (`GET`).
    pub method: String,
    /// The path template as written (`/books/{bookId}`); also axum 0.8's.
    pub path: String,
    /// The Rust method name (`list_books`), unique in the API.
    pub fn_name: String,
    /// The prefix of this operation's types (`ListBooks`).
    pub type_prefix: String,
    /// The request struct (`ListBooksRequest`), unique among all types.
    pub request_type: String,
    /// The response enum (`ListBooksResponse`), unique among all types.
    pub response_type: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// Security scheme names any of which the operation accepts (empty:
    /// anonymous).
    pub security: Vec<Vec<String>>,
    /// The representations of its success responses, ordered as RULEBOOK
    /// §3.2 negotiates them (`application/json` first, then other types in
    /// declaration order; versions ascending).
    pub representations: Vec<Representation>,
    /// The representations of its request body, ordered the same way.
    pub body_representations: Vec<Representation>,
    /// The names of its query parameters.
    pub query_params: Vec<String>,
    /// A GET with a pair of pagination query parameters is a paginated
    /// collection (§3.5); its style, from the parameters it declares:
    /// `offset-limit` (`offset`, `limit`), `page-size` (`page`, `size`) or
    /// `start-index` (`pageStartIndex`, `pageSize`).
    pub pagination: Option<String>,
    /// For a paginated operation (the rulebook's paging parameters, or a GET
    /// whose 200 documents `Link`) whose 200 bodies are arrays or hold their
    /// items in a `data` array: how a client walks the pages (filled by
    /// [`crate::build`]).
    pub page: Option<Page>,
    /// What a client accepts: the JSON and text representations of the
    /// success responses, distinct, in §3.2 order (filled by [`crate::build`]).
    pub accept: Vec<MediaCandidate>,
    /// The path as a `format!` string, `{}` for each path parameter, and the
    /// Rust names of those parameters in order (filled by [`crate::build`]).
    pub path_format: String,
    pub path_args: Vec<String>,
    #[serde(skip)]
    pub(crate) page_item_name: Option<String>,
    /// A PUT or PATCH that documents 428: it must be conditional (§3.9).
    pub requires_precondition: bool,
    /// Where the operation is written (JSON pointer).
    pub source: String,
}

impl Operation {
    /// The type expressions of what the operation receives: parameters
    /// and body.
    pub(crate) fn input_tys(&self) -> impl Iterator<Item = &Ty> {
        let body = self
            .body
            .iter()
            .flat_map(|b| std::iter::once(&b.ty).chain(b.contents.iter().map(|c| &c.ty)));
        self.parameters.iter().map(|p| &p.ty).chain(body)
    }

    /// The type expressions of what it answers: response bodies and
    /// headers.
    pub(crate) fn output_tys(&self) -> impl Iterator<Item = &Ty> {
        self.responses.iter().flat_map(|r| {
            r.headers
                .iter()
                .map(|h| &h.ty)
                .chain(r.contents.iter().map(|c| &c.ty))
        })
    }
}

/// A (media type, version) pair an operation serves or accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Representation {
    pub media_type: String,
    /// The `version` parameter; 1 when the content key has none.
    pub version: u32,
    /// `x-deprecated: true` on the Media Type Object.
    pub deprecated: bool,
}

/// A media type a client can decode, with its `version` parameter as the
/// document writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediaCandidate {
    pub media_type: String,
    pub version: Option<u32>,
}

/// How a client reads the items of one page and asks for the next.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The query parameters that select a page (`offset`/`limit`,
    /// `page`/`size`, `pageStartIndex`/`pageSize`); `None` when the pages
    /// are walked by their `Link` header only.
    pub offset_param: Option<String>,
    pub limit_param: Option<String>,
    /// The Rust type of one item: the item type, or [`Page::item_enum`]
    /// when the representations disagree.
    pub item: String,
    /// The enum of items, one variant per representation of the 200 body,
    /// when their item types differ.
    pub item_enum: Option<String>,
    /// Per representation of the 200 body (in its order): where the items are.
    pub items: Vec<PageItems>,
}

/// Where the items are in one representation of a page.
#[derive(Debug, Clone, Serialize)]
pub struct PageItems {
    /// The body enum's variant, when the body has several representations.
    pub variant: Option<String>,
    /// The field holding the items; `None` when the body is the array.
    pub field: Option<String>,
    /// Whether that field is an `Option<Vec<_>>`.
    pub optional: bool,
    /// The item type.
    pub rust: String,
}

/// A path, query, header or cookie parameter.
#[derive(Debug, Clone, Serialize)]
pub struct Parameter {
    /// The name on the wire.
    pub name: String,
    /// `path`, `query`, `header` or `cookie`.
    pub location: String,
    /// The Rust field name in the request struct.
    pub ident: String,
    pub required: bool,
    /// The field's type (`Option` for optional parameters).
    pub rust: String,
    /// The type without the `Option` of an optional parameter.
    pub inner: String,
    #[serde(skip)]
    pub ty: Ty,
    pub style: String,
    pub explode: bool,
    pub deprecated: bool,
    pub description: Option<String>,
    /// The schema, for validation (constraints are read from it).
    #[serde(skip)]
    pub schema: Option<Value>,
    /// The schema's key in [`crate::Api::schemas`].
    pub schema_key: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub required: bool,
    pub contents: Vec<Content>,
    /// The enum over the contents (`CreateBookBody`), when their types
    /// differ (versions of a representation): each content is a variant.
    pub enum_name: Option<String>,
    /// The Rust type of the body (`Option` when not required): the contents'
    /// type when they agree, else the enum.
    pub rust: String,
    /// The type without the `Option` of an optional body.
    pub inner: String,
    #[serde(skip)]
    pub ty: Ty,
}

/// One media type of a body.
#[derive(Debug, Clone, Serialize)]
pub struct Content {
    /// The content key as written (`application/json; version=2`).
    pub key: String,
    /// Type and subtype, lower case (`application/json`).
    pub media_type: String,
    /// The `version` parameter, when the key has one.
    pub version: Option<u32>,
    /// The variant of the body enum (`V2`, `Json`), when there is one.
    pub variant: Option<String>,
    /// `x-deprecated: true`.
    pub deprecated: bool,
    /// Whether it is JSON (`application/json`, `*/*+json`).
    pub json: bool,
    /// The schema's key in [`crate::Api::schemas`] (request bodies).
    pub schema_key: Option<String>,
    pub rust: String,
    #[serde(skip)]
    pub ty: Ty,
    /// How a client writes the body: `json`, `form`
    /// (`application/x-www-form-urlencoded`), `multipart`
    /// (`multipart/form-data`) or `text` (a `String` in any other type).
    pub encoding: &'static str,
    /// The `Content-Type` a client sends: the key, or for a wildcard key
    /// (`*/*`, `application/*`) a concrete type for the encoding.
    pub send_type: String,
}

impl Content {
    /// Fills the fields that need the rendered type.
    pub(crate) fn render(&mut self, space: &TypeSpace) {
        self.rust = self.ty.render(space);
        self.encoding = match self.media_type.as_str() {
            "application/x-www-form-urlencoded" => "form",
            "multipart/form-data" => "multipart",
            _ if self.json || self.rust != "String" => "json",
            _ => "text",
        };
        self.send_type = if !self.media_type.contains('*') {
            self.key.clone()
        } else if self.encoding == "text" {
            "application/octet-stream".to_owned()
        } else {
            "application/json".to_owned()
        };
    }
}

/// One documented response.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// The key as written: `200`, `2XX` or `default`.
    pub status: String,
    /// The status code, when the key is one.
    pub code: Option<u16>,
    /// The variant of the operation's response enum (`Ok`, `NotFound`).
    pub variant: String,
    /// The class of a range status (`2` for `2XX`).
    pub status_class: Option<u16>,
    /// 1xx–3xx, a 1XX–3XX range, or `default`: a client decodes it as a
    /// success (`default` only for the statuses no other response lists).
    pub success: bool,
    pub description: String,
    pub headers: Vec<Header>,
    pub contents: Vec<Content>,
    /// The enum over the contents (`GetBookOkBody`), when their types differ.
    pub enum_name: Option<String>,
    /// The body type, when there is a body.
    pub rust: Option<String>,
}

/// A documented response header.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub name: String,
    pub ident: String,
    pub required: bool,
    pub rust: String,
    /// Whether [`Header::rust`] is an `Option`.
    pub optional: bool,
    #[serde(skip)]
    pub ty: Ty,
}

/// Reads the operations of a document.
pub(crate) struct OperationReader<'a, 'b> {
    pub bundle: &'a Bundle,
    pub types: &'b mut TypeBuilder<'a>,
    pub schemas: SchemaExporter<'a>,
    pub warnings: Vec<Diagnostic>,
    fn_names: Scope,
    type_names: Scope,
}

impl<'a, 'b> OperationReader<'a, 'b> {
    pub fn new(bundle: &'a Bundle, types: &'b mut TypeBuilder<'a>) -> Self {
        OperationReader {
            bundle,
            types,
            schemas: SchemaExporter::new(bundle),
            warnings: Vec::new(),
            fn_names: Scope::with_reserved(&[
                "new",
                "router",
                "into_response",
                "builder",
                "base_url",
            ]),
            type_names: Scope::default(),
        }
    }

    pub fn read(&mut self) -> Vec<Operation> {
        let root = self.bundle.root().value();
        let Some(paths) = root.get("paths").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (path, item) in paths {
            let Ok((doc, item)) = self.bundle.resolve(0, item) else {
                continue;
            };
            let Some(item_map) = item.as_object() else {
                continue;
            };
            let shared = item_map.get("parameters");
            for method in METHODS {
                let Some(op) = item_map.get(*method).filter(|o| o.is_object()) else {
                    continue;
                };
                out.push(self.operation(doc, path, method, op, shared));
            }
        }
        out
    }

    fn operation(
        &mut self,
        doc: usize,
        path: &str,
        method: &str,
        op: &'a Value,
        shared: Option<&'a Value>,
    ) -> Operation {
        let id = op
            .get("operationId")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map_or_else(|| format!("{method} {path}"), ToOwned::to_owned);
        let fn_name = self.fn_names.unique(snake(&id));
        let type_prefix = self.type_names.unique(pascal(&id));
        let request_type = self.types.reserve_name(&format!("{type_prefix}Request"));
        let response_type = self.types.reserve_name(&format!("{type_prefix}Response"));
        let text = |k: &str| op.get(k).and_then(Value::as_str).map(ToOwned::to_owned);
        let parameters = self.parameters(doc, op, shared, &type_prefix);
        let body = op
            .get("requestBody")
            .and_then(|b| self.body(doc, b, &type_prefix));
        let pagination = (method == "get")
            .then(|| {
                PAGINATION_STYLES.iter().find(|(_, a, b)| {
                    [a, b].iter().all(|n| {
                        parameters
                            .iter()
                            .any(|p| p.location == "query" && p.name == **n)
                    })
                })
            })
            .flatten()
            .map(|(style, _, _)| (*style).to_owned());
        let responses = self.responses(doc, op, &type_prefix, pagination.is_some());
        // The name of the item enum a client's page stream may need.
        let page_item_name = pagination
            .as_ref()
            .map(|_| self.types.reserve_name(&format!("{type_prefix}Item")));
        let security = op
            .get("security")
            .or_else(|| self.bundle.root().value().get("security"))
            .and_then(Value::as_array)
            .map(|alternatives| {
                alternatives
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|req| req.keys().cloned().collect())
                    .collect()
            })
            .unwrap_or_default();
        let representations = order_representations(
            responses
                .iter()
                .filter(|r| {
                    r.code.is_some_and(|c| (200..300).contains(&c))
                        || r.status.eq_ignore_ascii_case("2XX")
                })
                .flat_map(|r| &r.contents),
        );
        let body_representations = order_representations(body.iter().flat_map(|b| &b.contents));
        let query_params: Vec<String> = parameters
            .iter()
            .filter(|p| p.location == "query")
            .map(|p| p.name.clone())
            .collect();
        let requires_precondition =
            matches!(method, "put" | "patch") && responses.iter().any(|r| r.code == Some(428));
        Operation {
            id,
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            fn_name,
            type_prefix,
            request_type,
            response_type,
            summary: text("summary"),
            description: text("description"),
            deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
            parameters,
            body,
            responses,
            security,
            representations,
            body_representations,
            query_params,
            pagination,
            page: None,
            accept: Vec::new(),
            path_format: String::new(),
            path_args: Vec::new(),
            page_item_name,
            requires_precondition,
            source: self.source(doc, op),
        }
    }

    fn source(&self, doc: usize, v: &Value) -> String {
        self.bundle
            .documents()
            .get(doc)
            .and_then(|d| d.pointer_of(v))
            .unwrap_or_default()
    }

    fn parameters(
        &mut self,
        doc: usize,
        op: &'a Value,
        shared: Option<&'a Value>,
        prefix: &str,
    ) -> Vec<Parameter> {
        // Operation parameters override path-item ones with the same name
        // and location.
        let mut resolved: Vec<(usize, &'a Map<String, Value>)> = Vec::new();
        for list in [shared, op.get("parameters")].into_iter().flatten() {
            for p in list.as_array().into_iter().flatten() {
                let Ok((pdoc, p)) = self.bundle.resolve(doc, p) else {
                    continue;
                };
                let Some(map) = p.as_object() else { continue };
                let key = |m: &Map<String, Value>| {
                    (
                        m.get("name").and_then(Value::as_str).map(ToOwned::to_owned),
                        m.get("in").and_then(Value::as_str).map(ToOwned::to_owned),
                    )
                };
                let k = key(map);
                resolved.retain(|(_, m)| key(m) != k);
                resolved.push((pdoc, map));
            }
        }
        let mut scope = Scope::with_reserved(&[
            "body",
            "context",
            "core",
            "send",
            "stream",
            "accept_version",
        ]);
        let mut out = Vec::new();
        for (pdoc, map) in resolved {
            let (Some(name), Some(location)) = (
                map.get("name").and_then(Value::as_str),
                map.get("in")
                    .and_then(Value::as_str)
                    .filter(|l| matches!(*l, "path" | "query" | "header" | "cookie")),
            ) else {
                continue;
            };
            let required = location == "path" || map.get("required") == Some(&Value::Bool(true));
            let schema = map.get("schema").or_else(|| {
                map.get("content")
                    .and_then(Value::as_object)
                    .and_then(|c| c.values().next())
                    .and_then(|m| m.get("schema"))
            });
            let hint = format!("{prefix}{}", pascal(name));
            let ty = match schema {
                Some(s) => self.types.ty_of(pdoc, s, &hint, 0),
                None => Ty::Builtin("String"),
            };
            let schema_key = schema.map(|s| self.schemas.export(pdoc, s, &hint));
            let ty = if required {
                ty
            } else {
                Ty::Option(Box::new(ty))
            };
            let default_style = match location {
                "query" | "cookie" => "form",
                _ => "simple",
            };
            let style = map
                .get("style")
                .and_then(Value::as_str)
                .unwrap_or(default_style)
                .to_owned();
            let explode = map
                .get("explode")
                .and_then(Value::as_bool)
                .unwrap_or(style == "form");
            out.push(Parameter {
                name: name.to_owned(),
                location: location.to_owned(),
                ident: scope.unique(snake(name)),
                required,
                rust: String::new(),
                inner: String::new(),
                ty,
                style,
                explode,
                deprecated: map.get("deprecated") == Some(&Value::Bool(true)),
                description: map
                    .get("description")
                    .and_then(Value::as_str)
                    .map(ToOwned::to_owned),
                schema: schema.cloned(),
                schema_key,
            });
        }
        out
    }

    /// The contents of a body. With several contents, each is a variant of
    /// the body enum `enum_hint` and inline schemas are named after it;
    /// `export` also gathers their schemas for validation.
    fn contents(
        &mut self,
        doc: usize,
        content: Option<&'a Value>,
        hint: &str,
        enum_hint: &str,
        export: bool,
    ) -> (Vec<Content>, Option<String>) {
        let entries: Vec<(&String, &'a Value)> = content
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .collect();
        let keys: Vec<(String, Option<u32>)> =
            entries.iter().map(|(k, _)| parse_content_key(k)).collect();
        let variants = content_variants(&keys);
        let enum_name = (entries.len() > 1).then(|| self.types.reserve_name(enum_hint));
        let mut out = Vec::new();
        for (((key, media), (media_type, version)), variant) in
            entries.into_iter().zip(keys).zip(variants)
        {
            let hint = match &enum_name {
                Some(e) => format!("{e}{variant}"),
                None => hint.to_owned(),
            };
            let schema = media.get("schema");
            let ty = match schema {
                Some(schema) => self.types.ty_of(doc, schema, &hint, 0),
                None => Ty::Any,
            };
            let schema_key = schema
                .filter(|_| export)
                .map(|s| self.schemas.export(doc, s, &hint));
            let json = is_json(&media_type);
            out.push(Content {
                key: key.clone(),
                media_type,
                version,
                variant: Some(variant),
                deprecated: media.get("x-deprecated") == Some(&Value::Bool(true)),
                json,
                schema_key,
                rust: String::new(),
                ty,
                encoding: "json",
                send_type: String::new(),
            });
        }
        let differ = out
            .split_first()
            .is_some_and(|(first, rest)| rest.iter().any(|c| c.ty != first.ty));
        if !differ {
            for c in &mut out {
                c.variant = None;
            }
        }
        (out, enum_name.filter(|_| differ))
    }

    fn body(&mut self, doc: usize, body: &'a Value, prefix: &str) -> Option<RequestBody> {
        let (bdoc, body) = self.bundle.resolve(doc, body).ok()?;
        let required = body.get("required") == Some(&Value::Bool(true));
        let (contents, enum_name) = self.contents(
            bdoc,
            body.get("content"),
            &format!("{prefix}Body"),
            &format!("{prefix}Body"),
            true,
        );
        let ty = body_type(&contents);
        let ty = if required {
            ty
        } else {
            Ty::Option(Box::new(ty))
        };
        Some(RequestBody {
            required,
            contents,
            enum_name,
            rust: String::new(),
            inner: String::new(),
            ty,
        })
    }

    fn responses(
        &mut self,
        doc: usize,
        op: &'a Value,
        prefix: &str,
        paginated: bool,
    ) -> Vec<Response> {
        let mut out = Vec::new();
        let mut variants = Scope::default();
        let Some(responses) = op.get("responses").and_then(Value::as_object) else {
            self.warnings
                .push(self.skipped(doc, op, "the operation documents no responses"));
            return out;
        };
        for (status, r) in responses {
            let Ok((rdoc, r)) = self.bundle.resolve(doc, r) else {
                continue;
            };
            let code = status
                .parse::<u16>()
                .ok()
                .filter(|c| (100..=599).contains(c));
            let hint = format!("{prefix}Response{}", pascal(status));
            let variant = variants.unique(status_variant(status, code));
            let (contents, enum_name) = self.contents(
                rdoc,
                r.get("content"),
                &hint,
                &format!("{prefix}{variant}Body"),
                false,
            );
            let mut header_scope = Scope::with_reserved(&["body", "status", "total"]);
            let mut headers = Vec::new();
            for (name, h) in r
                .get("headers")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                // Headers the generated server sets itself.
                let managed = [
                    "content-type",
                    "content-length",
                    "date",
                    "deprecated",
                    "vary",
                ];
                if managed.iter().any(|m| name.eq_ignore_ascii_case(m))
                    || (paginated && name.eq_ignore_ascii_case("content-range"))
                {
                    continue;
                }
                // Computed from the body when the handler leaves it out.
                let automatic = name.eq_ignore_ascii_case("etag");
                let Ok((hdoc, h)) = self.bundle.resolve(rdoc, h) else {
                    continue;
                };
                let required = h.get("required") == Some(&Value::Bool(true));
                let ty = match h.get("schema") {
                    Some(s) => self
                        .types
                        .ty_of(hdoc, s, &format!("{hint}{}", pascal(name)), 0),
                    None => Ty::Builtin("String"),
                };
                let optional = !required || automatic;
                headers.push(Header {
                    name: name.clone(),
                    ident: header_scope.unique(snake(name)),
                    required,
                    rust: String::new(),
                    optional,
                    ty: if optional {
                        Ty::Option(Box::new(ty))
                    } else {
                        ty
                    },
                });
            }
            let body_ty = (!contents.is_empty()).then(|| body_type(&contents));
            let status_class = status
                .strip_suffix("XX")
                .or_else(|| status.strip_suffix("xx"))
                .and_then(|c| c.parse::<u16>().ok())
                .filter(|c| (1..=5).contains(c));
            let success = match (code, status_class) {
                (Some(c), _) => (100..400).contains(&c),
                (None, Some(class)) => class <= 3,
                (None, None) => status == "default",
            };
            out.push(Response {
                status: status.clone(),
                code,
                variant,
                status_class,
                success,
                description: r
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                headers,
                rust: body_ty.map(|_| String::new()),
                contents,
                enum_name,
            });
        }
        out
    }

    fn skipped(&self, doc: usize, at: &Value, message: &str) -> Diagnostic {
        let location = self
            .bundle
            .documents()
            .get(doc)
            .map_or_else(|| self.bundle.root().locate(at), |d| d.locate(at));
        Diagnostic::new(
            OPERATION_SKIPPED,
            "operation-incomplete",
            Severity::Warning,
            message,
            location,
        )
    }
}

/// The type of a body: the JSON content's type; any other single content's
/// type; `serde_json::Value` when the contents disagree.
pub(crate) fn body_type(contents: &[Content]) -> Ty {
    let json: Vec<&Content> = contents
        .iter()
        .filter(|c| c.media_type == "application/json" || c.media_type.ends_with("+json"))
        .collect();
    let candidates: Vec<&Content> = if json.is_empty() {
        contents.iter().collect()
    } else {
        json
    };
    match candidates.split_first() {
        Some((first, rest)) if rest.iter().all(|c| c.ty == first.ty) => first.ty.clone(),
        _ => Ty::Any,
    }
}

/// The pagination styles of RULEBOOK §3.5 and the query parameters that
/// select a page in each.
pub(crate) const PAGINATION_STYLES: &[(&str, &str, &str)] = &[
    ("offset-limit", "offset", "limit"),
    ("page-size", "page", "size"),
    ("start-index", "pageStartIndex", "pageSize"),
];

/// Whether a media type is JSON.
fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

/// The distinct (type, version) pairs of `contents`, ordered as §3.2 says.
fn order_representations<'c>(contents: impl Iterator<Item = &'c Content>) -> Vec<Representation> {
    let mut reps: Vec<Representation> = Vec::new();
    for c in contents {
        let version = c.version.unwrap_or(1);
        match reps
            .iter_mut()
            .find(|r| r.media_type == c.media_type && r.version == version)
        {
            Some(r) => r.deprecated |= c.deprecated,
            None => reps.push(Representation {
                media_type: c.media_type.clone(),
                version,
                deprecated: c.deprecated,
            }),
        }
    }
    let mut types: Vec<String> = Vec::new();
    for r in &reps {
        if !types.contains(&r.media_type) {
            types.push(r.media_type.clone());
        }
    }
    types.sort_by_key(|t| t != "application/json");
    reps.sort_by_key(|r| {
        (
            types
                .iter()
                .position(|t| *t == r.media_type)
                .unwrap_or(usize::MAX),
            r.version,
        )
    });
    reps
}

/// The enum variant of each content: `V1`, `V2` when the contents are
/// versions of one media type, else named after the media type (`Json`,
/// `Xml`, `JsonV2`).
fn content_variants(keys: &[(String, Option<u32>)]) -> Vec<String> {
    let versions_only = keys
        .split_first()
        .is_some_and(|(first, rest)| rest.iter().all(|k| k.0 == first.0))
        && keys.iter().all(|k| k.1.is_some());
    let mut scope = Scope::default();
    keys.iter()
        .map(|(media_type, version)| {
            let name = match (versions_only, version) {
                (true, Some(v)) => format!("V{v}"),
                (_, v) => {
                    let subtype = media_type.rsplit('/').next().unwrap_or(media_type);
                    let subtype = subtype.strip_prefix("x-").unwrap_or(subtype);
                    let base = if subtype == "*" { "Any" } else { subtype };
                    match v {
                        Some(v) => format!("{}V{v}", pascal(base)),
                        None => pascal(base),
                    }
                }
            };
            scope.unique(name)
        })
        .collect()
}

/// Splits a content key into its media type and `version` parameter.
#[must_use]
pub fn parse_content_key(key: &str) -> (String, Option<u32>) {
    let mut parts = key.split(';');
    let media_type = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let version = parts.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("version") {
            return None;
        }
        value.trim().trim_matches('"').parse::<u32>().ok()
    });
    (media_type, version)
}

/// The variant name of a response: the reason phrase of its status.
fn status_variant(status: &str, code: Option<u16>) -> String {
    let phrase = code.and_then(reason_phrase);
    match (phrase, code) {
        (Some(p), _) => p.to_owned(),
        (None, Some(c)) => format!("Status{c}"),
        (None, None) if status.eq_ignore_ascii_case("default") => "Default".to_owned(),
        (None, None) => {
            let word: String = status
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            format!("Status{word}")
        }
    }
}

fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "ContentTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        422 => "UnprocessableContent",
        423 => "Locked",
        424 => "FailedDependency",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_keys() {
        assert_eq!(
            parse_content_key("application/json; version=2"),
            ("application/json".to_owned(), Some(2))
        );
        assert_eq!(
            parse_content_key("Application/JSON;charset=utf-8; Version=\"3\""),
            ("application/json".to_owned(), Some(3))
        );
        assert_eq!(
            parse_content_key("text/plain"),
            ("text/plain".to_owned(), None)
        );
        assert_eq!(parse_content_key("application/json; version=v2").1, None);
    }

    #[test]
    fn content_variant_names() {
        let keys = |ks: &[&str]| ks.iter().map(|k| parse_content_key(k)).collect::<Vec<_>>();
        assert_eq!(
            content_variants(&keys(&[
                "application/json; version=1",
                "application/json; version=2"
            ])),
            ["V1", "V2"]
        );
        assert_eq!(
            content_variants(&keys(&[
                "application/json",
                "application/xml",
                "text/*",
                "application/x-www-form-urlencoded"
            ])),
            ["Json", "Xml", "Any", "WwwFormUrlencoded"]
        );
        assert_eq!(
            content_variants(&keys(&["application/json", "application/json; version=2"])),
            ["Json", "JsonV2"]
        );
    }

    #[test]
    fn status_variants() {
        assert_eq!(status_variant("200", Some(200)), "Ok");
        assert_eq!(status_variant("299", Some(299)), "Status299");
        assert_eq!(status_variant("2XX", None), "Status2xx");
        assert_eq!(status_variant("default", None), "Default");
    }
}
