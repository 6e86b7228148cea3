//! The bookstore, kept in memory: the business logic a user writes against
//! the generated `Api` trait. Everything else (routing, negotiation,
//! validation, pagination headers and links, `ETag`s, 304, 428) is done by
//! the generated code before and after these methods run.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, NaiveDate};
use http::StatusCode;
use uuid::Uuid;

use crate::generated::api::*;
use crate::generated::runtime::conditional::EntityTag;
use crate::generated::runtime::headers::http_date;
use crate::generated::types::*;

/// The server's state: the catalogue, shared by every request.
#[derive(Debug, Default, Clone)]
pub struct Handlers {
    store: Arc<Mutex<Store>>,
}

#[derive(Debug, Default)]
struct Store {
    books: BTreeMap<Uuid, Book>,
    /// Identifiers handed out so far.
    issued: u64,
}

/// A book as stored: the union of what versions 1 and 2 show.
#[derive(Debug, Clone)]
struct Book {
    id: Uuid,
    title: String,
    authors: Vec<String>,
    isbn: String,
    language: String,
    summary: Option<String>,
    page_count: Option<i64>,
    price: Money,
    status: PublicationStatus,
    published_on: Option<NaiveDate>,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    /// Bumped on every change; the `ETag` is computed from it.
    revision: u64,
}

/// The editable properties, from any version of the input.
struct Input {
    title: String,
    authors: Vec<String>,
    isbn: String,
    language: String,
    summary: Option<String>,
    page_count: Option<i64>,
    price: Money,
}

impl Handlers {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn now() -> DateTime<FixedOffset> {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    DateTime::from_timestamp_millis(millis)
        .unwrap_or_default()
        .fixed_offset()
}

fn path_of(id: Uuid) -> String {
    format!("/books/{id}")
}

/// A new identifier: unpredictable enough for an example, and unique.
fn new_id(store: &mut Store) -> Uuid {
    store.issued += 1;
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // splitmix64 over the counter and the time, twice for 128 bits.
    let mix = |mut z: u64| {
        z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    #[allow(clippy::cast_possible_truncation)]
    let (a, b) = (
        mix(store.issued ^ seed as u64),
        mix(store.issued.rotate_left(32) ^ (seed >> 64) as u64),
    );
    uuid::Builder::from_random_bytes(((u128::from(a) << 64) | u128::from(b)).to_be_bytes())
        .into_uuid()
}

/// Whether the check digit of a 13-digit ISBN is right.
fn isbn_checksum_ok(isbn: &str) -> bool {
    let digits: Vec<u32> = isbn.chars().filter_map(|c| c.to_digit(10)).collect();
    digits.len() == 13
        && digits
            .iter()
            .enumerate()
            .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
            .sum::<u32>()
            % 10
            == 0
}

fn split_authors(author: &str) -> Vec<String> {
    author
        .split(", ")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(ToOwned::to_owned)
        .collect()
}

impl From<BookInputV1> for Input {
    fn from(b: BookInputV1) -> Self {
        Input {
            title: b.title,
            authors: split_authors(&b.author),
            isbn: b.isbn,
            language: b.language,
            summary: b.summary.flatten(),
            page_count: b.page_count.flatten(),
            price: b.price,
        }
    }
}

impl From<BookInputV2> for Input {
    fn from(b: BookInputV2) -> Self {
        Input {
            title: b.title,
            authors: b.authors,
            isbn: b.isbn,
            language: b.language,
            summary: b.summary.flatten(),
            page_count: b.page_count.flatten(),
            price: b.price,
        }
    }
}

impl Book {
    fn self_link(&self, context: &RequestContext) -> Link {
        Link {
            rel: "self".to_owned(),
            href: context.uri(&path_of(self.id)),
            r#type: context
                .representation
                .as_ref()
                .map(Representation::with_version),
        }
    }

    fn v1(&self, context: &RequestContext) -> BookV1 {
        BookV1 {
            book_id: self.id,
            title: self.title.clone(),
            author: self.authors.join(", "),
            isbn: self.isbn.clone(),
            language: self.language.clone(),
            summary: self.summary.clone(),
            page_count: self.page_count,
            price: self.price.clone(),
            publication_status: self.status,
            published_on: self.published_on,
            created_at: self.created_at,
            updated_at: self.updated_at,
            links: vec![self.self_link(context)],
        }
    }

    fn v2(&self, context: &RequestContext) -> BookV2 {
        BookV2 {
            book_id: self.id,
            title: self.title.clone(),
            authors: self.authors.clone(),
            isbn: self.isbn.clone(),
            language: self.language.clone(),
            summary: self.summary.clone(),
            page_count: self.page_count,
            price: self.price.clone(),
            publication_status: self.status,
            published_on: self.published_on,
            created_at: self.created_at,
            updated_at: self.updated_at,
            links: vec![self.self_link(context)],
        }
    }

    /// The validators of the representation the client negotiated.
    fn etag(&self, context: &RequestContext) -> String {
        context
            .resource_etag(&path_of(self.id), &self.revision.to_string())
            .to_string()
    }

    fn last_modified(&self) -> String {
        http_date(SystemTime::from(self.updated_at))
    }

    fn last_modified_time(&self) -> SystemTime {
        SystemTime::from(self.updated_at)
    }

    fn apply(&mut self, input: Input) {
        self.title = input.title;
        self.authors = input.authors;
        self.isbn = input.isbn;
        self.language = input.language;
        self.summary = input.summary;
        self.page_count = input.page_count;
        self.price = input.price;
    }

    fn touch(&mut self) {
        self.revision += 1;
        // Strictly later than before, so If-Unmodified-Since sees the change
        // even within one millisecond.
        let at = now();
        self.updated_at = if at > self.updated_at {
            at
        } else {
            self.updated_at + chrono::Duration::milliseconds(1)
        };
    }
}

/// Checks the business rules of an input: 422 for a wrong ISBN check digit,
/// 409 for an ISBN another book has.
fn check_input(store: &Store, input: &Input, this: Option<Uuid>) -> Result<(), ApiError> {
    if !isbn_checksum_ok(&input.isbn) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "InvalidIsbnChecksum",
            format!("The check digit of ISBN {} is wrong.", input.isbn),
        )
        .with_target("isbn"));
    }
    let duplicate = store
        .books
        .values()
        .any(|b| b.isbn == input.isbn && Some(b.id) != this);
    if duplicate {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "DuplicateIsbn",
            format!("Another book already has ISBN {}.", input.isbn),
        )
        .with_target("isbn"));
    }
    Ok(())
}

fn not_found(id: Uuid) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "NotFound",
        format!("Book {id} was not found."),
    )
    .with_target("bookId")
}

/// One `name::value` phrase of `filter`.
fn matches_phrase(book: &Book, field: &str, pattern: &str) -> bool {
    let value = match field {
        "title" => book.title.clone(),
        "isbn" => book.isbn.clone(),
        "language" => book.language.clone(),
        "publicationStatus" => book.status.as_str().to_owned(),
        _ => return false,
    };
    wildcard_match(&pattern.to_lowercase(), &value.to_lowercase())
}

/// `*` matches any run of characters; everything else matches itself.
fn wildcard_match(pattern: &str, value: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == value;
    }
    let mut rest = value;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

fn parse_filter(filter: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let Some(filter) = filter.filter(|f| !f.is_empty()) else {
        return Ok(Vec::new());
    };
    filter
        .split('|')
        .map(|phrase| {
            let (field, value) = phrase.split_once("::").unwrap_or((phrase, ""));
            if ["title", "isbn", "language", "publicationStatus"].contains(&field) {
                Ok((field.to_owned(), value.to_owned()))
            } else {
                Err(ApiError::bad_request(format!(
                    "{field:?} cannot be filtered on; use title, isbn, language or publicationStatus"
                ))
                .with_target("filter"))
            }
        })
        .collect()
}

fn sort_books(books: &mut [&Book], sort: Option<&str>) -> Result<(), ApiError> {
    let keys: Vec<(String, bool)> = sort
        .filter(|s| !s.is_empty())
        .unwrap_or("title")
        .split('|')
        .map(|k| match k.strip_prefix('-') {
            Some(k) => (k.to_owned(), true),
            None => (k.to_owned(), false),
        })
        .collect();
    for (key, _) in &keys {
        if !["title", "publishedOn", "createdAt", "updatedAt"].contains(&key.as_str()) {
            return Err(ApiError::bad_request(format!(
                "{key:?} cannot be sorted on; use title, publishedOn, createdAt or updatedAt"
            ))
            .with_target("sort"));
        }
    }
    books.sort_by(|a, b| {
        for (key, descending) in &keys {
            let order = match key.as_str() {
                "title" => a.title.cmp(&b.title),
                "publishedOn" => a.published_on.cmp(&b.published_on),
                "createdAt" => a.created_at.cmp(&b.created_at),
                _ => a.updated_at.cmp(&b.updated_at),
            };
            let order = if *descending { order.reverse() } else { order };
            if order.is_ne() {
                return order;
            }
        }
        a.id.cmp(&b.id)
    });
    Ok(())
}

fn page_bounds(context: &RequestContext, len: usize) -> (usize, usize) {
    let page = context
        .page
        .unwrap_or(crate::generated::runtime::pagination::Page {
            offset: 0,
            limit: 20,
        });
    let start = usize::try_from(page.offset).unwrap_or(usize::MAX).min(len);
    let end = start
        .saturating_add(usize::try_from(page.limit).unwrap_or(usize::MAX))
        .min(len);
    (start, end)
}

impl Api for Handlers {
    async fn list_books(&self, request: ListBooksRequest) -> Result<ListBooksResponse, ApiError> {
        let context = &request.context;
        let phrases = parse_filter(request.filter.as_deref())?;
        let store = self.store();
        let mut books: Vec<&Book> = store
            .books
            .values()
            .filter(|b| phrases.iter().all(|(f, v)| matches_phrase(b, f, v)))
            .collect();
        sort_books(&mut books, request.sort.as_deref())?;
        let (start, end) = page_bounds(context, books.len());
        let page = &books[start..end];
        let body = if context.version() == Some(2) {
            ListBooksOkBody::V2(BookListV2 {
                data: page.iter().map(|b| b.v2(context)).collect(),
                links: Vec::new(),
            })
        } else {
            ListBooksOkBody::V1(BookListV1 {
                data: page.iter().map(|b| b.v1(context)).collect(),
                links: Vec::new(),
            })
        };
        Ok(ListBooksResponse::Ok {
            body,
            etag: None,
            cache_control: "no-cache".to_owned(),
            total: Some(books.len() as u64),
        })
    }

    async fn create_book(
        &self,
        request: CreateBookRequest,
    ) -> Result<CreateBookResponse, ApiError> {
        let input: Input = match request.body {
            CreateBookBody::V1(b) => b.into(),
            CreateBookBody::V2(b) => b.into(),
        };
        let context = &request.context;
        let mut store = self.store();
        check_input(&store, &input, None)?;
        let id = new_id(&mut store);
        let at = now();
        let book = Book {
            id,
            title: input.title,
            authors: input.authors,
            isbn: input.isbn,
            language: input.language,
            summary: input.summary,
            page_count: input.page_count,
            price: input.price,
            status: PublicationStatus::Draft,
            published_on: None,
            created_at: at,
            updated_at: at,
            revision: 1,
        };
        let response = CreateBookResponse::Created {
            body: if context.version() == Some(2) {
                CreateBookCreatedBody::V2(book.v2(context))
            } else {
                CreateBookCreatedBody::V1(book.v1(context))
            },
            location: context.uri(&path_of(id)),
            etag: Some(book.etag(context)),
            last_modified: book.last_modified(),
        };
        store.books.insert(id, book);
        Ok(response)
    }

    async fn search_books(
        &self,
        request: SearchBooksRequest,
    ) -> Result<SearchBooksResponse, ApiError> {
        let context = &request.context;
        let words: Vec<String> = request
            .body
            .keywords
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let max = usize::try_from(request.body.max_results.unwrap_or(20)).unwrap_or(20);
        let store = self.store();
        let mut scored: Vec<(usize, &Book)> = store
            .books
            .values()
            .map(|b| {
                let text = format!(
                    "{} {} {}",
                    b.title,
                    b.authors.join(" "),
                    b.summary.as_deref().unwrap_or_default()
                )
                .to_lowercase();
                (
                    words.iter().filter(|w| text.contains(w.as_str())).count(),
                    b,
                )
            })
            .filter(|(score, _)| *score > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.title.cmp(&b.1.title)));
        Ok(SearchBooksResponse::Ok {
            body: BookListV1 {
                data: scored
                    .iter()
                    .take(max)
                    .map(|(_, b)| b.v1(context))
                    .collect(),
                links: Vec::new(),
            },
        })
    }

    async fn get_book(&self, request: GetBookRequest) -> Result<GetBookResponse, ApiError> {
        let context = &request.context;
        let store = self.store();
        let book = store
            .books
            .get(&request.book_id)
            .ok_or_else(|| not_found(request.book_id))?;
        Ok(GetBookResponse::Ok {
            body: if context.version() == Some(2) {
                GetBookOkBody::V2(book.v2(context))
            } else {
                GetBookOkBody::V1(book.v1(context))
            },
            etag: Some(book.etag(context)),
            last_modified: book.last_modified(),
            cache_control: "no-cache".to_owned(),
        })
    }

    async fn replace_book(
        &self,
        request: ReplaceBookRequest,
    ) -> Result<ReplaceBookResponse, ApiError> {
        let context = &request.context;
        let input: Input = match request.body {
            ReplaceBookBody::V1(b) => b.into(),
            ReplaceBookBody::V2(b) => b.into(),
        };
        let mut store = self.store();
        let current = store
            .books
            .get(&request.book_id)
            .ok_or_else(|| not_found(request.book_id))?;
        let etag = EntityTag::parse(&current.etag(context));
        if let Some(etag) = &etag {
            context.check_update(Some((etag, Some(current.last_modified_time()))))?;
        }
        check_input(&store, &input, Some(request.book_id))?;
        let book = store
            .books
            .get_mut(&request.book_id)
            .ok_or_else(|| not_found(request.book_id))?;
        book.apply(input);
        book.touch();
        Ok(ReplaceBookResponse::Ok {
            body: if context.version() == Some(2) {
                ReplaceBookOkBody::V2(book.v2(context))
            } else {
                ReplaceBookOkBody::V1(book.v1(context))
            },
            etag: Some(book.etag(context)),
            last_modified: book.last_modified(),
            content_location: context.uri(&path_of(book.id)),
        })
    }

    async fn update_book(
        &self,
        request: UpdateBookRequest,
    ) -> Result<UpdateBookResponse, ApiError> {
        let context = &request.context;
        let mut store = self.store();
        let current = store
            .books
            .get(&request.book_id)
            .ok_or_else(|| not_found(request.book_id))?;
        if let Some(etag) = EntityTag::parse(&current.etag(context)) {
            context.check_update(Some((&etag, Some(current.last_modified_time()))))?;
        }
        // JSON merge patch: absent keeps, null clears, a value replaces.
        let mut input = Input {
            title: current.title.clone(),
            authors: current.authors.clone(),
            isbn: current.isbn.clone(),
            language: current.language.clone(),
            summary: current.summary.clone(),
            page_count: current.page_count,
            price: current.price.clone(),
        };
        // Version 1 differs only in `author`, one display string.
        let patch = match request.body {
            UpdateBookBody::V1(p) => BookPatchV2 {
                title: p.title,
                authors: p.author.as_deref().map(split_authors),
                isbn: p.isbn,
                language: p.language,
                summary: p.summary,
                page_count: p.page_count,
                price: p.price,
            },
            UpdateBookBody::V2(p) => p,
        };
        if let Some(v) = patch.title {
            input.title = v;
        }
        if let Some(v) = patch.authors {
            input.authors = v;
        }
        if let Some(v) = patch.isbn {
            input.isbn = v;
        }
        if let Some(v) = patch.language {
            input.language = v;
        }
        if let Some(v) = patch.summary {
            input.summary = v;
        }
        if let Some(v) = patch.page_count {
            input.page_count = v;
        }
        if let Some(v) = patch.price {
            input.price = v;
        }
        check_input(&store, &input, Some(request.book_id))?;
        let book = store
            .books
            .get_mut(&request.book_id)
            .ok_or_else(|| not_found(request.book_id))?;
        book.apply(input);
        book.touch();
        Ok(UpdateBookResponse::Ok {
            body: if context.version() == Some(2) {
                UpdateBookOkBody::V2(book.v2(context))
            } else {
                UpdateBookOkBody::V1(book.v1(context))
            },
            etag: Some(book.etag(context)),
            last_modified: book.last_modified(),
            content_location: context.uri(&path_of(book.id)),
        })
    }

    async fn delete_book(
        &self,
        request: DeleteBookRequest,
    ) -> Result<DeleteBookResponse, ApiError> {
        let context = &request.context;
        let mut store = self.store();
        let current = store
            .books
            .get(&request.book_id)
            .ok_or_else(|| not_found(request.book_id))?;
        // `If-Match` is optional here; its tag may come from any version.
        if request.if_match.is_some() {
            let tags: Vec<EntityTag> = [1, 2]
                .iter()
                .filter_map(|v| {
                    let mut c = context.clone();
                    c.representation = Some(Representation::new("application/json", *v));
                    EntityTag::parse(&current.etag(&c))
                })
                .collect();
            let ok = tags.iter().any(|t| {
                context
                    .check_delete(t, Some(current.last_modified_time()))
                    .is_ok()
            });
            if !ok {
                return Err(ApiError::precondition_failed().with_target("If-Match"));
            }
        }
        store.books.remove(&request.book_id);
        Ok(DeleteBookResponse::NoContent {})
    }

    async fn publish_book(
        &self,
        request: PublishBookRequest,
    ) -> Result<PublishBookResponse, ApiError> {
        let context = &request.context;
        let mut store = self.store();
        let book = store
            .books
            .get_mut(&request.book_id)
            .ok_or_else(|| not_found(request.book_id))?;
        if book.status == PublicationStatus::Published {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "AlreadyPublished",
                format!("Book {} is already published.", book.id),
            ));
        }
        book.status = PublicationStatus::Published;
        book.touch();
        book.published_on = Some(book.updated_at.date_naive());
        Ok(PublishBookResponse::Ok {
            body: if context.version() == Some(2) {
                PublishBookOkBody::V2(book.v2(context))
            } else {
                PublishBookOkBody::V1(book.v1(context))
            },
            etag: Some(book.etag(context)),
            last_modified: book.last_modified(),
            content_location: context.uri(&path_of(book.id)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbn_check_digits() {
        assert!(isbn_checksum_ok("9780262510875"));
        assert!(!isbn_checksum_ok("9780262510876"));
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("struct*", "structure and interpretation"));
        assert!(wildcard_match("*programs", "computer programs"));
        assert!(wildcard_match("*inter*", "structure and interpretation"));
        assert!(!wildcard_match("abc", "abcd"));
    }
}
