//! The client on the wire: what it sends (request line, headers, body) for each endpoint, and what it
//! makes of every documented answer and of the undocumented ones a real network produces.

mod common;

use std::time::Duration;

use common::{Script, fixture, json, peer, streaming_peer};
use providers::apurata::downpayment::*;
use providers::http::ApiError;
use providers::{ApiToken, HttpSettings, PlainHttp, ProviderRoot, Soles};

const TOKEN: &str = "test-token-not-secret";

fn client(root: &str, flavor: Flavor) -> DownpaymentApi {
    let settings = HttpSettings {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_millis(800),
        max_body_bytes: 64 * 1024,
    };
    let root = ProviderRoot::parse(root, PlainHttp::LoopbackOnly).unwrap();
    DownpaymentApi::new(&root, flavor, ApiToken::new(TOKEN), settings).unwrap()
}

fn dni() -> CustomerId {
    CustomerId::Dni("14159265".parse().unwrap())
}

fn code(text: &str) -> FundingCode {
    text.parse().unwrap()
}

#[tokio::test]
async fn info_sends_the_documented_request_and_parses_the_answer() {
    let (url, recorded) = peer(json(200, &fixture("info_200.json"))).await;
    let info = client(&url, Flavor::V2)
        .info(&dni(), &code("1234567"))
        .await
        .unwrap();
    assert_eq!(info.downpayment_amount, Soles::from_centimos(57_998));
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        "GET /pos/client/inhouse-downpayment/v2/info?dni=14159265&funding_code=1234567 HTTP/1.1"
    );
    assert_eq!(
        request.header("authorization"),
        Some(&*format!("Bearer {TOKEN}"))
    );
}

#[tokio::test]
async fn mock_flavor_uses_the_mock_paths() {
    let (url, recorded) = peer(json(200, &fixture("info_200.json"))).await;
    client(&url, Flavor::Mock)
        .info(
            &CustomerId::Ruc("10141421358".parse().unwrap()),
            &code("1414213"),
        )
        .await
        .unwrap();
    assert_eq!(
        recorded.await.unwrap().request_line,
        "GET /pos/client/inhouse-downpayment/mock/info?ruc=10141421358&funding_code=1414213 HTTP/1.1"
    );
}

#[tokio::test]
async fn paid_and_billed_posts_the_documented_body() {
    let (url, recorded) = peer(json(200, "")).await;
    client(&url, Flavor::V2)
        .paid_and_billed(&dni(), &code("1234567"))
        .await
        .unwrap();
    let request = recorded.await.unwrap();
    assert_eq!(
        request.request_line,
        "POST /pos/client/inhouse-downpayment/v2/paid-and-billed HTTP/1.1"
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    let documented: serde_json::Value =
        serde_json::from_str(&fixture("paid_and_billed_request.json")).unwrap();
    assert_eq!(sent, documented);
}

#[tokio::test]
async fn undo_billing_posts_to_its_path() {
    let (url, recorded) = peer(json(200, "{}")).await;
    client(&url, Flavor::V2)
        .undo_billing(&dni(), &code("1234567"))
        .await
        .unwrap();
    assert_eq!(
        recorded.await.unwrap().request_line,
        "POST /pos/client/inhouse-downpayment/v2/undo-billing HTTP/1.1"
    );
}

#[tokio::test]
async fn day_summary_queries_use_an_ampersand() {
    let day = jiff::civil::date(2022, 11, 16);
    let (url, recorded) = peer(json(200, &fixture("day_summary_detail_200.json"))).await;
    let detail = client(&url, Flavor::V2)
        .day_summary_detail(day)
        .await
        .unwrap();
    assert_eq!(detail.order_detail.len(), 3);
    assert_eq!(
        recorded.await.unwrap().request_line,
        "GET /pos/client/inhouse-downpayment/v2/day-summary?day=2022-11-16&detail=true HTTP/1.1"
    );
    let (url, recorded) = peer(json(200, &fixture("day_summary_200.json"))).await;
    let totals = client(&url, Flavor::V2).day_totals(day).await.unwrap();
    assert_eq!(totals.total_financed, Soles::from_centimos(424_950));
    assert_eq!(
        recorded.await.unwrap().request_line,
        "GET /pos/client/inhouse-downpayment/v2/day-summary?day=2022-11-16 HTTP/1.1"
    );
}

#[tokio::test]
async fn documented_errors_are_typed() {
    type Expectation = fn(&ApiError) -> bool;
    let cases: [(u16, &str, Expectation); 4] = [
        (401, "error_401.json", |e| {
            matches!(e, ApiError::Unauthorized { .. })
        }),
        (404, "error_404.json", |e| {
            matches!(e, ApiError::NotFound { .. })
        }),
        (400, "error_400_not_billed.json", |e| {
            matches!(e, ApiError::NotBilledYet { .. })
        }),
        (
            400,
            "error_400_fields.json",
            |e| matches!(e, ApiError::InvalidFields { fields } if fields.len() == 2),
        ),
    ];
    for (status, name, expected) in cases {
        let (url, _) = peer(json(status, &fixture(name))).await;
        let error = client(&url, Flavor::V2)
            .undo_billing(&dni(), &code("1234567"))
            .await
            .unwrap_err();
        assert!(expected(&error), "{name}: {error:?}");
        assert!(error.is_refusal(), "{name}");
    }
}

#[tokio::test]
async fn server_errors_and_garbage_are_unknown_outcomes() {
    let html = Script::Answer {
        status: 500,
        content_type: "text/html",
        body: b"<html><h1>Internal Server Error</h1></html>".to_vec(),
    };
    let (url, _) = peer(html).await;
    let error = client(&url, Flavor::V2)
        .paid_and_billed(&dni(), &code("1"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::ServerError { status: 500, .. }),
        "{error:?}"
    );
    assert!(!error.is_refusal());

    let (url, _) = peer(json(200, "{\"funding_code\": ")).await;
    let error = client(&url, Flavor::V2)
        .info(&dni(), &code("1"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ApiError::UnexpectedBody { status: 200, .. }),
        "{error:?}"
    );

    let (url, _) = peer(json(200, "{\"total_purchases\": \"a lot\"}")).await;
    let error = client(&url, Flavor::V2)
        .day_totals(jiff::civil::date(2026, 1, 1))
        .await;
    assert!(
        matches!(error, Err(ApiError::UnexpectedBody { .. })),
        "{error:?}"
    );
}

#[tokio::test]
async fn silence_ends_in_a_timeout() {
    let (url, _) = peer(Script::Silence).await;
    let started = std::time::Instant::now();
    let error = client(&url, Flavor::V2)
        .paid_and_billed(&dni(), &code("1"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Timeout { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    let (url, _) = peer(Script::Drop).await;
    let error = client(&url, Flavor::V2)
        .paid_and_billed(&dni(), &code("1"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Transport { .. }), "{error:?}");
    assert!(!error.is_refusal());
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let (url, _) = peer(Script::Huge {
        bytes: 10 * 1024 * 1024,
    })
    .await;
    let error = client(&url, Flavor::V2)
        .info(&dni(), &code("1"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::BodyTooLarge { .. }), "{error:?}");

    let url = streaming_peer(1024 * 1024).await;
    let error = client(&url, Flavor::V2)
        .info(&dni(), &code("1"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::BodyTooLarge { .. }), "{error:?}");
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = client(&url, Flavor::V2)
        .info(&dni(), &code("1"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Unreachable { .. }), "{error:?}");
}

#[test]
fn the_token_never_prints() {
    let token = ApiToken::new("super-secret-value");
    let api = DownpaymentApi::new(
        &ProviderRoot::parse("https://apurata.com", PlainHttp::LoopbackOnly).unwrap(),
        Flavor::V2,
        token.clone(),
        HttpSettings::default(),
    )
    .unwrap();
    assert!(!format!("{token:?}").contains("super-secret"));
    assert!(!format!("{api:?}").contains("super-secret"));
}
