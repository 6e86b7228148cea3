//! The transport of a generated client: the shared [`Core`] (HTTP client,
//! base URL, credentials, retry policy, conventions of the document), the
//! [`Request`] generated code fills, sending with authentication, `Accept`
//! and retries, and the [`RawResponse`]/[`Response`] it gives back.
//!
//! Generated operations follow one pattern:
//!
//! ```text
//! let mut req = Request::new("getBook", Method::GET, format!("/books/{}", path_value(…)?));
//! req.query(…)?; req.header(…)?; req.accept(CANDIDATES, version); req.security(SECURITY);
//! let raw = core.send(req).await?;
//! match raw.status.as_u16() {
//!     200 => { raw.representation(CANDIDATES)?; let v = raw.json::<Book>()?; Ok(raw.into_response(v)) }
//!     _ => Err(raw.into_error()),
//! }
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{
    ACCEPT, CONTENT_RANGE, CONTENT_TYPE, COOKIE, ETAG, HeaderMap, HeaderName, HeaderValue,
    LAST_MODIFIED, LOCATION, USER_AGENT,
};
use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::auth::{Credential, Placement, SchemeKind, SecurityScheme, placement, select_schemes};
use super::encode::{Style, cookie_pair, encode_component, form_pairs, header_value, query_pairs};
use super::error::{ApiError, ClientError, ErrorShape};
use super::media::{Candidate, MediaType, accept_header, is_json, parse_media_type};
use super::retry::{Attempt, RetryPolicy, decide, jitter, retry_after};

/// The `Deprecated` response header (RFC 9745; RULEBOOK §3.2.3).
pub const DEPRECATED: &str = "deprecated";

/// The shared state of a generated client (the generated `Client` holds
/// `Arc<Core>`).
pub struct Core {
    http: reqwest::Client,
    base_url: String,
    base: Url,
    default_headers: HeaderMap,
    default_version: Option<u32>,
    credentials: HashMap<&'static str, Credential>,
    schemes: &'static [SecurityScheme],
    retry: RetryPolicy,
    error_shape: ErrorShape,
    envelope: bool,
    max_response_bytes: u64,
    warned: Mutex<HashSet<&'static str>>,
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut schemes: Vec<&str> = self.credentials.keys().copied().collect();
        schemes.sort_unstable();
        f.debug_struct("Core")
            .field("base_url", &self.base_url)
            .field("default_version", &self.default_version)
            .field("credentials_for", &schemes)
            .field("retry", &self.retry)
            .field("error_shape", &self.error_shape)
            .field("envelope", &self.envelope)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// The default representation version, if one was configured.
    pub fn default_version(&self) -> Option<u32> {
        self.default_version
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The configured error shape.
    pub fn error_shape(&self) -> ErrorShape {
        self.error_shape
    }

    /// Whether success bodies come in the `{code, status, data}` envelope.
    pub fn envelope(&self) -> bool {
        self.envelope
    }

    /// The underlying `reqwest` client.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// Resolves a link `href` of a response (absolute, or relative to the
    /// base URL as a directory) into an absolute URL.
    pub fn resolve_link(&self, href: &str) -> Result<String, ClientError> {
        let dir = Url::parse(&format!("{}/", self.base_url))
            .map_err(|e| ClientError::invalid("", format!("base URL: {e}")))?;
        dir.join(href.trim())
            .map(String::from)
            .map_err(|e| ClientError::invalid("", format!("link {href:?}: {e}")))
    }

    /// The URL a request goes to. A request redirected with
    /// [`Request::url`] must be on the origin of the base URL.
    pub fn url_for(&self, request: &Request) -> Result<Url, ClientError> {
        let op = request.operation;
        let mut url = match &request.origin {
            Some(origin) => {
                let base_origin = self.base.origin().ascii_serialization();
                if *origin != base_origin {
                    return Err(ClientError::invalid(
                        op,
                        format!(
                            "the URL on {origin} is not on the origin of the base URL ({base_origin}); it is not followed"
                        ),
                    ));
                }
                format!("{origin}{}", request.path)
            }
            None if request.path.starts_with('/') => format!("{}{}", self.base_url, request.path),
            None => format!("{}/{}", self.base_url, request.path),
        };
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query.join("&"));
        }
        Url::parse(&url).map_err(|e| ClientError::invalid(op, format!("URL {url:?}: {e}")))
    }

    /// Sends a request with authentication, `Accept`, default headers and
    /// retries, and reads the whole body; any status is returned (no error
    /// mapping here). Logs `tracing::warn!` once per operation (per `Core`)
    /// when the response says it is deprecated (`Deprecated: true` or a past
    /// `@<epoch>` date, RFC 9745) or the operation is deprecated in the
    /// document.
    pub async fn send(&self, request: Request) -> Result<RawResponse, ClientError> {
        let op = request.operation;
        let (accept, requested_version) = match request.accept {
            Some((candidates, version)) => {
                let version = version.or(self.default_version);
                let applied = version.filter(|_| version_applies(candidates));
                (accept_header(candidates, version), applied)
            }
            None => (None, None),
        };
        let selected = match request.security {
            Some(requirements) => select_schemes(requirements, &self.credentials, self.schemes),
            None => Vec::new(),
        };
        let mut retries = 0;
        loop {
            let http_request = self
                .build_http(&request, accept.as_deref(), &selected)
                .await?;
            tracing::debug!(
                operation = op,
                method = %request.method,
                url = %http_request.url().path(),
                attempt = retries + 1,
                "sending request"
            );
            let result = match self.http.execute(http_request).await {
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    match read_body(response, self.max_response_bytes).await {
                        Ok(Some(body)) => Ok((status, headers, body)),
                        Ok(None) => {
                            return Err(ClientError::ResponseTooLarge {
                                operation: op,
                                status,
                                limit: self.max_response_bytes,
                            });
                        }
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
            match result {
                Ok((status, headers, body)) => {
                    let attempt = Attempt::Status {
                        status,
                        retry_after: retry_after(&headers),
                    };
                    if let Some(wait) =
                        decide(&self.retry, &request.method, retries, attempt, jitter())
                    {
                        tracing::debug!(
                            operation = op,
                            status = status.as_u16(),
                            wait_ms = wait.as_millis() as u64,
                            "retrying"
                        );
                        tokio::time::sleep(wait).await;
                        retries += 1;
                        continue;
                    }
                    let raw = RawResponse {
                        operation: op,
                        status,
                        headers,
                        body,
                        requested_version,
                        accept,
                        envelope: self.envelope,
                        error_shape: self.error_shape,
                        deprecated_operation: request.deprecated,
                    };
                    if raw.deprecated() {
                        self.warn_deprecated(op);
                    }
                    return Ok(raw);
                }
                Err(source) => {
                    let attempt = Attempt::Transport {
                        retryable: source.is_connect() || source.is_timeout(),
                    };
                    if let Some(wait) =
                        decide(&self.retry, &request.method, retries, attempt, jitter())
                    {
                        tracing::debug!(operation = op, error = %source, wait_ms = wait.as_millis() as u64, "retrying");
                        tokio::time::sleep(wait).await;
                        retries += 1;
                        continue;
                    }
                    return Err(ClientError::Transport {
                        operation: op,
                        source,
                    });
                }
            }
        }
    }

    fn warn_deprecated(&self, op: &'static str) {
        let first = self
            .warned
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(op);
        if first {
            tracing::warn!(
                operation = op,
                "the operation {op} is deprecated; plan to move off it"
            );
        }
    }

    /// One attempt's `reqwest` request.
    async fn build_http(
        &self,
        request: &Request,
        accept: Option<&str>,
        selected: &[SecurityScheme],
    ) -> Result<reqwest::Request, ClientError> {
        let op = request.operation;
        let mut request = request.clone();
        let mut headers = self.default_headers.clone();
        if let Some(accept) = accept
            && !request.headers.contains_key(ACCEPT)
        {
            let value = HeaderValue::from_str(accept).map_err(|_| {
                ClientError::invalid(op, format!("Accept {accept:?} is not a valid header value"))
            })?;
            headers.insert(ACCEPT, value);
        }
        for name in request.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &request.headers {
            headers.append(name, value.clone());
        }
        for scheme in selected {
            let Some(credential) = self.credentials.get(scheme.name) else {
                continue;
            };
            let secret = credential
                .secret()
                .await
                .map_err(|source| ClientError::Auth {
                    operation: op,
                    scheme: scheme.name.to_owned(),
                    source,
                })?;
            match placement(scheme.kind, credential, secret) {
                Placement::Header(name, value) => {
                    let bad = || {
                        ClientError::invalid(
                            op,
                            format!(
                                "the credential of security scheme {} is not a valid header value",
                                scheme.name
                            ),
                        )
                    };
                    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
                    let mut value = HeaderValue::from_str(&value).map_err(|_| bad())?;
                    value.set_sensitive(true);
                    headers.insert(name, value);
                }
                Placement::Query(name, value) => request.set_query(name, &value),
                Placement::Cookie(name, value) => request.cookies.push(format!(
                    "{}={}",
                    encode_component(name),
                    encode_component(&value)
                )),
            }
        }
        if !request.cookies.is_empty() {
            let mut cookie = request.cookies.join("; ");
            if let Some(existing) = headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
                cookie = format!("{existing}; {cookie}");
            }
            let mut value = HeaderValue::from_str(&cookie).map_err(|_| {
                ClientError::invalid(op, "the cookies are not a valid header value")
            })?;
            value.set_sensitive(true);
            headers.insert(COOKIE, value);
        }
        let url = self.url_for(&request)?;
        let mut http = reqwest::Request::new(request.method.clone(), url);
        if let Some((content_type, body)) = request.body {
            let value = HeaderValue::from_str(&content_type).map_err(|_| {
                ClientError::invalid(
                    op,
                    format!("Content-Type {content_type:?} is not a valid header value"),
                )
            })?;
            headers.insert(CONTENT_TYPE, value);
            *http.body_mut() = Some(body.into());
        }
        *http.headers_mut() = headers;
        Ok(http)
    }
}

/// Whether a version can be asked for from these candidates: some are JSON
/// and some carry a version (see `super::media::accept_header`).
fn version_applies(candidates: &[Candidate]) -> bool {
    candidates.iter().any(|(_, v)| v.is_some()) && candidates.iter().any(|(e, _)| is_json(e))
}

/// Builds a [`Core`]. The generated `ClientBuilder` wraps it and forwards
/// these methods.
#[derive(Debug)]
pub struct Builder {
    base_url: String,
    schemes: &'static [SecurityScheme],
    error_shape: ErrorShape,
    envelope: bool,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    headers: Vec<(String, String)>,
    user_agent: Option<String>,
    version: Option<u32>,
    retry: RetryPolicy,
    credentials: Vec<(&'static str, Credential)>,
    max_response_bytes: u64,
}

impl Builder {
    /// A builder for `base_url` (e.g. `https://api.example.com/v1`) with the
    /// document's security schemes and conventions. Defaults: connect
    /// timeout 10 s, read timeout 60 s (per read, so large downloads are not
    /// cut), no total timeout, [`RetryPolicy::default`].
    pub fn new(
        base_url: impl Into<String>,
        schemes: &'static [SecurityScheme],
        error_shape: ErrorShape,
        envelope: bool,
    ) -> Self {
        Builder {
            base_url: base_url.into(),
            schemes,
            error_shape,
            envelope,
            http: None,
            timeout: None,
            connect_timeout: Some(Duration::from_secs(10)),
            read_timeout: Some(Duration::from_secs(60)),
            headers: Vec::new(),
            user_agent: None,
            version: None,
            retry: RetryPolicy::default(),
            credentials: Vec::new(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Uses this `reqwest` client; the timeouts and user agent of this
    /// builder are then ignored (those set on the client apply).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Total time limit of one attempt (connect, send, read the body).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }

    /// Time limit to connect.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = Some(d);
        self
    }

    /// Time limit of each read from the connection.
    pub fn read_timeout(mut self, d: Duration) -> Self {
        self.read_timeout = Some(d);
        self
    }

    /// A header sent with every request (a request's own value of the same
    /// header replaces it). An invalid name or value makes
    /// [`build`](Self::build) fail.
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The `User-Agent` (generated code passes `<crate name>/<version>`).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }

    /// The default representation version, used when a call names none.
    pub fn version(mut self, v: u32) -> Self {
        self.version = Some(v);
        self
    }

    /// The retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body read (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`]): a larger one, announced by
    /// `Content-Length` or found while reading, is
    /// `ClientError::ResponseTooLarge`, so a misbehaving server cannot
    /// exhaust memory.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The credential of security scheme `scheme` (a name of the document's
    /// `securitySchemes`; an unknown name makes [`build`](Self::build) fail).
    pub fn credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.retain(|(s, _)| *s != scheme);
        self.credentials.push((scheme, credential));
        self
    }

    /// Builds the [`Core`]. Fails (operation `""`) on a base URL that does
    /// not parse, is not http/https, or has a query, fragment or user info;
    /// on an invalid default header or user agent; on an unknown security
    /// scheme; and when the HTTP client cannot be created.
    ///
    /// The HTTP client it creates follows up to 10 redirects, but none to
    /// another origin when an `apiKey` header credential is configured
    /// (`reqwest` only drops `Authorization` and `Cookie` there); such a 3xx
    /// is returned as it is.
    pub fn build(self) -> Result<Arc<Core>, ClientError> {
        let trimmed = self.base_url.trim();
        let base = Url::parse(trimmed)
            .map_err(|e| ClientError::invalid("", format!("base URL {trimmed:?}: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(ClientError::invalid(
                "",
                format!("base URL {trimmed:?}: only http and https URLs with a host are supported"),
            ));
        }
        if base.query().is_some() || base.fragment().is_some() {
            return Err(ClientError::invalid(
                "",
                format!("base URL {trimmed:?}: must not have a query or fragment"),
            ));
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(ClientError::invalid(
                "",
                "base URL: must not carry credentials; configure them with credential()",
            ));
        }
        let base_url = base.as_str().trim_end_matches('/').to_owned();
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                ClientError::invalid("", format!("default header name {name:?} is not valid"))
            })?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                ClientError::invalid("", format!("default header {name}: the value is not valid"))
            })?;
            default_headers.append(header, value);
        }
        let mut credentials = HashMap::new();
        for (scheme, credential) in self.credentials {
            if !self.schemes.iter().any(|s| s.name == scheme) {
                let known: Vec<&str> = self.schemes.iter().map(|s| s.name).collect();
                return Err(ClientError::invalid(
                    "",
                    format!("unknown security scheme {scheme:?} (the document defines {known:?})"),
                ));
            }
            credentials.insert(scheme, credential);
        }
        let http = match self.http {
            Some(client) => client,
            None => {
                let mut builder = reqwest::Client::builder();
                if let Some(d) = self.timeout {
                    builder = builder.timeout(d);
                }
                if let Some(d) = self.connect_timeout {
                    builder = builder.connect_timeout(d);
                }
                if let Some(d) = self.read_timeout {
                    builder = builder.read_timeout(d);
                }
                builder = builder.redirect(redirect_policy(&credentials, self.schemes));
                if let Some(ua) = &self.user_agent {
                    let value = HeaderValue::from_str(ua).map_err(|_| {
                        ClientError::invalid(
                            "",
                            format!("user agent {ua:?} is not a valid header value"),
                        )
                    })?;
                    let mut headers = HeaderMap::new();
                    headers.insert(USER_AGENT, value);
                    builder = builder.default_headers(headers);
                }
                builder.build().map_err(|source| ClientError::Transport {
                    operation: "",
                    source,
                })?
            }
        };
        Ok(Arc::new(Core {
            http,
            base_url,
            base,
            default_headers,
            default_version: self.version,
            credentials,
            schemes: self.schemes,
            retry: self.retry,
            error_shape: self.error_shape,
            envelope: self.envelope,
            max_response_bytes: self.max_response_bytes,
            warned: Mutex::new(HashSet::new()),
        }))
    }
}

/// The redirect policy of the clients [`Builder`] creates: up to 10
/// redirects. `reqwest` drops `Authorization` and `Cookie` when a redirect
/// leaves the host, but not API key headers: when a credential of an
/// `apiKey` header scheme is configured, redirects to another origin are not
/// followed (the 3xx answer is returned, with its `Location`).
fn redirect_policy(
    credentials: &HashMap<&'static str, Credential>,
    schemes: &[SecurityScheme],
) -> reqwest::redirect::Policy {
    let key_header = schemes
        .iter()
        .any(|s| matches!(s.kind, SchemeKind::ApiKeyHeader(_)) && credentials.contains_key(s.name));
    if !key_header {
        return reqwest::redirect::Policy::limited(10);
    }
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error("too many redirects");
        }
        let same_origin = attempt
            .previous()
            .last()
            .is_some_and(|p| p.origin() == attempt.url().origin());
        if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// One request, filled by generated code. Cloning is cheap (the body is
/// shared), so retries and pagination resend it.
#[derive(Debug, Clone)]
pub struct Request {
    operation: &'static str,
    method: Method,
    path: String,
    origin: Option<String>,
    query: Vec<String>,
    headers: HeaderMap,
    cookies: Vec<String>,
    body: Option<(String, Bytes)>,
    accept: Option<(&'static [Candidate], Option<u32>)>,
    security: Option<&'static [&'static [&'static str]]>,
    deprecated: bool,
}

impl Request {
    /// A request of `operation` to `path` (`/books/abc`, already encoded;
    /// appended to the base URL).
    pub fn new(operation: &'static str, method: Method, path: String) -> Self {
        Request {
            operation,
            method,
            path,
            origin: None,
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: None,
            accept: None,
            security: None,
            deprecated: false,
        }
    }

    /// Adds query parameter `name` (see `super::encode::query_pairs`).
    pub fn query(
        &mut self,
        name: &str,
        value: &(impl Serialize + ?Sized),
        style: Style,
        explode: bool,
    ) -> Result<(), ClientError> {
        query_pairs(&mut self.query, name, value, style, explode).map_err(|e| {
            ClientError::invalid(self.operation, format!("query parameter {name}: {e}"))
        })
    }

    /// Sets query parameter `name` to the text `value` (encoded here),
    /// replacing every pair of that name, in place of the first one.
    pub fn set_query(&mut self, name: &str, value: &str) {
        let pair = format!("{}={}", encode_component(name), encode_component(value));
        let mut replaced = false;
        self.query.retain_mut(|p| {
            if pair_name(p) != name {
                return true;
            }
            if replaced {
                return false;
            }
            replaced = true;
            p.clone_from(&pair);
            true
        });
        if !replaced {
            self.query.push(pair);
        }
    }

    /// The first value of query parameter `name`, decoded.
    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query.iter().find(|p| pair_name(p) == name).map(|p| {
            let raw = p.split_once('=').map_or("", |(_, v)| v);
            decode_component(raw)
        })
    }

    /// Sets header `name` (simple style); `null` sets nothing.
    pub fn header(
        &mut self,
        name: &str,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), ClientError> {
        let op = self.operation;
        let Some(text) = header_value(value)
            .map_err(|e| ClientError::invalid(op, format!("header {name}: {e}")))?
        else {
            return Ok(());
        };
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            ClientError::invalid(op, format!("{name:?} is not a valid header name"))
        })?;
        let value = HeaderValue::from_str(&text).map_err(|_| {
            ClientError::invalid(
                op,
                format!("header {name}: the value is not a valid header value"),
            )
        })?;
        self.headers.insert(header, value);
        Ok(())
    }

    /// Adds cookie `name` (form style); all cookies go in one `Cookie`
    /// header. `null` adds nothing.
    pub fn cookie(
        &mut self,
        name: &str,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), ClientError> {
        if let Some(pair) = cookie_pair(name, value)
            .map_err(|e| ClientError::invalid(self.operation, format!("cookie {name}: {e}")))?
        {
            self.cookies.push(pair);
        }
        Ok(())
    }

    /// A JSON body with `content_type` (which may carry `; version=2`).
    pub fn json_body(
        &mut self,
        content_type: &str,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), ClientError> {
        let body = serde_json::to_vec(value)
            .map_err(|e| ClientError::invalid(self.operation, format!("request body: {e}")))?;
        self.body = Some((content_type.to_owned(), Bytes::from(body)));
        Ok(())
    }

    /// An `application/x-www-form-urlencoded` body from an object (see
    /// `super::encode::form_pairs`).
    pub fn form_body(
        &mut self,
        content_type: &str,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), ClientError> {
        let pairs = form_pairs(value)
            .map_err(|e| ClientError::invalid(self.operation, format!("request body: {e}")))?;
        self.body = Some((content_type.to_owned(), Bytes::from(pairs.join("&"))));
        Ok(())
    }

    /// A `multipart/form-data` body (RFC 7578) from an object: one part per
    /// property that is not null; strings are sent as text, arrays as one
    /// part per element, anything else as a JSON part.
    pub fn multipart_body(&mut self, value: &(impl Serialize + ?Sized)) -> Result<(), ClientError> {
        let value = serde_json::to_value(value)
            .map_err(|e| ClientError::invalid(self.operation, format!("request body: {e}")))?;
        let Value::Object(fields) = value else {
            return Err(ClientError::invalid(
                self.operation,
                "request body: a multipart body must be an object",
            ));
        };
        let boundary = multipart_boundary(&fields);
        let mut body = Vec::new();
        for (name, value) in &fields {
            let items = match value {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            let name = name.replace(['"', '\r', '\n'], "_");
            for item in items {
                let (content_type, data) = match item {
                    Value::Null => continue,
                    Value::String(s) => ("text/plain; charset=utf-8", s.clone()),
                    other => ("application/json", other.to_string()),
                };
                body.extend_from_slice(
                    format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(data.as_bytes());
                body.extend_from_slice(b"\r\n");
            }
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.body = Some((
            format!("multipart/form-data; boundary={boundary}"),
            Bytes::from(body),
        ));
        Ok(())
    }

    /// A body sent as it is.
    pub fn raw_body(&mut self, content_type: &str, bytes: impl Into<Bytes>) {
        self.body = Some((content_type.to_owned(), bytes.into()));
    }

    /// The documented response representations and the version asked for
    /// (`None`: the client's default version at send time); they make the
    /// `Accept` header (see `super::media::accept_header`) unless an
    /// `Accept` header was set with [`header`](Self::header).
    pub fn accept(&mut self, candidates: &'static [Candidate], version: Option<u32>) {
        self.accept = Some((candidates, version));
    }

    /// The operation's security requirements (see `super::auth`).
    pub fn security(&mut self, requirements: &'static [&'static [&'static str]]) {
        self.security = Some(requirements);
    }

    /// Marks the operation as deprecated in the document.
    pub fn deprecated_operation(&mut self, deprecated: bool) {
        self.deprecated = deprecated;
    }

    /// Replaces path and query with an absolute URL (pagination `next`
    /// links). It must be on the origin of the base URL: [`Core::send`]
    /// refuses any other with `InvalidRequest`, so credentials are never sent
    /// elsewhere. Here the URL must parse as an absolute http(s) URL.
    pub fn url(&mut self, absolute: &str) -> Result<(), ClientError> {
        let url = Url::parse(absolute.trim())
            .map_err(|e| ClientError::invalid(self.operation, format!("URL {absolute:?}: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(ClientError::invalid(
                self.operation,
                format!("URL {absolute:?}: not an http(s) URL"),
            ));
        }
        self.origin = Some(url.origin().ascii_serialization());
        self.path = url.path().to_owned();
        self.query = url
            .query()
            .map(|q| {
                q.split('&')
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(())
    }

    /// The operation id.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }
}

/// The decoded name of an encoded `name=value` pair.
fn pair_name(pair: &str) -> String {
    decode_component(pair.split_once('=').map_or(pair, |(n, _)| n))
}

/// Percent-decodes a query component (`+` as a space).
fn decode_component(raw: &str) -> String {
    let spaced = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// A received response with its whole body.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The operation id.
    pub operation: &'static str,
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
    requested_version: Option<u32>,
    accept: Option<String>,
    envelope: bool,
    error_shape: ErrorShape,
    deprecated_operation: bool,
}

impl RawResponse {
    /// A response as [`Core::send`] would give it, without a requested
    /// version, envelope or `Accept` (set those with the `with_*` methods);
    /// for tests of decoding code.
    pub fn new(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: impl Into<Bytes>,
    ) -> Self {
        RawResponse {
            operation,
            status,
            headers,
            body: body.into(),
            requested_version: None,
            accept: None,
            envelope: false,
            error_shape: ErrorShape::default(),
            deprecated_operation: false,
        }
    }

    /// Sets the version that was asked for.
    pub fn with_requested_version(mut self, version: Option<u32>) -> Self {
        self.requested_version = version;
        self
    }

    /// Sets the `Accept` that was sent.
    pub fn with_accept(mut self, accept: Option<String>) -> Self {
        self.accept = accept;
        self
    }

    /// Sets whether success bodies are enveloped.
    pub fn with_envelope(mut self, envelope: bool) -> Self {
        self.envelope = envelope;
        self
    }

    /// Sets the error shape.
    pub fn with_error_shape(mut self, shape: ErrorShape) -> Self {
        self.error_shape = shape;
        self
    }

    /// Marks the operation as deprecated in the document.
    pub fn with_deprecated_operation(mut self, deprecated: bool) -> Self {
        self.deprecated_operation = deprecated;
        self
    }

    /// The version that was asked for in `Accept`, if one was.
    pub fn requested_version(&self) -> Option<u32> {
        self.requested_version
    }

    /// The `Accept` header that was sent.
    pub fn accept(&self) -> Option<&str> {
        self.accept.as_deref()
    }

    /// The parsed `Content-Type`.
    pub fn content_type(&self) -> Option<MediaType> {
        parse_media_type(self.headers.get(CONTENT_TYPE)?.to_str().ok()?)
    }

    /// The `Content-Type` as sent.
    fn content_type_text(&self) -> Option<String> {
        self.headers
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    }

    /// The `version` of the `Content-Type`.
    pub fn version(&self) -> Option<u32> {
        self.content_type()?.version
    }

    /// Whether the answer is deprecated: `Deprecated: true` (or `?1`, or an
    /// RFC 9745 `@<epoch>` date that has passed), or the operation is
    /// deprecated in the document.
    pub fn deprecated(&self) -> bool {
        self.deprecated_operation || header_says_deprecated(&self.headers, SystemTime::now())
    }

    /// Which documented representation this body is in: an index into
    /// `candidates`, matched on essence (case-insensitive) and `version`.
    ///
    /// - a response `version` matches the candidate with that version, else
    ///   a candidate without version (which stands for the earliest one)
    ///   when no versioned candidate of that essence has a lower version;
    /// - a response without `version` matches the candidate without
    ///   version, else the lowest version of that essence;
    /// - a missing `Content-Type` matches when the candidates have a single
    ///   essence (as if that essence had been sent without `version`);
    /// - when a version was requested and the response carries another one,
    ///   or nothing matches → `UnexpectedContentType`.
    pub fn representation(&self, candidates: &[Candidate]) -> Result<usize, ClientError> {
        let mismatch = || ClientError::UnexpectedContentType {
            operation: self.operation,
            status: self.status,
            content_type: self.content_type_text(),
            expected: dedup(match self.requested_version {
                Some(v) => candidates
                    .iter()
                    .filter(|(e, _)| is_json(e))
                    .map(|(e, _)| format!("{e}; version={v}"))
                    .collect(),
                None => candidates
                    .iter()
                    .map(|(e, v)| match v {
                        Some(v) => format!("{e}; version={v}"),
                        None => (*e).to_owned(),
                    })
                    .collect(),
            }),
        };
        let media = match self.content_type() {
            Some(m) => m,
            None => {
                let first = candidates.first().ok_or_else(mismatch)?;
                if candidates
                    .iter()
                    .all(|(e, _)| e.eq_ignore_ascii_case(first.0))
                {
                    MediaType {
                        essence: first.0.to_ascii_lowercase(),
                        version: None,
                    }
                } else {
                    return Err(mismatch());
                }
            }
        };
        if let (Some(asked), Some(got)) = (self.requested_version, media.version)
            && asked != got
        {
            return Err(mismatch());
        }
        let same: Vec<(usize, Option<u32>)> = candidates
            .iter()
            .enumerate()
            .filter(|(_, (e, _))| e.trim().eq_ignore_ascii_case(&media.essence))
            .map(|(i, (_, v))| (i, *v))
            .collect();
        let unversioned = same.iter().find(|(_, v)| v.is_none()).map(|(i, _)| *i);
        let lowest = same.iter().filter_map(|(i, v)| v.map(|v| (v, *i))).min();
        match media.version {
            Some(w) => same
                .iter()
                .find(|(_, v)| *v == Some(w))
                .map(|(i, _)| *i)
                .or_else(|| unversioned.filter(|_| lowest.is_none_or(|(low, _)| w <= low))),
            None => unversioned.or(lowest.map(|(_, i)| i)),
        }
        .ok_or_else(mismatch)
    }

    /// Decodes the body as JSON; with the envelope enabled, decodes its
    /// `data` member (`{code, status, data}`, see [`unwrap_envelope`]). An
    /// empty body decodes like `null`. Errors → `ClientError::Decode`.
    ///
    /// The error names the JSON path of the value that did not decode
    /// (`data[0].birthday`), found from the position serde_json reports.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ClientError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return serde_json::from_value(Value::Null).map_err(|e| self.decode_error(e, None));
        }
        if self.envelope {
            let value: Value = serde_json::from_slice(&self.body)
                .map_err(|e| self.decode_error_in(e, &self.body))?;
            serde_json::from_value(unwrap_envelope(value)).map_err(|e| {
                // `from_value` reports no position: decode the unwrapped
                // value again from its text to find the path (error path
                // only).
                let path = serde_json::from_slice::<Value>(&self.body)
                    .ok()
                    .and_then(|v| serde_json::to_vec(&unwrap_envelope(v)).ok())
                    .and_then(|text| match serde_json::from_slice::<T>(&text) {
                        Ok(_) => None,
                        Err(again) => json_path_at(&text, again.line(), again.column()),
                    });
                self.decode_error(e, path)
            })
        } else {
            serde_json::from_slice(&self.body).map_err(|e| self.decode_error_in(e, &self.body))
        }
    }

    /// The body as JSON, `data` of the envelope when enabled; `None` when it
    /// is not JSON.
    pub fn json_value(&self) -> Option<Value> {
        let value: Value = serde_json::from_slice(&self.body).ok()?;
        Some(if self.envelope {
            unwrap_envelope(value)
        } else {
            value
        })
    }

    /// A decoding error of `text`, with the path of the value at its
    /// position.
    fn decode_error_in(&self, source: serde_json::Error, text: &[u8]) -> ClientError {
        let path = json_path_at(text, source.line(), source.column());
        self.decode_error(source, path)
    }

    fn decode_error(&self, source: serde_json::Error, path: Option<String>) -> ClientError {
        let text = String::from_utf8_lossy(&self.body);
        ClientError::Decode {
            operation: self.operation,
            status: self.status,
            content_type: self.content_type_text(),
            path,
            source,
            excerpt: text.chars().take(200).collect(),
        }
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> Result<String, ClientError> {
        Ok(String::from_utf8_lossy(&self.body).into_owned())
    }

    /// The body.
    pub fn bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// A documented header as a typed value (see [`header_from_text`]).
    /// Missing → `Ok(None)`; unparsable → `ClientError::Header`.
    pub fn header<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, ClientError> {
        let mut texts = Vec::new();
        for value in self.headers.get_all(name) {
            let text = value.to_str().map_err(|_| ClientError::Header {
                operation: self.operation,
                name: name.to_owned(),
                message: "the value is not visible ASCII".to_owned(),
            })?;
            texts.push(text.trim());
        }
        if texts.is_empty() {
            return Ok(None);
        }
        header_from_text(&texts.join(", "))
            .map(Some)
            .map_err(|message| ClientError::Header {
                operation: self.operation,
                name: name.to_owned(),
                message,
            })
    }

    /// A header the document marks as required: missing → `ClientError::Header`.
    pub fn required_header<T: DeserializeOwned>(&self, name: &str) -> Result<T, ClientError> {
        self.header(name)?.ok_or_else(|| ClientError::Header {
            operation: self.operation,
            name: name.to_owned(),
            message: "missing".to_owned(),
        })
    }

    /// The error of a non-success answer: 406 → `UnsupportedVersion`,
    /// ≥ 400 → `Api` (parsed with the configured error shape), any other
    /// status → `UnexpectedStatus`.
    pub fn into_error(self) -> ClientError {
        let operation = self.operation;
        if self.status == StatusCode::NOT_ACCEPTABLE {
            let error =
                ApiError::from_parts(self.status, self.headers, self.body, self.error_shape);
            ClientError::UnsupportedVersion {
                operation,
                requested: self.accept,
                supported: error.supported_media_types(),
                error: Box::new(error),
            }
        } else if self.status.as_u16() >= 400 {
            ClientError::Api {
                operation,
                error: Box::new(ApiError::from_parts(
                    self.status,
                    self.headers,
                    self.body,
                    self.error_shape,
                )),
            }
        } else {
            ClientError::UnexpectedStatus {
                operation,
                status: self.status,
                headers: Box::new(self.headers),
                body: self.body,
            }
        }
    }

    /// Wraps the decoded value.
    pub fn into_response<T>(self, value: T) -> Response<T> {
        Response {
            version: self.version(),
            deprecated: self.deprecated(),
            status: self.status,
            headers: self.headers,
            value,
        }
    }
}

/// The strings in first-seen order, without repeats.
/// The JSON path (`data[0].birthday`) of the value serde_json was reading
/// when it failed at `line` and `column` (1-based, in bytes) of `text`: the
/// last value that starts at or before that position, or the container that
/// closes there (a missing field is reported at the closing `}`). `None` for
/// the top-level value and for positions outside `text` (serde_json reports
/// line 0 when it has none).
fn json_path_at(text: &[u8], line: usize, column: usize) -> Option<String> {
    enum Frame {
        Object {
            key: Option<String>,
            expect_key: bool,
        },
        Array {
            index: Option<usize>,
        },
    }
    fn path(stack: &[Frame]) -> String {
        let mut out = String::new();
        for frame in stack {
            match frame {
                Frame::Object { key: Some(key), .. } => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Frame::Array { index: Some(i) } => out.push_str(&format!("[{i}]")),
                _ => {}
            }
        }
        out
    }
    /// A value starts in the innermost container: the next index of an array.
    fn value_starts(stack: &mut [Frame]) {
        if let Some(Frame::Array { index }) = stack.last_mut() {
            *index = Some(index.map_or(0, |i| i + 1));
        }
    }

    if line == 0 || column == 0 {
        return None;
    }
    // The byte at the position: the start of line `line`, plus `column - 1`.
    let mut offset = 0;
    for _ in 1..line {
        offset += text.get(offset..)?.iter().position(|&b| b == b'\n')? + 1;
    }
    let end = (offset + column).min(text.len());
    let text = &text[..end];

    let mut stack: Vec<Frame> = Vec::new();
    let mut last = String::new();
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'{' | b'[' => {
                value_starts(&mut stack);
                last = path(&stack);
                stack.push(if text[i] == b'{' {
                    Frame::Object {
                        key: None,
                        expect_key: true,
                    }
                } else {
                    Frame::Array { index: None }
                });
            }
            b'}' | b']' => {
                stack.pop();
                last = path(&stack);
            }
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            b',' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = true;
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                match stack.last_mut() {
                    Some(Frame::Object {
                        key,
                        expect_key: true,
                    }) => {
                        let raw = &text[start..(i + 1).min(text.len())];
                        *key = Some(serde_json::from_slice::<String>(raw).unwrap_or_else(|_| {
                            String::from_utf8_lossy(&raw[1..])
                                .trim_end_matches('"')
                                .to_owned()
                        }));
                    }
                    _ => {
                        value_starts(&mut stack);
                        last = path(&stack);
                    }
                }
            }
            b if b.is_ascii_whitespace() => {}
            _ => {
                // A number or a literal: to its end.
                value_starts(&mut stack);
                last = path(&stack);
                while i + 1 < text.len() && !b",]} \t\r\n".contains(&text[i + 1]) {
                    i += 1;
                }
            }
        }
        i += 1;
    }
    (!last.is_empty()).then_some(last)
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// `data` of a success envelope `{code, status, data}` (an object with
/// `data` and a string `status` or a number `code`); anything else as it is.
pub fn unwrap_envelope(value: Value) -> Value {
    match value {
        Value::Object(mut obj)
            if obj.contains_key("data")
                && (obj.get("status").is_some_and(Value::is_string)
                    || obj.get("code").is_some_and(Value::is_number)) =>
        {
            obj.remove("data").unwrap_or(Value::Null)
        }
        other => other,
    }
}

/// Whether the `Deprecated` header says so at `now`: `true`, `?1`, or an
/// `@<epoch seconds>` date not in the future.
pub fn header_says_deprecated(headers: &HeaderMap, now: SystemTime) -> bool {
    headers.get_all(DEPRECATED).iter().any(|v| {
        let Ok(text) = v.to_str() else {
            return false;
        };
        let text = text.trim();
        if text.eq_ignore_ascii_case("true") || text == "?1" {
            return true;
        }
        let Some(epoch) = text.strip_prefix('@').and_then(|t| t.parse::<i64>().ok()) else {
            return false;
        };
        let now = match now.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(_) => 0,
        };
        epoch <= now
    })
}

/// Coerces a header text to `T`: first as a string (so `ETag` values keep
/// their quotes and string enums work), then as a JSON scalar (numbers,
/// booleans), then as a comma-separated list of those (simple-style arrays).
pub fn header_from_text<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let scalar = |s: &str| -> Value {
        let s = s.trim();
        match serde_json::from_str::<Value>(s) {
            Ok(v @ (Value::Number(_) | Value::Bool(_))) => v,
            _ => Value::String(s.to_owned()),
        }
    };
    if let Ok(v) = serde_json::from_value(Value::String(text.to_owned())) {
        return Ok(v);
    }
    let first_error = match serde_json::from_value(scalar(text)) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let items = if text.trim().is_empty() {
        Vec::new()
    } else {
        text.split(',').map(scalar).collect()
    };
    serde_json::from_value(Value::Array(items)).map_err(|_| format!("{text:?}: {first_error}"))
}

/// A typed success answer: the decoded value plus what the transport saw.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The `version` of the `Content-Type`.
    pub version: Option<u32>,
    /// Whether the answer or the operation is deprecated (see
    /// [`RawResponse::deprecated`]).
    pub deprecated: bool,
    /// The decoded body.
    pub value: T,
}

impl<T> Response<T> {
    /// The decoded body.
    pub fn into_value(self) -> T {
        self.value
    }

    /// `ETag`, as sent (with its quotes).
    pub fn etag(&self) -> Option<&str> {
        self.header_str(ETAG.as_str())
    }

    /// `Location`.
    pub fn location(&self) -> Option<&str> {
        self.header_str(LOCATION.as_str())
    }

    /// `Last-Modified`, parsed.
    pub fn last_modified(&self) -> Option<SystemTime> {
        httpdate::parse_http_date(self.header_str(LAST_MODIFIED.as_str())?.trim()).ok()
    }

    /// `Content-Range`, parsed.
    pub fn content_range(&self) -> Option<ContentRange> {
        parse_content_range(self.header_str(CONTENT_RANGE.as_str())?)
    }

    /// The first value of header `name`, when it is visible ASCII.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// Transforms the value, keeping the rest.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            version: self.version,
            deprecated: self.deprecated,
            value: f(self.value),
        }
    }
}

/// `Content-Range: items 0-24/100` (RULEBOOK §3.5.2): the first and last
/// item index and the total, each `None` when `*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentRange {
    /// The first item index (`None` for `*`: no item).
    pub first: Option<u64>,
    /// The last item index.
    pub last: Option<u64>,
    /// The total count (`None` for `*`: unknown).
    pub total: Option<u64>,
}

/// Parses `items 0-24/100`, `items */0`, `items 0-24/*`; the `items` unit
/// may be missing (RULEBOOK C-27). Another unit (`bytes …`), `last < first`
/// or garbage → `None`.
pub fn parse_content_range(value: &str) -> Option<ContentRange> {
    let value = value.trim();
    let rest = match value.split_once(char::is_whitespace) {
        Some((unit, rest)) if unit.eq_ignore_ascii_case("items") => rest.trim(),
        Some(_) => return None,
        None => value,
    };
    let (range, total) = rest.split_once('/')?;
    let number = |s: &str| -> Option<u64> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let total = match total.trim() {
        "*" => None,
        t => Some(number(t)?),
    };
    let (first, last) = match range.trim() {
        "*" => (None, None),
        r => {
            let (a, b) = r.split_once('-')?;
            let (a, b) = (number(a)?, number(b)?);
            if b < a {
                return None;
            }
            (Some(a), Some(b))
        }
    };
    Some(ContentRange { first, last, total })
}

/// The default of [`Builder::max_response_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// The whole body of `response`, or `None` when it is larger than `limit`
/// (by its `Content-Length`, or once more than `limit` bytes have arrived).
async fn read_body(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Option<Bytes>, reqwest::Error> {
    if response.content_length().is_some_and(|n| n > limit) {
        return Ok(None);
    }
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        if (body.len() as u64).saturating_add(chunk.len() as u64) > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body.freeze()))
}

/// A multipart boundary that occurs in none of the values.
fn multipart_boundary(fields: &serde_json::Map<String, Value>) -> String {
    let text = Value::Object(fields.clone()).to_string();
    let mut n: u64 = 0x5eed_f00d;
    loop {
        let boundary = format!("specfirst-{n:016x}");
        if !text.contains(&boundary) {
            return boundary;
        }
        n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn multipart_bodies_have_one_part_per_value() {
        let mut r = Request::new("upload", Method::POST, "/files".into());
        r.multipart_body(&serde_json::json!({
            "name": "a\"b",
            "tags": ["x", "y"],
            "meta": {"size": 3},
            "skip": null,
        }))
        .unwrap();
        let (content_type, body) = r.body.clone().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap()
            .to_owned();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(body.matches(&format!("--{boundary}\r\n")).count(), 4);
        assert!(body.ends_with(&format!("--{boundary}--\r\n")));
        assert!(
            body.contains(
                "name=\"name\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\na\"b\r\n"
            )
        );
        assert!(
            body.contains(
                "name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"size\":3}\r\n"
            )
        );
        assert!(!body.contains("skip"));
        let mut bad = Request::new("upload", Method::POST, "/files".into());
        assert!(bad.multipart_body(&[1, 2]).is_err());
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.append(*n, HeaderValue::from_static(v));
        }
        h
    }

    fn raw(status: u16, pairs: &[(&'static str, &'static str)], body: &'static str) -> RawResponse {
        RawResponse::new(
            "op",
            StatusCode::from_u16(status).unwrap(),
            headers(pairs),
            body,
        )
    }

    #[test]
    fn content_ranges() {
        let cr = |f, l, t| {
            Some(ContentRange {
                first: f,
                last: l,
                total: t,
            })
        };
        assert_eq!(
            parse_content_range("items 0-24/100"),
            cr(Some(0), Some(24), Some(100))
        );
        assert_eq!(parse_content_range("items */0"), cr(None, None, Some(0)));
        assert_eq!(
            parse_content_range("items 0-19/*"),
            cr(Some(0), Some(19), None)
        );
        assert_eq!(parse_content_range("items */*"), cr(None, None, None));
        assert_eq!(
            parse_content_range("0-24/100"),
            cr(Some(0), Some(24), Some(100))
        );
        assert_eq!(
            parse_content_range("Items  6-8/58 "),
            cr(Some(6), Some(8), Some(58))
        );
        for bad in [
            "bytes 0-24/100",
            "items 5-1/10",
            "items 0-x/10",
            "items",
            "",
            "items 0-1",
            "items -1-2/3",
        ] {
            assert_eq!(parse_content_range(bad), None, "{bad}");
        }
    }

    const V12: &[Candidate] = &[("application/json", Some(1)), ("application/json", Some(2))];

    #[test]
    fn representation_matching() {
        let ct = |v: &'static str| raw(200, &[("content-type", v)], "{}");
        assert_eq!(
            ct("application/json; version=2")
                .representation(V12)
                .unwrap(),
            1
        );
        assert_eq!(
            ct("Application/JSON; Version=1")
                .representation(V12)
                .unwrap(),
            0
        );
        // No version → lowest.
        assert_eq!(ct("application/json").representation(V12).unwrap(), 0);
        assert!(matches!(
            ct("application/json; version=3").representation(V12),
            Err(ClientError::UnexpectedContentType { .. })
        ));
        assert!(ct("text/html").representation(V12).is_err());
        // Requested version 2, got version 1.
        let r = ct("application/json; version=1").with_requested_version(Some(2));
        let err = r.representation(V12).unwrap_err();
        match &err {
            ClientError::UnexpectedContentType {
                expected,
                content_type,
                ..
            } => {
                assert_eq!(expected, &["application/json; version=2"]);
                assert_eq!(content_type.as_deref(), Some("application/json; version=1"));
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().starts_with("op: unexpected Content-Type"));
        // Unversioned candidates accept the version=1 a server adds.
        const PLAIN: &[Candidate] = &[("application/json", None)];
        assert_eq!(
            ct("application/json; version=1")
                .representation(PLAIN)
                .unwrap(),
            0
        );
        assert_eq!(ct("application/json").representation(PLAIN).unwrap(), 0);
        // A candidate without version stands for the earliest one.
        const MIXED: &[Candidate] = &[("application/json", None), ("application/json", Some(2))];
        assert_eq!(
            ct("application/json; version=1")
                .representation(MIXED)
                .unwrap(),
            0
        );
        assert_eq!(
            ct("application/json; version=2")
                .representation(MIXED)
                .unwrap(),
            1
        );
        assert!(
            ct("application/json; version=3")
                .representation(MIXED)
                .is_err()
        );
        // Several media types.
        const TWO: &[Candidate] = &[("application/json", None), ("text/csv", None)];
        assert_eq!(
            ct("text/csv; charset=utf-8").representation(TWO).unwrap(),
            1
        );
        // Missing Content-Type.
        let none = raw(200, &[], "{}");
        assert_eq!(none.representation(PLAIN).unwrap(), 0);
        assert_eq!(none.representation(V12).unwrap(), 0);
        assert!(none.representation(TWO).is_err());
        assert!(none.representation(&[]).is_err());
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Book {
        id: String,
    }

    #[test]
    fn json_and_envelope() {
        let r = raw(200, &[], r#"{"id":"1"}"#);
        assert_eq!(r.json::<Book>().unwrap(), Book { id: "1".into() });
        let r = raw(
            200,
            &[],
            r#"{"code":200,"status":"success","data":{"id":"2"}}"#,
        )
        .with_envelope(true);
        assert_eq!(r.json::<Book>().unwrap(), Book { id: "2".into() });
        let r = raw(200, &[], r#"{"code":200,"status":"success","data":null}"#).with_envelope(true);
        assert_eq!(r.json::<Option<Book>>().unwrap(), None);
        // A collection object is not an envelope.
        let r = raw(200, &[], r#"{"data":[{"id":"3"}],"links":[]}"#).with_envelope(true);
        let v: Value = r.json().unwrap();
        assert_eq!(v["data"][0]["id"], "3");
        let r = raw(200, &[], "");
        assert_eq!(r.json::<Option<Book>>().unwrap(), None);
        assert_eq!(r.json::<()>().unwrap(), ());
        let r = raw(
            200,
            &[("content-type", "application/json")],
            r#"{"nope":1}"#,
        );
        match r.json::<Book>().unwrap_err() {
            ClientError::Decode {
                excerpt,
                content_type,
                ..
            } => {
                assert_eq!(excerpt, r#"{"nope":1}"#);
                assert_eq!(content_type.as_deref(), Some("application/json"));
            }
            other => panic!("{other:?}"),
        }
        let long = "x".repeat(500);
        let r = RawResponse::new("op", StatusCode::OK, HeaderMap::new(), long);
        match r.json::<Book>().unwrap_err() {
            ClientError::Decode { excerpt, .. } => assert_eq!(excerpt.len(), 200),
            other => panic!("{other:?}"),
        }
        assert_eq!(raw(200, &[], "hé").text().unwrap(), "hé");
    }

    #[test]
    fn decode_errors_name_the_json_path() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Item {
            id: String,
            n: u32,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Page {
            data: Vec<Item>,
            #[serde(default)]
            next: Option<String>,
        }
        let path = |body: &'static str, envelope: bool| match raw(200, &[], body)
            .with_envelope(envelope)
            .json::<Page>()
            .unwrap_err()
        {
            ClientError::Decode { path, .. } => path,
            other => panic!("{other:?}"),
        };
        // A value of the wrong type, after others of the right one.
        assert_eq!(
            path(r#"{"data":[{"id":"1","n":1},{"id":"2","n":"x"}]}"#, false).as_deref(),
            Some("data[1].n")
        );
        // A missing field: reported where its object closes.
        assert_eq!(
            path(r#"{"data":[{"id":"1","n":1}, {"id":"2"}]}"#, false).as_deref(),
            Some("data[1]")
        );
        // Pretty-printed, with escapes in strings and keys before.
        let pretty = "{\n  \"next\": \"a \\\"quoted\\\" [x] {y}\",\n  \"data\": [\n    {\"id\": \"1\", \"n\": -1}\n  ]\n}";
        assert_eq!(path(pretty, false).as_deref(), Some("data[0].n"));
        // The top-level value: no path.
        assert_eq!(path("\"text\"", false), None);
        // Inside the envelope: the path in `data`.
        assert_eq!(
            path(
                r#"{"code":200,"status":"success","data":{"data":[{"id":"1","n":true}]}}"#,
                true
            )
            .as_deref(),
            Some("data[0].n")
        );
        // Display names it.
        let error = raw(200, &[], r#"{"data":[{"id":"1","n":"x"}]}"#)
            .json::<Page>()
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("op: cannot decode the 200 response body at data[0].n: invalid type"),
            "{error}"
        );

        assert_eq!(
            json_path_at(br#"{"a":{"b\"c":[true]}}"#, 1, 18).as_deref(),
            Some("a.b\"c[0]")
        );
        assert_eq!(json_path_at(b"{}", 0, 0), None);
        assert_eq!(json_path_at(b"{}", 3, 1), None);
    }

    #[test]
    fn typed_headers() {
        let r = raw(
            200,
            &[
                ("x-count", "42"),
                ("x-flag", "true"),
                ("etag", "\"abc\""),
                ("x-list", "1, 2,3"),
                ("x-name", "123"),
                ("x-bad", "abc"),
            ],
            "",
        );
        assert_eq!(r.header::<u64>("x-count").unwrap(), Some(42));
        assert_eq!(r.header::<bool>("x-flag").unwrap(), Some(true));
        assert_eq!(
            r.header::<String>("etag").unwrap().as_deref(),
            Some("\"abc\"")
        );
        assert_eq!(r.header::<Vec<u32>>("x-list").unwrap(), Some(vec![1, 2, 3]));
        assert_eq!(
            r.header::<String>("x-name").unwrap().as_deref(),
            Some("123")
        );
        assert_eq!(r.header::<u32>("x-missing").unwrap(), None);
        assert!(matches!(
            r.header::<u32>("x-bad"),
            Err(ClientError::Header { .. })
        ));
        assert!(matches!(
            r.required_header::<u32>("x-missing"),
            Err(ClientError::Header { .. })
        ));
        assert_eq!(r.required_header::<u32>("x-count").unwrap(), 42);
    }

    #[test]
    fn errors_of_answers() {
        let r = raw(
            404,
            &[("content-type", "application/json")],
            r#"{"code":"NotFound","message":"Book 42 does not exist"}"#,
        );
        let e = r.into_error();
        assert_eq!(e.to_string(), "op: 404 NotFound: Book 42 does not exist");
        let r = raw(406, &[], r#"["application/json; version=1"]"#)
            .with_accept(Some("application/json; version=9".into()));
        match r.into_error() {
            ClientError::UnsupportedVersion {
                requested,
                supported,
                ..
            } => {
                assert_eq!(requested.as_deref(), Some("application/json; version=9"));
                assert_eq!(supported, ["application/json; version=1"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            raw(302, &[], "").into_error(),
            ClientError::UnexpectedStatus { .. }
        ));
        assert!(matches!(
            raw(201, &[], "").into_error(),
            ClientError::UnexpectedStatus { .. }
        ));
        let r = raw(
            400,
            &[],
            r#"{"code":400,"status":"error","message":"bad","data":"BadArgument"}"#,
        )
        .with_error_shape(ErrorShape::Envelope);
        assert_eq!(r.into_error().api_error().unwrap().code, "BadArgument");
    }

    #[test]
    fn responses_and_deprecation() {
        let r = raw(
            200,
            &[
                ("content-type", "application/json; version=2"),
                ("etag", "\"e1\""),
                ("location", "https://api.example.com/books/1"),
                ("last-modified", "Sun, 06 Nov 1994 08:49:37 GMT"),
                ("content-range", "items 0-1/2"),
                ("deprecated", "true"),
            ],
            "[]",
        );
        assert!(r.deprecated());
        let resp = r.into_response(5).map(|v| v * 2);
        assert_eq!(resp.value, 10);
        assert_eq!(resp.version, Some(2));
        assert!(resp.deprecated);
        assert_eq!(resp.etag(), Some("\"e1\""));
        assert_eq!(resp.location(), Some("https://api.example.com/books/1"));
        assert_eq!(
            resp.last_modified(),
            httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").ok()
        );
        assert_eq!(resp.content_range().unwrap().total, Some(2));
        assert_eq!(resp.into_value(), 10);
        assert!(!raw(200, &[], "").deprecated());
        assert!(
            raw(200, &[], "")
                .with_deprecated_operation(true)
                .deprecated()
        );
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        assert!(header_says_deprecated(
            &headers(&[("deprecated", "@999")]),
            now
        ));
        assert!(!header_says_deprecated(
            &headers(&[("deprecated", "@1001")]),
            now
        ));
        assert!(header_says_deprecated(
            &headers(&[("deprecated", "?1")]),
            now
        ));
        assert!(!header_says_deprecated(
            &headers(&[("deprecated", "false")]),
            now
        ));
        assert!(!header_says_deprecated(
            &headers(&[("deprecated", "@x")]),
            now
        ));
    }

    #[test]
    fn request_building() {
        let mut r = Request::new("op", Method::GET, "/books".into());
        r.query("offset", &0, Style::Form, true).unwrap();
        r.query("limit", &10, Style::Form, true).unwrap();
        r.query("tag", &["a b", "c"], Style::Form, true).unwrap();
        r.set_query("offset", "20");
        r.set_query("tag", "x+y");
        r.set_query("new", "1");
        assert_eq!(r.query, ["offset=20", "limit=10", "tag=x%2By", "new=1"]);
        assert_eq!(r.query_value("tag").as_deref(), Some("x+y"));
        assert_eq!(r.query_value("limit").as_deref(), Some("10"));
        assert_eq!(r.query_value("none"), None);
        assert!(r.header("x-bad", "a\nb").is_err());
        assert!(r.header("bad name", "a").is_err());
        r.header("x-null", &Option::<u32>::None).unwrap();
        assert!(r.headers.is_empty());
        r.url("https://api.example.com/v1/books?offset=5&limit=5")
            .unwrap();
        assert_eq!(r.path, "/v1/books");
        assert_eq!(r.query_value("offset").as_deref(), Some("5"));
        assert!(r.url("/relative").is_err());
        assert!(r.url("ftp://x/y").is_err());
    }

    #[test]
    fn futures_and_requests_are_send() {
        fn send_clone<T: Send + Clone>(_: &T) {}
        fn send<T: Send>(_: &T) {}
        let core = Builder::new("https://x", &[], ErrorShape::OData, false)
            .build()
            .unwrap();
        let req = Request::new("op", Method::GET, "/".into());
        send_clone(&req);
        let fut = core.send(req);
        send(&fut);
        send(&core);
        send(&Credential::token("t"));
    }

    #[test]
    fn builder_validation() {
        const SCHEMES: &[SecurityScheme] = &[];
        let b = |url: &str| Builder::new(url, SCHEMES, ErrorShape::OData, false).build();
        assert_eq!(
            b("https://api.example.com/v1/").unwrap().base_url(),
            "https://api.example.com/v1"
        );
        assert_eq!(
            b("http://127.0.0.1:8080").unwrap().base_url(),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "",
            "api.example.com",
            "ftp://x",
            "https://x/?a=1",
            "https://u:p@x",
            "https://x/#f",
        ] {
            let e = b(bad).unwrap_err();
            assert!(
                matches!(e, ClientError::InvalidRequest { operation: "", .. }),
                "{bad}"
            );
        }
        let e = Builder::new("https://x", SCHEMES, ErrorShape::OData, false)
            .default_header("x-a", "b\nc")
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("default header"));
        let e = Builder::new("https://x", SCHEMES, ErrorShape::OData, false)
            .credential("nope", Credential::token("t"))
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("unknown security scheme"));
        let core = b("https://api.example.com/v1").unwrap();
        assert_eq!(
            core.resolve_link("/books?offset=2").unwrap(),
            "https://api.example.com/books?offset=2"
        );
        assert_eq!(
            core.resolve_link("books?offset=2").unwrap(),
            "https://api.example.com/v1/books?offset=2"
        );
        assert_eq!(
            core.resolve_link("https://other/x").unwrap(),
            "https://other/x"
        );
        let mut r = Request::new("op", Method::GET, "books/1".into());
        assert_eq!(
            core.url_for(&r).unwrap().as_str(),
            "https://api.example.com/v1/books/1"
        );
        r.url("https://evil.example.com/v1/books").unwrap();
        assert!(matches!(
            core.url_for(&r),
            Err(ClientError::InvalidRequest { .. })
        ));
        r.url("https://API.example.com:443/v1/books?x=1").unwrap();
        assert_eq!(
            core.url_for(&r).unwrap().as_str(),
            "https://api.example.com/v1/books?x=1"
        );
    }

    mod loopback {
        use super::super::*;
        use crate::auth::SchemeKind;
        use crate::error::BoxError;
        use crate::media::Candidate;
        use axum::Router;
        use axum::extract::State;
        use axum::http::{HeaderMap as AxumHeaders, StatusCode as AxumStatus, Uri};
        use axum::response::IntoResponse;
        use axum::routing::any;
        use std::sync::atomic::{AtomicU32, Ordering};

        async fn serve(router: Router) -> String {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
            format!("http://{addr}")
        }

        const NO_SCHEMES: &[SecurityScheme] = &[];

        fn fast_retries() -> RetryPolicy {
            RetryPolicy {
                initial_backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(5),
                ..RetryPolicy::default()
            }
        }

        /// Answers `status` (with `Retry-After: 1`) while the counter is
        /// below `failures`, then 200.
        async fn flaky(counter: Arc<AtomicU32>, status: u16, failures: u32) -> String {
            let router = Router::new()
                .route(
                    "/thing",
                    any(move |State(n): State<Arc<AtomicU32>>| async move {
                        let seen = n.fetch_add(1, Ordering::SeqCst);
                        if seen < failures {
                            (
                                AxumStatus::from_u16(status).unwrap(),
                                [("retry-after", "1"), ("content-type", "application/json")],
                                r#"{"code":"ServiceUnavailable","message":"later"}"#,
                            )
                                .into_response()
                        } else {
                            ([("content-type", "application/json")], r#"{"ok":true}"#)
                                .into_response()
                        }
                    }),
                )
                .with_state(counter);
            serve(router).await
        }

        #[tokio::test]
        async fn oversized_bodies_are_refused() {
            // One body with a Content-Length, one streamed without.
            let router = Router::new()
                .route("/sized", any(|| async { "x".repeat(2048) }))
                .route(
                    "/streamed",
                    any(|| async {
                        let chunks = (0..4).map(|_| Ok::<_, std::io::Error>("y".repeat(512)));
                        axum::body::Body::from_stream(futures::stream::iter(chunks))
                    }),
                );
            let base = serve(router).await;
            let core = Builder::new(base, NO_SCHEMES, ErrorShape::OData, false)
                .max_response_bytes(1024)
                .build()
                .unwrap();
            for path in ["/sized", "/streamed"] {
                let err = core
                    .send(Request::new("getThing", Method::GET, path.into()))
                    .await
                    .unwrap_err();
                assert!(
                    matches!(err, ClientError::ResponseTooLarge { limit: 1024, .. }),
                    "{path}: {err:?}"
                );
                assert_eq!(err.status(), Some(StatusCode::OK));
            }
            // At the limit is fine.
            let core = Builder::new(
                serve_sized(2048).await,
                NO_SCHEMES,
                ErrorShape::OData,
                false,
            )
            .max_response_bytes(2048)
            .build()
            .unwrap();
            let raw = core
                .send(Request::new("getThing", Method::GET, "/sized".into()))
                .await
                .unwrap();
            assert_eq!(raw.body.len(), 2048);
        }

        async fn serve_sized(n: usize) -> String {
            serve(Router::new().route("/sized", any(move || async move { "x".repeat(n) }))).await
        }

        #[tokio::test]
        async fn retry_after_then_success() {
            let counter = Arc::new(AtomicU32::new(0));
            let base = flaky(counter.clone(), 503, 1).await;
            let core = Builder::new(base, NO_SCHEMES, ErrorShape::OData, false)
                .build()
                .unwrap();
            let started = std::time::Instant::now();
            let raw = core
                .send(Request::new("getThing", Method::GET, "/thing".into()))
                .await
                .unwrap();
            assert_eq!(raw.status, StatusCode::OK);
            assert_eq!(counter.load(Ordering::SeqCst), 2);
            assert!(started.elapsed() >= Duration::from_millis(900));
        }

        #[tokio::test]
        async fn post_502_is_not_retried() {
            let counter = Arc::new(AtomicU32::new(0));
            let base = flaky(counter.clone(), 502, 5).await;
            let core = Builder::new(base, NO_SCHEMES, ErrorShape::OData, false)
                .retry(fast_retries())
                .build()
                .unwrap();
            let raw = core
                .send(Request::new("createThing", Method::POST, "/thing".into()))
                .await
                .unwrap();
            assert_eq!(raw.status, StatusCode::BAD_GATEWAY);
            assert_eq!(counter.load(Ordering::SeqCst), 1);
            let err = raw.into_error();
            assert_eq!(err.status(), Some(StatusCode::BAD_GATEWAY));
            // The same answer to a GET is retried.
            let counter = Arc::new(AtomicU32::new(0));
            let base = flaky(counter.clone(), 502, 2).await;
            let core = Builder::new(base, NO_SCHEMES, ErrorShape::OData, false)
                .retry(fast_retries())
                .build()
                .unwrap();
            let raw = core
                .send(Request::new("getThing", Method::GET, "/thing".into()))
                .await
                .unwrap();
            assert_eq!(raw.status, StatusCode::OK);
            assert_eq!(counter.load(Ordering::SeqCst), 3);
        }

        #[tokio::test]
        async fn disabled_retries_make_one_attempt() {
            let counter = Arc::new(AtomicU32::new(0));
            let base = flaky(counter.clone(), 503, 5).await;
            let core = Builder::new(base, NO_SCHEMES, ErrorShape::OData, false)
                .retry(RetryPolicy::disabled())
                .build()
                .unwrap();
            let raw = core
                .send(Request::new("getThing", Method::GET, "/thing".into()))
                .await
                .unwrap();
            assert_eq!(raw.status, StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(counter.load(Ordering::SeqCst), 1);
            let err = raw.into_error();
            assert_eq!(
                err.api_error().unwrap().retry_after(),
                Some(Duration::from_secs(1))
            );
            assert_eq!(err.to_string(), "getThing: 503 ServiceUnavailable: later");
        }

        #[tokio::test]
        async fn connection_refused_is_a_transport_error() {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            drop(listener);
            let core = Builder::new(
                format!("http://{addr}"),
                NO_SCHEMES,
                ErrorShape::OData,
                false,
            )
            .retry(fast_retries())
            .build()
            .unwrap();
            let err = core
                .send(Request::new("getThing", Method::GET, "/thing".into()))
                .await
                .unwrap_err();
            assert!(
                matches!(
                    err,
                    ClientError::Transport {
                        operation: "getThing",
                        ..
                    }
                ),
                "{err}"
            );
            assert!(std::error::Error::source(&err).is_some());
        }

        /// Echoes what arrived: headers, query and method.
        async fn echo_server() -> String {
            let router = Router::new().route(
                "/{*rest}",
                any(
                    |headers: AxumHeaders, uri: Uri, method: Method, body: Bytes| async move {
                        let h = |n: &str| {
                            headers
                                .get(n)
                                .map(|v| Value::from(v.to_str().unwrap_or("?")))
                                .unwrap_or(Value::Null)
                        };
                        let mut out = serde_json::json!({
                            "method": method.as_str(),
                            "path": uri.path(),
                            "query": uri.query(),
                            "authorization": h("authorization"),
                            "x-api-key": h("x-api-key"),
                            "cookie": h("cookie"),
                            "accept": h("accept"),
                            "content-type": h("content-type"),
                            "user-agent": h("user-agent"),
                            "x-default": h("x-default"),
                            "x-trace": h("x-trace"),
                            "body": String::from_utf8_lossy(&body),
                        });
                        if uri.path() == "/deprecated" {
                            out["deprecated"] = Value::Bool(true);
                            return (
                                [
                                    ("content-type", "application/json; version=2"),
                                    ("deprecated", "true"),
                                ],
                                out.to_string(),
                            )
                                .into_response();
                        }
                        ([("content-type", "application/json")], out.to_string()).into_response()
                    },
                ),
            );
            serve(router).await
        }

        const SCHEMES: &[SecurityScheme] = &[
            SecurityScheme {
                name: "bearerAuth",
                kind: SchemeKind::Bearer,
            },
            SecurityScheme {
                name: "basicAuth",
                kind: SchemeKind::Basic,
            },
            SecurityScheme {
                name: "keyHeader",
                kind: SchemeKind::ApiKeyHeader("X-Api-Key"),
            },
            SecurityScheme {
                name: "keyQuery",
                kind: SchemeKind::ApiKeyQuery("api_key"),
            },
            SecurityScheme {
                name: "keyCookie",
                kind: SchemeKind::ApiKeyCookie("session"),
            },
        ];

        async fn echo(core: &Core, security: &'static [&'static [&'static str]]) -> Value {
            let mut req = Request::new("echo", Method::GET, "/echo".into());
            req.query("q", "a b", Style::Form, true).unwrap();
            req.security(security);
            core.send(req).await.unwrap().json().unwrap()
        }

        fn builder(base: &str) -> Builder {
            Builder::new(base, SCHEMES, ErrorShape::OData, false)
        }

        #[tokio::test]
        async fn credentials_are_applied() {
            let base = echo_server().await;
            let core = builder(&base)
                .credential("bearerAuth", Credential::token("tok"))
                .build()
                .unwrap();
            let v = echo(&core, &[&["bearerAuth"]]).await;
            assert_eq!(v["authorization"], "Bearer tok");
            // No requirement: nothing sent.
            let v = echo(&core, &[]).await;
            assert_eq!(v["authorization"], Value::Null);
            // Unsatisfiable requirement: nothing sent, the server decides.
            let v = echo(&core, &[&["keyHeader"]]).await;
            assert_eq!(v["authorization"], Value::Null);
            assert_eq!(v["x-api-key"], Value::Null);

            let calls = Arc::new(AtomicU32::new(0));
            let c = calls.clone();
            let provider = move || {
                let n = c.fetch_add(1, Ordering::SeqCst);
                async move { Ok::<_, BoxError>(format!("dyn{n}")) }
            };
            let core = builder(&base)
                .credential("bearerAuth", Credential::provider(provider))
                .build()
                .unwrap();
            assert_eq!(
                echo(&core, &[&["bearerAuth"]]).await["authorization"],
                "Bearer dyn0"
            );
            assert_eq!(
                echo(&core, &[&["bearerAuth"]]).await["authorization"],
                "Bearer dyn1"
            );
            assert_eq!(calls.load(Ordering::SeqCst), 2);

            let core = builder(&base)
                .credential("basicAuth", Credential::basic("Aladdin", "open sesame"))
                .build()
                .unwrap();
            assert_eq!(
                echo(&core, &[&["basicAuth"]]).await["authorization"],
                "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
            );

            let core = builder(&base)
                .credential("keyHeader", Credential::token("h-key"))
                .credential("keyQuery", Credential::token("q key"))
                .credential("keyCookie", Credential::token("c;key"))
                .build()
                .unwrap();
            let v = echo(&core, &[&["keyHeader"]]).await;
            assert_eq!(v["x-api-key"], "h-key");
            let v = echo(&core, &[&["keyQuery"]]).await;
            assert_eq!(v["query"], "q=a%20b&api_key=q%20key");
            let v = echo(&core, &[&["keyCookie"]]).await;
            assert_eq!(v["cookie"], "session=c%3Bkey");
            // Both schemes of one alternative.
            let v = echo(&core, &[&["bearerAuth"], &["keyHeader", "keyCookie"]]).await;
            assert_eq!(
                (v["x-api-key"].as_str(), v["cookie"].as_str()),
                (Some("h-key"), Some("session=c%3Bkey"))
            );

            let failing = || async { Err::<String, BoxError>("token endpoint down".into()) };
            let core = builder(&base)
                .credential("bearerAuth", Credential::provider(failing))
                .build()
                .unwrap();
            let mut req = Request::new("echo", Method::GET, "/echo".into());
            req.security(&[&["bearerAuth"]]);
            let err = core.send(req).await.unwrap_err();
            assert_eq!(
                err.to_string(),
                "echo: credential of security scheme bearerAuth: token endpoint down"
            );
        }

        const V12: &[Candidate] = &[("application/json", Some(1)), ("application/json", Some(2))];

        #[tokio::test]
        async fn headers_bodies_and_versions() {
            let base = echo_server().await;
            let core = builder(&base)
                .user_agent("books-client/1.2.3")
                .default_header("x-default", "d")
                .default_header("x-trace", "default")
                .version(2)
                .build()
                .unwrap();
            let mut req = Request::new("createBook", Method::POST, "/books".into());
            req.accept(V12, None);
            req.header("x-trace", &["a", "b"]).unwrap();
            req.cookie("pref", "dark mode").unwrap();
            req.cookie("lang", "en").unwrap();
            req.json_body(
                "application/json; version=2",
                &serde_json::json!({"title": "Dune"}),
            )
            .unwrap();
            let raw = core.send(req).await.unwrap();
            assert_eq!(raw.requested_version(), Some(2));
            assert_eq!(raw.accept(), Some("application/json; version=2"));
            let v: Value = raw.json().unwrap();
            assert_eq!(v["method"], "POST");
            assert_eq!(v["accept"], "application/json; version=2");
            assert_eq!(v["user-agent"], "books-client/1.2.3");
            assert_eq!(v["x-default"], "d");
            assert_eq!(v["x-trace"], "a,b");
            assert_eq!(v["cookie"], "pref=dark%20mode; lang=en");
            assert_eq!(v["content-type"], "application/json; version=2");
            assert_eq!(v["body"], r#"{"title":"Dune"}"#);
            // The echo answers without version: matched against the lowest
            // documented one.
            assert_eq!(raw.representation(V12).unwrap(), 0);

            // An explicit version wins over the default; a form body.
            let mut req = Request::new("getBook", Method::PUT, "/books/1".into());
            req.accept(V12, Some(1));
            req.form_body(
                "application/x-www-form-urlencoded",
                &serde_json::json!({"a": "x y", "b": [1, 2]}),
            )
            .unwrap();
            let v: Value = core.send(req).await.unwrap().json().unwrap();
            assert_eq!(v["accept"], "application/json; version=1");
            assert_eq!(v["body"], "a=x%20y&b=1&b=2");

            // No version configured: the documented essences.
            let core = builder(&base).build().unwrap();
            let mut req = Request::new("getBook", Method::GET, "/books/1".into());
            req.accept(V12, None);
            req.raw_body("text/plain", "hi");
            let v: Value = core.send(req).await.unwrap().json().unwrap();
            assert_eq!(v["accept"], "application/json");
            assert_eq!(v["body"], "hi");
            assert_eq!(v["path"], "/books/1");
        }

        #[tokio::test]
        async fn deprecation_is_flagged_and_warned_once() {
            let base = echo_server().await;
            let core = builder(&base).build().unwrap();
            let raw = core
                .send(Request::new("oldOp", Method::GET, "/deprecated".into()))
                .await
                .unwrap();
            assert!(raw.deprecated());
            let resp = raw.into_response(());
            assert!(resp.deprecated);
            assert_eq!(resp.version, Some(2));
            assert!(core.warned.lock().unwrap().contains("oldOp"));
            let raw = core
                .send(Request::new("fresh", Method::GET, "/fresh".into()))
                .await
                .unwrap();
            assert!(!raw.deprecated());
            let mut req = Request::new("docDeprecated", Method::GET, "/fresh".into());
            req.deprecated_operation(true);
            assert!(core.send(req).await.unwrap().deprecated());
            let warned = core.warned.lock().unwrap();
            assert!(warned.contains("docDeprecated"));
            assert!(!warned.contains("fresh"));
        }

        #[tokio::test]
        async fn cross_origin_redirects() {
            let target = echo_server().await;
            let to = format!("{target}/landed");
            let router =
                Router::new().route(
                    "/moved",
                    any(move || {
                        let to = to.clone();
                        async move {
                            (AxumStatus::TEMPORARY_REDIRECT, [("location", to)]).into_response()
                        }
                    }),
                );
            let origin = serve(router).await;
            let send = |core: Arc<Core>, security: &'static [&'static [&'static str]]| async move {
                let mut req = Request::new("moved", Method::GET, "/moved".into());
                req.security(security);
                core.send(req).await.unwrap()
            };
            // Bearer: followed, reqwest drops Authorization on the way.
            let core = builder(&origin)
                .credential("bearerAuth", Credential::token("tok"))
                .build()
                .unwrap();
            let raw = send(core, &[&["bearerAuth"]]).await;
            assert_eq!(raw.status, StatusCode::OK);
            let v: Value = raw.json().unwrap();
            assert_eq!(v["path"], "/landed");
            assert_eq!(v["authorization"], Value::Null);
            // API key header: not followed.
            let core = builder(&origin)
                .credential("keyHeader", Credential::token("secret"))
                .build()
                .unwrap();
            let raw = send(core, &[&["keyHeader"]]).await;
            assert_eq!(raw.status, StatusCode::TEMPORARY_REDIRECT);
            assert!(matches!(
                raw.into_error(),
                ClientError::UnexpectedStatus { .. }
            ));
        }

        #[tokio::test]
        async fn foreign_origin_urls_are_refused() {
            let base = echo_server().await;
            let core = builder(&base)
                .credential("bearerAuth", Credential::token("tok"))
                .build()
                .unwrap();
            let mut req = Request::new("next", Method::GET, "/x".into());
            req.security(&[&["bearerAuth"]]);
            req.url("http://evil.example.com/steal").unwrap();
            let err = core.send(req).await.unwrap_err();
            assert!(matches!(err, ClientError::InvalidRequest { .. }), "{err}");
        }
    }
}
