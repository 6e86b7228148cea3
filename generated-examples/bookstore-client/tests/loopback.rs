//! The generated client against the generated server, over loopback: both
//! crates come from `specs/bookstore.yaml`, and each test runs its own
//! server with an empty catalogue.

use bookstore_client::client::{
    CreateBookBody, CreateBookCreatedBody, CreateBookResponse, GetBookOkBody, GetBookResponse,
    ListBooksItem, ReplaceBookBody, ReplaceBookOkBody, ReplaceBookResponse, UpdateBookBody,
    UpdateBookOkBody, UpdateBookResponse,
};
use bookstore_client::types::{BookInputV2, BookPatchV2, BookV2, Money};
use bookstore_client::{Client, ClientError, RetryPolicy};
use futures::StreamExt as _;

/// Serves a fresh bookstore on a free loopback port; the server lives as
/// long as the test's runtime.
async fn server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let addr = listener.local_addr().expect("local address");
    let app = bookstore_server::generated::router(bookstore_server::handlers::Handlers::default());
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve");
    });
    format!("http://{addr}")
}

fn client(base: &str) -> Client {
    Client::builder(base)
        .with_oauth2_token("test-token")
        .version(2)
        .retry(RetryPolicy::disabled())
        .build()
        .expect("client")
}

/// A valid new book; `n` makes the title and ISBN distinct.
fn input(n: u32) -> BookInputV2 {
    BookInputV2 {
        title: format!("Book {n:02}"),
        authors: vec!["Ada Author".to_owned()],
        isbn: isbn13(978_000_000_000 + u64::from(n)),
        language: "en".to_owned(),
        summary: None,
        page_count: Some(Some(100 + i64::from(n))),
        price: Money {
            amount: "12.50".to_owned(),
            currency: "EUR".to_owned(),
        },
    }
}

/// An ISBN-13 with a correct check digit from its first 12 digits.
fn isbn13(first12: u64) -> String {
    let digits = format!("{first12:012}");
    let sum: u32 = digits
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

async fn create(client: &Client, n: u32) -> (BookV2, String) {
    let created = client
        .create_book(CreateBookBody::V2(input(n)))
        .send()
        .await
        .expect("create");
    let etag = created.etag().expect("ETag on 201").to_owned();
    match created.value {
        CreateBookResponse::Created {
            body: CreateBookCreatedBody::V2(book),
            location,
            ..
        } => {
            assert!(location.ends_with(&book.book_id.to_string()), "{location}");
            (book, etag)
        }
        other => panic!("expected a version 2 book, got {other:?}"),
    }
}

fn api_status(result: Result<impl std::fmt::Debug, ClientError>) -> (u16, ClientError) {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => (e.status().map_or(0, |s| s.as_u16()), e),
    }
}

#[tokio::test]
async fn create_read_update_delete() {
    let client = client(&server().await);
    let (book, etag) = create(&client, 1).await;
    assert_eq!(book.title, "Book 01");
    assert_eq!(book.page_count, Some(101));

    // Read it back; then a conditional GET with its ETag is a 304.
    let got = client.get_book(book.book_id).send().await.expect("get");
    assert!(!got.deprecated);
    assert_eq!(got.version, Some(2));
    let GetBookResponse::Ok {
        body: GetBookOkBody::V2(read),
        ..
    } = &got.value
    else {
        panic!("expected a version 2 book: {:?}", got.value);
    };
    assert_eq!(read, &book);
    let again = client
        .get_book(book.book_id)
        .if_none_match(etag.clone())
        .send()
        .await
        .expect("conditional get");
    assert!(
        matches!(again.value, GetBookResponse::NotModified { .. }),
        "{:?}",
        again.value
    );

    // Replace with the current ETag.
    let mut replacement = input(1);
    replacement.title = "Book 01, second edition".to_owned();
    let replaced = client
        .replace_book(book.book_id, ReplaceBookBody::V2(replacement))
        .if_match(etag)
        .send()
        .await
        .expect("replace");
    let etag = replaced.etag().expect("ETag").to_owned();
    let ReplaceBookResponse::Ok {
        body: ReplaceBookOkBody::V2(book2),
        ..
    } = replaced.value
    else {
        panic!("expected a version 2 book");
    };
    assert_eq!(book2.title, "Book 01, second edition");

    // Merge patch: clear pageCount with an explicit null.
    let patch = BookPatchV2 {
        title: None,
        authors: None,
        isbn: None,
        language: None,
        summary: Some(Some("Now with a summary".to_owned())),
        page_count: Some(None),
        price: None,
    };
    let patched = client
        .update_book(book.book_id, UpdateBookBody::V2(patch))
        .if_match(etag)
        .send()
        .await
        .expect("patch");
    let etag = patched.etag().expect("ETag").to_owned();
    let UpdateBookResponse::Ok {
        body: UpdateBookOkBody::V2(book3),
        ..
    } = patched.value
    else {
        panic!("expected a version 2 book");
    };
    assert_eq!(book3.summary.as_deref(), Some("Now with a summary"));
    assert_eq!(book3.page_count, None);

    client
        .delete_book(book.book_id)
        .if_match(etag)
        .send()
        .await
        .expect("delete");
    let (status, error) = api_status(client.get_book(book.book_id).send().await);
    assert_eq!(status, 404);
    let api = error.api_error().expect("typed error");
    assert_eq!(api.code, "NotFound");
}

#[tokio::test]
async fn the_stream_walks_every_page() {
    let client = client(&server().await);
    for n in 0..7 {
        create(&client, n).await;
    }
    // One page: three books, Content-Range says seven in all.
    let page = client.list_books().limit(3).send().await.expect("one page");
    let range = page.content_range().expect("Content-Range");
    assert_eq!(
        (range.first, range.last, range.total),
        (Some(0), Some(2), Some(7))
    );

    let items: Vec<ListBooksItem> = client
        .list_books()
        .limit(3)
        .sort("title")
        .stream()
        .map(|item| item.expect("item"))
        .collect()
        .await;
    let titles: Vec<String> = items
        .iter()
        .map(|item| match item {
            ListBooksItem::V2(b) => b.title.clone(),
            ListBooksItem::V1(b) => panic!("asked for version 2, got {b:?}"),
        })
        .collect();
    let expected: Vec<String> = (0..7).map(|n| format!("Book {n:02}")).collect();
    assert_eq!(titles, expected);
}

#[tokio::test]
async fn both_versions_and_an_unsupported_one() {
    let base = server().await;
    let client = client(&base);
    let (book, _) = create(&client, 1).await;

    let v1 = client
        .get_book(book.book_id)
        .accept_version(1)
        .send()
        .await
        .expect("version 1");
    assert_eq!(v1.version, Some(1));
    assert!(v1.deprecated, "version 1 is deprecated: Deprecated: true");
    match &v1.value {
        GetBookResponse::Ok {
            body: GetBookOkBody::V1(b),
            ..
        } => assert_eq!(b.author, "Ada Author"),
        other => panic!("expected version 1: {other:?}"),
    }

    let (status, error) = api_status(client.get_book(book.book_id).accept_version(7).send().await);
    assert_eq!(status, 406);
    match error {
        ClientError::UnsupportedVersion { supported, .. } => {
            assert!(
                supported.contains(&"application/json; version=1".to_owned())
                    && supported.contains(&"application/json; version=2".to_owned()),
                "{supported:?}"
            );
        }
        other => panic!("expected UnsupportedVersion, got {other:?}"),
    }
}

#[tokio::test]
async fn preconditions_are_required_and_checked() {
    let client = client(&server().await);
    let (book, etag) = create(&client, 1).await;

    let (status, error) = api_status(
        client
            .replace_book(book.book_id, ReplaceBookBody::V2(input(1)))
            .send()
            .await,
    );
    assert_eq!(status, 428);
    assert_eq!(
        error.api_error().map(|e| e.code.as_str()),
        Some("PreconditionRequired")
    );

    let (status, _) = api_status(
        client
            .replace_book(book.book_id, ReplaceBookBody::V2(input(1)))
            .if_match("\"stale\"")
            .send()
            .await,
    );
    assert_eq!(status, 412);

    // The real ETag still works.
    client
        .replace_book(book.book_id, ReplaceBookBody::V2(input(1)))
        .if_match(etag)
        .send()
        .await
        .expect("replace with the current ETag");
}

#[tokio::test]
async fn validation_errors_are_typed_with_their_details() {
    let client = client(&server().await);
    let mut bad = input(1);
    bad.isbn = "not-an-isbn".to_owned();
    bad.language = String::new();
    let (status, error) = api_status(client.create_book(CreateBookBody::V2(bad)).send().await);
    assert_eq!(status, 400);
    let api = error.api_error().expect("typed error");
    assert!(!api.code.is_empty());
    let targets: Vec<&str> = api
        .details
        .iter()
        .filter_map(|d| d.target.as_deref())
        .collect();
    assert!(
        targets.contains(&"isbn") && targets.contains(&"language"),
        "{api:?}"
    );
}

#[tokio::test]
async fn missing_credentials_get_401_and_a_duplicate_409() {
    let base = server().await;
    let anonymous = Client::new(&base).expect("client");
    let (status, _) = api_status(anonymous.list_books().send().await);
    assert_eq!(status, 401);

    let client = client(&base);
    create(&client, 1).await;
    let (status, error) = api_status(
        client
            .create_book(CreateBookBody::V2(input(1)))
            .send()
            .await,
    );
    assert_eq!(status, 409);
    assert!(error.to_string().contains("createBook"), "{error}");
}
