//! Calls every operation of `tests/fixtures/prism/adyen-transfers-v4.json`
//! through its generated client against Prism: `driver BASE_URL MODE`, where
//! MODE is `static`, `dynamic` or `errors` (see `tests/prism_client.rs`).
//! Prints one JSON line per call.
//!
//! Every operation accepts any of three security schemes; each mode uses
//! another: `static` the `X-API-Key` header, `dynamic` HTTP basic, `errors`
//! the `clientKey` query parameter.

use adyen_transfers_v4::types::{
    Amount, CapitalGrantInfo, Counterparty, CounterpartyInfoV3, ReturnTransferRequest,
    TransferInfo, TransferInfoCategory, TransferInfoPriority,
};
use adyen_transfers_v4::{Client, ClientBuilder, ClientError, RetryPolicy};

const OPERATIONS: &[&str] = &[
    "get-grants",
    "post-grants",
    "get-grants-id",
    "get-transactions",
    "get-transactions-id",
    "post-transfers",
    "post-transfers-transferId-returns",
];

/// The error statuses forced with `Prefer: code=N`, per operation: each is
/// documented for the operation (404 where there is one).
const ERRORS: &[(&str, &[u16])] = &[
    ("get-grants", &[404, 400, 422]),
    ("post-grants", &[404, 400, 403]),
    ("get-grants-id", &[404, 401]),
    ("get-transactions", &[422, 401, 500]),
    ("get-transactions-id", &[422, 403]),
    ("post-transfers", &[422, 401, 403]),
    ("post-transfers-transferId-returns", &[422, 401]),
];

fn builder(base: &str, prefer: Option<&str>) -> ClientBuilder {
    let mut builder = Client::builder(base).retry(RetryPolicy::disabled());
    if let Some(prefer) = prefer {
        builder = builder.default_header("Prefer", prefer);
    }
    builder
}

fn amount(value: i64) -> Amount {
    Amount {
        currency: "EUR".to_owned(),
        value,
    }
}

/// Calls `operation` with valid input; the status of the success response.
async fn call(client: &Client, operation: &str) -> Result<u16, ClientError> {
    let status = match operation {
        "get-grants" => {
            client
                .get_grants()
                .counterparty_account_holder_id("AH00000000000000000000001")
                .send()
                .await?
                .status
        }
        "post-grants" => {
            let grant = CapitalGrantInfo {
                counterparty: Some(Counterparty {
                    account_holder_id: Some("AH00000000000000000000001".to_owned()),
                    balance_account_id: Some("BA00000000000000000000001".to_owned()),
                    transfer_instrument_id: None,
                }),
                grant_account_id: "CG00000000000000000000001".to_owned(),
                grant_offer_id: "0000000000000001".to_owned(),
            };
            client.post_grants().body(grant).send().await?.status
        }
        "get-grants-id" => {
            client
                .get_grants_id("CG00000000000000000000001")
                .send()
                .await?
                .status
        }
        "get-transactions" => {
            let since = "2023-08-01T00:00:00+02:00".parse().expect("date-time");
            let until = "2023-08-31T23:59:59+02:00".parse().expect("date-time");
            client
                .get_transactions(since, until)
                .balance_account_id("BAB8B2C3D4E5F6G7H8D9J6GD4")
                .limit(10)
                .send()
                .await?
                .status
        }
        "get-transactions-id" => {
            client
                .get_transactions_id("IZK7C25U7DYVX03Y")
                .send()
                .await?
                .status
        }
        "post-transfers" => {
            let transfer = TransferInfo {
                amount: amount(10000),
                balance_account_id: Some("BAB8B2C3D4E5F6G7H8D9J6GD4".to_owned()),
                category: TransferInfoCategory::Internal,
                counterparty: CounterpartyInfoV3 {
                    balance_account_id: Some("BA32272223222B5LPRFDW7J9G".to_owned()),
                    bank_account: None,
                    transfer_instrument_id: None,
                },
                description: Some("Your description for the transfer".to_owned()),
                payment_instrument_id: None,
                priority: Some(TransferInfoPriority::Regular),
                reference: Some("Your internal reference for the transfer".to_owned()),
                reference_for_beneficiary: Some("Your-reference".to_owned()),
                ultimate_party: None,
            };
            client
                .post_transfers()
                .www_authenticate("SCA realm=\"Transfer\" auth-param1=\"eyJjaGFsbGVuZ2UiOiJi\"")
                .body(transfer)
                .send()
                .await?
                .status
        }
        "post-transfers-transferId-returns" => {
            let request = ReturnTransferRequest {
                amount: amount(2500),
                reference: Some("Your internal reference for the return".to_owned()),
            };
            client
                .post_transfers_transfer_id_returns("48POO45ZCTOLX4SP")
                .body(request)
                .send()
                .await?
                .status
        }
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
            let client = builder(&base, None)
                .with_api_key_auth_key("test-key")
                .build()
                .expect("client");
            for op in OPERATIONS {
                report(op, &mode, None, call(&client, op).await);
            }
        }
        "dynamic" => {
            let client = builder(&base, Some("dynamic=true"))
                .with_basic_auth("user", "secret")
                .build()
                .expect("client");
            for op in OPERATIONS {
                for _ in 0..5 {
                    report(op, &mode, None, call(&client, op).await);
                }
            }
        }
        "errors" => {
            for (op, statuses) in ERRORS {
                for &status in *statuses {
                    let client = builder(&base, Some(&format!("code={status}")))
                        .with_client_key_key("test-client-key")
                        .build()
                        .expect("client");
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
