//! Calls every operation of `tests/fixtures/prism/apideck-ats.json` through
//! its generated client against Prism: `driver BASE_URL MODE`, where MODE is
//! `static`, `dynamic` or `errors` (see `tests/prism_client.rs`). Prints one
//! JSON line per call.
//!
//! Every operation requires the API key (`Authorization` header) and the
//! `x-apideck-consumer-id` and `x-apideck-app-id` headers (required
//! arguments); the driver also sends the optional `x-apideck-service-id` and
//! `raw`, and the list operations' query parameters, `deepObject` ones
//! included.

use apideck_ats::types::{
    Applicant, ApplicantsFilter, Application, ApplicationStatus, Email, EmailType,
    PassThroughQuery, PhoneNumber,
};
use apideck_ats::{Client, ClientError, RetryPolicy};

const CONSUMER: &str = "test-consumer";
const APP: &str = "dSBdXd2H6Mqwfg0atXHXYcysLJE9qyn1VwBtXHX";
const SERVICE: &str = "lever";
const ID: &str = "12345";

const OPERATIONS: &[&str] = &[
    "applicantsAll",
    "applicantsAdd",
    "applicantsOne",
    "applicantsUpdate",
    "applicantsDelete",
    "applicationsAll",
    "applicationsAdd",
    "applicationsOne",
    "applicationsUpdate",
    "applicationsDelete",
    "jobsAll",
    "jobsOne",
];

/// The error statuses forced with `Prefer: code=N`, per operation: every
/// operation documents 400, 401, 402, 404 and 422.
const ERRORS: &[u16] = &[404, 400, 401, 402, 422];

fn client(base: &str, prefer: Option<&str>) -> Client {
    let mut builder = Client::builder(base)
        .with_api_key_key("test-api-key")
        .retry(RetryPolicy::disabled());
    if let Some(prefer) = prefer {
        builder = builder.default_header("Prefer", prefer);
    }
    builder.build().expect("client")
}

fn applicant() -> Applicant {
    Applicant {
        addresses: None,
        anonymized: None,
        application_ids: None,
        applications: None,
        archived: None,
        birthday: Some(Some(
            chrono::NaiveDate::from_ymd_opt(2000, 8, 12).expect("date"),
        )),
        confidential: Some(false),
        coordinator_id: None,
        cover_letter: Some("I submit this application for the position.".to_owned()),
        created_at: None,
        created_by: None,
        custom_fields: None,
        custom_mappings: None,
        cv_url: None,
        deleted: None,
        deleted_at: None,
        deleted_by: None,
        emails: Some(vec![Email {
            email: Some("elon@musk.com".to_owned()),
            id: None,
            r#type: Some(Some(EmailType::Primary)),
        }]),
        first_name: Some(Some("Elon".to_owned())),
        followers: None,
        headline: Some("PepsiCo, Inc, Central Perk".to_owned()),
        id: None,
        initials: Some(Some("EM".to_owned())),
        job_url: None,
        last_interaction_at: None,
        last_name: Some(Some("Musk".to_owned())),
        middle_name: None,
        name: Some("Elon Musk".to_owned()),
        owner_id: None,
        phone_numbers: Some(vec![PhoneNumber {
            area_code: None,
            country_code: Some(Some("1".to_owned())),
            extension: None,
            id: None,
            number: "111-111-1111".to_owned(),
            r#type: None,
        }]),
        photo_url: None,
        position_id: None,
        record_url: None,
        recruiter_id: None,
        rejected_at: None,
        social_links: None,
        source_id: None,
        sourced_by: None,
        sources: None,
        stage_id: None,
        tags: Some(Some(vec!["New".to_owned()])),
        title: Some(Some("Software Engineer".to_owned())),
        updated_at: None,
        updated_by: None,
        websites: None,
    }
}

fn application() -> Application {
    Application {
        applicant_id: Some("12345".to_owned()),
        created_at: None,
        created_by: None,
        custom_mappings: None,
        id: None,
        job_id: Some("12345".to_owned()),
        stage: None,
        status: Some(Some(ApplicationStatus::Open)),
        updated_at: None,
        updated_by: None,
    }
}

fn pass_through() -> PassThroughQuery {
    PassThroughQuery {
        example_downstream_property: Some("engineer".to_owned()),
    }
}

/// Calls `operation` with valid input; the status of the success response.
async fn call(client: &Client, operation: &str) -> Result<u16, ClientError> {
    let status = match operation {
        "applicantsAll" => {
            client
                .applicants_all(CONSUMER, APP)
                .x_apideck_service_id(SERVICE)
                .raw(false)
                .limit(20)
                .filter(ApplicantsFilter {
                    job_id: Some("1234".to_owned()),
                })
                .pass_through(pass_through())
                .fields(Some("id,name,emails".to_owned()))
                .send()
                .await?
                .status
        }
        "applicantsAdd" => {
            client
                .applicants_add(CONSUMER, APP, applicant())
                .x_apideck_service_id(SERVICE)
                .send()
                .await?
                .status
        }
        "applicantsOne" => {
            client
                .applicants_one(ID, CONSUMER, APP)
                .raw(false)
                .fields(Some("id,name".to_owned()))
                .send()
                .await?
                .status
        }
        "applicantsUpdate" => {
            client
                .applicants_update(ID, CONSUMER, APP, applicant())
                .send()
                .await?
                .status
        }
        "applicantsDelete" => {
            client
                .applicants_delete(ID, CONSUMER, APP)
                .send()
                .await?
                .status
        }
        "applicationsAll" => {
            client
                .applications_all(CONSUMER, APP)
                .cursor(Some("em9oby1zb2xhcjoxMg==".to_owned()))
                .limit(5)
                .pass_through(pass_through())
                .send()
                .await?
                .status
        }
        "applicationsAdd" => {
            client
                .applications_add(CONSUMER, APP, application())
                .send()
                .await?
                .status
        }
        "applicationsOne" => {
            client
                .applications_one(ID, CONSUMER, APP)
                .x_apideck_service_id(SERVICE)
                .send()
                .await?
                .status
        }
        "applicationsUpdate" => {
            client
                .applications_update(ID, CONSUMER, APP, application())
                .send()
                .await?
                .status
        }
        "applicationsDelete" => {
            client
                .applications_delete(ID, CONSUMER, APP)
                .raw(true)
                .send()
                .await?
                .status
        }
        "jobsAll" => {
            client
                .jobs_all(CONSUMER, APP)
                .limit(10)
                .pass_through(pass_through())
                .fields(Some("id,title".to_owned()))
                .send()
                .await?
                .status
        }
        "jobsOne" => {
            client
                .jobs_one(ID, CONSUMER, APP)
                .x_apideck_service_id(SERVICE)
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
            for &status in ERRORS {
                let client = client(&base, Some(&format!("code={status}")));
                for op in OPERATIONS {
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
