//! Common request and response headers: RULEBOOK §3.1 (request framing,
//! `Date`), §3.2.3 (`Deprecated`), §3.7 (`Location`, `Allow`, 501, trailing
//! slashes, `Retry-After`, `WWW-Authenticate`), §3.8.1 (cache headers and
//! `Vary`) and §3.10 (HTTP dates).

use std::time::{Duration, SystemTime};

use http::header::{
    CACHE_CONTROL, CONTENT_LENGTH, DATE, EXPIRES, HeaderName, PRAGMA, TRANSFER_ENCODING, VARY,
};
use http::{HeaderMap, HeaderValue, Method};

use super::error::ApiError;

/// The `Deprecated` response header (§3.2.3).
pub const DEPRECATED: HeaderName = HeaderName::from_static("deprecated");

/// The methods a generated server implements, in `Allow` order (§3.7.4).
pub const ALLOW_ORDER: [Method; 7] = [
    Method::GET,
    Method::HEAD,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
    Method::OPTIONS,
];

/// An HTTP date in IMF-fixdate form, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`
/// (§3.10; fractions are dropped).
pub fn http_date(time: SystemTime) -> String {
    httpdate::fmt_http_date(time)
}

/// Parses an HTTP date in IMF-fixdate, RFC 850 or asctime form (§3.10).
pub fn parse_http_date(value: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(value.trim()).ok()
}

/// Sets `Date` to `now` (§3.1: on every response). A client `Date` is never
/// read (HEADER-011).
pub fn set_date(headers: &mut HeaderMap, now: SystemTime) {
    if let Ok(v) = HeaderValue::from_str(&http_date(now)) {
        headers.insert(DATE, v);
    }
}

/// Sets exactly `Deprecated: true` when the selected representation is
/// deprecated (§3.2.3); never sends `false`.
pub fn set_deprecated(headers: &mut HeaderMap, deprecated: bool) {
    if deprecated {
        headers.insert(DEPRECATED, HeaderValue::from_static("true"));
    }
}

/// The absolute URI `publicBaseUrl` + `path`, for `Location` on 201 and 202,
/// `Content-Location` and links (§3.3.4, §3.7.1, §3.7.2). It never uses the
/// request's `Host`.
pub fn absolute_uri(public_base_url: &str, path: &str) -> String {
    let base = public_base_url.trim_end_matches('/');
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// Whether a method token is one the server implements at all; any other
/// token (`PROPFIND`, `TRACE`, …) gets 501 `NotImplemented` (§3.7.4).
pub fn is_implemented_method(method: &Method) -> bool {
    ALLOW_ORDER.contains(method)
}

/// The `Allow` value for the methods defined on a path (§3.7.4): in the order
/// GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, with HEAD added when GET is
/// defined and OPTIONS always, joined with `", "`.
pub fn allow_value(defined: &[Method]) -> String {
    ALLOW_ORDER
        .iter()
        .filter(|m| {
            defined.contains(m)
                || (**m == Method::HEAD && defined.contains(&Method::GET))
                || **m == Method::OPTIONS
        })
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds `names` to `Vary`, keeping the existing members and their order and
/// skipping names already present (case-insensitive). `*` absorbs everything.
pub fn merge_vary(headers: &mut HeaderMap, names: &[&str]) {
    let mut members: Vec<String> = headers
        .get_all(VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    for name in names {
        if !members.iter().any(|m| m.eq_ignore_ascii_case(name)) {
            members.push((*name).to_owned());
        }
    }
    let value = if members.iter().any(|m| m == "*") {
        "*".to_owned()
    } else {
        members.join(", ")
    };
    if let Ok(v) = HeaderValue::from_str(&value) {
        headers.insert(VARY, v);
    }
}

/// Cache headers of a 200 or 304 GET/HEAD response (§3.8.1): with
/// `max_age > 0`, `Cache-Control: max-age=M` (`private, max-age=M` for
/// authenticated requests) and `Expires` = `now` + M; with `max_age = 0`,
/// [`set_no_cache`].
pub fn set_cache_headers(
    headers: &mut HeaderMap,
    max_age: u64,
    authenticated: bool,
    now: SystemTime,
) {
    if max_age == 0 {
        set_no_cache(headers);
        return;
    }
    let cache_control = if authenticated {
        format!("private, max-age={max_age}")
    } else {
        format!("max-age={max_age}")
    };
    if let Ok(v) = HeaderValue::from_str(&cache_control) {
        headers.insert(CACHE_CONTROL, v);
    }
    headers.remove(PRAGMA);
    if let Some(expires) = now.checked_add(Duration::from_secs(max_age))
        && let Ok(v) = HeaderValue::from_str(&http_date(expires))
    {
        headers.insert(EXPIRES, v);
    }
}

/// `Cache-Control: no-cache` and `Pragma: no-cache`, without `Expires`
/// (§3.8.1: uncacheable GETs and every other response).
pub fn set_no_cache(headers: &mut HeaderMap) {
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(PRAGMA, HeaderValue::from_static("no-cache"));
    headers.remove(EXPIRES);
}

/// `Retry-After` as delta-seconds, e.g. `120` (§3.7.8).
pub fn retry_after_seconds(seconds: u64) -> String {
    seconds.to_string()
}

/// `Retry-After` as an HTTP date, for maintenance windows (§3.7.8).
pub fn retry_after_date(until: SystemTime) -> String {
    http_date(until)
}

/// `WWW-Authenticate` for `authHeader: Authorization` (§3.7.9):
/// `Bearer realm="<title>"`, plus `, error="invalid_token"` when a token was
/// presented but is invalid or expired.
pub fn www_authenticate_bearer(realm: &str, invalid_token: bool) -> String {
    let mut value = format!("Bearer realm={}", quoted(realm));
    if invalid_token {
        value.push_str(", error=\"invalid_token\"");
    }
    value
}

/// `WWW-Authenticate` for `authHeader: X-Auth-Token` or `X-Authentication`
/// (§3.7.9): `APIKey realm="<title>", header="<header name>"`.
pub fn www_authenticate_api_key(realm: &str, header: &str) -> String {
    format!("APIKey realm={}, header={}", quoted(realm), quoted(header))
}

/// A quoted-string with `"` and `\` escaped.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The redirect target for a path with a trailing slash (§3.7.3): the same
/// absolute URL without the slash, query kept; `None` when the path does not
/// end in `/` or is `/`.
pub fn trailing_slash_location(
    public_base_url: &str,
    path: &str,
    query: Option<&str>,
) -> Option<String> {
    if path == "/" || !path.ends_with('/') {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
    let mut location = absolute_uri(public_base_url, trimmed);
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        location.push('?');
        location.push_str(q);
    }
    Some(location)
}

/// Request framing limits (§3.1, pipeline step 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FramingPolicy {
    /// `requireContentLength`: POST and PUT without `Content-Length` → 411.
    pub require_content_length: bool,
    /// `maxBodyBytes`: a larger declared body → 413.
    pub max_body_bytes: u64,
}

/// Whether the request has a body: `Content-Length > 0` or any
/// `Transfer-Encoding` (chunked data) (§3.1).
pub fn has_body(headers: &HeaderMap) -> bool {
    let length = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    length.is_some_and(|n| n > 0) || headers.contains_key(TRANSFER_ENCODING)
}

/// Checks request framing before the body is read (§3.1): a body on GET,
/// HEAD or DELETE → 400 `BadRequest`; POST or PUT without `Content-Length`
/// (when required) → 411; a declared `Content-Length` above `maxBodyBytes` →
/// 413. Bodies streamed without a length must still be capped while reading.
pub fn check_framing(
    method: &Method,
    headers: &HeaderMap,
    policy: &FramingPolicy,
) -> Result<(), ApiError> {
    if (method == Method::GET || method == Method::HEAD || method == Method::DELETE)
        && has_body(headers)
    {
        return Err(ApiError::body_not_allowed());
    }
    let length = headers.get(CONTENT_LENGTH);
    if policy.require_content_length
        && (method == Method::POST || method == Method::PUT)
        && length.is_none()
    {
        return Err(ApiError::length_required());
    }
    if let Some(raw) = length {
        match raw.to_str().ok().and_then(|v| v.trim().parse::<u64>().ok()) {
            Some(n) if n > policy.max_body_bytes => return Err(ApiError::payload_too_large()),
            Some(_) => {}
            None => {
                return Err(ApiError::bad_request(
                    "Content-Length is not a valid length",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use http::StatusCode;
    use std::time::UNIX_EPOCH;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn dates() {
        assert_eq!(
            http_date(at(784_111_777) + Duration::from_millis(999)),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(at(784_111_777))
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(at(784_111_777))
        );
        assert_eq!(
            parse_http_date("Sun Nov  6 08:49:37 1994"),
            Some(at(784_111_777))
        );
        assert_eq!(parse_http_date("2012-02-29T23:01:10Z"), None);
        let mut h = HeaderMap::new();
        set_date(&mut h, at(1_330_556_470));
        assert_eq!(h[DATE], "Wed, 29 Feb 2012 23:01:10 GMT");
    }

    #[test]
    fn deprecated_is_only_ever_true() {
        let mut h = HeaderMap::new();
        set_deprecated(&mut h, false);
        assert!(h.is_empty());
        set_deprecated(&mut h, true);
        assert_eq!(h["deprecated"], "true");
    }

    #[test]
    fn locations() {
        assert_eq!(
            absolute_uri("https://api.example.com/", "/users/12345"),
            "https://api.example.com/users/12345"
        );
        assert_eq!(
            absolute_uri("https://api.example.com", "tasks/8f3c2a"),
            "https://api.example.com/tasks/8f3c2a"
        );
        assert_eq!(
            trailing_slash_location("https://api.example.com", "/users/", Some("a=1")).as_deref(),
            Some("https://api.example.com/users?a=1")
        );
        assert_eq!(
            trailing_slash_location("https://api.example.com", "/users", None),
            None
        );
        assert_eq!(
            trailing_slash_location("https://api.example.com", "/", None),
            None
        );
    }

    #[test]
    fn allow_and_501() {
        assert_eq!(
            allow_value(&[Method::DELETE, Method::PUT, Method::GET]),
            "GET, HEAD, PUT, DELETE, OPTIONS"
        );
        assert_eq!(allow_value(&[Method::POST]), "POST, OPTIONS");
        assert!(is_implemented_method(&Method::PATCH));
        assert!(!is_implemented_method(&Method::TRACE));
        assert!(!is_implemented_method(
            &Method::from_bytes(b"PROPFIND").unwrap()
        ));
    }

    #[test]
    fn vary_merging() {
        let mut h = HeaderMap::new();
        merge_vary(&mut h, &["Accept"]);
        assert_eq!(h[VARY], "Accept");
        h.append(VARY, "origin".parse().unwrap());
        merge_vary(&mut h, &["Origin", "Accept-Encoding", "accept"]);
        assert_eq!(h.get_all(VARY).iter().count(), 1);
        assert_eq!(h[VARY], "Accept, origin, Accept-Encoding");
        merge_vary(&mut h, &["*"]);
        assert_eq!(h[VARY], "*");
    }

    #[test]
    fn cache_headers() {
        let mut h = HeaderMap::new();
        set_cache_headers(&mut h, 86_400, false, at(1_330_556_470));
        assert_eq!(h[CACHE_CONTROL], "max-age=86400");
        assert_eq!(h[EXPIRES], "Thu, 01 Mar 2012 23:01:10 GMT");
        assert!(!h.contains_key(PRAGMA));
        set_cache_headers(&mut h, 60, true, at(0));
        assert_eq!(h[CACHE_CONTROL], "private, max-age=60");
        set_cache_headers(&mut h, 0, false, at(0));
        assert_eq!(h[CACHE_CONTROL], "no-cache");
        assert_eq!(h[PRAGMA], "no-cache");
        assert!(!h.contains_key(EXPIRES));
    }

    #[test]
    fn auth_and_retry_values() {
        assert_eq!(
            www_authenticate_bearer("Bookstore", false),
            "Bearer realm=\"Bookstore\""
        );
        assert_eq!(
            www_authenticate_bearer("Say \"hi\"", true),
            "Bearer realm=\"Say \\\"hi\\\"\", error=\"invalid_token\""
        );
        assert_eq!(
            www_authenticate_api_key("Bookstore", "X-Auth-Token"),
            "APIKey realm=\"Bookstore\", header=\"X-Auth-Token\""
        );
        assert_eq!(retry_after_seconds(120), "120");
        assert_eq!(
            retry_after_date(at(784_111_777)),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
    }

    #[test]
    fn framing() {
        let policy = FramingPolicy {
            require_content_length: true,
            max_body_bytes: 100,
        };
        let h = |pairs: &[(&str, &str)]| {
            let mut m = HeaderMap::new();
            for (n, v) in pairs {
                m.append(
                    HeaderName::from_bytes(n.as_bytes()).unwrap(),
                    v.parse().unwrap(),
                );
            }
            m
        };
        let status =
            |m: Method, hs: &HeaderMap| check_framing(&m, hs, &policy).err().map(|e| e.status);
        assert_eq!(status(Method::GET, &h(&[("content-length", "0")])), None);
        assert_eq!(
            status(Method::GET, &h(&[("content-length", "3")])),
            Some(StatusCode::BAD_REQUEST)
        );
        assert_eq!(
            status(Method::DELETE, &h(&[("transfer-encoding", "chunked")])),
            Some(StatusCode::BAD_REQUEST)
        );
        assert_eq!(
            status(Method::POST, &h(&[("transfer-encoding", "chunked")])),
            Some(StatusCode::LENGTH_REQUIRED)
        );
        assert_eq!(
            status(Method::PATCH, &h(&[("transfer-encoding", "chunked")])),
            None
        );
        assert_eq!(
            status(Method::PUT, &h(&[("content-length", "101")])),
            Some(StatusCode::PAYLOAD_TOO_LARGE)
        );
        assert_eq!(status(Method::PUT, &h(&[("content-length", "100")])), None);
        assert_eq!(
            status(Method::PUT, &h(&[("content-length", "x")])),
            Some(StatusCode::BAD_REQUEST)
        );
        let lax = FramingPolicy {
            require_content_length: false,
            ..policy
        };
        assert!(check_framing(&Method::POST, &HeaderMap::new(), &lax).is_ok());
    }
}
