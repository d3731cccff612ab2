//! The Central client where what answers is not Central: a captive portal's page with 200, a proxy's
//! 502 page, nothing listening at all, and plain HTTP beyond this machine. Its exchanges with the real
//! Central are tested in `crates/central/tests/till_link/client.rs`.

use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{StatusCode, header};
use axum::routing::any;
use providers::central::client::{self, CentralClient, CentralError, NOT_AN_API_ERROR};
use providers::central::signing::{TillRef, TillSigningKey};
use providers::central::wire::AuditBatch;
use providers::{HttpSettings, PlainHttp};

/// A server on loopback answering every request with `status`, `content_type` and `body`; the client of
/// till T01/C1 pointed at it.
async fn answering(status: u16, content_type: &'static str, body: &'static str) -> CentralClient {
    let app = Router::new().fallback(any(move || async move {
        (
            StatusCode::from_u16(status).unwrap(),
            [(header::CONTENT_TYPE, content_type)],
            body,
        )
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let root = client::parse_base_url(&url, PlainHttp::LoopbackOnly).unwrap();
    CentralClient::new(
        root,
        TillRef::new("T01", "C1"),
        TillSigningKey::generate(),
        HttpSettings::default(),
    )
    .unwrap()
}

#[tokio::test]
async fn a_success_with_an_html_body_is_a_bad_answer() {
    let api = answering(200, "text/html", "<html><body>Wi-Fi login</body></html>").await;
    let error = api
        .push_audit(&AuditBatch { entries: vec![] })
        .await
        .unwrap_err();
    assert!(
        matches!(error, CentralError::BadAnswer { status: 200, .. }),
        "{error:?}"
    );
    let error = api.events(0, 0).await.unwrap_err();
    assert!(matches!(error, CentralError::BadAnswer { .. }), "{error:?}");
}

#[tokio::test]
async fn a_proxys_error_page_keeps_its_status() {
    let api = answering(502, "text/html", "<html>Bad gateway</html>").await;
    let error = api.status().await.unwrap_err();
    assert!(
        matches!(&error, CentralError::Refused { status: 502, code, .. } if code == NOT_AN_API_ERROR),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_json_success_of_another_shape_is_a_bad_answer() {
    let api = answering(200, "application/json", r#"{"ok": true}"#).await;
    let error = api.status().await.unwrap_err();
    assert!(matches!(error, CentralError::BadAnswer { .. }), "{error:?}");
}

#[tokio::test]
async fn an_unreachable_central_fails_fast_and_names_the_url() {
    // Port 1: nothing listens there, and no test server can take it (they bind free high ports).
    let port = 1;
    let url = format!("http://127.0.0.1:{port}");
    let root = client::parse_base_url(&url, PlainHttp::LoopbackOnly).unwrap();
    let settings = HttpSettings {
        connect_timeout: Duration::from_secs(2),
        ..HttpSettings::default()
    };
    let api = CentralClient::new(
        root,
        TillRef::new("T01", "C1"),
        TillSigningKey::generate(),
        settings,
    )
    .unwrap();
    let started = Instant::now();
    let error = api.status().await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    match error {
        CentralError::Unreachable { url: named, .. } => assert!(named.starts_with(&url), "{named}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn plain_http_beyond_loopback_needs_an_explicit_allowance() {
    assert!(matches!(
        client::parse_base_url("http://central.example", PlainHttp::LoopbackOnly),
        Err(CentralError::InvalidUrl { .. })
    ));
    assert!(client::parse_base_url("http://central.example", PlainHttp::Anywhere).is_ok());
}
