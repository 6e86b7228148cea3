//! The request pipeline of RULEBOOK §3.0 as generated routers run it: path
//! matching, request framing, parameter and body reading with validation,
//! and the response decoration of step 13 (`Date`, `Content-Type` with
//! version, `Deprecated`, `Vary`, `ETag` and conditional GET, pagination
//! headers and links).
//!
//! A generated router holds one [`PathTemplate`] per path of the document
//! and one function per operation that calls the steps below in order; the
//! operation-specific parts (which parameters, which schemas, which
//! representations) are static tables the generator writes.
//!
//! Steps that answer early return the finished `Response` as their error:
//! it is moved once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::sync::Arc;
use std::time::SystemTime;

use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_LENGTH, CONTENT_LOCATION, CONTENT_TYPE, ETAG, LOCATION};
use http::request::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use serde::Serialize;
use serde_json::{Map, Value};

use super::conditional::{
    Current, EntityTag, Existing, TagList, UpdateDecision, UpdatePolicy, etag_from_bytes,
    evaluate_delete, evaluate_update, not_modified_response,
};
use super::error::{ApiError, ErrorShape, NotAcceptableBody, codes};
use super::headers::{FramingPolicy, absolute_uri, check_framing, merge_vary, set_date};
use super::negotiation::{
    Representation, check_request_content_type, is_token, negotiate, response_content_type,
    supported_media_types,
};
use super::pagination::{
    Page, PageConfig, SizedPage, content_range, offset_links, page_size_links, pagination_object,
    parse_offset_limit, parse_page_size,
};
use super::params::{self, Location};
use super::schema::Schemas;
use super::validation::Violations;

/// Server settings from `.specfirst.yaml` (§2.2), fixed at generation time.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `publicBaseUrl`: the base of `Location`, `Content-Location` and links.
    pub public_base_url: String,
    /// `maxBodyBytes` → 413.
    pub max_body_bytes: u64,
    /// `requireContentLength` → 411 on POST/PUT without `Content-Length`.
    pub require_content_length: bool,
    /// `requireContentType` → 415 on a body without `Content-Type`.
    pub require_content_type: bool,
    /// `versioning: mediaType`: `; version=N` in `Content-Type`.
    pub media_type_versioning: bool,
    /// `errorShape`.
    pub error_shape: ErrorShape,
    /// The 406 body: the array of supported media types, or an error.
    pub not_acceptable_body: NotAcceptableBody,
    /// `unsupportedRequestVersionStatus` (406 or 415).
    pub request_version_status: StatusCode,
    /// Pagination defaults and names.
    pub page: PageConfig,
    /// Preconditions on PUT/PATCH.
    pub update: UpdatePolicy,
    /// `paginationMetadata` includes the body: page-size pages carry
    /// `pagination: {page, size, count}` (§3.5.4).
    pub pagination_in_body: bool,
    /// `envelope: always`: success bodies are wrapped in
    /// `{code, status, data}` (§3.3.3).
    pub envelope: bool,
}

impl Settings {
    /// The error as this server answers it (its error shape).
    pub fn error_response(&self, error: ApiError) -> Response {
        error.with_shape(self.error_shape).into_response()
    }
}

/// One piece of a path segment: literal text or a `{parameter}`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Param(String),
}

/// A path template of the API (`/books/{bookId}`, `/files/{name}.{ext}`),
/// matched segment by segment against request paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    segments: Vec<Vec<Piece>>,
    /// Literal characters: the more, the more specific (`/books/search`
    /// wins over `/books/{bookId}`).
    literal_len: usize,
}

impl PathTemplate {
    /// Parses a template; an unbalanced `{` is literal text.
    pub fn parse(template: &str) -> Self {
        let mut segments = Vec::new();
        let mut literal_len = 0;
        for raw in split_path(template) {
            let mut pieces = Vec::new();
            let mut rest = raw;
            while !rest.is_empty() {
                match (rest.find('{'), rest.find('}')) {
                    (Some(open), Some(close)) if open < close => {
                        if open > 0 {
                            pieces.push(Piece::Literal(rest[..open].to_owned()));
                            literal_len += open;
                        }
                        pieces.push(Piece::Param(rest[open + 1..close].to_owned()));
                        rest = &rest[close + 1..];
                    }
                    _ => {
                        literal_len += rest.len();
                        pieces.push(Piece::Literal(rest.to_owned()));
                        rest = "";
                    }
                }
            }
            segments.push(pieces);
        }
        PathTemplate {
            segments,
            literal_len,
        }
    }

    /// The parameters of `path` (percent-decoded), when it matches.
    pub fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let parts: Vec<&str> = split_path(path).collect();
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (pieces, segment) in self.segments.iter().zip(parts) {
            if !match_pieces(pieces, segment, &mut params) {
                return None;
            }
        }
        Some(
            params
                .into_iter()
                .map(|(k, v)| (k, super::validation::percent_decode(&v)))
                .collect(),
        )
    }
}

fn split_path(path: &str) -> impl Iterator<Item = &str> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    trimmed.split('/').filter(|_| !trimmed.is_empty())
}

/// Matches one segment against its pieces; parameters take at least one
/// character and as few as the following literal allows.
fn match_pieces(pieces: &[Piece], segment: &str, params: &mut Vec<(String, String)>) -> bool {
    match pieces.split_first() {
        None => segment.is_empty(),
        Some((Piece::Literal(l), rest)) => segment
            .strip_prefix(l.as_str())
            .is_some_and(|s| match_pieces(rest, s, params)),
        Some((Piece::Param(name), rest)) => {
            if rest.is_empty() {
                if segment.is_empty() {
                    return false;
                }
                params.push((name.clone(), segment.to_owned()));
                return true;
            }
            for (i, _) in segment.char_indices().skip(1) {
                let mark = params.len();
                params.push((name.clone(), segment[..i].to_owned()));
                if match_pieces(rest, &segment[i..], params) {
                    return true;
                }
                params.truncate(mark);
            }
            false
        }
    }
}

/// The path templates of an API and the methods defined on each.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(PathTemplate, Vec<Method>)>,
}

impl RouteTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a path with its methods; returns its index.
    pub fn add(&mut self, template: &str, methods: &[Method]) -> usize {
        self.routes
            .push((PathTemplate::parse(template), methods.to_vec()));
        self.routes.len() - 1
    }

    /// The most specific route matching `path` and its parameters.
    pub fn find(&self, path: &str) -> Option<(usize, Vec<(String, String)>)> {
        let mut best: Option<(usize, Vec<(String, String)>)> = None;
        let mut best_len = 0;
        for (i, (template, _)) in self.routes.iter().enumerate() {
            if let Some(params) = template.matches(path)
                && (best.is_none() || template.literal_len > best_len)
            {
                best_len = template.literal_len;
                best = Some((i, params));
            }
        }
        best
    }

    /// The methods defined on route `index`.
    pub fn methods(&self, index: usize) -> &[Method] {
        self.routes.get(index).map_or(&[], |(_, m)| m.as_slice())
    }
}

/// What a handler gets besides its typed parameters: the request as
/// received, what negotiation chose, and the page asked for.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub method: Method,
    /// The request path, as received.
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    /// The representation the response will use (§3.2.1).
    pub representation: Option<Representation>,
    /// The representation of the request body (§3.2.2).
    pub body_representation: Option<Representation>,
    /// The page asked for, on paginated collections (§3.5), as a window.
    pub page: Option<Page>,
    /// The page as asked for in page-size style (`page`, `size`).
    pub sized_page: Option<SizedPage>,
    settings: Arc<Settings>,
}

impl RequestContext {
    /// A context for `parts`.
    pub fn new(parts: &Parts, settings: Arc<Settings>) -> Self {
        RequestContext {
            method: parts.method.clone(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(ToOwned::to_owned),
            headers: parts.headers.clone(),
            representation: None,
            body_representation: None,
            page: None,
            sized_page: None,
            settings,
        }
    }

    /// The negotiated response version.
    pub fn version(&self) -> Option<u32> {
        self.representation.as_ref().map(|r| r.version)
    }

    /// The version of the request body.
    pub fn body_version(&self) -> Option<u32> {
        self.body_representation.as_ref().map(|r| r.version)
    }

    /// The absolute URI of `path` (`publicBaseUrl` + path), for `Location`,
    /// `Content-Location` and links.
    pub fn uri(&self, path: &str) -> String {
        absolute_uri(&self.settings.public_base_url, path)
    }

    /// The server's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The preconditions of a PUT or PATCH against the resource's current
    /// validators (`None`: it does not exist) (§3.9): 428 without
    /// `If-Match`/`If-Unmodified-Since`, 412 when they do not match, 404
    /// when the resource is missing and may not be created.
    pub fn check_update(
        &self,
        current: Option<(&EntityTag, Option<SystemTime>)>,
    ) -> Result<UpdateDecision, ApiError> {
        let existing = current.map(|(etag, last_modified)| Existing {
            current: Current {
                etag,
                last_modified,
            },
            etag_history: &[],
        });
        evaluate_update(&self.method, &self.headers, existing, &self.settings.update)
    }

    /// The preconditions of a DELETE (`If-Match` optional): 412 when sent
    /// and not matching.
    pub fn check_delete(
        &self,
        etag: &EntityTag,
        last_modified: Option<SystemTime>,
    ) -> Result<(), ApiError> {
        evaluate_delete(
            &self.headers,
            Current {
                etag,
                last_modified,
            },
        )
    }

    /// The strong ETag of a resource at `revision` in the negotiated
    /// representation (§3.8.2): what a handler sends and compares
    /// preconditions against. `path` is the resource's path (`/books/1`).
    pub fn resource_etag(&self, path: &str, revision: &str) -> EntityTag {
        let content_type = self
            .representation
            .as_ref()
            .map(|r| response_content_type(r, self.settings.media_type_versioning))
            .unwrap_or_default();
        super::conditional::resource_etag(&self.uri(path), revision, &content_type, false)
    }

    /// Whether the client's `If-None-Match` names `etag`.
    pub fn if_none_match(&self, etag: &EntityTag) -> bool {
        TagList::from_headers(&self.headers, "if-none-match").is_some_and(|l| l.matches_weak(etag))
    }
}

/// What the generator knows of one operation.
#[derive(Debug, Clone)]
pub struct OperationInfo {
    pub method: Method,
    /// `deprecated: true`: every response carries `Deprecated: true`.
    pub deprecated: bool,
    /// The response representations, ordered (§3.2); empty when no
    /// response has a body.
    pub representations: Vec<Representation>,
    /// The request-body representations, ordered; empty without a body.
    pub body_representations: Vec<Representation>,
    /// Whether the body is required.
    pub body_required: bool,
    /// How it is paginated, when it is a paginated collection (§3.5): page
    /// parsed, `Content-Range` and links set.
    pub pagination: Option<PageStyle>,
    /// Documents 428: PUT/PATCH without a precondition are refused before
    /// the handler runs.
    pub requires_precondition: bool,
    /// The query parameters it declares (others → 400).
    pub query_params: Vec<&'static str>,
    /// Security alternatives (empty: anonymous): each a list of scheme names.
    pub security: Vec<Vec<&'static str>>,
    /// `(scheme name, how it is sent)` for the schemes used.
    pub schemes: Vec<(&'static str, Credential)>,
}

/// The pagination styles of §3.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `offset` and `limit`, or `Range: items=a-b`.
    OffsetLimit,
    /// `page` (from 1) and `size`.
    PageSize,
    /// `pageStartIndex` and `pageSize`, read like offset and limit.
    StartIndex,
}

impl PageStyle {
    /// The page configuration of this style.
    fn config(self, base: &PageConfig) -> PageConfig {
        match self {
            PageStyle::StartIndex => PageConfig {
                offset_param: "pageStartIndex",
                limit_param: "pageSize",
                range_header: false,
                ..*base
            },
            _ => *base,
        }
    }
}

/// Where a security scheme's credential travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: <scheme> …` (`Bearer`, `Basic`; OAuth 2 and OpenID
    /// Connect use `Bearer`).
    Authorization(&'static str),
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
}

/// How one parameter is read.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// The name on the wire.
    pub name: &'static str,
    pub location: Location,
    pub required: bool,
    /// The key of its schema in the API's schema document.
    pub schema: Option<&'static str>,
    pub style: &'static str,
    pub explode: bool,
}

/// The key a parameter's value has in the map [`read_params`] returns
/// (`query:limit`), which the generated params struct renames to.
pub fn param_key(location: Location, name: &str) -> String {
    let prefix = match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    };
    format!("{prefix}:{name}")
}

/// `{"$ref": "#/$defs/<key>"}`.
pub fn schema_ref(key: &str) -> Value {
    let mut m = Map::new();
    m.insert("$ref".to_owned(), Value::String(format!("#/$defs/{key}")));
    Value::Object(m)
}

/// Steps 7 to 9 of §3.0 for one operation: credentials present,
/// negotiation, framing and the request `Content-Type`. On success the
/// context holds the negotiated representations.
pub fn prepare(
    ctx: &mut RequestContext,
    info: &OperationInfo,
    parts: &Parts,
    settings: &Settings,
) -> Result<(), Response> {
    if !has_credentials(info, parts) {
        return Err(settings.error_response(ApiError::unauthorized("Bearer")));
    }
    if !info.representations.is_empty() {
        match negotiate(&parts.headers, &info.representations) {
            Ok(rep) => ctx.representation = Some(rep.clone()),
            Err(_) => {
                return Err(super::error::negotiation_failure_response(
                    StatusCode::NOT_ACCEPTABLE,
                    &supported_media_types(&info.representations),
                    settings.not_acceptable_body,
                    settings.error_shape,
                ));
            }
        }
    }
    let policy = FramingPolicy {
        require_content_length: settings.require_content_length
            && !info.body_representations.is_empty(),
        max_body_bytes: settings.max_body_bytes,
    };
    check_framing(&parts.method, &parts.headers, &policy)
        .map_err(|e| settings.error_response(e))?;
    let has_body = super::headers::has_body(&parts.headers);
    if !info.body_representations.is_empty() && (has_body || info.body_required) {
        let content_type = parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        match check_request_content_type(
            content_type,
            &info.body_representations,
            settings.require_content_type,
        ) {
            Ok(rep) => ctx.body_representation = Some(rep.clone()),
            Err(e) => {
                return Err(super::error::request_media_response(
                    e,
                    settings.request_version_status,
                    &supported_media_types(&info.body_representations),
                    settings.not_acceptable_body,
                    settings.error_shape,
                ));
            }
        }
    } else if info.body_representations.is_empty() && has_body {
        let allowed = parts.method == Method::POST
            || parts.method == Method::PUT
            || parts.method == Method::PATCH;
        if allowed {
            // A body the operation does not document.
            return Err(settings.error_response(ApiError::bad_request(
                "This operation takes no request body",
            )));
        }
    }
    if info.requires_precondition
        && (parts.method == Method::PUT || parts.method == Method::PATCH)
        && settings.update.require_preconditions
        && !parts.headers.contains_key("if-match")
        && !parts.headers.contains_key("if-unmodified-since")
    {
        return Err(settings.error_response(ApiError::precondition_required(
            settings.update.missing_precondition_status,
        )));
    }
    Ok(())
}

/// Whether one security alternative has its credentials present (their
/// validity is the application's to check: `Api` hooks answer 401/403).
fn has_credentials(info: &OperationInfo, parts: &Parts) -> bool {
    if info.security.is_empty() || info.security.iter().any(Vec::is_empty) {
        return true;
    }
    let present = |scheme: &str| {
        let Some((_, credential)) = info.schemes.iter().find(|(n, _)| *n == scheme) else {
            // A scheme the generator could not read: do not lock users out.
            return true;
        };
        match credential {
            Credential::Authorization(kind) => parts
                .headers
                .get(http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split_once(' '))
                .is_some_and(|(k, token)| k.eq_ignore_ascii_case(kind) && !token.trim().is_empty()),
            Credential::Header(name) => parts.headers.contains_key(*name),
            Credential::Query(name) => !params::query_values(parts.uri.query(), name).is_empty(),
            Credential::Cookie(name) => !params::cookie_values(&parts.headers, name).is_empty(),
        }
    };
    info.security
        .iter()
        .any(|alternative| alternative.iter().all(|s| present(s)))
}

/// Step 10 for parameters: reads, coerces and validates each parameter and
/// rejects unknown query parameters; the values keyed by [`param_key`].
pub fn read_params(
    schemas: &Schemas,
    parts: &Parts,
    path_params: &[(String, String)],
    specs: &[ParamSpec],
    info: &OperationInfo,
    violations: &mut Violations,
) -> Map<String, Value> {
    let query = parts.uri.query();
    let mut declared = info.query_params.clone();
    for (_, credential) in &info.schemes {
        if let Credential::Query(name) = credential {
            declared.push(name);
        }
    }
    let deep_objects: Vec<&str> = specs
        .iter()
        .filter(|s| s.location == Location::Query && s.style == "deepObject")
        .map(|s| s.name)
        .collect();
    params::check_unknown_query(violations, query, &declared, &deep_objects);
    let mut out = Map::new();
    for spec in specs {
        let raw: Vec<String> = match spec.location {
            Location::Path => path_params
                .iter()
                .filter(|(k, _)| k == spec.name)
                .map(|(_, v)| v.clone())
                .collect(),
            Location::Query => params::query_values(query, spec.name),
            Location::Header => super::negotiation::joined_header(&parts.headers, spec.name)
                .into_iter()
                .collect(),
            Location::Cookie => params::cookie_values(&parts.headers, spec.name),
        };
        let schema = spec.schema.map_or(Value::Bool(true), schema_ref);
        let deep_value = if spec.style == "deepObject" {
            let fields = params::deep_object(query, spec.name);
            params::coerce_object(schemas, &schema, spec.name, &fields, violations)
        } else {
            None
        };
        if raw.is_empty() && deep_value.is_none() {
            if spec.required {
                violations.push(
                    spec.name,
                    codes::NULL_VALUE,
                    format!("{} is required", spec.name),
                );
            }
            continue;
        }
        let value = match deep_value {
            Some(v) => Some(v),
            None => params::coerce(
                schemas,
                &schema,
                spec.name,
                &raw,
                spec.style,
                spec.explode,
                violations,
            ),
        };
        if let Some(value) = value {
            // `Range` on a collection is HTTP's: what is not an `items`
            // range (`bytes=0-9`) is ignored as RFC 9110 §14.2 requires,
            // whatever pattern the document gives; its other constraints hold.
            let http_range = info.pagination.is_some()
                && spec.location == Location::Header
                && spec.name.eq_ignore_ascii_case("range")
                && value.as_str().is_some_and(is_other_range_unit);
            if http_range {
                let mut found = Violations::new();
                schemas.validate(&schema, &value, spec.name, &mut found);
                for v in found.as_slice() {
                    if !v.message.contains("must match the pattern") {
                        violations.push(&v.target, &v.code, v.message.clone());
                    }
                }
            } else {
                schemas.validate(&schema, &value, spec.name, violations);
            }
            out.insert(param_key(spec.location, spec.name), value);
        }
    }
    out
}

/// Whether a `Range` value is a range in another unit than `items`
/// (`bytes=0-9`): `<unit>=…` with a token for unit. HTTP servers ignore
/// those; anything else is checked against the parameter's schema.
fn is_other_range_unit(value: &str) -> bool {
    value.split_once('=').is_some_and(|(unit, _)| {
        let unit = unit.trim();
        !unit.is_empty() && !unit.eq_ignore_ascii_case("items") && is_token(unit)
    })
}

/// Reads the request body up to `maxBodyBytes` (413 beyond).
pub async fn read_body(body: axum::body::Body, settings: &Settings) -> Result<Vec<u8>, Response> {
    let limit = usize::try_from(settings.max_body_bytes).unwrap_or(usize::MAX);
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(_) => Err(settings.error_response(ApiError::payload_too_large())),
    }
}

/// One content of a request body, as the generator lists them.
#[derive(Debug, Clone, Copy)]
pub struct BodyContent {
    pub media_type: &'static str,
    /// The `version` of the content key (1 without one).
    pub version: u32,
    /// The key of its schema in the API's schema document.
    pub schema: Option<&'static str>,
    pub json: bool,
}

/// Step 10 for the request body: picks the content the negotiated request
/// representation names, reads and validates it. `None` when there is no
/// body (a missing required one is a violation).
pub fn read_request_body(
    schemas: &Schemas,
    bytes: &[u8],
    contents: &[BodyContent],
    representation: Option<&Representation>,
    required: bool,
    violations: &mut Violations,
) -> Result<Option<(usize, Value)>, ApiError> {
    if bytes.is_empty() {
        if required {
            violations.push("body", codes::NULL_VALUE, "a request body is required");
        }
        return Ok(None);
    }
    let index = match representation {
        Some(r) => contents
            .iter()
            .position(|c| c.media_type == r.media_type && c.version == r.version),
        None => contents.iter().position(|c| c.json).or(Some(0)),
    };
    let Some((index, content)) = index.and_then(|i| Some((i, contents.get(i)?))) else {
        let types: Vec<String> = contents.iter().map(|c| c.media_type.to_owned()).collect();
        return Err(ApiError::unsupported_media_type(&types));
    };
    // UTF-8, then JSON syntax (other types: the text as a JSON string, for
    // a `String` or `Value` body), then the schema.
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ApiError::bad_request("The request body is not valid UTF-8"))?;
    let value = if content.json {
        serde_json::from_str(text).map_err(|e| {
            ApiError::bad_request(format!("The request body is not valid JSON: {e}"))
        })?
    } else {
        Value::String(text.to_owned())
    };
    if let Some(key) = content.schema {
        schemas.validate_body(&schema_ref(key), &value, "body", violations);
    }
    Ok(Some((index, value)))
}

/// What the router awaits for one operation: boxed, so that the dispatch
/// future does not hold every operation's state (its size and compile time
/// would grow with the number of operations).
pub type OperationFuture<'a> =
    std::pin::Pin<Box<dyn Future<Output = Result<Response, Response>> + Send + 'a>>;

/// Deserialises validated input into its Rust type; a value the schema
/// accepted but the type cannot hold is a 400 naming the problem.
pub fn from_value<T: serde::de::DeserializeOwned>(
    mut value: Value,
    target: &str,
) -> Result<T, ApiError> {
    integral_floats_to_integers(&mut value, 0);
    serde_json::from_value(value).map_err(|e| {
        let mut v = Violations::new();
        v.push(
            if target.is_empty() { "body" } else { target },
            codes::INVALID_VALUE,
            e.to_string(),
        );
        v.into_result()
            .err()
            .unwrap_or_else(|| ApiError::bad_request(e.to_string()))
    })
}

/// JSON Schema's `integer` accepts `75.0`; Rust's integer types do not.
/// Whole numbers written with a fraction become integers (an `f64` field
/// reads either form).
fn integral_floats_to_integers(value: &mut Value, depth: usize) {
    if depth > 256 {
        return;
    }
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *value = Value::from(i);
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| integral_floats_to_integers(v, depth + 1)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|v| integral_floats_to_integers(v, depth + 1)),
        _ => {}
    }
}

/// A response as a handler's typed value becomes before decoration.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as JSON (pagination links are filled in before it is
    /// written), with the content key's media type and version.
    pub body: Option<(Value, Option<Representation>, String)>,
    /// The collection's total, when the handler knows it (pagination).
    pub total: Option<u64>,
}

impl Reply {
    /// A reply without body.
    pub fn new(status: StatusCode) -> Self {
        Reply {
            status,
            headers: HeaderMap::new(),
            body: None,
            total: None,
        }
    }

    /// Sets header `name` from a typed value (strings as they are, numbers
    /// and booleans written out, lists comma-separated; `None` omitted).
    pub fn header<T: Serialize>(&mut self, name: &'static str, value: &T) {
        let Some(text) = header_text(value) else {
            return;
        };
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&text),
        ) {
            self.headers.insert(n, v);
        }
    }

    /// Sets a JSON body. `rep` is the content's representation when it has
    /// a version, `media_type` its type (`application/json`).
    pub fn json<T: Serialize>(&mut self, body: &T, rep: Option<Representation>, media_type: &str) {
        match serde_json::to_value(body) {
            Ok(v) => self.body = Some((v, rep, media_type.to_owned())),
            Err(_) => {
                self.status = StatusCode::INTERNAL_SERVER_ERROR;
                self.body = None;
            }
        }
    }
}

/// A header value from a typed value.
pub fn header_text<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(header_text)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Value::Object(m) => Some(
            m.iter()
                .flat_map(|(k, v)| [k.clone(), header_text(v).unwrap_or_default()])
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => Some(other.to_string()),
    }
}

/// Step 13: decorates a handler's reply and writes it.
pub fn finish(ctx: &RequestContext, info: &OperationInfo, mut reply: Reply) -> Response {
    let settings = &ctx.settings;
    let mut deprecated = info.deprecated;
    let mut content_type = None;
    let mut bytes = None;
    if let Some((mut value, rep, media_type)) = reply.body.take() {
        let rep = rep.or_else(|| {
            ctx.representation
                .clone()
                .filter(|r| r.media_type == media_type)
        });
        let ct = match &rep {
            Some(r) => {
                deprecated |= r.deprecated;
                response_content_type(r, settings.media_type_versioning)
            }
            None => media_type.clone(),
        };
        if let Some(style) = info.pagination
            && reply.status.is_success()
        {
            paginate(ctx, style, &mut reply, &mut value, &ct);
        }
        let json = media_type.ends_with("json") || media_type.contains("+json");
        if json && settings.envelope {
            value = envelope(reply.status, value);
        }
        bytes = Some(if json {
            serde_json::to_vec(&value).unwrap_or_default()
        } else {
            match value {
                Value::String(s) => s.into_bytes(),
                other => serde_json::to_vec(&other).unwrap_or_default(),
            }
        });
        content_type = Some(ct);
    }
    // An empty success is `200 {"code": 200, "status": "success", "data":
    // null}` in envelope mode (§3.3.3); 304 stays bodiless.
    if settings.envelope && bytes.is_none() && reply.status.is_success() {
        reply.status = StatusCode::OK;
        bytes =
            Some(serde_json::to_vec(&envelope(StatusCode::OK, Value::Null)).unwrap_or_default());
        content_type = Some(super::negotiation::APPLICATION_JSON.to_owned());
    }
    let mut headers = reply.headers;
    // ETag on successful reads, and conditional GET (§3.8.2, §3.9).
    let read = ctx.method == Method::GET || ctx.method == Method::HEAD;
    if read
        && reply.status == StatusCode::OK
        && let Some(b) = &bytes
    {
        if !headers.contains_key(ETAG) {
            let etag = etag_from_bytes(b);
            if let Ok(v) = HeaderValue::from_str(&etag.to_string()) {
                headers.insert(ETAG, v);
            }
        }
        let current = headers
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .and_then(EntityTag::parse);
        if let Some(etag) = current
            && ctx.if_none_match(&etag)
        {
            decorate(&mut headers, ctx, info, deprecated);
            // A 304 names the representation it validates (RFC 9110
            // §15.4.5): the request's own URI unless the handler said.
            if !headers.contains_key(CONTENT_LOCATION) {
                let target = match &ctx.query {
                    Some(q) => format!("{}?{q}", ctx.path),
                    None => ctx.path.clone(),
                };
                if let Ok(v) = HeaderValue::from_str(&ctx.uri(&target)) {
                    headers.insert(CONTENT_LOCATION, v);
                }
            }
            return not_modified_response(&headers);
        }
    }
    decorate(&mut headers, ctx, info, deprecated);
    if let Some(ct) = &content_type
        && let Ok(v) = HeaderValue::from_str(ct)
    {
        headers.insert(CONTENT_TYPE, v);
    }
    if let Some(location) = headers.get(LOCATION).and_then(|v| v.to_str().ok())
        && location.starts_with('/')
        && let Ok(v) = HeaderValue::from_str(&ctx.uri(location))
    {
        headers.insert(LOCATION, v);
    }
    let body = bytes.unwrap_or_default();
    let length = body.len();
    let mut response = if ctx.method == Method::HEAD {
        Response::new(axum::body::Body::empty())
    } else {
        Response::new(axum::body::Body::from(body))
    };
    *response.status_mut() = reply.status;
    if let Ok(v) = HeaderValue::from_str(&length.to_string())
        && reply.status != StatusCode::NO_CONTENT
        && reply.status != StatusCode::NOT_MODIFIED
    {
        headers.insert(CONTENT_LENGTH, v);
    }
    *response.headers_mut() = headers;
    response
}

/// The §3.3.3 envelope of a success payload.
fn envelope(status: StatusCode, data: Value) -> Value {
    let mut m = Map::new();
    m.insert("code".to_owned(), Value::from(status.as_u16()));
    m.insert("status".to_owned(), Value::String("success".to_owned()));
    m.insert("data".to_owned(), data);
    Value::Object(m)
}

fn decorate(headers: &mut HeaderMap, ctx: &RequestContext, info: &OperationInfo, deprecated: bool) {
    set_date(headers, SystemTime::now());
    if deprecated {
        headers.insert(super::headers::DEPRECATED, HeaderValue::from_static("true"));
    } else {
        headers.remove(super::headers::DEPRECATED);
    }
    if info.representations.len() > 1 || ctx.settings.media_type_versioning {
        merge_vary(headers, &["Accept"]);
    }
}

/// Sets `Content-Range` and the body's `links` of a collection page (§3.5).
fn paginate(
    ctx: &RequestContext,
    style: PageStyle,
    reply: &mut Reply,
    value: &mut Value,
    content_type: &str,
) {
    let Some(page) = ctx.page else { return };
    let returned = value
        .get("data")
        .and_then(Value::as_array)
        .map_or(0, |d| d.len() as u64);
    let range = content_range(page.offset, returned, reply.total);
    if let Ok(v) = HeaderValue::from_str(&range) {
        reply.headers.insert("content-range", v);
    }
    let links = match ctx.sized_page {
        Some(sized) => page_size_links(
            &ctx.settings.public_base_url,
            &ctx.path,
            ctx.query.as_deref(),
            ctx.settings.page.previous_rel,
            sized,
            returned,
            reply.total,
        ),
        None => offset_links(
            &ctx.settings.public_base_url,
            &ctx.path,
            ctx.query.as_deref(),
            &style.config(&ctx.settings.page),
            page,
            returned,
            reply.total,
        ),
    };
    if let (Some(sized), Some(total), true, Some(body)) = (
        ctx.sized_page,
        reply.total,
        ctx.settings.pagination_in_body,
        value.as_object_mut(),
    ) {
        body.insert("pagination".to_owned(), pagination_object(sized, total));
    }
    if let Some(slot) = value.get_mut("links").filter(|l| l.is_array()) {
        *slot = Value::Array(
            links
                .iter()
                .map(|l| {
                    let mut m = Map::new();
                    m.insert("rel".to_owned(), Value::String(l.rel.clone()));
                    m.insert("href".to_owned(), Value::String(l.href.clone()));
                    m.insert("type".to_owned(), Value::String(content_type.to_owned()));
                    Value::Object(m)
                })
                .collect(),
        );
    }
}

/// Reads the page of a paginated operation into `ctx` (offset/limit: the
/// query wins over `Range`).
pub fn read_page(
    ctx: &mut RequestContext,
    parts: &Parts,
    info: &OperationInfo,
    settings: &Settings,
) -> Result<(), ApiError> {
    match info.pagination {
        None => {}
        Some(PageStyle::PageSize) => {
            let sized = parse_page_size(parts.uri.query(), &settings.page)?;
            ctx.page = Some(sized.as_page());
            ctx.sized_page = Some(sized);
        }
        Some(style) => {
            let config = style.config(&settings.page);
            ctx.page = Some(parse_offset_limit(
                parts.uri.query(),
                &parts.headers,
                &config,
            )?);
        }
    }
    Ok(())
}

/// Steps 6's answers: 404 for an unknown path, OPTIONS, and 405 with
/// `Allow` for a method the path does not define.
pub fn route_fallback(method: &Method, defined: &[Method], settings: &Settings) -> Response {
    let allow = super::headers::allow_value(defined);
    let mut response = if method == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        settings.error_response(ApiError::method_not_allowed(&allow))
    };
    if let Ok(v) = HeaderValue::from_str(&allow) {
        response.headers_mut().insert(http::header::ALLOW, v);
    }
    set_date(response.headers_mut(), SystemTime::now());
    response
}

/// 404 for a path no operation serves.
pub fn not_found(settings: &Settings) -> Response {
    error(settings, ApiError::not_found())
}

/// An error answer with `Date`.
pub fn error(settings: &Settings, error: ApiError) -> Response {
    let mut response = settings.error_response(error);
    set_date(response.headers_mut(), SystemTime::now());
    response
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn params(t: &str, path: &str) -> Option<Vec<(String, String)>> {
        PathTemplate::parse(t).matches(path)
    }

    #[test]
    fn templates_match_segments() {
        assert_eq!(
            params("/books/{bookId}", "/books/abc"),
            Some(vec![("bookId".to_owned(), "abc".to_owned())])
        );
        assert_eq!(params("/books/{bookId}", "/books"), None);
        assert_eq!(params("/books/{bookId}", "/books/"), None);
        assert_eq!(params("/books/{bookId}", "/books/a/b"), None);
        assert_eq!(params("/", "/"), Some(vec![]));
        assert_eq!(
            params("/files/{name}.{ext}", "/files/a.b.json"),
            Some(vec![
                ("name".to_owned(), "a".to_owned()),
                ("ext".to_owned(), "b.json".to_owned())
            ])
        );
        assert_eq!(
            params("/users/{id}", "/users/a%20b"),
            Some(vec![("id".to_owned(), "a b".to_owned())])
        );
        assert_eq!(params("/a/{x}", "/b/1"), None);
    }

    #[test]
    fn the_most_specific_route_wins() {
        let mut table = RouteTable::new();
        table.add("/books/{bookId}", &[Method::GET]);
        table.add("/books/search", &[Method::POST]);
        table.add("/books", &[Method::GET, Method::POST]);
        assert_eq!(table.find("/books/search").map(|r| r.0), Some(1));
        assert_eq!(table.find("/books/x").map(|r| r.0), Some(0));
        assert_eq!(table.find("/books").map(|r| r.0), Some(2));
        assert_eq!(table.find("/nope"), None);
        assert_eq!(table.methods(2), &[Method::GET, Method::POST]);
    }

    fn settings(envelope: bool) -> Arc<Settings> {
        Arc::new(Settings {
            public_base_url: "https://api.example.com".to_owned(),
            max_body_bytes: 1024,
            require_content_length: true,
            require_content_type: false,
            media_type_versioning: true,
            error_shape: ErrorShape::OData,
            not_acceptable_body: NotAcceptableBody::MediaTypeArray,
            request_version_status: StatusCode::NOT_ACCEPTABLE,
            page: PageConfig::default(),
            update: UpdatePolicy::default(),
            pagination_in_body: false,
            envelope,
        })
    }

    fn info() -> OperationInfo {
        OperationInfo {
            method: Method::GET,
            deprecated: false,
            representations: vec![Representation::new("application/json", 2)],
            body_representations: Vec::new(),
            body_required: false,
            pagination: None,
            requires_precondition: false,
            query_params: Vec::new(),
            security: Vec::new(),
            schemes: Vec::new(),
        }
    }

    async fn body_of(response: Response) -> (StatusCode, HeaderMap, String) {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
    }

    fn context(method: Method, envelope: bool) -> RequestContext {
        let (parts, ()) = http::Request::builder()
            .method(method)
            .uri("/things/1")
            .body(())
            .unwrap()
            .into_parts();
        let mut ctx = RequestContext::new(&parts, settings(envelope));
        ctx.representation = Some(Representation::new("application/json", 2));
        ctx
    }

    #[tokio::test]
    async fn decoration_and_the_envelope() {
        let mut reply = Reply::new(StatusCode::OK);
        reply.json(&serde_json::json!({"id": 1}), None, "application/json");
        let (status, headers, body) =
            body_of(finish(&context(Method::GET, false), &info(), reply)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":1}"#);
        assert_eq!(headers["content-type"], "application/json; version=2");
        assert!(headers.contains_key("date") && headers.contains_key("etag"));

        let mut reply = Reply::new(StatusCode::OK);
        reply.json(&serde_json::json!({"id": 1}), None, "application/json");
        let (_, _, body) = body_of(finish(&context(Method::GET, true), &info(), reply)).await;
        assert_eq!(body, r#"{"code":200,"status":"success","data":{"id":1}}"#);

        let (status, _, body) = body_of(finish(
            &context(Method::DELETE, true),
            &info(),
            Reply::new(StatusCode::NO_CONTENT),
        ))
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"code":200,"status":"success","data":null}"#);
    }

    #[tokio::test]
    async fn pagination_styles() {
        let page_settings = |in_body: bool| {
            let mut s = (*settings(false)).clone();
            s.pagination_in_body = in_body;
            Arc::new(s)
        };
        for (style, query, range, links) in [
            (
                PageStyle::OffsetLimit,
                "offset=2&limit=2",
                "items 2-3/5",
                vec![
                    "offset=0&limit=2",
                    "offset=3&limit=2",
                    "offset=0&limit=2",
                    "offset=4&limit=2",
                ],
            ),
            (
                PageStyle::StartIndex,
                "pageStartIndex=2&pageSize=2",
                "items 2-3/5",
                vec![
                    "pageStartIndex=0&pageSize=2",
                    "pageStartIndex=3&pageSize=2",
                    "pageStartIndex=0&pageSize=2",
                    "pageStartIndex=4&pageSize=2",
                ],
            ),
            (
                PageStyle::PageSize,
                "page=2&size=2",
                "items 2-3/5",
                vec![
                    "page=1&size=2",
                    "page=3&size=2",
                    "page=1&size=2",
                    "page=3&size=2",
                ],
            ),
        ] {
            let (parts, ()) = http::Request::builder()
                .uri(format!("/things?{query}"))
                .body(())
                .unwrap()
                .into_parts();
            let mut info = info();
            info.pagination = Some(style);
            let settings = page_settings(style == PageStyle::PageSize);
            let mut ctx = RequestContext::new(&parts, settings.clone());
            read_page(&mut ctx, &parts, &info, &settings).unwrap();
            assert_eq!(
                ctx.page,
                Some(Page {
                    offset: 2,
                    limit: 2
                }),
                "{style:?}"
            );
            let mut reply = Reply::new(StatusCode::OK);
            reply.json(
                &serde_json::json!({"data": [1, 2], "links": []}),
                None,
                "application/json",
            );
            reply.total = Some(5);
            let (_, headers, body) = body_of(finish(&ctx, &info, reply)).await;
            assert_eq!(headers["content-range"], range, "{style:?}");
            let body: Value = serde_json::from_str(&body).unwrap();
            let hrefs: Vec<String> = body["links"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    let href = l["href"].as_str().unwrap();
                    href.split_once('?').unwrap().1.to_owned()
                })
                .collect();
            let rels: Vec<&str> = body["links"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["rel"].as_str().unwrap())
                .collect();
            assert_eq!(rels, ["first", "last", "previous", "next"], "{style:?}");
            assert_eq!(hrefs, links, "{style:?}");
            if style == PageStyle::PageSize {
                assert_eq!(
                    body["pagination"],
                    serde_json::json!({"page": 2, "size": 2, "count": 5})
                );
            } else {
                assert!(body.get("pagination").is_none());
            }
        }
    }

    #[test]
    fn deep_object_keys_are_known_query_parameters() {
        let schemas = Schemas::from_json(
            r#"{"$defs": {"F": {"type": "object", "properties": {"status": {"type": "string"}}}}}"#,
        );
        let (parts, ()) = http::Request::builder()
            .uri("/things?filter[status]=open&other=1")
            .body(())
            .unwrap()
            .into_parts();
        let mut info = info();
        info.query_params = vec!["filter"];
        let spec = ParamSpec {
            name: "filter",
            location: Location::Query,
            required: false,
            schema: Some("F"),
            style: "deepObject",
            explode: true,
        };
        let mut v = Violations::new();
        let values = read_params(&schemas, &parts, &[], &[spec], &info, &mut v);
        let targets: Vec<&str> = v.as_slice().iter().map(|x| x.target.as_str()).collect();
        assert_eq!(targets, ["other"]);
        assert_eq!(
            values["query:filter"],
            serde_json::json!({"status": "open"})
        );
    }

    #[test]
    fn header_values_from_types() {
        assert_eq!(header_text(&"a"), Some("a".to_owned()));
        assert_eq!(header_text(&true), Some("true".to_owned()));
        assert_eq!(header_text(&Some(3)), Some("3".to_owned()));
        assert_eq!(header_text(&None::<i32>), None);
        assert_eq!(header_text(&vec!["a", "b"]), Some("a,b".to_owned()));
    }
}
