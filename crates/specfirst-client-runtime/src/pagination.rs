//! Paging through collections (RULEBOOK §3.5): every item of every page as
//! one stream.
//!
//! ```text
//! pub fn stream<T: Send + 'static>(
//!     core: Arc<Core>,
//!     first: Request,                 // the fully built request of the first page
//!     style: Option<PageStyle>,       // None: follow links only
//!     params: PageParams,             // names of the offset/page and limit/size parameters
//!     decode: fn(&RawResponse) -> Result<Vec<T>, ClientError>,
//! ) -> impl Stream<Item = Result<T, ClientError>> + Send + 'static;
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
//! credentials never leave it; a link elsewhere ends the stream with an
//! `InvalidRequest` error. The stream stops at an empty page, a page with no
//! next, an error (yielded once, then the stream ends), a next URL already
//! requested (loop guard), or after [`MAX_PAGES`] pages.

use std::collections::HashSet;
use std::sync::Arc;

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
pub fn stream<T: Send + 'static>(
    core: Arc<Core>,
    first: Request,
    style: Option<PageStyle>,
    params: PageParams,
    decode: fn(&RawResponse) -> Result<Vec<T>, ClientError>,
) -> impl Stream<Item = Result<T, ClientError>> + Send + 'static {
    pages(core, first, style, params, decode).flat_map(|page| {
        futures::stream::iter(match page {
            Ok(page) => page.items.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(e)],
        })
    })
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
    let next = match link {
        Some(href) => {
            let absolute = st.core.resolve_link(&href).ok()?;
            let mut next = current.clone();
            next.url(&absolute).ok()?;
            next
        }
        None => computed_next(st.style?, st.params, current, raw, count, first_len)?,
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
                (None, Some(r)) if r.total.is_some() => {
                    r.last.is_some_and(|last| Some(last + 1) < r.total)
                }
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
