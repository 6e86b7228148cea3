//! Entity tags and conditional requests: RULEBOOK §3.8 (§3.8.2 computing the
//! ETag, §3.8.3 conditional GET and HEAD) and §3.9 (preconditions on PUT,
//! PATCH and DELETE), with the evaluation order of RFC 9110 §13.2.2.
//!
//! Dates in conditional headers are read with httpdate (IMF-fixdate, RFC 850
//! and asctime); an invalid date makes its header be ignored (§3.10).

use std::time::{SystemTime, UNIX_EPOCH};

use axum::response::{IntoResponse, Response};
use http::header::{
    CACHE_CONTROL, CONTENT_LOCATION, DATE, ETAG, EXPIRES, IF_MATCH, IF_MODIFIED_SINCE,
    IF_NONE_MATCH, IF_UNMODIFIED_SINCE, LAST_MODIFIED, VARY,
};
use http::{HeaderMap, Method, StatusCode};

use super::error::ApiError;
use super::negotiation::joined_header;

/// An entity tag: `"opaque"` (strong) or `W/"opaque"` (weak).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityTag {
    /// Whether the tag is weak (`W/`).
    pub weak: bool,
    /// The opaque value, without quotes.
    pub opaque: String,
}

impl EntityTag {
    /// A strong tag. `opaque` must not contain `"`.
    pub fn strong(opaque: impl Into<String>) -> Self {
        Self {
            weak: false,
            opaque: opaque.into(),
        }
    }

    /// A weak tag. `opaque` must not contain `"`.
    pub fn weak(opaque: impl Into<String>) -> Self {
        Self {
            weak: true,
            opaque: opaque.into(),
        }
    }

    /// Parses one tag (`"x"` or `W/"x"`, surrounding spaces allowed).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        let (weak, rest) = match value.strip_prefix("W/") {
            Some(rest) => (true, rest),
            None => (false, value),
        };
        let opaque = rest.strip_prefix('"')?.strip_suffix('"')?;
        if opaque.contains('"') {
            return None;
        }
        Some(Self {
            weak,
            opaque: opaque.to_owned(),
        })
    }

    /// Strong comparison (RFC 9110 §8.8.3.2): both strong, same opaque value.
    pub fn strong_eq(&self, other: &EntityTag) -> bool {
        !self.weak && !other.weak && self.opaque == other.opaque
    }

    /// Weak comparison: same opaque value, `W/` ignored.
    pub fn weak_eq(&self, other: &EntityTag) -> bool {
        self.opaque == other.opaque
    }
}

impl std::fmt::Display for EntityTag {
    /// The header form, always quoted: `"…"` or `W/"…"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.weak {
            write!(f, "W/\"{}\"", self.opaque)
        } else {
            write!(f, "\"{}\"", self.opaque)
        }
    }
}

/// The value of `If-Match` or `If-None-Match`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagList {
    /// `*`
    Any,
    /// A list of tags; members that do not parse are dropped, so a present
    /// header with only bad members is an empty list that matches nothing.
    Tags(Vec<EntityTag>),
}

impl TagList {
    /// Parses a header value.
    pub fn parse(value: &str) -> Self {
        if value.trim() == "*" {
            return TagList::Any;
        }
        TagList::Tags(
            super::negotiation::split_unquoted(value, ',')
                .iter()
                .filter_map(|t| EntityTag::parse(t))
                .collect(),
        )
    }

    /// Reads header `name` (all its lines); `None` when absent.
    pub fn from_headers(headers: &HeaderMap, name: &str) -> Option<Self> {
        joined_header(headers, name).map(|v| Self::parse(&v))
    }

    /// Whether the list is `*` or a tag strongly matches `current`.
    pub fn matches_strong(&self, current: &EntityTag) -> bool {
        match self {
            TagList::Any => true,
            TagList::Tags(tags) => tags.iter().any(|t| t.strong_eq(current)),
        }
    }

    /// Whether the list is `*` or a tag weakly matches `current`.
    pub fn matches_weak(&self, current: &EntityTag) -> bool {
        match self {
            TagList::Any => true,
            TagList::Tags(tags) => tags.iter().any(|t| t.weak_eq(current)),
        }
    }
}

/// The strong ETag of a single resource (§3.8.2): the first 32 lower-case hex
/// characters of `SHA-256(uri + "\n" + revision + "\n" + media type with
/// version + "\n" + wrapped)`, with `wrapped` written `true` or `false`.
pub fn resource_etag(
    canonical_uri: &str,
    revision: &str,
    media_type_with_version: &str,
    wrapped: bool,
) -> EntityTag {
    let input = format!("{canonical_uri}\n{revision}\n{media_type_with_version}\n{wrapped}");
    EntityTag::strong(hex32(&sha256(input.as_bytes())))
}

/// The strong ETag of a collection page (§3.8.2): SHA-256 over the
/// normalized request URI, the media type, the total (`*` when unknown) and
/// the item ETags in order, joined with `"\n"`.
pub fn collection_etag(
    normalized_uri: &str,
    media_type_with_version: &str,
    total: Option<u64>,
    items: &[EntityTag],
) -> EntityTag {
    let mut input = format!(
        "{normalized_uri}\n{media_type_with_version}\n{}",
        total.map_or_else(|| "*".to_owned(), |t| t.to_string())
    );
    for item in items {
        input.push('\n');
        input.push_str(&item.to_string());
    }
    EntityTag::strong(hex32(&sha256(input.as_bytes())))
}

/// A strong ETag from response bytes, for responses without a revision
/// token: 32 hex characters of their SHA-256.
pub fn etag_from_bytes(bytes: &[u8]) -> EntityTag {
    EntityTag::strong(hex32(&sha256(bytes)))
}

/// The first 16 bytes as 32 lower-case hex characters.
fn hex32(digest: &[u8; 32]) -> String {
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (FIPS 180-4).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h = H0;
    let bit_len = (data.len() as u64).wrapping_mul(8);
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (slot, word) in w.iter_mut().zip(block.chunks_exact(4)) {
            *slot = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for (k, wi) in K.iter().zip(w.iter()) {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(*k)
                .wrapping_add(*wi);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(v);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, v) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&v.to_be_bytes());
    }
    out
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The validators of the current representation.
#[derive(Debug, Clone, Copy)]
pub struct Current<'a> {
    /// Its ETag.
    pub etag: &'a EntityTag,
    /// Its modification time, if it has one.
    pub last_modified: Option<SystemTime>,
}

/// The result of evaluating preconditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precondition {
    /// Go on with the method.
    Proceed,
    /// Answer 304 Not Modified (GET and HEAD only).
    NotModified,
    /// Answer 412 Precondition Failed.
    Failed,
}

/// Evaluates `If-Match`, `If-Unmodified-Since`, `If-None-Match` and
/// `If-Modified-Since` in the order of RFC 9110 §13.2.2. `current` is `None`
/// when the resource has no current representation. Range is not evaluated.
pub fn evaluate(
    method: &Method,
    headers: &HeaderMap,
    current: Option<Current<'_>>,
) -> Precondition {
    let safe = method == Method::GET || method == Method::HEAD;
    // Step 1 and 2.
    if let Some(list) = TagList::from_headers(headers, IF_MATCH.as_str()) {
        let ok = current.is_some_and(|c| list.matches_strong(c.etag));
        if !ok {
            return Precondition::Failed;
        }
    } else if let Some(date) = header_date(headers, IF_UNMODIFIED_SINCE.as_str())
        && let Some(lm) = current.and_then(|c| c.last_modified)
        && secs(lm) > secs(date)
    {
        return Precondition::Failed;
    }
    // Step 3 and 4.
    if let Some(list) = TagList::from_headers(headers, IF_NONE_MATCH.as_str()) {
        if current.is_some_and(|c| list.matches_weak(c.etag)) {
            return if safe {
                Precondition::NotModified
            } else {
                Precondition::Failed
            };
        }
    } else if safe
        && let Some(date) = header_date(headers, IF_MODIFIED_SINCE.as_str())
        && let Some(lm) = current.and_then(|c| c.last_modified)
        && secs(lm) <= secs(date)
    {
        return Precondition::NotModified;
    }
    Precondition::Proceed
}

/// Conditional GET and HEAD (§3.8.3): whether to answer 304.
pub fn is_not_modified(headers: &HeaderMap, current: Current<'_>) -> bool {
    evaluate(&Method::GET, headers, Some(current)) == Precondition::NotModified
}

/// A 304 response carrying only the headers §3.8.3 allows, copied from the
/// headers of the full response: `Date`, `ETag`, `Content-Location`,
/// `Cache-Control`, `Expires`, `Vary`, `Last-Modified` and `Deprecated`.
pub fn not_modified_response(full: &HeaderMap) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let headers = response.headers_mut();
    let keep = [
        DATE.as_str(),
        ETAG.as_str(),
        CONTENT_LOCATION.as_str(),
        CACHE_CONTROL.as_str(),
        EXPIRES.as_str(),
        VARY.as_str(),
        LAST_MODIFIED.as_str(),
        "deprecated",
    ];
    for (name, value) in full {
        if keep.contains(&name.as_str()) {
            headers.append(name, value.clone());
        }
    }
    response
}

/// The options of §3.9 (C-13, C-14, C-15) for one PUT or PATCH operation on
/// an item resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdatePolicy {
    /// `requirePreconditions` (default true).
    pub require_preconditions: bool,
    /// `missingPreconditionStatus`: 428 (default), 403 or 409.
    pub missing_precondition_status: StatusCode,
    /// `staleEtagStatus: 409-if-historical`.
    pub conflict_if_historical: bool,
    /// `patchCreates` (default false).
    pub patch_creates: bool,
    /// Whether the operation documents 201 (it may create the resource).
    pub creates: bool,
}

impl Default for UpdatePolicy {
    fn default() -> Self {
        Self {
            require_preconditions: true,
            missing_precondition_status: StatusCode::PRECONDITION_REQUIRED,
            conflict_if_historical: false,
            patch_creates: false,
            creates: true,
        }
    }
}

/// The current state of the item for [`evaluate_update`].
#[derive(Debug, Clone, Copy)]
pub struct Existing<'a> {
    /// The current validators.
    pub current: Current<'a>,
    /// Earlier ETags of the item, for `409-if-historical` (may be empty).
    pub etag_history: &'a [EntityTag],
}

/// What the handler does after [`evaluate_update`] succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateDecision {
    /// Create the item atomically (a concurrent creation → 412), answer 201
    /// with `Location`, `ETag` and `Last-Modified`.
    Create,
    /// Apply the change with compare-and-set on the revision (a lost race →
    /// 412), answer 200 (or 204) with the new `ETag`, `Last-Modified` and
    /// `Content-Location`.
    Update,
}

/// `UPDATE(request, R)` of §3.9 for PUT and PATCH on item resources.
///
/// Errors: 404 `NotFound`, 412 `PreconditionFailed`, 409 `Conflict` (a
/// historical tag under `409-if-historical`) and `PreconditionRequired` with
/// the configured status. An `If-None-Match` listing the current tag also
/// fails with 412, as RFC 9110 requires.
pub fn evaluate_update(
    method: &Method,
    headers: &HeaderMap,
    existing: Option<Existing<'_>>,
    policy: &UpdatePolicy,
) -> Result<UpdateDecision, ApiError> {
    let if_match = TagList::from_headers(headers, IF_MATCH.as_str());
    let Some(existing) = existing else {
        if (method == Method::PATCH && !policy.patch_creates) || !policy.creates {
            return Err(ApiError::not_found());
        }
        if if_match.is_some() {
            return Err(ApiError::precondition_failed());
        }
        return Ok(UpdateDecision::Create);
    };
    let current = existing.current;
    if let Some(list) = TagList::from_headers(headers, IF_NONE_MATCH.as_str())
        && list.matches_weak(current.etag)
    {
        return Err(ApiError::precondition_failed());
    }
    if let Some(list) = if_match {
        if list.matches_strong(current.etag) {
            return Ok(UpdateDecision::Update);
        }
        let historical = match &list {
            TagList::Tags(tags) => tags
                .iter()
                .any(|t| existing.etag_history.iter().any(|h| h.strong_eq(t))),
            TagList::Any => false,
        };
        if policy.conflict_if_historical && historical {
            return Err(ApiError::conflict(
                "The resource was changed since this ETag was issued",
            ));
        }
        return Err(ApiError::precondition_failed());
    }
    if let Some(date) = header_date(headers, IF_UNMODIFIED_SINCE.as_str()) {
        if let Some(lm) = current.last_modified
            && secs(lm) > secs(date)
        {
            return Err(ApiError::precondition_failed());
        }
        return Ok(UpdateDecision::Update);
    }
    if policy.require_preconditions {
        return Err(ApiError::precondition_required(
            policy.missing_precondition_status,
        ));
    }
    Ok(UpdateDecision::Update)
}

/// Preconditions of a DELETE on an existing resource (§3.9): `If-Match` or
/// `If-Unmodified-Since` that fails → 412. A precondition is never required.
pub fn evaluate_delete(headers: &HeaderMap, current: Current<'_>) -> Result<(), ApiError> {
    match evaluate(&Method::DELETE, headers, Some(current)) {
        Precondition::Proceed => Ok(()),
        Precondition::NotModified | Precondition::Failed => Err(ApiError::precondition_failed()),
    }
}

/// A valid HTTP-date in header `name` (IMF-fixdate, RFC 850 or asctime), or
/// `None` when absent or invalid.
pub fn header_date(headers: &HeaderMap, name: &str) -> Option<SystemTime> {
    let value = headers.get(name)?.to_str().ok()?;
    httpdate::parse_http_date(value.trim()).ok()
}

/// Seconds since the epoch (second precision for date comparisons).
fn secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn hex(d: &[u8]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.append(
                http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn sha256_known_digests() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(&[b'a'; 1000])),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
        );
    }

    #[test]
    fn resource_etag_is_the_rulebook_hash() {
        let tag = resource_etag(
            "https://api.example.com/users/42",
            "7",
            "application/json; version=1",
            false,
        );
        assert_eq!(tag.to_string(), "\"bddc0fd82b610c1a24543ab4c4d24ac2\"");
        assert_ne!(
            tag,
            resource_etag(
                "https://api.example.com/users/42",
                "7",
                "application/json; version=2",
                false
            )
        );
        assert_ne!(
            tag,
            resource_etag(
                "https://api.example.com/users/42",
                "7",
                "application/json; version=1",
                true
            )
        );
        let a = collection_etag(
            "/users?offset=0&limit=2",
            "application/json; version=1",
            Some(2),
            std::slice::from_ref(&tag),
        );
        let b = collection_etag(
            "/users?offset=0&limit=2",
            "application/json; version=1",
            None,
            &[tag],
        );
        assert_ne!(a, b);
        assert_eq!(a.opaque.len(), 32);
        assert_eq!(
            etag_from_bytes(b"abc").to_string(),
            "\"ba7816bf8f01cfea414140de5dae2223\""
        );
    }

    #[test]
    fn tag_parsing_and_comparison() {
        assert_eq!(EntityTag::parse(" W/\"x\" "), Some(EntityTag::weak("x")));
        assert_eq!(EntityTag::parse("\"x\""), Some(EntityTag::strong("x")));
        assert_eq!(EntityTag::parse("x"), None);
        assert_eq!(EntityTag::weak("x").to_string(), "W/\"x\"");
        assert!(EntityTag::weak("x").weak_eq(&EntityTag::strong("x")));
        assert!(!EntityTag::weak("x").strong_eq(&EntityTag::strong("x")));
        assert_eq!(
            TagList::parse("\"a\", W/\"b\", junk, \"c,d\""),
            TagList::Tags(vec![
                EntityTag::strong("a"),
                EntityTag::weak("b"),
                EntityTag::strong("c,d")
            ])
        );
        assert_eq!(TagList::parse(" * "), TagList::Any);
    }

    #[test]
    fn conditional_get() {
        let etag = EntityTag::strong("e1");
        let cur = Current {
            etag: &etag,
            last_modified: Some(at(1_000_000)),
        };
        assert!(is_not_modified(
            &headers(&[("if-none-match", "W/\"e1\"")]),
            cur
        ));
        assert!(is_not_modified(
            &headers(&[("if-none-match", "\"zz\""), ("if-none-match", "\"e1\"")]),
            cur
        ));
        assert!(is_not_modified(&headers(&[("if-none-match", "*")]), cur));
        assert!(!is_not_modified(
            &headers(&[("if-none-match", "\"e0\"")]),
            cur
        ));
        // If-None-Match present: If-Modified-Since is ignored.
        let ims = httpdate::fmt_http_date(at(2_000_000));
        assert!(!is_not_modified(
            &headers(&[("if-none-match", "\"e0\""), ("if-modified-since", &ims)]),
            cur
        ));
        assert!(is_not_modified(
            &headers(&[("if-modified-since", &ims)]),
            cur
        ));
        // Equal at second precision is not modified; earlier date is modified.
        let frac = Current {
            etag: &etag,
            last_modified: Some(at(1_000_000) + Duration::from_millis(900)),
        };
        assert!(is_not_modified(
            &headers(&[("if-modified-since", &httpdate::fmt_http_date(at(1_000_000)))]),
            frac
        ));
        assert!(!is_not_modified(
            &headers(&[("if-modified-since", &httpdate::fmt_http_date(at(999_999)))]),
            cur
        ));
        // RFC 850 and asctime forms are accepted, garbage is ignored.
        assert!(is_not_modified(
            &headers(&[("if-modified-since", "Sunday, 06-Nov-94 08:49:37 GMT")]),
            Current {
                etag: &etag,
                last_modified: Some(at(784_111_777))
            }
        ));
        assert!(is_not_modified(
            &headers(&[("if-modified-since", "Sun Nov  6 08:49:37 1994")]),
            Current {
                etag: &etag,
                last_modified: Some(at(784_111_777))
            }
        ));
        assert!(!is_not_modified(
            &headers(&[("if-modified-since", "yesterday")]),
            cur
        ));
    }

    #[test]
    fn rfc9110_order() {
        let etag = EntityTag::strong("e1");
        let cur = Some(Current {
            etag: &etag,
            last_modified: Some(at(100)),
        });
        // If-Match failing wins over a matching If-None-Match.
        let h = headers(&[("if-match", "\"x\""), ("if-none-match", "\"e1\"")]);
        assert_eq!(evaluate(&Method::GET, &h, cur), Precondition::Failed);
        // If-Match passing: If-Unmodified-Since is not evaluated.
        let h = headers(&[
            ("if-match", "\"e1\""),
            ("if-unmodified-since", &httpdate::fmt_http_date(at(50))),
        ]);
        assert_eq!(evaluate(&Method::PUT, &h, cur), Precondition::Proceed);
        assert_eq!(
            evaluate(
                &Method::PUT,
                &headers(&[("if-unmodified-since", &httpdate::fmt_http_date(at(50)))]),
                cur
            ),
            Precondition::Failed
        );
        assert_eq!(
            evaluate(&Method::POST, &headers(&[("if-none-match", "*")]), cur),
            Precondition::Failed
        );
        assert_eq!(
            evaluate(&Method::POST, &headers(&[("if-none-match", "*")]), None),
            Precondition::Proceed
        );
        assert_eq!(
            evaluate(&Method::GET, &headers(&[("if-match", "*")]), None),
            Precondition::Failed
        );
        // If-Modified-Since only applies to GET and HEAD.
        let ims = headers(&[("if-modified-since", &httpdate::fmt_http_date(at(200)))]);
        assert_eq!(
            evaluate(&Method::HEAD, &ims, cur),
            Precondition::NotModified
        );
        assert_eq!(evaluate(&Method::DELETE, &ims, cur), Precondition::Proceed);
        // A weak current tag never passes If-Match.
        let weak = EntityTag::weak("e1");
        assert_eq!(
            evaluate(
                &Method::PUT,
                &headers(&[("if-match", "W/\"e1\"")]),
                Some(Current {
                    etag: &weak,
                    last_modified: None
                })
            ),
            Precondition::Failed
        );
    }

    fn update(
        method: Method,
        h: &[(&str, &str)],
        state: Option<(&EntityTag, u64)>,
        policy: UpdatePolicy,
    ) -> Result<UpdateDecision, u16> {
        let history = [EntityTag::strong("e1")];
        let existing = state.map(|(etag, lm)| Existing {
            current: Current {
                etag,
                last_modified: Some(at(lm)),
            },
            etag_history: &history,
        });
        evaluate_update(&method, &headers(h), existing, &policy).map_err(|e| e.status.as_u16())
    }

    // §3.9 test vectors (e1 is the first ETag, e2 the current one after an update).
    #[test]
    fn section_3_9_vectors() {
        let p = UpdatePolicy::default();
        let e1 = EntityTag::strong("e1");
        let e2 = EntityTag::strong("e2");
        let lm = 1_000_000;
        let date = |s: u64| httpdate::fmt_http_date(at(s));
        // 1
        assert_eq!(
            update(Method::PUT, &[], None, p),
            Ok(UpdateDecision::Create)
        );
        // 2
        assert_eq!(update(Method::PUT, &[], Some((&e1, lm)), p), Err(428));
        // 3
        assert_eq!(
            update(Method::PUT, &[("if-match", "\"e1\"")], Some((&e1, lm)), p),
            Ok(UpdateDecision::Update)
        );
        // 4
        assert_eq!(
            update(Method::PUT, &[("if-match", "\"e1\"")], Some((&e2, lm)), p),
            Err(412)
        );
        assert_eq!(
            update(
                Method::PUT,
                &[("if-match", "\"e1\"")],
                Some((&e2, lm)),
                UpdatePolicy {
                    conflict_if_historical: true,
                    ..p
                }
            ),
            Err(409)
        );
        // 5
        assert_eq!(
            update(Method::PUT, &[("if-match", "\"zzz\"")], Some((&e2, lm)), p),
            Err(412)
        );
        assert_eq!(
            update(
                Method::PUT,
                &[("if-match", "\"zzz\"")],
                Some((&e2, lm)),
                UpdatePolicy {
                    conflict_if_historical: true,
                    ..p
                }
            ),
            Err(412)
        );
        // 6
        assert_eq!(
            update(Method::PUT, &[("if-match", "*")], Some((&e2, lm)), p),
            Ok(UpdateDecision::Update)
        );
        // 7
        assert_eq!(
            update(
                Method::PATCH,
                &[("if-unmodified-since", &date(lm - 1))],
                Some((&e2, lm)),
                p
            ),
            Err(412)
        );
        // 8
        assert_eq!(
            update(
                Method::PATCH,
                &[("if-unmodified-since", &date(lm))],
                Some((&e2, lm)),
                p
            ),
            Ok(UpdateDecision::Update)
        );
        // 9
        assert_eq!(
            update(Method::PUT, &[("if-match", "\"e1\"")], None, p),
            Err(412)
        );
        // 10
        assert_eq!(
            update(Method::PUT, &[("if-none-match", "*")], None, p),
            Ok(UpdateDecision::Create)
        );
        assert_eq!(
            update(Method::PUT, &[("if-none-match", "*")], Some((&e1, lm)), p),
            Err(412)
        );
        // 11
        assert_eq!(update(Method::PATCH, &[], None, p), Err(404));
    }

    #[test]
    fn update_options() {
        let p = UpdatePolicy::default();
        let e1 = EntityTag::strong("e1");
        assert_eq!(
            update(
                Method::PUT,
                &[],
                Some((&e1, 5)),
                UpdatePolicy {
                    missing_precondition_status: StatusCode::FORBIDDEN,
                    ..p
                }
            ),
            Err(403)
        );
        assert_eq!(
            update(
                Method::PUT,
                &[],
                Some((&e1, 5)),
                UpdatePolicy {
                    require_preconditions: false,
                    ..p
                }
            ),
            Ok(UpdateDecision::Update)
        );
        assert_eq!(
            update(
                Method::PATCH,
                &[],
                None,
                UpdatePolicy {
                    patch_creates: true,
                    ..p
                }
            ),
            Ok(UpdateDecision::Create)
        );
        assert_eq!(
            update(
                Method::PUT,
                &[],
                None,
                UpdatePolicy {
                    creates: false,
                    ..p
                }
            ),
            Err(404)
        );
        // An invalid If-Unmodified-Since is ignored, so the precondition is missing.
        assert_eq!(
            update(
                Method::PUT,
                &[("if-unmodified-since", "soon")],
                Some((&e1, 5)),
                p
            ),
            Err(428)
        );
        let e = evaluate_update(
            &Method::PUT,
            &HeaderMap::new(),
            Some(Existing {
                current: Current {
                    etag: &e1,
                    last_modified: None,
                },
                etag_history: &[],
            }),
            &p,
        )
        .unwrap_err();
        assert_eq!(e.code, "PreconditionRequired");
        assert_eq!(
            e.message,
            "This request must be conditional: send If-Match with the ETag from GET"
        );
    }

    #[test]
    fn delete_preconditions() {
        let e1 = EntityTag::strong("e1");
        let cur = Current {
            etag: &e1,
            last_modified: None,
        };
        assert!(evaluate_delete(&HeaderMap::new(), cur).is_ok());
        assert!(evaluate_delete(&headers(&[("if-match", "\"e1\"")]), cur).is_ok());
        assert_eq!(
            evaluate_delete(&headers(&[("if-match", "\"e0\"")]), cur)
                .unwrap_err()
                .status,
            StatusCode::PRECONDITION_FAILED
        );
    }

    #[test]
    fn not_modified_keeps_only_listed_headers() {
        let full = headers(&[
            ("date", "Sun, 06 Nov 1994 08:49:37 GMT"),
            ("etag", "\"e1\""),
            ("content-type", "application/json; version=1"),
            ("content-length", "42"),
            ("vary", "Accept"),
            ("deprecated", "true"),
            ("content-range", "items 0-1/2"),
        ]);
        let r = not_modified_response(&full);
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
        let mut names: Vec<&str> = r.headers().keys().map(|k| k.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["date", "deprecated", "etag", "vary"]);
    }
}
