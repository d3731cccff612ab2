//! The client token: `401 {"error": "Wrong or missing client token"}` on every endpoint of both
//! prefixes, checked before the request's fields.

mod common;

use common::{Caller, ENDPOINTS, answer, start, start_with, url};
use providers::apurata::downpayment::MOCK_TOKEN;
use sandbox::SandboxConfig;
use serde_json::json;

fn unauthorized() -> serde_json::Value {
    json!({"error": "Wrong or missing client token"})
}

async fn call(caller: &Caller, url: &str, endpoint: &str) -> common::Answer {
    match endpoint {
        "info" => {
            caller
                .get(url, &[("dni", "14159265"), ("funding_code", "1234567")])
                .await
        }
        "day-summary" => caller.get(url, &[("day", "2026-03-10")]).await,
        _ => {
            caller
                .post(url, r#"{"dni": "14159265", "funding_code": "1234567"}"#)
                .await
        }
    }
}

#[tokio::test]
async fn missing_token_is_refused_everywhere() {
    let sandbox = start().await;
    let caller = Caller::with_token(None);
    for flavor in ["v2", "mock"] {
        for endpoint in ENDPOINTS {
            call(&caller, &url(&sandbox, flavor, endpoint), endpoint)
                .await
                .expect(401, unauthorized());
        }
    }
    assert!(sandbox.state().billing_events().is_empty());
}

#[tokio::test]
async fn wrong_token_is_refused_everywhere() {
    let sandbox = start().await;
    let caller = Caller::with_token(Some("69a06d50c17e4267a18e84f8530d6asX"));
    for flavor in ["v2", "mock"] {
        for endpoint in ENDPOINTS {
            call(&caller, &url(&sandbox, flavor, endpoint), endpoint)
                .await
                .expect(401, unauthorized());
        }
    }
    assert!(sandbox.state().billing_events().is_empty());
}

#[tokio::test]
async fn malformed_authorization_headers_are_refused() {
    let sandbox = start().await;
    let http = reqwest::Client::new();
    let info = url(&sandbox, "v2", "info");
    let query = [("dni", "14159265"), ("funding_code", "1234567")];
    for header in [
        MOCK_TOKEN.to_owned(),
        format!("Basic {MOCK_TOKEN}"),
        "Bearer".to_owned(),
        "Bearer ".to_owned(),
        format!("Bearer {MOCK_TOKEN}x"),
        format!("Token {MOCK_TOKEN}"),
    ] {
        let request = http
            .get(&info)
            .query(&query)
            .header("authorization", &header);
        answer(request).await.expect(401, unauthorized());
    }
    // The scheme is case-insensitive, as HTTP says.
    let request = http
        .get(&info)
        .query(&query)
        .header("authorization", format!("bearer {MOCK_TOKEN}"));
    assert_eq!(answer(request).await.status, 200);
}

#[tokio::test]
async fn token_is_checked_before_the_fields() {
    let sandbox = start().await;
    let caller = Caller::with_token(None);
    caller
        .get(
            &url(&sandbox, "v2", "info"),
            &[("dni", "x"), ("funding_code", "y")],
        )
        .await
        .expect(401, unauthorized());
    caller
        .post(&url(&sandbox, "v2", "paid-and-billed"), "not json")
        .await
        .expect(401, unauthorized());
    caller
        .post(
            &url(&sandbox, "mock", "undo-billing"),
            r#"{"ruc": "20601234565"}"#,
        )
        .await
        .expect(401, unauthorized());
    caller
        .get(
            &url(&sandbox, "v2", "day-summary"),
            &[("day", "yesterday"), ("detail", "maybe")],
        )
        .await
        .expect(401, unauthorized());
}

#[tokio::test]
async fn a_configured_token_replaces_the_mock_token() {
    let sandbox = start_with(SandboxConfig {
        token: "store-token-123".into(),
        ..SandboxConfig::default()
    })
    .await;
    let info = url(&sandbox, "mock", "info");
    let query = [("dni", "14159265"), ("funding_code", "1234567")];
    Caller::default()
        .get(&info, &query)
        .await
        .expect(401, unauthorized());
    let answer = Caller::with_token(Some("store-token-123"))
        .get(&info, &query)
        .await;
    assert_eq!(answer.status, 200, "{answer:?}");
}
