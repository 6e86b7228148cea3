//! Paging through collections (RULEBOOK §3.5): every item of every page as
//! one stream.
//!
//! ```text
//! pub fn stream<T: Send + 'static>(
//!     core: Arc<Core>,
//!     first: Result<Request, ClientError>, // the first page's request, or why it could not be built
//!     style: Option<PageStyle>,       // None: follow links only
//!     params: PageParams,             // names of the offset/page and limit/size parameters
//!     decode: fn(&RawResponse) -> Result<Vec<T>, ClientError>,
//! ) -> BoxStream<'static, Result<T, ClientError>>; // boxed: `Unpin`, so `.next().await` works as is
//!
//! pub fn pages<T: Send + 'static>(…same…) -> impl Stream<Item = Result<Page<T>, ClientError>> + Send + 'static;
//! ```
//!
//! `decode` turns one raw response into the page's items (generated per
//! operation; it maps error statuses with `RawResponse::into_error`). The
//! next page is, in order of preference:
//!
//! 1. the `next` link of the body (the envelope's `data` when enabled):
//!    `links` as an array of `{rel, href}` (rel `next`), a map
//!    `{"next": {"href": …}}` (or `{"next": "…"}`), or HAL
//!    `_links.next.href`; relative hrefs resolve against the base URL;
//! 2. a `Link: <…>; rel="next"` header;
//! 3. by `style`, rewriting the query of the current request
//!    ([`Request::set_query`]):
//!    - `OffsetLimit` / `StartIndex`: next offset = `last + 1` of
//!      `Content-Range` (else offset + items received), while it is below the
//!      total, or, the total unknown, while the page was full (as many items
//!      as the limit asked, or as the first page when no limit was asked);
//!    - `PageSize`: page + 1 while the body's `pagination {page, size,
//!      count}` says there is more (else `Content-Range`, else a full page).
//!
//! Links are sent with [`Request::url`]: only on the base URL's origin, so
//! credentials never leave it. A link elsewhere (a server behind a proxy
//! that advertises its public URL) is replaced by the computed next page
//! when `style` allows one; otherwise it ends the stream with an
//! `InvalidRequest` error. The stream stops at an empty page, a page with no
//! next, an error (yielded once, then the stream ends), a next URL already
//! requested (loop guard), or after [`MAX_PAGES`] pages.

use std::collections::HashSet;
use std::sync::Arc;

use futures::stream::BoxStream;
use futures::{Stream, StreamExt};
use reqwest::header::{CONTENT_RANGE, HeaderMap, LINK};
use serde_json::Value;

use super::error::ClientError;
use super::transport::{Core, RawResponse, Request, parse_content_range};

/// The most pages one stream fetches.
pub const MAX_PAGES: u32 = 10_000;

/// How an operation pages (RULEBOOK §3.5, from its declared parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `offset` and `limit` (§3.5.1).
    OffsetLimit,
    /// `page` (from 1) and `size` (§3.5.4).
    PageSize,
    /// `pageStartIndex` and `pageSize`, with the offset-limit formulas.
    StartIndex,
}

/// The names of the two paging parameters of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageParams {
    /// The offset (or page number, or start index) parameter.
    pub offset: &'static str,
    /// The limit (or page size) parameter.
    pub limit: &'static str,
}

impl PageParams {
    /// `offset` and `limit`.
    pub const OFFSET_LIMIT: PageParams = PageParams {
        offset: "offset",
        limit: "limit",
    };
    /// `page` and `size`.
    pub const PAGE_SIZE: PageParams = PageParams {
        offset: "page",
        limit: "size",
    };
    /// `pageStartIndex` and `pageSize`.
    pub const START_INDEX: PageParams = PageParams {
        offset: "pageStartIndex",
        limit: "pageSize",
    };
}

/// One decoded page.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The items of the page.
    pub items: Vec<T>,
    /// The response it came in.
    pub response: RawResponse,
}

struct State<T> {
    core: Arc<Core>,
    next: Option<Request>,
    seen: HashSet<String>,
    pages: u32,
    first_len: Option<usize>,
    style: Option<PageStyle>,
    params: PageParams,
    decode: fn(&RawResponse) -> Result<Vec<T>, ClientError>,
}

/// Every page, starting from `first` (see the module documentation).
pub fn pages<T: Send + 'static>(
    core: Arc<Core>,
    first: Request,
    style: Option<PageStyle>,
    params: PageParams,
    decode: fn(&RawResponse) -> Result<Vec<T>, ClientError>,
) -> impl Stream<Item = Result<Page<T>, ClientError>> + Send + 'static {
    let mut seen = HashSet::new();
    if let Ok(url) = core.url_for(&first) {
        seen.insert(url.to_string());
    }
    let state = State {
        core,
        next: Some(first),
        seen,
        pages: 0,
        first_len: None,
        style,
        params,
        decode,
    };
    futures::stream::unfold(state, |mut st| async move {
        let request = st.next.take()?;
        if st.pages >= MAX_PAGES {
            return None;
        }
        st.pages += 1;
        let raw = match st.core.send(request.clone()).await {
            Ok(raw) => raw,
            Err(e) => return Some((Err(e), st)),
        };
        let items = match (st.decode)(&raw) {
            Ok(items) => items,
            Err(e) => return Some((Err(e), st)),
        };
        if items.is_empty() {
            return None;
        }
        let first_len = *st.first_len.get_or_insert(items.len());
        st.next = next_request(&mut st, &request, &raw, items.len(), first_len);
        Some((
            Ok(Page {
                items,
                response: raw,
            }),
            st,
        ))
    })
}

/// Every item of every page, starting from `first` (see the module
/// documentation).
///
/// `first` is the result of building the first request: an error there is
/// the stream's only item. The stream is boxed, hence `Unpin`: callers use
/// `.next().await` without pinning it.
pub fn stream<T: Send + 'static>(
    core: Arc<Core>,
    first: Result<Request, ClientError>,
    style: Option<PageStyle>,
    params: PageParams,
    decode: fn(&RawResponse) -> Result<Vec<T>, ClientError>,
) -> BoxStream<'static, Result<T, ClientError>> {
    let first = match first {
        Ok(request) => request,
        Err(e) => return futures::stream::once(async move { Err(e) }).boxed(),
    };
    pages(core, first, style, params, decode)
        .flat_map(|page| {
            futures::stream::iter(match page {
                Ok(page) => page.items.into_iter().map(Ok).collect::<Vec<_>>(),
                Err(e) => vec![Err(e)],
            })
        })
        .boxed()
}

/// The request of the next page, if there is one not requested yet; its
/// URL is recorded for the loop guard.
fn next_request<T>(
    st: &mut State<T>,
    current: &Request,
    raw: &RawResponse,
    count: usize,
    first_len: usize,
) -> Option<Request> {
    let link = raw
        .json_value()
        .and_then(|body| body_next_link(&body))
        .or_else(|| link_header_next(&raw.headers));
    let linked = link.and_then(|href| {
        let absolute = st.core.resolve_link(&href).ok()?;
        let mut next = current.clone();
        next.url(&absolute).ok()?;
        Some(next)
    });
    let computed = || computed_next(st.style?, st.params, current, raw, count, first_len);
    let next = match linked {
        Some(next) if st.core.url_for(&next).is_ok() => next,
        // A link to another origin (a server that advertises its public
        // URL behind a proxy): walk by the paging parameters instead, on the
        // base URL; without them, sending the link yields the error.
        Some(elsewhere) if st.style.is_none() => elsewhere,
        Some(_) => computed()?,
        None => computed()?,
    };
    match st.core.url_for(&next) {
        Ok(url) => st.seen.insert(url.to_string()).then_some(next),
        // Another origin: sending it yields the error.
        Err(_) => Some(next),
    }
}

/// The next page computed from the paging parameters.
fn computed_next(
    style: PageStyle,
    params: PageParams,
    current: &Request,
    raw: &RawResponse,
    count: usize,
    first_len: usize,
) -> Option<Request> {
    let number = |name: &str| -> Option<u64> { current.query_value(name)?.trim().parse().ok() };
    let count = count as u64;
    let range = raw
        .headers
        .get(CONTENT_RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_content_range);
    let limit = number(params.limit);
    let full = count >= limit.unwrap_or(first_len as u64);
    let mut next = current.clone();
    match style {
        PageStyle::OffsetLimit | PageStyle::StartIndex => {
            let offset = number(params.offset).unwrap_or(0);
            let next_offset = match range.and_then(|r| r.last) {
                Some(last) => last.checked_add(1)?,
                None => offset.checked_add(count)?,
            };
            let more = match range.and_then(|r| r.total) {
                Some(total) => next_offset < total,
                None => full,
            };
            if !more || next_offset <= offset {
                return None;
            }
            next.set_query(params.offset, &next_offset.to_string());
        }
        PageStyle::PageSize => {
            let page = number(params.offset).unwrap_or(1);
            let object = raw
                .json_value()
                .and_then(|body| body.get("pagination").cloned())
                .and_then(|p| {
                    Some((
                        p.get("page")?.as_u64()?,
                        p.get("size")?.as_u64()?,
                        p.get("count")?.as_u64()?,
                    ))
                });
            let more = match (object, range) {
                (Some((p, s, total)), _) => p.saturating_mul(s) < total,
                (None, Some(r)) if r.total.is_some() => r
                    .last
                    .and_then(|last| last.checked_add(1))
                    .is_some_and(|next| Some(next) < r.total),
                _ => full,
            };
            if !more {
                return None;
            }
            next.set_query(params.offset, &page.checked_add(1)?.to_string());
        }
    }
    Some(next)
}

/// The `next` href of a body: `links` as an array of `{rel, href}` or as a
/// map `{"next": {"href": …}}` / `{"next": "…"}`, or HAL `_links.next.href`.
pub fn body_next_link(body: &Value) -> Option<String> {
    let href_of = |link: &Value| -> Option<String> {
        match link {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("href")?.as_str().map(str::to_owned),
            Value::Array(items) => items
                .iter()
                .find_map(|l| l.get("href")?.as_str().map(str::to_owned)),
            _ => None,
        }
    };
    match body.get("links") {
        Some(Value::Array(links)) => {
            let found = links.iter().find(|l| {
                l.get("rel").and_then(Value::as_str).is_some_and(|rel| {
                    rel.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("next"))
                })
            });
            if let Some(href) = found.and_then(|l| l.get("href")?.as_str()) {
                return Some(href.to_owned());
            }
        }
        Some(Value::Object(map)) => {
            if let Some(href) = map.get("next").and_then(href_of) {
                return Some(href);
            }
        }
        _ => {}
    }
    body.get("_links")?.get("next").and_then(href_of)
}

/// The target of the `rel="next"` link of `Link` headers (RFC 8288).
pub fn link_header_next(headers: &HeaderMap) -> Option<String> {
    for value in headers.get_all(LINK) {
        let Ok(text) = value.to_str() else {
            continue;
        };
        let mut rest = text;
        while let Some(start) = rest.find('<') {
            let Some(len) = rest[start..].find('>') else {
                break;
            };
            let target = &rest[start + 1..start + len];
            rest = &rest[start + len + 1..];
            let params_end = rest.find('<').unwrap_or(rest.len());
            let is_next = rest[..params_end].split(';').any(|param| {
                param.split_once('=').is_some_and(|(name, value)| {
                    name.trim().eq_ignore_ascii_case("rel")
                        && value
                            .trim()
                            .trim_end_matches(',')
                            .trim()
                            .trim_matches('"')
                            .split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("next"))
                })
            });
            if is_next {
                return Some(target.trim().to_owned());
            }
            rest = &rest[params_end..];
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::encode::Style;
    use crate::error::ErrorShape;
    use crate::transport::Builder;
    use axum::Router;
    use axum::extract::{Query, State};
    use axum::http::{HeaderMap as AxumHeaders, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    use futures::StreamExt;
    use reqwest::Method;
    use serde_json::json;
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn next_links_in_bodies() {
        let atom = json!({"data": [], "links": [
            {"rel": "first", "href": "https://a/x?offset=0"},
            {"rel": "next", "href": "https://a/x?offset=2"}
        ]});
        assert_eq!(
            body_next_link(&atom).as_deref(),
            Some("https://a/x?offset=2")
        );
        let map = json!({"links": {"self": {"href": "s"}, "next": {"href": "n", "rel": "next"}}});
        assert_eq!(body_next_link(&map).as_deref(), Some("n"));
        let hal = json!({"_links": {"next": {"href": "/x?page=2"}}});
        assert_eq!(body_next_link(&hal).as_deref(), Some("/x?page=2"));
        assert_eq!(body_next_link(&json!({"links": []})), None);
        assert_eq!(body_next_link(&json!([1, 2])), None);
        assert_eq!(
            body_next_link(&json!({"links": [{"rel": "prev", "href": "p"}]})),
            None
        );
    }

    #[test]
    fn next_links_in_headers() {
        let mut h = HeaderMap::new();
        h.append(
            LINK,
            r#"<https://a/x?offset=0&limit=2>; rel="first", <https://a/x?o=1,2>; rel="next""#
                .parse()
                .unwrap(),
        );
        assert_eq!(link_header_next(&h).as_deref(), Some("https://a/x?o=1,2"));
        let mut h = HeaderMap::new();
        h.append(LINK, "<https://a/p>; rel=prev".parse().unwrap());
        h.append(
            LINK,
            "<https://a/n>; title=\"x\"; rel=\"last next\""
                .parse()
                .unwrap(),
        );
        assert_eq!(link_header_next(&h).as_deref(), Some("https://a/n"));
        let mut h = HeaderMap::new();
        h.append(LINK, "garbage <unterminated".parse().unwrap());
        assert_eq!(link_header_next(&h), None);
        assert_eq!(link_header_next(&HeaderMap::new()), None);
    }

    const TOTAL: u64 = 5;

    #[derive(Clone)]
    struct Srv {
        hits: Arc<AtomicU32>,
        mode: &'static str,
    }

    /// A collection of TOTAL items `{"n": i}` paged in several ways.
    async fn books(
        State(srv): State<Srv>,
        headers: AxumHeaders,
        Query(q): Query<HashMap<String, String>>,
    ) -> axum::response::Response {
        srv.hits.fetch_add(1, Ordering::SeqCst);
        let host = headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let num = |k: &str, d: u64| q.get(k).and_then(|v| v.parse().ok()).unwrap_or(d);
        let (offset, limit) = if srv.mode == "page" {
            let size = num("size", 2);
            ((num("page", 1) - 1) * size, size)
        } else {
            (num("offset", 0), num("limit", 2))
        };
        let end = (offset + limit).min(TOTAL);
        let items: Vec<Value> = (offset..end).map(|n| json!({"n": n})).collect();
        let range = if items.is_empty() {
            format!("items */{TOTAL}")
        } else {
            format!("items {offset}-{}/{TOTAL}", end - 1)
        };
        let next = (end < TOTAL).then(|| format!("http://{host}/books?offset={end}&limit={limit}"));
        let ct = [("content-type", "application/json")];
        match srv.mode {
            "links" => {
                let mut links = vec![
                    json!({"rel": "first", "href": format!("http://{host}/books?offset=0&limit={limit}")}),
                ];
                if let Some(n) = next {
                    links.push(json!({"rel": "next", "href": n}));
                }
                (ct, json!({"data": items, "links": links}).to_string()).into_response()
            }
            "hal-relative" => {
                let mut out = json!({"data": items});
                if end < TOTAL {
                    out["_links"] =
                        json!({"next": {"href": format!("books?offset={end}&limit={limit}")}});
                }
                let env = json!({"code": 200, "status": "success", "data": out});
                (ct, env.to_string()).into_response()
            }
            "link-header" => {
                let mut h = vec![("content-type".to_owned(), "application/json".to_owned())];
                if let Some(n) = next {
                    h.push(("link".to_owned(), format!("<{n}>; rel=\"next\"")));
                }
                let mut resp = Value::Array(items).to_string().into_response();
                for (k, v) in h {
                    resp.headers_mut().insert(
                        axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                        v.parse().unwrap(),
                    );
                }
                resp
            }
            "range" => (
                [
                    ("content-type", "application/json"),
                    ("content-range", range.as_str()),
                ],
                Value::Array(items).to_string(),
            )
                .into_response(),
            "page" => {
                let page = num("page", 1);
                let body = json!({"data": items, "pagination": {"page": page, "size": limit, "count": TOTAL}});
                (ct, body.to_string()).into_response()
            }
            "no-total" => (
                [
                    ("content-type", "application/json"),
                    (
                        "content-range",
                        format!("items {offset}-{}/*", end.max(1) - 1).as_str(),
                    ),
                ],
                Value::Array(items).to_string(),
            )
                .into_response(),
            "fail-second" if offset > 0 => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ct,
                r#"{"code":"InternalServerError","message":"An internal error occurred."}"#,
            )
                .into_response(),
            "fail-second" => {
                let links = json!([{"rel": "next", "href": next}]);
                (ct, json!({"data": items, "links": links}).to_string()).into_response()
            }
            "foreign" => {
                let links =
                    json!([{"rel": "next", "href": "http://evil.example.com/books?offset=2"}]);
                (ct, json!({"data": items, "links": links}).to_string()).into_response()
            }
            "loop" => {
                let links =
                    json!([{"rel": "next", "href": format!("http://{host}/books?limit={limit}")}]);
                (ct, json!({"data": items, "links": links}).to_string()).into_response()
            }
            _ => StatusCode::NOT_FOUND.into_response(),
        }
    }

    async fn server(mode: &'static str) -> (String, Arc<AtomicU32>) {
        let hits = Arc::new(AtomicU32::new(0));
        let router = Router::new().route("/books", get(books)).with_state(Srv {
            hits: hits.clone(),
            mode,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        (format!("http://{addr}"), hits)
    }

    fn decode(raw: &RawResponse) -> Result<Vec<u64>, ClientError> {
        if !raw.status.is_success() {
            return Err(raw.clone().into_error());
        }
        let v: Value = raw.json()?;
        let items = match &v {
            Value::Array(a) => a.clone(),
            other => other
                .get("data")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        };
        Ok(items.iter().filter_map(|i| i.get("n")?.as_u64()).collect())
    }

    async fn collect(
        mode: &'static str,
        envelope: bool,
        style: Option<PageStyle>,
        params: PageParams,
        limit: Option<u64>,
    ) -> (Vec<Result<u64, ClientError>>, u32) {
        let (base, hits) = server(mode).await;
        let core = Builder::new(base, &[], ErrorShape::OData, envelope)
            .build()
            .unwrap();
        let mut first = Request::new("listBooks", Method::GET, "/books".into());
        if let Some(limit) = limit {
            first
                .query(params.limit, &limit, Style::Form, true)
                .unwrap();
        }
        let items = stream(core, Ok(first), style, params, decode)
            .collect::<Vec<_>>()
            .await;
        (items, hits.load(Ordering::SeqCst))
    }

    fn oks(items: &[Result<u64, ClientError>]) -> Vec<u64> {
        items
            .iter()
            .filter_map(|r| r.as_ref().ok().copied())
            .collect()
    }

    #[tokio::test]
    async fn three_pages_via_links() {
        let (items, hits) = collect("links", false, None, PageParams::OFFSET_LIMIT, Some(2)).await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
        assert_eq!(items.len(), 5);
        assert_eq!(hits, 3);
        // Relative HAL links inside the envelope.
        let (items, hits) = collect(
            "hal-relative",
            true,
            None,
            PageParams::OFFSET_LIMIT,
            Some(2),
        )
        .await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
        assert_eq!(hits, 3);
        // Link header.
        let (items, hits) = collect(
            "link-header",
            false,
            None,
            PageParams::OFFSET_LIMIT,
            Some(2),
        )
        .await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
        assert_eq!(hits, 3);
    }

    #[tokio::test]
    async fn three_pages_via_content_range() {
        let (items, hits) = collect(
            "range",
            false,
            Some(PageStyle::OffsetLimit),
            PageParams::OFFSET_LIMIT,
            Some(2),
        )
        .await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
        assert_eq!(hits, 3);
        // Without any link or range, no style: one page.
        let (items, hits) = collect("range", false, None, PageParams::OFFSET_LIMIT, Some(2)).await;
        assert_eq!(oks(&items), [0, 1]);
        assert_eq!(hits, 1);
        // Total unknown: full pages continue, the short one ends.
        let (items, hits) = collect(
            "no-total",
            false,
            Some(PageStyle::OffsetLimit),
            PageParams::OFFSET_LIMIT,
            Some(2),
        )
        .await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
        assert_eq!(hits, 3);
        // No limit asked: the first page's size stands for it.
        let (items, _) = collect(
            "no-total",
            false,
            Some(PageStyle::OffsetLimit),
            PageParams::OFFSET_LIMIT,
            None,
        )
        .await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
    }

    #[tokio::test]
    async fn page_size_mode() {
        let (items, hits) = collect(
            "page",
            false,
            Some(PageStyle::PageSize),
            PageParams::PAGE_SIZE,
            Some(2),
        )
        .await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
        assert_eq!(hits, 3);
    }

    #[tokio::test]
    async fn stops_on_error() {
        let (items, hits) = collect(
            "fail-second",
            false,
            None,
            PageParams::OFFSET_LIMIT,
            Some(2),
        )
        .await;
        assert_eq!(items.len(), 3);
        assert_eq!(oks(&items), [0, 1]);
        let err = items[2].as_ref().unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
        assert_eq!(hits, 2);
    }

    #[tokio::test]
    async fn next_links_stay_on_the_origin() {
        let (items, hits) =
            collect("foreign", false, None, PageParams::OFFSET_LIMIT, Some(2)).await;
        assert_eq!(oks(&items), [0, 1]);
        assert_eq!(items.len(), 3);
        assert!(matches!(items[2], Err(ClientError::InvalidRequest { .. })));
        assert_eq!(hits, 1);
    }

    #[tokio::test]
    async fn a_foreign_next_link_gives_way_to_the_paging_parameters() {
        // A server behind a proxy links to its public URL: the client keeps
        // to its base URL and computes the next offset instead.
        let (items, hits) = collect(
            "foreign",
            false,
            Some(PageStyle::OffsetLimit),
            PageParams::OFFSET_LIMIT,
            Some(2),
        )
        .await;
        assert_eq!(oks(&items), [0, 1, 2, 3, 4]);
        assert_eq!(items.len(), 5);
        assert_eq!(hits, 3);
    }

    #[tokio::test]
    async fn loops_are_cut() {
        let (items, hits) = collect("loop", false, None, PageParams::OFFSET_LIMIT, Some(2)).await;
        // The link points back at the first page's URL.
        assert_eq!(oks(&items), [0, 1]);
        assert_eq!(hits, 1);
    }

    #[tokio::test]
    async fn pages_carry_responses() {
        let (base, _) = server("range").await;
        let core = Builder::new(base, &[], ErrorShape::OData, false)
            .build()
            .unwrap();
        let mut first = Request::new("listBooks", Method::GET, "/books".into());
        first.query("limit", &2, Style::Form, true).unwrap();
        let pages: Vec<_> = pages(
            core,
            first,
            Some(PageStyle::OffsetLimit),
            PageParams::OFFSET_LIMIT,
            decode,
        )
        .collect()
        .await;
        assert_eq!(pages.len(), 3);
        let last = pages[2].as_ref().unwrap();
        assert_eq!(last.items, [4]);
        assert_eq!(
            last.response
                .headers
                .get(CONTENT_RANGE)
                .unwrap()
                .to_str()
                .unwrap(),
            "items 4-4/5"
        );
    }
}
