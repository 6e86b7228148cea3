//! The README's tour of the client: `cargo run -p bookstore-client --example
//! tour -- http://127.0.0.1:8080 <token> <book id>` against a running
//! bookstore server (`cargo run -p bookstore-server`).

use bookstore_client::{Client, ClientError, RetryPolicy};
use futures::StreamExt as _;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base = args
        .next()
        .unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
    let token = args.next().unwrap_or_else(|| "token".to_owned());
    let id: uuid::Uuid = args
        .next()
        .as_deref()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();

    let client = Client::builder(base)
        .with_oauth2_token(token) // one method per security scheme
        .version(2) // Accept: application/json; version=2
        .retry(RetryPolicy::default()) // 429/503 honour Retry-After; off: RetryPolicy::disabled()
        .build()?;
    let page = client.list_books().limit(50).sort("title").send().await?; // one page
    println!("{:?} of {:?}", page.value, page.content_range());
    let mut books = client.list_books().stream(); // every page
    while let Some(book) = books.next().await {
        println!("{:?}", book?);
    }
    match client.get_book(id).accept_version(1).send().await {
        Ok(response) => println!("{:?}, deprecated: {}", response.value, response.deprecated),
        Err(ClientError::Api { error, .. }) => {
            println!("{} {}: {}", error.status, error.code, error.message)
        }
        Err(ClientError::UnsupportedVersion { supported, .. }) => {
            println!("try one of {supported:?}")
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
