//! Media types and the `version` parameter, seen from the client (RULEBOOK
//! §3.2): parsing a response `Content-Type` and building the `Accept` header
//! of a call.

/// A parsed `Content-Type`/media type: lowercase essence (`application/json`)
/// and the `version` parameter if present and a valid integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType {
    /// `type/subtype` in lower case, e.g. `application/json`.
    pub essence: String,
    /// The `version` parameter when it is a decimal integer (`version=2`).
    pub version: Option<u32>,
}

impl std::fmt::Display for MediaType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.version {
            Some(v) => write!(f, "{}; version={v}", self.essence),
            None => f.write_str(&self.essence),
        }
    }
}

/// Parses a media type such as `application/json; version=2; charset=utf-8`.
/// Parameter names are case-insensitive and quoted values are unquoted; a
/// `version` that is not a decimal integer counts as absent. Returns `None`
/// when the value has no `type/subtype` made of token characters.
pub fn parse_media_type(value: &str) -> Option<MediaType> {
    let mut parts = split_unquoted(value, ';').into_iter();
    let essence = parts.next()?.trim().to_ascii_lowercase();
    let (ty, sub) = essence.split_once('/')?;
    if ty.is_empty() || sub.is_empty() || !is_token(ty) || !is_token(sub) {
        return None;
    }
    let mut version = None;
    for part in parts {
        let Some((name, raw)) = part.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("version") {
            version = parse_version(&unquote(raw.trim()));
        }
    }
    Some(MediaType { essence, version })
}

/// Parses a `version` value: ASCII digits that fit in a `u32`, else `None`.
pub fn parse_version(value: &str) -> Option<u32> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// Whether a media type essence is JSON: `application/json`, the legacy
/// `text/json`, and every structured-syntax `+json` type
/// (`application/problem+json`, `application/vnd.acme.book+json`,
/// `application/merge-patch+json`). Types merely ending in `-json` or
/// `json-seq` (`application/x-ndjson`, `application/json-seq`) are streams of
/// JSON texts, not one JSON document, and do not count.
pub fn is_json(essence: &str) -> bool {
    let essence = essence.trim().to_ascii_lowercase();
    essence == "application/json"
        || essence == "text/json"
        || (essence.ends_with("+json") && essence.contains('/'))
}

/// One documented representation of a response body: `("application/json", Some(2))`.
pub type Candidate = (&'static str, Option<u32>);

/// The `Accept` header value for a call.
///
/// - `version` = `Some(n)`: every JSON candidate's essence with `; version=n`
///   (deduplicated, candidate order). Non-JSON candidates are left out, since
///   the version selects a JSON representation. When no candidate is JSON, or
///   no candidate carries a version at all (the operation is not versioned:
///   asking for a version there would only earn a 406), `version` is ignored
///   as below.
/// - `version` = `None`: the documented essences without `version`
///   (deduplicated, candidate order), e.g. `application/json`. The server
///   then picks per RULEBOOK §3.2.1: the version of a versioned request body
///   when there is one (vector 11), else the earliest version. Listing every
///   documented version instead would make the server answer with the
///   first one listed whatever the request body's version.
///
/// Empty candidates → `None` (no `Accept` header).
pub fn accept_header(candidates: &[Candidate], version: Option<u32>) -> Option<String> {
    if candidates.is_empty() {
        return None;
    }
    let versioned = candidates.iter().any(|(_, v)| v.is_some());
    let any_json = candidates.iter().any(|(e, _)| is_json(e));
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
            out.push(s);
        }
    };
    match version {
        Some(n) if versioned && any_json => {
            for (essence, _) in candidates.iter().filter(|(e, _)| is_json(e)) {
                push(format!("{}; version={n}", essence.trim()));
            }
        }
        _ => {
            for (essence, _) in candidates {
                push(essence.trim().to_owned());
            }
        }
    }
    Some(out.join(", "))
}

/// Splits `value` at `sep`, ignoring separators inside double-quoted strings.
fn split_unquoted(value: &str, sep: char) -> Vec<String> {
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
fn is_token(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_media_types() {
        assert_eq!(
            parse_media_type("application/json; version=2"),
            Some(MediaType {
                essence: "application/json".into(),
                version: Some(2)
            })
        );
        assert_eq!(
            parse_media_type("Application/JSON;Version=\"3\"; charset=utf-8"),
            Some(MediaType {
                essence: "application/json".into(),
                version: Some(3)
            })
        );
        let m = parse_media_type("application/json; version=two").unwrap();
        assert_eq!(m.version, None);
        assert_eq!(
            parse_media_type("application/json; version=-1")
                .unwrap()
                .version,
            None
        );
        assert_eq!(
            parse_media_type("application/json; version=99999999999")
                .unwrap()
                .version,
            None
        );
        assert_eq!(parse_media_type("text/plain").unwrap().version, None);
        assert_eq!(parse_media_type("json"), None);
        assert_eq!(parse_media_type(""), None);
        assert_eq!(parse_media_type("a b/c"), None);
        assert_eq!(parse_media_type("application/"), None);
        assert_eq!(
            parse_media_type("application/json; x=\"a;version=9\"; version=1")
                .unwrap()
                .version,
            Some(1)
        );
        assert_eq!(
            parse_media_type("application/json; version=2")
                .unwrap()
                .to_string(),
            "application/json; version=2"
        );
    }

    #[test]
    fn json_essences() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/Json"));
        assert!(is_json("text/json"));
        assert!(is_json("application/problem+json"));
        assert!(is_json("application/vnd.acme.book+json"));
        assert!(!is_json("application/x-ndjson"));
        assert!(!is_json("application/json-seq"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("+json"));
    }

    #[test]
    fn accept_headers() {
        const V12: &[Candidate] = &[("application/json", Some(1)), ("application/json", Some(2))];
        assert_eq!(
            accept_header(V12, None).as_deref(),
            Some("application/json")
        );
        assert_eq!(
            accept_header(V12, Some(2)).as_deref(),
            Some("application/json; version=2")
        );
        assert_eq!(
            accept_header(V12, Some(7)).as_deref(),
            Some("application/json; version=7")
        );
        const MIXED: &[Candidate] = &[
            ("application/json", Some(1)),
            ("application/xml", Some(1)),
            ("application/vnd.acme+json", Some(1)),
            ("application/json", Some(2)),
        ];
        assert_eq!(
            accept_header(MIXED, Some(2)).as_deref(),
            Some("application/json; version=2, application/vnd.acme+json; version=2")
        );
        const PLAIN: &[Candidate] = &[("application/json", None)];
        assert_eq!(
            accept_header(PLAIN, None).as_deref(),
            Some("application/json")
        );
        // An operation without versions ignores the version.
        assert_eq!(
            accept_header(PLAIN, Some(2)).as_deref(),
            Some("application/json")
        );
        const CSV: &[Candidate] = &[("text/csv", Some(1))];
        assert_eq!(accept_header(CSV, Some(2)).as_deref(), Some("text/csv"));
        assert_eq!(
            accept_header(MIXED, None).as_deref(),
            Some("application/json, application/xml, application/vnd.acme+json")
        );
        assert_eq!(accept_header(&[], Some(2)), None);
        assert_eq!(accept_header(&[], None), None);
        const DUP: &[Candidate] = &[("application/json", None), ("application/json", None)];
        assert_eq!(
            accept_header(DUP, None).as_deref(),
            Some("application/json")
        );
    }
}
