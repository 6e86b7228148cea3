//! The error schema and the standard error responses: RULEBOOK §3.4
//! (§3.4.1 the odata shape and the status mapping, §3.4.3 the `simple` and
//! `envelope` shapes), plus the 406 body of §3.2.1 step 7 (C-18).
//!
//! One [`ApiError`] type serves all three `errorShape` options; the shape is
//! chosen at runtime with [`ErrorShape`].

use axum::response::{IntoResponse, Response};
use http::header::{ALLOW, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Map, Value, json};

use super::negotiation::RequestMediaError;

/// Error codes of §3.4.1 and §3.4.2 (PascalCase, never localized).
pub mod codes {
    /// 400: unparseable body, invalid UTF-8, a body on GET/HEAD/DELETE.
    pub const BAD_REQUEST: &str = "BadRequest";
    /// 400: schema, type or parameter violations (§3.4.2).
    pub const BAD_ARGUMENT: &str = "BadArgument";
    /// 403: a request over plain HTTP.
    pub const HTTPS_REQUIRED: &str = "HttpsRequired";
    /// 401: credentials missing, invalid or expired.
    pub const UNAUTHORIZED: &str = "Unauthorized";
    /// 403: authenticated but not permitted.
    pub const FORBIDDEN: &str = "Forbidden";
    /// 404: unknown route or resource.
    pub const NOT_FOUND: &str = "NotFound";
    /// 405: method not defined on the path.
    pub const METHOD_NOT_ALLOWED: &str = "MethodNotAllowed";
    /// 406 with `notAcceptableBody: error-object`.
    pub const NOT_ACCEPTABLE: &str = "NotAcceptable";
    /// 409: state conflict.
    pub const CONFLICT: &str = "Conflict";
    /// 410: deleted, with `deletedResourceStatus: 410`.
    pub const GONE: &str = "Gone";
    /// 411: POST or PUT without `Content-Length`.
    pub const LENGTH_REQUIRED: &str = "LengthRequired";
    /// 412: precondition failed.
    pub const PRECONDITION_FAILED: &str = "PreconditionFailed";
    /// 413: body larger than `maxBodyBytes`.
    pub const PAYLOAD_TOO_LARGE: &str = "PayloadTooLarge";
    /// 415: `Content-Type` or charset not supported.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "UnsupportedMediaType";
    /// 422: a semantic or business rule is violated.
    pub const UNPROCESSABLE_ENTITY: &str = "UnprocessableEntity";
    /// 428 (or 403/409 under C-14): precondition header missing.
    pub const PRECONDITION_REQUIRED: &str = "PreconditionRequired";
    /// 500: unhandled error.
    pub const INTERNAL_SERVER_ERROR: &str = "InternalServerError";
    /// 501: method token not implemented by the server.
    pub const NOT_IMPLEMENTED: &str = "NotImplemented";
    /// 502: an upstream service returned an invalid response.
    pub const BAD_GATEWAY: &str = "BadGateway";
    /// 503: overload or maintenance.
    pub const SERVICE_UNAVAILABLE: &str = "ServiceUnavailable";
    /// Detail code: a required value is missing or null.
    pub const NULL_VALUE: &str = "NullValue";
    /// Detail code: wrong type, format or pattern.
    pub const MALFORMED_VALUE: &str = "MalformedValue";
    /// Detail code: outside minimum/maximum, length or item-count bounds.
    pub const OUT_OF_RANGE: &str = "OutOfRange";
    /// Detail code: not one of the allowed values.
    pub const INVALID_VALUE: &str = "InvalidValue";
    /// Detail code: a property or filter/sort/fields name that is not allowed.
    pub const UNKNOWN_FIELD: &str = "UnknownField";
    /// Detail code: an undeclared query parameter.
    pub const UNKNOWN_PARAMETER: &str = "UnknownParameter";
    /// Detail code of the 406/415 lists of supported media types.
    pub const SUPPORTED_MEDIA_TYPE: &str = "SupportedMediaType";
}

/// The fixed message of every 500 response (ERROR-007).
pub const INTERNAL_ERROR_MESSAGE: &str = "An internal error occurred.";

/// The message of a missing precondition (§3.9).
pub const PRECONDITION_REQUIRED_MESSAGE: &str =
    "This request must be conditional: send If-Match with the ETag from GET";

/// Option `errorShape` (C-05), plus `envelopeErrorData: object`.
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

/// One entry of `details`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDetail {
    /// Detail code, e.g. `NullValue`.
    pub code: String,
    /// The offending input in API spelling, e.g. `items[2].sku`.
    pub target: Option<String>,
    /// Human-readable message.
    pub message: String,
}

impl ErrorDetail {
    /// A detail with a target.
    pub fn new(code: &str, target: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            target: target.map(str::to_owned),
            message: message.into(),
        }
    }
}

/// An error response: status, error-schema fields and extra headers.
/// Its [`IntoResponse`] always answers `Content-Type: application/json` with
/// the configured shape. 5xx responses never carry `target`, `details` or
/// `innererror`, and their message is fixed per status.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Top-level code.
    pub code: String,
    /// Top-level message.
    pub message: String,
    /// The body shape.
    pub shape: ErrorShape,
    /// `target`, `details`, `innererror` and extra headers, boxed to keep
    /// `Result<_, ApiError>` small.
    extra: Box<ErrorExtra>,
}

/// The optional parts of an [`ApiError`].
#[derive(Debug, Clone, Default)]
struct ErrorExtra {
    target: Option<String>,
    details: Vec<ErrorDetail>,
    innererror: Option<Value>,
    headers: HeaderMap,
}

impl ApiError {
    /// An error with the given status, code and message, in the default shape.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            shape: ErrorShape::default(),
            extra: Box::default(),
        }
    }

    /// The top-level `target`.
    pub fn target(&self) -> Option<&str> {
        self.extra.target.as_deref()
    }

    /// The `details` entries.
    pub fn details(&self) -> &[ErrorDetail] {
        &self.extra.details
    }

    /// The `innererror` object.
    pub fn innererror(&self) -> Option<&Value> {
        self.extra.innererror.as_ref()
    }

    /// The extra response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.extra.headers
    }

    /// An error whose code and message are the standard ones for `status`
    /// ([`standard_code`], [`standard_message`]).
    pub fn from_status(status: StatusCode) -> Self {
        Self::new(status, standard_code(status), standard_message(status))
    }

    /// Sets `target`.
    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.extra.target = Some(target.into());
        self
    }

    /// Sets `details`.
    pub fn with_details(mut self, details: Vec<ErrorDetail>) -> Self {
        self.extra.details = details;
        self
    }

    /// Sets `innererror`.
    pub fn with_innererror(mut self, innererror: Value) -> Self {
        self.extra.innererror = Some(innererror);
        self
    }

    /// Adds a response header. Values that are not valid header values are
    /// dropped.
    pub fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.extra.headers.append(name, v);
        }
        self
    }

    /// Sets the body shape.
    pub fn with_shape(mut self, shape: ErrorShape) -> Self {
        self.shape = shape;
        self
    }

    /// 400 `BadRequest`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, message)
    }

    /// 400 `BadRequest` for a body on GET, HEAD or DELETE (§3.1).
    pub fn body_not_allowed() -> Self {
        Self::bad_request("This method does not take a request body")
    }

    /// 403 `HttpsRequired` (§3.1).
    pub fn https_required() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            codes::HTTPS_REQUIRED,
            "Requests must use HTTPS",
        )
    }

    /// 401 `Unauthorized` with the `WWW-Authenticate` value (§3.7.9).
    pub fn unauthorized(www_authenticate: &str) -> Self {
        Self::from_status(StatusCode::UNAUTHORIZED).with_header(WWW_AUTHENTICATE, www_authenticate)
    }

    /// 403 `Forbidden`.
    pub fn forbidden() -> Self {
        Self::from_status(StatusCode::FORBIDDEN)
    }

    /// 404 `NotFound`.
    pub fn not_found() -> Self {
        Self::from_status(StatusCode::NOT_FOUND)
    }

    /// 405 `MethodNotAllowed` with `Allow` (build it with
    /// `super::headers::allow_value`).
    pub fn method_not_allowed(allow: &str) -> Self {
        Self::from_status(StatusCode::METHOD_NOT_ALLOWED).with_header(ALLOW, allow)
    }

    /// 409 `Conflict`.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, codes::CONFLICT, message)
    }

    /// 410 `Gone`.
    pub fn gone() -> Self {
        Self::from_status(StatusCode::GONE)
    }

    /// 411 `LengthRequired`.
    pub fn length_required() -> Self {
        Self::from_status(StatusCode::LENGTH_REQUIRED)
    }

    /// 412 `PreconditionFailed`.
    pub fn precondition_failed() -> Self {
        Self::from_status(StatusCode::PRECONDITION_FAILED)
    }

    /// 413 `PayloadTooLarge`.
    pub fn payload_too_large() -> Self {
        Self::from_status(StatusCode::PAYLOAD_TOO_LARGE)
    }

    /// 415 `UnsupportedMediaType`; `details` list the supported types as
    /// `{code: "SupportedMediaType", message: <type>}` (§3.2.2).
    pub fn unsupported_media_type(supported: &[String]) -> Self {
        Self::from_status(StatusCode::UNSUPPORTED_MEDIA_TYPE).with_details(
            supported
                .iter()
                .map(|t| ErrorDetail::new(codes::SUPPORTED_MEDIA_TYPE, None, t.clone()))
                .collect(),
        )
    }

    /// 422 `UnprocessableEntity` (`validationErrorStatus: split`).
    pub fn unprocessable(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::UNPROCESSABLE_ENTITY,
            message,
        )
    }

    /// `PreconditionRequired` with `missingPreconditionStatus` (428, 403 or
    /// 409; C-14) and the fixed message of §3.9.
    pub fn precondition_required(status: StatusCode) -> Self {
        Self::new(
            status,
            codes::PRECONDITION_REQUIRED,
            PRECONDITION_REQUIRED_MESSAGE,
        )
    }

    /// 500 `InternalServerError` with the fixed message.
    pub fn internal() -> Self {
        Self::from_status(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// 501 `NotImplemented`.
    pub fn not_implemented() -> Self {
        Self::from_status(StatusCode::NOT_IMPLEMENTED)
    }

    /// 502 `BadGateway`.
    pub fn bad_gateway() -> Self {
        Self::from_status(StatusCode::BAD_GATEWAY)
    }

    /// 503 `ServiceUnavailable`, with `Retry-After` when the delay is known
    /// (§3.7.8; build it with `super::headers::retry_after_*`).
    pub fn service_unavailable(retry_after: Option<&str>) -> Self {
        let e = Self::from_status(StatusCode::SERVICE_UNAVAILABLE);
        match retry_after {
            Some(v) => e.with_header(RETRY_AFTER, v),
            None => e,
        }
    }

    /// 406 with `notAcceptableBody: error-object` (C-18): code
    /// `NotAcceptable`, one `SupportedMediaType` detail per supported
    /// `"<type>; version=<n>"`.
    pub fn not_acceptable(supported: &[String]) -> Self {
        Self::from_status(StatusCode::NOT_ACCEPTABLE).with_details(
            supported
                .iter()
                .map(|t| ErrorDetail::new(codes::SUPPORTED_MEDIA_TYPE, None, t.clone()))
                .collect(),
        )
    }

    /// The message actually sent: fixed for 5xx statuses.
    fn public_message(&self) -> &str {
        if self.status.is_server_error() {
            standard_message(self.status)
        } else {
            &self.message
        }
    }

    /// The odata object of §3.4.1 (ERROR-003), absent fields omitted.
    pub fn odata_body(&self) -> Value {
        let mut obj = Map::new();
        obj.insert("code".to_owned(), Value::from(self.code.as_str()));
        obj.insert("message".to_owned(), Value::from(self.public_message()));
        if !self.status.is_server_error() {
            if let Some(target) = &self.extra.target {
                obj.insert("target".to_owned(), Value::from(target.as_str()));
            }
            if !self.extra.details.is_empty() {
                let details = self
                    .extra
                    .details
                    .iter()
                    .map(|d| {
                        let mut m = Map::new();
                        m.insert("code".to_owned(), Value::from(d.code.as_str()));
                        if let Some(t) = &d.target {
                            m.insert("target".to_owned(), Value::from(t.as_str()));
                        }
                        m.insert("message".to_owned(), Value::from(d.message.as_str()));
                        Value::Object(m)
                    })
                    .collect();
                obj.insert("details".to_owned(), Value::Array(details));
            }
            if let Some(inner) = &self.extra.innererror {
                obj.insert("innererror".to_owned(), inner.clone());
            }
        }
        Value::Object(obj)
    }

    /// The body in the configured shape.
    pub fn body(&self) -> Value {
        match self.shape {
            ErrorShape::OData => self.odata_body(),
            ErrorShape::Simple => {
                if self.extra.details.is_empty() || self.status.is_server_error() {
                    json!({"id": self.code, "description": self.public_message()})
                } else {
                    let elements: Vec<Value> = self
                        .extra
                        .details
                        .iter()
                        .map(|d| json!({"id": d.code, "description": d.message}))
                        .collect();
                    json!({ "elements": elements })
                }
            }
            ErrorShape::Envelope | ErrorShape::EnvelopeWithObject => {
                let status = if self.status.is_server_error() {
                    "fail"
                } else {
                    "error"
                };
                let data = if self.shape == ErrorShape::Envelope {
                    Value::from(self.code.as_str())
                } else {
                    self.odata_body()
                };
                json!({
                    "code": self.status.as_u16(),
                    "status": status,
                    "message": self.public_message(),
                    "data": data,
                })
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body()).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        for (name, value) in &self.extra.headers {
            headers.append(name, value.clone());
        }
        response
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

/// The 406 response of §3.2.1 step 7 with `notAcceptableBody:
/// media-type-array`: `Content-Type: application/json` and a JSON array of
/// `"<type>; version=<n>"` strings.
pub fn not_acceptable_array(supported: &[String]) -> Response {
    let body = serde_json::to_vec(supported).unwrap_or_default();
    let mut response = (StatusCode::NOT_ACCEPTABLE, body).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Option `notAcceptableBody` (C-18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotAcceptableBody {
    /// A JSON array of `"<type>; version=<n>"` strings (default).
    #[default]
    MediaTypeArray,
    /// The error object with one `SupportedMediaType` detail per entry.
    ErrorObject,
}

/// The answer to a failed negotiation (§3.2.1 step 7): `status` is 406, or
/// `unsupportedRequestVersionStatus` (406 or 415, C-32) for an unsupported
/// version in the request `Content-Type`; `supported` lists every pair of S
/// (see `super::negotiation::supported_media_types`).
pub fn negotiation_failure_response(
    status: StatusCode,
    supported: &[String],
    body: NotAcceptableBody,
    shape: ErrorShape,
) -> Response {
    match body {
        NotAcceptableBody::MediaTypeArray => {
            let mut response = not_acceptable_array(supported);
            *response.status_mut() = status;
            response
        }
        NotAcceptableBody::ErrorObject => {
            let mut e = ApiError::not_acceptable(supported).with_shape(shape);
            if status != StatusCode::NOT_ACCEPTABLE {
                e.status = status;
                e.code = standard_code(status).to_owned();
                e.message = standard_message(status).to_owned();
            }
            e.into_response()
        }
    }
}

/// The answer to a refused request body `Content-Type` (§3.2.2): 415
/// `UnsupportedMediaType` (with the supported types as details) for a
/// missing, unknown or non-UTF-8 type; for an unsupported version, the
/// negotiation failure of [`negotiation_failure_response`] with
/// `version_status`, listing `supported_versions`.
pub fn request_media_response(
    error: RequestMediaError,
    version_status: StatusCode,
    supported_versions: &[String],
    body: NotAcceptableBody,
    shape: ErrorShape,
) -> Response {
    match error {
        RequestMediaError::Missing => ApiError::from_status(StatusCode::UNSUPPORTED_MEDIA_TYPE)
            .with_shape(shape)
            .into_response(),
        RequestMediaError::UnsupportedMediaType(types) => ApiError::unsupported_media_type(&types)
            .with_shape(shape)
            .into_response(),
        RequestMediaError::UnsupportedCharset(charset) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            codes::UNSUPPORTED_MEDIA_TYPE,
            format!("The charset {charset} is not supported; use utf-8"),
        )
        .with_shape(shape)
        .into_response(),
        RequestMediaError::UnsupportedVersion => {
            negotiation_failure_response(version_status, supported_versions, body, shape)
        }
    }
}

/// The code of §3.4.1 for a status (PascalCase reason phrase).
pub fn standard_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => codes::BAD_REQUEST,
        401 => codes::UNAUTHORIZED,
        403 => codes::FORBIDDEN,
        404 => codes::NOT_FOUND,
        405 => codes::METHOD_NOT_ALLOWED,
        406 => codes::NOT_ACCEPTABLE,
        409 => codes::CONFLICT,
        410 => codes::GONE,
        411 => codes::LENGTH_REQUIRED,
        412 => codes::PRECONDITION_FAILED,
        413 => codes::PAYLOAD_TOO_LARGE,
        415 => codes::UNSUPPORTED_MEDIA_TYPE,
        422 => codes::UNPROCESSABLE_ENTITY,
        428 => codes::PRECONDITION_REQUIRED,
        501 => codes::NOT_IMPLEMENTED,
        502 => codes::BAD_GATEWAY,
        503 => codes::SERVICE_UNAVAILABLE,
        s if s >= 500 => codes::INTERNAL_SERVER_ERROR,
        _ => codes::BAD_REQUEST,
    }
}

/// The default message for a status. For 5xx statuses this is the fixed
/// message that is always sent.
pub fn standard_message(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "The request is malformed",
        401 => "Authentication is required",
        403 => "Access to this resource is forbidden",
        404 => "The resource was not found",
        405 => "The method is not allowed on this resource",
        406 => "None of the acceptable media types is supported",
        409 => "The request conflicts with the current state of the resource",
        410 => "The resource is gone",
        411 => "Content-Length is required",
        412 => "A precondition failed",
        413 => "The request body is too large",
        415 => "The media type of the request body is not supported",
        422 => "The request is not valid",
        428 => PRECONDITION_REQUIRED_MESSAGE,
        501 => "The method is not implemented",
        502 => "An upstream service returned an invalid response",
        503 => "Service temporarily unavailable",
        s if s >= 500 => INTERNAL_ERROR_MESSAGE,
        _ => "The request failed",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    async fn parts(response: Response) -> (StatusCode, HeaderMap, Value) {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, headers, serde_json::from_slice(&bytes).unwrap())
    }

    #[test]
    fn odata_multiple_errors_example() {
        let e = ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::BAD_ARGUMENT,
            "Multiple errors in contactInfo data",
        )
        .with_target("contactInfo")
        .with_details(vec![
            ErrorDetail::new(
                codes::NULL_VALUE,
                Some("phoneNumber"),
                "Phone number must not be null",
            ),
            ErrorDetail::new(
                codes::NULL_VALUE,
                Some("lastName"),
                "Last name must not be null",
            ),
            ErrorDetail::new(
                codes::MALFORMED_VALUE,
                Some("address"),
                "Address is not valid",
            ),
        ]);
        assert_eq!(
            serde_json::to_string(&e.body()).unwrap(),
            r#"{"code":"BadArgument","message":"Multiple errors in contactInfo data","target":"contactInfo","details":[{"code":"NullValue","target":"phoneNumber","message":"Phone number must not be null"},{"code":"NullValue","target":"lastName","message":"Last name must not be null"},{"code":"MalformedValue","target":"address","message":"Address is not valid"}]}"#
        );
    }

    #[test]
    fn odata_omits_absent_fields() {
        assert_eq!(
            ApiError::not_found().body(),
            json!({"code": "NotFound", "message": "The resource was not found"})
        );
    }

    #[test]
    fn server_errors_do_not_leak() {
        let e = ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL_SERVER_ERROR,
            "db: password=hunter2",
        )
        .with_target("x")
        .with_details(vec![ErrorDetail::new("A", None, "b")])
        .with_innererror(json!({"trace": "..."}));
        assert_eq!(
            e.body(),
            json!({"code": "InternalServerError", "message": "An internal error occurred."})
        );
        assert_eq!(
            e.clone().with_shape(ErrorShape::Simple).body(),
            json!({"id": "InternalServerError", "description": "An internal error occurred."})
        );
        assert_eq!(
            e.with_shape(ErrorShape::Envelope).body(),
            json!({"code": 500, "status": "fail", "message": "An internal error occurred.", "data": "InternalServerError"})
        );
    }

    #[test]
    fn simple_shape() {
        let one = ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::BAD_ARGUMENT,
            "Failed to update /users/1234",
        )
        .with_shape(ErrorShape::Simple);
        assert_eq!(
            one.body(),
            json!({"id": "BadArgument", "description": "Failed to update /users/1234"})
        );
        let many = one.with_details(vec![
            ErrorDetail::new(codes::NULL_VALUE, Some("a"), "a is null"),
            ErrorDetail::new(codes::MALFORMED_VALUE, Some("b"), "b is bad"),
        ]);
        assert_eq!(
            many.body(),
            json!({"elements": [{"id": "NullValue", "description": "a is null"}, {"id": "MalformedValue", "description": "b is bad"}]})
        );
    }

    #[test]
    fn envelope_shapes() {
        let e = ApiError::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            "resource XYZ not found",
        );
        assert_eq!(
            serde_json::to_string(&e.clone().with_shape(ErrorShape::Envelope).body()).unwrap(),
            r#"{"code":404,"status":"error","message":"resource XYZ not found","data":"NotFound"}"#
        );
        assert_eq!(
            e.with_shape(ErrorShape::EnvelopeWithObject).body(),
            json!({"code": 404, "status": "error", "message": "resource XYZ not found",
                   "data": {"code": "NotFound", "message": "resource XYZ not found"}})
        );
        assert_eq!(
            ApiError::service_unavailable(None)
                .with_shape(ErrorShape::Envelope)
                .body(),
            json!({"code": 503, "status": "fail", "message": "Service temporarily unavailable", "data": "ServiceUnavailable"})
        );
    }

    #[test]
    fn standard_codes() {
        let cases = [
            (400, "BadRequest"),
            (401, "Unauthorized"),
            (403, "Forbidden"),
            (404, "NotFound"),
            (405, "MethodNotAllowed"),
            (406, "NotAcceptable"),
            (409, "Conflict"),
            (410, "Gone"),
            (411, "LengthRequired"),
            (412, "PreconditionFailed"),
            (413, "PayloadTooLarge"),
            (415, "UnsupportedMediaType"),
            (422, "UnprocessableEntity"),
            (428, "PreconditionRequired"),
            (500, "InternalServerError"),
            (501, "NotImplemented"),
            (502, "BadGateway"),
            (503, "ServiceUnavailable"),
            (504, "InternalServerError"),
        ];
        for (status, code) in cases {
            assert_eq!(
                standard_code(StatusCode::from_u16(status).unwrap()),
                code,
                "{status}"
            );
        }
    }

    #[test]
    fn precondition_required_uses_configured_status() {
        let e = ApiError::precondition_required(StatusCode::CONFLICT);
        assert_eq!(e.status, StatusCode::CONFLICT);
        assert_eq!(
            e.body(),
            json!({"code": "PreconditionRequired", "message": "This request must be conditional: send If-Match with the ETag from GET"})
        );
    }

    #[tokio::test]
    async fn into_response_sets_json_and_extra_headers() {
        let (status, headers, body) =
            parts(ApiError::method_not_allowed("GET, HEAD, OPTIONS").into_response()).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(headers[CONTENT_TYPE], "application/json");
        assert_eq!(headers[ALLOW], "GET, HEAD, OPTIONS");
        assert_eq!(
            body,
            json!({"code": "MethodNotAllowed", "message": "The method is not allowed on this resource"})
        );

        let (status, headers, body) =
            parts(ApiError::service_unavailable(Some("120")).into_response()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(headers[RETRY_AFTER], "120");
        assert_eq!(body["code"], "ServiceUnavailable");
    }

    #[tokio::test]
    async fn negotiation_and_request_media_failures() {
        let list = vec!["application/json; version=1".to_owned()];
        let r = negotiation_failure_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &list,
            NotAcceptableBody::MediaTypeArray,
            ErrorShape::OData,
        );
        let (status, _, body) = parts(r).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(body, json!(["application/json; version=1"]));
        let r = negotiation_failure_response(
            StatusCode::NOT_ACCEPTABLE,
            &list,
            NotAcceptableBody::ErrorObject,
            ErrorShape::OData,
        );
        let (status, _, body) = parts(r).await;
        assert_eq!(status, StatusCode::NOT_ACCEPTABLE);
        assert_eq!(body["code"], "NotAcceptable");
        assert_eq!(body["details"][0]["message"], "application/json; version=1");
        let r = request_media_response(
            RequestMediaError::UnsupportedCharset("latin1".to_owned()),
            StatusCode::NOT_ACCEPTABLE,
            &list,
            NotAcceptableBody::MediaTypeArray,
            ErrorShape::OData,
        );
        let (status, _, body) = parts(r).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            body,
            json!({"code": "UnsupportedMediaType", "message": "The charset latin1 is not supported; use utf-8"})
        );
        let r = request_media_response(
            RequestMediaError::UnsupportedVersion,
            StatusCode::NOT_ACCEPTABLE,
            &list,
            NotAcceptableBody::MediaTypeArray,
            ErrorShape::OData,
        );
        let (status, _, body) = parts(r).await;
        assert_eq!(status, StatusCode::NOT_ACCEPTABLE);
        assert_eq!(body, json!(["application/json; version=1"]));
        let r = request_media_response(
            RequestMediaError::Missing,
            StatusCode::NOT_ACCEPTABLE,
            &list,
            NotAcceptableBody::MediaTypeArray,
            ErrorShape::Simple,
        );
        let (status, _, body) = parts(r).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            body,
            json!({"id": "UnsupportedMediaType", "description": "The media type of the request body is not supported"})
        );
    }

    #[tokio::test]
    async fn not_acceptable_bodies() {
        let list = vec![
            "application/json; version=1".to_owned(),
            "application/json; version=2".to_owned(),
        ];
        let (status, headers, body) = parts(not_acceptable_array(&list)).await;
        assert_eq!(status, StatusCode::NOT_ACCEPTABLE);
        assert_eq!(headers[CONTENT_TYPE], "application/json");
        assert_eq!(
            body,
            json!(["application/json; version=1", "application/json; version=2"])
        );
        let (_, _, body) = parts(ApiError::not_acceptable(&list).into_response()).await;
        assert_eq!(
            body,
            json!({"code": "NotAcceptable", "message": "None of the acceptable media types is supported",
                   "details": [{"code": "SupportedMediaType", "message": "application/json; version=1"},
                               {"code": "SupportedMediaType", "message": "application/json; version=2"}]})
        );
        let (status, _, body) = parts(
            ApiError::unsupported_media_type(&["application/json".to_owned()]).into_response(),
        )
        .await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            body["details"],
            json!([{"code": "SupportedMediaType", "message": "application/json"}])
        );
    }
}
