//! Calls every operation of `specs/bookstore.yaml` through its generated
//! client against Prism: `driver BASE_URL MODE`, where MODE is `static`,
//! `dynamic` or `errors` (see `tests/prism_client.rs`). Prints one JSON line
//! per call.
//!
//! Every call asks for version 1 (`Client::builder(..).version(1)`, version 1
//! bodies): Prism validates request and response bodies against the first
//! `application/json` media type only, which is version 1.
#![allow(deprecated)]

use bookstore::client::{CreateBookBody, ReplaceBookBody, UpdateBookBody};
use bookstore::types::{BookInputV1, BookPatchV1, BookSearchCriteria, Money};
use bookstore::{Client, ClientError, RetryPolicy};

/// The book of the document's examples.
const BOOK: &str = "6f1c2b9e-3d4a-4c8b-9f2e-1a7d5e0c4b38";
/// An entity tag, for the conditional requests.
const ETAG: &str = "\"3f9c2a7b1e0d4c5a8b6f2e1d0c9b8a7f\"";

const OPERATIONS: &[&str] = &[
    "listBooks",
    "createBook",
    "searchBooks",
    "getBook",
    "replaceBook",
    "deleteBook",
    "updateBook",
    "publishBook",
];

/// The error statuses forced with `Prefer: code=N`, per operation: each is
/// documented for the operation with a JSON error body. (406 is not here: it
/// is `ClientError::UnsupportedVersion`, not `Api`.)
const ERRORS: &[(&str, &[u16])] = &[
    ("listBooks", &[400, 401, 403, 500]),
    ("createBook", &[400, 409, 415, 422]),
    ("searchBooks", &[400, 401]),
    ("getBook", &[404, 401]),
    ("replaceBook", &[404, 412, 428]),
    ("deleteBook", &[404, 412]),
    ("updateBook", &[404, 409, 412]),
    ("publishBook", &[404, 409]),
];

fn client(base: &str, prefer: Option<&str>) -> Client {
    let mut builder = Client::builder(base)
        .with_oauth2_token("test-token")
        .version(1)
        .retry(RetryPolicy::disabled());
    if let Some(prefer) = prefer {
        builder = builder.default_header("Prefer", prefer);
    }
    builder.build().expect("client")
}

fn book_id() -> uuid::Uuid {
    BOOK.parse().expect("uuid")
}

fn input() -> BookInputV1 {
    BookInputV1 {
        title: "Structure and Interpretation of Computer Programs".to_owned(),
        author: "Harold Abelson, Gerald Jay Sussman".to_owned(),
        isbn: "9780262510875".to_owned(),
        language: "en".to_owned(),
        summary: Some(Some("An introduction to programming.".to_owned())),
        page_count: Some(Some(657)),
        price: Money {
            amount: "55.00".to_owned(),
            currency: "USD".to_owned(),
        },
    }
}

/// Calls `operation` with valid input; the status of the success response.
async fn call(client: &Client, operation: &str) -> Result<u16, ClientError> {
    let status = match operation {
        "listBooks" => {
            client
                .list_books()
                .limit(2)
                .offset(0)
                .sort("-publishedOn|title")
                .filter("language::en")
                .send()
                .await?
                .status
        }
        "createBook" => {
            client
                .create_book(CreateBookBody::V1(input()))
                .send()
                .await?
                .status
        }
        "searchBooks" => {
            let criteria = BookSearchCriteria {
                keywords: "computer programs".to_owned(),
                max_results: Some(10),
            };
            client.search_books(criteria).send().await?.status
        }
        "getBook" => client.get_book(book_id()).send().await?.status,
        "replaceBook" => {
            client
                .replace_book(book_id(), ReplaceBookBody::V1(input()))
                .if_match(ETAG)
                .send()
                .await?
                .status
        }
        "deleteBook" => {
            client
                .delete_book(book_id())
                .if_match(ETAG)
                .send()
                .await?
                .status
        }
        "updateBook" => {
            let patch = BookPatchV1 {
                title: None,
                author: None,
                isbn: None,
                language: None,
                summary: Some(None),
                page_count: Some(Some(700)),
                price: Some(Money {
                    amount: "49.90".to_owned(),
                    currency: "EUR".to_owned(),
                }),
            };
            client
                .update_book(book_id(), UpdateBookBody::V1(patch))
                .if_match(ETAG)
                .send()
                .await?
                .status
        }
        "publishBook" => client.publish_book(book_id()).send().await?.status,
        other => panic!("unknown operation {other}"),
    };
    Ok(status.as_u16())
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let base = args.next().expect("usage: driver BASE_URL MODE");
    let mode = args.next().expect("usage: driver BASE_URL MODE");
    match mode.as_str() {
        "static" => {
            let client = client(&base, None);
            for op in OPERATIONS {
                report(op, &mode, None, call(&client, op).await);
            }
        }
        "dynamic" => {
            let client = client(&base, Some("dynamic=true"));
            for op in OPERATIONS {
                for _ in 0..5 {
                    report(op, &mode, None, call(&client, op).await);
                }
            }
        }
        "errors" => {
            for (op, statuses) in ERRORS {
                for &status in *statuses {
                    let client = client(&base, Some(&format!("code={status}")));
                    report(op, &mode, Some(status), call(&client, op).await);
                }
            }
        }
        other => panic!("unknown mode {other}"),
    }
}

/// Prints the JSON line of one call.
fn report(operation: &str, mode: &str, forced: Option<u16>, result: Result<u16, ClientError>) {
    let mut line = serde_json::json!({
        "operation": operation,
        "mode": mode,
        "forced": forced,
    });
    match result {
        Ok(status) => {
            line["outcome"] = "ok".into();
            line["status"] = status.into();
        }
        Err(error) => {
            line["outcome"] = outcome(&error).into();
            line["status"] = error.status().map(|s| s.as_u16()).into();
            line["detail"] = error.to_string().into();
            if let Some(api) = error.api_error() {
                line["code"] = api.code.clone().into();
                line["message"] = api.message.clone().into();
            }
        }
    }
    println!("{line}");
}

fn outcome(error: &ClientError) -> &'static str {
    match error {
        ClientError::Api { .. } => "api",
        ClientError::UnsupportedVersion { .. } => "unsupported_version",
        ClientError::UnexpectedStatus { .. } => "unexpected_status",
        ClientError::UnexpectedContentType { .. } => "unexpected_content_type",
        ClientError::Decode { .. } => "decode",
        ClientError::Header { .. } => "header",
        ClientError::Transport { .. } => "transport",
        ClientError::InvalidRequest { .. } => "invalid_request",
        ClientError::Auth { .. } => "auth",
        _ => "other",
    }
}
