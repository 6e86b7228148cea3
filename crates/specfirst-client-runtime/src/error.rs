//! Errors of a generated client: the server's error answers parsed from the
//! error schema (RULEBOOK §3.4: the odata shape, §3.4.3 the `simple` and
//! `envelope` shapes, §3.2.1 step 7 the 406 body), and everything else that
//! can go wrong in a call.

use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Map, Value};

/// A boxed error that can cross threads (token providers, sources).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// How error bodies are shaped (`errorShape` + `envelope`, RULEBOOK
/// C-04/C-05). Parsing is tolerant of every shape whatever this says; the
/// shape only settles ambiguous bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorShape {
    /// `{code, message, target?, details?, innererror?}` (§3.4.1).
    #[default]
    OData,
    /// `{id, description}`, or `{elements: [{id, description}, …]}` (§3.4.3).
    Simple,
    /// `{code: <status>, status: "error"|"fail", message, data: <code>}` (§3.3.3).
    Envelope,
    /// The envelope with the odata object as `data` (`envelopeErrorData: object`).
    EnvelopeWithObject,
}

/// The detail code of the 406/415 lists of supported media types.
pub const SUPPORTED_MEDIA_TYPE: &str = "SupportedMediaType";

/// One entry of `details` (or of `elements` in the simple shape).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetail {
    /// Detail code, e.g. `NullValue`.
    pub code: String,
    /// The offending input in API spelling, e.g. `items[2].sku`.
    pub target: Option<String>,
    /// Human-readable message.
    pub message: String,
}

/// An error answer of the server, parsed from the error schema.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The error code of the body; else the standard PascalCase code for the
    /// status (e.g. `NotFound`, see [`standard_code`]).
    pub code: String,
    /// The message of the body; else the canonical reason of the status.
    pub message: String,
    /// The top-level `target`, if any.
    pub target: Option<String>,
    /// The `details` entries (or `elements` of the simple shape).
    pub details: Vec<ErrorDetail>,
    /// The `innererror` object, if any.
    pub innererror: Option<Value>,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw body, always kept.
    pub body: Bytes,
}

impl ApiError {
    /// Tolerant parse of an error answer; never fails. Understands the odata
    /// object `{code, message, target, details, innererror}`, the
    /// `{"error": {…}}` wrapper many APIs use (and OAuth's
    /// `{"error": "…", "error_description": "…"}`), the simple shape
    /// `{id, description}` / `{elements: […]}`, the envelope
    /// `{code, status, message, data}` with a code string or an odata object
    /// as `data`, problem+json `{type, title, status, detail}`, the 406 array
    /// of media types (as `SupportedMediaType` details), and non-JSON bodies
    /// (a short plain text becomes the message; HTML and empty bodies give
    /// the status's canonical reason).
    pub fn from_parts(
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        shape: ErrorShape,
    ) -> ApiError {
        let mut error = ApiError {
            status,
            code: String::new(),
            message: String::new(),
            target: None,
            details: Vec::new(),
            innererror: None,
            headers,
            body,
        };
        match serde_json::from_slice::<Value>(&error.body) {
            Ok(value) => error.read_json(&value, shape),
            Err(_) => {
                if let Some(text) = plain_text(&error.body) {
                    error.message = text;
                }
            }
        }
        if error.code.is_empty() {
            error.code = standard_code(status);
        }
        if error.message.is_empty() {
            error.message = canonical_reason(status);
        }
        error
    }

    /// Fills the fields from a JSON body of any shape.
    fn read_json(&mut self, value: &Value, shape: ErrorShape) {
        match value {
            Value::Object(obj) => self.read_object(obj, shape, 0),
            Value::Array(items) => {
                self.details = items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| ErrorDetail {
                        code: SUPPORTED_MEDIA_TYPE.to_owned(),
                        target: None,
                        message: s.to_owned(),
                    })
                    .collect();
            }
            Value::String(s) => self.message = truncate(s.trim(), 500),
            _ => {}
        }
    }

    fn read_object(&mut self, obj: &Map<String, Value>, shape: ErrorShape, depth: u8) {
        if depth > 4 {
            return;
        }
        let envelope_status = obj
            .get("status")
            .and_then(Value::as_str)
            .is_some_and(|s| matches!(s, "error" | "fail" | "success"));
        let envelope_hint = matches!(shape, ErrorShape::Envelope | ErrorShape::EnvelopeWithObject)
            && obj.get("code").is_some_and(Value::is_number);
        if obj.contains_key("data") && (envelope_status || envelope_hint) {
            // The envelope of §3.3.3.
            if let Some(m) = str_field(obj, "message") {
                self.message = m;
            }
            match obj.get("data") {
                Some(Value::String(code)) => self.code = code.clone(),
                Some(Value::Object(inner)) => {
                    let outer_message = std::mem::take(&mut self.message);
                    self.read_object(inner, ErrorShape::OData, depth + 1);
                    if self.message.is_empty() {
                        self.message = outer_message;
                    }
                }
                _ => {}
            }
            return;
        }
        match obj.get("error") {
            Some(Value::Object(inner)) => {
                // {"error": {...}} (Microsoft, Google, many others).
                self.read_object(inner, shape, depth + 1);
                if self.code.is_empty()
                    && let Some(s) = str_field(inner, "status")
                {
                    self.code = s;
                }
                return;
            }
            Some(Value::String(code)) => {
                // OAuth 2.0 (RFC 6749 §5.2) and similar.
                self.code = code.clone();
                self.message = str_field(obj, "error_description")
                    .or_else(|| str_field(obj, "message"))
                    .unwrap_or_default();
                return;
            }
            _ => {}
        }
        if let Some(elements) = obj.get("elements").and_then(Value::as_array) {
            // The simple shape with several errors.
            self.details = elements
                .iter()
                .filter_map(Value::as_object)
                .map(|e| ErrorDetail {
                    code: str_field(e, "id")
                        .or_else(|| str_field(e, "code"))
                        .unwrap_or_default(),
                    target: str_field(e, "target"),
                    message: str_field(e, "description")
                        .or_else(|| str_field(e, "message"))
                        .unwrap_or_default(),
                })
                .collect();
            if let [only] = self.details.as_slice() {
                self.code = only.code.clone();
                self.message = only.message.clone();
            } else {
                self.message = self
                    .details
                    .iter()
                    .map(|d| d.message.as_str())
                    .filter(|m| !m.is_empty())
                    .collect::<Vec<_>>()
                    .join("; ");
            }
            return;
        }
        // odata, simple, problem+json and ad-hoc objects.
        self.code = str_field(obj, "code")
            .or_else(|| str_field(obj, "id"))
            .or_else(|| str_field(obj, "errorCode"))
            .or_else(|| str_field(obj, "error_code"))
            .unwrap_or_default();
        self.message = [
            "message",
            "description",
            "detail",
            "title",
            "error_description",
            "msg",
        ]
        .iter()
        .find_map(|k| str_field(obj, k))
        .unwrap_or_default();
        self.target = str_field(obj, "target");
        if let Some(details) = obj.get("details").and_then(Value::as_array) {
            self.details = details.iter().filter_map(detail).collect();
        } else if let Some(errors) = obj.get("errors").and_then(Value::as_array) {
            // problem+json extension and other "errors" lists.
            self.details = errors.iter().filter_map(detail).collect();
        }
        if let Some(inner) = obj.get("innererror")
            && !inner.is_null()
        {
            self.innererror = Some(inner.clone());
        }
    }

    /// The body decoded as the operation's documented error type.
    pub fn body_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return serde_json::from_value(Value::Null);
        }
        serde_json::from_slice(&self.body)
    }

    /// `Retry-After` of this answer, if any, relative to now (see
    /// `super::retry::parse_retry_after`).
    pub fn retry_after(&self) -> Option<Duration> {
        super::retry::retry_after(&self.headers)
    }

    /// The media types listed by a 406 answer: a JSON array of strings, or
    /// the `SupportedMediaType` details of an error object (the media type
    /// taken from `target` or `message`, whichever looks like one). When no
    /// detail has that code, every detail naming a media type is taken.
    pub fn supported_media_types(&self) -> Vec<String> {
        let looks_like_media_type = |s: &str| super::media::parse_media_type(s).is_some();
        let pick = |d: &ErrorDetail| -> Option<String> {
            if looks_like_media_type(&d.message) {
                Some(d.message.clone())
            } else {
                d.target.clone().filter(|t| looks_like_media_type(t))
            }
        };
        let tagged: Vec<String> = self
            .details
            .iter()
            .filter(|d| d.code.eq_ignore_ascii_case(SUPPORTED_MEDIA_TYPE))
            .filter_map(pick)
            .collect();
        if tagged.is_empty() {
            self.details.iter().filter_map(pick).collect()
        } else {
            tagged
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

/// A string field of an object; numbers are written as text.
fn str_field(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// One entry of `details` or `errors`: an object, or a plain string.
fn detail(value: &Value) -> Option<ErrorDetail> {
    match value {
        Value::Object(d) => Some(ErrorDetail {
            code: str_field(d, "code")
                .or_else(|| str_field(d, "id"))
                .unwrap_or_default(),
            target: str_field(d, "target")
                .or_else(|| str_field(d, "pointer"))
                .or_else(|| str_field(d, "field")),
            message: ["message", "description", "detail", "title"]
                .iter()
                .find_map(|k| str_field(d, k))
                .unwrap_or_default(),
        }),
        Value::String(s) => Some(ErrorDetail {
            code: String::new(),
            target: None,
            message: s.clone(),
        }),
        _ => None,
    }
}

/// A short human-readable text body (not HTML, not binary), trimmed.
fn plain_text(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?.trim();
    if text.is_empty()
        || text.starts_with('<')
        || text.chars().any(|c| c.is_control() && !c.is_whitespace())
    {
        return None;
    }
    Some(truncate(text, 500))
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// The canonical reason phrase of a status (`Not Found`), or `HTTP <code>`.
pub fn canonical_reason(status: StatusCode) -> String {
    status
        .canonical_reason()
        .map_or_else(|| format!("HTTP {}", status.as_u16()), str::to_owned)
}

/// The standard error code of a status: its reason phrase in PascalCase as
/// RULEBOOK §3.4.1 names them (`NotFound`, `PayloadTooLarge`,
/// `TooManyRequests`); `Http<code>` for a status without a reason phrase.
pub fn standard_code(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => reason
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut chars = w.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect(),
        None => format!("Http{}", status.as_u16()),
    }
}

/// Everything that can go wrong in a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The server answered with an error status (≥ 400), 406 excepted.
    Api {
        /// The operation id.
        operation: &'static str,
        /// The parsed error answer.
        error: Box<ApiError>,
    },
    /// 406 Not Acceptable: the server supports none of the requested
    /// versions/media types.
    UnsupportedVersion {
        /// The operation id.
        operation: &'static str,
        /// The `Accept` header that was sent.
        requested: Option<String>,
        /// What the server offers (`application/json; version=1`, …).
        supported: Vec<String>,
        /// The parsed answer.
        error: Box<ApiError>,
    },
    /// A status the document does not list for this operation (also 1xx/3xx).
    UnexpectedStatus {
        /// The operation id.
        operation: &'static str,
        /// The status received.
        status: StatusCode,
        /// The response headers (boxed to keep `ClientError` small).
        headers: Box<HeaderMap>,
        /// The raw body.
        body: Bytes,
    },
    /// The response `Content-Type` (media type or `version`) is none of the
    /// documented ones, or not the version that was requested.
    UnexpectedContentType {
        /// The operation id.
        operation: &'static str,
        /// The status received.
        status: StatusCode,
        /// The `Content-Type` received, if any.
        content_type: Option<String>,
        /// The documented (or requested) representations.
        expected: Vec<String>,
    },
    /// The body could not be decoded into the documented type.
    Decode {
        /// The operation id.
        operation: &'static str,
        /// The status received.
        status: StatusCode,
        /// The `Content-Type` received, if any.
        content_type: Option<String>,
        /// Where in the body decoding failed, as a JSON path
        /// (`data[0].birthday`); `None` for the top-level value or when
        /// unknown.
        path: Option<String>,
        /// The decoding error.
        source: serde_json::Error,
        /// The first 200 characters of the body.
        excerpt: String,
    },
    /// A documented response header is missing or malformed.
    Header {
        /// The operation id.
        operation: &'static str,
        /// The header name.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// Connection, timeout, TLS, redirect… (after retries).
    Transport {
        /// The operation id.
        operation: &'static str,
        /// The transport error.
        source: reqwest::Error,
    },
    /// The request could not be built: a value that does not serialise, an
    /// invalid header value, a bad base URL, a link to another origin, an
    /// unknown security scheme.
    InvalidRequest {
        /// The operation id (empty for errors of the client builder).
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The response body was larger than the client accepts
    /// (`Builder::max_response_bytes`); reading stopped there.
    ResponseTooLarge {
        /// The operation id.
        operation: &'static str,
        /// The status of the response.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The token provider of a security scheme failed.
    Auth {
        /// The operation id.
        operation: &'static str,
        /// The security scheme name.
        scheme: String,
        /// The provider's error.
        source: BoxError,
    },
}

impl ClientError {
    /// The HTTP status of an answer (Api, UnsupportedVersion,
    /// UnexpectedStatus, UnexpectedContentType, Decode), or of a transport
    /// error that carries one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::Api { error, .. } | ClientError::UnsupportedVersion { error, .. } => {
                Some(error.status)
            }
            ClientError::UnexpectedStatus { status, .. }
            | ClientError::UnexpectedContentType { status, .. }
            | ClientError::Decode { status, .. }
            | ClientError::ResponseTooLarge { status, .. } => Some(*status),
            ClientError::Transport { source, .. } => source.status(),
            _ => None,
        }
    }

    /// The parsed error answer of `Api` and `UnsupportedVersion`.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ClientError::Api { error, .. } | ClientError::UnsupportedVersion { error, .. } => {
                Some(error)
            }
            _ => None,
        }
    }

    /// The operation id of the call (empty for builder errors).
    pub fn operation(&self) -> &'static str {
        match self {
            ClientError::Api { operation, .. }
            | ClientError::UnsupportedVersion { operation, .. }
            | ClientError::UnexpectedStatus { operation, .. }
            | ClientError::UnexpectedContentType { operation, .. }
            | ClientError::Decode { operation, .. }
            | ClientError::Header { operation, .. }
            | ClientError::Transport { operation, .. }
            | ClientError::InvalidRequest { operation, .. }
            | ClientError::ResponseTooLarge { operation, .. }
            | ClientError::Auth { operation, .. } => operation,
        }
    }

    /// An `InvalidRequest` error.
    pub fn invalid(operation: &'static str, message: impl Into<String>) -> ClientError {
        ClientError::InvalidRequest {
            operation,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let op = self.operation();
        if !op.is_empty() {
            write!(f, "{op}: ")?;
        }
        match self {
            ClientError::Api { error, .. } => write!(f, "{error}"),
            ClientError::UnsupportedVersion {
                requested,
                supported,
                ..
            } => {
                write!(
                    f,
                    "406 Not Acceptable: the server supports none of {}",
                    requested
                        .as_deref()
                        .unwrap_or("the requested representations")
                )?;
                if !supported.is_empty() {
                    write!(f, " (it offers {})", supported.join(", "))?;
                }
                Ok(())
            }
            ClientError::UnexpectedStatus { status, .. } => {
                write!(f, "unexpected status {}", status.as_u16())?;
                if let Some(reason) = status.canonical_reason() {
                    write!(f, " {reason}")?;
                }
                Ok(())
            }
            ClientError::UnexpectedContentType {
                status,
                content_type,
                expected,
                ..
            } => write!(
                f,
                "unexpected Content-Type {} in a {} response (expected {})",
                content_type.as_deref().unwrap_or("(none)"),
                status.as_u16(),
                expected.join(", ")
            ),
            ClientError::Decode {
                status,
                path,
                source,
                excerpt,
                ..
            } => {
                write!(f, "cannot decode the {} response body", status.as_u16())?;
                if let Some(path) = path {
                    write!(f, " at {path}")?;
                }
                write!(f, ": {source} (body starts with {excerpt:?})")
            }
            ClientError::Header { name, message, .. } => {
                write!(f, "response header {name}: {message}")
            }
            ClientError::Transport { source, .. } => {
                write!(f, "transport error: {source}")?;
                let mut inner = std::error::Error::source(source);
                while let Some(e) = inner {
                    write!(f, ": {e}")?;
                    inner = e.source();
                }
                Ok(())
            }
            ClientError::InvalidRequest { message, .. } => write!(f, "invalid request: {message}"),
            ClientError::ResponseTooLarge { status, limit, .. } => write!(
                f,
                "the {} response body is larger than the limit of {limit} bytes",
                status.as_u16()
            ),
            ClientError::Auth { scheme, source, .. } => {
                write!(f, "credential of security scheme {scheme}: {source}")
            }
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api { error, .. } | ClientError::UnsupportedVersion { error, .. } => {
                Some(error.as_ref())
            }
            ClientError::Decode { source, .. } => Some(source),
            ClientError::Transport { source, .. } => Some(source),
            ClientError::Auth { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn parse(status: u16, body: &str, shape: ErrorShape) -> ApiError {
        ApiError::from_parts(
            StatusCode::from_u16(status).unwrap(),
            HeaderMap::new(),
            Bytes::from(body.to_owned()),
            shape,
        )
    }

    #[test]
    fn odata() {
        let e = parse(
            400,
            r#"{"code":"BadArgument","message":"Multiple errors in contactInfo data","target":"contactInfo","details":[{"code":"NullValue","target":"phoneNumber","message":"Phone number must not be null"},{"code":"MalformedValue","target":"address","message":"Address is not valid"}],"innererror":{"code":"X"}}"#,
            ErrorShape::OData,
        );
        assert_eq!(e.code, "BadArgument");
        assert_eq!(e.message, "Multiple errors in contactInfo data");
        assert_eq!(e.target.as_deref(), Some("contactInfo"));
        assert_eq!(e.details.len(), 2);
        assert_eq!(
            e.details[0],
            ErrorDetail {
                code: "NullValue".into(),
                target: Some("phoneNumber".into()),
                message: "Phone number must not be null".into()
            }
        );
        assert_eq!(e.innererror, Some(serde_json::json!({"code": "X"})));
        assert_eq!(
            e.to_string(),
            "400 BadArgument: Multiple errors in contactInfo data"
        );
        let v: Value = e.body_as().unwrap();
        assert_eq!(v["target"], "contactInfo");
    }

    #[test]
    fn error_wrapper() {
        let e = parse(
            404,
            r#"{"error":{"code":"ResourceNotFound","message":"Book 42 does not exist","target":"id"}}"#,
            ErrorShape::OData,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("ResourceNotFound", "Book 42 does not exist")
        );
        assert_eq!(e.target.as_deref(), Some("id"));
        // Google style: numeric code, status string.
        let e = parse(
            403,
            r#"{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}"#,
            ErrorShape::OData,
        );
        assert_eq!(e.code, "PERMISSION_DENIED");
        assert_eq!(e.message, "The caller does not have permission");
        // OAuth.
        let e = parse(
            401,
            r#"{"error":"invalid_token","error_description":"The token expired"}"#,
            ErrorShape::OData,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("invalid_token", "The token expired")
        );
    }

    #[test]
    fn simple() {
        let e = parse(
            400,
            r#"{"id":"BadArgument","description":"Failed to update /users/1234"}"#,
            ErrorShape::Simple,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("BadArgument", "Failed to update /users/1234")
        );
        let e = parse(
            400,
            r#"{"elements":[{"id":"NullValue","description":"a is null"},{"id":"MalformedValue","description":"b is bad"}]}"#,
            ErrorShape::Simple,
        );
        assert_eq!(e.code, "BadRequest");
        assert_eq!(e.message, "a is null; b is bad");
        assert_eq!(e.details.len(), 2);
        assert_eq!(e.details[1].code, "MalformedValue");
    }

    #[test]
    fn envelopes() {
        let e = parse(
            404,
            r#"{"code":404,"status":"error","message":"resource XYZ not found","data":"NotFound"}"#,
            ErrorShape::Envelope,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("NotFound", "resource XYZ not found")
        );
        // Parsed the same whatever the configured shape.
        let e = parse(
            503,
            r#"{"code":503,"status":"fail","message":"Service temporarily unavailable","data":"ServiceUnavailable"}"#,
            ErrorShape::OData,
        );
        assert_eq!(e.code, "ServiceUnavailable");
        let e = parse(
            400,
            r#"{"code":400,"status":"error","message":"Multiple errors in request","data":{"code":"BadArgument","message":"Multiple errors in request","details":[{"code":"NullValue","target":"name","message":"name is required"}]}}"#,
            ErrorShape::EnvelopeWithObject,
        );
        assert_eq!(e.code, "BadArgument");
        assert_eq!(e.details[0].target.as_deref(), Some("name"));
    }

    #[test]
    fn problem_json() {
        let e = parse(
            403,
            r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc"}"#,
            ErrorShape::OData,
        );
        assert_eq!(e.code, "Forbidden");
        assert_eq!(e.message, "Your current balance is 30, but that costs 50.");
        let e = parse(
            400,
            r#"{"title":"Invalid","status":400,"errors":[{"detail":"must be positive","pointer":"/age"}]}"#,
            ErrorShape::OData,
        );
        assert_eq!(e.message, "Invalid");
        assert_eq!(e.details[0].target.as_deref(), Some("/age"));
    }

    #[test]
    fn non_json_bodies() {
        let e = parse(
            502,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            ErrorShape::OData,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("BadGateway", "Bad Gateway")
        );
        assert_eq!(e.body.len(), 50);
        let e = parse(500, "upstream exploded\n", ErrorShape::OData);
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("InternalServerError", "upstream exploded")
        );
        let e = parse(404, "", ErrorShape::OData);
        assert_eq!(e.to_string(), "404 NotFound: Not Found");
        assert!(e.body_as::<Option<Value>>().unwrap().is_none());
        let e = parse(429, "", ErrorShape::OData);
        assert_eq!(e.code, "TooManyRequests");
        let e = parse(413, "{}", ErrorShape::OData);
        assert_eq!(e.code, "PayloadTooLarge");
        let e = parse(499, "[1, 2", ErrorShape::OData);
        // Broken JSON is kept as text.
        assert_eq!(e.to_string(), "499 Http499: [1, 2");
        let e = parse(499, "", ErrorShape::OData);
        assert_eq!(e.to_string(), "499 Http499: HTTP 499");
        let e = ApiError::from_parts(
            StatusCode::BAD_REQUEST,
            HeaderMap::new(),
            Bytes::from_static(&[0xff, 0xfe, 0x00]),
            ErrorShape::OData,
        );
        assert_eq!(e.message, "Bad Request");
        let e = parse(
            400,
            r#"{"message":"Validation Failed","documentation_url":"x"}"#,
            ErrorShape::OData,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("BadRequest", "Validation Failed")
        );
        let e = parse(400, r#""just a string""#, ErrorShape::OData);
        assert_eq!(e.message, "just a string");
        let e = parse(400, "42", ErrorShape::OData);
        assert_eq!(e.message, "Bad Request");
    }

    #[test]
    fn not_acceptable_bodies() {
        let e = parse(
            406,
            r#"["application/json; version=1", "application/json; version=2"]"#,
            ErrorShape::OData,
        );
        assert_eq!(e.code, "NotAcceptable");
        assert_eq!(
            e.supported_media_types(),
            ["application/json; version=1", "application/json; version=2"]
        );
        let e = parse(
            406,
            r#"{"code":"NotAcceptable","message":"None of the acceptable media types is supported","details":[{"code":"SupportedMediaType","message":"application/json; version=1"},{"code":"SupportedMediaType","target":"application/json; version=2","message":"supported"}]}"#,
            ErrorShape::OData,
        );
        assert_eq!(
            e.supported_media_types(),
            ["application/json; version=1", "application/json; version=2"]
        );
        let e = parse(
            406,
            r#"{"code":406,"status":"error","message":"no","data":{"code":"NotAcceptable","message":"no","details":[{"code":"SupportedMediaType","message":"application/json; version=3"}]}}"#,
            ErrorShape::EnvelopeWithObject,
        );
        assert_eq!(e.supported_media_types(), ["application/json; version=3"]);
        assert!(
            parse(406, "nope", ErrorShape::OData)
                .supported_media_types()
                .is_empty()
        );
    }

    #[test]
    fn retry_after_header() {
        let mut headers = HeaderMap::new();
        headers.insert(
            reqwest::header::RETRY_AFTER,
            HeaderValue::from_static("120"),
        );
        let e = ApiError::from_parts(
            StatusCode::SERVICE_UNAVAILABLE,
            headers,
            Bytes::new(),
            ErrorShape::OData,
        );
        assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));
        assert_eq!(parse(503, "", ErrorShape::OData).retry_after(), None);
    }

    #[test]
    fn client_error_display() {
        let e = ClientError::Api {
            operation: "getBook",
            error: Box::new(parse(
                404,
                r#"{"code":"NotFound","message":"Book 42 does not exist"}"#,
                ErrorShape::OData,
            )),
        };
        assert_eq!(
            e.to_string(),
            "getBook: 404 NotFound: Book 42 does not exist"
        );
        assert_eq!(e.status(), Some(StatusCode::NOT_FOUND));
        assert_eq!(e.operation(), "getBook");
        assert!(e.api_error().is_some());
        assert!(std::error::Error::source(&e).is_some());
        let e = ClientError::invalid("", "bad base URL");
        assert_eq!(e.to_string(), "invalid request: bad base URL");
        assert_eq!(e.status(), None);
    }
}
