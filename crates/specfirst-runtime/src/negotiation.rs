//! Content negotiation and versioning by media type: RULEBOOK §3.2
//! (§3.2.1 choosing the response representation, §3.2.2 interpreting the
//! request body, §3.2.4 test vectors).
//!
//! Everything here is a pure function over header values; the 406 and 415
//! responses themselves are built by `super::error`.

use http::HeaderMap;
use http::header::{ACCEPT, CONTENT_TYPE};

/// The media type of JSON, preferred on ties (§3.2).
pub const APPLICATION_JSON: &str = "application/json";

/// One supported representation of an operation: a media type (`type/subtype`,
/// lower case) and a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Representation {
    /// `type/subtype` in lower case, without parameters.
    pub media_type: String,
    /// The representation version (`version=N`).
    pub version: u32,
    /// Whether the representation is deprecated (the operation's
    /// `deprecated: true` or the Media Type Object's `x-deprecated: true`):
    /// responses then carry `Deprecated: true` (§3.2.3).
    pub deprecated: bool,
}

impl Representation {
    /// A representation of `media_type` (lower-cased) at `version`.
    pub fn new(media_type: &str, version: u32) -> Self {
        Self {
            media_type: media_type.trim().to_ascii_lowercase(),
            version,
            deprecated: false,
        }
    }

    /// The same representation, marked deprecated.
    pub fn deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    /// `"<type>; version=<n>"`, the form used in `Content-Type` and in the 406
    /// body (§3.2.1 steps 6 and 7).
    pub fn with_version(&self) -> String {
        format!("{}; version={}", self.media_type, self.version)
    }
}

/// Orders representations as §3.2 requires: `application/json` first, then the
/// other types in the order they first appear, and by ascending version within
/// a type. Duplicate (type, version) pairs are merged; the pair is deprecated
/// if any duplicate is.
pub fn order_representations(mut reps: Vec<Representation>) -> Vec<Representation> {
    let mut types: Vec<String> = Vec::new();
    for rep in &reps {
        if !types.contains(&rep.media_type) {
            types.push(rep.media_type.clone());
        }
    }
    if let Some(pos) = types.iter().position(|t| t == APPLICATION_JSON) {
        let json = types.remove(pos);
        types.insert(0, json);
    }
    reps.sort_by_key(|r| {
        (
            types
                .iter()
                .position(|t| *t == r.media_type)
                .unwrap_or(usize::MAX),
            r.version,
        )
    });
    reps.dedup_by(|later, kept| {
        let same = later.media_type == kept.media_type && later.version == kept.version;
        if same {
            kept.deprecated |= later.deprecated;
        }
        same
    });
    reps
}

/// Reads the supported representations from OpenAPI content keys (e.g.
/// `application/json`, `application/json; version=2`) under
/// `versioning: media-type` (§3.2), and orders them.
///
/// A key without `version` counts as the earliest version of its type when
/// versioned keys of that type exist, and as version 1 otherwise. Keys whose
/// `version` is not a decimal integer, and keys that do not parse, are skipped.
pub fn representations_from_keys(keys: &[&str]) -> Vec<Representation> {
    let parsed: Vec<(String, Option<Option<u32>>)> = keys
        .iter()
        .filter_map(|k| parse_media_type(k))
        .map(|m| {
            let version = m.param("version").map(parse_version);
            (m.essence, version)
        })
        .collect();
    let mut reps = Vec::new();
    for (essence, version) in &parsed {
        match version {
            Some(Some(v)) => reps.push(Representation::new(essence, *v)),
            Some(None) => {}
            None => {
                let earliest = parsed
                    .iter()
                    .filter(|(e, _)| e == essence)
                    .filter_map(|(_, v)| v.flatten())
                    .min()
                    .unwrap_or(1);
                reps.push(Representation::new(essence, earliest));
            }
        }
    }
    order_representations(reps)
}

/// A parsed media type or media range: `type/subtype` plus parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType {
    /// `type/subtype` in lower case (may contain `*` in a range).
    pub essence: String,
    /// Parameters in order, names lower-cased, quoted values unquoted.
    pub params: Vec<(String, String)>,
}

impl MediaType {
    /// The value of parameter `name` (case-insensitive), if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn type_and_subtype(&self) -> (&str, &str) {
        self.essence.split_once('/').unwrap_or((&self.essence, ""))
    }
}

/// Parses one media type such as `application/json; charset="utf-8"`.
/// Returns `None` when there is no `type/subtype`.
pub fn parse_media_type(value: &str) -> Option<MediaType> {
    let mut parts = split_unquoted(value, ';').into_iter();
    let essence = parts.next()?.trim().to_ascii_lowercase();
    let (ty, sub) = essence.split_once('/')?;
    if ty.is_empty() || sub.is_empty() || !is_token(ty) || !is_token(sub) {
        return None;
    }
    let mut params = Vec::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, raw) = part.split_once('=')?;
        params.push((name.trim().to_ascii_lowercase(), unquote(raw.trim())));
    }
    Some(MediaType { essence, params })
}

/// One range of an `Accept` header (RFC 9110 §12.5.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRange {
    /// The range and its media-type parameters (without `q` and extensions).
    pub media: MediaType,
    /// Quality in thousandths: `q=0.5` is 500; the default is 1000.
    pub q: u16,
    /// Position in the header, from 0.
    pub order: usize,
}

impl MediaRange {
    /// Specificity (§3.2.1 step 3.2): 3 for `type/subtype;params`, 2 for
    /// `type/subtype`, 1 for `type/*`, 0 for `*/*`.
    pub fn specificity(&self) -> u8 {
        match self.media.type_and_subtype() {
            ("*", _) => 0,
            (_, "*") => 1,
            _ if self.media.params.is_empty() => 2,
            _ => 3,
        }
    }

    /// Whether the range matches the type of `rep` (wildcards allowed) and,
    /// when it carries `version`, its version.
    fn matches(&self, rep: &Representation) -> bool {
        if !self.matches_type(&rep.media_type) {
            return false;
        }
        match self.media.param("version") {
            Some(v) => parse_version(v) == Some(rep.version),
            None => true,
        }
    }

    fn matches_type(&self, essence: &str) -> bool {
        let (rt, rs) = self.media.type_and_subtype();
        let (t, s) = essence.split_once('/').unwrap_or((essence, ""));
        (rt == "*" || rt == t) && (rs == "*" || rs == s)
    }
}

/// Parses an `Accept` value into ranges, in header order. A missing or empty
/// value means `*/*`. Ranges that do not parse, or whose `q` is not a valid
/// qvalue, are dropped.
pub fn parse_accept(value: Option<&str>) -> Vec<MediaRange> {
    let value = value.unwrap_or("").trim();
    if value.is_empty() {
        return vec![MediaRange {
            media: MediaType {
                essence: "*/*".to_owned(),
                params: Vec::new(),
            },
            q: 1000,
            order: 0,
        }];
    }
    let mut ranges = Vec::new();
    for (order, item) in split_unquoted(value, ',').into_iter().enumerate() {
        if item.trim().is_empty() {
            continue;
        }
        let Some(mut media) = parse_media_type(&item) else {
            continue;
        };
        let mut q = 1000;
        if let Some(pos) = media.params.iter().position(|(n, _)| n == "q") {
            match parse_qvalue(&media.params[pos].1) {
                Some(v) => q = v,
                None => continue,
            }
            // `q` and everything after it (accept-ext) are not media-type parameters.
            media.params.truncate(pos);
        }
        ranges.push(MediaRange { media, q, order });
    }
    ranges
}

/// Parses an RFC 9110 qvalue (`0`, `0.5`, `1.000`) into thousandths.
pub fn parse_qvalue(value: &str) -> Option<u16> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_value: u16 = format!("{frac:0<3}").parse().ok()?;
    match int {
        "0" => Some(frac_value),
        "1" if frac_value == 0 => Some(1000),
        _ => None,
    }
}

/// Parses a `version` parameter value: a decimal integer, else `None`.
pub fn parse_version(value: &str) -> Option<u32> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// Why negotiation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NegotiationFailure {
    /// No `Accept` range selected a representation → 406 (§3.2.1 step 5).
    NotAcceptable,
    /// The request `Content-Type` names a version that is not supported →
    /// `unsupportedRequestVersionStatus` (406 by default, C-32).
    UnsupportedRequestVersion,
}

/// `NEGOTIATE(request, S)` of §3.2.1 over the request headers.
pub fn negotiate<'a>(
    headers: &HeaderMap,
    supported: &'a [Representation],
) -> Result<&'a Representation, NegotiationFailure> {
    let accept = joined_header(headers, ACCEPT.as_str());
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    negotiate_values(accept.as_deref(), content_type, supported)
}

/// `NEGOTIATE(request, S)` of §3.2.1 over raw `Accept` and `Content-Type`
/// values. `supported` must be ordered as [`order_representations`] does.
pub fn negotiate_values<'a>(
    accept: Option<&str>,
    content_type: Option<&str>,
    supported: &'a [Representation],
) -> Result<&'a Representation, NegotiationFailure> {
    // Step 1: a version in the request Content-Type.
    let mut request_version = None;
    if let Some(ct) = content_type.and_then(parse_media_type)
        && let Some(raw) = ct.param("version")
    {
        let ok = parse_version(raw).filter(|v| {
            supported
                .iter()
                .any(|r| r.media_type == ct.essence && r.version == *v)
        });
        let type_known = supported.iter().any(|r| r.media_type == ct.essence);
        match ok {
            Some(v) => request_version = Some(v),
            None if type_known => return Err(NegotiationFailure::UnsupportedRequestVersion),
            // A request type with no response counterpart is judged by §3.2.2.
            None => {}
        }
    }
    // Step 2 and 3: parse and sort the ranges.
    let mut ranges = parse_accept(accept);
    ranges.sort_by(|a, b| {
        b.q.cmp(&a.q)
            .then(b.specificity().cmp(&a.specificity()))
            .then(a.order.cmp(&b.order))
    });
    // q=0 excludes: a pair whose most specific matching range has q=0.
    let excluded: Vec<bool> = supported
        .iter()
        .map(|rep| {
            ranges
                .iter()
                .filter(|r| r.matches(rep))
                .max_by(|a, b| {
                    a.specificity()
                        .cmp(&b.specificity())
                        .then(b.order.cmp(&a.order))
                })
                .is_some_and(|r| r.q == 0)
        })
        .collect();
    // Step 4.
    for range in ranges.iter().filter(|r| r.q > 0) {
        let candidates: Vec<usize> = (0..supported.len())
            .filter(|&i| !excluded[i] && range.matches_type(&supported[i].media_type))
            .collect();
        let kept: Vec<usize> = if let Some(v) = range.media.param("version") {
            match parse_version(v) {
                Some(v) => candidates
                    .into_iter()
                    .filter(|&i| supported[i].version == v)
                    .collect(),
                None => Vec::new(),
            }
        } else if let Some(v) = request_version
            && candidates.iter().any(|&i| supported[i].version == v)
        {
            candidates
                .into_iter()
                .filter(|&i| supported[i].version == v)
                .collect()
        } else {
            candidates
                .iter()
                .copied()
                .filter(|&i| {
                    !candidates.iter().any(|&j| {
                        supported[j].media_type == supported[i].media_type
                            && supported[j].version < supported[i].version
                    })
                })
                .collect()
        };
        if let Some(&first) = kept.iter().min() {
            return Ok(&supported[first]);
        }
    }
    Err(NegotiationFailure::NotAcceptable)
}

/// The `Content-Type` value of a negotiated response (§3.2.1 step 6), e.g.
/// exactly `application/json; version=2`. Without media-type versioning the
/// type is sent alone.
pub fn response_content_type(rep: &Representation, media_type_versioning: bool) -> String {
    if media_type_versioning {
        rep.with_version()
    } else {
        rep.media_type.clone()
    }
}

/// The 406 body of §3.2.1 step 7: every supported pair as
/// `"<type>; version=<n>"`, in order.
pub fn supported_media_types(supported: &[Representation]) -> Vec<String> {
    supported.iter().map(Representation::with_version).collect()
}

/// Why a request body's `Content-Type` was refused (§3.2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestMediaError {
    /// No `Content-Type` while `requireContentType: true` → 415.
    Missing,
    /// The type is not among the request-body content keys, or the header
    /// does not parse → 415; the value lists the supported types.
    UnsupportedMediaType(Vec<String>),
    /// A `charset` other than `utf-8` → 415.
    UnsupportedCharset(String),
    /// A `version` that is not supported for that type →
    /// `unsupportedRequestVersionStatus` (406 by default).
    UnsupportedVersion,
}

/// Checks a request body's `Content-Type` against the request-body
/// representations (ordered) and returns the representation whose schema
/// validates the body: the named version, or the earliest one (§3.2.2).
/// A missing header counts as `application/json` unless `require_content_type`.
pub fn check_request_content_type<'a>(
    content_type: Option<&str>,
    accepted: &'a [Representation],
    require_content_type: bool,
) -> Result<&'a Representation, RequestMediaError> {
    let unsupported = || {
        let mut types: Vec<String> = Vec::new();
        for r in accepted {
            if !types.contains(&r.media_type) {
                types.push(r.media_type.clone());
            }
        }
        RequestMediaError::UnsupportedMediaType(types)
    };
    let media = match content_type {
        None if require_content_type => return Err(RequestMediaError::Missing),
        None => MediaType {
            essence: APPLICATION_JSON.to_owned(),
            params: Vec::new(),
        },
        Some(raw) => parse_media_type(raw).ok_or_else(unsupported)?,
    };
    let of_type: Vec<&Representation> = accepted
        .iter()
        .filter(|r| r.media_type == media.essence)
        .collect();
    if of_type.is_empty() {
        return Err(unsupported());
    }
    if let Some(charset) = media.param("charset")
        && !charset.eq_ignore_ascii_case("utf-8")
    {
        return Err(RequestMediaError::UnsupportedCharset(charset.to_owned()));
    }
    match media.param("version") {
        Some(raw) => {
            let v = parse_version(raw).ok_or(RequestMediaError::UnsupportedVersion)?;
            of_type
                .into_iter()
                .find(|r| r.version == v)
                .ok_or(RequestMediaError::UnsupportedVersion)
        }
        None => of_type
            .into_iter()
            .min_by_key(|r| r.version)
            .ok_or(RequestMediaError::UnsupportedVersion),
    }
}

/// All values of header `name` joined with `", "` (lists may be split over
/// several header lines). `None` when the header is absent; values that are
/// not visible ASCII are skipped.
pub fn joined_header(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if values.is_empty() {
        None
    } else {
        Some(values.join(", "))
    }
}

/// Splits `value` at `sep`, ignoring separators inside double-quoted strings.
pub(crate) fn split_unquoted(value: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            escaped = false;
            current.push(c);
            continue;
        }
        match c {
            '\\' if in_quotes => {
                escaped = true;
                current.push(c);
            }
            '"' => {
                in_quotes = !in_quotes;
                current.push(c);
            }
            c if c == sep && !in_quotes => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out
}

/// Removes one pair of surrounding double quotes and resolves `\` escapes.
fn unquote(value: &str) -> String {
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
        None => value.to_owned(),
    }
}

/// Whether `s` is made of RFC 9110 token characters (`tchar`).
pub fn is_token(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn json12() -> Vec<Representation> {
        representations_from_keys(&["application/json; version=1", "application/json; version=2"])
    }

    fn pick(
        accept: Option<&str>,
        ct: Option<&str>,
        s: &[Representation],
    ) -> Result<String, NegotiationFailure> {
        negotiate_values(accept, ct, s).map(|r| response_content_type(r, true))
    }

    #[test]
    fn ordering_puts_json_first_then_declaration_order_then_version() {
        let reps = representations_from_keys(&[
            "application/xml; version=2",
            "text/csv",
            "application/json; version=2",
            "application/xml; version=1",
            "application/json; version=1",
        ]);
        let got: Vec<String> = reps.iter().map(Representation::with_version).collect();
        assert_eq!(
            got,
            [
                "application/json; version=1",
                "application/json; version=2",
                "application/xml; version=1",
                "application/xml; version=2",
                "text/csv; version=1",
            ]
        );
    }

    #[test]
    fn unversioned_key_is_earliest_version_when_versioned_keys_exist() {
        let reps = representations_from_keys(&[
            "application/json",
            "application/json; version=2",
            "application/json; version=3",
        ]);
        assert_eq!(
            supported_media_types(&reps),
            ["application/json; version=2", "application/json; version=3"]
        );
        assert_eq!(
            supported_media_types(&representations_from_keys(&["application/json"])),
            ["application/json; version=1"]
        );
    }

    #[test]
    fn accept_parsing_q_params_and_quotes() {
        let r = parse_accept(Some(
            r#"application/json; VERSION="2"; q=0.5; ext=1, text/*;q=0"#,
        ));
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].media.essence, "application/json");
        assert_eq!(r[0].media.params, [("version".to_owned(), "2".to_owned())]);
        assert_eq!(r[0].q, 500);
        assert_eq!(r[0].specificity(), 3);
        assert_eq!(r[1].q, 0);
        assert_eq!(r[1].specificity(), 1);
        assert_eq!(parse_accept(None)[0].media.essence, "*/*");
        assert_eq!(parse_accept(Some("  "))[0].media.essence, "*/*");
        assert_eq!(parse_qvalue("1.000"), Some(1000));
        assert_eq!(parse_qvalue("0.25"), Some(250));
        assert_eq!(parse_qvalue("1.5"), None);
        assert_eq!(parse_qvalue("0.1234"), None);
        assert_eq!(parse_version("02"), Some(2));
        assert_eq!(parse_version("2.0"), None);
    }

    // §3.2.4 vectors 1-9 and 12 (the response side of the table).
    #[test]
    fn vector_1_accept_version_1() {
        assert_eq!(
            pick(Some("application/json; version=1"), None, &json12()).unwrap(),
            "application/json; version=1"
        );
    }

    #[test]
    fn vector_2_accept_version_2() {
        assert_eq!(
            pick(Some("application/json; version=2"), None, &json12()).unwrap(),
            "application/json; version=2"
        );
    }

    #[test]
    fn vector_3_accept_without_version_gets_earliest() {
        assert_eq!(
            pick(Some("application/json"), None, &json12()).unwrap(),
            "application/json; version=1"
        );
    }

    #[test]
    fn vector_4_no_accept_gets_earliest() {
        assert_eq!(
            pick(None, None, &json12()).unwrap(),
            "application/json; version=1"
        );
    }

    #[test]
    fn vector_5_unknown_version_is_406_with_list() {
        assert_eq!(
            pick(Some("application/json; version=999"), None, &json12()),
            Err(NegotiationFailure::NotAcceptable)
        );
        assert_eq!(
            supported_media_types(&json12()),
            ["application/json; version=1", "application/json; version=2"]
        );
    }

    #[test]
    fn vector_6_content_type_version_999_on_get() {
        assert_eq!(
            pick(None, Some("application/json; version=999"), &json12()),
            Err(NegotiationFailure::UnsupportedRequestVersion)
        );
    }

    #[test]
    fn vector_7_xml_not_supported() {
        assert_eq!(
            pick(Some("application/xml"), None, &json12()),
            Err(NegotiationFailure::NotAcceptable)
        );
    }

    #[test]
    fn vector_8_any() {
        assert_eq!(
            pick(Some("*/*"), None, &json12()).unwrap(),
            "application/json; version=1"
        );
    }

    #[test]
    fn vector_9_q_zero_excludes() {
        assert_eq!(
            pick(Some("application/json; q=0"), None, &json12()),
            Err(NegotiationFailure::NotAcceptable)
        );
    }

    #[test]
    fn vector_11_request_version_selects_response_version() {
        assert_eq!(
            pick(None, Some("application/json; version=2"), &json12()).unwrap(),
            "application/json; version=2"
        );
    }

    #[test]
    fn vector_12_deprecated_representation() {
        let s = order_representations(vec![
            Representation::new("application/json", 2),
            Representation::new("application/json", 1).deprecated(),
        ]);
        let rep = negotiate_values(
            Some("application/json"),
            Some("application/json; version=1"),
            &s,
        )
        .unwrap();
        assert_eq!(
            response_content_type(rep, true),
            "application/json; version=1"
        );
        let mut headers = HeaderMap::new();
        super::super::headers::set_deprecated(&mut headers, rep.deprecated);
        assert_eq!(headers["deprecated"], "true");
        let v2 = negotiate_values(Some("application/json; version=2"), None, &s).unwrap();
        assert!(!v2.deprecated);
        // Duplicates merge, keeping the deprecation.
        let merged = order_representations(vec![
            Representation::new("application/json", 1),
            Representation::new("application/json", 1).deprecated(),
        ]);
        assert_eq!(
            merged,
            [Representation::new("application/json", 1).deprecated()]
        );
    }

    #[test]
    fn vector_12_request_version_with_plain_accept() {
        assert_eq!(
            pick(
                Some("application/json"),
                Some("application/json; version=1"),
                &json12()
            )
            .unwrap(),
            "application/json; version=1"
        );
    }

    #[test]
    fn vector_14_json_wins_the_tie() {
        let s = representations_from_keys(&[
            "application/xml; version=1",
            "application/xml; version=2",
            "application/json; version=1",
            "application/json; version=2",
        ]);
        assert_eq!(
            pick(
                Some("application/json; version=1, application/xml; version=1"),
                None,
                &s
            )
            .unwrap(),
            "application/json; version=1"
        );
        // Ties between ranges go by header order; the S order decides within a range.
        assert_eq!(
            pick(
                Some("application/xml; version=1, application/json; version=1"),
                None,
                &s
            )
            .unwrap(),
            "application/xml; version=1"
        );
        assert_eq!(
            pick(Some("*/*"), None, &s).unwrap(),
            "application/json; version=1"
        );
    }

    #[test]
    fn higher_q_and_specificity_win() {
        let s = representations_from_keys(&[
            "application/json; version=1",
            "application/xml; version=1",
        ]);
        assert_eq!(
            pick(Some("application/json;q=0.5, application/xml"), None, &s).unwrap(),
            "application/xml; version=1"
        );
        // Specific q=1 range beats a wildcard exclusion.
        assert_eq!(
            pick(Some("*/*;q=0, application/xml"), None, &s).unwrap(),
            "application/xml; version=1"
        );
        // An excluded version is skipped, the next version is kept.
        assert_eq!(
            pick(
                Some("application/json;version=1;q=0, application/json"),
                None,
                &json12()
            )
            .unwrap(),
            "application/json; version=2"
        );
        assert_eq!(
            pick(Some("application/json;version=x"), None, &json12()),
            Err(NegotiationFailure::NotAcceptable)
        );
    }

    #[test]
    fn negotiate_reads_header_map() {
        let mut h = HeaderMap::new();
        h.append(ACCEPT, "application/xml".parse().unwrap());
        h.append(ACCEPT, "application/json; version=2".parse().unwrap());
        let s = json12();
        assert_eq!(negotiate(&h, &s).unwrap().version, 2);
    }

    // §3.2.4 vectors 10, 11 and 13 (the request side) and §3.2.2.
    #[test]
    fn request_content_type_checks() {
        let s = json12();
        assert_eq!(
            check_request_content_type(Some("application/json"), &s, false)
                .unwrap()
                .version,
            1
        );
        assert_eq!(
            check_request_content_type(Some("application/json; version=2"), &s, false)
                .unwrap()
                .version,
            2
        );
        assert_eq!(
            check_request_content_type(None, &s, false).unwrap().version,
            1
        );
        assert_eq!(
            check_request_content_type(None, &s, true),
            Err(RequestMediaError::Missing)
        );
        assert_eq!(
            check_request_content_type(Some("text/plain"), &s, false),
            Err(RequestMediaError::UnsupportedMediaType(vec![
                "application/json".to_owned()
            ]))
        );
        assert_eq!(
            check_request_content_type(Some("application/json; charset=ISO-8859-1"), &s, false),
            Err(RequestMediaError::UnsupportedCharset(
                "ISO-8859-1".to_owned()
            ))
        );
        assert_eq!(
            check_request_content_type(Some("Application/JSON; Charset=\"UTF-8\""), &s, false)
                .unwrap()
                .version,
            1
        );
        assert_eq!(
            check_request_content_type(Some("application/json; version=9"), &s, false),
            Err(RequestMediaError::UnsupportedVersion)
        );
        assert_eq!(
            check_request_content_type(Some("garbage"), &s, false),
            Err(RequestMediaError::UnsupportedMediaType(vec![
                "application/json".to_owned()
            ]))
        );
    }

    #[test]
    fn content_type_without_versioning() {
        assert_eq!(
            response_content_type(&Representation::new("Application/JSON", 3), false),
            "application/json"
        );
        assert_eq!(
            response_content_type(&Representation::new("application/json", 3), true),
            "application/json; version=3"
        );
    }
}
