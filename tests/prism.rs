//! Prism, the mock server the tests of generated clients run against: the
//! harness ([`PrismMock`]) starts it on `specs/bookstore.yaml` and on the two
//! real documents of `tests/fixtures/prism/` (see the README there), and plain
//! HTTP requests get the documented answers. Also pins down the Prism
//! behaviours the client tests have to live with (see
//! [`bookstore_quirks`]).
//!
//! Environment: `SPECFIRST_PRISM` (the `prism` executable) and
//! `SPECFIRST_SKIP_PRISM=1` (pass without running when Prism is not
//! installed), as described on [`PrismMock`].

use std::path::PathBuf;

use crate::util::{HttpResponse, PrismMock, PrismOptions, repo};

/// A book of the bookstore document's examples.
const BOOK: &str = "/books/6f1c2b9e-3d4a-4c8b-9f2e-1a7d5e0c4b38";

/// A bearer token: the bookstore requires OAuth 2, which Prism checks only
/// for the presence of `Authorization: Bearer …`.
const BEARER: (&str, &str) = ("Authorization", "Bearer test-token");

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/prism").join(name)
}

/// A 2xx without any `sl-violations`, request or response.
fn assert_clean_success(what: &str, response: &HttpResponse) {
    assert!(
        (200..300).contains(&response.status),
        "{what}: expected a 2xx\n{}",
        response.dump()
    );
    assert!(
        response.header("sl-violations").is_none(),
        "{what}: Prism reports violations\n{}",
        response.dump()
    );
}

/// One GET with valid input: a 2xx without violations, then the same request
/// with `Prefer: code=<error>` (an error status the operation documents)
/// gets that status, with the document's JSON error body.
fn check_get(mock: &PrismMock, target: &str, headers: &[(&str, &str)], error: u16) {
    let ok = mock.get(target, headers);
    assert_clean_success(&format!("GET {target}"), &ok);
    let body: serde_json::Value = serde_json::from_slice(&ok.body)
        .unwrap_or_else(|e| panic!("GET {target}: body is not JSON ({e})\n{}", ok.dump()));
    assert!(body.is_object(), "GET {target}: {body}");

    let prefer = format!("code={error}");
    let mut with_prefer = headers.to_vec();
    with_prefer.push(("Prefer", &prefer));
    let failed = mock.get(target, &with_prefer);
    assert_eq!(
        failed.status,
        error,
        "GET {target} with Prefer: {prefer}\n{}",
        failed.dump()
    );
    assert!(
        failed.request_violations().is_empty(),
        "GET {target} with Prefer: {prefer}\n{}",
        failed.dump()
    );
    // The document's error response, not one of Prism's own
    // (`application/problem+json`) errors.
    let content_type = failed.header("content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "GET {target} with Prefer: {prefer}\n{}",
        failed.dump()
    );

    let violations = mock.violations();
    assert!(
        violations.is_empty(),
        "Prism logged violations: {violations:#?}\n{}",
        mock.log()
    );
}

#[test]
fn bookstore() {
    let Some(mock) = PrismMock::start(&repo().join("specs/bookstore.yaml")) else {
        return;
    };
    check_get(&mock, BOOK, &[BEARER], 404);
    check_get(
        &mock,
        "/books?limit=2&sort=-publishedOn",
        &[BEARER, ("Accept", "application/json; version=1")],
        400,
    );

    // An invalid request: reported in the header and in the log.
    let bad = mock.get("/books/not-a-uuid", &[BEARER]);
    assert_eq!(bad.status, 400, "{}", bad.dump());
    let reported = bad.request_violations();
    assert_eq!(reported.len(), 1, "{}", bad.dump());
    assert_eq!(reported[0]["location"][2], "bookid", "{}", bad.dump());
    let logged = mock.violations();
    assert_eq!(
        logged,
        ["request.path.bookid Request path parameter bookid must match format \"uuid\""],
        "{}",
        mock.log()
    );
}

#[test]
fn adyen_transfers_v4() {
    let Some(mock) = PrismMock::start(&fixture("adyen-transfers-v4.json")) else {
        return;
    };
    // Three alternative security schemes: an API key header, basic, and an
    // API key in the query.
    check_get(&mock, "/grants/GR0001", &[("X-API-Key", "test-key")], 404);
    check_get(
        &mock,
        "/grants/GR0001",
        &[("Authorization", "Basic dXNlcjpwYXNz")],
        404,
    );
    check_get(&mock, "/grants/GR0001?clientKey=test-key", &[], 404);
    check_get(
        &mock,
        "/transactions?createdSince=2024-01-01T00:00:00Z&createdUntil=2024-02-01T00:00:00Z\
         &balanceAccountId=BA0001&limit=10",
        &[("X-API-Key", "test-key")],
        422,
    );
}

#[test]
fn apideck_ats() {
    let Some(mock) = PrismMock::start(&fixture("apideck-ats.json")) else {
        return;
    };
    let headers = [
        ("Authorization", "test-key"),
        ("x-apideck-consumer-id", "consumer-1"),
        ("x-apideck-app-id", "app-1"),
        ("x-apideck-service-id", "lever"),
    ];
    check_get(&mock, "/ats/applications/AP0001?raw=false", &headers, 404);
    check_get(
        &mock,
        "/ats/applications?limit=5&pass_through%5Bsearch%5D=engineer",
        &headers,
        402,
    );

    // A required header missing.
    let missing = mock.get("/ats/applications/AP0001", &headers[..1]);
    assert_eq!(missing.status, 422, "{}", missing.dump());
    assert_eq!(missing.request_violations().len(), 2, "{}", missing.dump());
}

/// Prism's behaviours that tests of generated clients must expect, on the
/// bookstore (`application/json; version=1|2` representations, ETags and
/// preconditions, OAuth 2). Prism 5.14.2; a later version may change them.
#[test]
fn bookstore_quirks() {
    let Some(mock) = PrismMock::start(&repo().join("specs/bookstore.yaml")) else {
        return;
    };

    // Accept with a version parameter: the matching representation's example
    // and Content-Type, but the response is validated against the *first*
    // `application/json` media type (version 1): a response violation.
    let v2 = mock.get(BOOK, &[BEARER, ("Accept", "application/json; version=2")]);
    assert_eq!(v2.status, 200, "{}", v2.dump());
    assert_eq!(
        v2.header("content-type"),
        Some("application/json; version=2")
    );
    assert!(v2.text().contains("\"authors\""), "{}", v2.dump());
    assert!(v2.request_violations().is_empty(), "{}", v2.dump());
    let violations = v2.sl_violations();
    assert_eq!(violations.len(), 1, "{}", v2.dump());
    assert_eq!(violations[0]["location"][0], "response");
    // No Accept, or an unknown version: version 1, not 406.
    for accept in [None, Some("application/json; version=3")] {
        let mut headers = vec![BEARER];
        headers.extend(accept.map(|a| ("Accept", a)));
        let r = mock.get(BOOK, &headers);
        assert_eq!(r.status, 200, "{accept:?}: {}", r.dump());
        assert_eq!(
            r.header("content-type"),
            Some("application/json; version=1"),
            "{accept:?}"
        );
    }
    // Accept with no JSON: Prism's own 406.
    let html = mock.get(BOOK, &[BEARER, ("Accept", "text/html")]);
    assert_eq!(html.status, 406, "{}", html.dump());
    assert_eq!(
        html.header("content-type"),
        Some("application/problem+json")
    );

    // Request bodies: Content-Type's version is ignored too, every JSON body
    // is validated against version 1's schema. A valid version 2 body is
    // refused (422, the document's example error), a version 1 body sent as
    // version 2 passes.
    let v1_body = br#"{"title":"T","author":"A","isbn":"9780262510875","language":"en","price":{"amount":"10.00","currency":"EUR"}}"#;
    let v2_body = br#"{"title":"T","authors":["A"],"isbn":"9780262510875","language":"en","price":{"amount":"10.00","currency":"EUR"}}"#;
    let json = |version: &'static str| ("Content-Type", version);
    let created = mock.request(
        "POST",
        "/books",
        &[BEARER, json("application/json; version=1")],
        v1_body,
    );
    assert_clean_success("POST /books, version 1", &created);
    assert!(created.header("location").is_some(), "{}", created.dump());
    let refused = mock.request(
        "POST",
        "/books",
        &[BEARER, json("application/json; version=2")],
        v2_body,
    );
    assert_eq!(refused.status, 422, "{}", refused.dump());
    assert_eq!(refused.request_violations().len(), 1, "{}", refused.dump());
    let mislabelled = mock.request(
        "POST",
        "/books",
        &[BEARER, json("application/json; version=2")],
        v1_body,
    );
    assert_clean_success("POST /books, version 1 body labelled 2", &mislabelled);

    // Preconditions are not evaluated (Prism is stateless): If-Match and
    // If-None-Match are accepted and ignored, a missing If-Match is not a
    // 428. `Prefer: code=412` gives the documented 412.
    for if_match in [None, Some("\"abc\""), Some("*")] {
        let mut headers = vec![BEARER];
        headers.extend(if_match.map(|v| ("If-Match", v)));
        let deleted = mock.request("DELETE", BOOK, &headers, b"");
        assert_eq!(
            deleted.status,
            204,
            "If-Match {if_match:?}: {}",
            deleted.dump()
        );
    }
    let not_modified = mock.get(BOOK, &[BEARER, ("If-None-Match", "\"abc\"")]);
    assert_eq!(not_modified.status, 200, "{}", not_modified.dump());
    assert!(not_modified.header("etag").is_some());
    let precondition = mock.request("DELETE", BOOK, &[BEARER, ("Prefer", "code=412")], b"");
    assert_eq!(precondition.status, 412, "{}", precondition.dump());
    // A status the operation does not document: Prism's own 404.
    let undocumented = mock.request("DELETE", BOOK, &[BEARER, ("Prefer", "code=428")], b"");
    assert_eq!(undocumented.status, 404, "{}", undocumented.dump());
    assert_eq!(
        undocumented.header("content-type"),
        Some("application/problem+json")
    );

    // Unknown query parameters are not violations.
    let unknown = mock.get("/books?colour=blue", &[BEARER]);
    assert_clean_success("GET /books?colour=blue", &unknown);

    // No credentials: the document's 401, and a request violation.
    let anonymous = mock.get(BOOK, &[]);
    assert_eq!(anonymous.status, 401, "{}", anonymous.dump());
    assert_eq!(anonymous.request_violations().len(), 1);

    // `Prefer: dynamic=true`: a body generated from the schema, with extra
    // properties the schema allows (json-schema-faker fills them).
    let dynamic = mock.get(BOOK, &[BEARER, ("Prefer", "dynamic=true")]);
    assert_clean_success("GET with Prefer: dynamic=true", &dynamic);
    let book: serde_json::Value = serde_json::from_slice(&dynamic.body).unwrap_or_default();
    assert!(book["bookId"].is_string(), "{}", dynamic.dump());

    // HEAD is not supported: 405.
    let head = mock.request("HEAD", BOOK, &[BEARER], b"");
    assert_eq!(head.status, 405, "{}", head.dump());

    // The log has the Violation lines of the requests above, in order.
    let logged = mock.violations();
    assert!(
        logged.iter().any(|v| v.starts_with("response.body ")),
        "{logged:#?}"
    );
    assert!(
        logged.iter().any(|v| v.starts_with("request.body ")),
        "{logged:#?}"
    );
    assert!(
        logged.contains(&"request Invalid security scheme used".to_owned()),
        "{logged:#?}"
    );
}

/// `--dynamic`, and no Prism left running once the harness is dropped.
#[test]
fn dynamic_and_drop() {
    let Some(mock) =
        PrismMock::start_with(&fixture("apideck-ats.json"), PrismOptions { dynamic: true })
    else {
        return;
    };
    // Static responses of jobsOne carry the document's example, which breaks
    // its own schema (`closing_date`, see the fixtures' README); dynamic ones
    // are generated from the schema.
    let job = mock.get(
        "/ats/jobs/JB0001",
        &[
            ("Authorization", "test-key"),
            ("x-apideck-consumer-id", "consumer-1"),
            ("x-apideck-app-id", "app-1"),
        ],
    );
    assert!((200..300).contains(&job.status), "{}", job.dump());
    assert!(job.request_violations().is_empty(), "{}", job.dump());
    assert!(mock.started_in() > std::time::Duration::ZERO);

    let addr = mock.addr();
    assert_eq!(mock.base_url(), format!("http://{addr}"));
    let pid = mock.pid();
    drop(mock);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "Prism still listens on {addr}"
    );
    if cfg!(target_os = "linux") {
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "Prism (pid {pid}) still runs"
        );
    }
}
