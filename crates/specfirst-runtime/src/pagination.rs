//! Pagination: RULEBOOK §3.5 (§3.5.1 reading `offset`/`limit` and
//! `Range: items=a-b`, §3.5.2 `Content-Range`, §3.5.3 the links, §3.5.4
//! page-size mode, §3.5.6 test vectors).
//!
//! Paginated responses always have status 200: 206 is not used and an offset
//! beyond the end gives an empty page, never 416 (§3.5.1 step 6, vector 8).

use http::HeaderMap;
use http::header::RANGE;
use serde_json::{Value, json};

use super::error::{ApiError, codes};
use super::validation::{Violations, query_pairs};

/// Query parameters never copied into pagination links besides the page
/// parameters themselves (credentials, JSONP; §3.5.3).
pub const STRIPPED_QUERY_PARAMS: &[&str] = &["access_token", "jsonp", "callback"];

/// Pagination settings of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageConfig {
    /// `defaultLimit` (20 by default).
    pub default_limit: u64,
    /// `maxLimit` (200 by default).
    pub max_limit: u64,
    /// `rangeHeader`: whether `Range: items=a-b` is read.
    pub range_header: bool,
    /// The offset parameter: `offset`, or `pageStartIndex` in start-index mode.
    pub offset_param: &'static str,
    /// The limit parameter: `limit`, or `pageSize` in start-index mode.
    pub limit_param: &'static str,
    /// `previousRel`: `previous` or `prev`.
    pub previous_rel: &'static str,
}

impl Default for PageConfig {
    fn default() -> Self {
        Self {
            default_limit: 20,
            max_limit: 200,
            range_header: true,
            offset_param: "offset",
            limit_param: "limit",
            previous_rel: "previous",
        }
    }
}

/// The requested window: items `[offset, offset + limit)`, `limit` already
/// clamped to `maxLimit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// First item, from 0.
    pub offset: u64,
    /// Effective limit `L = min(limit, maxLimit)`.
    pub limit: u64,
}

/// Reads the window from the query and the `Range` header (§3.5.1). The query
/// wins when it has either parameter. Errors are 400 `BadArgument` with
/// `target` `offset`, `limit` or `Range`.
pub fn parse_offset_limit(
    query: Option<&str>,
    headers: &HeaderMap,
    config: &PageConfig,
) -> Result<Page, ApiError> {
    let range = headers.get(RANGE).and_then(|v| v.to_str().ok());
    parse_offset_limit_values(query, range, config)
}

/// [`parse_offset_limit`] over the raw query string and `Range` value.
pub fn parse_offset_limit_values(
    query: Option<&str>,
    range: Option<&str>,
    config: &PageConfig,
) -> Result<Page, ApiError> {
    let pairs = query_pairs(query.unwrap_or(""));
    let offset = first_value(&pairs, config.offset_param);
    let limit = first_value(&pairs, config.limit_param);
    let clamp = |offset: u64, limit: u64| Page {
        offset,
        limit: limit.min(config.max_limit),
    };
    if offset.is_some() || limit.is_some() {
        let mut v = Violations::new();
        let offset = match offset {
            None => Some(0),
            Some(raw) => parse_count(&mut v, config.offset_param, raw, 0),
        };
        let limit = match limit {
            None => Some(config.default_limit),
            Some(raw) => parse_count(&mut v, config.limit_param, raw, 1),
        };
        v.into_result()?;
        return match (offset, limit) {
            (Some(o), Some(l)) => Ok(clamp(o, l)),
            _ => Err(ApiError::bad_request("invalid pagination parameters")),
        };
    }
    if config.range_header
        && let Some(range) = range
        && let Some(spec) = range.trim().strip_prefix("items=")
    {
        let bounds = spec.split_once('-').and_then(|(a, b)| {
            if is_digits(a) && is_digits(b) {
                Some((a.parse::<u64>().ok()?, b.parse::<u64>().ok()?))
            } else {
                None
            }
        });
        // A reversed or unreadable range is syntactically invalid, and RFC
        // 9110 §14.2 says to ignore the header then (RULEBOOK §3.5.6 vector
        // 10 asks for 400; HTTP wins): the default page is served.
        if let Some((first, last)) = bounds
            && last >= first
        {
            return Ok(clamp(first, last - first + 1));
        }
    }
    Ok(clamp(0, config.default_limit))
}

/// page-size mode (§3.5.4): `page` (≥ 1, default 1) and `size` (≥ 1, default
/// `defaultLimit`, clamped to `maxLimit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizedPage {
    /// Page number, from 1.
    pub page: u64,
    /// Effective page size.
    pub size: u64,
}

impl SizedPage {
    /// `offset = (page − 1) × size`.
    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.size)
    }

    /// The same window as a [`Page`].
    pub fn as_page(&self) -> Page {
        Page {
            offset: self.offset(),
            limit: self.size,
        }
    }
}

/// Reads `page` and `size` (§3.5.4). Errors are 400 `BadArgument`.
pub fn parse_page_size(query: Option<&str>, config: &PageConfig) -> Result<SizedPage, ApiError> {
    let pairs = query_pairs(query.unwrap_or(""));
    let mut v = Violations::new();
    let page = match first_value(&pairs, "page") {
        None => Some(1),
        Some(raw) => parse_count(&mut v, "page", raw, 1),
    };
    let size = match first_value(&pairs, "size") {
        None => Some(config.default_limit),
        Some(raw) => parse_count(&mut v, "size", raw, 1),
    };
    v.into_result()?;
    match (page, size) {
        (Some(page), Some(size)) => Ok(SizedPage {
            page,
            size: size.min(config.max_limit),
        }),
        _ => Err(ApiError::bad_request("invalid pagination parameters")),
    }
}

/// The `Content-Range` value (§3.5.2): `items <first>-<last>/<total or *>`,
/// or `items */<total or *>` when no item was returned.
pub fn content_range(offset: u64, returned: u64, total: Option<u64>) -> String {
    let total = total.map_or_else(|| "*".to_owned(), |t| t.to_string());
    if returned == 0 {
        format!("items */{total}")
    } else {
        format!("items {}-{}/{}", offset, offset + returned - 1, total)
    }
}

/// One link of the atom-array style (§3.3.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Relation name.
    pub rel: String,
    /// Absolute URI.
    pub href: String,
}

/// The links of an offset-limit page (§3.5.3), in the order first, last,
/// previous, next, each only under its condition.
///
/// `public_base_url` is `publicBaseUrl` (e.g. `https://api.example.com`),
/// `path` the request path and `query` its raw query; `returned` is `N` and
/// `total` is `T` (`None` when `countTotal: false`).
pub fn offset_links(
    public_base_url: &str,
    path: &str,
    query: Option<&str>,
    config: &PageConfig,
    page: Page,
    returned: u64,
    total: Option<u64>,
) -> Vec<Link> {
    let base = link_base(
        public_base_url,
        path,
        query,
        &[config.offset_param, config.limit_param],
    );
    let l = page.limit;
    let href = |x: u64| {
        format!(
            "{base}{}={x}&{}={l}",
            config.offset_param, config.limit_param
        )
    };
    let mut links = vec![Link {
        rel: "first".to_owned(),
        href: href(0),
    }];
    if let Some(t) = total {
        links.push(Link {
            rel: "last".to_owned(),
            href: href(t.saturating_sub(l)),
        });
    }
    if page.offset > 0 {
        links.push(Link {
            rel: config.previous_rel.to_owned(),
            href: href(page.offset.saturating_sub(l)),
        });
    }
    let next = page.offset.saturating_add(l);
    let has_next = match total {
        Some(t) => next < t,
        None => returned == l,
    };
    if has_next {
        links.push(Link {
            rel: "next".to_owned(),
            href: href(next),
        });
    }
    links
}

/// The links of a page-size page (§3.5.4): first (1), last
/// (`max(ceil(T/S), 1)`, when `T` is known), previous (P − 1, when P > 1),
/// next (P + 1, when `P × S < T`, or when `T` is unknown and the page is full).
pub fn page_size_links(
    public_base_url: &str,
    path: &str,
    query: Option<&str>,
    previous_rel: &str,
    page: SizedPage,
    returned: u64,
    total: Option<u64>,
) -> Vec<Link> {
    let base = link_base(public_base_url, path, query, &["page", "size"]);
    let s = page.size;
    let href = |p: u64| format!("{base}page={p}&size={s}");
    let mut links = vec![Link {
        rel: "first".to_owned(),
        href: href(1),
    }];
    if let Some(t) = total {
        links.push(Link {
            rel: "last".to_owned(),
            href: href(t.div_ceil(s).max(1)),
        });
    }
    if page.page > 1 {
        links.push(Link {
            rel: previous_rel.to_owned(),
            href: href(page.page - 1),
        });
    }
    let has_next = match total {
        Some(t) => page.page.saturating_mul(s) < t,
        None => returned == s,
    };
    if has_next {
        links.push(Link {
            rel: "next".to_owned(),
            href: href(page.page + 1),
        });
    }
    links
}

/// The body object `{"page": P, "size": S, "count": T}` of page-size mode.
pub fn pagination_object(page: SizedPage, total: u64) -> Value {
    json!({"page": page.page, "size": page.size, "count": total})
}

/// The links as the atom array `[{"rel": …, "href": …}, …]` (§3.3.2).
pub fn links_json(links: &[Link]) -> Value {
    Value::Array(
        links
            .iter()
            .map(|l| json!({"rel": l.rel, "href": l.href}))
            .collect(),
    )
}

/// The links as an RFC 8288 `Link` header value:
/// `<href>; rel="first", <href>; rel="next"`.
pub fn link_header(links: &[Link]) -> String {
    links
        .iter()
        .map(|l| format!("<{}>; rel=\"{}\"", l.href, l.rel))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `publicBaseUrl` + path + `?` + the kept query parameters (original order
/// and encoding) + `&`, ready for the page parameters to be appended.
fn link_base(
    public_base_url: &str,
    path: &str,
    query: Option<&str>,
    page_params: &[&str],
) -> String {
    let kept: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|s| !s.is_empty())
        .filter(|s| {
            let name = super::validation::percent_decode(s.split_once('=').map_or(*s, |(n, _)| n));
            !page_params.contains(&name.as_str()) && !STRIPPED_QUERY_PARAMS.contains(&name.as_str())
        })
        .collect();
    let mut base = format!("{}{}?", public_base_url.trim_end_matches('/'), path);
    for k in kept {
        base.push_str(k);
        base.push('&');
    }
    base
}

fn first_value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a non-negative integer ≥ `min`, recording a violation otherwise.
fn parse_count(v: &mut Violations, target: &str, raw: &str, min: u64) -> Option<u64> {
    let parsed = if is_digits(raw) {
        raw.parse::<u64>().ok()
    } else {
        None
    };
    match parsed {
        Some(n) if n >= min => Some(n),
        Some(_) => {
            v.push(
                target,
                codes::OUT_OF_RANGE,
                format!("must be at least {min}"),
            );
            None
        }
        None => {
            v.push(
                target,
                codes::MALFORMED_VALUE,
                format!("must be an integer of at least {min}"),
            );
            None
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use http::StatusCode;

    const BASE: &str = "https://api.example.com";

    /// Runs one §3.5.6 row: returns Content-Range and the links as
    /// `(rel, offset, limit)`.
    fn row(
        query: Option<&str>,
        range: Option<&str>,
        total: Option<u64>,
        returned: Option<u64>,
    ) -> (String, Vec<(String, u64, u64)>) {
        let config = PageConfig::default();
        let page = parse_offset_limit_values(query, range, &config).unwrap();
        let n = returned.unwrap_or_else(|| {
            let t = total.unwrap_or(u64::MAX);
            t.saturating_sub(page.offset).min(page.limit)
        });
        let links = offset_links(BASE, "/resources", query, &config, page, n, total);
        let parsed = links
            .iter()
            .map(|l| {
                let q = l.href.split_once('?').unwrap().1;
                let pairs = query_pairs(q);
                (
                    l.rel.clone(),
                    pairs[0].1.parse().unwrap(),
                    pairs[1].1.parse().unwrap(),
                )
            })
            .collect();
        (content_range(page.offset, n, total), parsed)
    }

    fn l(rel: &str, offset: u64, limit: u64) -> (String, u64, u64) {
        (rel.to_owned(), offset, limit)
    }

    #[test]
    fn vector_1() {
        assert_eq!(
            row(Some("offset=0&limit=25"), None, Some(66), None),
            (
                "items 0-24/66".to_owned(),
                vec![l("first", 0, 25), l("last", 41, 25), l("next", 25, 25)]
            )
        );
    }

    #[test]
    fn vector_2() {
        assert_eq!(
            row(None, Some("items=0-24"), Some(66), None),
            (
                "items 0-24/66".to_owned(),
                vec![l("first", 0, 25), l("last", 41, 25), l("next", 25, 25)]
            )
        );
    }

    #[test]
    fn vector_3() {
        assert_eq!(
            row(None, Some(" items=25-49 "), Some(66), None),
            (
                "items 25-49/66".to_owned(),
                vec![
                    l("first", 0, 25),
                    l("last", 41, 25),
                    l("previous", 0, 25),
                    l("next", 50, 25)
                ]
            )
        );
    }

    #[test]
    fn vector_4() {
        assert_eq!(
            row(Some("offset=40&limit=26"), None, Some(66), None),
            (
                "items 40-65/66".to_owned(),
                vec![l("first", 0, 26), l("last", 40, 26), l("previous", 14, 26)]
            )
        );
    }

    #[test]
    fn vector_5() {
        assert_eq!(
            row(None, None, Some(66), None),
            (
                "items 0-19/66".to_owned(),
                vec![l("first", 0, 20), l("last", 46, 20), l("next", 20, 20)]
            )
        );
    }

    #[test]
    fn vector_6_query_wins_over_range() {
        assert_eq!(
            row(
                Some("offset=10&limit=5"),
                Some("items=0-24"),
                Some(66),
                None
            ),
            (
                "items 10-14/66".to_owned(),
                vec![
                    l("first", 0, 5),
                    l("last", 61, 5),
                    l("previous", 5, 5),
                    l("next", 15, 5)
                ]
            )
        );
    }

    #[test]
    fn vector_7_limit_clamped() {
        assert_eq!(
            row(Some("limit=1000"), None, Some(66), None),
            (
                "items 0-65/66".to_owned(),
                vec![l("first", 0, 200), l("last", 0, 200)]
            )
        );
    }

    #[test]
    fn vector_8_beyond_the_end() {
        assert_eq!(
            row(Some("offset=70&limit=10"), None, Some(66), None),
            (
                "items */66".to_owned(),
                vec![l("first", 0, 10), l("last", 56, 10), l("previous", 60, 10)]
            )
        );
    }

    #[test]
    fn vector_9_limit_zero() {
        let e =
            parse_offset_limit_values(Some("limit=0"), None, &PageConfig::default()).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert_eq!(e.code, "BadArgument");
        assert_eq!(e.target(), Some("limit"));
    }

    #[test]
    fn vector_10_reversed_range_is_ignored() {
        // RFC 9110 §14.2: an invalid range is ignored, not refused.
        let default = Page {
            offset: 0,
            limit: 20,
        };
        for range in [
            "items=30-10",
            "items=0-99999999999999999999999",
            "items=a-b",
        ] {
            let page = parse_offset_limit_values(None, Some(range), &PageConfig::default());
            assert_eq!(page.ok(), Some(default), "{range}");
        }
    }

    #[test]
    fn vector_11_unknown_total() {
        assert_eq!(
            row(Some("offset=0&limit=20"), None, None, Some(20)),
            (
                "items 0-19/*".to_owned(),
                vec![l("first", 0, 20), l("next", 20, 20)]
            )
        );
    }

    #[test]
    fn vector_12_the_worked_example() {
        assert_eq!(
            row(Some("offset=6&limit=3"), None, Some(58), None),
            (
                "items 6-8/58".to_owned(),
                vec![
                    l("first", 0, 3),
                    l("last", 55, 3),
                    l("previous", 3, 3),
                    l("next", 9, 3)
                ]
            )
        );
    }

    #[test]
    fn vector_13_page_size() {
        let config = PageConfig::default();
        let page = parse_page_size(Some("page=1&size=10"), &config).unwrap();
        assert_eq!(content_range(page.offset(), 10, Some(23)), "items 0-9/23");
        let links = page_size_links(
            BASE,
            "/resources",
            Some("page=1&size=10"),
            "previous",
            page,
            10,
            Some(23),
        );
        assert_eq!(
            links_json(&links),
            json!([
                {"rel": "first", "href": "https://api.example.com/resources?page=1&size=10"},
                {"rel": "last", "href": "https://api.example.com/resources?page=3&size=10"},
                {"rel": "next", "href": "https://api.example.com/resources?page=2&size=10"},
            ])
        );
        assert_eq!(
            pagination_object(page, 23),
            json!({"page": 1, "size": 10, "count": 23})
        );
        let p3 = parse_page_size(Some("page=3&size=10"), &config).unwrap();
        assert_eq!(
            p3.as_page(),
            Page {
                offset: 20,
                limit: 10
            }
        );
        let rels: Vec<String> = page_size_links(BASE, "/r", None, "prev", p3, 3, Some(23))
            .into_iter()
            .map(|l| l.rel)
            .collect();
        assert_eq!(rels, ["first", "last", "prev"]);
        assert_eq!(
            parse_page_size(Some("page=0"), &config)
                .unwrap_err()
                .target(),
            Some("page")
        );
    }

    #[test]
    fn links_keep_other_query_params_and_drop_credentials() {
        let config = PageConfig {
            previous_rel: "prev",
            ..PageConfig::default()
        };
        let q = Some(
            "filter=name::todd%7Cx&offset=4&access_token=s3cret&sort=-name&limit=2&callback=f",
        );
        let page = parse_offset_limit_values(q, None, &config).unwrap();
        let links = offset_links(
            "https://api.example.com/",
            "/users",
            q,
            &config,
            page,
            2,
            Some(10),
        );
        assert_eq!(
            link_header(&links),
            "<https://api.example.com/users?filter=name::todd%7Cx&sort=-name&offset=0&limit=2>; rel=\"first\", \
             <https://api.example.com/users?filter=name::todd%7Cx&sort=-name&offset=8&limit=2>; rel=\"last\", \
             <https://api.example.com/users?filter=name::todd%7Cx&sort=-name&offset=2&limit=2>; rel=\"prev\", \
             <https://api.example.com/users?filter=name::todd%7Cx&sort=-name&offset=6&limit=2>; rel=\"next\""
        );
    }

    #[test]
    fn bad_values_and_ignored_ranges() {
        let c = PageConfig::default();
        let e = parse_offset_limit_values(Some("offset=-1&limit=x"), None, &c).unwrap_err();
        assert_eq!(e.details().len(), 2);
        assert_eq!(e.details()[0].target.as_deref(), Some("offset"));
        assert_eq!(e.details()[1].target.as_deref(), Some("limit"));
        // Other units and malformed items ranges are ignored (RFC 9110 §14.2).
        assert_eq!(
            parse_offset_limit_values(None, Some("bytes=0-10"), &c).unwrap(),
            Page {
                offset: 0,
                limit: 20
            }
        );
        assert_eq!(
            parse_offset_limit_values(None, Some("items=5-"), &c).unwrap(),
            Page {
                offset: 0,
                limit: 20
            }
        );
        let off = PageConfig {
            range_header: false,
            ..c
        };
        assert_eq!(
            parse_offset_limit_values(None, Some("items=5-9"), &off).unwrap(),
            Page {
                offset: 0,
                limit: 20
            }
        );
        let mut h = HeaderMap::new();
        h.insert(RANGE, "items=5-9".parse().unwrap());
        assert_eq!(
            parse_offset_limit(None, &h, &c).unwrap(),
            Page {
                offset: 5,
                limit: 5
            }
        );
        // start-index mode uses other names with the same formulas.
        let si = PageConfig {
            offset_param: "pageStartIndex",
            limit_param: "pageSize",
            ..c
        };
        assert_eq!(
            parse_offset_limit_values(Some("pageStartIndex=3&pageSize=4"), None, &si).unwrap(),
            Page {
                offset: 3,
                limit: 4
            }
        );
    }
}
